/**
 * Per-instance dictionaries: fields started as `{}` / `Object.create(null)` that code indexes with keys
 * known only at run time, and their rewrite to a `Map`. `no-instance-dictionary` reports them and offers
 * the rewrite as a suggestion; `fixed-shape migrate` applies it where every use is in view. One copy of
 * both for the two.
 *
 * The rewrite is a list of text edits computed from node ranges and comment ranges, without tokens:
 * the codemod's parse has none (src/model-from-source.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { T, children, isEmptyDictionaryInit, memberName, objectStaticCall, staticKeyName, unwrapExpression, type Node, type VisitorKeys } from './ast.js';
import type { ClassShape, PropertyAccess, ShapeModel } from './shape-model.js';

/** The variable an identifier refers to, or null: decides whether a key is a constant. */
export type VariableOf = (identifier: TSESTree.Identifier) => TSESLint.Scope.Variable | null;

/** A resolver from a scope manager: ESLint's getScope, then a lookup outward (utils' findVariable, which would load ESLint). */
export function variableResolver(scopeManager: TSESLint.Scope.ScopeManager): VariableOf {
  return (identifier) => {
    for (let node: Node | undefined = identifier; node; node = node.parent) {
      const found = scopeManager.acquire(node, true);
      if (!found) continue;
      for (let scope: TSESLint.Scope.Scope | null = found.type === 'function-expression-name' ? found.childScopes[0]! : found; scope; scope = scope.upper) {
        const variable = scope.set.get(identifier.name);
        if (variable) return variable;
      }
      return null;
    }
    return null;
  };
}

export function descendants(shape: ClassShape): ClassShape[] {
  return shape.subclasses.flatMap((subclass) => [subclass, ...descendants(subclass)]);
}

/** Own fields started as `{}` / `Object.create(null)`: a cheap filter, most classes have none. */
export function dictionaryCandidates(shape: ClassShape): Set<string> {
  const candidates = new Set<string>();
  for (const field of shape.declared.values()) if (isEmptyDictionaryInit(field.value)) candidates.add(field.name);
  for (const write of shape.constructorWrites) if (write.value && isEmptyDictionaryInit(write.value)) candidates.add(write.name);
  return candidates;
}

/** The candidates that some code indexes with computed keys, with every use. */
export function dictionaryFields(shape: ClassShape, model: ShapeModel, variableOf: VariableOf, candidates = dictionaryCandidates(shape)): Map<string, PropertyAccess[]> {
  const fields = new Map<string, PropertyAccess[]>();
  // Uses come from every instance access in the file: not collected for a class without candidates.
  if (candidates.size === 0) return fields;
  for (const owner of [shape, ...descendants(shape)]) {
    for (const access of model.accesses(owner)) {
      if (!candidates.has(access.name) || fieldOwner(owner, access.name, model) !== shape) continue;
      fields.set(access.name, [...(fields.get(access.name) ?? []), access]);
    }
  }
  for (const [name, uses] of fields) {
    const dictionary = isEmptyDictionaryInit(model.initialValue(shape, name) as Node | null | undefined);
    if (!dictionary || !uses.some((use) => isKeyedUse(use.node, variableOf))) fields.delete(name);
  }
  return fields;
}

/** Where a field is declared or first set in the constructor: what reports point at. */
export function fieldNode(shape: ClassShape, name: string): Node {
  return shape.declared.get(name)?.node ?? shape.constructorWrites.find((write) => write.name === name)?.node ?? shape.node;
}

/** The class (this one or an ancestor) that gives instances the field. */
function fieldOwner(shape: ClassShape, name: string, model: ShapeModel): ClassShape | undefined {
  for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
    if (model.initialValue(current, name) !== undefined) return current;
  }
  return undefined;
}

/** `bag[key]` (read, write or delete) or `key in bag`, with a key known only at run time. */
function isKeyedUse(use: TSESTree.MemberExpression, variableOf: VariableOf): boolean {
  const parent = use.parent;
  if (parent?.type === T.MemberExpression && parent.object === use) return isDynamicKey(parent, variableOf);
  if (parent?.type === T.BinaryExpression && parent.operator === 'in' && parent.right === use) {
    return parent.left.type !== T.PrivateIdentifier && staticKeyName(parent.left, true) === undefined;
  }
  return false;
}

