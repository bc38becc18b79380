import tsParser from '@typescript-eslint/parser';
import fixedShape from 'eslint-plugin-fixed-shape';

export default [
  { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } },
  fixedShape.configs.recommended,
];
