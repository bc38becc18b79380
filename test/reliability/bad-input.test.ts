// Bad input for `fixed-shape lint` and `fixed-shape migrate`: each gets a clear message naming the path,
// a documented exit code (docs/reliability.md), the other files are still processed, and nothing is
// left partially written or silently changed (checksums of the whole tree before and after).
//
// As root, permissions mean nothing, so the CLI runs as `nobody` then, like a developer would run it.
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleSource, classSource } from './generate.mjs';
import { changedEntries, checksums, migrateAvailable, root, runCliSync, type CliResult } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'fixed-shape-bad-input-'));
chmodSync(work, 0o777);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const GOOD = classSource('Good');
const GOOD_FINDING = "'c' is added to Good in m()";

interface BadInput {
  create(dir: string): void;
  /** Runs the command on something other than the directory (a missing path, an option). */
  args?: (dir: string) => string[];
  lint: Expectation | null;
  migrate: Expectation | null;
}

interface Expectation {
  /** Exit code when the bad input is the only thing given. */
  alone: number;
  /** Exit code with a good file beside it (default: `alone`, or 1 for lint, which finds the good file's problem). */
  mixed?: number;
  /** What the output must say (the path, with line:col for a syntax error); false when there is nothing to say. */
  message: RegExp | false;
  /** The same beside a good file, when it differs. */
  mixedMessage?: RegExp | false;
  /** Whether the good file beside it is processed (false only for usage errors: nothing runs). */
  othersProcessed?: boolean;
  /** Entries the run may change; `after` checks what they hold. Everything else must stay byte for byte. */
  mayChange?: string[];
  after?: (dir: string, result: CliResult) => void;
  env?: (dir: string) => NodeJS.ProcessEnv;
}

const write = (path: string, data: string | Buffer, mode?: number) => writeFileSync(path, data, mode === undefined ? undefined : { mode });
const editHook = pathToFileURL(join(root, 'test/reliability/edit-after-read.mjs')).href;

