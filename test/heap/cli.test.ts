import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeapAudit, HeapAuditDiff } from '../../src/heap/audit.js';
import { readShapeReport } from '../../src/shape-report.js';
import { fixtures, root, runCli, tempDir, writePatternsSnapshot } from './helpers.js';

const { dir, cleanup } = tempDir('cli');
let patterns: string;

beforeAll(() => {
  patterns = writePatternsSnapshot(join(dir, 'patterns.heapsnapshot'), 2000);
});
afterAll(cleanup);

describe('fixed-shape audit', () => {
  it('prints the top N classes as a table', async () => {
    const result = await runCli(['audit', patterns, '--top', '4']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^class +instances +total +per instance +hidden classes +dictionary +PropertyArray +at stake +est\. saving$/m);
    expect(result.stdout).toMatch(/^Bag +2,000 +/m);
    expect(result.stdout).toMatch(/top 4 shown/);
    expect(result.stdout).toMatch(/estimated saving with fixed shapes: /);
  });

  it('prints every class as JSON', async () => {
    const result = await runCli(['audit', patterns, '--json', '--top', '1']);
    expect(result.status).toBe(0);
    const audit = JSON.parse(result.stdout) as HeapAudit;
    expect(audit.classes.length).toBeGreaterThan(6);
    expect(audit.classes.find((entry) => entry.name === 'Optional')).toMatchObject({ instances: 2000, hiddenClasses: 4 });
  });

  it('writes the shape report the lint rules read', async () => {
    const report = join(dir, 'shape-report.json');
    const result = await runCli(['audit', patterns, '--report', report, '--hot-instances', '5000', '--unstable-instances', '100']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/wrote .*shape-report\.json: \d+ hot of \d+ listed classes/);
    const parsed = readShapeReport(report);
    expect(parsed.source).toBe(patterns);
    expect(parsed.generator).toMatch(/^fixed-shape audit \d/);
    const hot = new Set(parsed.classes.filter((entry) => entry.hot).map((entry) => entry.name));
    for (const name of ['LateAdd', 'Deleter', 'Bag', 'Optional']) expect(hot).toContain(name);
    expect(hot).not.toContain('Fixed');
    expect(hot).not.toContain('Sealed');
  });

  describe('bad input gives a clear error and no report', () => {
    const report = join(dir, 'never.json');
    const check = async (file: string, message: RegExp) => {
      const result = await runCli(['audit', file, '--report', report]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(existsSync(report)).toBe(false);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    };

    it('a truncated snapshot', async () => {
      const cut = join(dir, 'cut.heapsnapshot');
      const bytes = readFileSync(patterns);
      const at = bytes.indexOf('"edges":[') + 1000;
      writeFileSync(cut, bytes.subarray(0, at));
      await check(cut, new RegExp(`^fixed-shape: .*cut\\.heapsnapshot: truncated heap snapshot: ended inside edges array at byte ${at}\\n$`));
    });

    it('a file that is not a snapshot', async () => {
      await check(join(root, 'package.json'), /not a V8 heap snapshot: the first section is "name", expected "snapshot"/);
      await check(join(root, 'tsconfig.json'), /not a V8 heap snapshot: the first section is "compilerOptions"/);
    });

    it('an unknown format version', async () => {
      const future = join(dir, 'future.heapsnapshot');
      writeFileSync(future, readFileSync(patterns, 'latin1').replace('"detachedness"]', '"detachedness","generation"]'), 'latin1');
      await check(future, /unsupported heap snapshot format: unknown node field "generation"/);
    });

    it('a missing file', async () => {
      await check(join(dir, 'nope.heapsnapshot'), /ENOENT/);
    });

    it('keeps an existing report when the new one fails', async () => {
      const existing = join(dir, 'existing.json');
      writeFileSync(existing, '{"keep":true}');
      const result = await runCli(['audit', join(root, 'package.json'), '--report', existing]);
      expect(result.status).toBe(1);
      expect(readFileSync(existing, 'utf8')).toBe('{"keep":true}');
    });
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['audit'], ['audit', 'a', 'b'], ['audit', '--diff', 'a'], ['audit', patterns, '--top', '0'], ['audit', '--diff', 'a', 'b', '--report', 'r.json']]) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).not.toBe('');
    }
    expect((await runCli(['audit', 'a', 'b'])).stderr).toBe('fixed-shape: audit takes one snapshot (or two with --diff)\n');
  });
});

