// `fixed-shape migrate` as users run it (the built CLI in a child process): worker threads and one
// thread give the same diff and report, diffs come in path order, --dry shows what a run writes, and
// --check exits 1 exactly when files would change.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTree } from '../reliability/generate.mjs';
import { changedEntries, checksums, migrateAvailable, runCli } from '../reliability/support.js';

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-migrate-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Enough files for the default to start worker threads (24 per worker).
const tree = join(work, 'tree');
writeTree(tree, 80);

const headers = (diff: string): string[] => [...diff.matchAll(/^--- a\/(.+)$/gm)].map((match) => match[1]!);

describe.skipIf(!migrateAvailable)('fixed-shape migrate', () => {
  it('gives the same diff and JSON report with 2 worker threads as in one thread', async () => {
    const [one, two] = await Promise.all(
      ['1', '2'].map((workers) => runCli(['migrate', '.', '--dry', '--no-progress', '--workers', workers, '--json', join(work, `report-${workers}.json`)], { cwd: tree })),
    );
    expect(one!.status, one!.stderr).toBe(0);
    expect(two!.status, two!.stderr).toBe(0);
    expect(headers(one!.stdout)).toHaveLength(80);
    expect(two!.stdout).toBe(one!.stdout);
    expect(readFileSync(join(work, 'report-2.json'), 'utf8')).toBe(readFileSync(join(work, 'report-1.json'), 'utf8'));
  });

  it('prints diffs in path order', async () => {
    const { stdout } = await runCli(['migrate', '.', '--dry', '--no-progress'], { cwd: tree });
    const names = headers(stdout);
    expect(names).toEqual([...names].sort());
  });

  it('writes what --dry shows, then has nothing left to do; --check exits 1 only before', async () => {
    const copy = join(work, 'copy');
    cpSync(tree, copy, { recursive: true });
    const dry = await runCli(['migrate', '.', '--dry', '--no-progress'], { cwd: copy });
    const before = checksums(copy);
    const check = await runCli(['migrate', '.', '--check', '--no-progress'], { cwd: copy });
    expect(check.status).toBe(1);
    expect(changedEntries(before, checksums(copy))).toEqual([]);

    const written = await runCli(['migrate', '.', '--no-progress'], { cwd: copy });
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(changedEntries(before, checksums(copy))).toEqual(headers(dry.stdout).sort());
    const again = await runCli(['migrate', '.', '--check', '--no-progress'], { cwd: copy });
    expect(again.status, again.stderr).toBe(0);
  });
});
