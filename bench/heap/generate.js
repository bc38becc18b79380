// Builds a heap of a program with shape problems at scale and writes a snapshot of it.
// Usage: node --max-old-space-size=4096 bench/heap/generate.js <out.heapsnapshot> <scale>
// scale 1 gives a snapshot of roughly 15 MB; the bench picks the scale for the size it needs.
import { writeHeapSnapshot } from 'node:v8';

const [out, scaleArg = '1'] = process.argv.slice(2);
if (!out) {
  console.error('usage: generate.js <out.heapsnapshot> [scale]');
  process.exit(2);
}
const scale = Number(scaleArg);

class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}
class Order {
  constructor(id, customer) {
    this.id = id;
    this.customer = customer;
    this.lines = [];
  }
}
class Session {
  constructor(user) {
    this.user = user;
    this.started = Date.now();
  }
}
class Cache {
  constructor() {
    this.hits = 0;
  }
}

const keep = [];
const n = Math.round(20_000 * scale);
for (let i = 0; i < n; i++) {
  // Late additions after slack tracking: out-of-object PropertyArray.
  const order = new Order(i, { name: `customer ${i % 5000}`, tier: i % 3 });
  keep.push(order);
  order.lines.push(new Point(i, i + 0.5), new Point(-i, i));
  // Optional properties in different orders: several hidden classes.
  const session = new Session(`user-${i}`);
  if (i % 3 === 0) session.cart = order;
  if (i % 5 === 0) session.flags = i;
  if (i % 7 === 0) session.token = `t${i}`;
  keep.push(session);
  // delete: dictionary mode.
  if (i % 4 === 0) {
    const cache = new Cache();
    cache.a = i;
    cache.b = `${i}`;
    delete cache.a;
    keep.push(cache);
  }
  if (i % 50 === 0) keep.push(`some string ${i} `.repeat(20));
}
for (const order of keep) {
  if (order instanceof Order) {
    order.total = order.id * 2;
    order.status = 'open';
  }
}
globalThis.keep = keep;
writeHeapSnapshot(out);
