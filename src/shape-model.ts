/**
 * The one model of a class's instance shape. Every rule and the codemod read it; nothing else
 * re-derives which properties an instance gets, when, and in which order.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import {
  T,
  isEmptyDictionaryInit,
  isFunctionNode,
  isNewTargetCheck,
  isNode,
  isThis,
  keysOrDefault,
  memberName,
  objectStaticCall,
  staticKeyName,
  unwrapExpression,
  type ClassNode,
  type FunctionNode,
  type Node,
  type VisitorKeys,
} from './ast.js';
import { calleeText, flowWrites, type FlowWrite } from './instance-flow.js';

// ---------------------------------------------------------------------------------------------
// Public types

export interface ShapeSettings {
  /** Methods that frameworks call right after construction; their writes count as construction. */
  initMethods: readonly string[];
  /**
   * Whether class fields use [[Define]] semantics (default true). False for TypeScript compiled with
   * `useDefineForClassFields: false`: a field without an initializer then emits nothing at run time.
   */
  defineClassFields?: boolean;
}

export interface ScopeManagerLike {
  scopes: ReadonlyArray<{ references: ReadonlyArray<ReferenceLike> }>;
}
interface ReferenceLike {
  identifier: Node | TSESTree.JSXIdentifier;
  resolved: VariableLike | null;
}
interface VariableLike {
  defs: ReadonlyArray<{ type: string; node: Node; name: Node }>;
  references: ReadonlyArray<{ isWrite(): boolean }>;
}

/** Type information, when the parser has a TS program (typescript-eslint parserServices). */
export interface TypeServicesLike {
  program: unknown;
  getTypeAtLocation(node: Node): { getSymbol(): { declarations?: unknown[] } | undefined; getConstructSignatures?(): readonly unknown[] };
  tsNodeToESTreeNodeMap: { get(tsNode: never): Node | undefined };
}

export interface ModelInput {
  ast: TSESTree.Program;
  scopeManager: ScopeManagerLike | null;
  visitorKeys?: VisitorKeys;
  parserServices?: Partial<TypeServicesLike> | null;
  settings?: Partial<ShapeSettings>;
  /** The source text: a file that cannot have a class or a delete is not walked (see mayRecordAnything). */
  text?: string;
}

export type DeclaredFieldKind = 'field' | 'declare' | 'optional' | 'parameter';

export interface DeclaredField {
  name: string;
  kind: DeclaredFieldKind;
  node: Node;
  value: TSESTree.Expression | null;
  typeAnnotation: TSESTree.TypeNode | null;
  /** False when the declaration emits no property at run time (`declare x`). */
  runtime: boolean;
}

/** One write that gives an instance a named property. */
export interface PropertyWrite {
  name: string;
  /** The `this.x` / `obj.x` member, or the `Object.defineProperty(...)` call. */
  node: Node;
  /** The assigned value, when there is one. */
  value: Node | null;
}

export type ConstructorIssueReason =
  | 'branch'
  | 'order'
  | 'early-return'
  | 'loop'
  | 'dynamic-key'
  | 'assign-unknown'
  | 'define-accessor';

export interface ConstructorIssue {
  reason: ConstructorIssueReason;
  /** The property concerned; absent for key-less causes (dynamic keys, unknown Object.assign). */
  name?: string;
  node: Node;
  /** For `early-return`: the return that skips the property. */
  returnNode?: TSESTree.ReturnStatement;
}

export type LateWriteSite = 'method' | 'getter' | 'setter' | 'callback' | 'instance';

export interface LateWrite extends PropertyWrite {
  site: LateWriteSite;
  /** Method the write happens in (undefined for writes through a variable outside the class). */
  methodName?: string;
}

export type DeleteTarget = 'instance' | 'record' | 'dictionary';

export interface DeleteSite {
  node: TSESTree.UnaryExpression;
  member: TSESTree.MemberExpression;
  target: DeleteTarget;
  /** Class of the instance, when the deleted object is (a field of) one. */
  owner: ClassShape | null;
  /** Class name or variable name, for messages. */
  ownerName: string;
  /** Static property name; undefined for computed keys. */
  name: string | undefined;
}

export type SealMethod = 'seal' | 'freeze' | 'preventExtensions';

export interface SealSite {
  node: TSESTree.CallExpression;
  method: SealMethod;
  owner: ClassShape;
  inConstructor: boolean;
  guardedByNewTarget: boolean;
  /** Reached only on some constructor paths. */
  conditional: boolean;
  /** Names the constructor adds after this call on the same path (a TypeError once sealed). */
  addedAfter: PropertyWrite[];
  /** Returns that leave the constructor on a path without this seal, while other paths seal. */
  skippedBy: TSESTree.ReturnStatement[];
}

/** `x.name` on an instance (`this` or a variable the model types), read or written. */
export interface PropertyAccess {
  name: string;
  node: TSESTree.MemberExpression;
  viaThis: boolean;
}

export interface ComputedWrite {
  node: TSESTree.MemberExpression;
  inConstructor: boolean;
}

export type BaseClass =
  | { kind: 'none' }
  | { kind: 'local'; shape: ClassShape }
  | { kind: 'external'; text: string };

export interface ClassShape {
  name: string;
  kind: 'class' | 'function';
  node: ClassNode | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
  /** The constructor function (ES5: the function itself); null for classes without one. */
  constructorFunction: FunctionNode | null;
  base: BaseClass;
  /** False when some ancestor comes from another module: its members are unknown. */
  ancestorsKnown: boolean;
  subclasses: ClassShape[];
  exported: boolean;
  decorated: boolean;
  /** Instance fields declared in the class body or as TS parameter properties (not static). */
  declared: Map<string, DeclaredField>;
  accessors: Map<string, { getter: boolean; setter: boolean }>;
  methods: Map<string, FunctionNode>;
  /** Properties the constructor (and its helpers and initMethods) assigns, first write each, in order. */
  constructorWrites: PropertyWrite[];
  /** Names assigned on every constructor path, in order (including runtime field declarations). */
  constructedShape: string[];
  issues: ConstructorIssue[];
  /** Properties added after construction: names outside the known shape. */
  lateAdditions: LateWrite[];
  /** Writes after construction to fields declared only as types (`declare x`): they still add the property late. */
  typeOnlyLateWrites: LateWrite[];
  deletes: DeleteSite[];
  computedWrites: ComputedWrite[];
  seals: SealSite[];
  /**
   * Names the constructor sets only inside `if (new.target === ...)`: the class's own instances get them,
   * a subclass instance does not (the codemod declares late properties that way).
   */
  newTargetOnly: Set<string>;
  /** The constructor returns a value other than `this`. */
  returnsValue: boolean;
  /** `Object.assign(this, x)` with keys unknown statically. */
  assignsUnknown: boolean;
  /** `X.prototype = new C()`: an instance serves as a prototype, whose own keys every X instance sees. */
  prototypeInstance: Node | null;
}

export interface ShapeModel {
  classes: ClassShape[];
  deletes: DeleteSite[];
  /** The class whose declaration (class node or ES5 function) is this node. */
  classOf(node: Node): ClassShape | undefined;
  /** Every property an instance ever gets: own shape plus inherited local shapes. */
  knownNames(shape: ClassShape): Set<string>;
  /** Property names of the instance in first-assignment order: fields, constructor, then later additions. */
  propertyOrder(shape: ClassShape): string[];
  /**
   * Every static-name member access on an instance of the class, anywhere in the file, in source order.
   * Computed on first use: only dictionary fields need them, and there is one per `this.x` in the file.
   */
  accesses(shape: ClassShape): PropertyAccess[];
  /** Where a field is first given a value (declaration initializer or first constructor write). */
  initialValue(shape: ClassShape, name: string): Node | null | undefined;
  /** The local class an expression names (`X` in `new X()`), if any. */
  classOfExpression(node: Node): ClassShape | undefined;
  /** Every `X.prototype = new C()`, local C or not: C's name and the assignment (the class index reads imported ones). */
  prototypeInstances: Array<{ className: string; node: Node }>;
  /**
   * Every `new` in source order (hot-paths.ts reads them instead of walking the file again); empty in a
   * file without classes, where none can construct one.
   */
  newExpressions: TSESTree.NewExpression[];
  /** Writes and deletes through variables and parameters that may hold instances (instance-flow.ts); computed on first use. */
  flowWrites(): FlowWrite[];
  /**
   * Late additions only the flow analysis ties to an instance for certain (`let b; b = new Box(); b.x = 1`),
   * not in `lateAdditions`: computed on first use, since a whole-file pass costs lint time.
   */
  flowLateAdditions(): Array<LateWrite & { shape: ClassShape }>;
}

