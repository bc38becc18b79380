/**
 * Which classes are hot: the ones with enough instances that a Map instead of an object bag, or a
 * seal per instance, pays off. Built once per file on top of the shape model (see rule-context.ts).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T, children, isFunctionNode, memberName, staticKeyName, unwrapExpression, type FunctionNode, type Node, type VisitorKeys } from './ast.js';
import type { ClassShape, ScopeManagerLike, ShapeModel } from './shape-model.js';

/** Array methods whose callback runs once per element. */
export const ITERATION_METHODS = ['map', 'forEach', 'reduce', 'flatMap', 'filter', 'some', 'every'] as const;

export type HotReason =
  | { kind: 'jsdoc' }
  | { kind: 'setting' }
  | { kind: 'report' }
  | { kind: 'loop'; node: TSESTree.NewExpression }
  | { kind: 'callback'; node: TSESTree.NewExpression; method: string }
  | { kind: 'recursive' | 'hot-function'; node: TSESTree.NewExpression; functionName: string };

export interface HotPaths {
  isHot(shape: ClassShape): boolean;
  /** Why a class is hot, declared reasons first; empty when it is not hot. */
  reasons(shape: ClassShape): HotReason[];
}

export interface HotPathInput {
  ast: TSESTree.Program;
  /** Source text, to tell a JSDoc comment that belongs to a declaration from one that does not. */
  text: string;
  model: ShapeModel;
  scopeManager: ScopeManagerLike | null;
  visitorKeys?: VisitorKeys;
  /** `settings['fixed-shape'].hotClasses`. */
  hotClasses?: readonly string[];
  /** Class names the shape report marks `hot: true`. */
  reportClasses?: readonly string[];
}

export function buildHotPaths(input: HotPathInput): HotPaths {
  const tagged = jsdocHotNodes(input);
  let byName: Set<FunctionNode> | undefined;
  const recursive = (fn: FunctionNode): boolean => (byName ??= recursiveByName(input)).has(fn) || recursiveMethod(fn, input.visitorKeys);
  const hotClasses = new Set(input.hotClasses ?? []);
  const reportClasses = new Set(input.reportClasses ?? []);
  const sites = new Map<ClassShape, HotReason[]>();

  // The model lists every `new` in source order: no walk of the file here, only each site's ancestors.
  for (const node of input.model.newExpressions) {
    const shape = input.model.classOfExpression(node.callee);
    const reason = shape && siteReason(node, recursive, tagged);
    if (shape && reason) sites.set(shape, [...(sites.get(shape) ?? []), reason]);
  }

  const cache = new Map<ClassShape, HotReason[]>();
  const reasons = (shape: ClassShape): HotReason[] => {
    let list = cache.get(shape);
    if (list) return list;
    list = [];
    if (tagged.has(shape.node)) list.push({ kind: 'jsdoc' });
    if (hotClasses.has(shape.name)) list.push({ kind: 'setting' });
    if (reportClasses.has(shape.name)) list.push({ kind: 'report' });
    list.push(...(sites.get(shape) ?? []));
    cache.set(shape, list);
    return list;
  };
  return { reasons, isHot: (shape) => reasons(shape).length > 0 };
}

/** One line for messages: "created in a loop on line 12". */
export function describeHotReason(reason: HotReason): string {
  switch (reason.kind) {
    case 'jsdoc':
      return 'tagged @hot';
    case 'setting':
      return 'listed in hotClasses';
    case 'report':
      return 'hot in the shape report';
    case 'loop':
      return `created in a loop on line ${reason.node.loc.start.line}`;
    case 'callback':
      return `created in ${/^[aeiou]/i.test(reason.method) ? 'an' : 'a'} ${reason.method}() callback on line ${reason.node.loc.start.line}`;
    case 'recursive':
      return `created in recursive ${reason.functionName}() on line ${reason.node.loc.start.line}`;
    case 'hot-function':
      return `created in @hot ${reason.functionName}() on line ${reason.node.loc.start.line}`;
  }
}

// The parts of each loop that run once per iteration (a for-of's iterable and a for's init run once).
const LOOP_PARTS: Partial<Record<string, readonly string[]>> = {
  [T.ForStatement]: ['test', 'update', 'body'],
  [T.ForInStatement]: ['body'],
  [T.ForOfStatement]: ['body'],
  [T.WhileStatement]: ['test', 'body'],
  [T.DoWhileStatement]: ['test', 'body'],
};

function siteReason(node: TSESTree.NewExpression, recursive: (fn: FunctionNode) => boolean, tagged: Set<Node>): HotReason | undefined {
  // The innermost function around the `new`, and whether a loop part of that function repeats it.
  let fn: FunctionNode | null = null;
  let inLoop = false;
  for (let child: Node = node, parent = node.parent as Node | undefined; parent; child = parent, parent = parent.parent as Node | undefined) {
    if (isFunctionNode(parent)) {
      fn = parent;
      break;
    }
    if (!inLoop && LOOP_PARTS[parent.type]?.some((part) => (parent as unknown as Record<string, unknown>)[part] === child)) inLoop = true;
  }
  if (inLoop) return { kind: 'loop', node };
  if (!fn) return undefined;
  const method = iterationMethod(fn);
  if (method) return { kind: 'callback', node, method };
  if (recursive(fn)) return { kind: 'recursive', node, functionName: functionName(fn) };
  if (tagged.has(fn)) return { kind: 'hot-function', node, functionName: functionName(fn) };
  return undefined;
}

