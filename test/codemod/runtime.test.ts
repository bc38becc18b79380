/**
 * Runtime tests: each case in test/fixtures/codemod/runtime/ runs as written and as `fixed-shape migrate`
 * left it, in child `node --allow-natives-syntax` processes. The observable output must be the same; in
 * the migrated run, the instances of every migrated class must share one hidden class with fast
 * properties, and be sealed when the report says so.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../src/migrate/run.js';
import type { ClassReport, MigrationReport } from '../../src/migrate/report.js';

const root = join(import.meta.dirname, '../fixtures/codemod/runtime');
const scratch = mkdtempSync(join(tmpdir(), 'fixed-shape-runtime-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Case {
  main: string;
  options?: { seal?: 'always' | 'development' | 'none' };
  typescript?: boolean;
  /** Classes the report must call migrated. */
  migrated: string[];
  /** Classes whose kept instances must all be sealed. */
  sealed: string[];
  /** Classes whose kept instances must not be sealed. */
  unsealed?: string[];
  /** Expectations when the migrated program runs with NODE_ENV=production. */
  production?: { unsealed: string[] };
}

interface RunResult {
  output: string[];
  shapes: Record<string, { instances: number; maps: number; slow: number; unsealed: number }>;
}

const cases = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The harness is imported as ../harness.mjs from each case's main. */
function copyCase(name: string, variant: string): string {
  const dir = join(scratch, variant, name);
  cpSync(join(root, name), dir, { recursive: true });
  cpSync(join(root, 'harness.mjs'), join(scratch, variant, 'harness.mjs'));
  return dir;
}

/** TypeScript cases run compiled, with the case's own tsconfig (its class-field semantics). */
function compile(dir: string): void {
  const config = ts.readConfigFile(join(dir, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: Record<string, unknown> };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, dir);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(dir, file), 'utf8'), { compilerOptions: options, fileName: file });
    writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
  }
}

function run(dir: string, main: string, env: Record<string, string | undefined> = {}): RunResult {
  const result = spawnSync(process.execPath, ['--allow-natives-syntax', main], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: undefined, ...env } });
  if (result.status !== 0) throw new Error(`${dir}/${main} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as RunResult;
}

describe('migrated programs behave the same, with one fast, sealed shape per class', () => {
  it.each(cases)('%s', async (name) => {
    const spec = JSON.parse(readFileSync(join(root, name, 'case.json'), 'utf8')) as Case;
    const original = copyCase(name, 'original');
    const migrated = copyCase(name, 'migrated');
    const { exitCode, report } = await runMigration({
      paths: ['.'],
      cwd: migrated,
      dry: false,
      check: false,
      seal: spec.options?.seal ?? 'always',
      numbers: 'proven',
      initMethods: [],
      progress: false,
      stdout: sink(),
      stderr: sink(),
    });
    expect(exitCode).toBe(0);
    const classes = new Map<string, ClassReport>(report.files.flatMap((file) => file.classes).map((entry) => [entry.name, entry]));
    for (const className of spec.migrated) expect(classes.get(className)?.status, className).toBe('migrated');
    if (spec.typescript) {
      compile(original);
      compile(migrated);
    }

    const before = run(original, spec.main);
    const after = run(migrated, spec.main);
    expect(after.output).toEqual(before.output);
    checkShapes(after, report, spec.sealed, spec.unsealed ?? []);
    if (spec.production) {
      const production = run(migrated, spec.main, { NODE_ENV: 'production' });
      expect(production.output).toEqual(before.output);
      checkShapes(production, report, [], spec.production.unsealed);
    }
  });
});

function checkShapes(result: RunResult, report: MigrationReport, sealed: string[], unsealed: string[]): void {
  for (const entry of report.files.flatMap((file) => file.classes)) {
    const shape = result.shapes[entry.name];
    if (entry.status !== 'migrated' || !shape) continue;
    // Double fields left added late (report.keptLate) may still add a hidden class per late field.
    const maps = entry.keptLate.length > 0 ? Math.min(shape.maps, entry.keptLate.length + 1) : 1;
    expect({ name: entry.name, maps: shape.maps, slow: shape.slow }).toEqual({ name: entry.name, maps, slow: 0 });
  }
  for (const name of sealed) {
    expect(result.shapes[name], name).toBeDefined();
    expect({ name, unsealed: result.shapes[name]!.unsealed }).toEqual({ name, unsealed: 0 });
  }
  for (const name of unsealed) {
    expect({ name, unsealed: result.shapes[name]!.unsealed }).toEqual({ name, unsealed: result.shapes[name]!.instances });
  }
}
