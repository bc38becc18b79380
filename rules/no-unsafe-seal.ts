import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { T, isThis, type Node } from '../src/ast.js';
import { createRule } from '../src/create-rule.js';
import { shapeModelOf } from '../src/rule-context.js';
import type { ClassShape, SealSite } from '../src/shape-model.js';

type MessageId = 'subclass' | 'addedAfter' | 'skipped' | 'sloppy' | 'sloppyProperty' | 'guard' | 'moveSeal' | 'sealBeforeReturn' | 'useStrict';

export default createRule<[], MessageId>({
  name: 'no-unsafe-seal',
  meta: {
    type: 'problem',
    docs: {
      description: 'disallow sealing or freezing `this` where it throws, or silently drops writes',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      subclass: "Object.{{method}}(this) in {{className}} makes subclass {{subclass}} throw when it adds '{{property}}'; guard it with new.target.",
      addedAfter: "'{{property}}' is added to {{className}} after Object.{{method}}(this), so the write fails; seal at the end of the constructor.",
      skipped: 'The return on line {{line}} skips Object.{{method}}(this), so some {{className}} instances stay unsealed.',
      sloppy: 'Object.{{method}}(this) in sloppy-mode code: new properties written to {{className}} later are silently lost.',
      sloppyProperty: "Object.{{method}}(this) in sloppy-mode code: the later write of '{{property}}' to {{className}} is silently lost.",
      guard: 'Seal only {{className}} instances: `if (new.target === {{className}})`.',
      moveSeal: "Move Object.{{method}}(this) to the end of {{className}}'s constructor.",
      sealBeforeReturn: 'Seal before this return too.',
      useStrict: "Add 'use strict' so such writes throw instead.",
    },
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Program(program) {
        for (const shape of shapeModelOf(context).classes) {
          for (const seal of shape.seals) {
            if (!isThis(seal.node.arguments[0])) continue;
            const data = { method: seal.method, className: shape.name };
            const statement = sealStatement(seal, shape);
            if (seal.inConstructor && !seal.guardedByNewTarget) {
              const broken = firstSubclassAddition(shape);
              if (broken) {
                const own = seal.node.parent;
                const canGuard = own?.type === T.ExpressionStatement && /^[A-Za-z_$][\w$]*$/.test(shape.name) && shape.name !== 'default';
                context.report({
                  node: seal.node,
                  messageId: 'subclass',
                  data: { method: seal.method, className: shape.name, subclass: broken.subclass.name, property: broken.property },
                  suggest: canGuard
                    ? [{ messageId: 'guard', data, fix: (fixer) => fixer.insertTextBefore(own, `if (new.target === ${shape.name}) `) }]
                    : [],
                });
              }
            }
            for (const write of seal.addedAfter) {
              const move = statement && moveToEnd(statement, shape, sourceCode);
              context.report({
                node: write.node,
                messageId: 'addedAfter',
                data: { method: seal.method, className: shape.name, property: write.name },
                suggest: move ? [{ messageId: 'moveSeal', data, fix: move }] : [],
              });
            }
            for (const returnNode of seal.skippedBy) {
              context.report({
                node: returnNode,
                messageId: 'skipped',
                data: { method: seal.method, className: shape.name, line: seal.node.loc.start.line },
                suggest: statement ? [{ messageId: 'sealBeforeReturn', data, fix: sealBefore(returnNode, statement, sourceCode) }] : [],
              });
            }
            if (!sourceCode.getScope(seal.node).isStrict) {
              const late = shape.lateAdditions[0];
              context.report({
                node: seal.node,
                messageId: late ? 'sloppyProperty' : 'sloppy',
                data: { method: seal.method, className: shape.name, property: late?.name ?? '' },
                suggest: [{ messageId: 'useStrict', data, fix: useStrict(program) }],
              });
            }
          }
        }
      },
    };
  },
});

/** A descendant class that adds a property of its own: with the base sealed, that throws. */
function firstSubclassAddition(shape: ClassShape): { subclass: ClassShape; property: string } | undefined {
  for (const subclass of shape.subclasses) {
    const field = [...subclass.declared.values()].find((declared) => declared.runtime);
    const property = field?.name ?? subclass.constructorWrites[0]?.name ?? subclass.lateAdditions[0]?.name;
    if (property !== undefined) return { subclass, property };
    const deeper = firstSubclassAddition(subclass);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The statement that seals, directly in the constructor body: the call's own, or the `if` guarding it. */
function sealStatement(seal: SealSite, shape: ClassShape): TSESTree.Statement | null {
  const body = shape.constructorFunction?.body;
  if (!seal.inConstructor || body?.type !== T.BlockStatement) return null;
  let node: Node | undefined = seal.node.parent;
  if (node?.type !== T.ExpressionStatement) return null;
  let parent = node.parent;
  if (parent?.type === T.BlockStatement && parent !== body && parent.body.length === 1) {
    node = parent;
    parent = parent.parent;
  }
  if (parent?.type === T.IfStatement && !parent.alternate && parent.consequent === node) node = parent;
  return node.parent === body ? (node as TSESTree.Statement) : null;
}

function moveToEnd(statement: TSESTree.Statement, shape: ClassShape, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | null {
  const body = shape.constructorFunction?.body;
  if (body?.type !== T.BlockStatement) return null;
  const last = body.body.at(-1);
  if (!last || last === statement) return null;
  const anchor = last.type === T.ReturnStatement ? body.body.at(-2) : last;
  if (!anchor || anchor === statement) return null;
  const text = sourceCode.getText(statement);
  const { lines } = sourceCode;
  const ownLine = (node: TSESTree.Node): boolean =>
    lines[node.loc.start.line - 1]!.slice(0, node.loc.start.column).trim() === '' && lines[node.loc.end.line - 1]!.slice(node.loc.end.column).trim() === '';
  // A statement on its own line goes with its line; one among others takes the spaces after it.
  const removal: TSESTree.Range = ownLine(statement)
    ? [statement.range[0] - statement.loc.start.column, statement.range[1] + lines[statement.loc.end.line - 1]!.slice(statement.loc.end.column).length + 1]
    : [statement.range[0], statement.range[1] + (/^\s*/.exec(sourceCode.text.slice(statement.range[1]))?.[0].length ?? 0)];
  const separator = ownLine(anchor) ? `\n${indentOf(anchor, sourceCode)}` : ' ';
  return (fixer) => [fixer.removeRange(removal), fixer.insertTextAfter(anchor, `${separator}${text}`)];
}

function sealBefore(returnNode: TSESTree.ReturnStatement, statement: TSESTree.Statement, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction {
  const text = sourceCode.getText(statement);
  const inBlock = returnNode.parent?.type === T.BlockStatement || returnNode.parent?.type === T.SwitchCase;
  return (fixer) =>
    inBlock
      ? fixer.insertTextBefore(returnNode, `${text}\n${indentOf(returnNode, sourceCode)}`)
      : fixer.replaceText(returnNode, `{ ${text} ${sourceCode.getText(returnNode)} }`);
}

function useStrict(program: TSESTree.Program): TSESLint.ReportFixFunction {
  const first = program.body[0];
  return (fixer) => (first ? fixer.insertTextBefore(first, "'use strict';\n\n") : fixer.insertTextAfterRange([0, 0], "'use strict';\n"));
}

function indentOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

