import rule from '../../rules/no-instance-dictionary.js';
import { espreeTester, ruleTester } from './rule-tester.js';

const LOOP = '\nfor (let i = 0; i < 10; i++) new C();';

const valid = [
  // A cold class with a config bag.
  'class Config { constructor(options) { this.values = {}; for (const key in options) this.values[key] = options[key]; } }\nexport default new Config({});',
  // A hot class whose `{}` field is a record: static keys only.
  `class C { opts = {}; set() { this.opts.verbose = true; this.opts['level'] = 1; return 'x' in this.opts; } }${LOOP}`,
  // Already a Map.
  `class C { entries = new Map(); add(k, v) { this.entries.set(k, v); } }${LOOP}`,
  // Fixed keys: constants, symbols, imports.
  `import { kState } from './symbols.js';\nconst KEY = 'k';\nconst SYM = Symbol('s');\nclass C { touch() { this[KEY] = 1; this[SYM] = 2; this[kState] = 3; this[Symbol.iterator] = null; } }${LOOP}`,
  // Computed writes in the constructor belong to consistent-constructor-shape.
  `class C { constructor(keys) { for (const k of keys) this[k] = 0; } }${LOOP}`,
  // A field initialized to an array, indexed by number.
  `class C { items = []; at(i) { return this.items[i]; } }${LOOP}`,
];

