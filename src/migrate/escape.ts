/**
 * Whether instances of a class can reach code this module does not show: exported, passed to a call,
 * returned, stored. Only a class whose instances stay inside the module can have a field start as NaN
 * instead of undefined: any outside reader could tell them apart. Conservative and name-based.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T, children, memberName, type Node } from '../ast.js';
import type { ClassShape } from '../shape-model.js';
import { climb } from './facts.js';

export class EscapeAnalysis {
  private uses: Map<string, Node[]> | undefined;

  constructor(private readonly ast: TSESTree.Program) {}

  /** The first node through which an instance of `shape` (or of a local subclass) may escape, or null. */
  escape(shape: ClassShape): Node | null {
    const family = familyOf(shape);
    const methods = new Set<string>();
    for (const member of family) for (const name of chainMethods(member)) methods.add(name);
    for (const member of family) {
      if (member.exported) return member.node;
      const escaped = this.thisEscape(member, methods) ?? this.nameEscape(member, family, methods);
      if (escaped) return escaped;
    }
    return null;
  }

  /** `this` may only be the object of a member access (and call its own methods). */
  private thisEscape(shape: ClassShape, methods: ReadonlySet<string>): Node | null {
    const bodies: Node[] = shape.kind === 'class' ? [(shape.node as TSESTree.ClassDeclaration).body] : [shape.node, ...shape.methods.values()];
    for (const body of bodies) {
      for (const node of thisExpressions(body)) {
        if (!this.safeInstanceUse(node, methods)) return node;
      }
    }
    return null;
  }

  /** The class name may only construct, test or subclass; each new instance only be used in place. */
  private nameEscape(shape: ClassShape, family: readonly ClassShape[], methods: ReadonlySet<string>): Node | null {
    const names = new Set([shape.name, shape.node.id?.name].filter((name): name is string => name !== undefined));
    for (const name of names) {
      for (const use of this.usesOf(name)) {
        if (use === shape.node.id) continue;
        const parent = use.parent as Node | undefined;
        if (!parent) return use;
        if (parent.type === T.VariableDeclarator && parent.id === use) continue; // its own declaration
        if (parent.type === T.NewExpression && parent.callee === use) {
          if (!this.safeNewInstance(parent, methods)) return parent;
          continue;
        }
        if (parent.type === T.BinaryExpression && (parent.operator === 'instanceof' || parent.right.type === T.MetaProperty || parent.left.type === T.MetaProperty)) continue;
        if ((parent.type === T.ClassDeclaration || parent.type === T.ClassExpression) && parent.superClass === use && family.some((member) => member.node === parent)) continue;
        if (parent.type === T.MemberExpression && parent.object === use && ['prototype', 'call', 'apply'].includes(memberName(parent) ?? '')) continue;
        return use;
      }
    }
    return null;
  }

  /** `new C()` discarded, used in place (`new C().x`), or kept in a variable used only in place. */
  private safeNewInstance(node: TSESTree.NewExpression, methods: ReadonlySet<string>): boolean {
    const { outer, parent } = climb(node);
    if (parent?.type === T.ExpressionStatement) return true;
    if (parent?.type === T.MemberExpression && parent.object === outer) return this.safeInstanceUse(node, methods);
    if (parent?.type !== T.VariableDeclarator || parent.init !== outer || parent.id.type !== T.Identifier) return false;
    const id = parent.id;
    return this.usesOf(id.name).every((use) => use === id || this.safeInstanceUse(use, methods));
  }

  /** `x.p`, `x.p = v` or `x.m()` with m a method of the class: x goes nowhere else. */
  private safeInstanceUse(node: Node, methods: ReadonlySet<string>): boolean {
    const { outer, parent } = climb(node);
    if (parent?.type !== T.MemberExpression || parent.object !== outer || parent.computed) return false;
    const call = climb(parent);
    if (call.parent?.type === T.CallExpression && call.parent.callee === call.outer) return methods.has(memberName(parent) ?? '');
    return true;
  }

  private usesOf(name: string): Node[] {
    this.uses ??= collectUses(this.ast);
    return this.uses.get(name) ?? [];
  }
}

function familyOf(shape: ClassShape): ClassShape[] {
  const family: ClassShape[] = [];
  const visit = (member: ClassShape): void => {
    if (family.includes(member)) return;
    family.push(member);
    member.subclasses.forEach(visit);
  };
  visit(shape);
  return family;
}

function chainMethods(shape: ClassShape): string[] {
  const names: string[] = [];
  for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
    names.push(...current.methods.keys());
  }
  return names;
}

/** `this` in a body, including arrows (same `this`), excluding nested functions and classes. */
function thisExpressions(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node, depth: number): void => {
    if (node.type === T.ThisExpression) found.push(node);
    for (const child of children(node)) {
      const nested = child.type === T.FunctionDeclaration || child.type === T.FunctionExpression || child.type === T.ClassDeclaration || child.type === T.ClassExpression;
      // Methods of the class body itself are function expressions: enter those, not deeper ones.
      const isMethod = child.type === T.FunctionExpression && (node.type === T.MethodDefinition || node.type === T.Property);
      if (nested && !(isMethod && depth <= 2) && !(depth === 0 && child === root)) continue;
      visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

/** Identifier references by name: everything except non-computed property names and keys. */
function collectUses(ast: TSESTree.Program): Map<string, Node[]> {
  const uses = new Map<string, Node[]>();
  const visit = (node: Node, parent: Node | undefined): void => {
    if (node.type === T.Identifier && !isKey(node, parent)) {
      const list = uses.get(node.name);
      if (list) list.push(node);
      else uses.set(node.name, [node]);
    }
    for (const child of children(node)) visit(child, node);
  };
  visit(ast, undefined);
  return uses;
}

function isKey(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === T.MemberExpression) return parent.property === node && !parent.computed;
  if (parent.type === T.Property) return parent.key === node && !parent.computed && !parent.shorthand;
  if (parent.type === T.MethodDefinition || parent.type === T.PropertyDefinition || parent.type === T.TSAbstractMethodDefinition || parent.type === T.TSAbstractPropertyDefinition) {
    return parent.key === node && !parent.computed;
  }
  return false;
}

