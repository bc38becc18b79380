// Heap snapshot parsing: fixed-shape's streaming parser against memlab's (@memlab/core), on the same file.
//
//   node bench/heap/run.js [--quick] [--runs N] [--file snapshot.heapsnapshot]
//
// Needs a build (`npm run build`). Generates a snapshot of at least 200 MB (cached in the OS temp dir), then
// parses it in a fresh child process per run, alternating parsers. Goal: the audit parse is faster than
// memlab (median time) and peaks at less than half its RSS (median peak RSS). Exits 1 with
// "TARGET MISSED" otherwise. --quick: a 15 MB snapshot and 3 runs each (a single run on a small file is
// at the mercy of machine load), for a smoke test in seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const MB = 1024 * 1024;
const PARSERS = ['fixed-shape audit', 'fixed-shape full', 'memlab'];
const CANDIDATE = 'fixed-shape audit';
const GENERATOR_VERSION = 1;

function parseArgs(argv) {
  const options = { quick: false, runs: undefined, file: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--file') options.file = argv[++i];
    else {
      console.error(`unknown argument ${arg}\nusage: node bench/heap/run.js [--quick] [--runs N] [--file snapshot.heapsnapshot]`);
      process.exit(2);
    }
  }
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs > 0)) {
    console.error('--runs takes a positive integer');
    process.exit(2);
  }
  return options;
}

/** Scale 1 of generate.js writes ~27 MB; scale 10 ~245 MB. */
function snapshotFile(quick) {
  const scale = quick ? 0.5 : 10;
  const minimum = quick ? 0 : 200 * MB;
  const dir = join(tmpdir(), 'fixed-shape-bench');
  const file = join(dir, `heap-v${GENERATOR_VERSION}-scale${scale}.heapsnapshot`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    console.log(`generating ${file} ...`);
    const partial = `${file}.${process.pid}.partial`;
    const result = spawnSync(process.execPath, ['--max-old-space-size=4096', join(here, 'generate.js'), partial, String(scale)], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('generate.js failed');
    renameSync(partial, file);
  }
  const size = statSync(file).size;
  if (size < minimum) throw new Error(`${file} is ${(size / MB).toFixed(0)} MB, the bench needs at least ${minimum / MB} MB`);
  return file;
}

function measure(parser, file) {
  const result = spawnSync(process.execPath, [join(here, 'parse-child.js'), parser, file], { encoding: 'utf8', maxBuffer: 16 * MB });
  const line = result.stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
  if (result.status !== 0 || !line) throw new Error(`${parser} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
};

function table(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'src', 'heap', 'audit.js'))) {
  console.error('bench/heap: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const file = options.file ?? snapshotFile(options.quick);
const runs = options.runs ?? (options.quick ? 3 : 5);
const size = statSync(file).size;
console.log(`heap snapshot parse: ${file} (${(size / MB).toFixed(0)} MB), ${runs} run(s) per parser, each in a fresh process\n`);

const results = Object.fromEntries(PARSERS.map((parser) => [parser, []]));
for (let run = 0; run < runs; run++) {
  // Rotate the order so no parser always runs on a warmer page cache.
  for (let k = 0; k < PARSERS.length; k++) {
    const parser = PARSERS[(run + k) % PARSERS.length];
    results[parser].push(measure(parser, file));
  }
}
const nodeCounts = new Set(PARSERS.map((parser) => results[parser][0].nodes));
if (nodeCounts.size !== 1) throw new Error(`the parsers disagree on the node count: ${[...nodeCounts].join(', ')}`);

const summary = Object.fromEntries(
  PARSERS.map((parser) => [
    parser,
    {
      ms: stats(results[parser].map((result) => result.ms)),
      peak: stats(results[parser].map((result) => result.peakRss)),
      baseline: stats(results[parser].map((result) => result.baselineRss)),
    },
  ]),
);
const memlab = summary.memlab;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => `${(bytes / MB).toFixed(0)} MB`;
const range = (s, format) => `${format(s.min)}..${format(s.max)}`;
const rows = PARSERS.map((parser) => {
  const s = summary[parser];
  return [
    parser,
    seconds(s.ms.median),
    range(s.ms, seconds),
    `${(s.ms.median / memlab.ms.median).toFixed(2)}x`,
    megabytes(s.peak.median),
    range(s.peak, megabytes),
    `${(s.peak.median / memlab.peak.median).toFixed(2)}x`,
    megabytes(s.peak.median - s.baseline.median),
  ];
});
console.log(
  table(['parser', 'time (median)', 'min..max', 'vs memlab', 'peak RSS (median)', 'min..max', 'vs memlab', 'peak - baseline'], rows),
);
console.log(`\nnodes: ${[...nodeCounts][0].toLocaleString('en-US')}; peak RSS is the whole child process (Node.js itself ~40 MB).`);

const candidate = summary[CANDIDATE];
const missed = [];
if (!(candidate.ms.median < memlab.ms.median)) missed.push(`time ${seconds(candidate.ms.median)} is not below memlab's ${seconds(memlab.ms.median)}`);
if (!(candidate.peak.median < memlab.peak.median / 2)) {
  missed.push(`peak RSS ${megabytes(candidate.peak.median)} is not below half of memlab's ${megabytes(memlab.peak.median)}`);
}
if (missed.length > 0) {
  console.error(`\n*** TARGET MISSED (${CANDIDATE} vs memlab): ${missed.join('; ')} ***`);
  process.exit(1);
}
console.log(
  `\ntarget met: ${CANDIDATE} is ${(memlab.ms.median / candidate.ms.median).toFixed(1)}x faster than memlab ` +
    `with ${((candidate.peak.median / memlab.peak.median) * 100).toFixed(0)}% of its peak RSS`,
);
