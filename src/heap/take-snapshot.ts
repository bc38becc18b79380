import { spawn, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from '../package-info.js';
import { SNAPSHOT_DIR_ENV } from './snapshot-env.js';

export interface SnapshotRunOptions {
  command: string;
  args: string[];
  /** Where the snapshot goes. */
  out: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
}

export interface SnapshotRunResult {
  /** The command's exit code; 128 + signal number when a signal ended it. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  /** `out`, or null when no Node.js process wrote a snapshot. */
  snapshot: string | null;
  bytes: number;
  /** Pid of the process whose snapshot is `out`. */
  pid: number | null;
  /** Snapshots of other Node.js processes the command started, kept beside `out` as `<out>.<pid>.heapsnapshot`. */
  others: string[];
}

/** The compiled hook; it sits next to this module in dist, and tests running the TS sources use dist's. */
export function snapshotHookPath(): string {
  const sibling = fileURLToPath(new URL('./snapshot-hook.js', import.meta.url));
  const built = join(packageRoot, 'dist', 'src', 'heap', 'snapshot-hook.js');
  const hook = [sibling, built].find((path) => existsSync(path));
  if (!hook) throw new Error(`cannot find the snapshot hook (${built}); run \`npm run build\` first`);
  return hook;
}

/** NODE_OPTIONS takes double-quoted values with backslash escapes. */
function nodeOptionsWithHook(existing: string | undefined, hook: string): string {
  const href = pathToFileURL(hook).href.replace(/["\\]/g, '\\$&');
  return [existing?.trim(), `--import="${href}"`].filter(Boolean).join(' ');
}

function withoutExtension(path: string): string {
  return path.endsWith('.heapsnapshot') ? path.slice(0, -'.heapsnapshot'.length) : path;
}

/**
 * Runs a command with the snapshot hook preloaded into every Node.js process it starts, and returns once it
 * exits. When several processes wrote snapshots (e.g. `npm start` and the app), the largest heap is the
 * program's and becomes `out`; the others are kept beside it.
 */
export async function runWithSnapshot(options: SnapshotRunOptions): Promise<SnapshotRunResult> {
  const out = resolve(options.cwd ?? process.cwd(), options.out);
  await mkdir(dirname(out), { recursive: true });
  // Next to `out`, so the final rename stays on one file system.
  const temp = await mkdtemp(join(dirname(out), `.${basename(out)}-`));
  try {
    const env = options.env ?? process.env;
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      stdio: options.stdio ?? 'inherit',
      shell: process.platform === 'win32',
      env: { ...env, NODE_OPTIONS: nodeOptionsWithHook(env.NODE_OPTIONS, snapshotHookPath()), [SNAPSHOT_DIR_ENV]: temp },
    });
    // Ctrl-C reaches the child from the terminal; stay alive to collect its snapshot. Pass on a kill.
    const ignore = () => {};
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    let exit: { code: number | null; signal: NodeJS.Signals | null };
    try {
      exit = await new Promise((resolvePromise, reject) => {
        child.once('error', (error) => reject(new Error(`cannot run ${options.command}: ${error.message}`)));
        child.once('close', (code, signal) => resolvePromise({ code, signal }));
      });
    } finally {
      process.removeListener('SIGINT', ignore);
      process.removeListener('SIGTERM', forward);
      process.removeListener('SIGHUP', forward);
    }
    const exitCode = exit.code ?? 128 + (exit.signal ? constants.signals[exit.signal] : 0);

    const written = await Promise.all(
      (await readdir(temp))
        .filter((name) => name.endsWith('.heapsnapshot'))
        .map(async (name) => ({ path: join(temp, name), pid: Number(name.split('.')[0]), bytes: (await stat(join(temp, name))).size })),
    );
    written.sort((a, b) => b.bytes - a.bytes);
    const [main, ...rest] = written;
    if (!main) return { exitCode, signal: exit.signal, snapshot: null, bytes: 0, pid: null, others: [] };
    await rename(main.path, out);
    const others: string[] = [];
    for (const other of rest) {
      const target = `${withoutExtension(out)}.${other.pid}.heapsnapshot`;
      await rename(other.path, target);
      others.push(target);
    }
    return { exitCode, signal: exit.signal, snapshot: out, bytes: main.bytes, pid: main.pid, others };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
