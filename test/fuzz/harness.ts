/**
 * The differential oracle: run each generated module as written and as `fixed-shape migrate` left it,
 * in child `node --allow-natives-syntax` processes, and compare what a program can observe.
 *
 * Compared: every recorded value and error, the error that ended main(), each kept instance's
 * JSON.stringify and the value of every name read on it. Not compared: `in`, Object.keys and
 * hasOwnProperty, which legitimately differ once every property is declared up front (undefined vs absent).
 * JSON key order: exact, except for instances of a migrated class (or a subclass of one), whose keys
 * follow the declaration order, and JSON texts the program makes itself in a module with a migrated
 * class: there sorted keys are compared, and the reorderings counted (see docs/reliability.md).
 * In the migrated run, the instances of every class the report calls migrated must share one map, have
 * fast properties and, when the report says the class seals, be sealed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { changedEntries, checksums, migrateAvailable, root, runCli, runNode } from '../reliability/support.js';
import { readFileErrors, readMigrateReport, type ClassReport, type SealMode } from '../reliability/migrate-report.js';

export interface FuzzCase {
  name: string;
  module: 'esm' | 'cjs';
  source: string;
}

export interface RunOptions {
  seal: SealMode;
  /** Instead of the migrate CLI, rewrite each copy with this function (validates the oracle itself). */
  transform?: (source: string) => string;
  /** Check that a second migrate run changes nothing (default true). */
  idempotence?: boolean;
  /** Keep the temporary directory and print where it is. */
  keep?: boolean;
}

/** Problems start with a tag naming their kind: shrinking keeps a counterexample failing the same way. */
export type ProblemTag = 'load' | 'main' | 'trace' | 'json' | 'read' | 'maps' | 'dictionary' | 'seal' | 'report' | 'migrate' | 'idempotence';

export interface CaseVerdict {
  name: string;
  problems: string[];
  migratedSource: string;
  classes: ClassReport[];
  /** Classes of the original run with instances in more than one hidden class or in dictionary mode. */
  unstableOriginal: number;
  /** The error that ended the original's main() early, if one did. */
  originalError: string | null;
  /** Instances of migrated classes whose JSON keys came out in another order (allowed, counted). */
  reordered: number;
}

interface ModuleResult {
  file: string;
  load: string;
  error: string | null;
  classes: string[];
  trace: string[];
  instances: Array<{ cls: string; chain: string[]; json: string; reads: string[] }>;
  shapes: Record<string, { instances: number; maps: number; slow: number; unsealed: number }>;
}

const child = join(root, 'test/fuzz/child.mjs');
const BATCH = 20;

export const tagOf = (problem: string): ProblemTag => /^\[(\w+)\]/.exec(problem)?.[1] as ProblemTag;

