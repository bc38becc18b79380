import rule from '../../rules/require-seal.js';
import { espreeTester, ruleTester } from './rule-tester.js';

const LOOP = '\nfor (let i = 0; i < 10; i++) new P();';

const valid = [
  // A cold class: a config bag made once.
  'class Config { constructor(options) { this.options = options; } }\nexport default new Config({});',
  // A seal at the end of a leaf class.
  `class P { constructor(x) { this.x = x; Object.seal(this); } }${LOOP}`,
  // A guarded seal in an extended class.
  `class P { constructor() { this.x = 1; if (new.target === P) Object.seal(this); } }\nclass Q extends P { y = 2; }${LOOP}`,
  // Development-only seals, and freezing, count as sealing.
  `class P { constructor() { this.x = 1; if (process.env.NODE_ENV !== 'production') Object.seal(this); } }${LOOP}`,
  `class P { constructor() { this.x = 1; Object.freeze(this); } }${LOOP}`,
  // Sealed by its base's unguarded seal (no-unsafe-seal reports that one).
  `class B { constructor() { this.a = 1; Object.seal(this); } }\nclass P extends B {}${LOOP}`,
  // A constructor that returns another object: sealing \`this\` would be pointless.
  `class P { constructor() { return { x: 1 }; } }${LOOP}`,
];

espreeTester.run('require-seal (espree)', rule as never, {
  valid: [...valid, { code: 'class Config { constructor(o) { this.o = o; Object.seal(this); } }', options: [{ scope: 'all' }] }],
  invalid: [
    {
      code: 'class P {\n  constructor(x, y) {\n    this.x = x;\n    this.y = y;\n  }\n}\nexport const grid = (n) => Array.from({ length: n }, (_, i) => new P(i, i));',
      output: 'class P {\n  constructor(x, y) {\n    this.x = x;\n    this.y = y;\n    Object.seal(this);\n  }\n}\nexport const grid = (n) => Array.from({ length: n }, (_, i) => new P(i, i));',
      errors: [
        {
          message: 'P is hot (created in an Array.from() callback on line 7) but not sealed; end its constructor with Object.seal(this) to fix its shape.',
          line: 1,
          column: 1,
          endColumn: 8,
          suggestions: [
            {
              messageId: 'addSeal',
              data: { className: 'P', statement: 'Object.seal(this);' },
              output: 'class P {\n  constructor(x, y) {\n    this.x = x;\n    this.y = y;\n    Object.seal(this);\n  }\n}\nexport const grid = (n) => Array.from({ length: n }, (_, i) => new P(i, i));',
            },
          ],
        },
      ],
    },
    {
      // ES5 constructor functions, in a script.
      code: 'function P(x) {\n  this.x = x;\n}\nP.prototype.get = function () { return this.x; };\nvar ps = [1, 2].map(function (x) { return new P(x); });',
      output: 'function P(x) {\n  this.x = x;\n  Object.seal(this);\n}\nP.prototype.get = function () { return this.x; };\nvar ps = [1, 2].map(function (x) { return new P(x); });',
      languageOptions: { sourceType: 'script' },
      errors: [{ messageId: 'notSealedHot', suggestions: [{ messageId: 'addSeal', output: 'function P(x) {\n  this.x = x;\n  Object.seal(this);\n}\nP.prototype.get = function () { return this.x; };\nvar ps = [1, 2].map(function (x) { return new P(x); });' }] }],
    },
  ],
});

