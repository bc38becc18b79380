/**
 * Runs the Engine over many files: in worker threads when there are enough files, else in this thread.
 * Each worker keeps the same files for both passes, so the rewrite can use what its pre-pass kept.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileSummary } from './class-index.js';
// Types only: with worker threads this thread never parses, so it does not load the engine (and TypeScript).
import type { Engine, EngineOptions, MigrateFileResult, SummarizeResult } from './engine.js';

export type PoolRequest =
  | { kind: 'summarize' | 'migrate'; files: string[] }
  | { kind: 'index'; summaries: FileSummary[] };

export type PoolResponse =
  | { kind: 'summarize'; result: SummarizeResult }
  | { kind: 'migrate'; result: MigrateFileResult }
  | { kind: 'done' };

/**
 * Totals for a whole run; the pool splits them between its workers. 160 MB holds the modules three.js
 * (4.7 MB of source) needs again; a larger project parses some files twice.
 */
export const DEFAULT_MODULE_BUDGET = 160 * 1024 * 1024;
export const DEFAULT_PROVISIONAL_BUDGET = 128 * 1024 * 1024;

/** Below this many files per worker, starting threads costs more than it saves. */
const FILES_PER_WORKER = 24;

export interface Pool {
  readonly workers: number;
  summarize(files: readonly string[], onResult: (result: SummarizeResult) => void): Promise<void>;
  setIndex(summaries: FileSummary[]): void;
  migrate(files: readonly string[], onResult: (result: MigrateFileResult) => void): Promise<void>;
  close(): Promise<void>;
}

export function createPool(options: EngineOptions, fileCount: number, requested?: number): Pool {
  const script = fileURLToPath(new URL('./worker.js', import.meta.url));
  const wanted = requested ?? Math.min(availableParallelism(), Math.ceil(fileCount / FILES_PER_WORKER));
  // Workers need the compiled worker.js (absent when running from TypeScript sources, e.g. in tests).
  if (wanted <= 1 || !existsSync(script)) return inlinePool(withBudgets(options, 1));
  return new WorkerPool(script, withBudgets(options, wanted), wanted);
}

/** The memory budgets are for the whole run: each engine gets its share. */
function withBudgets(options: EngineOptions, engines: number): EngineOptions {
  return {
    ...options,
    moduleBudget: Math.floor((options.moduleBudget ?? DEFAULT_MODULE_BUDGET) / engines),
    provisionalBudget: Math.floor((options.provisionalBudget ?? DEFAULT_PROVISIONAL_BUDGET) / engines),
  };
}

function inlinePool(options: EngineOptions): Pool {
  let engine: Engine | undefined;
  return {
    workers: 0,
    async summarize(files, onResult) {
      engine ??= new (await import('./engine.js')).Engine(options);
      for (const file of files) {
        onResult(engine.summarize(file));
        await tick();
      }
    },
    setIndex: (summaries) => engine!.setIndex(summaries),
    async migrate(files, onResult) {
      for (const file of files) {
        onResult(engine!.migrate(file));
        await tick();
      }
    },
    async close() {},
  };
}

/** Lets a progress bar repaint between files. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

class WorkerPool implements Pool {
  private readonly threads: Worker[];
  /** Which worker owns which file, fixed by the first pass. */
  private readonly owner = new Map<string, number>();

  constructor(script: string, options: EngineOptions, readonly workers: number) {
    // A larger young generation: parsing allocates many short-lived objects.
    this.threads = Array.from({ length: workers }, () => new Worker(script, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: 64 } }));
  }

  summarize(files: readonly string[], onResult: (result: SummarizeResult) => void): Promise<void> {
    files.forEach((file, index) => this.owner.set(file, index % this.workers));
    return this.run('summarize', files, (response) => response.kind === 'summarize' && onResult(response.result));
  }

  setIndex(summaries: FileSummary[]): void {
    for (const thread of this.threads) thread.postMessage({ kind: 'index', summaries } satisfies PoolRequest);
  }

  migrate(files: readonly string[], onResult: (result: MigrateFileResult) => void): Promise<void> {
    return this.run('migrate', files, (response) => response.kind === 'migrate' && onResult(response.result));
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private run(kind: 'summarize' | 'migrate', files: readonly string[], onResponse: (response: PoolResponse) => void): Promise<void> {
    const batches: string[][] = this.threads.map(() => []);
    files.forEach((file, index) => batches[this.owner.get(file) ?? index % this.workers]!.push(file));
    return Promise.all(
      this.threads.map(
        (thread, index) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (response: PoolResponse): void => {
              if (response.kind !== 'done') return onResponse(response);
              thread.off('message', onMessage);
              thread.off('error', onError);
              resolve();
            };
            const onError = (error: Error): void => reject(error);
            thread.on('message', onMessage);
            thread.on('error', onError);
            thread.postMessage({ kind, files: batches[index]! } satisfies PoolRequest);
          }),
      ),
    ).then(() => undefined);
  }
}
