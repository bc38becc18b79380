import type { Cart } from './cart.js';

export interface ShippingAddress {
  street: string;
  city: string;
}

export class Order {
  readonly id: string;
  status: 'open' | 'paid' | 'shipped';

  constructor(id: string, readonly cart: Cart, address?: ShippingAddress) {
    this.id = id;
    this.status = 'open';
    if (!address) return; // early return: orders without an address get another shape
    (this as any).address = address;
  }

  markPaid(receipt: string): void {
    this.status = 'paid';
    // Added after construction through `as any`.
    (this as any).receipt = receipt;
  }
}
