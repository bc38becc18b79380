import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { T } from './ast.js';
import type { ClassShape } from './shape-model.js';

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

export function isTypeScriptFile(filename: string): boolean {
  return TYPESCRIPT_FILE.test(filename);
}

/**
 * A fix that declares a property on a class (a field) or, for ES5 constructors, assigns it at the
 * end of the constructor. `initializer` is the source text of the first value.
 */
export function declarePropertyFix(
  shape: ClassShape,
  name: string,
  initializer: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  typescript: boolean,
): TSESLint.ReportFixFunction | null {
  if (shape.kind === 'function') {
    const body = shape.constructorFunction?.body;
    if (body?.type !== T.BlockStatement) return null;
    const indent = indentOf(body.body[0] ?? body, sourceCode, '  ');
    const last = body.body.at(-1);
    return (fixer) =>
      last
        ? fixer.insertTextAfter(last, `\n${indent}this.${name} = ${initializer};`)
        : fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], `\n${indent}this.${name} = ${initializer};\n`);
  }
  const classBody = (shape.node as TSESTree.ClassDeclaration).body;
  const fields = classBody.body.filter((member) => member.type === T.PropertyDefinition && !member.static);
  const anchor = fields.at(-1);
  const first = classBody.body[0];
  const indent = first ? indentOf(first, sourceCode, '  ') : '  ';
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
  const declaration = typescript ? `${key}: any = ${initializer};` : `${key} = ${initializer};`;
  return (fixer) =>
    anchor
      ? fixer.insertTextAfter(anchor, `\n${indent}${declaration}`)
      : fixer.insertTextAfterRange([classBody.range[0], classBody.range[0] + 1], `\n${indent}${declaration}`);
}

function indentOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, fallback: string): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] || fallback;
}
