/**
 * `fixed-shape migrate` end to end: the built CLI (dist/src/cli.js; `npm test` builds first) on
 * temporary project copies. Exit codes: 0 done, 1 --check found changes or a file failed, 2 usage error.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'fixed-shape-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ITEM = `export class Item {
  constructor(id) {
    this.id = id;
  }

  tag(name) {
    this.tagged = name;
  }
}
`;

let projects = 0;
/** A fresh project: files by relative path. */
function project(files: Record<string, string>): string {
  const dir = join(scratch, `p${projects++}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function migrate(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'migrate', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return files;
}

describe.skipIf(!existsSync(cli))('fixed-shape migrate', () => {
  it('--dry prints a unified diff and writes nothing', () => {
    const dir = project({ 'src/item.js': ITEM, 'src/plain.js': 'export const x = 1;\n' });
    const before = snapshot(dir);
    const run = migrate(dir, 'src', '--dry');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/src/item.js');
    expect(run.stdout).toContain('+++ b/src/item.js');
    expect(run.stdout).toContain('+      this.tagged = undefined;');
    expect(run.stdout).not.toContain('plain.js');
    expect(snapshot(dir)).toEqual(before);
    expect(run.stderr).toMatch(/would change\s+1/);
  });

  it('writes in place, keeps the file mode, leaves no temporary files, and a second run changes nothing', () => {
    const dir = project({ 'item.js': ITEM });
    chmodSync(join(dir, 'item.js'), 0o754);
    const run = migrate(dir, '.');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'item.js'), 'utf8')).toContain('if (new.target === Item) {');
    expect(statSync(join(dir, 'item.js')).mode & 0o777).toBe(0o754);
    expect(readdirSync(dir)).toEqual(['item.js']);
    const after = snapshot(dir);
    expect(migrate(dir, '.').status).toBe(0);
    expect(snapshot(dir)).toEqual(after);
  });

  it('--check exits 1 when files would change and 0 once migrated', () => {
    const dir = project({ 'item.js': ITEM });
    const before = snapshot(dir);
    expect(migrate(dir, '.', '--check').status).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(migrate(dir, '.').status).toBe(0);
    expect(migrate(dir, '.', '--check').status).toBe(0);
  });

  it('--json writes the report: declared fields, seal and skip reasons per class', () => {
    const dir = project({
      'item.js': ITEM,
      'pool.js': 'export class Pool {\n  constructor() {\n    return Pool.free;\n  }\n  use() {\n    this.used = true;\n  }\n}\n',
    });
    expect(migrate(dir, '.', '--json', 'report.json', '--seal=development').status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ version: 1, seal: 'development', numbers: 'proven', summary: { files: 2, changed: 1, classes: { migrated: 1, skipped: 1 } } });
    const classes = report.files.flatMap((file: { file: string; classes: unknown[] }) => file.classes.map((entry) => ({ file: file.file, ...(entry as object) })));
    expect(classes).toContainEqual(
      expect.objectContaining({ file: 'item.js', name: 'Item', status: 'migrated', seal: 'development', sealGuardedByNewTarget: true, declared: [expect.objectContaining({ name: 'tagged', cause: 'late' })] }),
    );
    expect(classes).toContainEqual(expect.objectContaining({ file: 'pool.js', name: 'Pool', status: 'skipped', reasons: [expect.objectContaining({ code: 'returns-value' })] }));
  });

  it('follows imports: a base extended in another file is sealed only for its own instances', () => {
    const dir = project({
      'package.json': '{ "type": "module" }',
      'lib/base.js': 'export class Base {\n  constructor() {\n    this.a = 1;\n  }\n  later() {\n    this.b = 2;\n  }\n}\n',
      'lib/sub.js': "import { Base } from './base.js';\n\nexport class Sub extends Base {\n  more() {\n    this.c = 3;\n  }\n}\n",
    });
    expect(migrate(dir, 'lib/**/*.js', '--workers', '2').status).toBe(0);
    expect(readFileSync(join(dir, 'lib/base.js'), 'utf8')).toContain('if (new.target === Base) {\n      this.b = undefined;\n      Object.seal(this);');
    const sub = readFileSync(join(dir, 'lib/sub.js'), 'utf8');
    expect(sub).toContain('super(...args);');
    expect(sub).toContain('if (new.target === Sub) {\n      this.b = undefined;\n      this.c = undefined;\n      Object.seal(this);');
  });

  it('respects .gitignore', () => {
    const dir = project({ '.gitignore': 'generated/\n', 'src/item.js': ITEM, 'generated/item.js': ITEM });
    const run = migrate(dir, '.', '--dry');
    expect(run.stdout).toContain('a/src/item.js');
    expect(run.stdout).not.toContain('generated/');
  });

  it('skips a file that does not parse, migrates the others and exits 1', () => {
    const dir = project({ 'bad.js': 'export class A {\n  m( {\n}\n', 'item.js': ITEM });
    const run = migrate(dir, '.');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^bad\.js:\d+:\d+: .+/m);
    expect(readFileSync(join(dir, 'bad.js'), 'utf8')).toBe('export class A {\n  m( {\n}\n');
    expect(readFileSync(join(dir, 'item.js'), 'utf8')).toContain('Object.seal(this)');
  });

  it('exits 2 on a missing path or an unknown option', () => {
    const dir = project({ 'item.js': ITEM });
    const missing = migrate(dir, 'nope');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file, directory or matching glob: nope');
    const unknown = migrate(dir, '.', '--bogus');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(migrate(dir, '.', '--seal=sometimes').status).toBe(2);
    expect(readFileSync(join(dir, 'item.js'), 'utf8')).toBe(ITEM);
  });

  it('makes a dictionary a Map unless another file names the field, or --dictionaries=keep', () => {
    const STORE = 'class Store {\n  constructor() {\n    this.bag = {};\n  }\n\n  put(key, value) {\n    this.bag[key] = value;\n  }\n}\n\nexport const store = () => new Store();\n';
    const alone = project({ 'store.js': STORE, 'main.js': "import { store } from './store.js';\nstore().put('a', 1);\n" });
    expect(migrate(alone, '.', '--dictionaries=keep').status).toBe(0);
    expect(readFileSync(join(alone, 'store.js'), 'utf8')).toBe(STORE);
    expect(migrate(alone, '.', '--json', 'report.json').status).toBe(0);
    expect(readFileSync(join(alone, 'store.js'), 'utf8')).toContain('this.bag.set(key, value);');
    const report = JSON.parse(readFileSync(join(alone, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ dictionaries: 'map', summary: { mapsConverted: 1, mapsKept: 0 } });

    // main.js reads the bag as an object: the field must stay one.
    const named = project({ 'store.js': STORE, 'main.js': "import { store } from './store.js';\nconsole.log(store().bag);\n" });
    const run = migrate(named, '.', '--json', 'report.json');
    expect(run.status).toBe(0);
    expect(readFileSync(join(named, 'store.js'), 'utf8')).toBe(STORE);
    const kept = JSON.parse(readFileSync(join(named, 'report.json'), 'utf8')).files.find((file: { file: string }) => file.file === 'store.js');
    expect(kept.classes[0].dictionaries).toEqual([{ name: 'bag', line: 3, converted: false, reason: "instances leave the module and another file names 'bag'" }]);
    expect(migrate(named, '.', '--dictionaries=sometimes').status).toBe(2);
  });

  it('works as a jscodeshift transform', () => {
    const dir = project({ 'item.js': ITEM });
    cpSync(join(dir, 'item.js'), join(dir, 'copy.js'));
    const transform = join(root, 'dist/codemods/fixed-shape.js');
    const run = spawnSync(process.execPath, [join(root, 'node_modules/jscodeshift/bin/jscodeshift.js'), '--no-babel', '-t', transform, 'item.js', '--seal=development'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(readFileSync(join(dir, 'item.js'), 'utf8')).toContain('if (SEAL_INSTANCES) Object.seal(this);');
    expect(readFileSync(join(dir, 'copy.js'), 'utf8')).toBe(ITEM);
  });
});
