import { InvalidArgumentError, type Command } from 'commander';
import { auditSnapshotFile, diffSnapshotFiles } from '../heap/audit.js';
import { formatAuditTable, formatDiffTable } from '../heap/format.js';
import { buildShapeReport, DEFAULT_THRESHOLDS, writeShapeReport } from '../heap/report.js';
import type { RegisterCommand } from './index.js';
import { UsageError } from './usage-error.js';

interface AuditOptions {
  diff?: boolean;
  top: number;
  json?: boolean;
  report?: string;
  hotInstances: number;
  unstableInstances: number;
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

const examples = `
Examples:
  $ fixed-shape snapshot --out app.heapsnapshot -- node app.js
  $ fixed-shape audit app.heapsnapshot --top 10
  $ fixed-shape audit app.heapsnapshot --report shape-report.json
  $ fixed-shape audit --diff before.heapsnapshot after.heapsnapshot

Bytes are V8 self sizes: the instance plus its dictionary or PropertyArray. See docs/heap-audit.md.`;

export const registerAudit: RegisterCommand = (program: Command) => {
  program
    .command('audit')
    .description('Find the classes whose shapes cost memory in a V8 heap snapshot: instances, bytes, hidden classes, dictionary mode')
    .argument('<snapshots...>', 'a .heapsnapshot file (two with --diff: before and after)')
    .option('--diff', 'compare two snapshots, before and after, class by class')
    .option('--top <n>', 'rows to show in the table', positiveInteger, 20)
    .option('--json', 'print every class as JSON instead of a table')
    .option('--report <file>', "write the shape report that settings['fixed-shape'].report reads")
    .option('--hot-instances <n>', 'with --report: classes with at least this many instances are hot', positiveInteger, DEFAULT_THRESHOLDS.hotInstances)
    .option(
      '--unstable-instances <n>',
      'with --report: classes with several hidden classes or dictionary-mode instances are hot from this many instances',
      positiveInteger,
      DEFAULT_THRESHOLDS.unstableInstances,
    )
    .addHelpText('after', examples)
    .action(async (files: string[], options: AuditOptions) => {
      if (options.diff) {
        if (files.length !== 2) throw new UsageError('audit --diff takes two snapshots: before and after');
        if (options.report) throw new UsageError('--report takes a single snapshot, not --diff');
        const diff = await diffSnapshotFiles(files[0], files[1]);
        process.stdout.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiffTable(diff, options.top));
        return;
      }
      if (files.length !== 1) throw new UsageError('audit takes one snapshot (or two with --diff)');
      const audit = await auditSnapshotFile(files[0]);
      if (options.report) {
        const report = buildShapeReport(audit, { hotInstances: options.hotInstances, unstableInstances: options.unstableInstances });
        await writeShapeReport(options.report, report);
        const hot = report.classes.filter((entry) => entry.hot).length;
        process.stderr.write(`fixed-shape audit: wrote ${options.report}: ${hot} hot of ${report.classes.length} listed classes\n`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(audit, null, 2)}\n` : formatAuditTable(audit, options.top));
    });
};

// Re-exported so src/commands/index.ts registers both heap commands with one import.
export { registerSnapshot } from './snapshot.js';
