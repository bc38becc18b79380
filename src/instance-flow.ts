/**
 * Which variables and parameters may hold an instance of a class named in this file, and what code
 * writes or deletes through them: `const m = new PropertyMixer(); this.track(m)` with
 * `track(binding) { binding._cacheIndex = 0; }` adds `_cacheIndex` to PropertyMixer instances.
 * The shape model types `this` and directly constructed variables; this follows instances one step
 * further, into the parameters of functions the file calls with them. Name-based and per file: it
 * only ever adds properties to declare or reasons not to seal, never removes one.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T, isFunctionNode, isNode, keysOrDefault, memberName, staticKeyName, unwrapExpression, type FunctionNode, type Node, type VisitorKeys } from './ast.js';

export interface FlowWrite {
  /**
   * The classes the object may be an instance of, as written at `new` (`Mixer`, `ns.Mixer`). With more
   * than one (`obj = new A()` here, `obj = new B()` there) the write belongs to the one that has it.
   */
  classNames: string[];
  /**
   * The object is certainly an instance of the one class: the variable only ever holds it, or the
   * write follows its `new` in the same block. Not through a parameter: other callers may pass others.
   */
  precise: boolean;
  /** Static property name; undefined for a computed key. */
  name: string | undefined;
  kind: 'write' | 'delete';
  node: Node;
}

/** How many rounds instances are followed through calls (a call chain of that depth). */
const ROUNDS = 3;

interface Assignment {
  className: string;
  node: Node;
  /** The statement list the assignment is in: writes inside it, after it, see this value. */
  block: Node;
}

interface Holder {
  assignments: Assignment[];
  /** Classes received through a parameter. */
  passed: Set<string>;
}

export function flowWrites(ast: TSESTree.Program, visitorKeys?: VisitorKeys): FlowWrite[] {
  const keys = keysOrDefault(visitorKeys);
  const functions = new Map<string, FunctionNode[]>();
  const holders = new Map<Node, Map<string, Holder>>();
  const calls: Array<{ call: TSESTree.CallExpression; scope: Node }> = [];
  const accesses: Array<{ member: TSESTree.MemberExpression; kind: 'write' | 'delete'; node: Node; scope: Node }> = [];

  const holder = (scope: Node, variable: string): Holder => {
    let byName = holders.get(scope);
    if (!byName) holders.set(scope, (byName = new Map()));
    let found = byName.get(variable);
    if (!found) byName.set(variable, (found = { assignments: [], passed: new Set() }));
    return found;
  };
  /** The classes `expression` may hold at `at`, and whether that is certain. */
  const classesAt = (expression: Node, scope: Node, at: Node): { classNames: string[]; precise: boolean } => {
    const value = unwrapExpression(expression);
    if (value.type === T.NewExpression) {
      const name = calleeText(value.callee);
      return { classNames: name === undefined ? [] : [name], precise: true };
    }
    if (value.type !== T.Identifier) return { classNames: [], precise: false };
    for (let current: Node | undefined = scope; current; current = enclosingFunction(current)) {
      const found = holders.get(current)?.get(value.name);
      if (!found) continue;
      const dominating = found.assignments.filter((assignment) => assignment.node.range[1] <= at.range[0] && contains(assignment.block, at)).at(-1);
      if (dominating) return { classNames: [dominating.className], precise: true };
      const classNames = [...new Set([...found.assignments.map((assignment) => assignment.className), ...found.passed])];
      return { classNames, precise: classNames.length === 1 && found.passed.size === 0 };
    }
    return { classNames: [], precise: false };
  };
  const assign = (scope: Node, variable: string, value: Node, node: Node): void => {
    const created = unwrapExpression(value);
    const className = created.type === T.NewExpression ? calleeText(created.callee) : undefined;
    if (className === undefined) return;
    let statement = node;
    while (statement.parent && !isStatementList(statement.parent)) statement = statement.parent as Node;
    holder(scope, variable).assignments.push({ className, node, block: (statement.parent as Node | undefined) ?? statement });
  };

  const visit = (node: Node, scope: Node): void => {
    let inner = scope;
    if (isFunctionNode(node)) {
      inner = node;
      const name = functionName(node);
      if (name !== undefined) {
        const list = functions.get(name);
        if (list) list.push(node);
        else functions.set(name, [node]);
      }
    } else if (node.type === T.VariableDeclarator && node.id.type === T.Identifier && node.init) {
      assign(scope, node.id.name, node.init, node);
    } else if (node.type === T.AssignmentExpression) {
      const left = unwrapExpression(node.left);
      if (left.type === T.Identifier) assign(scope, left.name, node.right, node);
      if (left.type === T.MemberExpression) accesses.push({ member: left, kind: 'write', node, scope });
    } else if (node.type === T.UpdateExpression) {
      const target = unwrapExpression(node.argument);
      if (target.type === T.MemberExpression) accesses.push({ member: target, kind: 'write', node, scope });
    } else if (node.type === T.UnaryExpression && node.operator === 'delete') {
      const target = unwrapExpression(node.argument);
      if (target.type === T.MemberExpression) accesses.push({ member: target, kind: 'delete', node, scope });
    } else if (node.type === T.CallExpression) {
      calls.push({ call: node, scope });
    }
    // A loop over the keys, not children(): no array per node in this whole-file walk.
    const names = keys[node.type];
    if (!names) return;
    for (let index = 0; index < names.length; index++) {
      const value = (node as unknown as Record<string, unknown>)[names[index]!];
      if (Array.isArray(value)) {
        for (let item = 0; item < value.length; item++) if (isNode(value[item])) visit(value[item], inner);
      } else if (isNode(value)) {
        visit(value, inner);
      }
    }
  };
  visit(ast, ast);

  // Instances passed as arguments reach the callee's parameters (methods and functions, by name).
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const { call, scope } of calls) {
      const callee = call.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? memberName(callee) : undefined;
      const targets = name === undefined ? undefined : functions.get(name);
      if (!targets) continue;
      call.arguments.forEach((argument, index) => {
        const { classNames } = classesAt(argument, scope, call);
        if (classNames.length === 0) return;
        for (const target of targets) {
          const param = target.params[index];
          const id = param && (param.type === T.AssignmentPattern ? param.left : param);
          if (id?.type !== T.Identifier) continue;
          const passed = holder(target, id.name).passed;
          const size = passed.size;
          classNames.forEach((className) => passed.add(className));
          changed ||= passed.size > size;
        }
      });
    }
    if (!changed) break;
  }

  const writes: FlowWrite[] = [];
  for (const { member, kind, node, scope } of accesses) {
    const object = unwrapExpression(member.object);
    if (object.type !== T.Identifier) continue;
    const { classNames, precise } = classesAt(object, scope, node);
    if (classNames.length > 0) writes.push({ classNames, precise, name: memberName(member), kind, node });
  }
  return writes;
}

