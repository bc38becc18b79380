import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { T, children, isFunctionNode, type Node, type VisitorKeys } from '../src/ast.js';
import { createRule } from '../src/create-rule.js';
import { describeHotReason } from '../src/hot-paths.js';
import { hotPathsOf, settingsOf, shapeModelOf } from '../src/rule-context.js';
import { isTypeScriptFile } from '../src/rule-helpers.js';
import { SEAL_FLAG, SEAL_FLAG_DECLARATION, sealFlagState } from '../src/seal-flag.js';
import type { ClassShape } from '../src/shape-model.js';

type Options = [{ scope?: 'hot' | 'all'; mode?: 'always' | 'development' }];


export default createRule<Options, 'notSealedHot' | 'notSealed' | 'addSeal'>({
  name: 'require-seal',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'require hot classes to seal their instances at the end of the constructor',
      strict: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          scope: { type: 'string', enum: ['hot', 'all'], description: 'Check only hot classes, or every class.' },
          mode: {
            type: 'string',
            enum: ['always', 'development'],
            description: "Seal always, or only when process.env.NODE_ENV !== 'production' (the fix hoists that test).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scope: 'hot', mode: 'always' }],
    messages: {
      notSealedHot: '{{className}} is hot ({{why}}) but not sealed; end its constructor with Object.seal(this) to fix its shape.',
      notSealed: '{{className}} is not sealed; end its constructor with Object.seal(this) so its shape cannot change later.',
      addSeal: "End {{className}}'s constructor with `{{statement}}`.",
    },
  },
  defaultOptions: [{ scope: 'hot', mode: 'always' }],
  create(context, [options]) {
    const scope = options.scope ?? 'hot';
    const development = options.mode === 'development';
    // Read the shape report here: a broken one is one configuration error, not a failure per file.
    const hotPaths = scope === 'hot' ? hotPathsOf(context) : null;
    const { initMethods } = settingsOf(context);
    return {
      Program(program) {
        const model = shapeModelOf(context);
        const hot = model.classes.length > 0 && hotPaths ? hotPaths() : null;
        for (const shape of model.classes) {
          const reasons = hot?.reasons(shape) ?? [];
          if (hot && reasons.length === 0) continue;
          if (shape.returnsValue || isAbstract(shape) || isSealed(shape) || hasInitMethod(shape, initMethods)) continue;
          const fix = sealFix(shape, program, context.sourceCode, development, isTypeScriptFile(context.filename));
          const data = { className: shape.name, why: reasons[0] ? describeHotReason(reasons[0]) : '', statement: fix?.statement ?? '' };
          context.report({
            loc: headOf(shape),
            messageId: reasons.length > 0 ? 'notSealedHot' : 'notSealed',
            data,
            // Autofix only when nothing in this file adds, deletes or redefines properties later.
            fix: fix && closedAfterConstruction(shape) ? fix.fix : null,
            suggest: fix ? [{ messageId: 'addSeal', data, fix: fix.fix }] : [],
          });
        }
      },
    };
  },
});

/** Sealed by its own constructor, or by an ancestor's unguarded seal (which seals subclass instances too). */
function isSealed(shape: ClassShape): boolean {
  if (shape.seals.some((seal) => seal.inConstructor)) return true;
  for (let base = shape.base; base.kind === 'local'; base = base.shape.base) {
    if (base.shape.seals.some((seal) => seal.inConstructor && !seal.guardedByNewTarget)) return true;
  }
  return false;
}

/** Construction ends in a framework's init method (settings initMethods), after the constructor: no place to seal. */
function hasInitMethod(shape: ClassShape, initMethods: readonly string[]): boolean {
  for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
    if (initMethods.some((name) => current!.methods.has(name))) return true;
  }
  return false;
}

/** Abstract and ambient (`declare`) classes have no instances of their own to seal. */
function isAbstract(shape: ClassShape): boolean {
  const node = shape.node as { abstract?: boolean; declare?: boolean };
  return node.abstract === true || node.declare === true;
}

function closedAfterConstruction(shape: ClassShape): boolean {
  return (
    shape.ancestorsKnown &&
    !shape.decorated &&
    shape.lateAdditions.length === 0 &&
    shape.deletes.length === 0 &&
    shape.computedWrites.every((write) => write.inConstructor)
  );
}

function headOf(shape: ClassShape): TSESTree.SourceLocation {
  const node = shape.node;
  const end = node.id ? node.id.loc.end : node.body.loc.start;
  return { start: node.loc.start, end };
}

interface SealFix {
  statement: string;
  fix: TSESLint.ReportFixFunction;
}