/** A computed key that is not a constant: literals, well-known symbols and const/imported bindings are fixed keys. */
export function isDynamicKey(member: TSESTree.MemberExpression, variableOf: VariableOf): boolean {
  if (!member.computed || memberName(member) !== undefined) return false;
  const key = unwrapExpression(member.property);
  if (key.type === T.MemberExpression && key.object.type === T.Identifier && key.object.name === 'Symbol') return false;
  if (key.type !== T.Identifier) return true;
  const def = variableOf(key)?.defs[0];
  if (def?.type === 'ImportBinding') return false;
  if (def?.node.type !== T.VariableDeclarator || def.parent?.type !== T.VariableDeclaration || def.parent.kind !== 'const') return true;
  const init = def.node.init && unwrapExpression(def.node.init);
  if (!init) return true;
  const constant = init.type === T.Literal || (init.type === T.TemplateLiteral && init.expressions.length === 0);
  const symbol = init.type === T.CallExpression && init.callee.type === T.Identifier && init.callee.name === 'Symbol';
  return !constant && !symbol;
}

// ---------------------------------------------------------------------------------------------
// The Map rewrite. Not behaviour-identical in every case: a Map does not see prototype keys such as
// 'toString', keeps insertion order for numeric-like keys (an object lists them first, ascending),
// and tells 1 from '1'.

export interface TextEdit {
  range: TSESTree.Range;
  text: string;
}

export interface MapRewrite {
  edits: TextEdit[];
  /** `#field` or TypeScript `private`: no code outside the class can name it. */
  private: boolean;
}

/** What the rewrite reads of the file: its text, the ranges of its comments in source order (skipped between nodes) and visitor keys. */
export interface RewriteSource {
  text: string;
  ast: TSESTree.Program;
  comments: readonly TSESTree.Range[];
  visitorKeys: VisitorKeys;
}

/** The edits that make `shape.<property>` a Map, or null when some use has no faithful Map form or cannot be seen. */
export function mapRewrite(shape: ClassShape, property: string, uses: readonly PropertyAccess[], model: ShapeModel, source: RewriteSource): MapRewrite | null {
  // Every use must be `this.<field>` in this class: then the rewrite sees them all.
  const own = model.accesses(shape);
  if (uses.some((use) => !use.viaThis || !own.includes(use))) return null;
  const field = shape.declared.get(property);
  const isPrivate = property.startsWith('#') || (field?.node as { accessibility?: string } | undefined)?.accessibility === 'private';
  if (otherMentions(source, property, new Set(uses.map((use) => use.node)), field?.node)) return null;

  const code = new CodeText(source);
  const edits: TextEdit[] = [];
  if (field) {
    if (field.kind === 'parameter') return null;
    const typeEdit = field.typeAnnotation ? mapType(field.typeAnnotation, code) : null;
    if (field.typeAnnotation && !typeEdit) return null;
    if (typeEdit) edits.push(typeEdit);
    if (field.value) {
      if (!isEmptyDictionaryInit(field.value)) return null;
      edits.push({ range: field.value.range, text: 'new Map()' });
    }
  }
  for (const use of uses) {
    const useEdits = rewriteUse(use.node, code);
    if (!useEdits) return null;
    edits.push(...useEdits);
  }
  edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let index = 1; index < edits.length; index++) {
    if (edits[index]!.range[0] < edits[index - 1]!.range[1]) return null;
  }
  for (const edit of edits) {
    const kept = code.keepComments(edit);
    if (kept === null) return null;
    edit.text = kept;
  }
  return { edits, private: isPrivate };
}

/**
 * Source text between nodes, with comments skipped: what the rewrite needs of tokens (the `[` after an
 * object, an operator, the start of a value), found by scanning so no token list has to be kept.
 */
class CodeText {
  readonly text: string;
  private readonly comments: readonly TSESTree.Range[];

  constructor(source: RewriteSource) {
    this.text = source.text;
    this.comments = source.comments;
  }

  of(node: { range: TSESTree.Range }): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** The range of the first of `values` at or after `from`, outside comments. */
  find(from: number, values: readonly string[]): TSESTree.Range | null {
    for (let at = this.skip(from); at < this.text.length; at = this.skip(at + 1)) {
      const value = values.find((candidate) => this.text.startsWith(candidate, at));
      if (value && (!/^\w/.test(value) || !/[\w$]/.test(this.text[at + value.length] ?? ''))) return [at, at + value.length];
    }
    return null;
  }

  /**
   * The edit's text plus the comments in the text it replaces that the new text does not carry, as block
   * comments (a line comment would swallow the code after it); null for one that cannot be a block comment.
   */
  keepComments(edit: TextEdit): string | null {
    let text = edit.text;
    for (const [start, end] of this.comments) {
      if (start < edit.range[0] || end > edit.range[1]) continue;
      const comment = this.text.slice(start, end);
      if (edit.text.includes(comment)) continue;
      const body = comment.startsWith('//') ? comment.slice(2) : comment.slice(2, -2);
      if (body.includes('*/')) return null;
      const trailing = /\s*$/.exec(text)![0];
      text = `${text.slice(0, text.length - trailing.length)} /*${body}*/${trailing}`;
    }
    return text;
  }