function isStatementList(node: Node): boolean {
  return node.type === T.BlockStatement || node.type === T.SwitchCase || node.type === T.Program || node.type === T.StaticBlock;
}

function contains(container: Node, node: Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** How a `new` names its class (`Mixer`, `ns.Mixer`): the names FlowWrite.classNames holds. */
export function calleeText(callee: Node): string | undefined {
  if (callee.type === T.Identifier) return callee.name;
  if (callee.type === T.MemberExpression && !callee.computed && callee.object.type === T.Identifier) return `${callee.object.name}.${memberName(callee) ?? ''}`;
  return undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent as Node | undefined; current; current = current.parent as Node | undefined) {
    if (isFunctionNode(current) || current.type === T.Program) return current;
  }
  return undefined;
}

/** The name a function is called by: a method key, a declaration, `X.prototype.m = function`. */
function functionName(node: FunctionNode): string | undefined {
  if (node.type === T.FunctionDeclaration) return node.id?.name;
  const parent = node.parent as Node | undefined;
  if (parent?.type === T.MethodDefinition || parent?.type === T.Property || parent?.type === T.PropertyDefinition) return staticKeyName(parent.key, parent.computed);
  if (parent?.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if (parent?.type === T.AssignmentExpression && parent.left.type === T.MemberExpression) return memberName(parent.left);
  return undefined;
}

export type FlowVerdict = 'declare' | 'unsealable' | 'ignore';

/**
 * What a flow write means for one candidate class that has `names` (its whole shape, inherited too).
 * `otherOwns`: another candidate has the property, so an unknown name is that one's (the code is
 * assumed to write each object's own properties). An unknown name on an uncertain object: no seal.
 */
export function judgeFlowWrite(write: Pick<FlowWrite, 'name' | 'kind' | 'precise'>, names: ReadonlySet<string>, otherOwns: boolean): FlowVerdict {
  if (write.name === undefined) return 'unsealable';
  // Deleting a property a sealed object has throws; deleting one it lacks does nothing.
  if (write.kind === 'delete') return names.has(write.name) ? 'unsealable' : 'ignore';
  if (names.has(write.name)) return 'ignore';
  if (write.precise) return 'declare';
  return otherOwns ? 'ignore' : 'unsealable';
}
