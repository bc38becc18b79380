// Every property an instance will ever have is set in the constructor, so all live in-object.
export class CartItem {
  constructor(itemId, addedTime) {
    this.itemId = itemId;
    this.addedTime = addedTime;
    this.count = 0;
    this.note = undefined;
  }

  setCount(count) {
    this.count = count;
  }

  annotate(note) {
    this.note = note;
  }
}

const ADDED = '2016-12-12 02:23';

export function create(i) {
  return new CartItem(i, ADDED);
}

export function later(item, i) {
  item.setCount(i & 7);
  item.annotate('hello');
}

export function read(item) {
  return item.count;
}

export function write(item, value) {
  item.count = value;
}
