// Every instance gets every property, in one order: one hidden class.
export class Shipment {
  constructor(id, options) {
    this.id = id;
    this.express = options.express;
    this.insured = options.insured;
    this.gift = options.gift;
    this.fragile = options.fragile;
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