/** `list.map(fn)` and friends, or `Array.from(items, fn)`: the method name when `fn` is such a callback. */
function iterationMethod(fn: FunctionNode): string | undefined {
  const call = fn.parent;
  if (call?.type !== T.CallExpression || call.callee.type !== T.MemberExpression) return undefined;
  const method = memberName(call.callee);
  if (method === 'from' && call.callee.object.type === T.Identifier && call.callee.object.name === 'Array') {
    return call.arguments[1] === fn ? 'Array.from' : undefined;
  }
  return (ITERATION_METHODS as readonly (string | undefined)[]).includes(method) && call.arguments[0] === fn ? method : undefined;
}

function functionName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if ((parent?.type === T.MethodDefinition || parent?.type === T.Property || parent?.type === T.PropertyDefinition) && !parent.computed) {
    const key = parent.key;
    if (key.type === T.Identifier || key.type === T.PrivateIdentifier) return key.name;
  }
  return '(anonymous)';
}

// ---------------------------------------------------------------------------------------------
// @hot JSDoc tags

const HOT_TAG = /(?:^|[\s*])@hot(?![\w-])/;

/** Class and function declarations whose JSDoc carries `@hot`. */
function jsdocHotNodes(input: HotPathInput): Set<Node> {
  const result = new Set<Node>();
  const comments = (input.ast.comments ?? []).filter((comment) => comment.type === 'Block' && comment.value.startsWith('*') && HOT_TAG.test(comment.value));
  if (comments.length === 0) return result;
  const candidates: Node[] = [...input.model.classes.map((shape) => shape.node)];
  const collect = (node: Node): void => {
    if (isFunctionNode(node)) candidates.push(node);
    for (const child of children(node, input.visitorKeys)) collect(child);
  };
  collect(input.ast);
  for (const node of candidates) {
    // The comment may sit before the node itself or before what wraps it: `export`, `const x =`, a method key.
    for (let current: Node | undefined = node; current && isDocumentable(current, node); current = current.parent) {
      const start = Math.min(current.range[0], ...decoratorStarts(current));
      if (comments.some((comment) => comment.range[1] <= start && input.text.slice(comment.range[1], start).trim() === '')) {
        result.add(node);
        break;
      }
    }
  }
  return result;
}

function isDocumentable(current: Node, target: Node): boolean {
  if (current === target) return true;
  return (
    current.type === T.VariableDeclarator ||
    current.type === T.VariableDeclaration ||
    current.type === T.ExportNamedDeclaration ||
    current.type === T.ExportDefaultDeclaration ||
    current.type === T.MethodDefinition ||
    current.type === T.PropertyDefinition ||
    current.type === T.Property ||
    (current.type === T.AssignmentExpression && unwrapExpression(current.right) === target) ||
    (current.type === T.ExpressionStatement && current.expression.type === T.AssignmentExpression)
  );
}

function decoratorStarts(node: Node): number[] {
  const decorators = (node as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  return decorators.map((decorator) => decorator.range[0]);
}

// ---------------------------------------------------------------------------------------------
// Direct recursion

/** Functions that call themselves by their own name or their variable's name. */
function recursiveByName(input: HotPathInput): Set<FunctionNode> {
  const result = new Set<FunctionNode>();
  const within = (node: Node, fn: FunctionNode): boolean => node.range[0] >= fn.body.range[0] && node.range[1] <= fn.body.range[1];
  for (const scope of input.scopeManager?.scopes ?? []) {
    for (const reference of scope.references) {
      const identifier = reference.identifier as Node;
      const call = identifier.parent;
      if (call?.type !== T.CallExpression || call.callee !== identifier) continue;
      const def = reference.resolved?.defs[0];
      // The function's own name or its variable; a parameter's def node is the function too.
      if (def?.type !== 'FunctionName' && def?.type !== 'Variable') continue;
      const init = def.node.type === T.VariableDeclarator && def.node.init ? unwrapExpression(def.node.init) : def.node;
      if (isFunctionNode(init) && within(identifier, init)) result.add(init);
    }
  }
  return result;
}

/** A method that calls itself as `this.method()` (not inside nested non-arrow functions). */
function recursiveMethod(fn: FunctionNode, keys: VisitorKeys | undefined): boolean {
  const member = fn.parent;
  if (member?.type !== T.MethodDefinition || member.value !== fn || member.kind !== 'method' || !fn.body) return false;
  const name = staticKeyName(member.key, member.computed);
  return name !== undefined && callsThisMethod(fn.body, name, keys);
}

function callsThisMethod(node: Node, name: string, keys: VisitorKeys | undefined): boolean {
  if (node.type === T.FunctionExpression || node.type === T.FunctionDeclaration || node.type === T.ClassBody) return false;
  if (
    node.type === T.CallExpression &&
    node.callee.type === T.MemberExpression &&
    node.callee.object.type === T.ThisExpression &&
    memberName(node.callee) === name
  ) {
    return true;
  }
  return children(node, keys).some((child) => callsThisMethod(child, name, keys));
}
