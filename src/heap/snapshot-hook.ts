/*
 * Preloaded with `--import` by `fixed-shape snapshot` (through NODE_OPTIONS) so a program's heap can be
 * captured without editing it. Writes `<pid>.heapsnapshot` into $FIXED_SHAPE_SNAPSHOT_DIR when the process
 * exits, or when it is stopped by SIGINT/SIGTERM. Does nothing when that variable is not set.
 */
import { constants } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { SNAPSHOT_DIR_ENV } from './snapshot-env.js';

const dir = process.env[SNAPSHOT_DIR_ENV];

// Worker threads see the same NODE_OPTIONS; their heaps are not the program's.
if (dir && isMainThread) {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    try {
      // Synchronous, so it also works inside the 'exit' event.
      writeHeapSnapshot(join(dir, `${process.pid}.heapsnapshot`));
    } catch (error) {
      process.stderr.write(`fixed-shape snapshot: could not write a heap snapshot: ${(error as Error).message}\n`);
    }
  };
  process.on('exit', write);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      write();
      // If the program has no handler of its own, keep the default behaviour: die by the same signal.
      // The re-raise does not always land before an idle process exits, hence the exit code fallback.
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) {
        process.kill(process.pid, signal);
        process.exit(128 + constants.signals[signal]);
      }
    };
    process.on(signal, onSignal);
  }
}
