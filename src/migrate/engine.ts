/**
 * The per-file work of `fixed-shape migrate`, the same in the main thread and in workers: the index
 * pre-pass (summarize) and the rewrite (migrate).
 *
 * Memory stays bounded in the number of files: the pre-pass also rewrites each file with provisional
 * cross-file answers and records the questions it asked. Once the index exists, a rewrite whose answers
 * still hold is final; only the others are redone, from a budgeted cache of parsed modules or from a
 * fresh parse. Whatever the path, the output is the one a rewrite with the full index gives.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { migrateAnalyzed } from '../../codemods/fixed-shape.js';
import { SourceSyntaxError } from '../model-from-source.js';
import type { ClassShape } from '../shape-model.js';
import { ClassIndex, summarizeModule, type FileSummary } from './class-index.js';
import { analyzeModule, planAnalyzed, type AnalyzedModule } from './module.js';
import type { CrossFile } from './plan.js';
import { DEFAULT_MODULE_BUDGET, DEFAULT_PROVISIONAL_BUDGET } from './pool.js';
import type { CodemodChoices, FileReport } from './report.js';

export interface EngineOptions extends CodemodChoices {
  initMethods: string[];
  /** Estimated heap bytes of parsed modules kept from the pre-pass for the rewrite (default DEFAULT_MODULE_BUDGET). */
  moduleBudget?: number;
  /** Smaller files are parsed again rather than kept (default SMALL_MODULE). */
  moduleMinChars?: number;
  /** Characters of provisional rewrites (report, texts, questions) kept between the passes (default DEFAULT_PROVISIONAL_BUDGET). */
  provisionalBudget?: number;
}

export interface SummarizeResult {
  file: string;
  summary?: FileSummary;
  error?: string;
}

export interface MigrateFileResult {
  file: string;
  report: FileReport;
  /** Present when the file changes. */
  original?: string;
  output?: string;
}

const BOM = '\uFEFF';

interface Loaded {
  module: AnalyzedModule;
  bom: boolean;
}

/**
 * The calls the provisional rewrite made to the cross-file index, each once: the key is the JSON of
 * [method, ...arguments] (a class as [name, line], what the index knows it by; null for an argument that
 * cannot be replayed), the value the answer it was given (canonical(), or UNCOMPARABLE).
 */
type Questions = Record<string, string>;

interface Provisional {
  questions: Questions;
  result: MigrateFileResult;
}

interface Pending {
  /** Of the bytes the pre-pass read: a re-parse must see the same file. */
  hash: string;
  /** JSON of a Provisional (one string is far smaller than the objects); absent when not made or over budget. */
  provisional?: string;
}

export class Engine {
  private readonly pending = new Map<string, Pending>();
  private readonly cache: ModuleCache;
  private readonly provisionalBudget: number;
  private provisionalUsed = 0;
  private index = new ClassIndex([]);

  constructor(private readonly options: EngineOptions) {
    this.cache = new ModuleCache(options.moduleBudget ?? DEFAULT_MODULE_BUDGET, options.moduleMinChars ?? SMALL_MODULE);
    this.provisionalBudget = options.provisionalBudget ?? DEFAULT_PROVISIONAL_BUDGET;
  }

  setIndex(summaries: readonly FileSummary[]): void {
    this.index = new ClassIndex(summaries);
  }

  summarize(file: string): SummarizeResult {
    let summary: FileSummary;
    let loaded: Loaded;
    let hash: string;
    try {
      const bytes = readFileSync(file);
      hash = digest(bytes);
      loaded = this.analyze(bytes, file);
      summary = summarizeModule(loaded.module, planAnalyzed(loaded.module, this.options, undefined, true));
    } catch (error) {
      return { file, error: describe(error, file) };
    }
    // A class extending one imported from the run gets other answers from the index: a provisional
    // rewrite would be wasted, and the module is worth keeping.
    let provisional: string | undefined;
    if (!extendsImported(loaded.module, summary)) {
      const questions: Questions = {};
      const result = this.rewrite(file, loaded, recorder(file, questions));
      provisional = JSON.stringify({ questions, result } satisfies Provisional);
      if (this.provisionalUsed + provisional.length > this.provisionalBudget) provisional = undefined;
      else this.provisionalUsed += provisional.length;
    }
    this.pending.set(file, { hash, provisional });
    if (!provisional) this.cache.add(file, loaded);
    return { file, summary };
  }

  migrate(file: string): MigrateFileResult {
    const pending = this.pending.get(file);
    this.pending.delete(file);
    const cached = this.cache.take(file);
    if (pending?.provisional) {
      this.provisionalUsed -= pending.provisional.length;
      const { questions, result } = JSON.parse(pending.provisional) as Provisional;
      if (this.stillHolds(file, questions)) return result;
    }
    let loaded = cached;
    if (!loaded) {
      try {
        const bytes = readFileSync(file);
        // The index describes the file the pre-pass read; a file edited since cannot be rewritten against it.
        if (pending && digest(bytes) !== pending.hash) throw new Error('changed while migrate ran; not written (run migrate again)');
        loaded = this.analyze(bytes, file);
      } catch (error) {
        return { file, report: { file, changed: false, error: describe(error, file), classes: [] } };
      }
    }
    return this.rewrite(file, loaded, this.index.crossFileFor(file));
  }

