import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The shape report: written by `fixed-shape audit --report`, read by the lint rules through
 * `settings['fixed-shape'].report`. Classes listed with `hot: true` count as hot paths.
 */
export const SHAPE_REPORT_VERSION = 1;

export interface ShapeReportClass {
  /** Constructor name as V8 reports it (the class name). */
  name: string;
  /** True when the lint rules should treat this class as hot. */
  hot: boolean;
  /** Why the audit marked it hot, e.g. `instances>=10000`, `hidden-classes=3`, `dictionary-mode`. */
  reasons: string[];
  instances: number;
  selfBytes: number;
  hiddenClasses: number;
  dictionaryInstances: number;
  propertyArrayBytes: number;
  estimatedSavingsBytes: number;
}

export interface ShapeReport {
  version: typeof SHAPE_REPORT_VERSION;
  generator: string;
  /** The snapshot the report was made from. */
  source: string;
  createdAt: string;
  classes: ShapeReportClass[];
}

export class ShapeReportError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`fixed-shape: shape report ${path}: ${problem} (check settings['fixed-shape'].report)`);
    this.name = 'ShapeReportError';
  }
}

/** Validates parsed JSON; returns the report or a one-line problem description. */
export function validateShapeReport(value: unknown): ShapeReport | string {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const report = value as Partial<ShapeReport>;
  if (report.version !== SHAPE_REPORT_VERSION) return `unsupported version ${JSON.stringify(report.version)} (expected ${SHAPE_REPORT_VERSION})`;
  if (!Array.isArray(report.classes)) return '"classes" must be an array';
  for (const [index, entry] of report.classes.entries()) {
    if (typeof entry !== 'object' || entry === null) return `classes[${index}] is not an object`;
    if (typeof entry.name !== 'string' || entry.name === '') return `classes[${index}].name must be a non-empty string`;
    if (typeof entry.hot !== 'boolean') return `classes[${index}].hot must be a boolean`;
  }
  return report as ShapeReport;
}

const cache = new Map<string, ShapeReport | ShapeReportError>();

/** Reads a report once per process. A missing or corrupt file throws the same clear error every time. */
export function readShapeReport(path: string, cwd = process.cwd()): ShapeReport {
  const absolute = resolve(cwd, path);
  let entry = cache.get(absolute);
  if (!entry) {
    entry = loadShapeReport(absolute);
    cache.set(absolute, entry);
  }
  // A fresh error each time: ESLint prefixes the message of what a rule throws, which would pile up on a cached one.
  if (entry instanceof ShapeReportError) throw new ShapeReportError(entry.path, entry.problem);
  return entry;
}

function loadShapeReport(absolute: string): ShapeReport | ShapeReportError {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    return new ShapeReportError(absolute, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return new ShapeReportError(absolute, `invalid JSON: ${(error as Error).message}`);
  }
  const report = validateShapeReport(parsed);
  return typeof report === 'string' ? new ShapeReportError(absolute, report) : report;
}