describe('fixed-shape snapshot', () => {
  it('snapshots an unchanged program at exit and passes its exit code through', async () => {
    const out = join(dir, 'exit3.heapsnapshot');
    const result = await runCli(['snapshot', '--out', out, '--', process.execPath, '-e', 'globalThis.kept = [1, 2]; process.exitCode = 3']);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/fixed-shape snapshot: wrote .*exit3\.heapsnapshot/);
    expect(statSync(out).size).toBeGreaterThan(100_000);
    const audit = await runCli(['audit', out, '--json']);
    expect(audit.status).toBe(0);
  });

  it('snapshots a program stopped by a signal, which still dies by it', async () => {
    const out = join(dir, 'sigterm.heapsnapshot');
    const program = 'setInterval(() => {}, 1000); setTimeout(() => process.kill(process.pid, "SIGTERM"), 50)';
    const result = await runCli(['snapshot', '-o', out, '--', process.execPath, '-e', program]);
    expect(result.status).toBe(143);
    expect(existsSync(out)).toBe(true);
  });

  it('keeps the largest heap when the command starts several Node.js processes', async () => {
    const out = join(dir, 'nested.heapsnapshot');
    const program = 'require("child_process").execFileSync(process.execPath, ["-e", "1"]); globalThis.big = Array.from({ length: 1e5 }, (_, i) => ({ i }))';
    const result = await runCli(['snapshot', '-o', out, '--', process.execPath, '-e', program]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/another Node\.js process wrote .*nested\.\d+\.heapsnapshot/);
    const others = readdirSync(dir).filter((name) => /^nested\.\d+\.heapsnapshot$/.test(name));
    expect(others).toHaveLength(1);
    expect(statSync(out).size).toBeGreaterThan(statSync(join(dir, others[0])).size);
  });

  it('fails clearly when nothing wrote a snapshot', async () => {
    const result = await runCli(['snapshot', '-o', join(dir, 'none.heapsnapshot'), '--', 'sh', '-c', 'exit 0']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no Node\.js process wrote a snapshot/);
    const missing = await runCli(['snapshot', '-o', join(dir, 'none.heapsnapshot'), '--', 'fixed-shape-no-such-command']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot run fixed-shape-no-such-command/);
    expect(readdirSync(dir).filter((name) => name.startsWith('.none'))).toEqual([]);
  });
});

async function snapshotOf(script: string, out: string): Promise<string> {
  const result = await runCli(['snapshot', '--out', out, '--', process.execPath, script]);
  expect(result.status, result.stderr).toBe(0);
  return out;
}

function diffOf(stdout: string, name: string) {
  const diff = JSON.parse(stdout) as HeapAuditDiff;
  const entry = diff.classes.find((candidate) => candidate.name === name);
  if (!entry?.before || !entry.after) throw new Error(`${name} is missing on one side of the diff`);
  return { before: entry.before, after: entry.after, diff };
}

describe('fixed-shape audit --diff', () => {
  it('measures a hand-migrated program before and after', async () => {
    const before = await snapshotOf(join(fixtures, 'shop-before.mjs'), join(dir, 'shop-before.heapsnapshot'));
    const after = await snapshotOf(join(fixtures, 'shop-after.mjs'), join(dir, 'shop-after.heapsnapshot'));
    const json = await runCli(['audit', '--diff', before, after, '--json']);
    expect(json.status).toBe(0);
    const cart = diffOf(json.stdout, 'Cart');
    expect(cart.diff.classes[0].name).toBe('Cart');
    expect(cart.before).toMatchObject({ instances: 3000, dictionaryInstances: 1000, propertyArrayInstances: 2000, hiddenClasses: 2 });
    expect(cart.after).toMatchObject({ instances: 3000, dictionaryInstances: 0, propertyArrayInstances: 0, hiddenClasses: 1, estimatedSavingsBytes: 0 });
    // 2000 fast carts at 48 + 40 bytes and 1000 dictionary carts, against 5 fields in-object: 24 + 40.
    expect(cart.after.bytesPerInstance).toBe(64);
    expect(cart.before.bytesPerInstance).toBeGreaterThan(150);
    const lineItem = diffOf(json.stdout, 'LineItem');
    expect(lineItem.after.totalBytes).toBe(lineItem.before.totalBytes);

    const table = await runCli(['audit', '--diff', before, after, '--top', '3']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^Cart +3,000 -> 3,000 +\d+ B -> 64 B +2 -> 1 +1,000 -> 0 +.* -\d+(\.\d+)? KiB \(-\d+%\)$/m);
  });

  const migrateAvailable = existsSync(join(root, 'dist', 'src', 'commands', 'migrate.js'));

  it.skipIf(!migrateAvailable)('measures a program before and after `fixed-shape migrate`', async () => {
    const beforeDir = join(dir, 'migrate-before');
    const afterDir = join(dir, 'migrate-after');
    cpSync(join(fixtures, 'migrate-app'), beforeDir, { recursive: true });
    cpSync(join(fixtures, 'migrate-app'), afterDir, { recursive: true });
    const migrated = await runCli(['migrate', afterDir]);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(readFileSync(join(afterDir, 'app.js'), 'utf8')).not.toBe(readFileSync(join(beforeDir, 'app.js'), 'utf8'));

    const before = await snapshotOf(join(beforeDir, 'app.js'), join(dir, 'migrate-before.heapsnapshot'));
    const after = await snapshotOf(join(afterDir, 'app.js'), join(dir, 'migrate-after.heapsnapshot'));
    const result = await runCli(['audit', '--diff', before, after, '--json']);
    expect(result.status).toBe(0);
    const invoice = diffOf(result.stdout, 'Invoice');
    expect(invoice.before).toMatchObject({ instances: 3000, propertyArrayInstances: 3000 });
    expect(invoice.after).toMatchObject({ instances: 3000, propertyArrayInstances: 0, dictionaryInstances: 0, hiddenClasses: 1 });
    expect(invoice.after.bytesPerInstance).toBeLessThan(invoice.before.bytesPerInstance);
  });
});
