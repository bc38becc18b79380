/**
 * bench/shapes: the seeds' experiment (create many objects, compare memory and time) for each pattern
 * in three forms: original, the output of `fixed-shape migrate` on it, and a hand-written ideal.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from '../lib/markdown.js';
import { MIGRATE_MISSING, SEAL_MODES, migrateAvailable, migrateCopy, warnIfMissing } from '../lib/migrate.js';
import { formatRatio, formatSummary, ratio } from '../lib/stats.js';
import { PRODUCTION, measureModule } from './measure.js';
import { patterns } from './patterns/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export const CONFIG = {
  quick: { base: 100_000, large: null, repeats: 1, largeRepeats: 0, accesses: 2e6 },
  full: { base: 1_000_000, large: 10_000_000, repeats: 5, largeRepeats: 3, accesses: 2e7 },
};

const DEVELOPMENT = { NODE_ENV: undefined };

const MAIN_FORMS = ['original', 'migrated', 'ideal'];
const SEAL_COLUMNS = [
  { label: 'none', form: 'migrated-none', env: PRODUCTION },
  { label: 'development (NODE_ENV=production)', form: 'migrated-development', env: PRODUCTION },
  { label: 'development (NODE_ENV unset)', form: 'migrated-development', env: DEVELOPMENT },
  { label: 'always', form: 'migrated-always', env: PRODUCTION },
];

/** Time targets count as missed only when the medians miss and the min–max ranges do not overlap. */
const TOLERANCE = 1.05;
/** heapUsed deltas carry ~0.1% noise at 1M objects (compiled code, feedback), so byte targets allow that. */
const BYTES_NOISE = 0.999;
const SLOWER_METRICS = [
  ['constructNs', 'construction'],
  ['readNs', 'read (hot)'],
  ['readAllNs', 'read (all objects)'],
  ['writeNs', 'write'],
];

function firstLine(text) {
  return String(text).trim().split('\n')[0].slice(0, 160);
}

async function prepareForms(pattern, scratch) {
  const dir = path.join(here, 'patterns', pattern.id);
  const original = path.join(dir, 'original.js');
  const forms = { original: { file: original }, ideal: { file: path.join(dir, 'ideal.js') } };
  for (const seal of [undefined, ...SEAL_MODES]) {
    const name = seal ? `migrated-${seal}` : 'migrated';
    forms[name] = { migrated: true, seal };
    if (!migrateAvailable()) {
      forms[name].missing = MIGRATE_MISSING;
      continue;
    }
    try {
      Object.assign(forms[name], await migrateCopy(original, path.join(scratch, pattern.id), `${name}.js`, seal));
      if (!forms[name].changed) console.log(`!! ${pattern.id}: migrate${seal ? ` --seal=${seal}` : ''} left original.js unchanged`);
    } catch (error) {
      forms[name].missing = `n/a (migrate failed: ${firstLine(error.message)})`;
      console.log(`!! ${pattern.id}: ${forms[name].missing}`);
    }
  }
  return forms;
}

/** Migrated code that fails to run is reported, not fatal; our own original/ideal must always run. */
async function measureForm(patternId, formName, form, size, options) {
  if (form.missing) return { missing: form.missing };
  try {
    const summary = await measureModule(form.file, size, options);
    console.log(`shapes ${size.toLocaleString('en-US').padStart(10)}  ${patternId.padEnd(17)} ${formName.padEnd(21)}` +
      ` ${formatSummary(summary.bytesPerObject, 1)} B/obj  ctor ${formatSummary(summary.constructNs, 0)} ns` +
      (summary.readNs ? `  read ${formatSummary(summary.readNs, 2)} ns  write ${formatSummary(summary.writeNs, 2)} ns` +
        `  classes ${summary.hiddenClasses.median}` : ''));
    return { summary };
  } catch (error) {
    if (!form.migrated) throw error;
    const thrown = error.message.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? firstLine(error.message);
    const missing = `n/a (migrated code failed: ${thrown.slice(0, 160)})`;
    console.log(`!! ${patternId} ${formName}: ${missing}`);
    return { missing };
  }
}

