// Real published code as a corpus: every rule must run on every file without crashing, and the only
// parse errors allowed are the ones ESLint raises without the plugin.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const corpora = {
  // ES2015+ classes, ~750 files.
  three: `${nodeModules}three/src`,
  // ES5 constructor functions with prototype methods.
  bluebird: `${nodeModules}bluebird/js/release`,
};

async function lint(dir: string, config: Linter.Config[]) {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, ignore: false, allowInlineConfig: false });
  return eslint.lintFiles(['**/*.js']);
}

describe.each(Object.entries(corpora))('corpus %s', (_name, dir) => {
  it('lints every file with configs.all: no crash, no parse error ESLint itself would not raise', async () => {
    const base: Linter.Config = { languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } };
    const withPlugin = await lint(dir, [base, plugin.configs.all as Linter.Config]);
    const withoutPlugin = await lint(dir, [base]);
    const fatal = (results: ESLint.LintResult[]) =>
      results.flatMap((result) => result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}:${message.line}`));
    expect(withPlugin.length).toBeGreaterThan(30);
    expect(fatal(withPlugin)).toEqual(fatal(withoutPlugin));
    const findings = withPlugin.flatMap((result) => result.messages.filter((message) => message.ruleId?.startsWith('fixed-shape/')));
    // Every finding names its class or object in a one-line message.
    for (const finding of findings) expect(finding.message).not.toContain('\n');
    expect(findings.length).toBeGreaterThan(0);
  });
});
