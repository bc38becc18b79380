/**
 * `fixed-shape migrate`: find the files, build the cross-file class index (pre-pass), rewrite every
 * file and, as each result comes in, write it in place (atomically), print its diff (--dry) or only
 * report (--check). Only the per-file reports are kept to the end.
 */
import { accessSync, chmodSync, constants, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import cliProgress from 'cli-progress';
import { packageVersion } from '../package-info.js';
import type { FileSummary } from './class-index.js';
import type { MigrateFileResult } from './engine.js';
import { UsageError } from '../commands/usage-error.js';
import { discoverFiles } from './files.js';
import { createPool } from './pool.js';
import { summarize, type CodemodChoices, type FileReport, type MigrationReport, type MigrationSummary } from './report.js';

export interface RunOptions extends CodemodChoices {
  paths: readonly string[];
  cwd: string;
  dry: boolean;
  check: boolean;
  /** Where to write the JSON report. */
  json?: string;
  initMethods: string[];
  /** Worker threads; default from the file count and CPUs. */
  workers?: number;
  progress: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}


export async function runMigration(options: RunOptions): Promise<{ exitCode: number; report: MigrationReport }> {
  const discovery = await discoverFiles(options.paths, options.cwd);
  if (discovery.missing.length > 0) throw new UsageError(`no such file, directory or matching glob: ${discovery.missing.join(', ')}`);
  if (discovery.unsupported.length > 0) throw new UsageError(`not a JavaScript or TypeScript file: ${discovery.unsupported.join(', ')}`);
  const files = discovery.files;
  if (files.length === 0 && discovery.unreadable.length === 0) throw new UsageError(`no JavaScript or TypeScript files in ${options.paths.join(', ')}`);

  const display = (file: string): string => relative(options.cwd, file).split(sep).join('/') || file;
  const progress = options.progress && options.stderr.isTTY ? new Progress(options.stderr, files.length) : null;
  const pool = createPool({ seal: options.seal, numbers: options.numbers, dictionaries: options.dictionaries, initMethods: options.initMethods }, files.length, options.workers);
  const failed = new Map<string, string>(discovery.unreadable.map((entry) => [entry.path, `${entry.path}: ${entry.reason}`]));
  const reports = new Map<string, FileReport>();
  // Diffs wait for the end only when they would go to the terminal the progress bar draws on.
  const held: string[] | null = progress && (options.stdout as { isTTY?: boolean }).isTTY ? [] : null;
  const handle = (result: MigrateFileResult): void => {
    const report = result.report;
    reports.set(result.file, report);
    if (report.error || result.output === undefined || result.original === undefined) return;
    const name = display(result.file);
    if (options.dry) {
      const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, result.original, result.output, undefined, undefined, { context: 3 });
      if (held) held.push(patch);
      else options.stdout.write(patch);
    } else if (!options.check) {
      try {
        writeChecked(result.file, result.original, result.output);
      } catch (error) {
        report.error = `${result.file}: ${(error as Error).message}`;
        report.changed = false;
      }
    }
  };
  try {
    const summaries: FileSummary[] = [];
    progress?.phase('index');
    await pool.summarize(files, (result) => {
      if (result.summary) summaries.push(result.summary);
      if (result.error) failed.set(result.file, result.error);
      progress?.increment();
    });
    // Workers answer in any order; the index is built in file order so the output never depends on timing.
    const order = new Map(files.map((file, index) => [file, index]));
    pool.setIndex(summaries.sort((a, b) => order.get(a.file)! - order.get(b.file)!));
    summaries.length = 0; // the index has its own copy
    const migrating = files.filter((file) => !failed.has(file));
    progress?.phase('migrate', migrating.length);
    // Results are handled in file order as they arrive (diffs print in a stable order, outputs are not
    // held): only those that come in ahead of a slower worker wait.
    const position = new Map(migrating.map((file, index) => [file, index]));
    const early = new Map<number, MigrateFileResult>();
    let next = 0;
    await pool.migrate(migrating, (result) => {
      early.set(position.get(result.file)!, result);
      for (let ready = early.get(next); ready; ready = early.get(next)) {
        early.delete(next++);
        handle(ready);
      }
      progress?.increment();
    });
  } finally {
    progress?.stop();
    await pool.close();
  }
  for (const patch of held ?? []) options.stdout.write(patch);
  for (const [file, error] of failed) reports.set(file, { file, changed: false, error, classes: [] });

  const fileReports = [...files, ...discovery.unreadable.map((entry) => entry.path)].map((file) => {
    const report = reports.get(file)!;
    return { ...report, file: display(file), ...(report.error ? { error: displayError(report.error, options.cwd) } : {}) };
  });
  for (const report of fileReports) if (report.error) options.stderr.write(`${report.error}\n`);
  const report: MigrationReport = { version: 1, generator: `fixed-shape migrate ${packageVersion}`, seal: options.seal, numbers: options.numbers, dictionaries: options.dictionaries ?? 'map', files: fileReports, summary: summarize(fileReports) };
  if (options.json) writeAtomic(resolve(options.cwd, options.json), `${JSON.stringify(report, null, 2)}\n`);
  options.stderr.write(summaryTable(report.summary, options));

  const exitCode = report.summary.failed > 0 || (options.check && report.summary.changed > 0) ? 1 : 0;
  return { exitCode, report };
}

