import rule from '../../rules/no-dynamic-properties.js';
import { espreeTester, ruleTester, tsxTester, typedTester } from './rule-tester.js';

const valid = [
  // Fields set by a helper called from the constructor, transitively.
  `class A { constructor() { this.reset(); } reset() { this.init(); } init() { this.count = 0; } bump() { this.count = 1; } }`,
  // A setter call.
  `class A { constructor() { this._v = 0; } set value(v) { this._v = v; } update() { this.value = 2; } }`,
  // this in static methods and nested functions.
  `class A { static create() { this.cache = new Map(); } method() { function inner() { this.x = 1; } return inner; } }`,
  // A subclass constructor initializing its own fields after super().
  `class Base { constructor() { this.a = 1; } } class Sub extends Base { constructor() { super(); this.b = 2; } }`,
  // A subclass method writing a field that the base declares.
  `class Base { constructor() { this.a = 1; } } class Sub extends Base { set() { this.a = 3; } }`,
  // Class fields, including #private.
  `class A { x = 0; #y = 1; move() { this.x = 2; this.#y = 3; } }`,
  // Unknown base: it may own the property.
  `import { Base } from './base.js'; class A extends Base { m() { this.fromBase = 1; } }`,
  // Writes to variables that are not known instances.
  `function f(o) { o.x = 1; } const p = {}; p.y = 2;`,
  // Conditional constructor init is consistent-constructor-shape's business, not an addition.
  `class A { constructor(c) { if (c) this.x = 1; } m() { this.x = 2; } }`,
  // Static writes through the class name.
  `class A {} A.instances = 0;`,
];

