/** The report `fixed-shape migrate --json <file>` writes, flattened to one entry per class. */
import { existsSync, readFileSync } from 'node:fs';
import type { ClassReport as MigratedClass, MigrationReport } from '../../src/migrate/report.js';

export type { SealMode } from '../../src/migrate/report.js';

export interface ClassReport extends MigratedClass {
  /** As the report names it: relative to the directory migrate ran in. */
  file: string;
}

export function readMigrateReport(file: string): ClassReport[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as MigrationReport;
  return report.files.flatMap((entry) => entry.classes.map((cls) => ({ ...cls, file: entry.file })));
}

export function readFileErrors(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const report = JSON.parse(readFileSync(file, 'utf8')) as MigrationReport;
  return new Map(report.files.flatMap((entry) => (entry.error ? [[entry.file, entry.error] as const] : [])));
}
