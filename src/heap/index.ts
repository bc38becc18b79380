/** The heap audit as a library, e.g. for scripts/demo.js: snapshot a program, audit it, compare two runs. */
export { auditHeapGraph, auditSnapshotFile, diffAudits, diffSnapshotFiles } from './audit.js';
export type { ClassAudit, ClassDiff, HeapAudit, HeapAuditDiff } from './audit.js';
export { formatAuditTable, formatBytes, formatDiffTable } from './format.js';
export { buildShapeReport, DEFAULT_THRESHOLDS, hotReasons, writeShapeReport } from './report.js';
export type { HotThresholds } from './report.js';
export { HeapSnapshotError, parseHeapSnapshot, parseHeapSnapshotChunks } from './snapshot-parser.js';
export type { HeapGraph, ParseOptions } from './snapshot-parser.js';
export { runWithSnapshot } from './take-snapshot.js';
export type { SnapshotRunOptions, SnapshotRunResult } from './take-snapshot.js';
