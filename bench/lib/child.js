/**
 * Each measurement runs in a fresh Node process so JIT state, heap layout and GC history of one case
 * never leak into another. A child prints one JSON line (its result) as the last line of stdout.
 */
import { spawn } from 'node:child_process';
import { summarizeRuns } from './stats.js';

/**
 * @param {string[]} args node arguments (flags, script, script args)
 * @param {{ env?: Record<string, string | undefined>, cwd?: string, timeoutMs?: number, stdout?: 'json' | 'text' | 'ignore', exitCodes?: number[], echo?: boolean }} [options]
 *   stdout 'json' parses the last line; `echo` also shows the child's output live.
 */
export function runNode(args, { env, cwd, timeoutMs = 30 * 60_000, stdout = 'json', exitCodes = [0], echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
      if (echo) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (!exitCodes.includes(code)) {
        const tail = (err || out).trim().split('\n').slice(-8).join('\n');
        reject(new Error(`node ${args.join(' ')} exited with ${signal ?? code}\n${tail}`));
        return;
      }
      if (stdout !== 'json') return resolve({ wallMs, code, stdout: out, stderr: err });
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve({ ...JSON.parse(last), wallMs });
      } catch {
        reject(new Error(`node ${args.join(' ')} printed no JSON result:\n${out.slice(-2000)}${err.slice(-2000)}`));
      }
    });
  });
}

/** Run a child `repeats` times, one at a time (the machine has few cores), and summarize each metric. */
export async function repeatNode(repeats, args, options) {
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await runNode(args, options));
  return { runs, summary: summarizeRuns(runs) };
}
