/**
 * What the rest of a module can observe about instance properties, by property name. The shape model
 * says which properties a class gets and when; these facts decide whether a rewrite is invisible:
 * whether `delete` can become `= undefined` and whether a number field may start as NaN.
 * Name-based on purpose: without types, any `x.p` may be an instance's `p`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T, children, isFunctionNode, isNumericExpression, memberName, objectStaticCall, staticKeyName, unwrapExpression, type Node, type VisitorKeys } from '../ast.js';

export interface ModuleFacts {
  /** `import`/`export` syntax: the module is strict. */
  isModule: boolean;
  /** Code that can tell a missing key from one set to undefined (`in`, `Object.keys`, for-in, spread...). */
  keyObservers: { any: Node | null; names: Map<string, Node> };
  /** Code that reads every value of an object (`JSON.stringify`, `Object.values`, spread...). */
  valueObserver: Node | null;
  /** Reads where `undefined` and `NaN` could behave differently, first one per name. */
  nonNumericReads: Map<string, Node>;
  /** Writes of a value that is certainly not a number (a string, object, `undefined`...), first one per name. */
  nonNumericWrites: Map<string, Node>;
  /** Names with a write that is, or likely is, a number (a numeric expression or a parameter fed numbers). */
  numericWrites: Set<string>;
  /**
   * Names with a numeric write that may be a double rather than a small integer: a field that first holds
   * `undefined` boxes every such write (a Smi needs no box).
   */
  doubleWrites: Set<string>;
  /** `new Proxy(...)` targets: `this` inside these class/function nodes, `new X()` of these names, or anything. */
  proxies: { any: Node | null; thisIn: Set<Node>; classNames: Set<string> };
  /** `X.prototype.p = value` and friends: names with a value or accessor on the prototype outside the class body. */
  prototypeProperties: Map<string, Set<string>>;
}