/** Errors name files relative to the working directory, like the rest of the output. */
function displayError(error: string, cwd: string): string {
  return error.startsWith(cwd + sep) ? error.slice(cwd.length + 1).split(sep).join('/') : error;
}

/** Writes `output` over `original`, unless the file changed since it was read or may not be written. */
function writeChecked(link: string, original: string, output: string): void {
  // Through a symlink: the target is rewritten, the link stays a link.
  const file = realpathSync(link);
  try {
    accessSync(file, constants.W_OK);
  } catch {
    throw new Error('not writable; left as is');
  }
  const unchanged = (): void => {
    if (readFileSync(file, 'utf8') !== original) throw new Error('changed while migrate ran; not written (run migrate again)');
  };
  unchanged();
  // Checked again right before the rename: an edit made meanwhile is never overwritten.
  writeAtomic(file, output, unchanged);
}

/** Write to a temporary file in the same directory, then rename: a file is never left half-written. */
export function writeAtomic(file: string, text: string, beforeRename?: () => void): void {
  const mode = statSync(file, { throwIfNoEntry: false })?.mode;
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    if (mode !== undefined) chmodSync(temporary, mode & 0o7777);
    beforeRename?.();
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function summaryTable(summary: MigrationSummary, options: RunOptions): string {
  const verb = options.dry || options.check ? 'would change' : 'changed';
  const skipped = Object.entries(summary.skipped).sort((a, b) => b[1] - a[1]);
  const rows: Array<[string, string | number]> = [
    ['files', summary.files],
    [`  ${verb}`, summary.changed],
    ['  failed', summary.failed],
    ['classes migrated', summary.classes.migrated],
    ['classes skipped', summary.classes.skipped],
    ...skipped.map(([code, count]): [string, number] => [`  ${code}`, count]),
    ['classes untouched', summary.classes.untouched],
    ['properties declared', summary.declared],
    ['  as NaN (numbers)', summary.nanFields],
    ['  numbers kept undefined', summary.keptUndefined],
    ['numbers left added late', summary.keptLate],
    [`seals added (${options.seal})`, summary.sealed],
    ['deletes converted', summary.deletesConverted],
    ['deletes kept', summary.deletesKept],
    ['dictionaries made Maps', summary.mapsConverted],
    ['dictionaries kept', summary.mapsKept],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${String(value).padStart(6)}`);
  const rule = `  ${'-'.repeat(width + 8)}`;
  return `\nfixed-shape migrate${options.dry ? ' --dry' : ''}${options.check ? ' --check' : ''}\n${rule}\n${lines.join('\n')}\n${rule}\n`;
}

class Progress {
  private readonly bar: cliProgress.SingleBar;

  constructor(stream: NodeJS.WritableStream, private readonly files: number) {
    this.bar = new cliProgress.SingleBar(
      { stream, format: '{phase} [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
  }

  phase(name: string, total = this.files): void {
    if (name === 'index') {
      this.bar.start(total, 0, { phase: 'index  ' });
    } else {
      this.bar.setTotal(total);
      this.bar.update(0, { phase: name.padEnd(7) });
    }
  }

  increment(): void {
    this.bar.increment();
  }

  stop(): void {
    this.bar.stop();
  }
}
