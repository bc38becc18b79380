// The pre-commit setups, with real git: examples/pre-commit (husky + lint-staged) and the hook in
// .pre-commit-hooks.yaml. Nothing is installed: the temp repository links this package and its tools.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fixed-shape-pre-commit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Git without the user's global or system config (hooks paths, signing, templates).
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(work, 'gitconfig'),
  HOME: work,
  HUSKY: undefined,
  // lint-staged's renderer prints test events under NODE_ENV=test, which vitest sets.
  NODE_ENV: undefined,
  FORCE_COLOR: '0',
  NO_COLOR: '1',
};
writeFileSync(env.GIT_CONFIG_GLOBAL, '');

const BAD = `export class Particle {
  constructor(x) {
    this.x = x;
  }
  push(v) {
    this.vx = v;
  }
}
`;
const FIXED = `export class Particle {
  constructor(x) {
    this.x = x;
    this.vx = 0;
  }
  push(v) {
    this.vx = v;
  }
}
`;

function run(cwd: string, command: string, args: string[]): SpawnSyncReturns<string> & { output: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return Object.assign(result, { output: `${result.stdout}${result.stderr}` });
}

function git(cwd: string, ...args: string[]) {
  return run(cwd, 'git', args);
}

/** A git repository holding a copy of examples/pre-commit, with node_modules linked to this checkout. */
function exampleRepo(name: string): string {
  const dir = join(work, name);
  cpSync(join(root, 'examples/pre-commit'), dir, { recursive: true });
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  mkdirSync(join(modules, '@typescript-eslint'), { recursive: true });
  symlinkSync(root, join(modules, 'eslint-plugin-fixed-shape'), 'dir');
  for (const name of ['eslint', 'husky', 'lint-staged', '@typescript-eslint/parser']) {
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  const bins = { eslint: 'eslint/bin/eslint.js', husky: 'husky/bin.js', 'lint-staged': 'lint-staged/bin/lint-staged.js' };
  for (const [bin, target] of Object.entries(bins)) symlinkSync(join('..', target), join(modules, '.bin', bin));
  expect(git(dir, 'init', '-q', '-b', 'main').status).toBe(0);
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

describe('examples/pre-commit: husky + lint-staged', () => {
  let repo: string;
  beforeAll(() => {
    repo = exampleRepo('husky');
    // What `npm install` does through "prepare": "husky".
    const prepare = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts.prepare as string;
    expect(prepare).toBe('husky');
    const install = run(repo, join(repo, 'node_modules/.bin/husky'), []);
    expect(install.output).toBe('');
    expect(git(repo, 'config', 'core.hooksPath').stdout.trim()).toBe('.husky/_');
  });

  it('commits the example itself: its files pass the hook', () => {
    git(repo, 'add', '.');
    const commit = git(repo, 'commit', '-m', 'example');
    expect(commit.output).not.toContain('husky - pre-commit script failed');
    expect(commit.status).toBe(0);
  });

  it('rejects a commit that stages a shape problem, with the finding', () => {
    writeFileSync(join(repo, 'src/push.js'), BAD);
    git(repo, 'add', 'src/push.js');
    const commit = git(repo, 'commit', '-m', 'bad');
    expect(commit.status).not.toBe(0);
    expect(commit.output).toContain("'vx' is added to Particle in push(), after construction; declare it or set it in the constructor");
    expect(commit.output).toContain('fixed-shape/no-dynamic-properties');
    expect(commit.output).toContain('husky - pre-commit script failed');
    expect(git(repo, 'log', '--format=%s').stdout.trim().split('\n')).toEqual(['example']);
    // lint-staged leaves the staged file as it was.
    expect(git(repo, 'diff', '--cached', '--name-only').stdout.trim()).toBe('src/push.js');
  });

  it('accepts the commit once the fixed file is staged', () => {
    writeFileSync(join(repo, 'src/push.js'), FIXED);
    git(repo, 'add', 'src/push.js');
    const commit = git(repo, 'commit', '-m', 'fixed');
    expect(commit.output).not.toContain('husky - pre-commit script failed');
    expect(commit.status).toBe(0);
    expect(git(repo, 'log', '--format=%s').stdout.trim().split('\n')).toEqual(['fixed', 'example']);
  });

  it('checks staged TypeScript too, and only staged files', () => {
    writeFileSync(join(repo, 'src/unstaged.js'), BAD);
    writeFileSync(join(repo, 'src/cache.ts'), 'export class Cache {\n  drop(): void {\n    delete (this as any).last;\n  }\n}\n');
    git(repo, 'add', 'src/cache.ts');
    const bad = git(repo, 'commit', '-m', 'ts');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('fixed-shape/no-delete-property');
    expect(bad.output).not.toContain('unstaged.js');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const manifest = readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8');
  const field = (name: string) => new RegExp(`^\\s+${name}: (.+)$`, 'm').exec(manifest)?.[1]?.trim();
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

  it('is a node hook whose entry is a bin of this package', () => {
    expect(manifest).toMatch(/^- id: fixed-shape$/m);
    expect(field('language')).toBe('node');
    const [bin] = field('entry')!.split(' ');
    expect(Object.keys(packageJson.bin)).toContain(bin);
    // pre-commit installs the hook with `npm pack` from a clone: the build must run then.
    expect(packageJson.scripts.prepack).toContain('build');
  });

  it('fails on a staged file with a shape problem and passes once it is fixed, as pre-commit runs it', () => {
    const repo = exampleRepo('framework');
    const [bin, ...args] = field('entry')!.split(' ');
    const entry = [join(root, packageJson.bin[bin!]!), ...args];
    writeFileSync(join(repo, 'src/push.js'), BAD);
    git(repo, 'add', 'src/push.js');
    // pre-commit passes the staged file names after the entry and its args.
    const staged = git(repo, 'diff', '--cached', '--name-only').stdout.trim().split('\n');
    const bad = run(repo, process.execPath, [...entry, ...staged]);
    expect(bad.status).toBe(1);
    expect(bad.output).toContain("'vx' is added to Particle in push(), after construction");
    writeFileSync(join(repo, 'src/push.js'), FIXED);
    git(repo, 'add', 'src/push.js');
    const good = run(repo, process.execPath, [...entry, ...staged]);
    expect(good.output).toBe('');
    expect(good.status).toBe(0);
  });
});