espreeTester.run('no-dynamic-properties (espree)', rule as never, {
  valid,
  invalid: [
    {
      code: `class CartItem {\n  constructor(id) {\n    this.id = id;\n  }\n  addCoupon(c) {\n    this.coupon = c;\n  }\n}`,
      errors: [
        {
          message: "'coupon' is added to CartItem in addCoupon(), after construction; declare it or set it in the constructor.",
          suggestions: [
            {
              desc: "Declare 'coupon' in CartItem, initialized to undefined.",
              output: `class CartItem {\n  coupon = undefined;\n  constructor(id) {\n    this.id = id;\n  }\n  addCoupon(c) {\n    this.coupon = c;\n  }\n}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-dynamic-properties', rule, {
  valid: [
    ...valid,
    // TS declared and optional fields, and parameter properties.
    `class A { declare d: number; o?: string; constructor(private p: number, public q = 1) {} m() { this.d = 1; this.o = 'x'; this.p = 2; this.q = 3; } }`,
    // JSX component classes with declared state.
    `class Counter { state = { n: 0 }; render() { this.state = { n: 1 }; return null; } }`,
  ],
  invalid: [
    {
      code: `class P { x: number; constructor() { this.x = 0; } grow() { (this as any).y = 1.5; } }`,
      errors: [
        {
          messageId: 'added',
          data: { property: 'y', className: 'P', where: 'in grow()' },
          suggestions: [
            {
              messageId: 'declareField',
              data: { property: 'y', className: 'P', where: 'in grow()', initializer: '0' },
              output: `class P { x: number;\n  y: any = 0; constructor() { this.x = 0; } grow() { (this as any).y = 1.5; } }`,
            },
          ],
        },
      ],
    },
    {
      // A known instance: `const p = new Point()` in scope, and a parameter typed Point.
      code: `class Point { constructor() { this.x = 0; } }\nconst p = new Point();\np.label = 'a';\nfunction tag(q: Point) { (q as any).tag = 1; }`,
      errors: [
        { messageId: 'added', data: { property: 'label', className: 'Point', where: 'from outside the class' }, line: 3, suggestions: [{ messageId: 'declareField', output: `class Point {\n  label: any = undefined; constructor() { this.x = 0; } }\nconst p = new Point();\np.label = 'a';\nfunction tag(q: Point) { (q as any).tag = 1; }` }] },
        { messageId: 'added', data: { property: 'tag', className: 'Point', where: 'from outside the class' }, line: 4, suggestions: [{ messageId: 'declareField', output: `class Point {\n  tag: any = 0; constructor() { this.x = 0; } }\nconst p = new Point();\np.label = 'a';\nfunction tag(q: Point) { (q as any).tag = 1; }` }] },
      ],
    },
    {
      // Followed by the instance-flow analysis: a variable assigned after its declaration.
      code: `class Box { constructor() { this.a = 1; } }\nlet b;\nb = new Box();\nb.extra = 'x';`,
      errors: [{ messageId: 'added', data: { property: 'extra', className: 'Box', where: 'from outside the class' }, line: 4, suggestions: [{ messageId: 'declareField', output: `class Box {\n  extra: any = undefined; constructor() { this.a = 1; } }\nlet b;\nb = new Box();\nb.extra = 'x';` }] }],
    },
    {
      // Getters, setters and arrow callbacks inside methods.
      code: `class A { constructor() { this.a = 1; } get g() { this.cached = 1; return 1; } set s(v) { this.raw = v; } m() { [1].forEach(() => { this.viaArrow = 1; }); } }`,
      errors: [
        { messageId: 'added', data: { property: 'cached', className: 'A', where: 'in a getter' }, suggestions: [{ messageId: 'declareField', output: `class A {\n  cached: any = 0; constructor() { this.a = 1; } get g() { this.cached = 1; return 1; } set s(v) { this.raw = v; } m() { [1].forEach(() => { this.viaArrow = 1; }); } }` }] },
        { messageId: 'added', data: { property: 'raw', className: 'A', where: 'in a setter' }, suggestions: [{ messageId: 'declareField', output: `class A {\n  raw: any = undefined; constructor() { this.a = 1; } get g() { this.cached = 1; return 1; } set s(v) { this.raw = v; } m() { [1].forEach(() => { this.viaArrow = 1; }); } }` }] },
        { messageId: 'added', data: { property: 'viaArrow', className: 'A', where: 'in m()' }, suggestions: [{ messageId: 'declareField', output: `class A {\n  viaArrow: any = 0; constructor() { this.a = 1; } get g() { this.cached = 1; return 1; } set s(v) { this.raw = v; } m() { [1].forEach(() => { this.viaArrow = 1; }); } }` }] },
      ],
    },
    {
      // ES5 constructor function: `this` in prototype methods is the instance.
      code: `function Point(x) {\n  this.x = x;\n}\nPoint.prototype.move = function () {\n  this.moved = true;\n};`,
      errors: [
        {
          messageId: 'added',
          data: { property: 'moved', className: 'Point', where: 'in move()' },
          suggestions: [{ messageId: 'declareField', output: `function Point(x) {\n  this.x = x;\n  this.moved = undefined;\n}\nPoint.prototype.move = function () {\n  this.moved = true;\n};` }],
        },
      ],
    },
    {
      // Callbacks in the constructor run later: an addition.
      code: `class A { constructor() { this.a = 1; setTimeout(() => { this.late = 1; }); } }`,
      errors: [{ messageId: 'added', data: { property: 'late', className: 'A', where: 'in a callback' }, suggestions: [{ messageId: 'declareField', output: `class A {\n  late: any = 0; constructor() { this.a = 1; setTimeout(() => { this.late = 1; }); } }` }] }],
    },
  ],
});

tsxTester.run('no-dynamic-properties (tsx)', rule, {
  valid: [`class View { node: HTMLElement | null = null; render() { this.node = null; return <div />; } }`],
  invalid: [
    {
      code: `class View { render() { (this as any).el = <div />; return this; } }`,
      errors: [{ messageId: 'added', suggestions: [{ messageId: 'declareField', output: `class View {\n  el: any = undefined; render() { (this as any).el = <div />; return this; } }` }] }],
    },
  ],
});

typedTester.run('no-dynamic-properties (type information)', rule, {
  valid: [`class A { x = 0 } function f(a: { x: number }) { a.x = 1; }`],
  invalid: [
    {
      // The type checker knows `box()` returns a Point; no annotation or `new` in sight.
      code: `class Point { x = 0 }\nfunction box() { return new Point(); }\nconst b = box();\n(b as any).z = 1;`,
      errors: [{ messageId: 'added', data: { property: 'z', className: 'Point', where: 'from outside the class' }, suggestions: [{ messageId: 'declareField', output: `class Point { x = 0\n  z: any = 0; }\nfunction box() { return new Point(); }\nconst b = box();\n(b as any).z = 1;` }] }],
    },
  ],
});
