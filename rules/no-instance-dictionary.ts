import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { T, children, isEmptyDictionaryInit, memberName, objectStaticCall, staticKeyName, unwrapExpression, type Node } from '../src/ast.js';
import { createRule } from '../src/create-rule.js';
import { describeHotReason, type HotPaths } from '../src/hot-paths.js';
import { hotPathsOf, shapeModelOf } from '../src/rule-context.js';
import type { ClassShape, PropertyAccess, ShapeModel } from '../src/shape-model.js';

type Options = [{ scope?: 'hot' | 'all' }];
type SourceCode = Readonly<TSESLint.SourceCode>;

export default createRule<Options, 'dictionaryField' | 'dictionaryInstance' | 'useMap'>({
  name: 'no-instance-dictionary',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'disallow instance fields and instances used as dictionaries with computed keys; use a `Map`',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          scope: { type: 'string', enum: ['hot', 'all'], description: 'Check only hot classes, or every class.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scope: 'hot' }],
    messages: {
      dictionaryField: '{{className}}.{{property}} is a dictionary (computed keys{{why}}); use a Map, which stays fast as keys grow.',
      dictionaryInstance: '{{className}} instances get computed keys ([{{key}}]) after construction{{why}}, which makes them slow; keep the entries in a Map.',
      useMap: 'Make {{className}}.{{property}} a Map and rewrite its uses.',
    },
  },
  defaultOptions: [{ scope: 'hot' }],
  create(context, [options]) {
    // Read the shape report here: a broken one is one configuration error, not a failure per file.
    const hot = (options.scope ?? 'hot') === 'hot' ? hotPathsOf(context) : null;
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const model = shapeModelOf(context);
        for (const shape of model.classes) {
          const candidates = dictionaryCandidates(shape);
          // Hotness first: finding a field's uses takes every instance access in the file.
          const why = candidates.size > 0 ? hotness(hot, [shape, ...descendants(shape)]) : undefined;
          const fields = why === undefined ? new Map<string, PropertyAccess[]>() : dictionaryFields(shape, candidates, model, sourceCode);
          for (const [property, uses] of fields) {
            const data = { className: shape.name, property, why: why && `; ${why}` };
            const fix = mapRewrite(shape, property, uses, model, sourceCode);
            context.report({
              node: fieldNode(shape, property),
              messageId: 'dictionaryField',
              data,
              suggest: fix ? [{ messageId: 'useMap', data, fix }] : [],
            });
          }
          // Computed writes in the constructor belong to consistent-constructor-shape.
          const writes = shape.computedWrites.filter((write) => !write.inConstructor && isDynamicKey(write.node, sourceCode));
          const instanceWhy = writes.length > 0 ? hotness(hot, [shape]) : undefined;
          if (instanceWhy === undefined) continue;
          for (const write of writes) {
            context.report({
              node: write.node,
              messageId: 'dictionaryInstance',
              data: { className: shape.name, key: shortText(sourceCode.getText(write.node.property)), why: instanceWhy && ` (${instanceWhy})` },
            });
          }
        }
      },
    };
  },
});

/** '' for scope 'all', 'hot: …' when a class (or a subclass, whose instances carry the field) is hot; undefined otherwise. */
function hotness(hotPaths: (() => HotPaths) | null, shapes: ClassShape[]): string | undefined {
  if (!hotPaths) return '';
  const hot = hotPaths();
  for (const [index, shape] of shapes.entries()) {
    const reason = hot.reasons(shape)[0];
    if (reason) return `hot${index === 0 ? '' : ` subclass ${shape.name}`}: ${describeHotReason(reason)}`;
  }
  return undefined;
}

/** Source text that fits a one-line message. */
function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 30 ? `${line.slice(0, 29)}…` : line;
}

function descendants(shape: ClassShape): ClassShape[] {
  return shape.subclasses.flatMap((subclass) => [subclass, ...descendants(subclass)]);
}

