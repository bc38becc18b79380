/**
 * bench/lint: ESLint on a real corpus with core `recommended` alone vs core plus
 * `fixedShape.configs.recommended`, in alternating order, then ESLint's per-rule TIMING table.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '../lib/child.js';
import { table } from '../lib/markdown.js';
import { formatRatio, formatSummary, summarize, summarizeRuns } from '../lib/stats.js';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');
const MAX_OVERHEAD = 1.1;
const CONFIG = { quick: { pairs: 1, timingRuns: 1 }, full: { pairs: 5, timingRuns: 3 } };
const LABELS = { core: 'core `recommended`', plugin: 'core + `fixedShape.configs.recommended`' };

const lintOnce = (corpus, config, env) => runNode([childScript, JSON.stringify({ corpus: corpus.dir, config })], { env, stdout: env ? 'text' : 'json' });

/** ESLint's TIMING table: "rule | 12.345 | 3.4%" rows. */
function parseTiming(stdout) {
  const rows = {};
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*[\d.]+%$/.exec(line.trim());
    if (match) rows[match[1]] = Number(match[2]);
  }
  return rows;
}

export async function runLint({ quick, corpus, targets }) {
  const config = quick ? CONFIG.quick : CONFIG.full;
  const runs = { core: [], plugin: [] };
  for (let pair = 0; pair < config.pairs; pair++) {
    // Alternate which configuration goes first, so drift in machine load hits both alike.
    const order = pair % 2 ? ['plugin', 'core'] : ['core', 'plugin'];
    for (const name of order) {
      const run = await lintOnce(corpus, name);
      runs[name].push(run);
      console.log(`lint   ${name.padEnd(6)} ${run.files} files  ${(run.totalMs / 1000).toFixed(2)} s` + (name === 'plugin' ? `  (plugin import ${run.importMs.toFixed(0)} ms)` : ''));
    }
  }
  const core = summarizeRuns(runs.core);
  const plugin = summarizeRuns(runs.plugin);
  const overhead = plugin.totalMs.median / core.totalMs.median;
  targets.check(
    'lint: fixedShape.configs.recommended adds at most 10% to lint time',
    overhead <= MAX_OVERHEAD,
    `core ${formatSummary(core.totalMs, 0)} ms, core + plugin ${formatSummary(plugin.totalMs, 0)} ms: ${formatRatio(overhead)} (+${((overhead - 1) * 100).toFixed(1)}%)`,
  );

  const timingRuns = [];
  for (let i = 0; i < config.timingRuns; i++) timingRuns.push(parseTiming((await lintOnce(corpus, 'plugin', { TIMING: 'all' })).stdout));
  const perRule = Object.keys(timingRuns[0]).map((rule) => [rule, summarize(timingRuns.map((run) => run[rule] ?? 0))]);
  perRule.sort((a, b) => b[1].median - a[1].median);
  const ruleTotal = perRule.reduce((sum, [, summary]) => sum + summary.median, 0);
  const shapeRules = perRule.filter(([rule]) => rule.startsWith('fixed-shape/'));
  const shown = [...perRule.slice(0, 10), ...shapeRules.filter((row) => !perRule.slice(0, 10).includes(row))];

  return {
    markdown: [
      '## Lint overhead',
      '',
      `ESLint ${await eslintVersion()} on \`three/src\` (${corpus.files} files, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB), ` +
        `one fresh process per run, ${config.pairs} pairs in alternating order. Time is \`new ESLint()\` + \`lintFiles()\`, ` +
        'plus importing the plugin for the plugin run.',
      '',
      table(
        ['Configuration', 'time ms', 'files/s', 'fixed-shape findings'],
        [
          [LABELS.core, formatSummary(core.totalMs, 0), (corpus.files / (core.totalMs.median / 1000)).toFixed(0), '–'],
          [LABELS.plugin, formatSummary(plugin.totalMs, 0), (corpus.files / (plugin.totalMs.median / 1000)).toFixed(0), String(plugin.shapeFindings.median)],
        ],
      ),
      '',
      `Ratio (plugin ÷ core, medians): **${formatRatio(overhead)}**; plugin import ${formatSummary(plugin.importMs, 0)} ms.`,
      '',
      `### Per-rule time (\`TIMING=all\`, median of ${config.timingRuns})`,
      '',
      'The shape model is built once per file by whichever fixed-shape rule runs first, so that rule carries its cost.',
      '',
      table(
        ['Rule', 'time ms', 'share of rule time'],
        shown.map(([rule, summary]) => [rule, formatSummary(summary, 1), `${((100 * summary.median) / ruleTotal).toFixed(1)}%`]),
      ),
      '',
      `fixed-shape rules together: ${shapeRules.reduce((sum, [, s]) => sum + s.median, 0).toFixed(0)} ms of ${ruleTotal.toFixed(0)} ms rule time.`,
      '',
    ].join('\n'),
  };
}

async function eslintVersion() {
  const { ESLint } = await import('eslint');
  return ESLint.version;
}
