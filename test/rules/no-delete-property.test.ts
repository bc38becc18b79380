import rule from '../../rules/no-delete-property.js';
import { espreeTester, ruleTester } from './rule-tester.js';

espreeTester.run('no-delete-property (espree)', rule as never, {
  valid: [
    'delete process.env.DEBUG;',
    "delete process.env['NODE_ENV'];",
    // Unknown objects: nothing says they are records or instances.
    'function drop(o, k) { delete o.x; }',
    // `this` in a nested function is not the instance.
    'class A { m() { return function () { delete this.x; }; } }',
    // Arrays are not records.
    'const list = [1, 2]; delete list[0];',
  ],
  invalid: [
    {
      code: 'class CartItem {\n  constructor() { this.coupon = null; }\n  clear() { delete this.coupon; }\n}',
      errors: [
        {
          message: "'delete' of 'coupon' turns this CartItem instance into a slow dictionary; assign undefined instead.",
          suggestions: [
            {
              desc: "Assign undefined to 'coupon' instead ('in' and Object.keys still see the key).",
              output: 'class CartItem {\n  constructor() { this.coupon = null; }\n  clear() { this.coupon = undefined; }\n}',
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-delete-property', rule, {
  valid: ['delete process.env.X;', 'declare const o: any; delete o.x;'],
  invalid: [
    {
      // A known instance; the result of delete is used, so no suggestion.
      code: 'class P { x = 1 }\nconst p = new P();\nconst ok = delete (p as any).x;',
      errors: [{ messageId: 'deleteInstance', data: { property: 'x', owner: 'P' }, suggestions: [] }],
    },
    {
      code: 'const options = { verbose: true, depth: 2 };\ndelete options.depth;',
      errors: [
        {
          messageId: 'deleteRecord',
          data: { property: 'depth', owner: 'options' },
          suggestions: [{ messageId: 'assignUndefined', output: 'const options = { verbose: true, depth: 2 };\noptions.depth = undefined;' }],
        },
      ],
    },
    {
      // A computed delete on a dictionary-like field points to Map.
      code: 'class Cache { entries = {}; evict(key: string) { delete this.entries[key]; } }',
      errors: [{ messageId: 'useMap', data: { owner: 'Cache.entries' } }],
    },
    {
      code: 'const seen = Object.create(null);\nfunction forget(k: string) { delete seen[k]; }',
      errors: [{ messageId: 'useMap', data: { owner: 'seen' } }],
    },
    {
      code: 'class Bag { drop(k: string) { delete this[k]; } }',
      errors: [{ messageId: 'useMap', data: { owner: 'Bag' } }],
    },
    {
      // ES5 prototype methods: `this` is the instance.
      code: 'function Node(v) { this.v = v; this.next = null; }\nNode.prototype.unlink = function () { delete this.next; };',
      errors: [{ messageId: 'deleteInstance', data: { property: 'next', owner: 'Node' }, suggestions: [{ messageId: 'assignUndefined', output: 'function Node(v) { this.v = v; this.next = null; }\nNode.prototype.unlink = function () { this.next = undefined; };' }] }],
    },
  ],
});
