import type { Command } from 'commander';
import { formatBytes } from '../heap/format.js';
import { runWithSnapshot } from '../heap/take-snapshot.js';
import type { RegisterCommand } from './index.js';

function defaultOut(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `fixed-shape-${stamp}.heapsnapshot`;
}

const details = `
The command runs with NODE_OPTIONS="--import <hook>", so every Node.js process it starts writes a heap
snapshot when it exits (or on SIGINT/SIGTERM). The largest becomes --out; others are kept beside it.
The command's exit code is passed through. Put the command after --.

Examples:
  $ fixed-shape snapshot -- node app.js
  $ fixed-shape snapshot --out before.heapsnapshot -- node --expose-gc app.js --size 1000
  $ fixed-shape audit before.heapsnapshot`;

export const registerSnapshot: RegisterCommand = (program: Command) => {
  program
    .command('snapshot')
    .description('Run a Node.js program unchanged and write a heap snapshot of it at exit')
    .usage('[--out <file>] -- <command...>')
    .argument('<command...>', 'the command to run')
    .option('-o, --out <file>', 'where to write the snapshot (default: fixed-shape-<time>.heapsnapshot)')
    .addHelpText('after', details)
    .action(async (commandLine: string[], options: { out?: string }) => {
      const [command, ...args] = commandLine;
      const result = await runWithSnapshot({ command, args, out: options.out ?? defaultOut() });
      if (result.snapshot) {
        process.stderr.write(`fixed-shape snapshot: wrote ${result.snapshot} (${formatBytes(result.bytes)}, pid ${result.pid})\n`);
        for (const other of result.others) process.stderr.write(`fixed-shape snapshot: another Node.js process wrote ${other}\n`);
      } else {
        process.stderr.write(`fixed-shape snapshot: no Node.js process wrote a snapshot (is \`${command}\` a Node.js program that keeps NODE_OPTIONS?)\n`);
      }
      process.exitCode = result.snapshot || result.exitCode !== 0 ? result.exitCode : 1;
    });
};
