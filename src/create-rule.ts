import { ESLintUtils } from '@typescript-eslint/utils';
import { docsBaseUrl } from './package-info.js';

export interface FixedShapeDocs {
  description: string;
  recommended?: boolean;
  strict?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<FixedShapeDocs>((name) => `${docsBaseUrl}${name}.md`);