// ---------------------------------------------------------------------------------------------
// Building

const SEAL_METHODS = ['seal', 'freeze', 'preventExtensions'] as const;
const OUTSIDE_CALLS = [...SEAL_METHODS, 'defineProperty'];
const CONSTRUCTOR_CALLS = [...SEAL_METHODS, 'assign', 'defineProperty', 'defineProperties'];

export function buildShapeModel(input: ModelInput): ShapeModel {
  return new ModelBuilder(input).build();
}

type ThisContext =
  | { kind: 'none' }
  | { kind: 'constructor'; shape: ClassShape }
  | { kind: 'method'; shape: ClassShape; site: LateWriteSite; methodName: string | undefined };

const NO_CONTEXT: ThisContext = { kind: 'none' };
const NO_TESTS: Node[] = [];

// One walk does both passes' work, each part in the order it had as a walk of its own.
/** Declarations: classes, ES5 constructors, exports, `new` sites. */
const COLLECT = 1;
/** Writes, deletes, seals and accesses: recorded as events, judged once the classes are known. */
const EVENTS = 2;
const BOTH = COLLECT | EVENTS;

/**
 * What `this` is in one function or class member. Which functions are ES5 constructors or methods is
 * known only after the walk, so the context is resolved then, once per frame.
 */
class Frame {
  context: ThisContext | undefined = undefined;
  constructor(
    readonly kind: 'none' | 'function' | 'arrow' | 'member',
    readonly node: Node | null,
    /** For members: the class. */
    readonly owner: ClassNode | null,
    readonly parent: Frame | null,
  ) {}
}

class ModelBuilder {
  readonly walkKeys: VisitorKeys;
  private readonly settings: ShapeSettings;
  private readonly shapes: ClassShape[] = [];
  private readonly shapeByNode = new Map<Node, ClassShape>();
  private readonly resolved = new Map<Node, VariableLike>();
  private readonly prototypeMembers = new Map<VariableLike, Array<{ name: string; value: Node; kind: 'method' | 'get' | 'set' }>>();
  private readonly es5Bases = new Map<VariableLike, Node>();
  /** `X.prototype = new C()`: C's constructor also builds a prototype object (by C's variable). */
  private readonly prototypeInstances = new Map<VariableLike, Node>();
  private readonly prototypeInstanceNames: Array<{ className: string; node: Node }> = [];
  private readonly exportedNames = new Set<string>();
  private readonly exportedNodes = new Set<Node>();
  private readonly deletes: DeleteSite[] = [];
  private readonly knownCache = new Map<ClassShape, Set<string>>();
  private readonly lateCandidates: Array<{ shape: ClassShape; write: LateWrite }> = [];
  private readonly es5Methods = new Map<Node, { shape: ClassShape; name: string }>();
  private readonly classNodes: Array<{ node: ClassNode; name: string }> = [];
  private readonly newExpressions: TSESTree.NewExpression[] = [];
  private readonly identifierWrites: TSESTree.MemberExpression[] = [];
  private readonly noFrame = new Frame('none', null, null, null);
  // Events as parallel lists: one entry per candidate node, in the walk's order.
  private readonly eventNodes: Node[] = [];
  private readonly eventFrames: Frame[] = [];
  private readonly eventTests: Node[][] = [];
  private readonly writeCounts = new Map<VariableLike, number>();
  private accesses: Map<ClassShape, PropertyAccess[]> | undefined;

  constructor(readonly input: ModelInput) {
    this.walkKeys = keysOrDefault(input.visitorKeys);
    this.noFrame.context = NO_CONTEXT;
    this.settings = { initMethods: input.settings?.initMethods ?? [], defineClassFields: input.settings?.defineClassFields ?? true };
  }

  build(): ShapeModel {
    if (this.input.text === undefined || mayRecordAnything(this.input.text)) {
      for (const scope of this.input.scopeManager?.scopes ?? []) {
        for (const reference of scope.references) {
          if (reference.resolved) this.resolved.set(reference.identifier as Node, reference.resolved);
        }
      }
      this.scan(this.input.ast, null, this.noFrame, NO_TESTS, BOTH);
    }
    this.addDeclarations();
    for (const shape of this.shapes) this.linkBase(shape);
    for (const shape of this.shapes) shape.ancestorsKnown = ancestorsKnown(shape);
    for (const shape of this.baseFirst()) new ConstructorAnalyzer(this, shape).run();
    this.replayEvents();
    for (const { shape, write } of this.lateCandidates) {
      if (!this.knownNames(shape).has(write.name)) shape.lateAdditions.push(write);
      else if (this.isTypeOnlyField(shape, write.name)) shape.typeOnlyLateWrites.push(write);
    }
    const builder = this;
    let flow: FlowWrite[] | undefined;
    let flowAdditions: Array<LateWrite & { shape: ClassShape }> | undefined;
    const flowOnce = (): FlowWrite[] => (flow ??= flowWrites(builder.input.ast, builder.input.visitorKeys));
    return {
      classes: this.shapes,
      deletes: this.deletes,
      classOf: (node) => this.shapeByNode.get(node),
      knownNames: (shape) => this.knownNames(shape),
      propertyOrder(shape) {
        const order: string[] = [];
        const add = (name: string): void => void (order.includes(name) || order.push(name));
        for (const field of shape.declared.values()) if (field.runtime) add(field.name);
        for (const write of shape.constructorWrites) add(write.name);
        for (const write of shape.lateAdditions) add(write.name);
        return order;
      },
      accesses: (shape) => builder.accessesOf(shape),
      initialValue: (shape, name) => builder.initialValue(shape, name),
      classOfExpression: (node) => builder.shapeOfExpression(node),
      prototypeInstances: this.prototypeInstanceNames,
      newExpressions: this.newExpressions,
      flowWrites: flowOnce,
      flowLateAdditions: () => (flowAdditions ??= builder.flowLateAdditions(flowOnce)),
    };
  }

  /** See ShapeModel.flowLateAdditions. */
  flowLateAdditions(flow: () => readonly FlowWrite[]): Array<LateWrite & { shape: ClassShape }> {
    const found: Array<LateWrite & { shape: ClassShape }> = [];
    const byName = new Map<string, ClassShape | null>();
    for (const shape of this.shapes) byName.set(shape.name, byName.has(shape.name) ? null : shape);
    if (!this.mayFlowAdd(byName)) return found;
    const writes = flow();
    const seen = new Set<Node>(this.shapes.flatMap((shape) => shape.lateAdditions.map((write) => write.node)));
    for (const write of writes) {
      if (!write.precise || write.kind !== 'write' || write.name === undefined || write.classNames.length !== 1) continue;
      const shape = byName.get(write.classNames[0]!);
      const node = write.node;
      const target = node.type === T.AssignmentExpression ? node.left : node.type === T.UpdateExpression ? node.argument : undefined;
      const member = target && unwrapExpression(target);
      if (!shape || member?.type !== T.MemberExpression || seen.has(member) || this.knownNames(shape).has(write.name)) continue;
      const value = node.type === T.AssignmentExpression && node.operator === '=' ? node.right : null;
      found.push({ shape, name: write.name, node: member, value, site: 'instance' });
      seen.add(member);
    }
    return found;
  }

  /**
   * Whether flowLateAdditions can find anything, without the whole-file flow pass: each of its writes
   * is `v.name = ...` where some `v = new C()` (or `const v = new C()`) names a class C of this file
   * and C's instances lack `name`. Usually no write qualifies.
   */
  private mayFlowAdd(byName: Map<string, ClassShape | null>): boolean {
    const assigned = new Map<string, ClassShape[]>();
    for (const node of this.newExpressions) {
      const shape = byName.get(calleeText(node.callee) as string);
      const variable = shape ? assignedVariable(node) : undefined;
      if (shape && variable !== undefined) assigned.set(variable, [...(assigned.get(variable) ?? []), shape]);
    }
    if (assigned.size === 0) return false;
    return this.identifierWrites.some((member) => {
      const shapes = assigned.get((unwrapExpression(member.object) as TSESTree.Identifier).name);
      const name = memberName(member);
      return shapes !== undefined && name !== undefined && shapes.some((shape) => !this.knownNames(shape).has(name));
    });
  }

