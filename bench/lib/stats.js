/** Summaries of repeated measurements: every number the bench reports is a median with its min and max. */

/** @param {number[]} values */
export function summarize(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Per-metric summaries of a list of result objects with the same numeric keys. */
export function summarizeRuns(runs) {
  const keys = new Set(runs.flatMap((run) => Object.keys(run).filter((key) => typeof run[key] === 'number')));
  return Object.fromEntries([...keys].map((key) => [key, summarize(runs.map((run) => run[key]))]));
}

/** "12.3 (11.9–12.8)": median with the range, so noise is visible next to every figure. */
export function formatSummary(summary, digits = 1, unit = '') {
  if (!summary) return 'n/a';
  const f = (value) => value.toFixed(digits);
  return summary.n > 1 && f(summary.min) !== f(summary.max)
    ? `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})`
    : `${f(summary.median)}${unit}`;
}

/** How many times larger `before` is than `after` (>1 means `after` is smaller or faster). */
export function ratio(before, after) {
  return before && after && after.median > 0 ? before.median / after.median : null;
}

export function formatRatio(value) {
  return value === null || value === undefined ? 'n/a' : `${value.toFixed(2)}x`;
}