/** Memory a size needs, from the largest bytes/object at the base size: the heap, twice, plus slack for GC. */
function largeRunBudget(base, size) {
  const bytes = Math.max(...MAIN_FORMS.map((form) => base[form].summary?.bytesPerObject.max ?? 0));
  const needed = bytes * size * 2 + 2 ** 29;
  const available = os.totalmem() * 0.6;
  return { fits: needed <= available, maxOldSpaceMB: Math.ceil(needed / 2 ** 20), neededGB: needed / 2 ** 30, availableGB: available / 2 ** 30 };
}

export async function runShapes({ quick, scratch, targets }) {
  const config = quick ? CONFIG.quick : CONFIG.full;
  warnIfMissing();
  const options = { repeats: config.repeats, accesses: config.accesses };
  const results = [];
  for (const pattern of patterns) {
    const forms = await prepareForms(pattern, path.join(scratch, 'shapes'));
    const base = {};
    for (const name of MAIN_FORMS) base[name] = await measureForm(pattern.id, name, forms[name], config.base, options);
    const seal = [];
    for (const column of SEAL_COLUMNS) {
      seal.push(await measureForm(pattern.id, `${column.form}${column.env === DEVELOPMENT ? ' (dev)' : ''}`, forms[column.form], config.base, { ...options, env: column.env }));
    }
    let large = null;
    let largeSkipped = null;
    if (config.large) {
      const budget = largeRunBudget(base, config.large);
      if (budget.fits) {
        large = {};
        const largeOptions = { ...options, repeats: config.largeRepeats, maxOldSpaceMB: budget.maxOldSpaceMB };
        for (const name of MAIN_FORMS) large[name] = await measureForm(pattern.id, name, forms[name], config.large, largeOptions);
      } else {
        largeSkipped = `skipped: needs ~${budget.neededGB.toFixed(1)} GiB, 60% of this machine's memory is ${budget.availableGB.toFixed(1)} GiB`;
        console.log(`shapes ${pattern.id}: ${config.large.toLocaleString('en-US')} objects ${largeSkipped}`);
      }
    }
    results.push({ pattern, forms, base, seal, large, largeSkipped });
    checkTargets(targets, pattern, base);
  }
  return { markdown: renderMarkdown(results, config), headline: renderHeadline(results, config), sources: renderSources(results) };
}

function checkTargets(targets, pattern, base) {
  const { original, migrated, ideal } = Object.fromEntries(MAIN_FORMS.map((name) => [name, base[name].summary]));
  const unmeasured = base.migrated.missing;
  const check = (name, compute) => {
    if (unmeasured) targets.check(`${pattern.id}: ${name}`, null, unmeasured);
    else targets.check(`${pattern.id}: ${name}`, ...compute());
  };
  const slower = (a, b) => a.median > b.median * TOLERANCE && a.min > b.max;

  check('migrated within 5% of ideal in bytes/object', () => {
    const value = migrated.bytesPerObject.median / ideal.bytesPerObject.median;
    return [value * BYTES_NOISE <= TOLERANCE, `migrated ${migrated.bytesPerObject.median.toFixed(1)} vs ideal ${ideal.bytesPerObject.median.toFixed(1)} B (${formatPercent(value)})`];
  });
  check('migrated within 5% of ideal in read ns (hot)', () => {
    const value = migrated.readNs.median / ideal.readNs.median;
    return [!slower(migrated.readNs, ideal.readNs), `migrated ${formatSummary(migrated.readNs, 2)} vs ideal ${formatSummary(ideal.readNs, 2)} ns (${formatPercent(value)})`];
  });
  if (pattern.minBytesRatio) {
    check(`${pattern.bytesGoal} than original`, () => {
      const value = ratio(original.bytesPerObject, migrated.bytesPerObject);
      return [value >= pattern.minBytesRatio * BYTES_NOISE, `original ${original.bytesPerObject.median.toFixed(1)} / migrated ${migrated.bytesPerObject.median.toFixed(1)} B = ${formatRatio(value)} (${formatPercent(1 / value)} of original)`];
    });
  }
  if (pattern.minReadRatio) {
    check(`reads at least ${pattern.minReadRatio}x faster than original`, () => {
      const value = ratio(original.readNs, migrated.readNs);
      return [value >= pattern.minReadRatio, `original ${original.readNs.median.toFixed(2)} / migrated ${migrated.readNs.median.toFixed(2)} ns = ${formatRatio(value)}`];
    });
  }
  check('not slower than original', () => {
    const worse = SLOWER_METRICS.filter(([key]) => slower(migrated[key], original[key]))
      .map(([key, label]) => `${label} ${formatSummary(migrated[key], 1)} vs ${formatSummary(original[key], 1)} ns`);
    const summary = SLOWER_METRICS.map(([key, label]) => `${label} ${formatRatio(ratio(original[key], migrated[key]))}`).join(', ');
    return [worse.length === 0, worse.length ? `slower: ${worse.join('; ')}` : `speed-up vs original: ${summary}`];
  });
}

