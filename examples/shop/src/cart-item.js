/**
 * A line in a shopping cart: the CartItem of the Python __slots__ articles.
 * Millions of these exist at once, so its shape matters.
 * @hot
 */
export class CartItem {
  constructor(itemId, addedTime, options = {}) {
    this.itemId = itemId;
    this.addedTime = addedTime;
    // Conditional initialization: items with and without a gift note get different hidden classes.
    if (options.giftNote) {
      this.giftNote = options.giftNote;
    }
    this.quantity = 1;
  }

  setQuantity(count) {
    this.quantity = count;
  }

  applyCoupon(code, percent) {
    // Attributes added after construction, like `i.count = 3` in the Python example.
    this.coupon = code;
    this.discount = percent / 100;
  }

  removeCoupon() {
    // delete sends the instance to dictionary mode.
    delete this.coupon;
    delete this.discount;
  }

  total(unitPrice) {
    const discount = this.discount === undefined ? 0 : this.discount;
    return unitPrice * this.quantity * (1 - discount);
  }
}
