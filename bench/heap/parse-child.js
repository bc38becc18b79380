// One measured parse in a fresh process: node bench/heap/parse-child.js <parser> <file.heapsnapshot>
// Prints `BENCH_RESULT {json}`: wall time of the parse, peak RSS of the whole process, RSS before parsing.
import { createRequire } from 'node:module';

const [parser, file] = process.argv.slice(2);
const parsers = {
  // What `fixed-shape audit` runs: the streaming parse keeping what the audit needs, then the audit.
  'fixed-shape audit': async () => {
    const { auditSnapshotFile } = await import('../../dist/src/heap/audit.js');
    return async () => (await auditSnapshotFile(file)).nodes;
  },
  // The same parser keeping every edge and string, for comparison.
  'fixed-shape full': async () => {
    const { parseHeapSnapshot } = await import('../../dist/src/heap/snapshot-parser.js');
    return async () => (await parseHeapSnapshot(file)).nodeCount;
  },
  // memlab's public snapshot loader (parse + the indexes it builds for analysis).
  memlab: async () => {
    const memlab = createRequire(import.meta.url)('@memlab/core');
    memlab.config.muteConsole = true;
    return async () => (await memlab.utils.getSnapshotFromFile(file, { buildNodeIdIndex: false })).nodes.length;
  },
};

const load = parsers[parser];
if (!load || !file) {
  console.error(`usage: parse-child.js <${Object.keys(parsers).join('|')}> <file.heapsnapshot>`);
  process.exit(2);
}
const run = await load();
const baselineRss = process.memoryUsage().rss;
const start = performance.now();
const nodes = await run();
const ms = performance.now() - start;
// maxRSS is in kilobytes.
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(`BENCH_RESULT ${JSON.stringify({ parser, ms, peakRss, baselineRss, nodes })}`);
