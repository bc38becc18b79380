// From @typescript-eslint/types: utils loads ESLint (which `migrate` never needs) and typescript-estree
// loads TypeScript (which the rules never need: about 250 ms at plugin import).
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { visitorKeys as defaultVisitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export { AST_NODE_TYPES as T };

/** Child nodes in source order. ESLint's own visitor keys are used when given (they cover the active parser). */
export function children(node: Node, keys: VisitorKeys = defaultVisitorKeys): Node[] {
  const result: Node[] = [];
  forEachChild(node, keys, (child) => void result.push(child));
  return result;
}

/** The visitor keys to walk with: the parser's, else typescript-eslint's. */
export function keysOrDefault(keys: VisitorKeys | undefined): VisitorKeys {
  return keys ?? defaultVisitorKeys;
}

/** Like children(), without allocating: the whole-file traversals run on every keystroke. */
export function forEachChild(node: Node, keys: VisitorKeys | undefined, visit: (child: Node) => void): void {
  const names = (keys ?? defaultVisitorKeys)[node.type];
  if (!names) return;
  for (let index = 0; index < names.length; index++) {
    const value = (node as unknown as Record<string, unknown>)[names[index]!];
    if (Array.isArray(value)) {
      for (let item = 0; item < value.length; item++) if (isNode(value[item])) visit(value[item]);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Strips TS-only wrappers: `(p as any)`, `p!`, `<any>p`, `p satisfies T`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** The static name of a property key or member access, or undefined when it is computed at run time. */
export function staticKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export function memberName(member: TSESTree.MemberExpression): string | undefined {
  return staticKeyName(member.property, member.computed);
}

export function isThis(node: TSESTree.Node): boolean {
  return unwrapExpression(node).type === AST_NODE_TYPES.ThisExpression;
}

/** `Object.<method>(...)` with a plain `Object` callee. */
export function objectStaticCall(node: TSESTree.Node, methods: readonly string[]): string | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object') return undefined;
  if (callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  return methods.includes(callee.property.name) ? callee.property.name : undefined;
}

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** `{}` or `Object.create(null)`: the two ways code starts a dictionary bag. */
export function isEmptyDictionaryInit(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  return (
    objectStaticCall(value, ['create']) !== undefined &&
    value.type === AST_NODE_TYPES.CallExpression &&
    value.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    value.arguments[0].value === null
  );
}

/** Whether an expression certainly evaluates to a number (so its field should not start as `undefined`). */
export function isNumericExpression(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'number';
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === '-' || value.operator === '+' || value.operator === '~';
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return ['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>'].includes(value.operator) ||
        (value.operator === '+' && isNumericExpression(value.left) && isNumericExpression(value.right as TSESTree.Node));
    case AST_NODE_TYPES.CallExpression:
      return (
        value.callee.type === AST_NODE_TYPES.MemberExpression &&
        value.callee.object.type === AST_NODE_TYPES.Identifier &&
        value.callee.object.name === 'Math'
      );
    default:
      return false;
  }
}

export function isNewTargetCheck(test: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.MetaProperty && test.meta.name === 'new' && test.property.name === 'target') return true;
  const names = defaultVisitorKeys[test.type];
  if (!names) return false;
  for (let index = 0; index < names.length; index++) {
    const value = (test as unknown as Record<string, unknown>)[names[index]!];
    if (Array.isArray(value)) {
      for (let item = 0; item < value.length; item++) if (isNode(value[item]) && isNewTargetCheck(value[item])) return true;
    } else if (isNode(value) && isNewTargetCheck(value)) {
      return true;
    }
  }
  return false;
}
