// `delete` of a property that is not the last one added turns the instance into a dictionary.
export class Order {
  constructor(id, total) {
    this.id = id;
    this.total = total;
    this.coupon = 'WELCOME10';
    this.status = 1;
  }

  redeem() {
    delete this.coupon;
  }
}

export function create(i) {
  return new Order(i, i & 1023);
}

export function later(order) {
  order.redeem();
}

export function read(order) {
  return order.total;
}

export function write(order, value) {
  order.total = value;
}
