import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const cli = join(root, 'dist', 'src', 'cli.js');

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `fixed-shape-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs fixtures/patterns.mjs, which writes a snapshot of N instances of each pattern class. */
export function writePatternsSnapshot(out: string, instances = 2000): string {
  const result = spawnSync(process.execPath, [join(fixtures, 'patterns.mjs'), out, String(instances)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`patterns.mjs failed: ${result.stderr}`);
  return out;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI (`npm test` builds first through pretest). */
export function runCli(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before these tests`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