  // --- the walk: declarations (pass 1) and events (pass 2) ------------------------------------------

  private scan(node: Node, parent: Node | null, frame: Frame, tests: Node[], mode: number): void {
    switch (node.type) {
      case T.ClassDeclaration:
      case T.ClassExpression:
        this.scanClass(node, parent, mode);
        return;
      case T.FunctionDeclaration:
      case T.FunctionExpression:
        if (mode & EVENTS) frame = new Frame('function', node, null, frame);
        tests = NO_TESTS;
        break;
      case T.ArrowFunctionExpression:
        // Arrows keep `this`, but their bodies run later: inside a constructor they are callbacks.
        if (mode & EVENTS) frame = new Frame('arrow', node, null, frame);
        tests = NO_TESTS;
        break;
      case T.ExportNamedDeclaration:
        if (mode & COLLECT) {
          if (node.declaration) this.exportedNodes.add(node.declaration);
          if (node.declaration?.type === T.VariableDeclaration) {
            for (const declarator of node.declaration.declarations) this.exportedNodes.add(declarator);
          }
          for (const specifier of node.specifiers) {
            if (specifier.local.type === T.Identifier) this.exportedNames.add(specifier.local.name);
          }
        }
        break;
      case T.ExportDefaultDeclaration:
        if (mode & COLLECT) {
          this.exportedNodes.add(node.declaration);
          if (node.declaration.type === T.Identifier) this.exportedNames.add(node.declaration.name);
        }
        break;
      case T.AssignmentExpression:
        if (mode & COLLECT) {
          this.collectPrototypeAssignment(node);
          this.collectCommonJsExport(node);
          this.collectIdentifierWrite(node.left);
        }
        if (mode & EVENTS && unwrapExpression(node.left).type === T.MemberExpression) this.addEvent(node, frame, tests);
        break;
      case T.UpdateExpression:
        if (mode & COLLECT) this.collectIdentifierWrite(node.argument);
        if (mode & EVENTS && unwrapExpression(node.argument).type === T.MemberExpression) this.addEvent(node, frame, tests);
        break;
      case T.UnaryExpression:
        if (mode & EVENTS && node.operator === 'delete') this.addEvent(node, frame, tests);
        break;
      case T.CallExpression:
        if (mode & COLLECT) this.collectEs5Inheritance(node);
        if (mode & EVENTS && node.arguments.length > 0 && objectStaticCall(node, OUTSIDE_CALLS) !== undefined) this.addEvent(node, frame, tests);
        break;
      case T.NewExpression:
        if (mode & COLLECT) this.newExpressions.push(node);
        break;
      case T.MemberExpression:
        if (mode & EVENTS && this.isAccessCandidate(node)) this.addEvent(node, frame, tests);
        break;
      case T.IfStatement: {
        this.scan(node.test, node, frame, tests, mode);
        const inner = mode & EVENTS ? [...tests, node.test] : tests;
        this.scan(node.consequent, node, frame, inner, mode);
        if (node.alternate) this.scan(node.alternate, node, frame, inner, mode);
        return;
      }
      default:
        break;
    }
    this.scanChildren(node, frame, tests, mode);
  }

  /** The children of `node`, in visitor-key order (a loop, not forEachChild: no closure per node). */
  private scanChildren(node: Node, frame: Frame, tests: Node[], mode: number): void {
    const names = this.walkKeys[node.type];
    if (!names) return;
    for (let index = 0; index < names.length; index++) {
      const value = (node as unknown as Record<string, unknown>)[names[index]!];
      if (Array.isArray(value)) {
        for (let item = 0; item < value.length; item++) if (isNode(value[item])) this.scan(value[item], node, frame, tests, mode);
      } else if (isNode(value)) {
        this.scan(value, node, frame, tests, mode);
      }
    }
  }

  /**
   * Declarations see every part of a class in key order; events only the superclass (with no `this`)
   * and the members, each with its own `this` (a method's body first, then a computed key).
   */
  private scanClass(node: ClassNode, parent: Node | null, mode: number): void {
    if (mode & COLLECT) this.classNodes.push({ node, name: className(node, parent) });
    const names = this.walkKeys[node.type] ?? [];
    for (const name of names) {
      const value = (node as unknown as Record<string, unknown>)[name];
      if (name === 'superClass') {
        if (isNode(value)) this.scan(value, node, this.noFrame, NO_TESTS, mode);
      } else if (name === 'body') {
        for (const member of node.body.body) this.scanMember(node, member, mode);
      } else if (mode & COLLECT) {
        this.scanValue(value, node, COLLECT);
      }
    }
  }

  private scanMember(owner: ClassNode, member: TSESTree.ClassElement, mode: number): void {
    const frame = mode & EVENTS ? new Frame('member', member, owner, null) : this.noFrame;
    if (member.type !== T.MethodDefinition) {
      this.scanChildren(member, frame, NO_TESTS, mode);
      return;
    }
    for (const name of this.walkKeys[member.type] ?? []) {
      const value = (member as unknown as Record<string, unknown>)[name];
      // The function's own children: the FunctionExpression itself would reset `this`.
      if (name === 'value') {
        if (isNode(value)) this.scanChildren(value, frame, NO_TESTS, mode);
      } else if (mode & COLLECT) {
        this.scanValue(value, member, COLLECT);
      }
    }
    if (mode & EVENTS && member.computed) this.scan(member.key, member, this.noFrame, NO_TESTS, EVENTS);
  }