const inputs: Record<string, BadInput> = {
  'a syntax error': {
    create: (dir) => write(join(dir, 'broken.js'), 'class A {\n  constructor( {\n}\n'),
    lint: { alone: 1, message: /broken\.js\n\s+\d+:\d+\s+error\s+Parsing error/ },
    migrate: { alone: 1, message: /broken\.js:\d+:\d+/ },
  },
  'an empty file': {
    create: (dir) => write(join(dir, 'empty.js'), ''),
    lint: { alone: 0, message: false },
    migrate: { alone: 0, mixed: 0, message: false },
  },
  'a 5 MB generated file': {
    create: (dir) => write(join(dir, 'huge.js'), bundleSource(5 * 1024 * 1024)),
    lint: { alone: 1, message: /huge\.js\n\s+\d+:\d+\s+warning/ },
    migrate: {
      alone: 0,
      mixed: 0,
      message: false,
      mayChange: ['huge.js'],
      // Thousands of classes to fix: rewritten whole, not cut short (idempotence: the fuzz and corpus tests).
      after: (dir) => {
        const before = bundleSource(5 * 1024 * 1024);
        const after = readFileSync(join(dir, 'huge.js'), 'utf8');
        expect(after.length).toBeGreaterThan(before.length);
        expect(after.slice(-50)).toBe(before.slice(-50));
      },
    },
  },
  'a binary file named .js': {
    create: (dir) => write(join(dir, 'binary.js'), pseudoRandomBytes(4096)),
    lint: { alone: 1, message: /binary\.js\n\s+\d+:\d+\s+error\s+Parsing error/ },
    // Refused as text that is not UTF-8 (or, were it valid UTF-8, a syntax error at file:line:col).
    migrate: { alone: 1, message: /binary\.js(:\d+:\d+)?: / },
  },
  'non-UTF-8 text': {
    // Latin-1 "café" in a comment and a string: read as UTF-8 these bytes are invalid.
    create: (dir) => write(join(dir, 'latin1.js'), latin1Source()),
    lint: { alone: 1, message: /latin1\.js/ },
    migrate: {
      // Skipped with a message, never re-encoded: U+FFFD written back would destroy the user's text.
      alone: 1,
      message: /latin1\.js/,
      mayChange: ['latin1.js'],
      after: (dir) => expect(readFileSync(join(dir, 'latin1.js'))).toEqual(latin1Source()),
    },
  },
  'a symlink loop': {
    create: (dir) => {
      symlinkSync('loop-b.js', join(dir, 'loop-a.js'));
      symlinkSync('loop-a.js', join(dir, 'loop-b.js'));
    },
    lint: { alone: 1, message: /loop-a\.js/ },
    migrate: { alone: 1, message: /loop-a\.js/ },
  },
  'a directory symlink to its own directory': {
    // Every file is reachable twice (good.js, self/good.js): each must be processed once.
    create: (dir) => {
      symlinkSync('.', join(dir, 'self'));
      write(join(dir, 'clean.js'), 'export class Clean {\n  constructor(x) {\n    this.x = x;\n  }\n}\n');
    },
    lint: { alone: 0, message: false },
    migrate: { alone: 0, mixed: 0, message: false },
  },
  'an empty directory': {
    create: (dir) => mkdirSync(join(dir, 'empty')),
    args: (dir) => [join(dir, 'empty'), ...(existsSync(join(dir, 'good.js')) ? [join(dir, 'good.js')] : [])],
    // Alone, nothing to do where files were expected: a usage error. Beside a file: that file is processed.
    lint: { alone: 2, message: /empty/, mixedMessage: false },
    migrate: { alone: 2, mixed: 0, message: /empty/, mixedMessage: false },
  },
  'a symlink to a file': {
    // Migrated through its real path; the link stays a link.
    create: (dir) => {
      write(join(dir, 'real.js'), GOOD.replaceAll('Good', 'Real'));
      symlinkSync('real.js', join(dir, 'alias.js'));
    },
    lint: { alone: 1, message: /real\.js/ },
    migrate: { alone: 0, mixed: 0, message: false, mayChange: ['real.js'], after: (dir) => expect(readFileSync(join(dir, 'real.js'), 'utf8')).not.toBe(GOOD.replaceAll('Good', 'Real')) },
  },
  'CRLF line endings, a BOM and an executable mode': {
    create: (dir) => write(join(dir, 'crlf.js'), `\uFEFF${GOOD.replaceAll('Good', 'Crlf').replaceAll('\n', '\r\n')}`, 0o755),
    lint: { alone: 1, message: /crlf\.js/ },
    migrate: {
      alone: 0,
      mixed: 0,
      message: false,
      mayChange: ['crlf.js'],
      // Rewritten, and the rest kept: the BOM, every line ending CRLF, the mode.
      after: (dir) => {
        const text = readFileSync(join(dir, 'crlf.js'), 'utf8');
        expect(text).not.toBe(`\uFEFF${GOOD.replaceAll('Good', 'Crlf').replaceAll('\n', '\r\n')}`);
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text.replaceAll('\r\n', '')).not.toContain('\n');
        expect(lstatSync(join(dir, 'crlf.js')).mode & 0o777).toBe(0o755);
      },
    },
  },
  "an editor's lock file (a dangling symlink)": {
    // Emacs keeps `.#file` -> `user@host.pid` beside a file being edited: a linter on every keystroke meets it.
    create: (dir) => symlinkSync('dev@host.4242:1700000000', join(dir, '.#Good.js')),
    lint: { alone: 1, message: /\.#Good\.js/ },
    migrate: { alone: 1, message: /\.#Good\.js/ },
  },
  'a read-only file': {
    create: (dir) => write(join(dir, 'readonly.js'), GOOD.replaceAll('Good', 'ReadOnly'), 0o444),
    lint: { alone: 1, message: /readonly\.js/ },
    migrate: { alone: 1, message: /readonly\.js/ },
  },
  'an unreadable file (mode 000)': {
    create: (dir) => write(join(dir, 'secret.js'), GOOD.replaceAll('Good', 'Secret'), 0o000),
    lint: { alone: 1, message: /secret\.js/ },
    migrate: { alone: 1, message: /secret\.js/ },
  },
  'a missing path': {
    create: () => {},
    args: (dir) => [join(dir, 'good.js'), join(dir, 'missing.js')],
    // A usage error: nothing runs, so a typo in a path list never leaves a tree half migrated.
    lint: { alone: 2, mixed: 2, message: /missing\.js/, othersProcessed: false },
    migrate: { alone: 2, mixed: 2, message: /missing\.js/, othersProcessed: false },
  },
  'an unknown option': {
    create: () => {},
    args: (dir) => ['--frobnicate', dir],
    lint: { alone: 2, mixed: 2, message: /unknown option '--frobnicate'/, othersProcessed: false },
    migrate: { alone: 2, mixed: 2, message: /unknown option '--frobnicate'/, othersProcessed: false },
  },
  'a file that changes between the pre-pass and the write': {
    create: (dir) => write(join(dir, 'edited.js'), EDITED),
    lint: null,
    migrate: {
      alone: 1,
      message: /edited\.js/,
      env: (dir) => ({ NODE_OPTIONS: `--import=${editHook}`, FIXED_SHAPE_EDIT_PATH: join(dir, 'edited.js') }),
      // The hook appends the user's edit; migrate must not then write what it made of the old version.
      mayChange: ['edited.js'],
      after: (dir) => expect(readFileSync(join(dir, 'edited.js'), 'utf8')).toBe(`${EDITED}\n// edited while migrate ran\n`),
    },
  },
};

const EDITED = GOOD.replaceAll('Good', 'Edited');
function latin1Source(): Buffer {
  const e = Buffer.from([0xe9]);
  return Buffer.concat([Buffer.from('// caf'), e, Buffer.from("\nexport const label = 'caf"), e, Buffer.from(`';\n${GOOD.replaceAll('Good', 'Latin')}`)]);
}

function pseudoRandomBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 42;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

let counter = 0;
function setup(input: BadInput, withGood: boolean): string {
  const dir = join(work, `case-${counter++}`);
  mkdirSync(dir);
  if (withGood) write(join(dir, 'good.js'), GOOD);
  input.create(dir);
  if (unprivileged.uid !== undefined) chownTree(dir, unprivileged.uid, unprivileged.gid);
  return dir;
}

function chownTree(path: string, uid: number, gid: number): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chownSync(path, uid, gid);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

/** A crash rather than a message: a stack trace, ESLint's "Oops!", or a raw errno line. */
function expectNoCrash(result: CliResult): void {
  expect(result.signal).toBeNull();
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.stderr).not.toContain('Oops! Something went wrong');
}

