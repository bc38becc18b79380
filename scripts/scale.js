#!/usr/bin/env node
// `fixed-shape migrate` on generated trees of growing size: wall time and peak RSS of the whole process
// (worker threads included), to show whether memory stays bounded as the file count grows.
// Usage: node scripts/scale.js [--files 1000,2500,5000] [--workers n] [--keep]
// Needs a build (npm run build). Prints a table and one JSON line per size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeTree } from '../test/reliability/generate.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/src/cli.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '1000,2500,5000' }, workers: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const sizes = values.files.split(',').map(Number);

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-scale-'));
// Loaded into the migrate process: records its peak RSS (kilobytes, from getrusage) when it exits.
const probe = join(work, 'probe.mjs');
writeFileSync(probe, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.SCALE_OUT, JSON.stringify(process.resourceUsage())));\n");

const rows = [];
try {
  for (const files of sizes) {
    const tree = join(work, `tree-${files}`);
    writeTree(tree, files);
    const out = join(work, `usage-${files}.json`);
    const args = [`--import=${pathToFileURL(probe).href}`, cli, 'migrate', tree, '--json', join(work, `report-${files}.json`), '--no-progress'];
    if (values.workers) args.push('--workers', values.workers);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, SCALE_OUT: out }, maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`migrate exited ${run.status} on ${files} files:\n${run.stderr}`);
    const usage = JSON.parse(readFileSync(out, 'utf8'));
    const report = JSON.parse(readFileSync(join(work, `report-${files}.json`), 'utf8'));
    rows.push({ files, seconds: +seconds.toFixed(1), peakRssMB: Math.round(usage.maxRSS / 1024), changed: report.summary.changed, migrated: report.summary.classes.migrated });
    if (!values.keep) rmSync(tree, { recursive: true, force: true });
  }
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log(`fixed-shape migrate, generated trees (Node ${process.version}, ${values.workers ? `${values.workers} workers` : 'default workers'})`);
console.log('files    seconds  peak RSS MB  files changed  classes migrated');
for (const row of rows) {
  console.log(`${String(row.files).padStart(5)}  ${String(row.seconds).padStart(9)}  ${String(row.peakRssMB).padStart(11)}  ${String(row.changed).padStart(13)}  ${String(row.migrated).padStart(16)}`);
}
if (rows.length > 1) {
  const [first, last] = [rows[0], rows.at(-1)];
  const slope = (last.peakRssMB - first.peakRssMB) / ((last.files - first.files) / 1000);
  console.log(`peak RSS grows ${slope.toFixed(1)} MB per 1000 files`);
}
for (const row of rows) console.log(JSON.stringify(row));
