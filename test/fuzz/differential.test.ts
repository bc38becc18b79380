// Differential fuzzing with V8 as the oracle: a generated program and its migration must be
// indistinguishable to the program, and the migration must give each class one fast hidden class.
// CI: a fixed seed and a few hundred cases. Long runs: `npm run fuzz` (FUZZ_SEED, FUZZ_RUNS, FUZZ_SEAL).
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { runCases, migrateAvailable } from './harness.js';
import { fuzz, generate, summarize, toCase } from './fuzz.js';
import type { Feature } from './program.js';
import type { SealMode } from '../reliability/migrate-report.js';

const seed = Number(process.env.FUZZ_SEED ?? 20_260_601);
const runs = Number(process.env.FUZZ_RUNS ?? 500);
const seals = (process.env.FUZZ_SEAL ?? 'always,none').split(',') as SealMode[];
const opaque = process.env.FUZZ_OPAQUE === '1';
// Leave features out to look past an open bug, e.g. FUZZ_WITHOUT=accessor,setter (see program.ts FEATURES).
const without = (process.env.FUZZ_WITHOUT ?? '').split(',').filter(Boolean) as Feature[];
const shrinkSeconds = Number(process.env.FUZZ_SHRINK_SECONDS ?? 150);
const timeout = (120 + runs + shrinkSeconds) * 1000;

describe('the oracle', () => {
  const cases = generate({ seed, runs: 120, seal: 'none' }).values.map((value, index) => toCase(value.value, `case-${index}`));

  it('sees no difference between a program and itself, and the programs reach unstable shapes', async () => {
    const verdicts = await runCases(cases, { seal: 'none', transform: (source) => source });
    expect(verdicts.filter((verdict) => verdict.problems.length > 0).map((verdict) => verdict.problems)).toEqual([]);
    // The generator must keep producing what migrate exists for: classes with several shapes or dictionary mode.
    expect(summarize(verdicts).unstableOriginal).toBeGreaterThan(cases.length * 0.3);
  });

  // Deliberately wrong migrations: each must be caught, or the oracle is blind to that kind of bug.
  const planted: Record<string, (source: string) => string> = {
    'drops a delete': (source) => source.replaceAll(/delete (this\.\w+);/g, '$1;'),
    'seals every class constructor': (source) => insertAtConstructorEnd(source, 'Object.seal(this);'),
    'initializes f1 to 0 instead of leaving it undefined': (source) => insertAtConstructorEnd(source, 'if (this.f1 === undefined) this.f1 = 0;'),
    'declares f3 first, changing the key order': (source) => source.replaceAll(/^( {4}super\(p1, p0\);|  constructor\(p0, p1\) \{)$/gm, '$1 this.f3 = undefined;'),
  };
  it.each(Object.entries(planted))('catches a migration that %s', async (_name, transform) => {
    const verdicts = await runCases(cases, { seal: 'none', transform });
    expect(verdicts.filter((verdict) => verdict.problems.length > 0).length).toBeGreaterThan(0);
  });

  it('every generated program lints with configs.all without a crash', () => {
    const linter = new Linter({ configType: 'flat' });
    for (const fuzzCase of cases) {
      const messages = linter.verify(fuzzCase.source, [
        { languageOptions: { sourceType: fuzzCase.module === 'esm' ? 'module' : 'commonjs' } },
        plugin.configs.all as Linter.Config,
      ]);
      expect(messages.filter((message) => message.fatal || !message.ruleId)).toEqual([]);
    }
  });
});

describe.each(seals)('fixed-shape migrate --seal=%s against V8', (seal) => {
  it.skipIf(!migrateAvailable)(`${runs} generated programs behave the same migrated (seed ${seed})`, { timeout }, async () => {
    const result = await fuzz({ seed, runs, seal, opaque, without, shrinkSeconds });
    console.log(`fuzz --seal=${seal}: ${JSON.stringify(summarize(result.verdicts))}`);
    const report = result.counterexamples.map((example) => `=== [${example.tag}] shrunk from case ${example.index}:\n${example.text}`).join('\n\n');
    expect(result.failures, `${result.failures} of ${runs} cases failed; minimal counterexamples:\n${report}`).toBe(0);
  });
});

/** The generated constructors end with the first `  }` after `  constructor(p0, p1) {` (classes only). */
function insertAtConstructorEnd(source: string, statement: string): string {
  return source.replaceAll(/( {2}constructor\(p0, p1\) \{\n(?:(?! {2}\}\n).*\n)*?)( {2}\}\n)/g, `$1    ${statement}\n$2`);
}