ruleTester.run('require-seal', rule, {
  valid: [
    ...valid,
    // Abstract and ambient classes have no instances of their own.
    '/** @hot */ abstract class Shape { area = 0; }',
    // Construction ends in a framework's init method, after the constructor.
    { code: `class P { x = 0; init() { this.y = 1; } }${LOOP}`, settings: { 'fixed-shape': { initMethods: ['init'] } } },
    '/** @hot */ declare class Ext { x: number; }',
  ],
  invalid: [
    {
      // Exported: another module may extend it, so only the most-derived instance is sealed.
      code: '/** @hot */\nexport class Vec {\n  constructor(public x: number, public y: number) {}\n}',
      output: '/** @hot */\nexport class Vec {\n  constructor(public x: number, public y: number) { if (new.target === Vec) Object.seal(this); }\n}',
      errors: [
        {
          messageId: 'notSealedHot',
          data: { className: 'Vec', why: 'tagged @hot' },
          suggestions: [
            {
              messageId: 'addSeal',
              data: { className: 'Vec', statement: 'if (new.target === Vec) Object.seal(this);' },
              output: '/** @hot */\nexport class Vec {\n  constructor(public x: number, public y: number) { if (new.target === Vec) Object.seal(this); }\n}',
            },
          ],
        },
      ],
    },
    {
      // Extended here: the base gets the guard, the leaf a plain seal; without a constructor one is added.
      code: 'class Base {\n  a = 1;\n}\nclass Leaf extends Base {\n  b = 2;\n}\nfor (;;) { new Base(); new Leaf(); }',
      output:
        'class Base {\n  a = 1;\n\n  constructor() {\n    if (new.target === Base) Object.seal(this);\n  }\n}\nclass Leaf extends Base {\n  b = 2;\n\n  constructor(...args: ConstructorParameters<typeof Base>) {\n    super(...args);\n    Object.seal(this);\n  }\n}\nfor (;;) { new Base(); new Leaf(); }',
      errors: [
        {
          messageId: 'notSealedHot',
          data: { className: 'Base', why: 'created in a loop on line 7' },
          suggestions: [
            {
              messageId: 'addSeal',
              output: 'class Base {\n  a = 1;\n\n  constructor() {\n    if (new.target === Base) Object.seal(this);\n  }\n}\nclass Leaf extends Base {\n  b = 2;\n}\nfor (;;) { new Base(); new Leaf(); }',
            },
          ],
        },
        {
          messageId: 'notSealedHot',
          data: { className: 'Leaf', why: 'created in a loop on line 7' },
          suggestions: [
            {
              messageId: 'addSeal',
              output: 'class Base {\n  a = 1;\n}\nclass Leaf extends Base {\n  b = 2;\n\n  constructor(...args: ConstructorParameters<typeof Base>) {\n    super(...args);\n    Object.seal(this);\n  }\n}\nfor (;;) { new Base(); new Leaf(); }',
            },
          ],
        },
      ],
    },
    {
      // A guarded base does not seal subclass instances.
      code: `class B { constructor() { this.a = 1; if (new.target === B) Object.seal(this); } }\nclass P extends B { constructor() { super(); this.b = 2; } }${LOOP}`,
      output: `class B { constructor() { this.a = 1; if (new.target === B) Object.seal(this); } }\nclass P extends B { constructor() { super(); this.b = 2; Object.seal(this); } }${LOOP}`,
      errors: [{ messageId: 'notSealedHot', data: { className: 'P', why: 'created in a loop on line 3' }, line: 2, suggestions: [{ messageId: 'addSeal', output: `class B { constructor() { this.a = 1; if (new.target === B) Object.seal(this); } }\nclass P extends B { constructor() { super(); this.b = 2; Object.seal(this); } }${LOOP}` }] }],
    },
    {
      // Before a trailing return.
      code: `class P {\n  constructor() {\n    this.x = 1;\n    return;\n  }\n}${LOOP}`,
      output: `class P {\n  constructor() {\n    this.x = 1;\n    Object.seal(this);\n    return;\n  }\n}${LOOP}`,
      errors: [{ messageId: 'notSealedHot', suggestions: [{ messageId: 'addSeal', output: `class P {\n  constructor() {\n    this.x = 1;\n    Object.seal(this);\n    return;\n  }\n}${LOOP}` }] }],
    },
    {
      // An early return would skip the seal: report, but no fix.
      code: `class P { constructor(o: unknown) { this.x = 1; if (!o) return; this.y = 2; } }${LOOP}`,
      output: null,
      errors: [{ messageId: 'notSealedHot', suggestions: [] }],
    },
    {
      // A property added later would throw once sealed: a suggestion, not an autofix.
      code: `class P { x = 0; grow() { (this as any).extra = 1; } }${LOOP}`,
      output: null,
      errors: [{ messageId: 'notSealedHot', suggestions: [{ messageId: 'addSeal', output: `class P { x = 0; constructor() { Object.seal(this); } grow() { (this as any).extra = 1; } }${LOOP}` }] }],
    },
    {
      // mode: development hoists the NODE_ENV test: process.env is a C++ lookup on every construction.
      code: `import { make } from './make.js';\n\nclass P {\n  constructor() {\n    this.x = make();\n  }\n}${LOOP}`,
      output: `import { make } from './make.js';\n\nconst SEAL_INSTANCES = process.env.NODE_ENV !== 'production';\n\nclass P {\n  constructor() {\n    this.x = make();\n    if (SEAL_INSTANCES) Object.seal(this);\n  }\n}${LOOP}`,
      options: [{ mode: 'development' }],
      errors: [
        {
          messageId: 'notSealedHot',
          suggestions: [
            {
              messageId: 'addSeal',
              data: { className: 'P', statement: 'if (SEAL_INSTANCES) Object.seal(this);' },
              output: `import { make } from './make.js';\n\nconst SEAL_INSTANCES = process.env.NODE_ENV !== 'production';\n\nclass P {\n  constructor() {\n    this.x = make();\n    if (SEAL_INSTANCES) Object.seal(this);\n  }\n}${LOOP}`,
            },
          ],
        },
      ],
    },
    {
      // An existing flag is reused.
      code: `const SEAL_INSTANCES = true;\nexport class P { constructor() { this.x = 1; } }${LOOP}`,
      output: `const SEAL_INSTANCES = true;\nexport class P { constructor() { this.x = 1; if (new.target === P && SEAL_INSTANCES) Object.seal(this); } }${LOOP}`,
      options: [{ mode: 'development' }],
      errors: [{ messageId: 'notSealedHot', suggestions: [{ messageId: 'addSeal', output: `const SEAL_INSTANCES = true;\nexport class P { constructor() { this.x = 1; if (new.target === P && SEAL_INSTANCES) Object.seal(this); } }${LOOP}` }] }],
    },
    {
      // scope: 'all' checks cold classes too.
      code: 'class Config { constructor(o: object) { this.o = o; } }',
      output: 'class Config { constructor(o: object) { this.o = o; Object.seal(this); } }',
      options: [{ scope: 'all' }],
      errors: [
        {
          message: 'Config is not sealed; end its constructor with Object.seal(this) so its shape cannot change later.',
          suggestions: [{ messageId: 'addSeal', output: 'class Config { constructor(o: object) { this.o = o; Object.seal(this); } }' }],
        },
      ],
    },
    {
      // settings hotClasses.
      code: 'class Particle { x = 0; }',
      output: 'class Particle { x = 0; constructor() { Object.seal(this); } }',
      settings: { 'fixed-shape': { hotClasses: ['Particle'] } },
      errors: [{ messageId: 'notSealedHot', data: { className: 'Particle', why: 'listed in hotClasses' }, suggestions: [{ messageId: 'addSeal', output: 'class Particle { x = 0; constructor() { Object.seal(this); } }' }] }],
    },
  ],
});
