// Runs generated modules and prints what a program can observe of them, as one JSON line per module.
// Usage: node --allow-natives-syntax test/fuzz/child.mjs <module>...
// Modules run one after another in this process: starting a process per module would dominate the time.
import { pathToFileURL } from 'node:url';

const natives = (params, body) => new Function(...params, body);
const haveSameMap = natives(['a', 'b'], 'return %HaveSameMap(a, b)');
const hasFastProperties = natives(['o'], 'return %HasFastProperties(o)');

/**
 * A field whose representation generalized (Smi -> Double) deprecates the old map; instances move to the
 * new one only when next written (%TryMigrateInstance does not always move them). Rewrite each own
 * property with its own value so that only real shape differences remain: no store changes which
 * properties an object has, their order, or dictionary mode.
 */
function settleMap(object) {
  for (const key of Object.getOwnPropertyNames(object)) {
    try {
      object[key] = object[key];
    } catch {
      // frozen, or read-only: nothing to settle
    }
  }
}

function show(value) {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object' && value !== null) {
    try {
      return `object ${JSON.stringify(value)}`;
    } catch (error) {
      return `object (${showError(error)})`;
    }
  }
  return String(value);
}

function showError(error) {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : `thrown ${show(error)}`;
}

function attempt(fn) {
  try {
    return show(fn());
  } catch (error) {
    return `throws ${showError(error)}`;
  }
}

/** Constructor names up the prototype chain: the class and its ancestors. */
function chainOf(object) {
  const names = [];
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    names.push(Object.hasOwn(proto, 'constructor') ? proto.constructor.name : '?');
  }
  return names;
}

async function runModule(file) {
  const result = { file, load: 'ok', error: null, classes: [], trace: [], instances: [], shapes: {} };
  let module;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    result.load = showError(error);
    return result;
  }
  const main = module.main ?? module.default?.main;
  const names = module.names ?? module.default?.names ?? [];
  result.classes = module.classes ?? module.default?.classes ?? [];
  const kept = [];
  const h = {
    r: (fn) => result.trace.push(attempt(fn)),
    keep: (cls, object) => kept.push({ cls, object }),
  };
  try {
    main(h);
  } catch (error) {
    result.error = showError(error);
  }
  const groups = new Map();
  for (const { cls, object } of kept) {
    let json;
    try {
      json = String(JSON.stringify(object));
    } catch (error) {
      json = `throws ${showError(error)}`;
    }
    result.instances.push({ cls, chain: chainOf(object), json });
    groups.set(cls, [...(groups.get(cls) ?? []), object]);
  }
  for (const [cls, objects] of groups) {
    objects.forEach(settleMap);
    const maps = [];
    for (const object of objects) if (!maps.some((map) => haveSameMap(map, object))) maps.push(object);
    result.shapes[cls] = {
      instances: objects.length,
      maps: maps.length,
      slow: objects.filter((object) => !hasFastProperties(object)).length,
      unsealed: objects.filter((object) => !Object.isSealed(object)).length,
    };
  }
  // Last, as reads run getters that may add properties.
  kept.forEach(({ object }, index) => (result.instances[index].reads = names.map((name) => `${name}=${attempt(() => object[name])}`)));
  return result;
}

for (const file of process.argv.slice(2)) {
  process.stdout.write(`${JSON.stringify(await runModule(file))}\n`);
}
