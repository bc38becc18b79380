// `fixed-shape migrate` keeps little between its two passes (src/migrate/engine.ts): a provisional
// rewrite checked against the cross-file index, a budgeted cache of parsed modules, else a fresh parse.
// Every mix of those must give, file for file, the report and output of a run that kept every parse.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions, type MigrateFileResult } from '../../src/migrate/engine.js';
import type { SealMode } from '../../src/migrate/report.js';
import { writeTree } from './generate.mjs';
import { root } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-engine-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Budgets = Pick<EngineOptions, 'moduleBudget' | 'moduleMinChars' | 'provisionalBudget'>;
const BUDGETS: Record<string, Budgets> = {
  'nothing kept (every file parsed again)': { moduleBudget: 0, provisionalBudget: 0 },
  'provisional rewrites, no module cache': { moduleBudget: 0, provisionalBudget: Infinity },
  'small budgets': { moduleBudget: 1_000_000, moduleMinChars: 0, provisionalBudget: 4_000 },
  defaults: {},
};
/** The reference: every parse kept for the rewrite, no provisional rewrite (how migrate worked before). */
const KEEP_ALL: Budgets = { moduleBudget: Infinity, moduleMinChars: 0, provisionalBudget: 0 };

function run(files: readonly string[], seal: SealMode, budgets: Budgets): Map<string, MigrateFileResult> {
  const engine = new Engine({ seal, numbers: 'proven', initMethods: [], ...budgets });
  const summaries = files.map((file) => engine.summarize(file));
  engine.setIndex(summaries.flatMap((result) => (result.summary ? [result.summary] : [])));
  const results = new Map<string, MigrateFileResult>();
  for (const { file, error } of summaries) if (!error) results.set(file, engine.migrate(file));
  return results;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file))
    .sort();
}

function write(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Each thing the index answers across files, at least once. */
const CROSS_FILE = {
  'base.js': 'export class Base {\n  constructor() {\n    this.a = 1;\n  }\n  grow() {\n    this.late = 2;\n  }\n}\n',
  // An imported base (ancestryOf), through a namespace too.
  'sub.js': "import { Base } from './base.js';\nexport class Sub extends Base {\n  constructor() {\n    super();\n    if (Math.random() > 2) this.b = 1;\n  }\n  get size() {\n    return 1;\n  }\n}\n",
  'ns.js': "import * as base from './base.js';\nexport class Other extends base.Base {\n  constructor() {\n    super();\n    this.c = 1;\n  }\n  size() {}\n}\n",
  // Properties another file adds to instances (usesElsewhere), and a delete.
  'point.js': 'export class Point {\n  constructor(x) {\n    this.x = x;\n  }\n}\n',
  'use.js': "import { Point } from './point.js';\nconst p = new Point(1);\np.y = 2;\nconst q = new Point(2);\ndelete q.x;\n",
  // An instance used as a prototype elsewhere (prototypeInstanceElsewhere), CommonJS.
  'proto-base.cjs': "'use strict';\nfunction Node() {\n  this.kind = 'node';\n}\nNode.prototype.visit = function () {\n  this.seen = true;\n};\nmodule.exports = Node;\n",
  'proto-sub.cjs': "'use strict';\nconst Node = require('./proto-base.cjs');\nfunction Leaf() {\n  this.value = 1;\n}\nLeaf.prototype = new Node();\nmodule.exports = Leaf;\n",
  // A class that stays alone.
  'alone.js': 'export class Alone {\n  constructor() {\n    this.a = 1;\n  }\n  later() {\n    this.b = 2;\n  }\n}\n',
};

describe('the migrate engine gives the same result whatever it keeps between its passes', () => {
  const corpora: Record<string, () => string[]> = {
    'files that relate across files': () => sourceFiles(write(join(work, 'cross-file'), CROSS_FILE)),
    'a generated tree (every tenth class extends an imported one)': () => {
      writeTree(join(work, 'tree'), 120);
      return sourceFiles(join(work, 'tree'));
    },
    'the runtime fixtures (inheritance across files, CommonJS, TypeScript)': () => sourceFiles(join(root, 'test/fixtures/codemod/runtime')),
  };
  for (const [name, files] of Object.entries(corpora)) {
    for (const seal of ['always', 'development', 'none'] as const) {
      it(`${name}, --seal=${seal}`, () => {
        const list = files();
        const expected = run(list, seal, KEEP_ALL);
        expect([...expected.values()].some((result) => result.output !== undefined)).toBe(true);
        for (const [label, budgets] of Object.entries(BUDGETS)) {
          const actual = run(list, seal, budgets);
          for (const file of list) expect(actual.get(file), `${label}: ${file}`).toEqual(expected.get(file));
        }
      });
    }
  }

  it("three's sources", () => {
    const list = sourceFiles(join(root, 'node_modules/three/src'));
    const expected = run(list, 'always', KEEP_ALL);
    for (const label of ['nothing kept (every file parsed again)', 'defaults']) {
      const actual = run(list, 'always', BUDGETS[label]!);
      for (const file of list) expect(actual.get(file), `${label}: ${file}`).toEqual(expected.get(file));
    }
  }, 240_000);

  it('a file edited between the passes and parsed again is reported, not rewritten against the old index', () => {
    const dir = write(join(work, 'edited'), { 'edited.js': CROSS_FILE['alone.js'] });
    const file = join(dir, 'edited.js');
    const engine = new Engine({ seal: 'always', numbers: 'proven', initMethods: [], moduleBudget: 0, provisionalBudget: 0 });
    engine.setIndex([engine.summarize(file).summary!]);
    appendFileSync(file, '// edited\n');
    const result = engine.migrate(file);
    expect(result.report.error).toBe(`${file}: changed while migrate ran; not written (run migrate again)`);
    expect(result.output).toBeUndefined();
  });
});