function formatPercent(fraction) {
  return `${(fraction * 100).toFixed(0)}%`;
}

const COLUMNS = [
  ['bytes/object', (s) => formatSummary(s.bytesPerObject, 1)],
  ['construct ns/object', (s) => formatSummary(s.constructNs, 0)],
  ['read ns (hot)', (s) => formatSummary(s.readNs, 2)],
  ['read ns (all objects)', (s) => formatSummary(s.readAllNs, 2)],
  ['write ns (hot)', (s) => formatSummary(s.writeNs, 2)],
  ['hidden classes', (s) => String(s.hiddenClasses.median)],
  ['dictionary mode', (s) => `${s.dictionaryPercent.median.toFixed(0)}%`],
];

function sizeTable(results, key) {
  const rows = [];
  for (const result of results) {
    const measured = result[key];
    if (!measured) {
      rows.push([result.pattern.title, '', result.largeSkipped ?? 'not run', ...COLUMNS.slice(1).map(() => '')]);
      continue;
    }
    MAIN_FORMS.forEach((name, index) => {
      const { summary, missing } = measured[name];
      const cells = summary ? COLUMNS.map(([, cell]) => cell(summary)) : [missing, ...COLUMNS.slice(1).map(() => '–')];
      rows.push([index === 0 ? result.pattern.title : '', name, ...cells]);
    });
  }
  return table(['Pattern', 'Form', ...COLUMNS.map(([header]) => header)], rows);
}

function comparisonTable(results) {
  const rows = results.map(({ pattern, base }) => {
    const { original, migrated, ideal } = Object.fromEntries(MAIN_FORMS.map((name) => [name, base[name].summary]));
    if (!migrated) return [pattern.title, base.migrated.missing, '', '', ''];
    return [
      pattern.title,
      formatRatio(ratio(original.bytesPerObject, migrated.bytesPerObject)),
      formatRatio(ratio(original.readNs, migrated.readNs)),
      formatPercent(migrated.bytesPerObject.median / ideal.bytesPerObject.median),
      formatPercent(migrated.readNs.median / ideal.readNs.median),
    ];
  });
  return table(['Pattern', 'bytes/object: original ÷ migrated (>1: smaller)', 'read ns (hot): original ÷ migrated (>1: faster)', 'migrated bytes, % of ideal', 'migrated read ns, % of ideal'], rows);
}

function sealTable(results) {
  const rows = results.map(({ pattern, base, seal }) => [
    pattern.title,
    formatSummary(base.original.summary.constructNs, 0),
    ...seal.map((cell) => (cell.summary ? formatSummary(cell.summary.constructNs, 0) : cell.missing)),
    formatSummary(base.ideal.summary.constructNs, 0),
  ]);
  return table(['Pattern', 'original', ...SEAL_COLUMNS.map((column) => `migrated, seal ${column.label}`), 'ideal'], rows);
}

