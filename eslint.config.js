// Self-lint: the plugin's own rules checked by eslint-plugin-eslint-plugin, and the examples
// linted by the plugin itself live in their own configs (see scripts/demo.js).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  { ignores: ['dist/', 'node_modules/', 'examples/', 'test/fixtures/', 'bench/out/', '.tmp/', 'coverage/'] },
  {
    files: ['rules/**/*.ts'],
    languageOptions: { parser: tsParser },
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': 'error',
      'eslint-plugin/require-meta-docs-url': 'off', // set by RuleCreator, which the plugin cannot see through
      'eslint-plugin/meta-property-ordering': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/require-meta-schema': 'error',
      'eslint-plugin/require-meta-type': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { 'eslint-plugin': eslintPlugin },
    rules: {
      'eslint-plugin/consistent-output': 'error',
      'eslint-plugin/no-identical-tests': 'error',
      'eslint-plugin/no-only-tests': 'error',
      'eslint-plugin/prefer-output-null': 'error',
    },
  },
];
