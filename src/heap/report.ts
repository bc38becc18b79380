import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { packageVersion } from '../package-info.js';
import { SHAPE_REPORT_VERSION, validateShapeReport, type ShapeReport, type ShapeReportClass } from '../shape-report.js';
import type { ClassAudit, HeapAudit } from './audit.js';

export interface HotThresholds {
  /** Classes with at least this many instances are hot. */
  hotInstances: number;
  /** Classes with unstable shapes (several hidden classes, or dictionary mode) and at least this many instances are hot. */
  unstableInstances: number;
}

export const DEFAULT_THRESHOLDS: HotThresholds = { hotInstances: 10_000, unstableInstances: 100 };

export function hotReasons(entry: ClassAudit, thresholds: HotThresholds): string[] {
  const reasons: string[] = [];
  if (entry.instances >= thresholds.hotInstances) reasons.push(`instances>=${thresholds.hotInstances}`);
  if (entry.instances >= thresholds.unstableInstances) {
    if (entry.hiddenClasses > 1) reasons.push(`hidden-classes=${entry.hiddenClasses}`);
    if (entry.dictionaryInstances > 0) reasons.push('dictionary-mode');
  }
  return reasons;
}

/**
 * The report lists every class with enough instances to be judged (the smaller threshold); those with a
 * reason are hot. Order follows the audit: bytes at stake first.
 */
export function buildShapeReport(audit: HeapAudit, thresholds: HotThresholds = DEFAULT_THRESHOLDS, now = new Date()): ShapeReport {
  const floor = Math.min(thresholds.hotInstances, thresholds.unstableInstances);
  const classes = audit.classes
    .filter((entry) => entry.instances >= floor)
    .map((entry): ShapeReportClass => {
      const reasons = hotReasons(entry, thresholds);
      return {
        name: entry.name,
        hot: reasons.length > 0,
        reasons,
        instances: entry.instances,
        selfBytes: entry.selfBytes,
        hiddenClasses: entry.hiddenClasses,
        dictionaryInstances: entry.dictionaryInstances,
        propertyArrayBytes: entry.propertyArrayBytes,
        estimatedSavingsBytes: entry.estimatedSavingsBytes,
      };
    });
  return {
    version: SHAPE_REPORT_VERSION,
    generator: `fixed-shape audit ${packageVersion}`,
    source: audit.source,
    createdAt: now.toISOString(),
    classes,
  };
}

/** Validates, then writes through a temp file and rename, so readers never see a partial report. */
export async function writeShapeReport(file: string, report: ShapeReport): Promise<void> {
  const valid = validateShapeReport(JSON.parse(JSON.stringify(report)));
  if (typeof valid === 'string') throw new Error(`internal error: the shape report is invalid: ${valid}`);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
