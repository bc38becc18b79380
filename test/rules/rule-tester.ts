import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { RuleTester as EslintRuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
for (const tester of [EslintRuleTester] as unknown as Array<Record<string, unknown>>) {
  tester.describe = describe;
  tester.it = it;
  tester.itOnly = it.only;
}

/** TypeScript (and JS, a subset) through typescript-eslint's parser, without type information. */
export const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

/** TSX/JSX through the TS parser. */
export const tsxTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** Plain JavaScript and JSX through ESLint's default parser (espree): the rules must not need TS nodes. */
export const espreeTester = new EslintRuleTester({
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

/** With type information: a real TS program built by the project service. */
export const typedTester = new RuleTester({
  languageOptions: {
    parser: tsParser,
    parserOptions: { project: './tsconfig.json', tsconfigRootDir: new URL('../fixtures/typed', import.meta.url).pathname },
  },
});
