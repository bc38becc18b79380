import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { describeHotReason, type HotPaths } from '../src/hot-paths.js';
import plugin from '../src/index.js';
import { hotPathsOf, shapeModelOf } from '../src/rule-context.js';
import { ShapeReportError } from '../src/shape-report.js';

/** Runs hotPathsOf inside a real ESLint run and returns, per class name, why it is hot. */
function hotClasses(code: string, options: { settings?: Record<string, unknown>; typescript?: boolean; sourceType?: 'module' | 'script' } = {}) {
  let result: Record<string, string[]> = {};
  let hot: HotPaths | undefined;
  const probe: TSESLint.RuleModule<'none'> = {
    meta: { type: 'problem', schema: [], messages: { none: '' } },
    defaultOptions: [],
    create(context) {
      hot = hotPathsOf(context)();
      result = Object.fromEntries(shapeModelOf(context).classes.map((shape) => [shape.name, hot!.reasons(shape).map(describeHotReason)]));
      return {};
    },
  };
  const linter = new Linter();
  const messages = linter.verify(
    code,
    {
      files: ['**/*.ts', '**/*.js'],
      plugins: { test: { rules: { probe } } as never },
      rules: { 'test/probe': 'error' },
      settings: { 'fixed-shape': options.settings ?? {} },
      languageOptions: options.typescript ? { parser: tsParser as Linter.Parser } : { sourceType: options.sourceType ?? 'module' },
    },
    options.typescript ? 'file.ts' : 'file.js',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return result;
}

describe('hot-path model', () => {
  it('marks classes tagged @hot, in every declaration form', () => {
    const hot = hotClasses(`
      /** @hot */
      class A {}
      /**
       * Many of these.
       * @hot
       */
      export class B {}
      /** @hot */
      export default class C {}
      /** @hot */
      const D = class {};
      /** @hot */
      function E() { this.x = 1; }
      E.prototype.m = function () {};
      /** @hotfix not a tag */
      class F {}
      /* @hot: a block comment, not JSDoc */
      class G {}
      /** @hot */
      const unrelated = 1;
      class H {}
    `);
    expect(hot).toEqual({
      A: ['tagged @hot'],
      B: ['tagged @hot'],
      C: ['tagged @hot'],
      D: ['tagged @hot'],
      E: ['tagged @hot'],
      F: [],
      G: [],
      H: [],
    });
  });

  it('sees @hot before TypeScript decorators', () => {
    const hot = hotClasses(
      `
      declare function tracked(target: unknown): void;
      /** @hot */
      @tracked
      class A { x = 0; }
    `,
      { typescript: true },
    );
    expect(hot).toEqual({ A: ['tagged @hot'] });
  });

  it('marks classes instantiated in loop bodies of every kind', () => {
    const hot = hotClasses(`
      class For {} class ForTest {} class ForIn {} class ForOf {} class While {} class Do {}
      class ForInit {} class Iterable {} class Once {}
      for (let i = 0, o = new ForInit(); i < 3 && new ForTest(); i++) new For();
      for (const k in {}) new ForIn();
      for (const x of [new Iterable()]) { const y = new ForOf(); }
      while (Math.random() > 0.5) new While();
      do { new Do(); } while (false);
      new Once();
    `);
    expect(hot).toEqual({
      For: ['created in a loop on line 4'],
      ForTest: ['created in a loop on line 4'],
      ForIn: ['created in a loop on line 5'],
      ForOf: ['created in a loop on line 6'],
      While: ['created in a loop on line 7'],
      Do: ['created in a loop on line 8'],
      ForInit: [],
      Iterable: [],
      Once: [],
    });
  });

  it('marks classes instantiated in iteration callbacks, not in other callbacks', () => {
    const hot = hotClasses(`
      class M {} class F {} class R {} class FM {} class Fi {} class S {} class E {} class AF {}
      class Timer {} class Later {} class FromFirst {}
      const list = [1, 2];
      list.map((x) => new M());
      list.forEach(function () { new F(); });
      list.reduce((acc) => { acc.push(new R()); return acc; }, []);
      list.flatMap(() => [new FM()]);
      list.filter(() => new Fi());
      list.some(() => new S());
      list.every(() => new E());
      Array.from({ length: 10 }, () => new AF());
      Array.from(() => new FromFirst());
      setTimeout(() => new Timer());
      for (const x of list) { const make = () => new Later(); }
    `);
    expect(hot.M).toEqual(['created in a map() callback on line 5']);
    expect(hot.F).toEqual(['created in a forEach() callback on line 6']);
    expect(hot.R).toEqual(['created in a reduce() callback on line 7']);
    expect(hot.FM).toEqual(['created in a flatMap() callback on line 8']);
    expect(hot.Fi).toEqual(['created in a filter() callback on line 9']);
    expect(hot.S).toEqual(['created in a some() callback on line 10']);
    expect(hot.E).toEqual(['created in an every() callback on line 11']);
    expect(hot.AF).toEqual(['created in an Array.from() callback on line 12']);
    // Array.from's first argument is the iterable, a closure stored in a loop may never run.
    expect([hot.FromFirst, hot.Timer, hot.Later]).toEqual([[], [], []]);
  });

  it('marks classes instantiated in recursive functions and in functions tagged @hot', () => {
    const hot = hotClasses(`
      class Node1 {} class Node2 {} class Node3 {} class Node4 {} class Node5 {} class Cold {}
      function build(depth) { return depth ? [new Node1(), build(depth - 1)] : null; }
      const walk = (n) => { new Node2(); if (n) walk(n - 1); };
      const named = function visit(n) { new Node3(); return n && visit(n - 1); };
      class Tree { expand(n) { new Node4(); if (n) this.expand(n - 1); } }
      /** @hot */
      export function render() { return new Node5(); }
      function once() { return new Cold(); }
      // Calling a callback parameter is not recursion.
      class Scheduler {} class Task {}
      class Runner { async run(onDone) { new Scheduler(); onDone(); } }
      function each(fn) { new Task(); fn(); }
    `);
    expect([hot.Scheduler, hot.Task]).toEqual([[], []]);
    expect(hot.Node1).toEqual(['created in recursive build() on line 3']);
    expect(hot.Node2).toEqual(['created in recursive walk() on line 4']);
    expect(hot.Node3).toEqual(['created in recursive visit() on line 5']);
    expect(hot.Node4).toEqual(['created in recursive expand() on line 6']);
    expect(hot.Node5).toEqual(['created in @hot render() on line 8']);
    expect(hot.Cold).toEqual([]);
    expect(hot.Tree).toEqual([]);
  });

  it('marks classes named in settings hotClasses', () => {
    const hot = hotClasses('class Particle {} class Config {}', { settings: { hotClasses: ['Particle'] } });
    expect(hot).toEqual({ Particle: ['listed in hotClasses'], Config: [] });
  });

  it('marks classes listed as hot in the shape report, and lists reasons declared first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixed-shape-report-'));
    const report = join(dir, 'report.json');
    writeFileSync(report, JSON.stringify(shapeReport([{ name: 'Order', hot: true }, { name: 'Customer', hot: false }])));
    const hot = hotClasses('/** @hot */ class Order {} class Customer {} for (;;) new Order();', { settings: { report } });
    expect(hot).toEqual({
      Order: ['tagged @hot', 'hot in the shape report', 'created in a loop on line 1'],
      Customer: [],
    });
  });

  it('works on TypeScript and on scripts', () => {
    expect(hotClasses('class P { x = 0 } const ps: P[] = []; for (let i = 0; i < 3; i++) ps.push(new P());', { typescript: true })).toEqual({
      P: ['created in a loop on line 1'],
    });
    expect(hotClasses('function P() { this.x = 1; } P.prototype.m = function () {}; var list = [1].map(function () { return new P(); });', { sourceType: 'script' })).toEqual({
      P: ['created in a map() callback on line 1'],
    });
  });

  it('is computed once per file and shared by every rule', () => {
    const seen = new Set<HotPaths>();
    const probe = (): TSESLint.RuleModule<'none'> => ({
      meta: { type: 'problem', schema: [], messages: { none: '' } },
      defaultOptions: [],
      create(context) {
        seen.add(hotPathsOf(context)());
        return {};
      },
    });
    new Linter().verify('class A {}', {
      plugins: { test: { rules: { a: probe(), b: probe() } } as never },
      rules: { 'test/a': 'error', 'test/b': 'error' },
    });
    expect(seen.size).toBe(1);
  });
});

