import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHeapGraph, auditSnapshotFile, diffAudits, type ClassAudit, type HeapAudit } from '../../src/heap/audit.js';
import { formatAuditTable, formatBytes, formatDiffTable } from '../../src/heap/format.js';
import { buildShapeReport, writeShapeReport } from '../../src/heap/report.js';
import { parseHeapSnapshotChunks } from '../../src/heap/snapshot-parser.js';
import { readShapeReport, validateShapeReport } from '../../src/shape-report.js';
import { tempDir, writePatternsSnapshot } from './helpers.js';
import { fooHeap, syntheticSnapshot } from './synthetic.js';

const N = 2000;

describe('audit of a real snapshot with known shape patterns', () => {
  const { dir, cleanup } = tempDir('audit');
  let audit: HeapAudit;
  const byName = (name: string): ClassAudit => {
    const entry = audit.classes.find((candidate) => candidate.name === name);
    if (!entry) throw new Error(`no class ${name} in the audit`);
    return entry;
  };

  beforeAll(async () => {
    audit = await auditSnapshotFile(writePatternsSnapshot(join(dir, 'patterns.heapsnapshot'), N));
  });
  afterAll(cleanup);

  it('counts every instance of each class', () => {
    for (const name of ['LateAdd', 'Deleter', 'Bag', 'Sealed', 'Fixed', 'Optional']) expect(byName(name).instances).toBe(N);
  });

  it('finds late additions: a PropertyArray per instance, one hidden class per order of addition', () => {
    const late = byName('LateAdd');
    expect(late.hiddenClasses).toBe(2);
    expect(late.dictionaryInstances).toBe(0);
    expect(late.propertyArrayInstances).toBe(N);
    // 24-byte header + 2 in-object fields, plus a PropertyArray of 16 + 3 slots (v8-shapes.md: 80 vs 56).
    expect(late.bytesPerInstance).toBeGreaterThanOrEqual(72);
    expect(late.bytesPerInstance).toBeLessThanOrEqual(88);
    expect(late.fixedShapeBytesPerInstance).toBe(56);
    expect(late.estimatedSavingsBytes).toBeGreaterThan(0);
  });

  it('finds delete and keyed stores: dictionary mode', () => {
    const deleter = byName('Deleter');
    expect(deleter.dictionaryInstances).toBe(N);
    expect(deleter.propertyArrayInstances).toBe(0);
    expect(deleter.hiddenClasses).toBeGreaterThanOrEqual(1);
    expect(deleter.bytesPerInstance).toBeGreaterThan(200);
    const bag = byName('Bag');
    expect(bag.dictionaryInstances).toBe(N);
    expect(bag.bytesPerInstance).toBeGreaterThan(1000);
    // The model's fixed shape for 40 properties: 24 + 8 per property, within a factor of the real 344 bytes.
    expect(bag.fixedShapeBytesPerInstance).toBeGreaterThan(150);
    expect(bag.fixedShapeBytesPerInstance).toBeLessThan(500);
    expect(bag.estimatedSavingsBytes).toBeGreaterThan(N * 1000);
  });

  it('sees sealed and fixed classes as one fast shape with nothing to save', () => {
    for (const [name, bytes] of [['Sealed', 40], ['Fixed', 56]] as const) {
      const entry = byName(name);
      expect(entry.hiddenClasses).toBe(1);
      expect(entry.dictionaryInstances).toBe(0);
      expect(entry.propertyArrayInstances).toBe(0);
      expect(Math.abs(entry.bytesPerInstance - bytes)).toBeLessThanOrEqual(8);
      expect(entry.estimatedSavingsBytes).toBe(0);
      expect(entry.bytesAtStake).toBe(0);
    }
  });

  it('counts one hidden class per combination of optional properties', () => {
    const optional = byName('Optional');
    expect(optional.hiddenClasses).toBe(4);
    expect(optional.dictionaryInstances).toBe(0);
    expect(optional.estimatedSavingsBytes).toBe(0);
    // Every instance off the most common shape is at stake.
    expect(optional.bytesAtStake).toBeGreaterThan(0);
    expect(optional.bytesAtStake).toBeLessThan(optional.totalBytes);
  });

  it('sorts by bytes at stake and leaves out V8 internals', () => {
    const stakes = audit.classes.map((entry) => entry.bytesAtStake);
    expect(stakes).toEqual([...stakes].sort((a, b) => b - a));
    expect(audit.classes[0].name).toBe('Bag');
    expect(audit.classes.some((entry) => entry.name.startsWith('system / '))).toBe(false);
  });

  it('prints the top N as an aligned table', () => {
    const table = formatAuditTable(audit, 3);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/patterns\.heapsnapshot: [\d,]+ nodes, \d+ classes, top 3 shown/);
    expect(lines[2]).toMatch(/^class\s+instances\s+total\s+per instance\s+hidden classes\s+dictionary\s+PropertyArray\s+at stake\s+est\. saving$/);
    expect(lines[4]).toMatch(/^Bag\s+2,000\s/);
    expect(lines[3]).toMatch(/^-+( +-+){8}$/);
    expect(lines.slice(4, lines.indexOf('', 4))).toHaveLength(3);
  });

  it('turns thresholds into hot classes of a valid shape report', async () => {
    const report = buildShapeReport(audit, { hotInstances: 5000, unstableInstances: 100 });
    expect(validateShapeReport(report)).toBe(report);
    const entry = (name: string) => report.classes.find((candidate) => candidate.name === name);
    expect(entry('LateAdd')).toMatchObject({ hot: true, reasons: ['hidden-classes=2'], instances: N, hiddenClasses: 2, dictionaryInstances: 0 });
    expect(entry('Deleter')).toMatchObject({ hot: true, reasons: ['dictionary-mode'], dictionaryInstances: N });
    expect(entry('Optional')).toMatchObject({ hot: true, reasons: ['hidden-classes=4'] });
    expect(entry('Fixed')).toMatchObject({ hot: false, reasons: [] });
    const byCount = buildShapeReport(audit, { hotInstances: 1000, unstableInstances: 5000 });
    expect(byCount.classes.find((candidate) => candidate.name === 'Fixed')).toMatchObject({ hot: true, reasons: ['instances>=1000'] });
    expect(byCount.classes.find((candidate) => candidate.name === 'Deleter')).toMatchObject({ hot: true, reasons: ['instances>=1000'] });
    expect(byCount.classes.every((candidate) => candidate.instances >= 1000)).toBe(true);

    const file = join(dir, 'report.json');
    await writeShapeReport(file, report);
    expect(readShapeReport(file).classes).toEqual(report.classes);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('audit model on a synthetic heap', () => {
  it('applies the PropertyArray and dictionary estimates', async () => {
    const graph = await parseHeapSnapshotChunks([Buffer.from(syntheticSnapshot(fooHeap()))]);
    const [foo] = auditHeapGraph(graph, 'foo').classes.filter((entry) => entry.name === 'Foo');
    expect(foo).toMatchObject({
      instances: 2,
      selfBytes: 64,
      hiddenClasses: 2,
      dictionaryInstances: 1,
      dictionaryBytes: 256,
      propertyArrayInstances: 1,
      propertyArrayBytes: 40,
      totalBytes: 360,
      // The fast instance with its 2 used PropertyArray slots in-object: 40 + 16.
      fixedShapeBytesPerInstance: 56,
      // PropertyArray: 40 - 2 slots * 8 = 24; dictionary instance: 24 + 256 - 56 = 224.
      estimatedSavingsBytes: 248,
      bytesAtStake: 360,
    });
  });

  it('diffs two audits class by class, biggest change first', () => {
    const make = (entries: Partial<ClassAudit>[]): HeapAudit => ({
      source: 'x',
      nodes: 0,
      edges: 0,
      classes: entries.map((entry) => ({
        name: '',
        instances: 1,
        selfBytes: 0,
        hiddenClasses: 1,
        dictionaryInstances: 0,
        dictionaryBytes: 0,
        propertyArrayInstances: 0,
        propertyArrayBytes: 0,
        totalBytes: 0,
        bytesPerInstance: 0,
        fixedShapeBytesPerInstance: 0,
        estimatedSavingsBytes: 0,
        bytesAtStake: 0,
        ...entry,
      })),
    });
    const diff = diffAudits(
      make([{ name: 'A', totalBytes: 1000 }, { name: 'B', totalBytes: 100 }, { name: 'Gone', totalBytes: 50 }]),
      make([{ name: 'A', totalBytes: 400 }, { name: 'B', totalBytes: 300 }, { name: 'New', totalBytes: 10 }]),
    );
    expect(diff.classes.map((entry) => [entry.name, entry.totalBytesDelta])).toEqual([
      ['A', -600],
      ['B', 200],
      ['Gone', -50],
      ['New', 10],
    ]);
    const table = formatDiffTable(diff, 10);
    expect(table).toMatch(/^A\s+1 -> 1\s.*1000 B -> 400 B\s+-600 B \(-60%\)$/m);
    expect(table).toMatch(/^Gone\s+1 -> -\s/m);
    expect(table).toMatch(/total over all classes: 1.12 KiB -> 710 B \(-440 B\)/);
  });

  it('formats bytes for people', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(-3 * 1024 * 1024)).toBe('-3.00 MiB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GiB');
  });
});

describe('writeShapeReport', () => {
  it('never leaves a partial file when the write fails', async () => {
    const { dir, cleanup } = tempDir('report');
    try {
      const target = join(dir, 'missing-dir', 'report.json');
      const report = buildShapeReport({ source: 's', nodes: 0, edges: 0, classes: [] });
      await expect(writeShapeReport(target, report)).rejects.toThrow(/ENOENT/);
      expect(readdirSync(dir)).toEqual([]);
      const existing = join(dir, 'report.json');
      writeFileSync(existing, 'old');
      await writeShapeReport(existing, report);
      expect(JSON.parse(readFileSync(existing, 'utf8'))).toMatchObject({ version: 1, classes: [] });
    } finally {
      cleanup();
    }
  });
});
