#!/usr/bin/env node
// The long run of the differential fuzzer (CI runs a fixed seed and a few hundred cases).
// Usage: npm run fuzz -- [--runs 5000] [--seed n] [--seal always,none,development] [--without accessor,setter]
//                       [--opaque] [--shrink-seconds 900]
// A failure prints the seed, the case index and a minimal counterexample: add it to test/fuzz/fixtures/.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: String(randomInt(2 ** 31)) },
    seal: { type: 'string', default: 'always,none' },
    without: { type: 'string', default: '' },
    opaque: { type: 'boolean', default: false },
    'shrink-seconds': { type: 'string', default: '900' },
  },
});

console.log(`fuzz: seed ${values.seed}, ${values.runs} programs per seal mode (${values.seal}); reproduce with --seed ${values.seed}`);
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/fuzz/differential.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: values.runs,
    FUZZ_SEED: values.seed,
    FUZZ_SEAL: values.seal,
    FUZZ_WITHOUT: values.without,
    FUZZ_OPAQUE: values.opaque ? '1' : '',
    FUZZ_SHRINK_SECONDS: values['shrink-seconds'],
  },
});
process.exit(run.status ?? 1);
