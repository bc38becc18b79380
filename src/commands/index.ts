import type { Command } from 'commander';
import { registerAudit, registerSnapshot } from './audit.js';
import { registerLint } from './lint.js';
import { registerMigrate } from './migrate.js';

/** Each subcommand lives in its own file and registers itself on the root program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
commands.push(registerAudit, registerSnapshot);
commands.push(registerLint);
commands.push(registerMigrate);
