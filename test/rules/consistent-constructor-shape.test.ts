import rule from '../../rules/consistent-constructor-shape.js';
import { espreeTester, ruleTester, tsxTester } from './rule-tester.js';

const valid = [
  // Every path sets the same fields in the same order.
  'class A { constructor(c) { if (c) { this.x = 1; this.y = 2; } else { this.x = 0; this.y = 0; } } }',
  // Fields set by a helper, transitively, and by a helper with its own early return on the other path.
  'class A { constructor() { this.reset(); } reset() { this.a = 0; this.more(); } more() { this.b = 1; } }',
  // Declared first, assigned conditionally: one shape.
  'class A { x = undefined; constructor(c) { if (c) this.x = 1; } }',
  // A subclass constructor initializing its own fields after super().
  'class B { constructor() { this.a = 1; } } class S extends B { constructor() { super(); this.b = 2; } }',
  // A throw is not a second shape: no instance comes out of it.
  'class A { constructor(v) { if (!v) throw new Error("v"); this.v = v; } }',
  // A do-while body runs at least once.
  'class A { constructor() { do { this.x = 1; } while (false); } }',
  // Object.assign with literal keys is like plain assignments.
  'class A { constructor(a) { Object.assign(this, { a, b: 2 }); } }',
  // A shared getter function is fine.
  'function getX() { return 1; } class A { constructor() { Object.defineProperty(this, "x", { get: getX }); } }',
  // Unknown base: it may declare the field already.
  'import { Base } from "./base.js"; class A extends Base { constructor(c) { super(); if (c) this.x = 1; } }',
  // Switch cases that fall through share the assignment; a default makes it total.
  'class A { constructor(t) { switch (t) { case "a": case "b": this.x = 1; break; default: this.x = 2; } } }',
  // A recursive helper: the recursive path gives no verdict.
  'class A { constructor(v) { this.set(v); } set(v) { if (v === undefined) { this.set(0); return; } this.v = v; } }',
  // `this` in a nested function.
  'class A { constructor() { function f() { if (Math.random()) this.z = 1; } f(); } }',
];

espreeTester.run('consistent-constructor-shape (espree)', rule as never, {
  valid,
  invalid: [
    {
      code: 'class CartItem {\n  constructor(id, opts) {\n    this.id = id;\n    if (opts.discount) this.discount = opts.discount;\n  }\n}',
      errors: [
        {
          message: "'discount' of CartItem is set on only some constructor paths; instances without it get a second hidden class.",
          line: 4,
        },
      ],
    },
  ],
});

ruleTester.run('consistent-constructor-shape', rule, {
  valid: [...valid, 'class A { constructor(private a: number, public b?: string) { if (a) this.b = "x"; } }'],
  invalid: [
    {
      code: 'class A { constructor(c: boolean) { if (c) { this.x = 1; this.y = 2; } else { this.y = 2; this.x = 1; } } }',
      errors: [{ messageId: 'order', data: { property: 'x', className: 'A' } }],
    },
    {
      code: 'class A {\n  constructor(o?: object) {\n    this.a = 1;\n    if (!o) return;\n    this.b = 2;\n  }\n}',
      errors: [{ messageId: 'earlyReturn', data: { property: 'b', className: 'A', line: 4 }, line: 5 }],
    },
    {
      code: 'class A { constructor(items: number[]) { for (const i of items) this.sum = i; } }',
      errors: [{ messageId: 'loop', data: { property: 'sum', className: 'A' } }],
    },
    {
      code: 'class A { constructor(keys: string[]) { for (const k of keys) (this as any)[k] = true; } }',
      errors: [{ messageId: 'dynamicKey', data: { className: 'A' } }],
    },
    {
      code: 'class A { constructor(opts: object) { Object.assign(this, opts); } }',
      errors: [{ messageId: 'assignUnknown', data: { className: 'A' } }],
    },
    {
      code: 'class A { constructor() { Object.defineProperty(this, "now", { get() { return Date.now(); } }); } }',
      errors: [{ messageId: 'defineAccessor', data: { property: 'now', className: 'A' } }],
    },
    {
      // Conditional in expressions, and in a helper called conditionally.
      code: 'class A { constructor(c: boolean) { c && (this.x = 1); if (c) this.init(); } init() { this.y = 2; } }',
      errors: [
        { messageId: 'branch', data: { property: 'x', className: 'A' } },
        { messageId: 'branch', data: { property: 'y', className: 'A' } },
      ],
    },
    {
      // Known base in the same module: its fields are inherited, the subclass's own are checked.
      code: 'class B { constructor() { this.a = 1; } }\nclass S extends B { constructor(c: boolean) { super(); if (c) this.a = 2; if (c) this.s = 1; } }',
      errors: [{ messageId: 'branch', data: { property: 's', className: 'S' } }],
    },
    {
      // No default case: the switch may set nothing.
      code: 'class A { constructor(t: string) { switch (t) { case "a": this.x = 1; break; case "b": this.x = 2; break; } } }',
      errors: [{ messageId: 'branch', data: { property: 'x', className: 'A' } }],
    },
    {
      // ES5 constructor function.
      code: 'function P(x) { if (x) this.x = x; }\nP.prototype.get = function () { return this.x; };',
      errors: [{ messageId: 'branch', data: { property: 'x', className: 'P' } }],
    },
  ],
});

tsxTester.run('consistent-constructor-shape (tsx)', rule, {
  valid: ['class V { el = <div />; constructor(show: boolean) { if (show) this.el = <span />; } }'],
  invalid: [
    {
      code: 'class V { constructor(show: boolean) { if (show) (this as any).el = <span />; } }',
      errors: [{ messageId: 'branch', data: { property: 'el', className: 'V' } }],
    },
  ],
});