/** Own fields started as `{}` / `Object.create(null)`: a cheap filter, most classes have none. */
function dictionaryCandidates(shape: ClassShape): Set<string> {
  const candidates = new Set<string>();
  for (const field of shape.declared.values()) if (isEmptyDictionaryInit(field.value)) candidates.add(field.name);
  for (const write of shape.constructorWrites) if (write.value && isEmptyDictionaryInit(write.value)) candidates.add(write.name);
  return candidates;
}

/** The candidates that some code indexes with computed keys, with their uses. */
function dictionaryFields(shape: ClassShape, candidates: Set<string>, model: ShapeModel, sourceCode: SourceCode): Map<string, PropertyAccess[]> {
  const fields = new Map<string, PropertyAccess[]>();
  for (const owner of [shape, ...descendants(shape)]) {
    for (const access of model.accesses(owner)) {
      if (!candidates.has(access.name) || fieldOwner(owner, access.name, model) !== shape) continue;
      fields.set(access.name, [...(fields.get(access.name) ?? []), access]);
    }
  }
  for (const [name, uses] of fields) {
    const dictionary = isEmptyDictionaryInit(model.initialValue(shape, name) as Node | null | undefined);
    if (!dictionary || !uses.some((use) => isKeyedUse(use.node, sourceCode))) fields.delete(name);
  }
  return fields;
}

/** The class (this one or an ancestor) that gives instances the field. */
function fieldOwner(shape: ClassShape, name: string, model: ShapeModel): ClassShape | undefined {
  for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
    if (model.initialValue(current, name) !== undefined) return current;
  }
  return undefined;
}

/** `bag[key]` (read, write or delete) or `key in bag`, with a key known only at run time. */
function isKeyedUse(use: TSESTree.MemberExpression, sourceCode: SourceCode): boolean {
  const parent = use.parent;
  if (parent?.type === T.MemberExpression && parent.object === use) return isDynamicKey(parent, sourceCode);
  if (parent?.type === T.BinaryExpression && parent.operator === 'in' && parent.right === use) {
    return parent.left.type !== T.PrivateIdentifier && staticKeyName(parent.left, true) === undefined;
  }
  return false;
}

/** A computed key that is not a constant: literals, well-known symbols and const/imported bindings are fixed keys. */
function isDynamicKey(member: TSESTree.MemberExpression, sourceCode: SourceCode): boolean {
  if (!member.computed || memberName(member) !== undefined) return false;
  const key = unwrapExpression(member.property);
  if (key.type === T.MemberExpression && key.object.type === T.Identifier && key.object.name === 'Symbol') return false;
  if (key.type !== T.Identifier) return true;
  const variable = ASTUtils.findVariable(sourceCode.getScope(member), key);
  const def = variable?.defs[0];
  if (def?.type === 'ImportBinding') return false;
  if (def?.node.type !== T.VariableDeclarator || def.parent?.type !== T.VariableDeclaration || def.parent.kind !== 'const') return true;
  const init = def.node.init && unwrapExpression(def.node.init);
  if (!init) return true;
  const constant = init.type === T.Literal || (init.type === T.TemplateLiteral && init.expressions.length === 0);
  const symbol = init.type === T.CallExpression && init.callee.type === T.Identifier && init.callee.name === 'Symbol';
  return !constant && !symbol;
}

function fieldNode(shape: ClassShape, name: string): Node {
  return shape.declared.get(name)?.node ?? shape.constructorWrites.find((write) => write.name === name)?.node ?? shape.node;
}

// ---------------------------------------------------------------------------------------------
// The Map rewrite (a suggestion: a Map also drops prototype keys like 'toString' and keeps
// insertion order for numeric-like keys, which an object does not).

interface Edit {
  range: TSESTree.Range;
  text: string;
}

