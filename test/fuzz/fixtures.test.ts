// Every bug the differential fuzzer found, as a fixture: a module in the generated form (main(h), names,
// classes) run through the same oracle. The comment at the top of each says what went wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateAvailable, root } from '../reliability/support.js';
import { runCases, type CaseVerdict, type FuzzCase } from './harness.js';
import { describeFailure } from './fuzz.js';

const dir = join(root, 'test/fuzz/fixtures');
const cases: FuzzCase[] = readdirSync(dir)
  .filter((file) => file.endsWith('.js'))
  .sort()
  .map((file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    return { name: file.slice(0, -3), module: source.startsWith('// A CommonJS script') ? 'cjs' : 'esm', source };
  });

describe.each(['always', 'none'] as const)('fuzz fixtures, migrate --seal=%s', (seal) => {
  let verdicts = new Map<string, CaseVerdict>();
  beforeAll(async () => {
    if (migrateAvailable) verdicts = new Map((await runCases(cases, { seal })).map((verdict) => [verdict.name, verdict]));
  });

  it.skipIf(!migrateAvailable).each(cases)('$name', (fuzzCase) => {
    const verdict = verdicts.get(fuzzCase.name)!;
    expect(verdict.problems, describeFailure(fuzzCase, verdict)).toEqual([]);
  });
});