  /** The first offset at or after `from` that is neither white space nor in a comment. */
  skip(from: number): number {
    let at = from;
    for (;;) {
      while (at < this.text.length && /\s/.test(this.text[at]!)) at++;
      const comment = this.comments.find((candidate) => candidate[0] === at);
      if (!comment) return at;
      at = comment[1];
    }
  }
}

/** `Record<K, V>` or `{ [key: K]: V }` as `Map<K, V>`. */
function mapType(type: TSESTree.TypeNode, code: CodeText): TextEdit | null {
  if (type.type === T.TSTypeReference && type.typeName.type === T.Identifier && type.typeName.name === 'Record') {
    const [key, value] = type.typeArguments?.params ?? [];
    if (!key || !value) return null;
    return { range: type.range, text: `Map<${code.of(key)}, ${code.of(value)}>` };
  }
  if (type.type === T.TSTypeLiteral && type.members.length === 1 && type.members[0]!.type === T.TSIndexSignature) {
    const signature = type.members[0];
    const parameter = signature.parameters[0];
    const keyType = parameter?.type === T.Identifier ? parameter.typeAnnotation?.typeAnnotation : undefined;
    const valueType = signature.typeAnnotation?.typeAnnotation;
    if (!keyType || !valueType) return null;
    return { range: type.range, text: `Map<${code.of(keyType)}, ${code.of(valueType)}>` };
  }
  return null;
}

/** Any other place that names the property: destructuring, aliases, other objects. The rewrite would miss it. */
function otherMentions(source: RewriteSource, property: string, uses: Set<Node>, declaration: Node | undefined): boolean {
  const mentions = (node: Node): boolean => {
    if (node.type === T.MemberExpression && !uses.has(node) && memberName(node) === property) return true;
    if (node.type === T.Property && node.parent?.type === T.ObjectPattern && staticKeyName(node.key, node.computed) === property) return true;
    if ((node.type === T.PropertyDefinition || node.type === T.MethodDefinition) && node !== declaration && staticKeyName(node.key, node.computed) === property) return true;
    return children(node, source.visitorKeys).some(mentions);
  };
  return mentions(source.ast);
}

const ARITHMETIC = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '|=', '&=', '^=']);
const ITERATORS: Record<string, string> = { keys: 'keys', values: 'values', entries: 'entries' };

/** Edits that turn one `this.bag` use into Map calls; null when the use has no faithful Map form. */
function rewriteUse(use: TSESTree.MemberExpression, code: CodeText): TextEdit[] | null {
  const parent = use.parent;
  const text = code.of(use);
  if (!parent) return null;

  // this.bag = {} (initialization or reset)
  if (parent.type === T.AssignmentExpression && parent.left === use) {
    return parent.operator === '=' && isEmptyDictionaryInit(parent.right) ? [{ range: parent.right.range, text: 'new Map()' }] : null;
  }
  // key in this.bag
  if (parent.type === T.BinaryExpression && parent.operator === 'in' && parent.right === use && parent.left.type !== T.PrivateIdentifier) {
    return [{ range: parent.range, text: `${text}.has(${code.of(parent.left)})` }];
  }
  // for (const key in this.bag)
  if (parent.type === T.ForInStatement && parent.right === use) {
    const inKeyword = code.find(parent.left.range[1], ['in']);
    if (!inKeyword) return null;
    return [
      { range: inKeyword, text: 'of' },
      { range: [use.range[1], use.range[1]], text: '.keys()' },
    ];
  }
  if (parent.type === T.CallExpression && parent.arguments[0] === use && !parent.optional) return rewriteCallArgument(parent, use, text, code);
  if (parent.type === T.MemberExpression && parent.object === use && !parent.optional) return rewriteElement(parent, use, code);
  return null;
}