describe('shape report setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixed-shape-report-'));
  // Cold unless the report says otherwise: Registry is never created in a loop.
  const code = 'class Registry { constructor() { this.byId = {}; } add(id, v) { this.byId[id] = v; } }\nexport default new Registry();\n';
  for (const name of ['a.js', 'b.js']) writeFileSync(join(dir, name), code);
  const eslint = (report: string) =>
    new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended as Linter.Config, { settings: { 'fixed-shape': { report } } }],
    });

  it('reads the report once per process, relative to ESLint\'s cwd', async () => {
    writeFileSync(join(dir, 'once.json'), JSON.stringify(shapeReport([{ name: 'Registry', hot: true }])));
    const [first] = await eslint('once.json').lintFiles(['a.js']);
    expect(first!.messages.map((message) => message.message)).toEqual([
      'Registry.byId is a dictionary (computed keys; hot: hot in the shape report); use a Map, which stays fast as keys grow.',
    ]);
    // Cached: a later change to the file is not seen by this process.
    writeFileSync(join(dir, 'once.json'), '{ corrupt');
    const [second] = await eslint('once.json').lintFiles(['b.js']);
    expect(second!.messages).toHaveLength(1);
  });

  it('turns a missing report into one clear configuration error, the same for every file', async () => {
    const messages: string[] = [];
    for (const file of ['a.js', 'b.js', 'a.js']) {
      await eslint('missing.json')
        .lintFiles([file])
        .then(
          () => messages.push('linted'),
          (error: Error) => messages.push(error.message.split('\n')[0]!),
        );
    }
    const expected = `Error while loading rule 'fixed-shape/no-instance-dictionary': fixed-shape: shape report ${join(dir, 'missing.json')}: file not found (check settings['fixed-shape'].report)`;
    expect(messages).toEqual([expected, expected, expected]);
  });

  it('turns a corrupt report into one clear configuration error', async () => {
    writeFileSync(join(dir, 'corrupt.json'), '{"version": 1, "classes": [{"name": "A"}]}');
    await expect(eslint('corrupt.json').lintFiles(['a.js', 'b.js'])).rejects.toThrow(/shape report .*corrupt\.json: classes\[0\]\.hot must be a boolean/);
    writeFileSync(join(dir, 'garbage.json'), 'not json');
    await expect(eslint('garbage.json').lintFiles(['a.js'])).rejects.toThrow(/shape report .*garbage\.json: invalid JSON/);
  });

  it('is thrown by rules that need hot paths, from create(), as a ShapeReportError', () => {
    const verify = (rules: Linter.RulesRecord) =>
      new Linter().verify('class A {}', {
        plugins: { 'fixed-shape': plugin as never },
        rules,
        settings: { 'fixed-shape': { report: join(dir, 'missing.json') } },
      });
    expect(() => verify({ 'fixed-shape/require-seal': 'error' })).toThrow(ShapeReportError);
    // Rules that do not look at hot paths do not read the report.
    expect(() => verify({ 'fixed-shape/no-unsafe-seal': 'error', 'fixed-shape/require-seal': ['error', { scope: 'all' }] })).not.toThrow();
  });
});

function shapeReport(classes: Array<{ name: string; hot: boolean }>) {
  return {
    version: 1,
    generator: 'test',
    source: 'test.heapsnapshot',
    createdAt: new Date(0).toISOString(),
    classes: classes.map((entry) => ({
      ...entry,
      reasons: entry.hot ? ['instances>=10000'] : [],
      instances: 1,
      selfBytes: 0,
      hiddenClasses: 1,
      dictionaryInstances: 0,
      propertyArrayBytes: 0,
      estimatedSavingsBytes: 0,
    })),
  };
}
