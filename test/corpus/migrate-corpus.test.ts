// `fixed-shape migrate` on a copy of real published code (see corpora.ts): three's src (ES2015 classes),
// bluebird's release build and less 2's core (ES5 constructor functions). Every output file parses, keeps
// its comments, a second run changes nothing, the report accounts for every class, migrate still rewrites
// what it rewrote, and the library still behaves the same: a smoke program prints the same with the
// original and the migrated copy. `npm run test:corpus`.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Linter, type SourceCode } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelFromSource } from '../../src/model-from-source.js';
import { readFileErrors, readMigrateReport, type ClassReport } from '../reliability/migrate-report.js';
import { changedEntries, checksums, migrateAvailable, root, runCli, runNode, type CliResult } from '../reliability/support.js';
import { corpora } from './corpora.js';

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-migrate-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Parsed {
  fatal: string | null;
  comments: number;
  /** `line:column` (1-based column, as the report gives it) of every class declaration and expression. */
  classes: string[];
}

/** Parsed the way ESLint parses it, not the way migrate does: an independent check. */
function parse(text: string, sourceType: 'module' | 'commonjs'): Parsed {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(text, [{ languageOptions: { ecmaVersion: 'latest', sourceType } }]);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) return { fatal: `${fatal.line}:${fatal.column} ${fatal.message}`, comments: 0, classes: [] };
  const source = linter.getSourceCode();
  return { fatal: null, comments: source.getAllComments().length, classes: classNodes(source) };
}

function classNodes(source: SourceCode): string[] {
  const found: string[] = [];
  const visit = (node: { type: string; loc?: { start: { line: number; column: number } } | null }): void => {
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.loc) found.push(`${node.loc.start.line}:${node.loc.start.column + 1}`);
    for (const key of source.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) if (item && typeof (item as { type?: unknown }).type === 'string') visit(item as typeof node);
    }
  };
  visit(source.ast);
  return found;
}

const js = (map: Map<string, string>) => [...map.keys()].filter((file) => file.endsWith('.js'));

describe.each(corpora)('migrate on the $name corpus', (corpus) => {
  const original = join(root, corpus.dir);
  const copy = join(work, corpus.name);
  const reportFile = join(work, `${corpus.name}.json`);
  let run: CliResult;
  let report: ClassReport[] = [];
  let files: string[] = [];

  beforeAll(async () => {
    if (!migrateAvailable) return;
    cpSync(original, copy, { recursive: true });
    files = js(checksums(copy));
    run = await runCli(['migrate', '.', '--json', reportFile], { cwd: copy });
    report = readMigrateReport(reportFile);
  }, 600_000);

  it.skipIf(!migrateAvailable)('finishes with exit 0, no file failed, and still rewrites what it rewrote', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(Object.fromEntries(readFileErrors(reportFile))).toEqual({});
    expect(files.length).toBeGreaterThan(30);
    const migrated = report.filter((entry) => entry.status === 'migrated');
    const changed = changedEntries(checksums(original), checksums(copy));
    // Every changed file holds a migrated class, and the other way round.
    expect(changed).toEqual([...new Set(migrated.map((entry) => entry.file))].sort());
    expect(changed.length).toBeGreaterThanOrEqual(corpus.minimum.changedFiles);
    expect(migrated.length).toBeGreaterThanOrEqual(corpus.minimum.migrated);
    expect(migrated.filter((entry) => entry.kind === 'function').length).toBeGreaterThanOrEqual(corpus.minimum.migratedFunctions);
  });

  it.skipIf(!migrateAvailable)('every output file parses and keeps its comment count', () => {
    const problems: string[] = [];
    for (const file of files) {
      const before = parse(readFileSync(join(original, file), 'utf8'), corpus.sourceType);
      const after = parse(readFileSync(join(copy, file), 'utf8'), corpus.sourceType);
      if (after.fatal && !before.fatal) problems.push(`${file}: no longer parses: ${after.fatal}`);
      else if (after.comments !== before.comments) problems.push(`${file}: ${before.comments} comments -> ${after.comments}`);
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!migrateAvailable)('a second run changes nothing', async () => {
    const before = checksums(copy);
    const again = await runCli(['migrate', '.', '--check'], { cwd: copy });
    expect(again.status, again.stdout + again.stderr).toBe(0);
    const written = await runCli(['migrate', '.'], { cwd: copy });
    expect(written.status, written.stderr).toBe(0);
    expect(changedEntries(before, checksums(copy))).toEqual([]);
  });

  it.skipIf(!migrateAvailable)('the report accounts for every class: migrated, skipped with a reason, or untouched', () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(original, file), 'utf8');
      const entries = report.filter((entry) => entry.file === file);
      const at = new Set(entries.filter((entry) => entry.kind === 'class').map((entry) => `${entry.line}:${entry.column}`));
      for (const position of parse(text, corpus.sourceType).classes) if (!at.has(position)) problems.push(`${file}:${position}: class missing from the report`);
      // ES5 constructor functions are classes by the shape model's definition.
      const functions = modelFromSource(text, join(original, file)).model.classes.filter((shape) => shape.kind === 'function').length;
      const reported = entries.filter((entry) => entry.kind === 'function').length;
      if (functions !== reported) problems.push(`${file}: ${functions} constructor functions, ${reported} in the report`);
      for (const entry of entries) {
        if (!['migrated', 'skipped', 'untouched'].includes(entry.status)) problems.push(`${file}: ${entry.name}: status ${entry.status}`);
        if (entry.status === 'skipped' && !entry.reasons.every((reason) => reason.code && reason.message)) problems.push(`${file}: ${entry.name}: skipped without a reason`);
        if (entry.status === 'skipped' && entry.reasons.length === 0) problems.push(`${file}: ${entry.name}: skipped without a reason`);
      }
    }
    expect(problems).toEqual([]);
    expect(report.length).toBeGreaterThan(10);
    console.log(`${corpus.name}: ${report.length} classes, ${report.filter((entry) => entry.status === 'migrated').length} migrated`);
  });

  it.skipIf(!migrateAvailable)('the migrated copy behaves like the original (a smoke program prints the same)', async () => {
    const smoke = join(root, corpus.smoke);
    const [before, after] = await Promise.all([runNode([smoke, original]), runNode([smoke, copy])]);
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout.split('\n').length).toBeGreaterThan(10);
    expect(after.stderr).toBe(before.stderr);
    expect(after.stdout).toBe(before.stdout);
  });

  it('the copy is a copy', () => {
    // Guard against writing into node_modules: migrate only ever ran on the temporary copy.
    expect(relative(work, copy).startsWith('..')).toBe(false);
  });
});
