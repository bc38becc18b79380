// The seeds' CartItem: the constructor sets two fields, the program adds two more later,
// like `i.count = 3; i.myvariable = 'hello'` in the Python article.
export class CartItem {
  constructor(itemId, addedTime) {
    this.itemId = itemId;
    this.addedTime = addedTime;
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
