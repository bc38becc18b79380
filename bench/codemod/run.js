/**
 * bench/codemod: `fixed-shape migrate --dry` against a jscodeshift identity transform (parse and print
 * only) on the same corpus copy, whole CLI processes on both sides, in files per second.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runNode } from '../lib/child.js';
import { table } from '../lib/markdown.js';
import { MIGRATE_MISSING, migrateAvailable, runMigrate, warnIfMissing } from '../lib/migrate.js';
import { listJsFiles, repoRoot } from '../lib/paths.js';
import { formatRatio, formatSummary, summarizeRuns } from '../lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const jscodeshiftBin = path.join(repoRoot, 'node_modules/jscodeshift/bin/jscodeshift.js');
const codemodModule = path.join(repoRoot, 'dist/codemods/fixed-shape.js');
const MIN_THROUGHPUT = 0.8;
const CONFIG = { quick: { rounds: 1, tools: ['identity', 'migrate'] }, full: { rounds: 3, tools: ['identity', 'migrate', 'migrate-default'] } };

/** The identity transform parses JavaScript with the parser the codemod picks for it. */
async function codemodParser() {
  if (!fs.existsSync(codemodModule)) return 'babel';
  const module = await import(pathToFileURL(codemodModule).href);
  return module.parserFor?.('corpus.js') ?? module.parser ?? 'babel';
}

function corpusDigest(dir) {
  const hash = crypto.createHash('sha1');
  for (const file of listJsFiles(dir)) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** The report (outside the corpus) says how many files failed or would change. */
async function migrateDry(corpus, report, flags) {
  const run = await runMigrate(['.'], ['--dry', '--no-progress', `--json=${report}`, ...flags], { cwd: corpus.dir, stdout: 'ignore', exitCodes: [0, 1] });
  const files = JSON.parse(fs.readFileSync(report, 'utf8')).files ?? [];
  return { ...run, failed: files.filter((file) => file.error).length, changed: files.filter((file) => file.changed).length };
}

export async function runCodemod({ quick, corpus, targets }) {
  const config = quick ? CONFIG.quick : CONFIG.full;
  const parser = await codemodParser();
  const tools = {
    identity: () =>
      runNode([jscodeshiftBin, '-t', path.join(here, 'identity.cjs'), '--no-babel', '--dry', '--run-in-band', '--silent', '--fail-on-error', `--parser=${parser}`, '--extensions=js', '.'],
        { cwd: corpus.dir, stdout: 'ignore' }),
    // One thread on both sides for the target: the work per file, not the number of cores.
    migrate: () => migrateDry(corpus, report, ['--workers=1']),
    // What a user gets by default (worker threads), for information.
    'migrate-default': () => migrateDry(corpus, report, []),
  };
  const report = path.join(path.dirname(corpus.dir), 'migrate-report.json');
  const available = migrateAvailable();
  warnIfMissing();
  const before = corpusDigest(corpus.dir);
  const runs = { identity: [], migrate: [], 'migrate-default': [] };
  for (let round = 0; round < config.rounds; round++) {
    // Rotate the order each round, so drift in machine load hits every tool alike.
    const names = config.tools.filter((name) => available || name === 'identity');
    const order = names.map((_, index) => names[(index + round) % names.length]);
    for (const name of order) {
      const { wallMs, failed = 0, changed = 0 } = await tools[name]();
      runs[name].push({ wallMs, filesPerSecond: corpus.files / (wallMs / 1000), failed, changed });
      if (failed) console.log(`!! ${name}: ${failed} corpus files failed (they flatter its files/s)`);
      console.log(`codemod ${name.padEnd(15)} ${corpus.files} files  ${(wallMs / 1000).toFixed(2)} s  ${(corpus.files / (wallMs / 1000)).toFixed(0)} files/s`);
    }
  }
  if (corpusDigest(corpus.dir) !== before) throw new Error('migrate --dry (or the identity transform) modified the corpus');

  const identity = summarizeRuns(runs.identity);
  const migrate = available ? summarizeRuns(runs.migrate) : null;
  const migrateDefault = available && runs['migrate-default'].length ? summarizeRuns(runs['migrate-default']) : null;
  const throughput = migrate ? migrate.filesPerSecond.median / identity.filesPerSecond.median : null;
  const failedNote = migrate?.failed.median ? `; ${migrate.failed.median} files failed in migrate` : '';
  targets.check(
    'codemod: migrate --dry keeps at least 0.8x the identity transform\'s files/s',
    migrate ? throughput >= MIN_THROUGHPUT : null,
    migrate
      ? `migrate ${formatSummary(migrate.filesPerSecond, 0)} vs identity ${formatSummary(identity.filesPerSecond, 0)} files/s: ${formatRatio(throughput)}${failedNote}`
      : MIGRATE_MISSING,
  );

  return {
    markdown: [
      '## Codemod throughput',
      '',
      `\`fixed-shape migrate --dry --workers=1 .\` against \`jscodeshift -t bench/codemod/identity.cjs --dry --run-in-band --parser=${parser}\` ` +
        `(parse and print only) on the same copy of \`three/src\` (${corpus.files} files): whole CLI processes, one thread each, ` +
        `${config.rounds} round(s) in rotating order; files/s = files ÷ process wall time.` +
        (config.tools.includes('migrate-default') ? ' The default `migrate --dry` (worker threads) is shown for information.' : ''),
      '',
      table(
        ['Tool', 'wall time ms', 'files/s', 'files it would change', 'files failed'],
        [
          ['jscodeshift identity transform', formatSummary(identity.wallMs, 0), formatSummary(identity.filesPerSecond, 0), '–', '–'],
          migrateRow('`fixed-shape migrate --dry --workers=1`', migrate),
          ...(config.tools.includes('migrate-default') ? [migrateRow('`fixed-shape migrate --dry` (default workers)', migrateDefault)] : []),
        ],
      ),
      '',
      `Ratio (migrate ÷ identity files/s, medians): **${throughput === null ? MIGRATE_MISSING : formatRatio(throughput)}**.`,
      '',
    ].join('\n'),
  };
}

function migrateRow(label, summary) {
  if (!summary) return [label, MIGRATE_MISSING, '–', '–', '–'];
  return [label, formatSummary(summary.wallMs, 0), formatSummary(summary.filesPerSecond, 0), String(summary.changed.median), String(summary.failed.median)];
}
