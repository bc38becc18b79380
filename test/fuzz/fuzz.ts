/**
 * The fuzz loop. Generate programs with fast-check from a fixed seed, run them all in a few batches, then
 * shrink each kind of failure to a minimal counterexample. Shrinking walks fast-check's own shrink trees,
 * but tries a chunk of candidates per migrate run: one CLI run per candidate would take an hour.
 */
import fc from 'fast-check';
import { programArbitrary, renderProgram, type Program, type ProgramOptions } from './program.js';
import { runCases, tagOf, type CaseVerdict, type FuzzCase, type ProblemTag, type RunOptions } from './harness.js';

export interface FuzzOptions extends RunOptions, ProgramOptions {
  seed: number;
  runs: number;
  /** Wall time allowed for shrinking, over all failures (default 240 s). */
  shrinkSeconds?: number;
}

export interface Counterexample {
  tag: ProblemTag;
  /** Index of the generated program it was shrunk from (FUZZ_SEED and this reproduce it). */
  index: number;
  /** Every kind of problem the counterexample shows. */
  tags: Set<ProblemTag>;
  text: string;
}

export interface FuzzResult {
  verdicts: CaseVerdict[];
  failures: number;
  /** One minimal counterexample per kind of failure, ready to paste into a fixture. */
  counterexamples: Counterexample[];
}

const SHRINK_CHUNK = 24;

export const toCase = (program: Program, name: string): FuzzCase => ({ name, module: program.module, source: renderProgram(program) });

export function describeFailure(fuzzCase: FuzzCase, verdict: CaseVerdict): string {
  return [
    `--- ${fuzzCase.module === 'esm' ? 'ES module (.js, "type": "module")' : 'CommonJS script (.js, "type": "commonjs")'}, original:`,
    fuzzCase.source.trimEnd(),
    '--- migrated:',
    verdict.migratedSource.trimEnd(),
    '--- report:',
    ...verdict.classes.map((entry) => {
      const reasons = entry.reasons.map((reason) => `${reason.code}: ${reason.message}`);
      return `${entry.name}: ${entry.status}${entry.seal ? `, sealed (${entry.seal})` : ''}${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
    }),
    '--- problems:',
    ...verdict.problems,
  ].join('\n');
}

/** An arbitrary that remembers what it generated, with the context fast-check needs to shrink it well. */
class Recording<T> extends fc.Arbitrary<T> {
  readonly generated: Array<fc.Value<T>> = [];

  constructor(private readonly inner: fc.Arbitrary<T>) {
    super();
  }

  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    const value = this.inner.generate(random, biasFactor);
    this.generated.push(value);
    return value;
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

/** The programs fast-check generates for this seed, in order, with their shrink contexts. */
export function generate(options: FuzzOptions): { arbitrary: fc.Arbitrary<Program>; values: Array<fc.Value<Program>> } {
  const arbitrary = new Recording(programArbitrary(options));
  fc.check(fc.property(arbitrary, () => true), { seed: options.seed, numRuns: options.runs });
  return { arbitrary, values: arbitrary.generated };
}

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const { arbitrary, values } = generate(options);
  const verdicts = await runCases(
    values.map((value, index) => toCase(value.value, `case-${String(index).padStart(4, '0')}`)),
    options,
  );
  const failing = verdicts.flatMap((verdict, index) => (verdict.problems.length > 0 ? [index] : []));
  // Each kind of problem, from the first case showing it, unless an earlier counterexample shows it too.
  const firsts = new Map<ProblemTag, number>();
  for (const index of failing) for (const problem of verdicts[index].problems) if (!firsts.has(tagOf(problem))) firsts.set(tagOf(problem), index);
  const deadline = Date.now() + (options.shrinkSeconds ?? 240) * 1000;
  const counterexamples: Counterexample[] = [];
  const queue = [...firsts];
  for (const [position, [tag, index]] of queue.entries()) {
    if (counterexamples.some((example) => example.tags.has(tag))) continue;
    // The time left, shared by the kinds still to shrink.
    const until = Date.now() + (deadline - Date.now()) / (queue.length - position);
    const shrunk = (await shrink(arbitrary, values[index], tag, until, options)) ?? { fuzzCase: toCase(values[index].value, 'case'), verdict: verdicts[index] };
    counterexamples.push({ tag, index, tags: new Set(shrunk.verdict.problems.map(tagOf)), text: describeFailure(shrunk.fuzzCase, shrunk.verdict) });
  }
  return { verdicts, failures: failing.length, counterexamples };
}

/**
 * Greedy shrinking as fast-check does it (take the first failing shrink, then shrink that), over chunks of
 * candidates per batch run. A candidate counts when it fails with the same kind of problem.
 */
async function shrink(arbitrary: fc.Arbitrary<Program>, start: fc.Value<Program>, tag: ProblemTag, deadline: number, options: FuzzOptions) {
  const run: RunOptions = { ...options, idempotence: tag === 'idempotence' };
  let best: { fuzzCase: FuzzCase; verdict: CaseVerdict } | null = null;
  let current = start;
  let stream = arbitrary.shrink(current.value, current.context)[Symbol.iterator]();
  while (Date.now() < deadline) {
    const chunk: Array<fc.Value<Program>> = [];
    while (chunk.length < SHRINK_CHUNK) {
      const next = stream.next();
      if (next.done) break;
      chunk.push(next.value);
    }
    if (chunk.length === 0) break;
    const cases = chunk.map((value, index) => toCase(value.value, `shrink-${index}`));
    const verdicts = await runCases(cases, run);
    const hit = verdicts.findIndex((verdict) => verdict.problems.some((problem) => tagOf(problem) === tag));
    if (hit < 0) continue;
    current = chunk[hit];
    best = { fuzzCase: cases[hit], verdict: verdicts[hit] };
    stream = arbitrary.shrink(current.value, current.context)[Symbol.iterator]();
  }
  return best;
}

/** Counts for the log, and for checking that the generator still reaches the cases that matter. */
export function summarize(verdicts: CaseVerdict[]) {
  const reasons = new Map<string, number>();
  const problems = new Map<string, number>();
  let migrated = 0;
  let skipped = 0;
  let nanFields = 0;
  for (const entry of verdicts.flatMap((verdict) => verdict.classes)) {
    if (entry.status === 'migrated') migrated++;
    if (entry.status === 'skipped') skipped++;
    nanFields += entry.declared.filter((field) => field.initializer === 'NaN').length;
    for (const { code } of entry.reasons) reasons.set(code, (reasons.get(code) ?? 0) + 1);
  }
  for (const verdict of verdicts) for (const tag of new Set(verdict.problems.map(tagOf))) problems.set(tag, (problems.get(tag) ?? 0) + 1);
  return {
    cases: verdicts.length,
    failing: verdicts.filter((verdict) => verdict.problems.length > 0).length,
    problems: Object.fromEntries(problems),
    unstableOriginal: verdicts.filter((verdict) => verdict.unstableOriginal > 0).length,
    endedByError: verdicts.filter((verdict) => verdict.originalError !== null).length,
    reorderedInstances: verdicts.reduce((sum, verdict) => sum + verdict.reordered, 0),
    classes: { migrated, skipped },
    nanFields,
    skipReasons: Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])),
  };
}
