// Running price statistics per product, updated on every sale.
export class PriceHistory {
  constructor(productId) {
    this.productId = productId;
    this.samples = 0;
  }

  record(price) {
    if (this.samples === 0) {
      // Late-added double fields: declaring them `= undefined` would box every write.
      this.min = price;
      this.max = price;
    } else {
      this.min = Math.min(this.min, price);
      this.max = Math.max(this.max, price);
    }
    this.samples++;
  }
}
