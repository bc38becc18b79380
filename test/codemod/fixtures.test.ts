/**
 * Fixture pairs: test/fixtures/codemod/<case>/input.<ext> migrated must equal output.<ext>, a second run
 * must change nothing, and the output must parse. `options.json` holds migrate options for a case.
 * UPDATE_FIXTURES=1 rewrites the expected outputs (review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateSource, type MigrateOptions } from '../../codemods/fixed-shape.js';
import { parseSource } from '../../src/model-from-source.js';

const root = join(import.meta.dirname, '../fixtures/codemod');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(root, entry.name)).some((file) => file.startsWith('input.')))
  .map((entry) => entry.name);

describe('codemod fixtures', () => {
  it('covers JS, TS, TSX and ES5', () => {
    const inputs = cases.flatMap((name) => readdirSync(join(root, name)).filter((file) => file.startsWith('input.')));
    expect(new Set(inputs.map((file) => file.split('.').pop()))).toEqual(new Set(['js', 'ts', 'tsx', 'cjs']));
    expect(cases).toEqual(expect.arrayContaining(['es5', 'es5-sloppy']));
  });

  it.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const input = readdirSync(dir).find((file) => file.startsWith('input.'))!;
    const extension = input.slice('input.'.length);
    const file = join(dir, input);
    const options: MigrateOptions = existsSync(join(dir, 'options.json')) ? JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) : {};
    const { output } = migrateSource(readFileSync(file, 'utf8'), file, options);
    const expectedFile = join(dir, `output.${extension}`);
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, output);
    expect(output).toBe(readFileSync(expectedFile, 'utf8'));
    expect(() => parseSource(output, file)).not.toThrow();
    const again = migrateSource(output, file, options);
    expect(again.output).toBe(output);
    expect(again.report.changed).toBe(false);
  });
});
