/** What migrateSource reports per class: skip reasons, declarations, numbers kept undefined, seals, deletes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateSource } from '../../codemods/fixed-shape.js';
import type { ClassReport } from '../../src/migrate/report.js';

const fixtures = join(import.meta.dirname, '../fixtures/codemod');

function classes(name: string, options: Parameters<typeof migrateSource>[2] = {}): Map<string, ClassReport> {
  const file = join(fixtures, name);
  const { report } = migrateSource(readFileSync(file, 'utf8'), file, options);
  return new Map(report.classes.map((entry) => [entry.name, entry]));
}

/** A module next to the fixtures (so package.json and tsconfig.json lookups find this project's). */
function migrate(source: string, file = 'inline.js', options: Parameters<typeof migrateSource>[2] = {}) {
  return migrateSource(source, join(fixtures, file), options);
}

describe('migrate report', () => {
  it('gives each skipped class its reason and leaves it untouched', () => {
    const report = classes('skips/input.js');
    const codes = Object.fromEntries([...report].map(([name, entry]) => [name, [entry.status, entry.reasons.map((reason) => reason.code)]]));
    expect(codes).toEqual({
      Emitter: ['skipped', ['unknown-base']],
      Pooled: ['skipped', ['returns-value']],
      Settings: ['skipped', ['assign-unknown', 'computed-write']],
      Model: ['skipped', ['returns-value', 'proxy']],
      Widget: ['skipped', ['shadows-prototype']],
      Lazy: ['skipped', ['per-instance-accessor']],
      Decorated: ['skipped', ['decorated']],
      Frozen: ['skipped', ['define-property']],
    });
  });

  it('sees ES5 inheritance through helpers, prototype replacement and prototype instances', () => {
    const report = classes('es5-inheritance/input.js');
    expect(report.get('Text')).toMatchObject({ status: 'skipped', reasons: [{ code: 'base-skipped' }] });
    expect(report.get('t')).toMatchObject({ status: 'skipped', reasons: [{ code: 'unknown-base' }] });
    expect(report.get('Node')).toMatchObject({ status: 'skipped', reasons: [{ code: 'prototype-instance', line: 41 }] });
    expect(report.get('Rule')).toMatchObject({ status: 'skipped', reasons: [{ code: 'base-skipped' }] });
  });

  it('starts number fields as NaN only where no read can tell, and reports the others', () => {
    const report = classes('numbers/input.js');
    expect(report.get('Body')!.declared.map((field) => [field.name, field.initializer])).toEqual([
      ['vx', 'NaN'],
      ['vy', 'NaN'],
    ]);
    // Doubles that a read could see first: left added late, never declared undefined (that boxes every write).
    expect(report.get('Stats')).toMatchObject({ status: 'skipped', reasons: [{ code: 'late-double' }], keptLate: [{ name: 'min', reason: expect.stringContaining('instances leave the module') }] });
    expect(report.get('Timer')).toMatchObject({ status: 'skipped', keptLate: [{ name: 'startedAt', reason: expect.stringMatching(/^read at line \d+ may see its first value, so it cannot start as NaN/) }] });
    // Small integers are never boxed: undefined costs nothing.
    expect(report.get('Tally')).toMatchObject({ status: 'migrated', seal: 'always', keptUndefined: [{ name: 'hits', reason: expect.stringContaining('only small integers') }] });
    expect(report.get('Track')).toMatchObject({ status: 'migrated', seal: null, declared: [expect.objectContaining({ name: 'title' })], keptLate: [{ name: 'length' }] });
    expect(report.get('Track')!.sealSkipped).toContain("'length' stays added after construction");
  });

  it('--numbers=nan starts every number-only field as NaN', () => {
    const report = classes('numbers/input.js', { numbers: 'nan' });
    expect(report.get('Stats')!.declared).toEqual([expect.objectContaining({ name: 'min', initializer: 'NaN' })]);
    expect(report.get('Stats')!.keptUndefined).toEqual([]);
    expect(report.get('Stats')!.keptLate).toEqual([]);
  });

  it('converts unobservable deletes and keeps the others, unsealed', () => {
    const report = classes('deletes/input.js');
    expect(report.get('Order')).toMatchObject({ status: 'migrated', seal: 'always', deletes: [{ name: 'coupon', converted: true }] });
    expect(report.get('Session')).toMatchObject({
      status: 'skipped',
      reasons: [{ code: 'observable-delete' }],
      deletes: [{ name: 'token', converted: false, reason: expect.stringContaining('key presence is observed') }],
    });
  });

  it('turns a delete whose result is used into an expression with the same result', () => {
    const { output } = migrate('class Box {\n  constructor() {\n    this.v = 1;\n  }\n  clear() {\n    return delete this.v;\n  }\n}\nnew Box().clear();\n');
    expect(output).toContain('return (this.v = undefined, true);');
  });

  it('keeps a delete that would reveal a prototype property', () => {
    const source = 'class A {\n  constructor() {\n    this.mode = 1;\n  }\n  reset() {\n    delete this.mode;\n  }\n}\nA.prototype.mode = 0;\nnew A().reset();\n';
    const { output, report } = migrate(source);
    expect(output).toBe(source);
    expect(report.classes[0]!.deletes[0]).toMatchObject({ converted: false, reason: expect.stringContaining('prototype') });
  });

  it('declares a property a setter sets before the constructor uses the setter', () => {
    const { output } = migrate('class A {\n  constructor() {\n    this.size = 2;\n  }\n  set size(v) {\n    this._size = v;\n  }\n}\nnew A();\n');
    expect(output).toContain('    this._size = undefined;\n    this.size = 2;\n');
  });

  it('skips a class whose override the base constructor calls', () => {
    const source =
      'class Base {\n  constructor() {\n    this.init();\n  }\n  init() {}\n}\nclass Sub extends Base {\n  init() {\n    if (Math.random() > 2) this.extra = 1;\n  }\n  more() {\n    this.extra = 2;\n  }\n}\nnew Sub();\n';
    const { report } = migrate(source);
    expect(report.classes.find((entry) => entry.name === 'Sub')).toMatchObject({ status: 'skipped', reasons: [{ code: 'written-during-super' }] });
  });

  it('does not seal ES5 constructors in sloppy scripts', () => {
    const report = classes('es5-sloppy/input.cjs');
    expect(report.get('Counter')).toMatchObject({ status: 'migrated', seal: null, sealSkipped: expect.stringContaining('sloppy') });
  });

  it('adds TypeScript declarations typed from the assignments', () => {
    const report = classes('typescript/input.ts');
    expect(report.get('Job')!.typeDeclarations).toEqual(['declare result: any;', 'declare finishedAt: Date | undefined;']);
  });

  it('guards the seal of exported and extended classes only', () => {
    const report = classes('js-class/input.js');
    expect([...report].map(([name, entry]) => [name, entry.seal, entry.sealGuardedByNewTarget])).toEqual([
      ['Shape', 'always', true],
      ['Circle', 'always', true],
      ['Layer', 'always', false],
    ]);
  });

  it('reports a file that does not parse with line and column', () => {
    expect(() => migrate('class A {\n  m( {\n}\n')).toThrow(/inline\.js:\d+:\d+: /);
  });
});
