/**
 * The "migrated" form of every benchmark is produced by running the real `fixed-shape migrate` CLI on a
 * copy of the original source at bench time, never hand-copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runNode } from './child.js';
import { cliPath, repoRoot } from './paths.js';

const migrateCommand = path.join(repoRoot, 'dist/src/commands/migrate.js');
// Another build of the CLI (e.g. a published version) can be benchmarked instead of dist/.
const otherCli = process.env.FIXED_SHAPE_BENCH_CLI;
export const MIGRATE_MISSING = 'n/a (migrate CLI not built)';
export const SEAL_MODES = ['always', 'development', 'none'];

/** The CLI that is benchmarked. */
export function migrateCliPath() {
  return otherCli ?? cliPath;
}

export function migrateAvailable() {
  return otherCli ? fs.existsSync(otherCli) : fs.existsSync(cliPath) && fs.existsSync(migrateCommand);
}

/** Printed once per suite so a missing migrated column is never silent. */
export function warnIfMissing() {
  if (migrateAvailable()) return false;
  const bar = '!'.repeat(78);
  console.log(`${bar}\n!! ${MIGRATE_MISSING}: ${path.relative(repoRoot, migrateCommand)} does not exist.\n` +
    `!! Every "migrated" figure below is n/a and its targets are NOT MEASURED. Build it and re-run.\n${bar}`);
  return true;
}

/**
 * `fixed-shape migrate <paths> [...flags]`, run from `cwd`; resolves with wall time and output.
 * `exitCodes: [0, 1]` accepts "some files failed" (the CLI's exit 1) so the caller can report it.
 */
export function runMigrate(paths, flags, { cwd, stdout = 'text', exitCodes } = {}) {
  if (!migrateAvailable()) return Promise.reject(new Error(MIGRATE_MISSING));
  return runNode([migrateCliPath(), 'migrate', ...paths, ...flags], { cwd, stdout, exitCodes });
}

/**
 * Copy `sourceFile` into `destDir` under `name` and migrate the copy in place.
 * `seal` undefined runs the CLI's default. Returns the migrated file and whether migrate changed it.
 */
export async function migrateCopy(sourceFile, destDir, name, seal) {
  fs.mkdirSync(destDir, { recursive: true });
  const target = path.join(destDir, name);
  fs.copyFileSync(sourceFile, target);
  await runMigrate([name], seal ? [`--seal=${seal}`] : [], { cwd: destDir }).catch((error) => {
    // The first line names the command; the CLI's own message follows.
    throw new Error(error.message.split('\n').slice(1).find(Boolean) ?? error.message);
  });
  const source = fs.readFileSync(target, 'utf8');
  return { file: target, source, changed: source !== fs.readFileSync(sourceFile, 'utf8') };
}