function mapRewrite(shape: ClassShape, property: string, uses: PropertyAccess[], model: ShapeModel, sourceCode: SourceCode): TSESLint.ReportFixFunction | null {
  // Every use must be `this.<field>` in this class: then the rewrite sees them all.
  const own = model.accesses(shape);
  if (uses.some((use) => !use.viaThis || !own.includes(use))) return null;
  const field = shape.declared.get(property);
  const isPrivate = property.startsWith('#') || (field?.node as { accessibility?: string } | undefined)?.accessibility === 'private';
  if (shape.exported && !isPrivate) return null;
  if (otherMentions(sourceCode, property, new Set(uses.map((use) => use.node)), field?.node)) return null;

  const edits: Edit[] = [];
  if (field) {
    if (field.kind === 'parameter') return null;
    const typeEdit = field.typeAnnotation ? mapType(field.typeAnnotation, sourceCode) : null;
    if (field.typeAnnotation && !typeEdit) return null;
    if (typeEdit) edits.push(typeEdit);
    if (field.value) {
      if (!isEmptyDictionaryInit(field.value)) return null;
      edits.push({ range: field.value.range, text: 'new Map()' });
    }
  }
  for (const use of uses) {
    const useEdits = rewriteUse(use.node, sourceCode);
    if (!useEdits) return null;
    edits.push(...useEdits);
  }
  edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let index = 1; index < edits.length; index++) {
    if (edits[index]!.range[0] < edits[index - 1]!.range[1]) return null;
  }
  return (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
}

/** `Record<K, V>` or `{ [key: K]: V }` as `Map<K, V>`. */
function mapType(type: TSESTree.TypeNode, sourceCode: SourceCode): Edit | null {
  if (type.type === T.TSTypeReference && type.typeName.type === T.Identifier && type.typeName.name === 'Record') {
    const [key, value] = type.typeArguments?.params ?? [];
    if (!key || !value) return null;
    return { range: type.range, text: `Map<${sourceCode.getText(key)}, ${sourceCode.getText(value)}>` };
  }
  if (type.type === T.TSTypeLiteral && type.members.length === 1 && type.members[0]!.type === T.TSIndexSignature) {
    const signature = type.members[0];
    const parameter = signature.parameters[0];
    const keyType = parameter?.type === T.Identifier ? parameter.typeAnnotation?.typeAnnotation : undefined;
    const valueType = signature.typeAnnotation?.typeAnnotation;
    if (!keyType || !valueType) return null;
    return { range: type.range, text: `Map<${sourceCode.getText(keyType)}, ${sourceCode.getText(valueType)}>` };
  }
  return null;
}

/** Any other place that names the property: destructuring, aliases, other objects. The rewrite would miss it. */
function otherMentions(sourceCode: SourceCode, property: string, uses: Set<Node>, declaration: Node | undefined): boolean {
  const mentions = (node: Node): boolean => {
    if (node.type === T.MemberExpression && !uses.has(node) && memberName(node) === property) return true;
    if (node.type === T.Property && node.parent?.type === T.ObjectPattern && staticKeyName(node.key, node.computed) === property) return true;
    if ((node.type === T.PropertyDefinition || node.type === T.MethodDefinition) && node !== declaration && staticKeyName(node.key, node.computed) === property) return true;
    return children(node, sourceCode.visitorKeys).some(mentions);
  };
  return mentions(sourceCode.ast);
}

const ARITHMETIC = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '|=', '&=', '^=']);
const ITERATORS: Record<string, string> = { keys: 'keys', values: 'values', entries: 'entries' };

/** Edits that turn one `this.bag` use into Map calls; null when the use has no faithful Map form. */
function rewriteUse(use: TSESTree.MemberExpression, sourceCode: SourceCode): Edit[] | null {
  const parent = use.parent;
  const text = sourceCode.getText(use);
  if (!parent) return null;

  // this.bag = {} (initialization or reset)
  if (parent.type === T.AssignmentExpression && parent.left === use) {
    return parent.operator === '=' && isEmptyDictionaryInit(parent.right) ? [{ range: parent.right.range, text: 'new Map()' }] : null;
  }
  // key in this.bag
  if (parent.type === T.BinaryExpression && parent.operator === 'in' && parent.right === use && parent.left.type !== T.PrivateIdentifier) {
    return [{ range: parent.range, text: `${text}.has(${sourceCode.getText(parent.left)})` }];
  }
  // for (const key in this.bag)
  if (parent.type === T.ForInStatement && parent.right === use) {
    const inToken = sourceCode.getTokenAfter(parent.left, (token) => token.value === 'in');
    if (!inToken) return null;
    return [
      { range: inToken.range, text: 'of' },
      { range: [use.range[1], use.range[1]], text: '.keys()' },
    ];
  }
  if (parent.type === T.CallExpression && parent.arguments[0] === use && !parent.optional) return rewriteCallArgument(parent, use, text, sourceCode);
  if (parent.type === T.MemberExpression && parent.object === use && !parent.optional) return rewriteElement(parent, use, sourceCode);
  return null;
}

