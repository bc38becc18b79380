// Real ESLint and the real CLI, in child processes: the plugin under --concurrency and --cache, and
// `fixed-shape lint` on good and bad input.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/src/cli.js');
const eslintBin = join(root, 'node_modules/eslint/bin/eslint.js');
const work = mkdtempSync(join(tmpdir(), 'fixed-shape-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(work, name);
  cpSync(join(root, 'examples/shop/src'), join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'eslint.config.js'),
    `import tsParser from ${JSON.stringify(join(root, 'node_modules/@typescript-eslint/parser/dist/index.js'))};\n` +
      `import fixedShape from ${JSON.stringify(join(root, 'dist/src/index.js'))};\n` +
      `export default [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, fixedShape.configs.recommended];\n`,
  );
  return dir;
}

function eslint(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', ...args, 'src'], { cwd, encoding: 'utf8' });
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
  return results
    .flatMap((result) => result.messages.map((message) => `${result.filePath.slice(cwd.length)}:${message.line} ${message.ruleId}`))
    .sort();
}

describe('the plugin under real ESLint', () => {
  it('gives the same findings with --concurrency=2 as single-threaded', () => {
    const dir = project('concurrency');
    const single = eslint(dir);
    expect(single.length).toBeGreaterThan(5);
    expect(eslint(dir, '--concurrency', '2')).toEqual(single);
  });

  it('gives the same findings from --cache on the first and the cached run', () => {
    const dir = project('cache');
    const first = eslint(dir, '--cache');
    expect(existsSync(join(dir, '.eslintcache'))).toBe(true);
    expect(eslint(dir, '--cache')).toEqual(first);
    expect(first).toEqual(eslint(dir));
  });
});

describe('fixed-shape lint', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: work, encoding: 'utf8' });

  it('reports findings with file:line and exits 1', () => {
    const dir = project('cli');
    const result = run(join(dir, 'src'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('cart-item.js');
    expect(result.stdout).toMatch(/23:5\s+warning\s+'coupon' is added to CartItem in applyCoupon\(\)/);
  });

  it('exits 0 on a clean file', () => {
    writeFileSync(join(work, 'clean.js'), 'export class Point { constructor(x) { this.x = x; } }\n');
    expect(run(join(work, 'clean.js')).status).toBe(0);
  });

  it('lints the other files when one has a syntax error, and names it with file:line', () => {
    const dir = join(work, 'broken');
    cpSync(join(root, 'examples/shop/src/cart-item.js'), join(dir, 'cart-item.js'));
    writeFileSync(join(dir, 'broken.js'), 'class A {\n  constructor( {\n}\n');
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/broken\.js\n\s+\d+:\d+\s+error\s+Parsing error: Unexpected token/);
    expect(result.stdout).toContain("'coupon' is added to CartItem");
    expect(result.stderr).toContain('1 file(s) could not be parsed');
  });

  it('rejects a missing path and an unknown option with exit 2', () => {
    const missing = run(join(work, 'does-not-exist.js'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const unknown = run('--frobnicate', work);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
  });

  it('prints --help and --version', () => {
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })).toContain('Usage: fixed-shape');
  });
});