  private scanValue(value: unknown, parent: Node, mode: number): void {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) this.scan(item, parent, this.noFrame, NO_TESTS, mode);
    } else if (isNode(value)) {
      this.scan(value, parent, this.noFrame, NO_TESTS, mode);
    }
  }

  /** `v.x = ...` / `v.x++` on a variable: what flow writes can be (see mayFlowAdd). */
  private collectIdentifierWrite(target: Node): void {
    const member = unwrapExpression(target);
    if (member.type === T.MemberExpression && unwrapExpression(member.object).type === T.Identifier) this.identifierWrites.push(member);
  }

  private addEvent(node: Node, frame: Frame, tests: Node[]): void {
    this.eventNodes.push(node);
    this.eventFrames.push(frame);
    this.eventTests.push(tests);
  }

  /** Cheap part of visitAccess's filter, so most member expressions are no event at all. */
  private isAccessCandidate(node: TSESTree.MemberExpression): boolean {
    const object = unwrapExpression(node.object);
    if (object.type !== T.ThisExpression && (object.type !== T.Identifier || !this.resolved.has(object))) return false;
    return memberName(node) !== undefined;
  }

  private addDeclarations(): void {
    for (const { node, name } of this.classNodes) this.addClass(node, name);
    for (const [variable, members] of this.prototypeMembers) this.addEs5Class(variable, members);
    for (const [variable, node] of this.prototypeInstances) {
      const def = variable.defs[0];
      const target = def?.node.type === T.VariableDeclarator && def.node.init ? unwrapExpression(def.node.init) : def?.node;
      const shape = target && this.shapeByNode.get(target);
      if (shape) shape.prototypeInstance = node;
    }
  }

  private collectPrototypeAssignment(node: TSESTree.AssignmentExpression): void {
    const left = node.left;
    if (left.type !== T.MemberExpression) return;
    // X.prototype = { ... }
    if (memberName(left) === 'prototype' && left.object.type === T.Identifier) {
      const variable = this.resolved.get(left.object);
      const value = unwrapExpression(node.right);
      if (!variable) return;
      if (value.type === T.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== T.Property) continue;
          const name = staticKeyName(property.key, property.computed);
          if (name === undefined) continue;
          const kind = property.kind === 'init' ? 'method' : property.kind;
          if (kind === 'method' && !isFunctionNode(property.value)) continue;
          this.prototypeMemberList(variable).push({ name, value: property.value, kind });
        }
      } else {
        // X.prototype = Object.create(Base.prototype) / new Base(); anything else is an unknown base.
        const base = prototypeOfCreate(value) ?? (value.type === T.NewExpression ? value.callee : value);
        this.es5Bases.set(variable, base);
        if (value.type === T.NewExpression && value.callee.type === T.Identifier) {
          this.prototypeInstanceNames.push({ className: value.callee.name, node });
          const constructed = this.resolved.get(value.callee);
          if (constructed && !this.prototypeInstances.has(constructed)) this.prototypeInstances.set(constructed, node);
        }
        this.prototypeMemberList(variable);
      }
      return;
    }
    // X.prototype.m = function () {}
    const owner = left.object;
    if (owner.type !== T.MemberExpression || memberName(owner) !== 'prototype' || owner.object.type !== T.Identifier) return;
    const variable = this.resolved.get(owner.object);
    const name = memberName(left);
    const value = unwrapExpression(node.right);
    if (!variable || name === undefined || !isFunctionNode(value)) return;
    this.prototypeMemberList(variable).push({ name, value, kind: 'method' });
  }

  private collectEs5Inheritance(node: TSESTree.CallExpression): void {
    // util.inherits(Child, Base), and helpers named like it (__extends, _extends, inherit) that replace
    // Child.prototype: Child's base is Base, whatever the helper does.
    const callee = node.callee;
    const name = callee.type === T.MemberExpression ? memberName(callee) : callee.type === T.Identifier ? callee.name : undefined;
    if (name === undefined || !INHERIT_HELPER.test(name)) return;
    const [child, base] = node.arguments;
    if (child?.type !== T.Identifier || !base) return;
    const variable = this.resolved.get(child);
    if (variable) this.es5Bases.set(variable, base);
  }

  private collectCommonJsExport(node: TSESTree.AssignmentExpression): void {
    const left = node.left;
    if (left.type !== T.MemberExpression) return;
    const target = left.object;
    const isModuleExports = target.type === T.Identifier && target.name === 'module' && memberName(left) === 'exports';
    const isExportsMember =
      (target.type === T.Identifier && target.name === 'exports') ||
      (target.type === T.MemberExpression && target.object.type === T.Identifier && target.object.name === 'module');
    if (!isModuleExports && !isExportsMember) return;
    const value = unwrapExpression(node.right);
    if (value.type === T.Identifier) this.exportedNames.add(value.name);
    if (value.type === T.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type === T.Property && property.value.type === T.Identifier) this.exportedNames.add(property.value.name);
      }
    }
  }

  private prototypeMemberList(variable: VariableLike) {
    let list = this.prototypeMembers.get(variable);
    if (!list) this.prototypeMembers.set(variable, (list = []));
    return list;
  }

  private newShape(name: string, kind: ClassShape['kind'], node: ClassShape['node'], exported: boolean): ClassShape {
    const shape: ClassShape = {
      name,
      kind,
      node,
      constructorFunction: null,
      base: { kind: 'none' },
      ancestorsKnown: true,
      subclasses: [],
      exported,
      decorated: false,
      declared: new Map(),
      accessors: new Map(),
      methods: new Map(),
      constructorWrites: [],
      constructedShape: [],
      issues: [],
      lateAdditions: [],
      typeOnlyLateWrites: [],
      deletes: [],
      computedWrites: [],
      seals: [],
      newTargetOnly: new Set(),
      returnsValue: false,
      assignsUnknown: false,
      prototypeInstance: null,
    };
    this.shapes.push(shape);
    this.shapeByNode.set(node, shape);
    return shape;
  }

  private isExported(name: string, ...nodes: Array<Node | undefined>): boolean {
    return this.exportedNames.has(name) || nodes.some((node) => node !== undefined && this.exportedNodes.has(node));
  }

  private addClass(node: ClassNode, name: string): void {
    const declarator = (node as { parent?: Node }).parent;
    const shape = this.newShape(name, 'class', node, this.isExported(name, node, declarator));
    shape.decorated = (node.decorators?.length ?? 0) > 0 || node.body.body.some((member) => 'decorators' in member && (member.decorators?.length ?? 0) > 0);
    for (const member of node.body.body) {
      if (member.type === T.MethodDefinition || member.type === T.TSAbstractMethodDefinition) {
        if (member.static) continue;
        const name = staticKeyName(member.key, member.computed);
        if (member.kind === 'constructor') {
          if (member.value.type === T.FunctionExpression && member.value.body) shape.constructorFunction = member.value;
          for (const param of member.value.params) {
            if (param.type !== T.TSParameterProperty) continue;
            const target = param.parameter.type === T.AssignmentPattern ? param.parameter.left : param.parameter;
            if (target.type !== T.Identifier) continue;
            shape.declared.set(target.name, {
              name: target.name,
              kind: 'parameter',
              node: param,
              value: null,
              typeAnnotation: target.typeAnnotation?.typeAnnotation ?? null,
              runtime: true,
            });
          }
          continue;
        }
        if (name === undefined) continue;
        if (member.kind === 'get' || member.kind === 'set') {
          const accessor = shape.accessors.get(name) ?? { getter: false, setter: false };
          accessor[member.kind === 'get' ? 'getter' : 'setter'] = true;
          shape.accessors.set(name, accessor);
        } else if (member.value.type === T.FunctionExpression) {
          shape.methods.set(name, member.value);
        }
      } else if (member.type === T.PropertyDefinition || member.type === T.TSAbstractPropertyDefinition) {
        if (member.static) continue;
        const name = staticKeyName(member.key, member.computed);
        if (name === undefined) continue;
        const kind: DeclaredFieldKind = member.declare ? 'declare' : member.optional && !member.value ? 'optional' : 'field';
        shape.declared.set(name, {
          name,
          kind,
          node: member,
          value: member.value,
          typeAnnotation: member.typeAnnotation?.typeAnnotation ?? null,
          runtime: !member.declare && member.type === T.PropertyDefinition && (member.value !== null || this.settings.defineClassFields !== false),
        });
      } else if (member.type === T.AccessorProperty) {
        const name = staticKeyName(member.key, member.computed);
        if (name !== undefined && !member.static) shape.accessors.set(name, { getter: true, setter: true });
      }
    }
  }

  private addEs5Class(variable: VariableLike, members: Array<{ name: string; value: Node; kind: 'method' | 'get' | 'set' }>): void {
    const def = variable.defs[0];
    if (!def) return;
    let fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | undefined;
    if (def.node.type === T.FunctionDeclaration) fn = def.node;
    else if (def.node.type === T.VariableDeclarator && def.node.init?.type === T.FunctionExpression) fn = def.node.init;
    if (!fn || !fn.body || def.name.type !== T.Identifier) return;
    const name = def.name.name;
    const shape = this.newShape(name, 'function', fn, this.isExported(name, def.node, fn));
    shape.constructorFunction = fn;
    for (const member of members) {
      if (member.kind === 'method' && isFunctionNode(member.value)) {
        shape.methods.set(member.name, member.value);
        this.es5Methods.set(member.value, { shape, name: member.name });
      } else if (member.kind !== 'method') {
        const accessor = shape.accessors.get(member.name) ?? { getter: false, setter: false };
        accessor[member.kind === 'get' ? 'getter' : 'setter'] = true;
        shape.accessors.set(member.name, accessor);
      }
    }
  }

  // --- inheritance -------------------------------------------------------------------------------

  private linkBase(shape: ClassShape): void {
    let baseExpression: Node | null | undefined;
    if (shape.kind === 'class') {
      baseExpression = (shape.node as ClassNode).superClass;
    } else {
      const def = this.variableDefiningShape(shape);
      baseExpression = def ? this.es5Bases.get(def) : undefined;
      baseExpression ??= this.es5BaseCall(shape);
    }
    if (!baseExpression) return;
    const base = this.shapeOfExpression(baseExpression);
    if (base && base !== shape) {
      shape.base = { kind: 'local', shape: base };
      base.subclasses.push(shape);
    } else {
      shape.base = { kind: 'external', text: expressionText(baseExpression) };
    }
  }

  private variableDefiningShape(shape: ClassShape): VariableLike | undefined {
    for (const variable of this.prototypeMembers.keys()) {
      const def = variable.defs[0];
      if (def && (def.node === shape.node || (def.node.type === T.VariableDeclarator && def.node.init === shape.node))) return variable;
    }
    return undefined;
  }

  /** `Base.call(this, ...)` as the first statement of an ES5 constructor. */
  private es5BaseCall(shape: ClassShape): Node | undefined {
    const body = shape.constructorFunction?.body;
    if (!body || body.type !== T.BlockStatement) return undefined;
    for (const statement of body.body) {
      if (statement.type !== T.ExpressionStatement) continue;
      const call = statement.expression;
      if (call.type !== T.CallExpression || call.callee.type !== T.MemberExpression) continue;
      const method = memberName(call.callee);
      if ((method === 'call' || method === 'apply') && call.arguments[0] && isThis(call.arguments[0])) return call.callee.object;
    }
    return undefined;
  }

  /** The local class an expression names (an identifier bound to a class or ES5 constructor). */
  shapeOfExpression(expression: Node): ClassShape | undefined {
    const value = unwrapExpression(expression);
    if (value.type === T.ClassExpression) return this.shapeByNode.get(value);
    if (value.type !== T.Identifier) return undefined;
    const variable = this.resolved.get(value);
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (def.node.type === T.VariableDeclarator && def.node.init) {
      return this.shapeByNode.get(unwrapExpression(def.node.init));
    }
    return this.shapeByNode.get(def.node);
  }

  private baseFirst(): ClassShape[] {
    const ordered: ClassShape[] = [];
    const seen = new Set<ClassShape>();
    const visit = (shape: ClassShape): void => {
      if (seen.has(shape)) return;
      seen.add(shape);
      if (shape.base.kind === 'local') visit(shape.base.shape);
      ordered.push(shape);
    };
    for (const shape of this.shapes) visit(shape);
    return ordered;
  }

  // --- shape queries -------------------------------------------------------------------------------

  knownNames(shape: ClassShape): Set<string> {
    let names = this.knownCache.get(shape);
    if (names) return names;
    names = new Set<string>();
    this.knownCache.set(shape, names);
    if (shape.base.kind === 'local') for (const name of this.knownNames(shape.base.shape)) names.add(name);
    for (const name of shape.declared.keys()) names.add(name);
    for (const name of shape.accessors.keys()) names.add(name);
    for (const write of shape.constructorWrites) names.add(write.name);
    return names;
  }

  /** Declared in this class without a runtime property, and not set by the constructor or a local base. */
  private isTypeOnlyField(shape: ClassShape, name: string): boolean {
    if (shape.declared.get(name)?.runtime !== false) return false;
    if (shape.constructorWrites.some((write) => write.name === name)) return false;
    return !(shape.base.kind === 'local' && this.knownNames(shape.base.shape).has(name));
  }

  /** A method resolved through the local class chain. */
  findMethod(shape: ClassShape, name: string): FunctionNode | undefined {
    for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
      const method = current.methods.get(name);
      if (method) return method;
    }
    return undefined;
  }

  hasAccessor(shape: ClassShape, name: string): boolean {
    for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
      if (current.accessors.has(name)) return true;
    }
    return false;
  }

  initialValue(shape: ClassShape, name: string): Node | null | undefined {
    const field = shape.declared.get(name);
    if (field?.value) return field.value;
    const write = shape.constructorWrites.find((candidate) => candidate.name === name);
    if (write) return write.value;
    return field ? null : undefined;
  }

  get initMethods(): readonly string[] {
    return this.settings.initMethods;
  }

  // --- pass 2: writes, deletes and seals everywhere ----------------------------------------------

  private replayEvents(): void {
    // Without classes only deletes of local records and dictionaries can matter.
    const deletesOnly = this.shapes.length === 0;
    for (let index = 0; index < this.eventNodes.length; index++) {
      const node = this.eventNodes[index]!;
      // Member accesses wait for accessesOf().
      if (node.type === T.MemberExpression || (deletesOnly && node.type !== T.UnaryExpression)) continue;
      const context = this.contextOf(this.eventFrames[index]!);
      switch (node.type) {
        case T.AssignmentExpression:
          this.visitWrite(node.left, node.right, context);
          break;
        case T.UpdateExpression:
          this.visitWrite(node.argument, null, context);
          break;
        case T.UnaryExpression:
          this.visitDelete(node, context);
          break;
        case T.CallExpression:
          this.visitCall(node, context, this.eventTests[index]!);
          break;
        default:
          break;
      }
    }
  }

  accessesOf(shape: ClassShape): PropertyAccess[] {
    if (!this.accesses) {
      this.accesses = new Map();
      for (let index = 0; index < this.eventNodes.length; index++) {
        const node = this.eventNodes[index]!;
        if (node.type === T.MemberExpression) this.visitAccess(node, this.contextOf(this.eventFrames[index]!));
      }
    }
    return this.accesses.get(shape) ?? [];
  }

  private contextOf(frame: Frame): ThisContext {
    if (frame.context) return frame.context;
    let context: ThisContext = NO_CONTEXT;
    if (frame.kind === 'function') {
      const shape = this.shapeByNode.get(frame.node!);
      const method = this.es5Methods.get(frame.node!);
      if (shape) context = { kind: 'constructor', shape };
      else if (method) context = { kind: 'method', shape: method.shape, site: 'method', methodName: method.name };
    } else if (frame.kind === 'arrow') {
      const outer = this.contextOf(frame.parent!);
      context = outer.kind === 'constructor' ? { kind: 'method', shape: outer.shape, site: 'callback', methodName: 'constructor' } : outer;
    } else if (frame.kind === 'member') {
      const member = frame.node as TSESTree.ClassElement;
      const shape = this.shapeByNode.get(frame.owner!);
      if (shape && !('static' in member && member.static) && member.type !== T.StaticBlock) {
        if (member.type === T.MethodDefinition) {
          const methodName = staticKeyName(member.key, member.computed);
          context =
            member.kind === 'constructor'
              ? { kind: 'constructor', shape }
              : { kind: 'method', shape, site: member.kind === 'get' ? 'getter' : member.kind === 'set' ? 'setter' : 'method', methodName };
        } else if (member.type === T.PropertyDefinition) {
          // Field initializers run during construction; arrow-valued fields become methods (see scan()).
          context = { kind: 'constructor', shape };
        }
      }
    }
    return (frame.context = context);
  }

  /** The class of the instance an expression denotes, if the model can tell. */
  instanceClassOf(expression: Node, context: ThisContext): ClassShape | undefined {
    const value = unwrapExpression(expression);
    if (value.type === T.ThisExpression) return context.kind === 'none' ? undefined : context.shape;
    if (value.type !== T.Identifier) return this.typedInstanceClass(value);
    const variable = this.resolved.get(value);
    const def = variable?.defs[0];
    if (!variable || !def) return this.typedInstanceClass(value);
    // The class itself (a static write), not an instance.
    if (def.type === 'ClassName' || def.type === 'FunctionName' || def.type === 'ImportBinding') return undefined;
    const annotated = this.shapeOfTypeAnnotation(def.name);
    if (annotated) return annotated;
    if (def.node.type === T.VariableDeclarator && def.node.init) {
      const init = unwrapExpression(def.node.init);
      if (init.type === T.NewExpression && this.writeCount(variable) <= 1) return this.shapeOfExpression(init.callee);
    }
    return this.typedInstanceClass(value);
  }

  /** Per variable, not per access: `v.x`, `v.y`, ... each ask. */
  private writeCount(variable: VariableLike): number {
    let writes = this.writeCounts.get(variable);
    if (writes === undefined) this.writeCounts.set(variable, (writes = variable.references.filter((reference) => reference.isWrite()).length));
    return writes;
  }

  private shapeOfTypeAnnotation(name: Node): ClassShape | undefined {
    if (name.type !== T.Identifier) return undefined;
    const annotation = name.typeAnnotation?.typeAnnotation;
    if (annotation?.type !== T.TSTypeReference || annotation.typeName.type !== T.Identifier) return undefined;
    return this.shapeOfExpression(annotation.typeName) ?? this.shapes.find((shape) => shape.name === (annotation.typeName as TSESTree.Identifier).name);
  }

  /** With type information: the declaration of the expression's type, if it is a class of this file. */
  private typedInstanceClass(expression: Node): ClassShape | undefined {
    const services = this.input.parserServices;
    if (!services?.program || !services.getTypeAtLocation || !services.tsNodeToESTreeNodeMap) return undefined;
    const type = services.getTypeAtLocation(expression);
    // `typeof C` (the constructor) has construct signatures; an instance type does not.
    if (type.getConstructSignatures && type.getConstructSignatures().length > 0) return undefined;
    const symbol = type.getSymbol();
    for (const declaration of symbol?.declarations ?? []) {
      const node = services.tsNodeToESTreeNodeMap.get(declaration as never);
      const shape = node && this.shapeByNode.get(node);
      if (shape) return shape;
    }
    return undefined;
  }

  private visitWrite(target: Node, value: Node | null, context: ThisContext): void {
    const member = unwrapExpression(target);
    if (member.type !== T.MemberExpression) return;
    const shape = this.instanceClassOf(member.object, context);
    if (!shape) return;
    const viaThis = isThis(member.object);
    const name = memberName(member);
    if (name === undefined) {
      if (!(viaThis && context.kind === 'constructor')) shape.computedWrites.push({ node: member, inConstructor: false });
      return;
    }
    if (viaThis && context.kind === 'constructor') return; // the constructor analysis owns these
    if (this.hasAccessor(shape, name)) return;
    const site: LateWriteSite = viaThis && context.kind === 'method' ? context.site : 'instance';
    const methodName = viaThis && context.kind === 'method' ? context.methodName : undefined;
    if (site !== 'instance' && methodName !== undefined && this.initMethods.includes(methodName)) return;
    this.lateCandidates.push({ shape, write: { name, node: member, value, site, methodName } });
  }

  private visitCall(node: TSESTree.CallExpression, context: ThisContext, branchTests: Node[]): void {
    const method = objectStaticCall(node, OUTSIDE_CALLS);
    const target = node.arguments[0];
    if (!method || !target) return;
    const shape = this.instanceClassOf(target, context);
    if (!shape) return;
    const inConstructor = context.kind === 'constructor' && isThis(target);
    if (method === 'defineProperty') {
      if (inConstructor) return; // the constructor analysis owns these
      const key = node.arguments[1];
      const name = key ? staticKeyName(key, true) : undefined;
      if (name !== undefined && !this.hasAccessor(shape, name)) {
        const site: LateWriteSite = context.kind === 'method' && isThis(target) ? context.site : 'instance';
        this.lateCandidates.push({ shape, write: { name, node, value: null, site, methodName: context.kind === 'method' ? context.methodName : undefined } });
      }
      return;
    }
    if (inConstructor) return; // recorded with path information by the constructor analysis
    shape.seals.push({
      node,
      method: method as SealMethod,
      owner: shape,
      inConstructor: false,
      guardedByNewTarget: branchTests.some(isNewTargetCheck),
      conditional: branchTests.length > 0,
      addedAfter: [],
      skippedBy: [],
    });
  }

  private visitAccess(node: TSESTree.MemberExpression, context: ThisContext): void {
    const name = memberName(node);
    const object = unwrapExpression(node.object);
    // `this` and local variables only: asking the type checker about every member chain and global would be costly.
    if (name === undefined || (object.type !== T.ThisExpression && (object.type !== T.Identifier || !this.resolved.has(object)))) return;
    const shape = this.instanceClassOf(object, context);
    if (!shape) return;
    let list = this.accesses!.get(shape);
    if (!list) this.accesses!.set(shape, (list = []));
    list.push({ name, node, viaThis: object.type === T.ThisExpression });
  }

  private visitDelete(node: TSESTree.UnaryExpression, context: ThisContext): void {
    const member = unwrapExpression(node.argument);
    if (member.type !== T.MemberExpression || isProcessEnv(member.object)) return;
    const name = memberName(member);
    const owner = this.instanceClassOf(member.object, context);
    if (owner) {
      this.addDelete({ node, member, target: 'instance', owner, ownerName: owner.name, name });
      return;
    }
    // `delete this.bag[key]` / `delete obj.bag.key` where `bag` is an instance field started as `{}`.
    const object = unwrapExpression(member.object);
    if (object.type === T.MemberExpression) {
      const fieldOwner = this.instanceClassOf(object.object, context);
      const field = memberName(object);
      if (fieldOwner && field !== undefined && isEmptyDictionaryInit(this.initialValue(fieldOwner, field) as Node | null)) {
        this.addDelete({ node, member, target: 'dictionary', owner: fieldOwner, ownerName: `${fieldOwner.name}.${field}`, name });
      }
      return;
    }
    // A local variable initialized with an object literal: a record (static keys) or a dictionary.
    if (object.type !== T.Identifier) return;
    const def = this.resolved.get(object)?.defs[0];
    if (def?.node.type !== T.VariableDeclarator || !def.node.init) return;
    const init = unwrapExpression(def.node.init);
    const dictionary = isEmptyDictionaryInit(init);
    if (init.type !== T.ObjectExpression && !dictionary) return;
    this.addDelete({ node, member, target: dictionary || name === undefined ? 'dictionary' : 'record', owner: null, ownerName: object.name, name });
  }

  private addDelete(site: DeleteSite): void {
    this.deletes.push(site);
    site.owner?.deletes.push(site);
  }
}

