/** A worker thread of `fixed-shape migrate`: runs the Engine on the files the pool gives it. */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, type EngineOptions } from './engine.js';
import type { PoolRequest, PoolResponse } from './pool.js';

const engine = new Engine(workerData as EngineOptions);
const port = parentPort!;

port.on('message', (request: PoolRequest) => {
  if (request.kind === 'index') {
    engine.setIndex(request.summaries);
    return;
  }
  for (const file of request.files) {
    const response: PoolResponse =
      request.kind === 'summarize' ? { kind: 'summarize', result: engine.summarize(file) } : { kind: 'migrate', result: engine.migrate(file) };
    port.postMessage(response);
  }
  port.postMessage({ kind: 'done' } satisfies PoolResponse);
});
