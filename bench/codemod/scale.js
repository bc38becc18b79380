/**
 * bench/codemod/scale: `fixed-shape migrate` on generated trees of growing size: wall time and peak RSS
 * of the whole process (worker threads included), to show that memory stays bounded as the file count
 * grows. `scripts/scale.js` runs the same measurement by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeTree } from '../../test/reliability/generate.mjs';
import { runNode } from '../lib/child.js';
import { table } from '../lib/markdown.js';
import { migrateCliPath } from '../lib/migrate.js';

const CONFIG = { quick: { sizes: [200, 1000], workers: [undefined] }, full: { sizes: [1000, 5000], workers: [undefined, 1] } };

/**
 * One `migrate` run (writing files, with a JSON report) per size and worker setting, each on a fresh tree
 * (kept, migrated, with `keep`). `workers` undefined is the CLI's default. Resolves with one row per run.
 */
export async function measureScale({ sizes, workers = [undefined], scratch, cli = migrateCliPath(), keep = false, log = console.log }) {
  fs.mkdirSync(scratch, { recursive: true });
  // Loaded into the migrate process: records its peak RSS (kilobytes, from getrusage) when it exits.
  const probe = path.join(scratch, 'probe.mjs');
  fs.writeFileSync(probe, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.SCALE_OUT, JSON.stringify(process.resourceUsage())));\n");
  const rows = [];
  for (const threads of workers) {
    for (const files of sizes) {
      const tree = path.join(scratch, `tree-${files}-${threads ?? 'default'}`);
      fs.rmSync(tree, { recursive: true, force: true });
      writeTree(tree, files);
      const usage = path.join(scratch, 'usage.json');
      const report = path.join(scratch, 'report.json');
      const args = [`--import=${pathToFileURL(probe).href}`, cli, 'migrate', tree, '--json', report, '--no-progress', ...(threads ? ['--workers', String(threads)] : [])];
      const { wallMs } = await runNode(args, { env: { SCALE_OUT: usage }, stdout: 'text' });
      const { summary } = JSON.parse(fs.readFileSync(report, 'utf8'));
      const row = {
        files,
        workers: threads ?? 'default',
        seconds: +(wallMs / 1000).toFixed(1),
        peakRssMB: Math.round(JSON.parse(fs.readFileSync(usage, 'utf8')).maxRSS / 1024),
        changed: summary.changed,
        migrated: summary.classes.migrated,
      };
      rows.push(row);
      log(`scale  ${String(files).padStart(5)} files  workers ${String(row.workers).padEnd(7)}  ${row.seconds.toFixed(1)} s  peak RSS ${row.peakRssMB} MB`);
      if (!keep) fs.rmSync(tree, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Peak RSS growth in MB per 1,000 files between the smallest and largest tree of one worker setting. */
export function growthPer1000(rows) {
  const [first, last] = [rows[0], rows.at(-1)];
  return rows.length > 1 && last.files > first.files ? (last.peakRssMB - first.peakRssMB) / ((last.files - first.files) / 1000) : null;
}

/** The "Migrate at scale" section of docs/benchmarks.md. */
export function scaleMarkdown(rows) {
  const settings = [...new Set(rows.map((row) => row.workers))];
  const sizes = [...new Set(rows.map((row) => row.files))];
  const label = (workers) => (workers === 'default' ? 'default workers' : `\`--workers ${workers}\``);
  const cell = (files, workers) => {
    const row = rows.find((entry) => entry.files === files && entry.workers === workers);
    return row ? `${row.seconds.toFixed(1)} s, ${row.peakRssMB.toLocaleString('en-US')} MB` : 'n/a';
  };
  const growth = settings
    .map((workers) => ({ workers, value: growthPer1000(rows.filter((row) => row.workers === workers)) }))
    .filter(({ value }) => value !== null)
    .map(({ workers, value }) => `${value.toFixed(0)} MB (${label(workers)})`);
  return [
    '## Migrate at scale',
    '',
    '`fixed-shape migrate <tree> --json <report>` (writing files) on generated trees (`test/reliability/generate.mjs`): each file a ' +
      'class with a conditional field, a late field, a `delete` and a property added from outside; every tenth extends the class of ' +
      "the file before it. Wall time and peak RSS (the process's `maxRSS`, worker threads included), one run each. " +
      'By hand: `node scripts/scale.js --files 1000,5000 [--workers 1]`.',
    '',
    table(['files', ...settings.map(label)], sizes.map((files) => [files.toLocaleString('en-US'), ...settings.map((workers) => cell(files, workers))])),
    '',
    ...(growth.length ? [`Peak RSS grows ${growth.join(', ')} per 1,000 files.`, ''] : []),
  ].join('\n');
}

export async function runScale({ quick, scratch }) {
  const config = quick ? CONFIG.quick : CONFIG.full;
  const rows = await measureScale({ sizes: config.sizes, workers: config.workers, scratch: path.join(scratch, 'scale') });
  return { markdown: scaleMarkdown(rows), rows };
}
