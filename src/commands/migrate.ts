import { InvalidArgumentError, Option } from 'commander';
import { DICTIONARY_MODES, NUMBER_MODES, SEAL_MODES, type DictionaryMode, type NumberMode, type SealMode } from '../migrate/report.js';
import type { RegisterCommand } from './index.js';

interface MigrateFlags {
  dry?: boolean;
  check?: boolean;
  json?: string;
  seal: SealMode;
  numbers: NumberMode;
  dictionaries: DictionaryMode;
  workers?: number;
  initMethod?: string[];
  progress: boolean;
}

/** `fixed-shape migrate <paths...>`: the codemod over a project, with a cross-file class index. */
export const registerMigrate: RegisterCommand = (program) => {
  program
    .command('migrate')
    .description('rewrite classes with shape findings into fixed-shape classes: every property declared in the constructor, then sealed')
    .argument('<paths...>', 'files, directories or globs (.gitignore is respected)')
    .option('--dry', 'print a unified diff instead of writing files')
    .option('--check', 'write nothing; exit 1 when files would change (CI, pre-commit)')
    .option('--json <file>', 'write a JSON report: per class, the declared fields, the seal and the skip reasons')
    .addOption(new Option('--seal <mode>', 'how constructors seal: always, development (not when NODE_ENV=production), none').choices(SEAL_MODES).default('always'))
    .addOption(
      new Option('--numbers <mode>', 'start of late number fields: proven (NaN only where no read can tell it from undefined), nan (always NaN; reads before the first write see NaN)')
        .choices(NUMBER_MODES)
        .default('proven'),
    )
    .addOption(
      new Option('--dictionaries <mode>', "fields used as dictionaries (run-time keys): map (a Map where every use is visible; prototype keys like 'toString' and numeric keys then behave differently), keep")
        .choices(DICTIONARY_MODES)
        .default('map'),
    )
    .option('--workers <n>', 'worker threads (default: from CPUs and file count; 1 runs in this thread)', positiveInteger)
    .option('--init-method <names...>', 'methods a framework calls right after construction (their properties count as constructed)')
    .option('--no-progress', 'no progress bar on a TTY')
    .addHelpText('after', '\nExit codes: 0 done, 1 --check found changes or a file failed, 2 bad arguments.')
    .action(async (paths: string[], flags: MigrateFlags) => {
      // Loaded here, not at the top: the parser and TypeScript are for this subcommand only.
      const { runMigration } = await import('../migrate/run.js');
      // Bad paths throw UsageError (exit 2, see cli.ts); a file that fails only sets exit code 1.
      const { exitCode } = await runMigration({
        paths,
        cwd: process.cwd(),
        dry: flags.dry ?? false,
        check: flags.check ?? false,
        json: flags.json,
        seal: flags.seal,
        numbers: flags.numbers,
        dictionaries: flags.dictionaries,
        initMethods: flags.initMethod ?? [],
        workers: flags.workers,
        progress: flags.progress,
        stdout: process.stdout,
        stderr: process.stderr,
      });
      process.exitCode = exitCode;
    });
};

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}