/** Which explicit seal mode the CLI's default produced, judged by identical output. */
function defaultSealMode(results) {
  const sample = results.find(({ forms }) => forms.migrated.changed)?.forms;
  return SEAL_MODES.find((mode) => sample && sample[`migrated-${mode}`].source === sample.migrated.source) ?? 'unknown';
}

function renderMarkdown(results, config) {
  const n = (size) => size.toLocaleString('en-US');
  const parts = [
    '## Shapes: the seeds\' experiment in JavaScript',
    '',
    'Each pattern in `bench/shapes/patterns/` is measured as written (`original.js`), as `fixed-shape migrate` ' +
      `rewrites it (produced at bench time from \`original.js\` with the CLI's default seal mode, which gave the same output as \`--seal=${defaultSealMode(results)}\`), and hand-written (\`ideal.js\`). ` +
      `Every cell is the median of ${config.repeats} fresh process(es)${config.large ? ` (${config.largeRepeats} at ${n(config.large)})` : ''}, ` +
      'min–max in parentheses; `NODE_ENV=production`.',
    '',
    '- bytes/object: `heapUsed` delta around creating the objects, after `gc()` (`--expose-gc`), ÷ N.',
    '- construct ns/object: constructing all N objects plus the pattern\'s `later()` step (what the program does to them afterwards).',
    '- read/write ns: one monomorphic function over the first 4,096 objects (cache-resident: the property access path); ' +
      '"all objects" streams over all N and adds memory traffic.',
    '- hidden classes: distinct maps (`%HaveSameMap`) in a sample of up to 20,000 objects; dictionary mode: share without fast properties (`%HasFastProperties`).',
    '',
    `### ${n(config.base)} objects`,
    '',
    sizeTable(results, 'base'),
    '',
  ];
  if (config.large) parts.push(`### ${n(config.large)} objects`, '', sizeTable(results, 'large'), '');
  parts.push(
    `### Migrated against original and ideal (${n(config.base)} objects)`,
    '',
    comparisonTable(results),
    '',
    `### Seal modes: construct ns/object (${n(config.base)} objects)`,
    '',
    '`fixed-shape migrate --seal=<mode>`. `development` is shown in production (the cost users ship) and with `NODE_ENV` unset.',
    '',
    sealTable(results),
    '',
  );
  return parts.join('\n');
}

/** The seeds' table: memory and time to create N objects, before and after `fixed-shape migrate`. */
function renderHeadline(results, config) {
  const size = config.large ?? config.base;
  const mb = (summary) => `${((summary.bytesPerObject.median * size) / 1e6).toFixed(0)} MB`;
  const seconds = (summary) => `${((summary.constructNs.median * size) / 1e9).toFixed(2)} s`;
  const rows = results.map((result) => {
    const measured = result.large ?? result.base;
    const scaled = config.large && !result.large ? ` (scaled from ${config.base.toLocaleString('en-US')} objects)` : '';
    const { original, migrated } = { original: measured.original.summary, migrated: measured.migrated.summary };
    return [
      result.pattern.title + scaled,
      mb(original),
      migrated ? mb(migrated) : measured.migrated.missing,
      seconds(original),
      migrated ? seconds(migrated) : measured.migrated.missing,
    ];
  });
  return table([`${size.toLocaleString('en-US')} objects`, 'Memory before', 'Memory after', 'Time before', 'Time after'], rows);
}

function renderSources(results) {
  const parts = [];
  for (const { pattern, forms } of results) {
    if (!forms.migrated.source) continue;
    parts.push(`<details><summary>${pattern.id}: <code>fixed-shape migrate</code> output</summary>`, '', '```js', forms.migrated.source.trimEnd(), '```', '', '</details>', '');
  }
  return parts.join('\n');
}
