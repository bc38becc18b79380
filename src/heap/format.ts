import type { ClassAudit, HeapAudit, HeapAuditDiff } from './audit.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 -> "1.5 KiB"; negative values keep their sign. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** Plain aligned columns: the first column left-aligned, the others right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatAuditTable(audit: HeapAudit, top: number): string {
  const shown = audit.classes.slice(0, top);
  const rows = shown.map((entry) => [
    entry.name,
    formatCount(entry.instances),
    formatBytes(entry.totalBytes),
    formatBytes(entry.bytesPerInstance),
    String(entry.hiddenClasses),
    formatCount(entry.dictionaryInstances),
    formatBytes(entry.propertyArrayBytes),
    formatBytes(entry.bytesAtStake),
    formatBytes(entry.estimatedSavingsBytes),
  ]);
  const table = formatTable(
    ['class', 'instances', 'total', 'per instance', 'hidden classes', 'dictionary', 'PropertyArray', 'at stake', 'est. saving'],
    rows,
  );
  const saving = audit.classes.reduce((sum, entry) => sum + entry.estimatedSavingsBytes, 0);
  const more = audit.classes.length > shown.length ? `, top ${shown.length} shown (--top N, or --json for all)` : '';
  return `${audit.source}: ${formatCount(audit.nodes)} nodes, ${formatCount(audit.classes.length)} classes${more}\n\n${table}\n\nestimated saving with fixed shapes: ${formatBytes(saving)}\n`;
}

function beforeAfter(before: ClassAudit | null, after: ClassAudit | null, pick: (entry: ClassAudit) => string): string {
  return `${before ? pick(before) : '-'} -> ${after ? pick(after) : '-'}`;
}

export function formatDiffTable(diff: HeapAuditDiff, top: number): string {
  const shown = diff.classes.slice(0, top);
  const rows = shown.map(({ name, before, after, totalBytesDelta }) => {
    const base = before?.totalBytes ?? 0;
    const percent = base > 0 ? ` (${signed(`${((totalBytesDelta / base) * 100).toFixed(0)}%`, totalBytesDelta)})` : '';
    return [
      name,
      beforeAfter(before, after, (entry) => formatCount(entry.instances)),
      beforeAfter(before, after, (entry) => formatBytes(entry.bytesPerInstance)),
      beforeAfter(before, after, (entry) => String(entry.hiddenClasses)),
      beforeAfter(before, after, (entry) => formatCount(entry.dictionaryInstances)),
      beforeAfter(before, after, (entry) => formatBytes(entry.totalBytes)),
      `${signed(formatBytes(totalBytesDelta), totalBytesDelta)}${percent}`,
    ];
  });
  const table = formatTable(['class', 'instances', 'per instance', 'hidden classes', 'dictionary', 'total', 'change'], rows);
  const sum = (side: 'before' | 'after') => diff.classes.reduce((total, entry) => total + (entry[side]?.totalBytes ?? 0), 0);
  const change = sum('after') - sum('before');
  const more = diff.classes.length > shown.length ? ` (top ${shown.length} of ${formatCount(diff.classes.length)} classes by change)` : '';
  return `before: ${diff.before}\nafter:  ${diff.after}${more}\n\n${table}\n\ntotal over all classes: ${formatBytes(sum('before'))} -> ${formatBytes(sum('after'))} (${signed(formatBytes(change), change)})\n`;
}
