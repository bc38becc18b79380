/**
 * What the reliability, fuzz and corpus tests share: the built CLI, run as users run it (a child
 * process), and checksums of whole trees to prove what a command did and did not write.
 */
import { execFile, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const cli = join(root, 'dist/src/cli.js');
/** `fixed-shape migrate` is built once its command module exists (another engineer is landing it). */
export const migrateAvailable = existsSync(join(root, 'dist/src/commands/migrate.js'));

export interface CliResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function runCliSync(args: string[], options: SpawnSyncOptions = {}): CliResult {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 240_000, ...options });
  return { status: run.status, signal: run.signal, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** The same, without blocking the event loop, so several can run at once. */
export function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 240_000, ...options }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ status: code, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

export const runCli = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => runNode([cli, ...args], options);

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every entry under dir: files by content hash and mode, symlinks by target (never followed). */
export function checksums(dir: string): Map<string, string> {
  const sums = new Map<string, string>();
  const visit = (path: string): void => {
    const stat = lstatSync(path);
    const name = relative(dir, path) || '.';
    if (stat.isSymbolicLink()) sums.set(name, `link ${readlinkSync(path)}`);
    else if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    else sums.set(name, `${(stat.mode & 0o7777).toString(8)} ${sha256(readFileSync(path))}`);
  };
  visit(dir);
  return sums;
}

/** Names whose checksum differs between two checksums() results (added and removed included). */
export function changedEntries(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
