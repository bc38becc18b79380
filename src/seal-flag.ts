/**
 * The module-level flag that `--seal=development` (codemod) and require-seal's `development` fix test:
 * reading process.env is a C++ lookup, too slow to repeat on every construction.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T } from './ast.js';

export const SEAL_FLAG = 'SEAL_INSTANCES';
export const SEAL_FLAG_DECLARATION = `const ${SEAL_FLAG} = process.env.NODE_ENV !== 'production';`;

/**
 * `declared`: a top-level declaration exists; `absent`: it can be added at `after` (the last import or
 * directive, null: the file's start); `conflict`: the name is used for something else.
 */
export function sealFlagState(program: TSESTree.Program, text: string): { state: 'declared' } | { state: 'conflict' } | { state: 'absent'; after: TSESTree.Node | null } {
  const declared = program.body.some(
    (statement) =>
      statement.type === T.VariableDeclaration && statement.declarations.some((declarator) => declarator.id.type === T.Identifier && declarator.id.name === SEAL_FLAG),
  );
  if (declared) return { state: 'declared' };
  if (text.includes(SEAL_FLAG)) return { state: 'conflict' };
  const prologue = program.body.filter((statement) => statement.type === T.ImportDeclaration || (statement.type === T.ExpressionStatement && statement.directive !== undefined));
  return { state: 'absent', after: prologue.at(-1) ?? null };
}
