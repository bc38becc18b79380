// Optional properties set only when present: each subset of the four flags is its own hidden class
// (16 in all), and `weight`, set after them, sits at a different offset in each.
export class Shipment {
  constructor(id, options) {
    this.id = id;
    if (options.express) this.express = true;
    if (options.insured) this.insured = true;
    if (options.gift) this.gift = true;
    if (options.fragile) this.fragile = true;
    this.weight = options.weight;
  }
}

const OPTIONS = Array.from({ length: 16 }, (_, bits) => ({
  express: (bits & 1) !== 0,
  insured: (bits & 2) !== 0,
  gift: (bits & 4) !== 0,
  fragile: (bits & 8) !== 0,
  weight: bits,
}));

export function create(i) {
  return new Shipment(i, OPTIONS[i & 15]);
}

export function read(shipment) {
  return shipment.weight;
}

export function write(shipment, value) {
  shipment.weight = value;
}
