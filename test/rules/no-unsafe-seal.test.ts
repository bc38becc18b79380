import rule from '../../rules/no-unsafe-seal.js';
import { espreeTester, ruleTester } from './rule-tester.js';

const valid = [
  // A seal at the end of a leaf class.
  'class P { constructor(x) { this.x = x; Object.seal(this); } }',
  // A guarded seal in an extended class.
  'class B { constructor() { this.a = 1; if (new.target === B) Object.seal(this); } }\nclass S extends B { b = 2; constructor() { super(); this.c = 3; } }',
  // An extended class whose subclasses add nothing.
  'class B { constructor() { this.a = 1; Object.freeze(this); } }\nclass S extends B { get twice() { return this.a * 2; } }',
  // Sealing other objects, and `this` in a method of a module (strict) class.
  'const o = Object.freeze({ a: 1 });\nclass P { x = 1; lock() { Object.preventExtensions(this); } }',
  // Early return before any instance is usable: a throw is not a skip.
  'class P { constructor(x) { if (!x) throw new Error("x"); this.x = x; Object.seal(this); } }',
  // Every return seals.
  'class P { constructor(x) { this.x = x; if (x) { Object.seal(this); return; } Object.seal(this); } }',
];

espreeTester.run('no-unsafe-seal (espree)', rule as never, {
  valid: [
    ...valid,
    // ES5 constructors in a strict script.
    { code: "'use strict';\nfunction P(x) { this.x = x; Object.seal(this); }", languageOptions: { sourceType: 'script' } },
  ],
  invalid: [
    {
      code: 'class Base {\n  constructor() {\n    this.a = 1;\n    Object.seal(this);\n  }\n}\nclass Child extends Base {\n  b = 2;\n}',
      errors: [
        {
          message: "Object.seal(this) in Base makes subclass Child throw when it adds 'b'; guard it with new.target.",
          line: 4,
          suggestions: [
            {
              messageId: 'guard',
              data: { className: 'Base', method: 'seal' },
              output: 'class Base {\n  constructor() {\n    this.a = 1;\n    if (new.target === Base) Object.seal(this);\n  }\n}\nclass Child extends Base {\n  b = 2;\n}',
            },
          ],
        },
      ],
    },
    {
      // Through a grandchild that assigns in its constructor.
      code: 'class A { constructor() { Object.preventExtensions(this); } }\nclass B extends A {}\nclass C extends B { constructor() { super(); this.c = 1; } }',
      errors: [
        {
          messageId: 'subclass',
          data: { className: 'A', method: 'preventExtensions', subclass: 'C', property: 'c' },
          suggestions: [{ messageId: 'guard', output: 'class A { constructor() { if (new.target === A) Object.preventExtensions(this); } }\nclass B extends A {}\nclass C extends B { constructor() { super(); this.c = 1; } }' }],
        },
      ],
    },
    {
      code: 'class After {\n  constructor() {\n    Object.freeze(this);\n    this.late = 1;\n  }\n}',
      errors: [
        {
          message: "'late' is added to After after Object.freeze(this), so the write fails; seal at the end of the constructor.",
          line: 4,
          suggestions: [{ messageId: 'moveSeal', output: 'class After {\n  constructor() {\n    this.late = 1;\n    Object.freeze(this);\n  }\n}' }],
        },
      ],
    },
    {
      // After a guarded seal too: it throws for instances of the class itself.
      code: 'class G {\n  constructor() {\n    if (new.target === G) Object.seal(this);\n    this.oops = 2;\n    return;\n  }\n}',
      errors: [
        {
          messageId: 'addedAfter',
          data: { className: 'G', property: 'oops', method: 'seal' },
          suggestions: [{ messageId: 'moveSeal', output: 'class G {\n  constructor() {\n    this.oops = 2;\n    if (new.target === G) Object.seal(this);\n    return;\n  }\n}' }],
        },
      ],
    },
    {
      // A helper called after the seal.
      code: 'class H { constructor() { Object.seal(this); this.init(); } init() { this.ready = true; } }',
      errors: [
        {
          messageId: 'addedAfter',
          data: { className: 'H', property: 'ready', method: 'seal' },
          suggestions: [{ messageId: 'moveSeal', output: 'class H { constructor() { this.init(); Object.seal(this); } init() { this.ready = true; } }' }],
        },
      ],
    },
    {
      code: 'class Early {\n  constructor(opts) {\n    this.a = 1;\n    if (!opts) return;\n    this.b = 2;\n    Object.seal(this);\n  }\n}',
      errors: [
        {
          message: 'The return on line 6 skips Object.seal(this), so some Early instances stay unsealed.',
          line: 4,
          suggestions: [
            {
              messageId: 'sealBeforeReturn',
              output: 'class Early {\n  constructor(opts) {\n    this.a = 1;\n    if (!opts) { Object.seal(this); return; }\n    this.b = 2;\n    Object.seal(this);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'class Early {\n  constructor(opts) {\n    this.a = 1;\n    if (!opts) {\n      return;\n    }\n    Object.seal(this);\n  }\n}',
      errors: [
        {
          messageId: 'skipped',
          line: 5,
          suggestions: [
            {
              messageId: 'sealBeforeReturn',
              output: 'class Early {\n  constructor(opts) {\n    this.a = 1;\n    if (!opts) {\n      Object.seal(this);\n      return;\n    }\n    Object.seal(this);\n  }\n}',
            },
          ],
        },
      ],
    },
    {
      // Sloppy-mode script: the write in move() is silently dropped.
      code: 'function Point(x) {\n  this.x = x;\n  Object.seal(this);\n}\nPoint.prototype.move = function () { this.y = 1; };',
      languageOptions: { sourceType: 'script' },
      errors: [
        {
          message: "Object.seal(this) in sloppy-mode code: the later write of 'y' to Point is silently lost.",
          line: 3,
          suggestions: [
            {
              messageId: 'useStrict',
              output: "'use strict';\n\nfunction Point(x) {\n  this.x = x;\n  Object.seal(this);\n}\nPoint.prototype.move = function () { this.y = 1; };",
            },
          ],
        },
      ],
    },
    {
      code: 'function Point(x) { this.x = x; Object.freeze(this); }\nPoint.prototype.norm = function () { return Math.abs(this.x); };\nmodule.exports = Point;',
      languageOptions: { sourceType: 'commonjs' },
      errors: [
        {
          message: 'Object.freeze(this) in sloppy-mode code: new properties written to Point later are silently lost.',
          suggestions: [{ messageId: 'useStrict', output: "'use strict';\n\nfunction Point(x) { this.x = x; Object.freeze(this); }\nPoint.prototype.norm = function () { return Math.abs(this.x); };\nmodule.exports = Point;" }],
        },
      ],
    },
  ],
});

ruleTester.run('no-unsafe-seal', rule, {
  valid: [...valid, 'class P { constructor(public x: number) { Object.seal(this); } }'],
  invalid: [
    {
      // TS parameter properties of a subclass are additions too.
      code: 'export class Base { constructor() { Object.seal(this); } }\nexport class Sub extends Base { constructor(public extra: number) { super(); } }',
      errors: [
        {
          messageId: 'subclass',
          data: { className: 'Base', method: 'seal', subclass: 'Sub', property: 'extra' },
          suggestions: [{ messageId: 'guard', output: 'export class Base { constructor() { if (new.target === Base) Object.seal(this); } }\nexport class Sub extends Base { constructor(public extra: number) { super(); } }' }],
        },
      ],
    },
  ],
});