// ---------------------------------------------------------------------------------------------
// The constructor, path by path

interface Flow {
  /** Names assigned on every path so far, in order. */
  order: string[];
  terminated: boolean;
  /** An Object.seal/freeze/preventExtensions of `this` on this path. */
  seal: SealSite | null;
}

class ConstructorAnalyzer {
  private readonly writes = new Map<string, PropertyWrite>();
  private readonly conditional = new Map<string, ConstructorIssue>();
  private exits: Array<{ flow: Flow; node: TSESTree.ReturnStatement }> = [];
  private readonly inlining = new Set<FunctionNode>();
  private branchDepth = 0;
  /** Enclosing `if` tests that check new.target (isNewTargetCheck walks the test: once per `if`, not per write). */
  private newTargetGuards = 0;
  private helperDepth = 0;
  private readonly inherited: Set<string>;
  private readonly guardedNames = new Set<string>();
  private readonly unguardedNames = new Set<string>();

  constructor(
    private readonly model: ModelBuilder,
    private readonly shape: ClassShape,
  ) {
    const base = shape.base.kind === 'local' ? shape.base.shape : undefined;
    this.inherited = base ? new Set([...model.knownNames(base)].filter((name) => !base.newTargetOnly.has(name))) : new Set();
  }

  run(): void {
    const shape = this.shape;
    const flow: Flow = { order: [], terminated: false, seal: null };
    for (const field of shape.declared.values()) {
      if (field.runtime && !this.inherited.has(field.name)) flow.order.push(field.name);
    }
    const body = shape.constructorFunction?.body;
    if (body?.type === T.BlockStatement) this.statement(body, flow);
    for (const name of this.model.initMethods) {
      const method = this.model.findMethod(shape, name);
      if (method && !flow.terminated) this.inline(method, flow);
    }
    // Returns that leave without the seal that other paths reach skip it.
    const sealed = (!flow.terminated && flow.seal) || this.exits.find((exit) => exit.flow.seal)?.flow.seal;
    if (sealed) sealed.skippedBy = this.exits.filter((exit) => exit.flow.seal === null).map((exit) => exit.node);
    let result: Flow | null = flow.terminated ? null : flow;
    for (const exit of this.exits) {
      result = result ? this.merge(result, exit.flow, exit.node, 'early-return', exit.node) : exit.flow;
    }
    shape.constructedShape = result?.order ?? [];
    shape.constructorWrites = [...this.writes.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
    // Keep the construction order: fields first, then writes in the order the constructor runs them.
    const firstIndex = new Map(shape.constructedShape.map((name, index) => [name, index]));
    shape.constructorWrites.sort((a, b) => (firstIndex.get(a.name) ?? Infinity) - (firstIndex.get(b.name) ?? Infinity) || a.node.range[0] - b.node.range[0]);
    shape.issues.push(...this.conditional.values());
    for (const name of this.guardedNames) if (!this.unguardedNames.has(name)) shape.newTargetOnly.add(name);
    shape.issues.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  // --- statements ----------------------------------------------------------------------------

  private statement(node: Node, flow: Flow): void {
    if (flow.terminated) return;
    switch (node.type) {
      case T.BlockStatement:
      case T.StaticBlock:
        for (const statement of node.body) this.statement(statement, flow);
        return;
      case T.ExpressionStatement:
        this.expression(node.expression, flow, null);
        return;
      case T.VariableDeclaration:
        for (const declarator of node.declarations) if (declarator.init) this.expression(declarator.init, flow, null);
        return;
      case T.IfStatement: {
        this.expression(node.test, flow, null);
        const guard = isNewTargetCheck(node.test) ? 1 : 0;
        this.newTargetGuards += guard;
        const consequent = this.branch(node.consequent, flow);
        const alternate = node.alternate ? this.branch(node.alternate, flow) : cloneFlow(flow);
        this.newTargetGuards -= guard;
        // `if (new.target === C) { ... }`: always taken for C's own instances (subclasses see newTargetOnly).
        if (!node.alternate && !consequent.terminated && guard) Object.assign(flow, consequent);
        else Object.assign(flow, this.merge(consequent, alternate, node, 'branch'));
        return;
      }
      case T.ReturnStatement: {
        if (node.argument) this.expression(node.argument, flow, null);
        if (this.helperDepth === 0 && node.argument && !isUndefined(node.argument) && !isThis(node.argument)) this.shape.returnsValue = true;
        this.exits.push({ flow: cloneFlow(flow), node });
        flow.terminated = true;
        return;
      }
      case T.ThrowStatement:
        this.expression(node.argument, flow, null);
        flow.terminated = true;
        return;
      case T.ForStatement:
      case T.ForInStatement:
      case T.ForOfStatement:
      case T.WhileStatement: {
        if (node.type === T.ForStatement) {
          if (node.init) node.init.type === T.VariableDeclaration ? this.statement(node.init, flow) : this.expression(node.init, flow, null);
          if (node.test) this.expression(node.test, flow, null);
        } else if (node.type === T.WhileStatement) {
          this.expression(node.test, flow, null);
        } else {
          this.expression(node.right, flow, null);
        }
        // The body may run zero times: whatever it adds is conditional.
        this.markConditional(this.branch(node.body, flow), flow, 'loop');
        return;
      }
      case T.DoWhileStatement:
        this.statement(node.body, flow);
        if (!flow.terminated) this.expression(node.test, flow, null);
        return;
      case T.SwitchStatement: {
        this.expression(node.discriminant, flow, null);
        const entry = cloneFlow(flow);
        // Without a default case, the switch can be skipped entirely.
        let merged: Flow | null = node.cases.some((switchCase) => switchCase.test === null) ? null : cloneFlow(flow);
        let fallthrough: Flow | null = null;
        for (const switchCase of node.cases) {
          const start = fallthrough ? this.merge(cloneFlow(entry), fallthrough, switchCase, 'branch') : entry;
          const caseFlow = this.branch({ type: T.BlockStatement, body: switchCase.consequent } as unknown as Node, start);
          const last = switchCase.consequent.at(-1);
          if (last === undefined || !endsCase(last)) {
            fallthrough = caseFlow;
            continue;
          }
          fallthrough = null;
          merged = merged ? this.merge(merged, caseFlow, switchCase, 'branch') : caseFlow;
        }
        if (fallthrough) merged = merged ? this.merge(merged, fallthrough, node, 'branch') : fallthrough;
        if (merged) Object.assign(flow, merged);
        return;
      }
      case T.TryStatement: {
        const before = cloneFlow(flow);
        this.statement(node.block, flow);
        if (node.handler) {
          const handler = this.branch(node.handler.body, before);
          Object.assign(flow, this.merge(flow, handler, node.handler, 'branch'));
        }
        if (node.finalizer) this.statement(node.finalizer, flow);
        return;
      }
      case T.LabeledStatement:
        this.statement(node.body, flow);
        return;
      default:
        return; // declarations of functions and classes, break/continue, empty statements
    }
  }

  private branch(node: Node, flow: Flow): Flow {
    const copy = cloneFlow(flow);
    this.branchDepth++;
    this.statement(node, copy);
    this.branchDepth--;
    return copy;
  }

  /** Joins two paths: names set on both stay, the rest become conditional. */
  private merge(a: Flow, b: Flow, at: Node, reason: ConstructorIssueReason, returnNode?: TSESTree.ReturnStatement): Flow {
    if (a.terminated) return b;
    if (b.terminated) return a;
    const inB = new Set(b.order);
    const inA = new Set(a.order);
    const commonA = a.order.filter((name) => inB.has(name));
    const commonB = b.order.filter((name) => inA.has(name));
    const misplaced = commonA.find((name, index) => commonB[index] !== name);
    if (misplaced !== undefined) this.addIssue({ reason: 'order', name: misplaced, node: this.writes.get(misplaced)?.node ?? at });
    for (const name of [...a.order, ...b.order]) {
      if (inA.has(name) && inB.has(name)) continue;
      this.addIssue({ reason, name, node: this.writes.get(name)?.node ?? at, returnNode });
    }
    // Sealed on either path is enough: an addition after it throws on that path.
    return { order: commonA, terminated: false, seal: a.seal ?? b.seal };
  }

  private markConditional(body: Flow, flow: Flow, reason: ConstructorIssueReason): void {
    for (const name of body.order) {
      if (!flow.order.includes(name)) this.addIssue({ reason, name, node: this.writes.get(name)?.node ?? this.shape.node });
    }
  }

  private addIssue(issue: ConstructorIssue): void {
    if (issue.name === undefined) {
      this.shape.issues.push(issue);
      return;
    }
    if (!this.conditional.has(issue.name) && !this.inherited.has(issue.name)) this.conditional.set(issue.name, issue);
  }

  // --- expressions -------------------------------------------------------------------------

  /** `conditionalReason` is set inside `a && ...`, `c ? ... : ...` and similar. */
  private expression(node: Node, flow: Flow, conditionalReason: ConstructorIssueReason | null): void {
    if (flow.terminated) return;
    switch (node.type) {
      case T.FunctionExpression:
      case T.ArrowFunctionExpression:
      case T.ClassExpression:
        return; // bodies run later or have their own `this`
      case T.AssignmentExpression: {
        this.expression(node.right, flow, conditionalReason);
        const target = unwrapExpression(node.left);
        if (target.type === T.MemberExpression && isThis(target.object)) {
          if (node.operator === '&&=') return;
          this.write(target, node.right, flow, conditionalReason);
        } else {
          this.expression(node.left, flow, conditionalReason);
        }
        return;
      }
      case T.UpdateExpression: {
        const target = unwrapExpression(node.argument);
        if (target.type === T.MemberExpression && isThis(target.object)) this.write(target, null, flow, conditionalReason);
        return;
      }
      case T.LogicalExpression:
        this.expression(node.left, flow, conditionalReason);
        this.expression(node.right, flow, conditionalReason ?? 'branch');
        return;
      case T.ConditionalExpression:
        this.expression(node.test, flow, conditionalReason);
        this.expression(node.consequent, flow, conditionalReason ?? 'branch');
        this.expression(node.alternate, flow, conditionalReason ?? 'branch');
        return;
      case T.CallExpression:
        for (const argument of node.arguments) this.expression(argument, flow, conditionalReason);
        if (node.optional) conditionalReason ??= 'branch';
        this.call(node, flow, conditionalReason);
        return;
      default:
        this.children(node, flow, conditionalReason);
    }
  }

  private children(node: Node, flow: Flow, conditionalReason: ConstructorIssueReason | null): void {
    const names = this.model.walkKeys[node.type];
    if (!names) return;
    for (let index = 0; index < names.length; index++) {
      const value = (node as unknown as Record<string, unknown>)[names[index]!];
      if (Array.isArray(value)) {
        for (let item = 0; item < value.length; item++) if (isNode(value[item])) this.expression(value[item], flow, conditionalReason);
      } else if (isNode(value)) {
        this.expression(value, flow, conditionalReason);
      }
    }
  }

  private call(node: TSESTree.CallExpression, flow: Flow, conditionalReason: ConstructorIssueReason | null): void {
    const callee = node.callee;
    // this.helper(): its writes are part of construction.
    if (callee.type === T.MemberExpression && isThis(callee.object)) {
      const name = memberName(callee);
      const method = name === undefined ? undefined : this.model.findMethod(this.shape, name);
      if (method && this.inlining.has(method)) {
        // Recursion: the nested call's effects are unknown here, so this path yields no verdict.
        flow.terminated = true;
      } else if (method) {
        if (conditionalReason) {
          const copy = this.branch({ type: T.BlockStatement, body: [] } as unknown as Node, flow);
          this.inline(method, copy);
          Object.assign(flow, this.merge(flow, copy, node, conditionalReason));
        } else {
          this.inline(method, flow);
        }
      }
      return;
    }
    this.expression(callee, flow, conditionalReason);
    const method = objectStaticCall(node, CONSTRUCTOR_CALLS);
    const [target, ...rest] = node.arguments;
    if (!method || !target || !isThis(target)) return;
    if (method === 'assign') {
      for (const source of rest) {
        const value = unwrapExpression(source);
        const keys = value.type === T.ObjectExpression ? literalKeys(value) : undefined;
        if (!keys) {
          this.shape.assignsUnknown = true;
          this.shape.issues.push({ reason: 'assign-unknown', node });
          continue;
        }
        for (const [name, property] of keys) this.writeName(name, property, property.value, flow, conditionalReason);
      }
    } else if (method === 'defineProperty') {
      const name = rest[0] ? staticKeyName(rest[0], true) : undefined;
      if (name === undefined) {
        this.shape.issues.push({ reason: 'dynamic-key', node });
        return;
      }
      if (isAccessorDescriptor(rest[1])) this.shape.issues.push({ reason: 'define-accessor', name, node });
      this.writeName(name, node, null, flow, conditionalReason);
    } else if (method === 'defineProperties') {
      const descriptors = rest[0] && unwrapExpression(rest[0]);
      const keys = descriptors?.type === T.ObjectExpression ? literalKeys(descriptors) : undefined;
      if (!keys) {
        this.shape.issues.push({ reason: 'assign-unknown', node });
        return;
      }
      for (const [name, property] of keys) {
        if (isAccessorDescriptor(property.value)) this.shape.issues.push({ reason: 'define-accessor', name, node: property });
        this.writeName(name, property, null, flow, conditionalReason);
      }
    } else {
      const seal: SealSite = {
        node,
        method: method as SealMethod,
        owner: this.shape,
        inConstructor: true,
        guardedByNewTarget: this.newTargetGuards > 0,
        conditional: this.branchDepth > 0 || conditionalReason !== null || this.helperDepth > 0,
        addedAfter: [],
      skippedBy: [],
      };
      this.shape.seals.push(seal);
      flow.seal = seal;
    }
  }

  private inline(method: FunctionNode, flow: Flow): void {
    this.inlining.add(method);
    this.helperDepth++;
    const outerExits = this.exits;
    this.exits = [];
    if (method.body.type === T.BlockStatement) this.statement(method.body, flow);
    else this.expression(method.body, flow, null);
    // A return inside a helper ends the helper, not the constructor.
    let result: Flow | null = flow.terminated ? null : flow;
    for (const exit of this.exits) result = result ? this.merge(result, exit.flow, exit.node, 'early-return', exit.node) : exit.flow;
    this.exits = outerExits;
    this.helperDepth--;
    this.inlining.delete(method);
    Object.assign(flow, result ?? { ...flow, terminated: true });
  }

  private write(member: TSESTree.MemberExpression, value: Node | null, flow: Flow, conditionalReason: ConstructorIssueReason | null): void {
    const name = memberName(member);
    if (name === undefined) {
      this.shape.computedWrites.push({ node: member, inConstructor: true });
      this.shape.issues.push({ reason: 'dynamic-key', node: member });
      return;
    }
    this.writeName(name, member, value, flow, conditionalReason);
  }

  private writeName(name: string, node: Node, value: Node | null, flow: Flow, conditionalReason: ConstructorIssueReason | null): void {
    if (this.inherited.has(name) || this.model.hasAccessor(this.shape, name)) return;
    (this.newTargetGuards > 0 ? this.guardedNames : this.unguardedNames).add(name);
    if (!this.writes.has(name)) this.writes.set(name, { name, node, value });
    if (flow.order.includes(name)) return;
    if (flow.seal) flow.seal.addedAfter.push({ name, node, value });
    if (conditionalReason) this.addIssue({ reason: conditionalReason, name, node });
    else flow.order.push(name);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A statement after which control does not fall through to the next `case`. */
function endsCase(statement: Node): boolean {
  if (statement.type === T.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && endsCase(last);
  }
  return (
    statement.type === T.BreakStatement ||
    statement.type === T.ReturnStatement ||
    statement.type === T.ThrowStatement ||
    statement.type === T.ContinueStatement
  );
}

function cloneFlow(flow: Flow): Flow {
  return { order: [...flow.order], terminated: flow.terminated, seal: flow.seal };
}

function ancestorsKnown(shape: ClassShape): boolean {
  const seen = new Set<ClassShape>();
  for (let current: ClassShape = shape; ; ) {
    if (seen.has(current)) return false;
    seen.add(current);
    if (current.base.kind === 'none') return true;
    if (current.base.kind === 'external') return false;
    current = current.base.shape;
  }
}

function className(node: ClassNode, parent: Node | null): string {
  if (node.id) return node.id.name;
  if (parent?.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if (parent?.type === T.AssignmentExpression && parent.left.type === T.Identifier) return parent.left.name;
  if (parent?.type === T.AssignmentExpression && parent.left.type === T.MemberExpression) return memberName(parent.left) ?? '(anonymous class)';
  if (parent?.type === T.PropertyDefinition || parent?.type === T.Property) return staticKeyName(parent.key, parent.computed) ?? '(anonymous class)';
  return parent?.type === T.ExportDefaultDeclaration ? 'default' : '(anonymous class)';
}

const INHERIT_HELPER = /^_*(inherits?|extends?)$/i;

/**
 * Whether the model can find anything in this source: classes need the `class` keyword, ES5 constructors
 * a `prototype` member (spelled out, or with an escape, which needs a backslash), deletes the `delete`
 * keyword (keywords cannot be escaped). Files of plain functions skip the walk: a whole-file pass per
 * file costs lint time.
 */
function mayRecordAnything(text: string): boolean {
  return text.includes('class') || text.includes('prototype') || text.includes('\\') || text.includes('delete');
}

/** The variable `v = new C()` or `const v = new C()` gives the instance to, as instance-flow.ts reads it. */
function assignedVariable(node: TSESTree.NewExpression): string | undefined {
  let value: Node = node;
  let parent = node.parent as Node | undefined;
  // Up through `as`, `!`, `<T>` and `satisfies`, which unwrapExpression() sees through.
  while (parent && unwrapExpression(parent) !== parent && (parent as { expression?: Node }).expression === value) {
    value = parent;
    parent = parent.parent as Node | undefined;
  }
  if (parent?.type === T.VariableDeclarator && parent.init === value && parent.id.type === T.Identifier) return parent.id.name;
  if (parent?.type === T.AssignmentExpression && parent.right === value) {
    const left = unwrapExpression(parent.left);
    if (left.type === T.Identifier) return left.name;
  }
  return undefined;
}

function prototypeOfCreate(value: Node): Node | undefined {
  if (objectStaticCall(value, ['create']) === undefined || value.type !== T.CallExpression) return undefined;
  const argument = value.arguments[0];
  if (argument?.type !== T.MemberExpression || memberName(argument) !== 'prototype') return undefined;
  return argument.object;
}

function literalKeys(object: TSESTree.ObjectExpression): Map<string, TSESTree.Property> | undefined {
  const keys = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type !== T.Property) return undefined;
    const name = staticKeyName(property.key, property.computed);
    if (name === undefined) return undefined;
    keys.set(name, property);
  }
  return keys;
}

function isAccessorDescriptor(node: Node | undefined): boolean {
  const value = node && unwrapExpression(node);
  if (value?.type !== T.ObjectExpression) return false;
  return value.properties.some((property) => {
    if (property.type !== T.Property) return false;
    const key = staticKeyName(property.key, property.computed);
    // One shared function (an identifier) keeps instances fast; a closure per instance does not.
    return (key === 'get' || key === 'set') && (property.method || isFunctionNode(property.value));
  });
}

function isUndefined(node: Node): boolean {
  const value = unwrapExpression(node);
  return (value.type === T.Identifier && value.name === 'undefined') || (value.type === T.UnaryExpression && value.operator === 'void');
}

function isProcessEnv(node: Node): boolean {
  const value = unwrapExpression(node);
  return (
    value.type === T.MemberExpression &&
    memberName(value) === 'env' &&
    value.object.type === T.Identifier &&
    value.object.name === 'process'
  );
}

function expressionText(node: Node): string {
  const value = unwrapExpression(node);
  if (value.type === T.Identifier) return value.name;
  if (value.type === T.MemberExpression) {
    const name = memberName(value);
    return `${expressionText(value.object)}.${name ?? '[computed]'}`;
  }
  if (value.type === T.CallExpression) return `${expressionText(value.callee)}(...)`;
  return value.type;
}
