#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { packageVersion } from './package-info.js';
import { commands } from './commands/index.js';
import { UsageError } from './commands/usage-error.js';

// `fixed-shape audit x | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('fixed-shape')
  .description('Find and fix JavaScript classes whose V8 hidden class (shape) is not fixed.')
  .version(packageVersion, '-v, --version')
  .showHelpAfterError()
  .exitOverride();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed the message; --help and --version exit 0, usage errors exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`fixed-shape: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`fixed-shape: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
