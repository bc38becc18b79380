/** Stock per SKU: keys come from data, so a Map, not an object bag. */
export class Inventory {
  private readonly stock = new Map<string, number>();

  add(sku: string, count: number): void {
    this.stock.set(sku, (this.stock.get(sku) ?? 0) + count);
  }

  count(sku: string): number {
    return this.stock.get(sku) ?? 0;
  }
}
