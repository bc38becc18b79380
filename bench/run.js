/**
 * `npm run bench [-- --quick] [-- --only=shapes,lint,codemod,scale,heap] [-- --no-build] [-- --keep]`
 *
 * Full mode writes docs/benchmarks.md (only when every suite ran) and exits 1 when a target is missed
 * or could not be measured. Quick mode (~1 minute, what CI runs) uses small sizes and a corpus subset,
 * writes bench/out/benchmarks.quick.md instead and exits 0 unless a suite crashed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runNode } from './lib/child.js';
import { describeMachine, machineMarkdown } from './lib/machine.js';
import { table } from './lib/markdown.js';
import { copyCorpus, makeScratchDir, repoRoot } from './lib/paths.js';
import { Targets } from './lib/targets.js';
import { runCodemod } from './codemod/run.js';
import { runScale } from './codemod/scale.js';
import { runLint } from './lint/run.js';
import { CONFIG as SHAPES_CONFIG, runShapes } from './shapes/run.js';

const SUITES = ['shapes', 'lint', 'codemod', 'scale', 'heap'];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : SUITES;
const heapBench = path.join(repoRoot, 'bench/heap/run.js');
const QUICK_CORPUS_FILES = 60;

function heading(text) {
  console.log(`\n== ${text} ==\n`);
}

async function build() {
  if (args.includes('--no-build')) return;
  heading('build (tsc -p tsconfig.json)');
  try {
    await runNode([path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: repoRoot, stdout: 'text' });
  } catch (error) {
    // Emit still happens on type errors; measure what was built, but say so.
    console.log(`!! tsc reported errors; benchmarking the dist/ it emitted.\n${error.message.split('\n').slice(1, 6).join('\n')}`);
  }
}

async function main() {
  const started = Date.now();
  const machine = describeMachine();
  await build();
  const scratch = makeScratchDir();
  const targets = new Targets();
  const sections = {};
  let failed = false;
  try {
    let corpus = null;
    if (only.includes('lint') || only.includes('codemod')) {
      corpus = copyCorpus(path.join(scratch, 'corpus'), quick ? QUICK_CORPUS_FILES : undefined);
    }
    if (only.includes('shapes')) {
      heading('shapes');
      sections.shapes = await runShapes({ quick, scratch, targets });
    }
    if (only.includes('lint')) {
      heading('lint');
      sections.lint = await runLint({ quick, corpus, targets });
    }
    if (only.includes('codemod')) {
      heading('codemod');
      sections.codemod = await runCodemod({ quick, corpus, targets });
    }
    if (only.includes('scale')) {
      heading('migrate at scale');
      sections.scale = await runScale({ quick, scratch });
    }
    if (only.includes('heap') && fs.existsSync(heapBench)) {
      heading('heap (bench/heap/run.js)');
      const heap = await runHeapBench(targets);
      failed ||= heap.crashed;
      sections.heap = heap;
    }
  } finally {
    if (args.includes('--keep')) console.log(`scratch kept: ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }

  heading('targets');
  const { missed, unmeasured } = targets;
  console.log(`${targets.results.length} targets: ${targets.results.length - missed.length - unmeasured.length} met, ${missed.length} missed, ${unmeasured.length} not measured`);
  for (const result of missed) console.log(`TARGET MISSED: ${result.name}: ${result.detail}`);
  for (const reason of new Set(unmeasured.map((result) => result.detail))) {
    console.log(`TARGETS NOT MEASURED (${unmeasured.filter((result) => result.detail === reason).length}): ${reason}`);
  }

  const markdown = render(sections, targets, machine, quick, Date.now() - started);
  const complete = SUITES.every((suite) => only.includes(suite));
  const outFile = !quick && complete ? path.join(repoRoot, 'docs/benchmarks.md') : path.join(repoRoot, 'bench/out', quick ? 'benchmarks.quick.md' : 'benchmarks.partial.md');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, markdown);
  console.log(`\nwrote ${path.relative(repoRoot, outFile)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (sections.shapes) console.log(`\nREADME headline table:\n\n${sections.shapes.headline}\n`);

  if (failed) process.exitCode = 1;
  if (!quick && (missed.length > 0 || unmeasured.length > 0)) {
    console.log('full mode: exiting 1 because targets were missed or not measured');
    process.exitCode = 1;
  }
}

/**
 * The heap-audit bench is its own suite (bench/heap/run.js): it exits 1 with "TARGET MISSED" lines
 * when it misses its goal. That counts as a missed target here; any other failure is a crash.
 */
async function runHeapBench(targets) {
  const run = await runNode([heapBench, ...(quick ? ['--quick'] : [])], { cwd: repoRoot, stdout: 'text', echo: true, exitCodes: [0, 1] });
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((line) => line.replace(/\*+/g, '').trim());
  const missed = lines.filter((line) => line.startsWith('TARGET MISSED'));
  const crashed = run.code !== 0 && missed.length === 0;
  if (!crashed) targets.check('heap: bench/heap/run.js targets', run.code === 0, (run.code === 0 ? lines.filter((line) => line.startsWith('target met')) : missed).join('; '));
  else console.log('!! bench/heap/run.js crashed');
  const markdown = ['## Heap snapshot parsing (bench/heap/run.js)', '', crashed ? '**Crashed.**' : 'Its output:', '', '```text', run.stdout.trim(), '```', ''].join('\n');
  return { markdown, crashed };
}

function render(sections, targets, machine, isQuick, elapsedMs) {
  const { base, large } = SHAPES_CONFIG[isQuick ? 'quick' : 'full'];
  const command = isQuick ? 'npm run bench -- --quick' : 'npm run bench';
  return [
    '# Benchmarks',
    '',
    `Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)} in ${(elapsedMs / 60_000).toFixed(1)} min; do not edit by hand. ` +
      (isQuick ? '**Quick mode: small sizes and a corpus subset; not for quoting.** ' : '') +
      'Only a full run (`npm run bench`, every suite) rewrites `docs/benchmarks.md`; `--quick` writes `bench/out/benchmarks.quick.md`.',
    '',
    '- `npm run bench`: full run (1M and, where memory allows, 10M objects; whole corpus); exits 1 if a target is missed or not measured.',
    '- `npm run bench -- --quick`: about a minute; what CI runs; exits 0 unless a suite crashes.',
    '- `--only=shapes,lint,codemod,scale,heap` runs some suites (output to `bench/out/benchmarks.partial.md`); `--no-build` skips `tsc`; ' +
      '`--keep` keeps the scratch directory with the migrated sources; `FIXED_SHAPE_BENCH_CLI=<cli.js>` benchmarks another build of the CLI.',
    '',
    '## Machine',
    '',
    machineMarkdown(machine),
    '',
    ...(sections.shapes
      ? [
          `## Headline: ${(large ?? base).toLocaleString('en-US')} objects, before and after \`fixed-shape migrate\``,
          '',
          'Memory is heap bytes held by the objects; time is creating them (constructor plus what the program does to them afterwards).',
          '',
          sections.shapes.headline,
          '',
          `Reproduce: \`${command}\`.`,
          '',
        ]
      : []),
    '## Targets',
    '',
    targets.results.length ? table(['Target', 'Status', 'Measured'], targets.markdownRows()) : 'No targets were checked.',
    '',
    ...SUITES.filter((name) => sections[name]).map((name) => sections[name].markdown),
    ...(sections.shapes?.sources ? ['## Migrated sources that were measured', '', sections.shapes.sources] : []),
  ].join('\n');
}

await main();
