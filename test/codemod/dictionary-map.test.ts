/**
 * The dictionary-to-Map rewrite, differentially: random operation sequences on a class whose `{}` field
 * is indexed with run-time keys give the same observable results before and after `migrateSource`.
 * Keys avoid what docs/migrate.md lists as the Map's known differences (numeric-like keys, names
 * inherited from Object.prototype), and values the `++`-on-a-string one.
 */
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrateSource } from '../../codemods/fixed-shape.js';

const CLASS = `
class Bag {
  constructor() {
    this.items = {};
  }
  set(k, v) { this.items[k] = v; }
  get(k) { return this.items[k]; }
  remove(k) { delete this.items[k]; }
  has(k) { return k in this.items; }
  own(k) { return Object.hasOwn(this.items, k); }
  size() { return Object.keys(this.items).length; }
  keys() { const out = []; for (const k in this.items) out.push(k); return out; }
  values() { return Object.values(this.items); }
  entries() { const out = []; for (const [k, v] of Object.entries(this.items)) out.push(k + '=' + v); return out; }
  bump(k) { this.items[k] = (this.items[k] || 0) + 1; }
  add(k, n) { this.items[k] += n; }
  inc(k) { this.items[k]++; }
  clear() { this.items = {}; }
}
`;

type Operation = [method: string, key: string, value: number];

const KEYS = ['a', 'b', 'theme', 'x-1', 'long key', '$', '_'];
const operation: fc.Arbitrary<Operation> = fc.tuple(
  fc.constantFrom('set', 'get', 'remove', 'has', 'own', 'size', 'keys', 'values', 'entries', 'bump', 'add', 'inc', 'clear'),
  fc.constantFrom(...KEYS),
  fc.integer({ min: -5, max: 5 }),
);

function run(source: string, operations: readonly Operation[]): string {
  const program = `${source}\nconst bag = new Bag();\nconst log = [];\nfor (const [method, key, value] of operations) log.push(JSON.stringify(bag[method](key, value) ?? null));\nlog.join('\\n');`;
  return runInNewContext(program, { operations }) as string;
}

describe('dictionary to Map', () => {
  const migrated = migrateSource(CLASS, 'bag.js');

  it('rewrites every use of the field', () => {
    expect(migrated.output).toContain('this.items = new Map();');
    expect(migrated.output).not.toMatch(/this\.items\[/);
    expect(migrated.report.classes[0]!.dictionaries).toEqual([{ name: 'items', line: 4, converted: true }]);
  });

  it('behaves the same on random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        expect(run(migrated.output, operations)).toBe(run(CLASS, operations));
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });
});
