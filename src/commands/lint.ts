import type { Command } from 'commander';
import type { Linter } from 'eslint';
import { dirname, sep } from 'node:path';
import { discoverFiles } from '../migrate/files.js';
import { PRESET_NAMES } from '../presets.js';
import { UsageError } from './usage-error.js';

interface LintOptions {
  preset: string;
  format: string;
  maxWarnings: string;
}

/**
 * `fixed-shape lint`: the rules without writing an ESLint config, e.g. in a pre-commit hook.
 * Exit codes: 0 no findings, 1 findings or files that could not be parsed, 2 usage error.
 */
export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('lint files with a fixed-shape preset (no ESLint config needed)')
    .argument('<paths...>', 'files, directories or globs')
    .option('--preset <name>', `preset to use: ${PRESET_NAMES.join(', ')}`, 'recommended')
    .option('--format <name>', 'ESLint formatter', 'stylish')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', '0')
    .action(async (paths: string[], options: LintOptions) => {
      process.exitCode = await lint(paths, options);
    });
}

async function lint(paths: string[], options: LintOptions): Promise<number> {
  // Loaded here, not at the top: the other subcommands start without ESLint and the rules.
  const [{ ESLint }, { default: tsParser }, { default: plugin }] = await Promise.all([import('eslint'), import('@typescript-eslint/parser'), import('../index.js')]);
  const preset = (plugin.configs as Record<string, Linter.Config | undefined>)[options.preset];
  if (!preset) throw new UsageError(`unknown preset '${options.preset}' (use one of ${Object.keys(plugin.configs).join(', ')})`);
  const maxWarnings = Number(options.maxWarnings);
  if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings must be a whole number, got '${options.maxWarnings}'`);
  // The same file discovery as migrate: a path that cannot be read is reported, and the others are linted.
  const discovery = await discoverFiles(paths, process.cwd());
  if (discovery.missing.length > 0) throw new UsageError(`no such file or directory: ${discovery.missing.join(', ')}`);
  if (discovery.unsupported.length > 0) throw new UsageError(`not a JavaScript or TypeScript file: ${discovery.unsupported.join(', ')}`);
  if (discovery.files.length === 0 && discovery.unreadable.length === 0) throw new UsageError(`no JavaScript or TypeScript files in ${paths.join(', ')}`);
  for (const { path, reason } of discovery.unreadable) process.stderr.write(`fixed-shape lint: ${path}: ${reason}\n`);

  const eslint = new ESLint({
    // Flat config ignores files outside its base path, so base it where all the files are.
    cwd: commonDirectory(discovery.files),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'] },
      { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser as Linter.Parser } },
      { files: ['**/*.{jsx,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      preset,
    ],
    errorOnUnmatchedPattern: false,
  });
  const results = discovery.files.length > 0 ? await eslint.lintFiles(discovery.files) : [];
  const formatter = await eslint.loadFormatter(options.format);
  const output = await formatter.format(results);
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (fatal > 0) process.stderr.write(`fixed-shape lint: ${fatal} file(s) could not be parsed; the others were linted.\n`);
  return fatal > 0 || errors > 0 || warnings > maxWarnings || discovery.unreadable.length > 0 ? 1 : 0;
}

function commonDirectory(files: readonly string[]): string {
  if (files.length === 0) return process.cwd();
  let common = dirname(files[0]!);
  for (const file of files) {
    while (common !== dirname(common) && !file.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return common;
}