/** Object.keys/values/entries(this.bag), Object.hasOwn(this.bag, k), Object.prototype.hasOwnProperty.call(this.bag, k). */
function rewriteCallArgument(call: TSESTree.CallExpression, use: TSESTree.MemberExpression, text: string, code: CodeText): TextEdit[] | null {
  const iterator = objectStaticCall(call, Object.keys(ITERATORS));
  if (iterator && call.arguments.length === 1) {
    const outer = call.parent;
    if (iterator === 'keys' && outer?.type === T.MemberExpression && outer.object === call && memberName(outer) === 'length' && !outer.computed) {
      return [{ range: outer.range, text: `${text}.size` }];
    }
    if (outer?.type === T.ForOfStatement && outer.right === call) return [{ range: call.range, text: `${text}.${iterator}()` }];
    return [{ range: call.range, text: `[...${text}.${iterator}()]` }];
  }
  const hasOwnCall = objectStaticCall(call, ['hasOwn']) !== undefined || code.of(call.callee) === 'Object.prototype.hasOwnProperty.call';
  const key = call.arguments[1];
  if (hasOwnCall && call.arguments.length === 2 && key && key.type !== T.SpreadElement) {
    return [
      { range: [call.range[0], use.range[0]], text: '' },
      { range: [use.range[1], key.range[0]], text: '.has(' },
    ];
  }
  return null;
}

/** this.bag[key] / this.bag.name as get, set, delete, has (hasOwnProperty) or a counter update. */
function rewriteElement(element: TSESTree.MemberExpression, use: TSESTree.MemberExpression, code: CodeText): TextEdit[] | null {
  const outer = element.parent;
  const opening = code.find(use.range[1], ['[', '.']);
  if (!outer || !opening) return null;
  // A computed member ends with its `]`.
  const closing: TSESTree.Range = [element.range[1] - 1, element.range[1]];
  const object = code.of(use);
  const key = element.computed ? code.of(element.property) : JSON.stringify(memberName(element));
  // `<object>[key]` or `<object>.name` up to `tailEnd` becomes `<object>.method(key<tail>`; a computed key keeps
  // its own text (and any edits inside it).
  const call = (method: string, tailEnd: number, tail: string): TextEdit[] =>
    element.computed
      ? [
          { range: opening, text: `.${method}(` },
          { range: [closing[0], tailEnd], text: tail },
        ]
      : [{ range: [opening[0], tailEnd], text: `.${method}(${key}${tail}` }];
  const statementLevel = outer.parent?.type === T.ExpressionStatement;

  // this.bag.hasOwnProperty(key)
  if (!element.computed && memberName(element) === 'hasOwnProperty' && outer.type === T.CallExpression && outer.callee === element && outer.arguments.length === 1) {
    return [{ range: [opening[0], element.range[1]], text: '.has' }];
  }
  if (outer.type === T.AssignmentExpression && outer.left === element) {
    const operator = code.find(element.range[1], [outer.operator]);
    if (!statementLevel || !operator) return null;
    const value = code.skip(operator[1]);
    if (outer.operator === '=') return [...call('set', value, ', '), { range: [outer.range[1], outer.range[1]], text: ')' }];
    if (!ARITHMETIC.has(outer.operator) || !isSimpleKey(element)) return null;
    // Parenthesize the value unless it binds tighter than any operator.
    const bare = [T.Identifier, T.Literal, T.MemberExpression, T.CallExpression, T.ThisExpression].includes(unwrapExpression(outer.right).type as T);
    return [
      { range: [element.range[0], value], text: `${object}.set(${key}, ${object}.get(${key}) ${outer.operator.slice(0, -1)} ${bare ? '' : '('}` },
      { range: [outer.range[1], outer.range[1]], text: bare ? ')' : '))' },
    ];
  }
  if (outer.type === T.UpdateExpression) {
    if (!statementLevel || !isSimpleKey(element)) return null;
    return [{ range: outer.range, text: `${object}.set(${key}, ${object}.get(${key}) ${outer.operator[0]} 1)` }];
  }
  if (outer.type === T.UnaryExpression && outer.operator === 'delete') {
    if (!statementLevel) return null;
    return [{ range: [outer.range[0], element.range[0]], text: '' }, ...call('delete', element.range[1], ')')];
  }
  // Other write positions (destructuring, for-in/of targets) have no Map form; a call would rebind `this`.
  if (isWriteTarget(element) || (outer.type === T.CallExpression && outer.callee === element)) return null;
  return call('get', element.range[1], ')');
}

/** Keys that may be evaluated twice (compound assignment, ++): names and literals. */
function isSimpleKey(element: TSESTree.MemberExpression): boolean {
  return !element.computed || element.property.type === T.Identifier || element.property.type === T.Literal;
}

function isWriteTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  return (
    ((parent.type === T.ForInStatement || parent.type === T.ForOfStatement) && parent.left === node) ||
    parent.type === T.ArrayPattern ||
    (parent.type === T.Property && parent.parent?.type === T.ObjectPattern) ||
    (parent.type === T.AssignmentPattern && parent.left === node) ||
    parent.type === T.RestElement
  );
}