function sealFix(
  shape: ClassShape,
  program: TSESTree.Program,
  sourceCode: Readonly<TSESLint.SourceCode>,
  development: boolean,
  typescript: boolean,
): SealFix | null {
  const conditions: string[] = [];
  // A base constructor's seal would make subclass fields throw; seal only the most-derived instance.
  if (shape.subclasses.length > 0 || shape.exported) {
    if (!/^[A-Za-z_$][\w$]*$/.test(shape.name) || shape.name === 'default') return null;
    conditions.push(`new.target === ${shape.name}`);
  }
  let flagFix: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null = null;
  if (development) {
    const flag = devFlag(program, sourceCode);
    if (flag === 'conflict') return null;
    flagFix = flag;
    conditions.push(SEAL_FLAG);
  }
  const statement = `${conditions.length > 0 ? `if (${conditions.join(' && ')}) ` : ''}Object.seal(this);`;
  const insert = insertion(shape, sourceCode, statement, typescript);
  if (!insert) return null;
  return {
    statement,
    fix: (fixer) => (flagFix ? [insert(fixer), flagFix(fixer)] : [insert(fixer)]),
  };
}

/** Where the seal goes: before a trailing `return`, else after the last statement; a new constructor when there is none. */
function insertion(
  shape: ClassShape,
  sourceCode: Readonly<TSESLint.SourceCode>,
  statement: string,
  typescript: boolean,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const fn = shape.constructorFunction;
  if (fn) {
    const body = fn.body;
    if (body?.type !== T.BlockStatement) return null;
    const statements = body.body;
    const last = statements.at(-1);
    const trailingReturn = last?.type === T.ReturnStatement ? last : undefined;
    // A return anywhere else would skip the seal on that path.
    if (containsReturn(trailingReturn ? statements.slice(0, -1) : statements, sourceCode.visitorKeys)) return null;
    // A one-line body stays on one line.
    const oneLine = body.loc.start.line === body.loc.end.line;
    const separator = oneLine ? ' ' : `\n${last ? indentOf(last, sourceCode) : `${indentOf(body, sourceCode)}  `}`;
    if (trailingReturn) return (fixer) => fixer.insertTextBefore(trailingReturn, `${statement}${separator}`);
    if (last) return (fixer) => fixer.insertTextAfter(last, `${separator}${statement}`);
    return (fixer) => fixer.replaceText(body, oneLine ? `{ ${statement} }` : `{${separator}${statement}\n${indentOf(body, sourceCode)}}`);
  }
  if (shape.kind !== 'class') return null;
  const classNode = shape.node as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  const members = classNode.body.body;
  // A constructor without a body (TS overloads only) is one the fix cannot extend.
  if (members.some((member) => member.type === T.MethodDefinition && member.kind === 'constructor')) return null;
  const fields = members.filter((member) => member.type === T.PropertyDefinition && !member.static);
  const anchor = fields.at(-1);
  const oneLine = classNode.body.loc.start.line === classNode.body.loc.end.line;
  const indent = members[0] && !oneLine ? indentOf(members[0], sourceCode) : `${indentOf(classNode, sourceCode)}  `;
  const superClass = classNode.superClass;
  // The implicit derived constructor, spelled out, so the seal runs after the base constructor and fields.
  const params = !superClass ? '' : typescript && superClass.type === T.Identifier ? `...args: ConstructorParameters<typeof ${superClass.name}>` : '...args';
  const lines = [...(superClass ? ['super(...args);'] : []), statement];
  const constructor = oneLine
    ? `constructor(${params}) { ${lines.join(' ')} }`
    : `constructor(${params}) {\n${lines.map((line) => `${indent}  ${line}\n`).join('')}${indent}}`;
  const open = classNode.body.range[0] + 1;
  if (oneLine) return (fixer) => (anchor ? fixer.insertTextAfter(anchor, ` ${constructor}`) : fixer.insertTextAfterRange([open, open], ` ${constructor}`));
  return (fixer) => (anchor ? fixer.insertTextAfter(anchor, `\n\n${indent}${constructor}`) : fixer.insertTextAfterRange([open, open], `\n${indent}${constructor}\n`));
}

/** The module-level flag: reuse one that exists, add one otherwise ('conflict' when the name is taken). */
function devFlag(
  program: TSESTree.Program,
  sourceCode: Readonly<TSESLint.SourceCode>,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null | 'conflict' {
  const flag = sealFlagState(program, sourceCode.text);
  if (flag.state !== 'absent') return flag.state === 'declared' ? null : 'conflict';
  const after = flag.after;
  return (fixer) =>
    after ? fixer.insertTextAfter(after, `\n\n${SEAL_FLAG_DECLARATION}`) : fixer.insertTextBeforeRange([program.range[0], program.range[0]], `${SEAL_FLAG_DECLARATION}\n\n`);
}

function containsReturn(nodes: readonly Node[], keys: VisitorKeys): boolean {
  const visit = (node: Node): boolean => {
    if (node.type === T.ReturnStatement) return true;
    if (isFunctionNode(node) || node.type === T.ClassBody) return false;
    return children(node, keys).some(visit);
  };
  return nodes.some(visit);
}

function indentOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}
