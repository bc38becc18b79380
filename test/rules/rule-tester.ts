import { RuleTester } from '@typescript-eslint/rule-tester';
import tsParser from '@typescript-eslint/parser';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Default: TypeScript parser without type information; JS cases run through it too (a superset). */
export const ruleTester = new RuleTester({ languageOptions: { parser: tsParser } });

/** Plain JavaScript through ESLint's default parser (espree): the rules must not need TS nodes. */
export const espreeTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

/** JSX/TSX through the TS parser. */
export const tsxTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
});
