/**
 * One (pattern, form, size) measurement, run by bench/lib/child.js in a fresh process with
 * `node --expose-gc --allow-natives-syntax bench/shapes/child.js '<json spec>'`.
 *
 * A pattern module exports:
 *   create(i)      -> a new object (the constructor call, as the program does it)
 *   later?(o, i)   -> what the program does to it after all objects exist (late additions, delete, ...)
 *   read(o)        -> a number read from one property
 *   write(o, v)    -> stores v into that property
 *   value?(i)      -> the value written by the write loop (default: i)
 *   shapeOf?(o)    -> the object whose hidden class matters (default: o itself)
 * `read` and `write` are each called from one loop, so the call site is monomorphic: any polymorphism
 * measured is in the objects, not in the harness. Reads and writes are timed on a cache-resident working
 * set (the first HOT objects): that isolates the property access path, which is what shapes change;
 * `readAllNs` streams over all N objects and adds the memory traffic that bytes/object already shows.
 *
 * Spec: { module, size, accesses?, heapOnly? }. Prints one JSON line.
 */
import { pathToFileURL } from 'node:url';

if (typeof gc !== 'function') throw new Error('run with --expose-gc --allow-natives-syntax');
const spec = JSON.parse(process.argv[2]);
const pattern = await import(pathToFileURL(spec.module).href);
const { create, later, read, write } = pattern;
const value = pattern.value ?? ((i) => i);
const shapeOf = pattern.shapeOf ?? ((o) => o);
const N = spec.size;
const HOT = Math.min(N, 4096);
const ACCESSES = spec.accesses ?? 2e7;
const BATCHES = 10;

// `%` syntax only parses with --allow-natives-syntax, so keep it out of this module's own source.
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)');

const now = () => process.hrtime.bigint();
const fullGc = () => {
  gc();
  gc();
};

// Warm-up on objects that are then dropped: the code that builds them is compiled before the heap
// baseline, so compiled code and feedback do not count as bytes per object.
const warm = Array.from({ length: Math.min(10_000, N >> 3) }, (_, i) => create(i));
if (later) warm.forEach((o, i) => later(o, i));
warm.length = 0;

// A packed array sized up front, so only the objects themselves land in the heapUsed delta
// (`new Array(n)` of this size would be a slow dictionary-elements array).
const objects = [];
for (let i = 0; i < N; i++) objects.push(0);

fullGc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = now();
for (let i = 0; i < N; i++) objects[i] = create(i);
const t1 = now();
if (later) for (let i = 0; i < N; i++) later(objects[i], i);
const t2 = now();
fullGc();
const heapAfter = process.memoryUsage().heapUsed;

const result = {
  bytesPerObject: (heapAfter - heapBefore) / N,
  // Construction includes the later phase: it is the cost of bringing an object into its working shape.
  constructNs: Number(t2 - t0) / N,
  createNs: Number(t1 - t0) / N,
  heapMB: (heapAfter - heapBefore) / 2 ** 20,
};

if (!spec.heapOnly) {
  // Distinct hidden classes and dictionary-mode share, on an evenly spread sample.
  const maps = [];
  let dictionary = 0;
  // Odd stride: patterns vary with `i & mask`, and an even stride would miss half the variants.
  const step = Math.max(1, Math.floor(N / 20_000)) | 1;
  let sampled = 0;
  for (let i = 0; i < N; i += step, sampled++) {
    const target = shapeOf(objects[i]);
    if (!hasFastProperties(target)) dictionary++;
    if (!maps.some((map) => haveSameMap(map, target))) maps.push(target);
  }
  result.hiddenClasses = maps.length;
  result.dictionaryPercent = (100 * dictionary) / sampled;

  // Right after gc() on a large heap, background sweeping competes with the loops (hot reads ran up
  // to 10x slower at 10M objects); let it finish, about 1 ms per MB of heap.
  await new Promise((resolve) => setTimeout(resolve, 100 + process.memoryUsage().heapUsed / 2 ** 20));
  result.readNs = timeReads(HOT);
  result.readAllNs = timeReads(N);
  result.writeNs = timeWrites(HOT);
}

console.log(JSON.stringify(result));

// ~ACCESSES timed accesses over the first `count` objects, after one untimed pass that lets the loop be
// optimized, in BATCHES batches: the fastest batch is reported, since on a shared machine noise (other
// processes, background GC) only ever adds time.
function timeReads(count) {
  const passes = Math.max(1, Math.ceil(ACCESSES / count / BATCHES));
  let sink = 0;
  for (let i = 0; i < count; i++) sink += read(objects[i]);
  let best = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = now();
    for (let pass = 0; pass < passes; pass++) for (let i = 0; i < count; i++) sink += read(objects[i]);
    best = Math.min(best, Number(now() - start) / (count * passes));
  }
  if (Number.isNaN(sink)) throw new Error('read() must return a number');
  return best;
}

function timeWrites(count) {
  const passes = Math.max(1, Math.ceil(ACCESSES / count / BATCHES));
  for (let i = 0; i < count; i++) write(objects[i], value(i));
  let best = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = now();
    for (let pass = 0; pass < passes; pass++) for (let i = 0; i < count; i++) write(objects[i], value(i + pass));
    best = Math.min(best, Number(now() - start) / (count * passes));
  }
  return best;
}