espreeTester.run('no-instance-dictionary (espree)', rule as never, {
  valid,
  invalid: [
    {
      code: [
        'class Counter {',
        '  counts = {};',
        '  add(key) {',
        '    this.counts[key] = (this.counts[key] || 0) + 1;',
        '    this.counts[key]++;',
        '    this.counts[key] += 2;',
        '    delete this.counts[key];',
        '  }',
        '  get size() { return Object.keys(this.counts).length; }',
        '  list() {',
        '    const out = [];',
        '    for (const k in this.counts) out.push(k);',
        '    for (const [k, v] of Object.entries(this.counts)) out.push(k, v);',
        '    return Object.keys(this.counts).concat(Object.values(this.counts));',
        '  }',
        '  has(key) { return key in this.counts || Object.hasOwn(this.counts, key) || this.counts.hasOwnProperty(key); }',
        '  reset() { this.counts = {}; }',
        '}',
        'export const tally = (words) => words.map(() => new Counter());',
      ].join('\n'),
      errors: [
        {
          message: 'Counter.counts is a dictionary (computed keys; hot: created in a map() callback on line 19); use a Map, which stays fast as keys grow.',
          line: 2,
          suggestions: [
            {
              messageId: 'useMap',
              data: { className: 'Counter', property: 'counts' },
              output: [
                'class Counter {',
                '  counts = new Map();',
                '  add(key) {',
                '    this.counts.set(key, (this.counts.get(key) || 0) + 1);',
                '    this.counts.set(key, this.counts.get(key) + 1);',
                '    this.counts.set(key, this.counts.get(key) + 2);',
                '    this.counts.delete(key);',
                '  }',
                '  get size() { return this.counts.size; }',
                '  list() {',
                '    const out = [];',
                '    for (const k of this.counts.keys()) out.push(k);',
                '    for (const [k, v] of this.counts.entries()) out.push(k, v);',
                '    return [...this.counts.keys()].concat([...this.counts.values()]);',
                '  }',
                '  has(key) { return this.counts.has(key) || this.counts.has(key) || this.counts.has(key); }',
                '  reset() { this.counts = new Map(); }',
                '}',
                'export const tally = (words) => words.map(() => new Counter());',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // Object.create(null), set in the constructor, a private field, nested uses.
      code: `class C {\n  #index = Object.create(null);\n  constructor() { this.byName = Object.create(null); }\n  put(k, v) { this.#index[this.byName[k]] = v; }\n}${LOOP}`,
      errors: [
        {
          messageId: 'dictionaryField',
          data: { className: 'C', property: '#index', why: '; hot: created in a loop on line 6' },
          line: 2,
          suggestions: [{ messageId: 'useMap', output: `class C {\n  #index = new Map();\n  constructor() { this.byName = Object.create(null); }\n  put(k, v) { this.#index.set(this.byName[k], v); }\n}${LOOP}` }],
        },
        {
          messageId: 'dictionaryField',
          data: { className: 'C', property: 'byName', why: '; hot: created in a loop on line 6' },
          line: 3,
          suggestions: [{ messageId: 'useMap', output: `class C {\n  #index = Object.create(null);\n  constructor() { this.byName = new Map(); }\n  put(k, v) { this.#index[this.byName.get(k)] = v; }\n}${LOOP}` }],
        },
      ],
    },
    {
      // A use the rewrite cannot follow (the bag escapes): report without a suggestion.
      code: `class C { bag = {}; put(k) { this.bag[k] = 1; } dump() { return JSON.stringify(this.bag); } }${LOOP}`,
      errors: [{ messageId: 'dictionaryField', suggestions: [] }],
    },
    {
      // Used from outside the class: no suggestion.
      code: `class C { bag = {}; }\nconst c = new C();\nc.bag[Math.random()] = 1;${LOOP}`,
      errors: [{ messageId: 'dictionaryField', suggestions: [] }],
    },
    {
      // Instances used as dictionaries after construction.
      code: `class C { set(key, value) { this[key] = value; } }\nconst c = new C();\nc[String(Math.random())] = 1;${LOOP}`,
      errors: [
        { message: 'C instances get computed keys ([key]) after construction (hot: created in a loop on line 4), which makes them slow; keep the entries in a Map.', line: 1 },
        { messageId: 'dictionaryInstance', data: { className: 'C', key: 'String(Math.random())', why: ' (hot: created in a loop on line 4)' }, line: 3 },
      ],
    },
    {
      // Long or multi-line keys are shortened to keep the message on one line.
      code: `class C { put(v) { this[\n  v.group.name + ':' + v.id.toString(36)\n] = v; } }${LOOP}`,
      errors: [
        { messageId: 'dictionaryInstance', data: { className: 'C', key: "v.group.name + ':' + v.id.toS…", why: ' (hot: created in a loop on line 4)' } },
      ],
    },
    {
      // A field of a base class used as a dictionary by a hot subclass.
      code: 'class Base { constructor() { this.cache = {}; } }\nclass Leaf extends Base { get(k) { return this.cache[k]; } }\nfor (;;) new Leaf();',
      errors: [{ messageId: 'dictionaryField', data: { className: 'Base', property: 'cache', why: '; hot subclass Leaf: created in a loop on line 3' }, suggestions: [] }],
    },
    {
      // scope: 'all' reports cold classes too.
      code: 'class Config { constructor(options) { this.values = {}; for (const key in options) this.values[key] = options[key]; } }',
      options: [{ scope: 'all' }],
      errors: [
        {
          message: 'Config.values is a dictionary (computed keys); use a Map, which stays fast as keys grow.',
          suggestions: [{ messageId: 'useMap', output: 'class Config { constructor(options) { this.values = new Map(); for (const key in options) this.values.set(key, options[key]); } }' }],
        },
      ],
    },
  ],
});

ruleTester.run('no-instance-dictionary', rule, {
  valid,
  invalid: [
    {
      code: '/** @hot */\nexport class Index {\n  private byId: Record<string, number> = {};\n  private names: { [key: string]: string };\n  constructor() { this.names = {}; }\n  put(id: string, n: number): void { this.byId[id] = n; this.names[id] = String(n); }\n  get(id: string): number | undefined { return this.byId[id]; }\n}',
      errors: [
        {
          messageId: 'dictionaryField',
          data: { className: 'Index', property: 'byId', why: '; hot: tagged @hot' },
          suggestions: [
            {
              messageId: 'useMap',
              output: '/** @hot */\nexport class Index {\n  private byId: Map<string, number> = new Map();\n  private names: { [key: string]: string };\n  constructor() { this.names = {}; }\n  put(id: string, n: number): void { this.byId.set(id, n); this.names[id] = String(n); }\n  get(id: string): number | undefined { return this.byId.get(id); }\n}',
            },
          ],
        },
        {
          messageId: 'dictionaryField',
          data: { className: 'Index', property: 'names', why: '; hot: tagged @hot' },
          suggestions: [
            {
              messageId: 'useMap',
              output: '/** @hot */\nexport class Index {\n  private byId: Record<string, number> = {};\n  private names: Map<string, string>;\n  constructor() { this.names = new Map(); }\n  put(id: string, n: number): void { this.byId[id] = n; this.names.set(id, String(n)); }\n  get(id: string): number | undefined { return this.byId[id]; }\n}',
            },
          ],
        },
      ],
    },
    {
      // Exported and public: other modules may use the field, so no suggestion.
      code: '/** @hot */\nexport class Open { data: Record<string, number> = {}; put(k: string) { this.data[k] = 1; } }',
      errors: [{ messageId: 'dictionaryField', suggestions: [] }],
    },
  ],
});