  private rewrite(file: string, { module, bom }: Loaded, crossFile: CrossFile): MigrateFileResult {
    try {
      const { output, report } = migrateAnalyzed(module, { ...this.options, crossFile });
      return report.changed ? { file, report, original: (bom ? BOM : '') + module.source, output: (bom ? BOM : '') + output } : { file, report };
    } catch (error) {
      return { file, report: { file, changed: false, error: describe(error, file), classes: [] } };
    }
  }

  /** Whether the index answers every recorded question as the provisional rewrite was answered. */
  private stillHolds(file: string, questions: Questions): boolean {
    const keys = Object.keys(questions);
    if (keys.length === 0) return true;
    const crossFile = this.index.crossFileFor(file);
    try {
      return keys.every((key) => {
        const [method, ...args] = JSON.parse(key) as [keyof CrossFile, ...Array<string | [string, number] | null>];
        if (args.includes(null) || questions[key] === UNCOMPARABLE) return false;
        // The index knows a class by its name and line (class-index.ts crossFileFor): the shape needs no more.
        const values = args.map((arg) => (typeof arg === 'string' ? arg : { name: arg![0], node: { loc: { start: { line: arg![1] } } } }));
        return canonical((crossFile[method] as (...args: unknown[]) => unknown)(...values)) === questions[key];
      });
    } catch {
      return false;
    }
  }

  private analyze(bytes: Buffer, file: string): Loaded {
    const text = decodeUtf8(bytes);
    const bom = text.startsWith(BOM);
    return { module: analyzeModule(bom ? text.slice(1) : text, file, { initMethods: this.options.initMethods }), bom };
  }
}

const EMPTY_INDEX = new ClassIndex([]);

/**
 * Answers for the provisional rewrite: those of an index where no other file relates to this one (no
 * imported base known, no subclass or use elsewhere). Each question is recorded with its answer.
 */
function recorder(file: string, questions: Questions): CrossFile {
  const probe = EMPTY_INDEX.crossFileFor(file);
  const methods = Object.entries(probe).map(([method, answer]) => [
    method,
    (...args: unknown[]) => {
      const value: unknown = (answer as (...args: unknown[]) => unknown)(...args);
      questions[JSON.stringify([method, ...args.map(classRef)])] ??= canonical(value);
      return value;
    },
  ]);
  return Object.fromEntries(methods) as CrossFile;
}

function classRef(arg: unknown): string | [string, number] | null {
  if (typeof arg === 'string') return arg;
  const shape = arg as Partial<ClassShape> | null;
  const line = shape?.node?.loc?.start.line;
  return typeof shape?.name === 'string' && typeof line === 'number' ? [shape.name, line] : null;
}

function extendsImported(module: AnalyzedModule, summary: FileSummary): boolean {
  return module.model.classes.some((shape) => shape.base.kind === 'external' && Object.hasOwn(summary.bindings, shape.base.text.split('.')[0]!));
}

/** Never equal to a canonical() text (JSON escapes U+0000). */
const UNCOMPARABLE = '\u0000';

/** A comparable text for an answer: Sets, Maps and arrays in order, object keys sorted; UNCOMPARABLE for functions. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  // Most answers: no subclass, no use elsewhere.
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Set && value.size === 0) return '{"set":[]}';
  let comparable = true;
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    // What JSON would drop or blur (functions, NaN) cannot be compared.
    if (typeof inner === 'function' || typeof inner === 'symbol' || typeof inner === 'bigint' || (typeof inner === 'number' && !Number.isFinite(inner))) {
      comparable = false;
      return null;
    }
    if (inner instanceof Set) return { set: [...inner] };
    if (inner instanceof Map) return { map: [...inner] };
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
  return comparable ? text : UNCOMPARABLE;
}

/** Parsed modules kept from the pre-pass for the rewrite, within an estimated heap budget; beyond it a module is parsed again. */
class ModuleCache {
  private readonly entries = new Map<string, { loaded: Loaded; cost: number }>();
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly minChars: number,
  ) {}

  add(file: string, loaded: Loaded): void {
    const chars = loaded.module.source.length;
    const cost = moduleCost(chars);
    if (chars < this.minChars || this.used + cost > this.budget) return;
    this.entries.set(file, { loaded, cost });
    this.used += cost;
  }

  take(file: string): Loaded | undefined {
    const entry = this.entries.get(file);
    if (!entry) return undefined;
    this.entries.delete(file);
    this.used -= entry.cost;
    return entry.loaded;
  }
}

/**
 * Heap held by one analysed module: a fixed part (the scope manager with the lib globals, which the model
 * keeps) and a part per source character (the AST), measured on three's sources and generated files.
 */
function moduleCost(chars: number): number {
  return MODULE_FIXED_BYTES + MODULE_BYTES_PER_CHAR * chars;
}

const MODULE_FIXED_BYTES = 80_000;
const MODULE_BYTES_PER_CHAR = 45;
/** Below this size the fixed part dominates: such a file costs the most memory per parse it saves. */
export const SMALL_MODULE = Math.ceil(MODULE_FIXED_BYTES / MODULE_BYTES_PER_CHAR);

function digest(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict: text that is not UTF-8 is refused, never re-encoded (U+FFFD written back would destroy it). */
function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text; left as is');
  }
}

/** `file:line:col: message` for syntax errors, `file: message` otherwise. */
function describe(error: unknown, file: string): string {
  if (error instanceof SourceSyntaxError) return `${file}:${error.line}:${error.column}: ${error.reason}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(file) ? message : `${file}: ${message}`;
}