const KEY_LISTERS = new Set(['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'assign']);
const KEY_TESTERS = new Set(['hasOwn', 'getOwnPropertyDescriptor']);
const REFLECT_LISTERS = new Set(['ownKeys']);
const REFLECT_TESTERS = new Set(['has', 'getOwnPropertyDescriptor']);
const DEEP_COMPARE = new Set(['deepStrictEqual', 'isDeepStrictEqual', 'toStrictEqual', 'toEqual', 'deepEqual', 'notDeepStrictEqual']);
/** Global functions that convert their argument with ToNumber or ToBoolean: `undefined` and `NaN` give the same result. */
const NUMERIC_FUNCTIONS = new Set(['Number', 'Boolean', 'isNaN', 'isFinite', 'parseFloat']);
/** Binary operators whose result is the same for an `undefined` or a `NaN` operand. */
const NUMERIC_OPERATORS = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>', '<', '>', '<=', '>=']);
const COMPOUND_NUMERIC = new Set(['-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
/** Compound operators that keep an integer an integer given an integer operand (not / % ** >>>: fractions, -0, > 2^31). */
const INTEGER_COMPOUND = new Set(['-=', '*=', '<<=', '>>=', '&=', '|=', '^=']);
/** Operators whose result is a 32-bit integer (a Smi on x64) whatever the operands. */
const INT32_OPERATORS = new Set(['|', '&', '^', '<<', '>>']);
/** Integer literals kept well inside the Smi range. */
const SMI_LIMIT = 2 ** 30;

/** `moduleSyntaxOnly`: a file without classes needs only to know whether it is a module. */
export function collectModuleFacts(ast: TSESTree.Program, keys?: VisitorKeys, moduleSyntaxOnly = false): ModuleFacts {
  const collector = new FactCollector(ast, keys);
  return moduleSyntaxOnly ? collector.moduleSyntax() : collector.collect();
}

class FactCollector {
  private readonly facts: ModuleFacts = {
    isModule: false,
    keyObservers: { any: null, names: new Map() },
    valueObserver: null,
    nonNumericReads: new Map(),
    nonNumericWrites: new Map(),
    numericWrites: new Set(),
    doubleWrites: new Set(),
    proxies: { any: null, thisIn: new Set(), classNames: new Set() },
    prototypeProperties: new Map(),
  };
  /** Calls by callee name (`x.m(...)` and `m(...)`), for inferring what a parameter receives. */
  private readonly callsByName = new Map<string, TSESTree.CallExpression[]>();
  private readonly pendingWrites: Array<{ name: string; value: Node; node: Node; operator: string }> = [];

  constructor(
    private readonly ast: TSESTree.Program,
    private readonly keys: VisitorKeys | undefined,
  ) {}

  moduleSyntax(): ModuleFacts {
    this.facts.isModule = this.ast.body.some((node) => node.type === T.ImportDeclaration || node.type.startsWith('Export'));
    return this.facts;
  }

  collect(): ModuleFacts {
    this.visit(this.ast);
    // Parameters are judged once every call site is known.
    for (const write of this.pendingWrites) {
      const kind = this.numberKind(write.value, 0);
      if (COMPOUND_NUMERIC.has(write.operator)) this.numericWrite(write.name, !(INTEGER_COMPOUND.has(write.operator) && kind === 'int'));
      else if (kind !== undefined) this.numericWrite(write.name, kind === 'double');
      else if (isNonNumeric(write.value)) this.nonNumericWrite(write.name, write.node);
    }
    return this.facts;
  }

  private visit(node: Node): void {
    switch (node.type) {
      case T.ImportDeclaration:
      case T.ExportAllDeclaration:
      case T.ExportDefaultDeclaration:
      case T.ExportNamedDeclaration:
        this.facts.isModule = true;
        break;
      case T.MemberExpression:
        this.member(node);
        break;
      case T.AssignmentExpression:
        this.assignment(node);
        break;
      case T.UpdateExpression: {
        // An integer stays one under ++ and --; a double field is a double through its other writes.
        const name = propertyName(node.argument);
        if (name !== undefined) this.numericWrite(name, false);
        break;
      }
      case T.ObjectPattern:
        for (const property of node.properties) {
          const name = property.type === T.Property ? staticKeyName(property.key, property.computed) : undefined;
          // Destructuring reads the value out as is.
          if (name !== undefined) this.nonNumericRead(name, property);
          else if (property.type === T.RestElement || property.computed) this.anyValue(property);
        }
        break;
      case T.BinaryExpression:
        if (node.operator === 'in') {
          const key = node.left.type === T.Literal && typeof node.left.value === 'string' ? node.left.value : undefined;
          this.observeKeys(key, node);
        }
        break;
      case T.ForInStatement:
        this.observeKeys(undefined, node);
        this.anyValue(node);
        break;
      case T.SpreadElement:
        if (node.parent?.type === T.ObjectExpression && !isLiteralObject(node.argument)) {
          this.observeKeys(undefined, node);
          this.anyValue(node);
        }
        break;
      case T.CallExpression:
        this.call(node);
        break;
      case T.NewExpression:
        if (node.callee.type === T.Identifier && node.callee.name === 'Proxy' && node.arguments[0]) this.proxy(node.arguments[0]);
        break;
      default:
        break;
    }
    for (const child of children(node, this.keys)) this.visit(child);
  }

  // --- reads ---------------------------------------------------------------------------------------

  private member(node: TSESTree.MemberExpression): void {
    const name = memberName(node);
    if (name === undefined) {
      // `this[key]` reads any property of the instance.
      if (unwrapExpression(node.object).type === T.ThisExpression && !isWriteTarget(node)) this.anyValue(node);
      return;
    }
    if (isWriteTarget(node)) return;
    if (!numericContext(node)) this.nonNumericRead(name, node);
  }

  // --- writes --------------------------------------------------------------------------------------

  private assignment(node: TSESTree.AssignmentExpression): void {
    const target = unwrapExpression(node.left);
    if (target.type !== T.MemberExpression) return;
    const name = memberName(target);
    if (name === undefined) return;
    if (['=', '+=', '||=', '&&=', '??='].includes(node.operator) || COMPOUND_NUMERIC.has(node.operator)) {
      this.pendingWrites.push({ name, value: node.right, node, operator: node.operator });
    }
    // X.prototype.p = value: a prototype property the instance would otherwise inherit.
    const owner = unwrapExpression(target.object);
    if (owner.type === T.MemberExpression && memberName(owner) === 'prototype' && owner.object.type === T.Identifier && !isFunctionNode(unwrapExpression(node.right))) {
      this.prototypeProperty(owner.object.name, name);
    }
    if (memberName(target) === 'prototype' && target.object.type === T.Identifier) {
      const value = unwrapExpression(node.right);
      if (value.type === T.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== T.Property) continue;
          const key = staticKeyName(property.key, property.computed);
          if (key !== undefined && (property.kind !== 'init' || !isFunctionNode(property.value))) this.prototypeProperty(target.object.name, key);
        }
      }
    }
  }

  private call(node: TSESTree.CallExpression): void {
    const callee = node.callee;
    const calleeName = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? memberName(callee) : undefined;
    if (calleeName !== undefined) {
      let list = this.callsByName.get(calleeName);
      if (!list) this.callsByName.set(calleeName, (list = []));
      list.push(node);
    }
    const [first, second] = node.arguments;
    const objectMethod = objectStaticCall(node, ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'getOwnPropertyDescriptor', 'assign', 'hasOwn', 'defineProperty', 'defineProperties']);
    if (objectMethod === 'assign') {
      const [target, ...sources] = node.arguments;
      if (target && unwrapExpression(target).type !== T.ObjectExpression) {
        for (const source of sources) {
          const value = unwrapExpression(source);
          if (value.type !== T.ObjectExpression) continue;
          for (const property of value.properties) {
            const key = property.type === T.Property ? staticKeyName(property.key, property.computed) : undefined;
            if (key !== undefined && property.type === T.Property) this.pendingWrites.push({ name: key, value: property.value, node: property, operator: '=' });
          }
        }
      }
      for (const source of sources) {
        if (!isLiteralObject(source)) {
          this.observeKeys(undefined, node);
          this.anyValue(node);
        }
      }
      return;
    }
    if (objectMethod === 'defineProperty') {
      const key = second ? staticKeyName(second, true) : undefined;
      const target = first && unwrapExpression(first);
      if (key !== undefined && target?.type === T.MemberExpression && memberName(target) === 'prototype' && target.object.type === T.Identifier) {
        this.prototypeProperty(target.object.name, key);
      }
      return;
    }
    if (objectMethod === 'defineProperties') return;
    if (objectMethod && KEY_LISTERS.has(objectMethod)) {
      if (first && !isLiteralObject(first)) {
        this.observeKeys(undefined, node);
        if (objectMethod !== 'keys' && objectMethod !== 'getOwnPropertyNames') this.anyValue(node);
      }
      return;
    }
    if (objectMethod && KEY_TESTERS.has(objectMethod)) {
      this.observeKeys(second && literalString(second), node);
      if (objectMethod === 'getOwnPropertyDescriptor') this.anyValue(node);
      return;
    }
    if (callee.type !== T.MemberExpression) {
      if (callee.type === T.Identifier && callee.name === 'structuredClone') {
        this.observeKeys(undefined, node);
        this.anyValue(node);
      }
      return;
    }
    const method = memberName(callee);
    const owner = unwrapExpression(callee.object);
    const ownerName = owner.type === T.Identifier ? owner.name : undefined;
    if (ownerName === 'Reflect' && method !== undefined) {
      if (REFLECT_LISTERS.has(method)) this.observeKeys(undefined, node);
      if (REFLECT_TESTERS.has(method)) this.observeKeys(second && literalString(second), node);
      if (method === 'get' || method === 'getOwnPropertyDescriptor') this.anyValue(node);
      return;
    }
    if (ownerName === 'JSON' && method === 'stringify') {
      // JSON omits undefined values like missing keys, but prints NaN as null.
      if (first && !isLiteralObject(first)) this.anyValue(node);
      return;
    }
    if (method === 'hasOwnProperty' || method === 'propertyIsEnumerable') {
      this.observeKeys(first && literalString(first), node);
    } else if (method === 'call' && owner.type === T.MemberExpression && (memberName(owner) === 'hasOwnProperty' || memberName(owner) === 'propertyIsEnumerable')) {
      this.observeKeys(second && literalString(second), node);
    } else if (method !== undefined && DEEP_COMPARE.has(method)) {
      this.observeKeys(undefined, node);
      this.anyValue(node);
    }
  }

  private proxy(target: Node): void {
    const value = unwrapExpression(target);
    if (value.type === T.ThisExpression) {
      const owner = thisOwner(value);
      if (owner) this.facts.proxies.thisIn.add(owner);
      else this.facts.proxies.any ??= value;
    } else if (value.type === T.NewExpression && value.callee.type === T.Identifier) {
      this.facts.proxies.classNames.add(value.callee.name);
    } else if (!isLiteralObject(value) && !isFunctionNode(value)) {
      this.facts.proxies.any ??= value;
    }
  }

  // --- numbers -------------------------------------------------------------------------------------

  /**
   * 'int' for a small integer for certain, 'double' for any other number, or a parameter that every call
   * in the module feeds one; undefined when it may not be a number.
   */
  private numberKind(value: Node, depth: number): 'int' | 'double' | undefined {
    const node = unwrapExpression(value);
    if (isNumericExpression(node)) return integerExpression(node) ? 'int' : 'double';
    if (node.type === T.ConditionalExpression) {
      const [a, b] = [this.numberKind(node.consequent, depth), this.numberKind(node.alternate, depth)];
      return a === undefined || b === undefined ? undefined : a === 'int' && b === 'int' ? 'int' : 'double';
    }
    if (node.type !== T.Identifier || depth > 2) return undefined;
    const parameter = parameterOf(node);
    if (!parameter) return undefined;
    const calls = this.callsByName.get(parameter.functionName) ?? [];
    let kind: 'int' | 'double' | undefined = 'int';
    for (const call of calls) {
      const argument = call.arguments[parameter.index];
      const argumentKind = argument === undefined || argument.type === T.SpreadElement ? undefined : this.numberKind(argument, depth + 1);
      if (argumentKind === undefined) return undefined;
      if (argumentKind === 'double') kind = 'double';
    }
    return calls.length > 0 ? kind : undefined;
  }

  private numericWrite(name: string, maybeDouble: boolean): void {
    this.facts.numericWrites.add(name);
    if (maybeDouble) this.facts.doubleWrites.add(name);
  }

  // --- records -------------------------------------------------------------------------------------

  private observeKeys(name: string | undefined, node: Node): void {
    if (name === undefined) this.facts.keyObservers.any ??= node;
    else if (!this.facts.keyObservers.names.has(name)) this.facts.keyObservers.names.set(name, node);
  }

  private anyValue(node: Node): void {
    this.facts.valueObserver ??= node;
  }

  private nonNumericRead(name: string, node: Node): void {
    if (!this.facts.nonNumericReads.has(name)) this.facts.nonNumericReads.set(name, node);
  }

  private nonNumericWrite(name: string, node: Node): void {
    if (!this.facts.nonNumericWrites.has(name)) this.facts.nonNumericWrites.set(name, node);
  }

  private prototypeProperty(className: string, name: string): void {
    let names = this.facts.prototypeProperties.get(className);
    if (!names) this.facts.prototypeProperties.set(className, (names = new Set()));
    names.add(name);
  }
}

/** Whether `write` is only assigned to: the left side of `=`, a `delete` operand, a destructuring target. */
function isWriteTarget(node: TSESTree.MemberExpression): boolean {
  const { outer, parent } = climb(node);
  if (!parent) return false;
  if (parent.type === T.AssignmentExpression && parent.left === outer) return parent.operator === '=';
  if (parent.type === T.UnaryExpression && parent.operator === 'delete') return true;
  if ((parent.type === T.ForInStatement || parent.type === T.ForOfStatement) && parent.left === outer) return true;
  return parent.type === T.ArrayPattern || parent.type === T.RestElement || (parent.type === T.Property && parent.parent?.type === T.ObjectPattern && parent.value === outer) || (parent.type === T.AssignmentPattern && parent.left === outer);
}

/**
 * Whether a read gives the same result for `undefined` and `NaN`: arithmetic, comparisons with
 * numbers, truthiness tests, Math and Number conversions.
 */
export function numericContext(node: Node): boolean {
  const { outer, parent } = climb(node);
  if (!parent) return false;
  switch (parent.type) {
    case T.BinaryExpression: {
      const other = (parent.left === outer ? parent.right : parent.left) as Node;
      if (NUMERIC_OPERATORS.has(parent.operator)) return true;
      if (parent.operator === '+' || ['==', '!=', '===', '!=='].includes(parent.operator)) return isNumericExpression(other);
      return false;
    }
    case T.AssignmentExpression:
      if (parent.left !== outer) return false;
      if (COMPOUND_NUMERIC.has(parent.operator) || parent.operator === '||=' || parent.operator === '&&=') return true;
      return parent.operator === '+=' && isNumericExpression(parent.right);
    case T.UpdateExpression:
      return true;
    case T.UnaryExpression:
      return parent.operator === '-' || parent.operator === '+' || parent.operator === '~' || parent.operator === '!' || parent.operator === 'void';
    case T.LogicalExpression:
      // `a || b` gives b for both falsy values; otherwise the value itself flows on.
      if (parent.operator === '||' && parent.left === outer) return true;
      return parent.operator !== '??' && (truthinessTest(parent) || numericContext(parent));
    case T.IfStatement:
    case T.WhileStatement:
    case T.DoWhileStatement:
    case T.ForStatement:
    case T.ConditionalExpression:
      return (parent as { test?: Node | null }).test === outer;
    case T.ExpressionStatement:
      return true;
    case T.SequenceExpression:
      return parent.expressions.at(-1) !== outer || numericContext(parent);
    case T.CallExpression: {
      if (parent.callee === outer) return false;
      const callee = parent.callee;
      if (callee.type === T.Identifier) return NUMERIC_FUNCTIONS.has(callee.name) || (callee.name === 'parseInt' && parent.arguments[0] === outer);
      return callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'Math';
    }
    default:
      return false;
  }
}

function truthinessTest(node: Node): boolean {
  const { outer, parent } = climb(node);
  if (!parent) return false;
  if (parent.type === T.UnaryExpression) return parent.operator === '!';
  if (parent.type === T.LogicalExpression) return parent.operator !== '??' && truthinessTest(parent);
  if (parent.type === T.IfStatement || parent.type === T.WhileStatement || parent.type === T.DoWhileStatement || parent.type === T.ForStatement || parent.type === T.ConditionalExpression) {
    return (parent as { test?: Node | null }).test === outer;
  }
  return false;
}

/** Steps over TS-only wrappers and optional chains to the node that uses the value. */
export function climb(node: Node): { outer: Node; parent: Node | undefined } {
  let outer = node;
  let parent = outer.parent as Node | undefined;
  while (
    parent &&
    (parent.type === T.TSAsExpression ||
      parent.type === T.TSNonNullExpression ||
      parent.type === T.TSTypeAssertion ||
      parent.type === T.TSSatisfiesExpression ||
      parent.type === T.ChainExpression)
  ) {
    outer = parent;
    parent = outer.parent as Node | undefined;
  }
  return { outer, parent };
}

/** A numeric expression whose value is a small integer for certain. */
function integerExpression(node: Node): boolean {
  const value = unwrapExpression(node);
  switch (value.type) {
    case T.Literal:
      return typeof value.value === 'number' && Number.isInteger(value.value) && Math.abs(value.value) < SMI_LIMIT && !Object.is(value.value, -0);
    case T.UnaryExpression:
      // -0 is a double: only a negated non-zero literal.
      return value.operator === '~' || (value.operator === '-' && value.argument.type === T.Literal && integerExpression(value.argument) && value.argument.value !== 0);
    case T.BinaryExpression:
      return INT32_OPERATORS.has(value.operator);
    default:
      return false;
  }
}

/** Values that are certainly not numbers; anything unknown (a call, a variable) is neither. */
function isNonNumeric(node: Node): boolean {
  const value = unwrapExpression(node);
  switch (value.type) {
    case T.Literal:
      return typeof value.value !== 'number';
    case T.TemplateLiteral:
    case T.ObjectExpression:
    case T.ArrayExpression:
    case T.FunctionExpression:
    case T.ArrowFunctionExpression:
    case T.ClassExpression:
    case T.NewExpression:
      return true;
    case T.Identifier:
      // `undefined` is neutral: it is what the codemod's own declarations write, and counting it would
      // make a second run judge a number field differently from the first.
      return false;
    case T.UnaryExpression:
      return value.operator === '!' || value.operator === 'typeof' || value.operator === 'void' || value.operator === 'delete';
    case T.BinaryExpression:
      if (value.operator === '+') return isNonNumeric(value.left) || isNonNumeric(value.right);
      return ['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(value.operator);
    default:
      return false;
  }
}

function propertyName(node: Node): string | undefined {
  const target = unwrapExpression(node);
  return target.type === T.MemberExpression ? memberName(target) : undefined;
}

function literalString(node: Node): string | undefined {
  const value = unwrapExpression(node);
  if (value.type === T.Literal && (typeof value.value === 'string' || typeof value.value === 'number')) return String(value.value);
  return staticKeyName(value, true);
}

/** Literals cannot be instances: an object or array literal, or a primitive literal. */
function isLiteralObject(node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === T.ObjectExpression) return value.properties.every((property) => property.type === T.Property);
  return value.type === T.ArrayExpression || value.type === T.Literal || value.type === T.TemplateLiteral;
}

/** The class or function whose `this` a `this` expression is (arrows see through). */
function thisOwner(node: Node): Node | undefined {
  for (let current = node.parent as Node | undefined; current; current = current.parent as Node | undefined) {
    if (current.type === T.ClassBody) return current.parent as Node;
    if (current.type === T.FunctionDeclaration || current.type === T.FunctionExpression) {
      const parent = current.parent as Node | undefined;
      if (parent?.type === T.MethodDefinition || parent?.type === T.PropertyDefinition) continue;
      return current;
    }
  }
  return undefined;
}

/** The function a parameter identifier belongs to, by the name it is called with. */
function parameterOf(identifier: TSESTree.Identifier): { functionName: string; index: number } | undefined {
  for (let current = identifier.parent as Node | undefined; current; current = current.parent as Node | undefined) {
    if (!isFunctionNode(current)) continue;
    const index = current.params.findIndex((param) => {
      const target = param.type === T.TSParameterProperty ? param.parameter : param;
      return target.type === T.Identifier && target.name === identifier.name;
    });
    if (index < 0) return undefined; // a closure variable: unknown
    const parent = current.parent as Node | undefined;
    let functionName: string | undefined;
    if (current.type === T.FunctionDeclaration) functionName = current.id?.name;
    else if (parent?.type === T.MethodDefinition || parent?.type === T.Property || parent?.type === T.PropertyDefinition) functionName = staticKeyName(parent.key, parent.computed);
    else if (parent?.type === T.AssignmentExpression && parent.left.type === T.MemberExpression) functionName = memberName(parent.left);
    else if (parent?.type === T.VariableDeclarator && parent.id.type === T.Identifier) functionName = parent.id.name;
    return functionName === undefined || functionName === 'constructor' ? undefined : { functionName, index };
  }
  return undefined;
}
