// Real published code as a corpus: every rule must run on every file without crashing, and the only
// parse errors allowed are the ones ESLint raises without the plugin.
import { ESLint, type Linter } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { root } from '../reliability/support.js';
import { corpora } from './corpora.js';

async function lint(dir: string, config: Linter.Config[]) {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, ignore: false, allowInlineConfig: false });
  return eslint.lintFiles(['**/*.js']);
}

describe.each(corpora)('corpus $name', (corpus) => {
  it('lints every file with configs.all: no crash, no parse error ESLint itself would not raise', async () => {
    const dir = join(root, corpus.dir);
    const base: Linter.Config = { languageOptions: { ecmaVersion: 'latest', sourceType: corpus.sourceType } };
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
