/**
 * The per-file work of `fixed-shape migrate`, the same in the main thread and in workers: the index
 * pre-pass (summarize) and the rewrite (migrate). A file parsed by the pre-pass is kept for the rewrite.
 */
import { readFileSync } from 'node:fs';
import { migrateAnalyzed } from '../../codemods/fixed-shape.js';
import { SourceSyntaxError } from '../model-from-source.js';
import { ClassIndex, summarizeModule, type FileSummary } from './class-index.js';
import { analyzeModule, planAnalyzed, type AnalyzedModule } from './module.js';
import type { CodemodChoices, FileReport } from './report.js';

export interface EngineOptions extends CodemodChoices {
  initMethods: string[];
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

export class Engine {
  private readonly modules = new Map<string, { module: AnalyzedModule; bom: boolean }>();
  private index = new ClassIndex([]);

  constructor(private readonly options: EngineOptions) {}

  setIndex(summaries: readonly FileSummary[]): void {
    this.index = new ClassIndex(summaries);
  }

  summarize(file: string): SummarizeResult {
    try {
      const { module } = this.load(file);
      return { file, summary: summarizeModule(module, planAnalyzed(module, this.options, undefined, true)) };
    } catch (error) {
      return { file, error: describe(error, file) };
    }
  }

  migrate(file: string): MigrateFileResult {
    try {
      const { module, bom } = this.load(file);
      this.modules.delete(file);
      const { output, report } = migrateAnalyzed(module, { ...this.options, crossFile: this.index.crossFileFor(file) });
      return report.changed ? { file, report, original: (bom ? BOM : '') + module.source, output: (bom ? BOM : '') + output } : { file, report };
    } catch (error) {
      return { file, report: { file, changed: false, error: describe(error, file), classes: [] } };
    }
  }

  private load(file: string): { module: AnalyzedModule; bom: boolean } {
    let entry = this.modules.get(file);
    if (!entry) {
      const text = decodeUtf8(readFileSync(file));
      const bom = text.startsWith(BOM);
      entry = { module: analyzeModule(bom ? text.slice(1) : text, file, { initMethods: this.options.initMethods }), bom };
      this.modules.set(file, entry);
    }
    return entry;
  }
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