export async function runCases(cases: FuzzCase[], options: RunOptions): Promise<CaseVerdict[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fixed-shape-fuzz-'));
  try {
    const original = join(dir, 'original');
    const migrated = join(dir, 'migrated');
    for (const kind of ['esm', 'cjs'] as const) {
      mkdirSync(join(original, kind), { recursive: true });
      writeFileSync(join(original, kind, 'package.json'), JSON.stringify({ type: kind === 'esm' ? 'module' : 'commonjs' }));
    }
    const files = cases.map((fuzzCase) => `${fuzzCase.module}/${fuzzCase.name}.js`);
    cases.forEach((fuzzCase, index) => writeFileSync(join(original, files[index]), fuzzCase.source));
    cpSync(original, migrated, { recursive: true });

    const problems = new Map<string, string[]>(files.map((file) => [file, []]));
    let report: ClassReport[] = [];
    if (options.transform) {
      for (const file of files) writeFileSync(join(migrated, file), options.transform(readFileSync(join(migrated, file), 'utf8')));
    } else {
      const reportFile = join(dir, 'report.json');
      const run = await runCli(['migrate', '.', '--json', reportFile, `--seal=${options.seal}`], { cwd: migrated });
      const errors = readFileErrors(reportFile);
      for (const [file, list] of problems) {
        const error = errors.get(file);
        if (error) list.push(`[migrate] failed on the file: ${error}`);
        else if (run.status !== 0) list.push(`[migrate] exited ${run.status}: ${run.stderr.trim().slice(0, 2000)}`);
      }
      report = readMigrateReport(reportFile);
      if (options.idempotence !== false) await checkIdempotent(dir, migrated, options.seal, problems);
    }

    const [before, after] = await Promise.all([runAll(original, files), runAll(migrated, files)]);
    return cases.map((fuzzCase, index) => {
      const file = files[index];
      const classes = report.filter((entry) => entry.file === file);
      const list = problems.get(file) ?? [];
      const comparison = compare(before.get(file), after.get(file), classes, options);
      list.push(...comparison.problems);
      const shapes = before.get(file)?.shapes ?? {};
      return {
        name: fuzzCase.name,
        problems: list,
        migratedSource: readFileSync(join(migrated, file), 'utf8'),
        classes,
        unstableOriginal: Object.values(shapes).filter((shape) => shape.maps > 1 || shape.slow > 0).length,
        originalError: before.get(file)?.error ?? null,
        reordered: comparison.reordered,
      };
    });
  } finally {
    if (options.keep) process.stderr.write(`fuzz: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** A second run over the migrated tree must change nothing. */
async function checkIdempotent(dir: string, migrated: string, seal: SealMode, problems: Map<string, string[]>): Promise<void> {
  const again = join(dir, 'again');
  cpSync(migrated, again, { recursive: true });
  const run = await runCli(['migrate', '.', `--seal=${seal}`], { cwd: again });
  for (const file of changedEntries(checksums(migrated), checksums(again))) {
    problems.get(file)?.push(`[idempotence] a second migrate run changed the file (exit ${run.status})`);
  }
}

/** Every module, BATCH modules per child, as many children at once as there are cores. */
async function runAll(dir: string, files: string[]): Promise<Map<string, ModuleResult>> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const results = new Map<string, ModuleResult>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++];
      const run = await runNode(['--allow-natives-syntax', child, ...batch.map((file) => join(dir, file))], { timeout: 120_000 });
      for (const line of run.stdout.split('\n').filter(Boolean)) {
        const result = JSON.parse(line) as ModuleResult;
        results.set(relative(dir, result.file), result);
      }
      // A module that killed its process: blame it alone and run the rest of the batch again.
      const missing = batch.filter((file) => !results.has(file));
      if (missing.length > 0) {
        results.set(missing[0], crashed(join(dir, missing[0]), `child exited ${run.status ?? run.signal}: ${run.stderr.slice(0, 2000)}`));
        if (missing.length > 1) batches.push(missing.slice(1));
      }
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return results;
}

const crashed = (file: string, load: string): ModuleResult => ({ file, load, error: null, classes: [], trace: [], instances: [], shapes: {} });

// ---------------------------------------------------------------------------------------------
// The comparison

function compare(before: ModuleResult | undefined, after: ModuleResult | undefined, classes: ClassReport[], options: RunOptions) {
  const problems: string[] = [];
  let reordered = 0;
  if (!before || !after) return { problems: ['[load] no result from the child process'], reordered };
  if (before.load !== 'ok') return { problems: [`[load] the original does not load (a generator bug): ${before.load}`], reordered };
  if (after.load !== 'ok') return { problems: [`[load] the migrated module does not load: ${after.load}`], reordered };
  if (before.error !== after.error) problems.push(`[main] main() ended differently: ${before.error} -> ${after.error}`);
  const migrated = new Set(classes.filter((entry) => entry.status === 'migrated').map((entry) => entry.name));
  // A JSON text the program made itself (trace values are shown as JS strings) may be of any instance.
  const sameValue = (a: string | undefined, b: string | undefined): boolean => {
    if (a === b) return true;
    if (migrated.size === 0 || a === undefined || b === undefined || !a.startsWith('"') || !b.startsWith('"')) return false;
    const reorder = canonical(JSON.parse(a) as string) === canonical(JSON.parse(b) as string);
    if (reorder) reordered++;
    return reorder;
  };
  const step = before.trace.findIndex((value, i) => !sameValue(value, after.trace[i]));
  if (step >= 0 || before.trace.length !== after.trace.length) {
    const i = step >= 0 ? step : before.trace.length;
    problems.push(`[trace] recorded operation ${i + 1} ($ call ${i + 1} in main) gave ${before.trace[i]} -> ${after.trace[i]}`);
  }
  if (before.instances.length !== after.instances.length) problems.push(`[main] kept ${before.instances.length} instances -> ${after.instances.length}`);
  before.instances.forEach((instance, index) => {
    const other = after.instances[index];
    if (!other) return;
    const label = `instance ${index} (${instance.cls})`;
    if (instance.json !== other.json) {
      if (!instance.chain.some((name) => migrated.has(name)) || canonical(instance.json) !== canonical(other.json)) {
        problems.push(`[json] ${label}: JSON.stringify ${instance.json} -> ${other.json}`);
      } else {
        reordered++;
      }
    }
    const read = instance.reads.findIndex((value, i) => value !== other.reads[i]);
    if (read >= 0) problems.push(`[read] ${label}: ${instance.reads[read]} -> ${other.reads[read]}`);
  });
  if (!options.transform) problems.push(...checkShapes(before, after, classes));
  return { problems, reordered };
}

function checkShapes(before: ModuleResult, after: ModuleResult, classes: ClassReport[]): string[] {
  const problems: string[] = [];
  for (const name of after.classes) {
    if (!classes.some((entry) => entry.name === name)) problems.push(`[report] the report does not account for class ${name}`);
  }
  for (const entry of classes) {
    const shape = after.shapes[entry.name];
    if (entry.status !== 'migrated' || !shape) continue;
    // Double fields left added late keep the shape change they had: never more hidden classes than before.
    const allowed = entry.keptLate.length > 0 ? Math.max(1, before.shapes[entry.name]?.maps ?? 1) : 1;
    if (shape.maps > allowed) problems.push(`[maps] ${entry.name} (migrated): ${shape.instances} instances in ${shape.maps} hidden classes`);
    if (shape.slow > 0) problems.push(`[dictionary] ${entry.name} (migrated): ${shape.slow} of ${shape.instances} instances in dictionary mode`);
    if (entry.seal && shape.unsealed > 0) problems.push(`[seal] ${entry.name} (migrated, sealed): ${shape.unsealed} of ${shape.instances} instances not sealed`);
  }
  return problems;
}

function canonical(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
    );
  } catch {
    return json;
  }
}

export { migrateAvailable };
