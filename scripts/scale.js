#!/usr/bin/env node
// `fixed-shape migrate` on generated trees of growing size: wall time and peak RSS of the whole process
// (worker threads included), to show that memory stays bounded as the file count grows. The full bench
// (bench/run.js) runs the same measurement for docs/benchmarks.md.
// Usage: node scripts/scale.js [--files 1000,2500,5000] [--workers n] [--keep] [--cli dist/src/cli.js] [--markdown]
// Needs a build (npm run build). Prints a table and one JSON line per size; --markdown prints the
// docs/benchmarks.md section instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { growthPer1000, measureScale, scaleMarkdown } from '../bench/codemod/scale.js';
import { migrateCliPath } from '../bench/lib/migrate.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000,2500,5000' },
    workers: { type: 'string' },
    keep: { type: 'boolean', default: false },
    cli: { type: 'string' },
    markdown: { type: 'boolean', default: false },
  },
});
const sizes = values.files.split(',').map(Number);
const workers = values.workers ? values.workers.split(',').map((value) => (value === 'default' ? undefined : Number(value))) : [undefined];

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-scale-'));
let rows;
try {
  rows = await measureScale({ sizes, workers, scratch: work, cli: values.cli ? resolve(values.cli) : migrateCliPath(), keep: values.keep, log: () => {} });
} finally {
  if (values.keep) console.error(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (values.markdown) {
  console.log(scaleMarkdown(rows));
} else {
  for (const setting of [...new Set(rows.map((row) => row.workers))]) {
    const group = rows.filter((row) => row.workers === setting);
    console.log(`fixed-shape migrate, generated trees (Node ${process.version}, ${setting === 'default' ? 'default workers' : `${setting} workers`})`);
    console.log('files    seconds  peak RSS MB  files changed  classes migrated');
    for (const row of group) {
      console.log(`${String(row.files).padStart(5)}  ${String(row.seconds).padStart(9)}  ${String(row.peakRssMB).padStart(11)}  ${String(row.changed).padStart(13)}  ${String(row.migrated).padStart(16)}`);
    }
    const growth = growthPer1000(group);
    if (growth !== null) console.log(`peak RSS grows ${growth.toFixed(1)} MB per 1000 files`);
  }
  for (const row of rows) console.log(JSON.stringify(row));
}