/** Object.keys/values/entries(this.bag), Object.hasOwn(this.bag, k), Object.prototype.hasOwnProperty.call(this.bag, k). */
function rewriteCallArgument(call: TSESTree.CallExpression, use: TSESTree.MemberExpression, text: string, sourceCode: SourceCode): Edit[] | null {
  const iterator = objectStaticCall(call, Object.keys(ITERATORS));
  if (iterator && call.arguments.length === 1) {
    const outer = call.parent;
    if (iterator === 'keys' && outer?.type === T.MemberExpression && outer.object === call && memberName(outer) === 'length' && !outer.computed) {
      return [{ range: outer.range, text: `${text}.size` }];
    }
    if (outer?.type === T.ForOfStatement && outer.right === call) return [{ range: call.range, text: `${text}.${iterator}()` }];
    return [{ range: call.range, text: `[...${text}.${iterator}()]` }];
  }
  const hasOwnCall = objectStaticCall(call, ['hasOwn']) !== undefined || sourceCode.getText(call.callee) === 'Object.prototype.hasOwnProperty.call';
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
function rewriteElement(element: TSESTree.MemberExpression, use: TSESTree.MemberExpression, sourceCode: SourceCode): Edit[] | null {
  const outer = element.parent;
  const opening = sourceCode.getTokenAfter(use, (token) => token.value === '[' || token.value === '.');
  const closing = sourceCode.getLastToken(element);
  if (!outer || !opening || !closing) return null;
  const object = sourceCode.getText(use);
  const key = element.computed ? sourceCode.getText(element.property) : JSON.stringify(memberName(element));
  // `<object>[key]` or `<object>.name` up to `tailEnd` becomes `<object>.method(key<tail>`; a computed key keeps
  // its own text (and any edits inside it).
  const call = (method: string, tailEnd: number, tail: string): Edit[] =>
    element.computed
      ? [
          { range: opening.range, text: `.${method}(` },
          { range: [closing.range[0], tailEnd], text: tail },
        ]
      : [{ range: [opening.range[0], tailEnd], text: `.${method}(${key}${tail}` }];
  const statementLevel = outer.parent?.type === T.ExpressionStatement;

  // this.bag.hasOwnProperty(key)
  if (!element.computed && memberName(element) === 'hasOwnProperty' && outer.type === T.CallExpression && outer.callee === element && outer.arguments.length === 1) {
    return [{ range: [opening.range[0], element.range[1]], text: '.has' }];
  }
  if (outer.type === T.AssignmentExpression && outer.left === element) {
    const operator = sourceCode.getTokenAfter(element, (token) => token.value === outer.operator);
    const value = operator && sourceCode.getTokenAfter(operator);
    if (!statementLevel || !value) return null;
    if (outer.operator === '=') return [...call('set', value.range[0], ', '), { range: [outer.range[1], outer.range[1]], text: ')' }];
    if (!ARITHMETIC.has(outer.operator) || !isSimpleKey(element)) return null;
    // Parenthesize the value unless it binds tighter than any operator.
    const bare = [T.Identifier, T.Literal, T.MemberExpression, T.CallExpression, T.ThisExpression].includes(unwrapExpression(outer.right).type as T);
    return [
      { range: [element.range[0], value.range[0]], text: `${object}.set(${key}, ${object}.get(${key}) ${outer.operator.slice(0, -1)} ${bare ? '' : '('}` },
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
