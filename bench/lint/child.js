/**
 * One ESLint run over the corpus in a fresh process: `node bench/lint/child.js '<json spec>'`.
 * Spec: { corpus, config: 'core' | 'plugin' }. With TIMING=all in the environment ESLint prints its
 * per-rule table on exit, after our JSON line.
 */
import js from '@eslint/js';
import { ESLint } from 'eslint';

const spec = JSON.parse(process.argv[2]);
const now = () => Number(process.hrtime.bigint()) / 1e6;

const configs = [js.configs.recommended];
let importMs = 0;
if (spec.config === 'plugin') {
  // Loading the plugin is part of what it costs a user, so it is timed and added to lint time.
  const started = now();
  const { default: fixedShape } = await import('../../dist/src/index.js');
  importMs = now() - started;
  configs.push(fixedShape.configs.recommended);
}

const started = now();
const eslint = new ESLint({ cwd: spec.corpus, overrideConfigFile: true, overrideConfig: configs, cache: false });
const results = await eslint.lintFiles(['.']);
const lintMs = now() - started;

const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
if (fatal > 0) throw new Error(`${fatal} files did not parse; the corpus or parser setup is wrong`);
const shapeFindings = results.reduce((sum, result) => sum + result.messages.filter((m) => m.ruleId?.startsWith('fixed-shape/')).length, 0);
console.log(JSON.stringify({ lintMs, importMs, totalMs: lintMs + importMs, files: results.length, shapeFindings }));