function run(command: 'lint' | 'migrate', input: BadInput, expectation: Expectation, dir: string): CliResult {
  const args = input.args ? input.args(dir) : [dir];
  return runCliSync([command, ...args], { ...unprivileged, cwd: dir, env: { ...process.env, ...expectation.env?.(dir) } });
}

for (const command of ['lint', 'migrate'] as const) {
  const available = command === 'lint' || migrateAvailable;
  describe.each(Object.entries(inputs).filter(([, input]) => input[command]))(`fixed-shape ${command} on %s`, (_name, input) => {
    const expectation = input[command] as Expectation;
    const processed = expectation.othersProcessed !== false;

    const check = (withGood: boolean) => {
      const dir = setup(input, withGood);
      const before = checksums(dir);
      const result = run(command, input, expectation, dir);
      expectNoCrash(result);
      const output = result.stdout + result.stderr;
      const message = withGood && expectation.mixedMessage !== undefined ? expectation.mixedMessage : expectation.message;
      if (message) expect(output).toMatch(message);
      const exit = withGood ? (expectation.mixed ?? (command === 'lint' && processed ? 1 : expectation.alone)) : expectation.alone;
      expect(result.status, output).toBe(exit);
      if (withGood && command === 'lint' && processed) expect(result.stdout).toContain(GOOD_FINDING);
      const written = command === 'migrate' && withGood && processed ? ['good.js'] : [];
      const allowed = expectation.mayChange ?? [];
      expect(changedEntries(before, checksums(dir)).filter((name) => !allowed.includes(name))).toEqual(written);
      expectation.after?.(dir, result);
    };

    const says = expectation.message ? ', a message naming it' : '';
    it.skipIf(!available)(`alone: exit ${expectation.alone}${says}; nothing else written`, () => check(false));
    it.skipIf(!available)(`beside a good file: ${processed ? 'the good file is processed' : 'nothing runs'}`, () => check(true));
  });
}
