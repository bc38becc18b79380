import { CartItem } from './cart-item.js';

/**
 * One per shopper: a busy shop holds many at once.
 * @hot
 */
export class Cart {
  constructor(userId) {
    this.userId = userId;
    this.items = [];
    // A per-instance dictionary: item id -> position in `items`.
    this.index = {};
  }

  add(itemId, addedTime, options) {
    const item = new CartItem(itemId, addedTime, options);
    this.index[itemId] = this.items.length;
    this.items.push(item);
    return item;
  }

  has(itemId) {
    return itemId in this.index;
  }

  remove(itemId) {
    const position = this.index[itemId];
    if (position === undefined) return;
    this.items.splice(position, 1);
    delete this.index[itemId];
  }
}
