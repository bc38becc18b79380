import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repeatNode } from '../lib/child.js';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');

/** Benchmarks measure production behaviour unless a caller asks otherwise. */
export const PRODUCTION = { NODE_ENV: 'production' };

const memo = new Map();

/**
 * Measure one module (see child.js for its interface) at one size in `repeats` fresh children and
 * summarize each metric. Byte-identical sources under the same settings are measured once (e.g. when
 * migrate's default output equals one explicit seal mode's).
 */
export function measureModule(file, size, { repeats, accesses, env = PRODUCTION, heapOnly = false, maxOldSpaceMB }) {
  const digest = crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  const key = JSON.stringify([digest, size, env, heapOnly, repeats, accesses]);
  if (!memo.has(key)) {
    const flags = ['--expose-gc', '--allow-natives-syntax'];
    if (maxOldSpaceMB) flags.push(`--max-old-space-size=${maxOldSpaceMB}`);
    const spec = JSON.stringify({ module: file, size, accesses, heapOnly });
    memo.set(key, repeatNode(repeats, [...flags, childScript, spec], { env }).then((result) => result.summary));
  }
  return memo.get(key);
}
