/**
 * Bytes/object of one class before and after `fixed-shape migrate`, for `npm run demo`:
 *
 *   node bench/shapes/shop-memory.js <module> <export> [--factory=<file>#<export>] [--args=<json array>]
 *        [--count=1000000] [--repeats=3] [--seal=always|development|none] [--json]
 *
 * <export> is a class, constructed as `new Class(...args)` ("$i" in --args becomes the index), or a
 * factory function, called as `fn(i)`. --factory names an export called as `factory(Class, i)` that
 * returns the object in its working state (after the late additions the program makes); it gets the
 * class as an argument so the same factory serves the original and the migrated module.
 * The module's directory is copied to a scratch directory and migrated there: sources are never touched.
 *
 * Also importable: `measureClassMemory(options)` returns the same figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MIGRATE_MISSING, migrateAvailable, migrateCopy } from '../lib/migrate.js';
import { makeScratchDir } from '../lib/paths.js';
import { formatRatio, formatSummary, ratio } from '../lib/stats.js';
import { measureModule } from './measure.js';

/** A module whose `create(i)` builds one object the way the caller described (see child.js). */
function writeAdapter(file, { module, exportName, factory, args }) {
  const url = (target) => JSON.stringify(pathToFileURL(target).href);
  const source = [
    `import * as target from ${url(module)};`,
    factory ? `import * as factoryModule from ${url(factory.file)};` : '',
    `const Subject = target[${JSON.stringify(exportName)}];`,
    `if (typeof Subject !== 'function') throw new Error(${JSON.stringify(`${module} has no function export ${exportName}`)});`,
    factory
      ? `const make = factoryModule[${JSON.stringify(factory.exportName)}];\nexport const create = (i) => make(Subject, i);`
      : [
          `const args = ${JSON.stringify(args)};`,
          `const isClass = /^class\\b/.test(Function.prototype.toString.call(Subject));`,
          `export const create = isClass ? (i) => new Subject(...args.map((a) => (a === '$i' ? i : a))) : (i) => Subject(i);`,
        ].join('\n'),
    '',
  ].join('\n');
  fs.writeFileSync(file, source);
  return file;
}

function parseFactory(spec) {
  if (!spec) return null;
  const [file, exportName = 'default'] = spec.split('#');
  return { file: path.resolve(file), exportName };
}

export async function measureClassMemory({ module, exportName, factory = null, args = [], count = 1_000_000, repeats = 3, seal }) {
  const scratch = makeScratchDir();
  const options = { repeats, heapOnly: true };
  try {
    const before = await measureModule(writeAdapter(path.join(scratch, 'before.js'), { module, exportName, factory, args }), count, options);
    let after = null;
    let note = null;
    if (!migrateAvailable()) {
      note = MIGRATE_MISSING;
    } else {
      // Copy the module's whole directory so its relative imports still resolve.
      const copy = path.join(scratch, 'migrated');
      fs.cpSync(path.dirname(module), copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
      const migrated = await migrateCopy(module, copy, path.basename(module), seal);
      if (!migrated.changed) note = 'migrate left the module unchanged';
      after = await measureModule(writeAdapter(path.join(scratch, 'after.js'), { module: migrated.file, exportName, factory, args }), count, options);
    }
    return { count, before, after, note };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function formatChange(before, after) {
  const change = after.median / before.median - 1;
  return `${change > 0 ? '+' : ''}${(change * 100).toFixed(0)}% memory (${formatRatio(ratio(before, after))} fewer bytes)`;
}

export function formatClassMemory({ count, before, after, note }, label) {
  const line = (name, summary) =>
    `  ${name.padEnd(28)} ${formatSummary(summary.bytesPerObject, 1, ' bytes/object').padEnd(34)} ${(summary.heapMB.median).toFixed(0)} MB`;
  return [
    `${label}, ${count.toLocaleString('en-US')} objects (median of ${before.bytesPerObject.n} process(es)):`,
    line('before fixed-shape migrate:', before),
    after ? `${line('after fixed-shape migrate:', after)}   ${formatChange(before.bytesPerObject, after.bytesPerObject)}` : '',
    note ? `  after fixed-shape migrate:   ${note}` : '',
  ].filter(Boolean).join('\n');
}

async function main(argv) {
  const positional = argv.filter((arg) => !arg.startsWith('--'));
  const flag = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (positional.length !== 2) {
    console.error('usage: node bench/shapes/shop-memory.js <module> <export> [--factory=<file>#<export>] [--args=<json>] [--count=N] [--repeats=N] [--seal=mode] [--json]');
    process.exit(2);
  }
  const [modulePath, exportName] = positional;
  const module = path.resolve(modulePath);
  const result = await measureClassMemory({
    module,
    exportName,
    factory: parseFactory(flag('factory')),
    args: flag('args') ? JSON.parse(flag('args')) : [],
    count: Number(flag('count') ?? 1_000_000),
    repeats: Number(flag('repeats') ?? 3),
    seal: flag('seal'),
  });
  if (argv.includes('--json')) console.log(JSON.stringify(result));
  else console.log(formatClassMemory(result, `${exportName} (${path.relative(process.cwd(), module)})`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
