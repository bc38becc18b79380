// Simulates a busy shop: many carts, many items, coupons applied and removed.
import { Cart } from './cart.js';
import { CartItem } from './cart-item.js';
import { PriceHistory } from './price-history.js';

/** One cart line as the shop uses it: a gift note on every third, coupons on half, removed again on a quarter. */
export function shopItem(ItemClass, i) {
  const item = new ItemClass(i, '2016-12-12 02:23', i % 3 === 0 ? { giftNote: 'happy birthday' } : {});
  if (i % 2 === 0) item.applyCoupon('SAVE10', 10);
  if (i % 4 === 0) item.removeCoupon();
  return item;
}

export function runShop(itemCount = 100_000) {
  const cart = new Cart('user-1');
  const history = new PriceHistory('sku-1');
  const items = [];
  for (let i = 0; i < itemCount; i++) {
    items.push(shopItem(CartItem, i));
    history.record(9.99 + (i % 7) * 0.5);
  }
  cart.add(1, '2016-12-12 02:23');
  let sum = 0;
  for (const item of items) sum += item.total(9.99);
  return { items, cart, history, sum };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Kept reachable so a heap snapshot taken at exit (`fixed-shape snapshot`) sees the working set.
  globalThis.shop = runShop(Number(process.argv[2] ?? 100_000));
  console.log(`${globalThis.shop.items.length} cart items, total ${globalThis.shop.sum.toFixed(2)}`);
}
