/**
 * Decides, from the shape model, what the codemod does to each class: which properties the constructor
 * declares, where, with which initial value, whether and how it seals, and why a class is skipped.
 * Pure and parser-neutral: edits are source ranges plus statement text, applied by the transform.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { T, children, isFunctionNode, memberName, staticKeyName, unwrapExpression, type ClassNode, type FunctionNode, type Node } from '../ast.js';
import type { ClassShape, ShapeModel } from '../shape-model.js';
import { SEAL_FLAG, sealFlagState } from '../seal-flag.js';
import { EscapeAnalysis } from './escape.js';
import type { ModuleFacts } from './facts.js';
import { judgeFlowWrite, type FlowVerdict, type FlowWrite } from '../instance-flow.js';
import type { ClassReport, CodemodChoices, DeclarationCause, SkipCode } from './report.js';

export type Range = [number, number];

/** A statement to insert: one line, or a block `head { ...body }`. */
export type StatementText = string | { head: string; body: string[] };

/** What a class inherits, as far as migration cares. */
export interface Ancestry {
  known: boolean;
  /** The base expression that could not be resolved. */
  unknownBase?: string;
  /** Every property an ancestor instance gets (declared, constructor, later). */
  names: Set<string>;
  /**
   * Properties the nearest ancestor declares only when it is the class being constructed
   * (`if (new.target === Base) { ... }`): a subclass declares them itself, after its own.
   */
  lateNames: string[];
  accessors: Set<string>;
  methods: Set<string>;
  /** Methods the ancestors' constructors call on `this`: a subclass override runs during super(). */
  ctorCalls: Set<string>;
  skipped?: { name: string; reason: string };
  /** An ancestor keeps a `delete`: instances cannot be sealed. */
  keepsDelete: boolean;
  /** Double fields an ancestor leaves added after construction: not declared, and no seal. */
  keptLate: string[];
}

/** Answers from the cross-file class index (absent for a single-file run). */
export interface CrossFile {
  /** Ancestry of a base class named by an import binding (`Base`, `ns.Base`); undefined when unknown. */
  ancestryOf(baseText: string): Ancestry | undefined;
  /** Accessors declared by subclasses of this class in other files. */
  subclassAccessors(shape: ClassShape): Set<string>;
  /** Methods declared by subclasses of this class in other files. */
  subclassMethods(shape: ClassShape): Set<string>;
  isExtendedElsewhere(shape: ClassShape): boolean;
  /** `file:line` where another file makes an instance a prototype (`X.prototype = new C()`). */
  prototypeInstanceElsewhere(shape: ClassShape): string | undefined;
  /** Properties other files add to, or delete from, instances of this class. */
  usesElsewhere(shape: ClassShape): { writes: ReadonlyMap<string, string>; unsealable: readonly string[] };
  /** Every property instances of an imported class may have; undefined when unknown. */
  namesOf(classText: string): ReadonlySet<string> | undefined;
  /** Whether another file of the run contains the word (a property name), in code, strings or comments. */
  mentionedElsewhere(word: string): boolean;
}

export interface PlanOptions extends CodemodChoices {
  typescript: boolean;
  /** The file is ES module code (import/export, .mjs, or "type": "module"). */
  esm: boolean;
  crossFile?: CrossFile;
  /** Pre-pass: judge each class on its own code, treating imported bases as known. */
  assumeBasesKnown?: boolean;
}

export interface ClassEdits {
  /** The constructor's (or ES5 function's) body; null when a constructor is created. */
  body: Range | null;
  /** The body's last statement (null: an empty body). */
  lastStatement: Range | null;
  /** Statements inserted before the body statement with that range, or last (null). */
  inserts: Array<{ before: Range | null; statements: StatementText[] }>;
  /** The seal statement: before each of `returns`, and last in the body unless that is a return. */
  seal: string | null;
  /** `inList`: the return is one statement of a block (else, e.g. `if (c) return;`, it is wrapped). */
  returns: Array<{ range: Range; inList: boolean }>;
  sealAtEnd: boolean;
  /** A constructor to create: its parameter list and super() arguments (null for a base class). */
  createConstructor: { params: string; superArgs: string | null } | null;
  classBody: Range | null;
  /** Member before which a created constructor goes (null: last). */
  constructorBefore: Range | null;
  /** TypeScript `declare` fields, after the member `declarationsAfter` (null: first in the body). */
  declarations: string[];
  declarationsAfter: Range | null;
  /** `delete x.p` expressions (and their `x.p`) that become `x.p = undefined` (`(x.p = undefined, true)` where the result is used). */
  deletes: Array<{ range: Range; member: Range; resultUsed: boolean }>;
  /** The seal tests the module-level SEAL_FLAG, which the module must declare (src/seal-flag.ts). */
  usesSealFlag: boolean;
}

export interface ClassPlan {
  shape: ClassShape;
  report: ClassReport;
  edits: ClassEdits | null;
  ancestry: Ancestry;
  /** What subclasses in other files need to know (the cross-file index stores it). */
  facts: {
    names: string[];
    /** Set on every constructor path. */
    constructed: string[];
    lateNames: string[];
    accessors: string[];
    methods: string[];
    ctorCalls: string[];
    keepsDelete: boolean;
    keptLate: string[];
    skipReason?: string;
  };
}

export interface ModuleInput {
  model: ShapeModel;
  facts: ModuleFacts;
  flow: readonly FlowWrite[];
  ast: TSESTree.Program;
  source: string;
}

const OBJECT_PROTOTYPE = new Set(Object.getOwnPropertyNames(Object.prototype));
const CONDITIONAL_REASONS = new Set(['branch', 'early-return', 'loop', 'order']);
/** Properties an instance first gets after construction: declared last, and by the most derived class. */
const LATE_CAUSES = new Set<DeclarationCause>(['late', 'type-only', 'other-file', 'delete', 'init-method', 'inherited']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function planModule(input: ModuleInput, options: PlanOptions): ClassPlan[] {
  const plans = new Map<ClassShape, ClassPlan>();
  const shared: Shared = { escapes: new EscapeAnalysis(input.ast), flowByClass: new Map(), classByName: new Map(), sealFlag: sealFlagState(input.ast, input.source) };
  for (const write of input.flow) {
    for (const name of write.classNames) {
      const list = shared.flowByClass.get(name);
      if (list) list.push(write);
      else shared.flowByClass.set(name, [write]);
    }
  }
  for (const shape of input.model.classes) if (!shared.classByName.has(shape.name)) shared.classByName.set(shape.name, shape);
  for (const shape of baseFirst(input.model.classes)) plans.set(shape, new ClassPlanner(input, options, shape, plans, shared).plan());
  return input.model.classes.map((shape) => plans.get(shape)!);
}

/** Per-module lookups the planners of its classes share. */
interface Shared {
  escapes: EscapeAnalysis;
  /** Flow writes by each class name they may reach. */
  flowByClass: Map<string, FlowWrite[]>;
  classByName: Map<string, ClassShape>;
  sealFlag: ReturnType<typeof sealFlagState>;
}

interface Wanted {
  name: string;
  cause: DeclarationCause;
  /** The write that makes the declaration necessary. */
  node: Node;
  index: number;
  /** Orders names inserted at the same place: constructor writes by position, then later writes. */
  order: [number, number];
}

class ClassPlanner {
  private readonly report: ClassReport;
  private readonly ancestry: Ancestry;
  private readonly statements: TSESTree.Statement[];
  private readonly keptDeletes: string[] = [];
  /** The deletes this class's migration turns into `= undefined`. */
  private converted: ClassEdits['deletes'] = [];
  /** Properties declared after construction-time ones, in order (inherited first). */
  private readonly lateNames: string[] = [];
  /** Properties first added by another file: name → `file:line`. */
  private readonly elsewhere = new Map<string, string>();

  constructor(
    private readonly input: ModuleInput,
    private readonly options: PlanOptions,
    private readonly shape: ClassShape,
    private readonly plans: ReadonlyMap<ClassShape, ClassPlan>,
    private readonly shared: Shared,
  ) {
    const start = shape.node.loc.start;
    this.report = {
      name: shape.name,
      kind: shape.kind,
      line: start.line,
      column: start.column + 1,
      status: 'untouched',
      reasons: [],
      declared: [],
      keptUndefined: [],
      keptLate: [],
      typeDeclarations: [],
      seal: null,
      sealGuardedByNewTarget: false,
      deletes: [],
      dictionaries: [],
    };
    this.ancestry = this.ancestryOf();
    const body = shape.constructorFunction?.body;
    this.statements = body?.type === T.BlockStatement ? body.body : [];
  }

  plan(): ClassPlan {
    this.checkOwnCode();
    const names = this.ownNames();
    if (this.report.reasons.length > 0) return this.result(null, names);

    const superIndex = this.superIndex();
    if (superIndex === undefined) return this.result(null, names);
    const exitIndex = this.exitIndex();
    const wanted = this.wantedNames(superIndex, exitIndex);
    const deletes = this.deletes(wanted, superIndex, exitIndex);
    this.checkNames(wanted);
    if (this.report.reasons.length > 0) return this.result(null, names);
    this.keepDoublesLate(wanted, superIndex);

    if (wanted.size === 0 && deletes.length === 0) {
      if (this.keptDeletes.length > 0) {
        this.skip('observable-delete', `delete of ${this.keptDeletes.map((name) => `'${name}'`).join(', ')} can be observed; left as is`);
      } else if (this.report.keptLate.length > 0) {
        const kept = this.report.keptLate[0]!;
        this.skip('late-double', `number field '${kept.name}' stays added late: ${kept.reason}`);
      }
      return this.result(null, names);
    }

    this.converted = deletes;
    const edits = this.edits(wanted, deletes);
    this.report.status = 'migrated';
    return this.result(edits, [...names, ...wanted.keys()]);
  }

  // --- skips -----------------------------------------------------------------------------------------

  private skip(code: SkipCode, message: string, node?: Node): void {
    this.report.status = 'skipped';
    this.report.reasons.push({ code, message, ...(node ? { line: node.loc.start.line } : {}) });
  }

  private checkOwnCode(): void {
    const shape = this.shape;
    const { facts } = this.input;
    if (shape.decorated) this.skip('decorated', 'decorators may replace the class or add properties');
    if (shape.returnsValue) this.skip('returns-value', 'the constructor returns another object');
    if (facts.proxies.any || facts.proxies.thisIn.has(shape.node) || facts.proxies.classNames.has(shape.name)) {
      this.skip('proxy', 'instances may be wrapped in a Proxy', facts.proxies.any ?? undefined);
    }
    if (shape.assignsUnknown) this.skip('assign-unknown', 'Object.assign(this, ...) adds keys unknown before run time');
    const asPrototype = shape.prototypeInstance ? `line ${shape.prototypeInstance.loc.start.line}` : this.options.crossFile?.prototypeInstanceElsewhere(shape);
    if (asPrototype) {
      this.skip('prototype-instance', `an instance is used as a prototype (${asPrototype}): a declared key would show through to every object that inherits from it`, shape.prototypeInstance ?? undefined);
    }
    const computed = shape.computedWrites[0]?.node ?? shape.issues.find((issue) => issue.reason === 'dynamic-key')?.node;
    if (computed) this.skip('computed-write', 'computed this[key] writes add keys unknown before run time', computed);
    const accessor = shape.issues.find((issue) => issue.reason === 'define-accessor');
    if (accessor) this.skip('per-instance-accessor', `per-instance accessor '${accessor.name}' needs moving to the prototype by hand`, accessor.node);
    const define = shape.lateAdditions.find((write) => write.node.type === T.CallExpression);
    if (define) this.skip('define-property', `Object.defineProperty adds '${define.name}' after construction`, define.node);
    if (!this.ancestry.known) this.skip('unknown-base', `base class ${this.ancestry.unknownBase ?? '(unknown)'} is not in the migrated files: it could own accessors or add properties`);
    else if (this.ancestry.skipped) this.skip('base-skipped', `base class ${this.ancestry.skipped.name} is not migrated (${this.ancestry.skipped.reason})`);
  }

  /** Declared names that would change behaviour if they became own properties at construction. */
  private checkNames(wanted: Map<string, Wanted>): void {
    const shape = this.shape;
    const prototype = this.prototypeNames();
    for (const entry of wanted.values()) {
      if (prototype.has(entry.name)) {
        this.skip('shadows-prototype', `'${entry.name}' also exists on the prototype; declaring it would hide that`, entry.node);
        return;
      }
    }
    const subclassMembers = this.subclassMembers();
    for (const entry of wanted.values()) {
      if (subclassMembers.has(entry.name)) {
        this.skip('subclass-accessor', `a subclass has a method or accessor '${entry.name}'; declaring it would hide or call it`, entry.node);
        return;
      }
    }
    // A setter of this class that the base constructor runs (it assigns that name) writes during super().
    const assignedBySuper = this.assignedByBaseConstructors();
    for (const [accessor, setter] of this.setters()) {
      if (!assignedBySuper.has(accessor)) continue;
      const written = [...thisWrites(setter, (name) => findMethod(shape, name))].find((name) => wanted.has(name));
      if (written !== undefined) {
        this.skip('written-during-super', `'${written}' is set by the ${accessor} setter, which the base constructor uses`, setter);
        return;
      }
    }
    // An override that the base constructor calls runs during super(), before this constructor's declarations.
    for (const method of this.ancestry.ctorCalls) {
      const override = shape.methods.get(method);
      const written = override && [...thisWrites(override, (name) => findMethod(shape, name))].find((name) => wanted.has(name));
      if (written !== undefined) {
        this.skip('written-during-super', `'${written}' is set by ${method}(), which the base constructor calls`, override!);
        return;
      }
    }
  }

  /**
   * Accessors (and, with `methods`, methods and prototype properties) of subclasses here
   * and in other files: subclass instances run this constructor too.
   */
  private subclassMembers(methods = true): Set<string> {
    const names = new Set([...(this.options.crossFile?.subclassAccessors(this.shape) ?? []), ...(methods ? (this.options.crossFile?.subclassMethods(this.shape) ?? []) : [])]);
    const visit = (sub: ClassShape): void => {
      for (const name of sub.accessors.keys()) names.add(name);
      if (methods) {
        for (const name of sub.methods.keys()) names.add(name);
        for (const name of this.input.facts.prototypeProperties.get(sub.name) ?? []) names.add(name);
      }
      sub.subclasses.forEach(visit);
    };
    this.shape.subclasses.forEach(visit);
    return names;
  }

  /** Names instances find on their prototype chain: methods, prototype properties, Object.prototype's. */
  private prototypeNames(): Set<string> {
    const shape = this.shape;
    const names = new Set([...OBJECT_PROTOTYPE, ...this.ancestry.methods]);
    for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
      for (const name of current.methods.keys()) names.add(name);
      for (const name of this.input.facts.prototypeProperties.get(current.name) ?? []) names.add(name);
    }
    return names;
  }

  // --- what to declare ----------------------------------------------------------------------------

  private ownNames(): string[] {
    const shape = this.shape;
    const names = new Set<string>();
    for (const field of shape.declared.values()) names.add(field.name);
    for (const write of [...shape.constructorWrites, ...shape.lateAdditions, ...shape.typeOnlyLateWrites]) names.add(write.name);
    return [...names];
  }

  private wantedNames(superIndex: number, exitIndex: number): Map<string, Wanted> {
    const shape = this.shape;
    const inheritedLate = new Set(this.ancestry.lateNames);
    // Declared by an earlier run for this class's own instances: the properties are there.
    const guarded = this.guardedNames();
    this.lateNames.push(...guarded);
    const dropped = this.droppedByOverrides();
    const excluded = new Set([
      ...[...this.ancestry.names].filter((name) => !inheritedLate.has(name) && !dropped.has(name)),
      ...this.ancestry.accessors,
      ...shape.accessors.keys(),
      ...guarded,
    ]);
    for (const field of shape.declared.values()) if (field.runtime) excluded.add(field.name);
    const constructed = new Set(shape.constructedShape);
    const wanted = new Map<string, Wanted>();
    const end = this.statements.length;
    // Construction-time declarations go before any call a subclass overrides: its code may set them.
    const overrideIndex = this.overriddenCallIndex(superIndex);
    const add = (name: string, cause: DeclarationCause, node: Node, index: number, order: [number, number]): void => {
      if (excluded.has(name)) return;
      const limit = LATE_CAUSES.has(cause) ? exitIndex : Math.min(exitIndex, overrideIndex);
      const at = Math.max(superIndex + 1, Math.min(index, limit));
      const existing = wanted.get(name);
      if (existing && existing.index <= at) return;
      wanted.set(name, existing ? { ...existing, index: at, cause, order } : { name, cause, node, index: at, order });
    };

    const orderStatements = new Set<number>();
    for (const issue of shape.issues) {
      if (issue.reason === 'order' && issue.name !== undefined) {
        const at = this.locate(issue.node, superIndex);
        if (at) orderStatements.add(at.index);
      }
    }
    for (const write of shape.constructorWrites) {
      const at = this.locate(write.node, superIndex);
      const issue = shape.issues.find((candidate) => candidate.name === write.name && CONDITIONAL_REASONS.has(candidate.reason));
      if (!at) {
        add(write.name, 'init-method', write.node, end, [1, write.node.range[0]]);
      } else if (orderStatements.has(at.index)) {
        add(write.name, 'order', write.node, at.index, [0, at.position]);
      } else if (issue || !constructed.has(write.name)) {
        add(write.name, 'conditional', write.node, at.index, [0, at.position]);
      }
    }
    // Later writes in source order: the order a program usually runs them in.
    const late = [...shape.lateAdditions.map((write) => ({ write, cause: 'late' as const })), ...shape.typeOnlyLateWrites.map((write) => ({ write, cause: 'type-only' as const }))];
    late.sort((a, b) => a.write.node.range[0] - b.write.node.range[0]);
    for (const { write, cause } of late) add(write.name, cause, write.node, end, [3, write.node.range[0]]);
    // What this class's own version of an overridden method sets is not set for subclass instances whose
    // override does not: declared before that call, for every instance.
    const overridden = this.overriddenMethods();
    if (overrideIndex < end) {
      // A name an earlier statement writes is set there, or declared before it when that is conditional.
      const earlier = new Set<string>();
      for (let index = superIndex + 1; index < overrideIndex; index++) {
        for (const name of thisWrites(this.statements[index]!, (other) => findMethod(shape, other))) earlier.add(name);
      }
      for (const call of thisCalls(this.statements[overrideIndex]!)) {
        for (const method of reachableNames(call, (name) => findMethod(shape, name))) {
          const body = overridden.has(method) ? findMethod(shape, method) : undefined;
          if (!body) continue;
          for (const name of thisWrites(body, (other) => findMethod(shape, other))) {
            if (earlier.has(name)) continue;
            add(name, 'conditional', body, overrideIndex, [0, body.range[0]]);
          }
        }
      }
    }
    // What a setter the constructor calls (`this.size = 2`) writes happens at that statement, which the
    // model does not follow: declared before it, unless set unconditionally earlier.
    for (const [accessor, setter] of this.setters()) {
      const at = this.locateAccess(accessor, superIndex);
      if (at === undefined) continue;
      for (const name of thisWrites(setter, (method) => findMethod(shape, method))) {
        const first = shape.constructorWrites.find((write) => write.name === name);
        const firstAt = first && constructed.has(name) ? this.locate(first.node, superIndex) : undefined;
        if (firstAt === undefined || firstAt.index >= at) add(name, 'conditional', setter, at, [0, setter.range[0]]);
      }
    }
    // Set by the base constructor through a helper this class overrides with one that does not set it.
    // The model counts inherited names as set, so for these the constructor is searched here: not when it
    // sets them first thing at its top level; before its first use of them otherwise.
    const inherit = (name: string, order: [number, number]): void => {
      if (constructed.has(name)) return;
      const use = this.locateAccess(name, superIndex);
      const direct = this.topLevelAssignment(name);
      if (direct !== undefined && (use === undefined || direct <= use)) return;
      if (use !== undefined) add(name, 'conditional', shape.node, use, [0, -1]);
      else add(name, 'inherited', shape.node, end, order);
    };
    for (const name of dropped) inherit(name, [2, -1]);
    // The base declares these only for its own instances: a subclass declares them too, before its own.
    this.ancestry.lateNames.forEach((name, index) => inherit(name, [2, index]));
    const known = this.input.model.knownNames(shape);
    // Writes through variables and parameters that may hold instances of this class.
    for (const { write, verdict } of this.flowVerdicts()) {
      if (verdict === 'declare' && !known.has(write.name!)) add(write.name!, 'late', write.node, end, [3, write.node.range[0]]);
    }
    let elsewhere = 0;
    for (const [name, at] of this.options.crossFile?.usesElsewhere(shape).writes ?? []) {
      if (known.has(name) || excluded.has(name) || wanted.has(name)) continue;
      this.elsewhere.set(name, at);
      add(name, 'other-file', shape.node, end, [4, elsewhere++]);
    }
    return wanted;
  }

  private deletes(wanted: Map<string, Wanted>, superIndex: number, exitIndex: number): ClassEdits['deletes'] {
    const { keyObservers } = this.input.facts;
    const converted: ClassEdits['deletes'] = [];
    const known = new Set([...this.input.model.knownNames(this.shape), ...wanted.keys(), ...this.ancestry.names]);
    let late = 0;
    for (const site of this.shape.deletes) {
      if (site.target !== 'instance' || site.owner !== this.shape) continue;
      const name = site.name;
      const observer = name === undefined ? undefined : (keyObservers.any ?? keyObservers.names.get(name));
      let reason: string | undefined;
      if (name === undefined) reason = 'computed key';
      else if (site.member.optional) reason = 'optional chain';
      else if (this.shape.accessors.has(name) || this.ancestry.accessors.has(name)) reason = `'${name}' is an accessor`;
      else if (this.prototypeNames().has(name) || this.subclassMembers().has(name)) reason = `'${name}' also exists on the prototype, which delete reveals again`;
      else if (observer) reason = `key presence is observed at line ${observer.loc.start.line}`;
      this.report.deletes.push({ name: name ?? '[computed]', line: site.node.loc.start.line, converted: reason === undefined, ...(reason ? { reason } : {}) });
      if (reason !== undefined || name === undefined) {
        this.keptDeletes.push(name ?? '[computed]');
        continue;
      }
      // Where its result is used: delete of an own, configurable property gives true.
      converted.push({ range: site.node.range, member: site.member.range, resultUsed: site.node.parent?.type !== T.ExpressionStatement });
      // In the constructor the converted delete sets the property itself: a top-level one (before any
      // return) is a declaration already; a nested one gets a declaration before its statement.
      const at = this.shape.constructorFunction && within(site.node, this.shape.constructorFunction) ? this.locate(site.node, superIndex) : undefined;
      if (at && at.index < exitIndex && this.statements[at.index] === site.node.parent) {
        const earlier = wanted.get(name);
        if (earlier && earlier.index >= at.index) wanted.delete(name);
        known.add(name);
        continue;
      }
      if (!known.has(name)) {
        known.add(name);
        wanted.set(
          name,
          at
            ? { name, cause: 'conditional', node: site.node, index: Math.min(at.index, exitIndex), order: [0, at.position] }
            : { name, cause: 'delete', node: site.node, index: Math.min(this.statements.length, exitIndex), order: [5, late++] },
        );
      }
    }
    return converted;
  }

  // --- where --------------------------------------------------------------------------------------

  /** Index of the top-level `super(...)` statement (ES5: `Base.call(this, ...)`), -1 without; undefined skips. */
  private superIndex(): number | undefined {
    const shape = this.shape;
    if (shape.base.kind === 'none') return -1;
    if (shape.kind === 'function') {
      return this.statements.findIndex((statement) => {
        if (statement.type !== T.ExpressionStatement || statement.expression.type !== T.CallExpression) return false;
        const call = statement.expression;
        const method = call.callee.type === T.MemberExpression ? memberName(call.callee) : undefined;
        return (method === 'call' || method === 'apply') && call.arguments[0]?.type === T.ThisExpression;
      });
    }
    if (!shape.constructorFunction) return -1;
    const calls = findAll(shape.constructorFunction.body!, (node) => node.type === T.CallExpression && node.callee.type === T.Super, true);
    const index = this.statements.findIndex(
      (statement) => statement.type === T.ExpressionStatement && statement.expression.type === T.CallExpression && statement.expression.callee.type === T.Super,
    );
    if (calls.length !== 1 || index < 0) {
      this.skip('super-position', 'super() is not called once, as a statement of its own, in the constructor');
      return undefined;
    }
    return index;
  }

  /** The first top-level statement that can leave the constructor early, or seals: declarations go before it. */
  private exitIndex(): number {
    const seals = this.shape.seals.filter((seal) => seal.inConstructor).map((seal) => seal.node);
    const index = this.statements.findIndex(
      (statement) => findAll(statement, (node) => node.type === T.ReturnStatement, false).length > 0 || seals.some((seal) => within(seal, statement)),
    );
    return index < 0 ? this.statements.length : index;
  }

  /** Index of the first top-level `this.<name> = ...;` statement of the constructor. */
  private topLevelAssignment(name: string): number | undefined {
    const index = this.statements.findIndex((statement) => {
      if (statement.type !== T.ExpressionStatement || statement.expression.type !== T.AssignmentExpression || statement.expression.operator !== '=') return false;
      const target = unwrapExpression(statement.expression.left);
      return target.type === T.MemberExpression && target.object.type === T.ThisExpression && memberName(target) === name;
    });
    return index < 0 ? undefined : index;
  }

  /** Names set in a top-level `if (new.target === C) { this.p = ...; }` of the constructor. */
  private guardedNames(): string[] {
    const binding = bindingName(this.shape);
    const names: string[] = [];
    for (const statement of this.statements) {
      if (statement.type !== T.IfStatement || statement.alternate || binding === undefined || !isNewTargetTest(statement.test, binding)) continue;
      const body = statement.consequent.type === T.BlockStatement ? statement.consequent.body : [statement.consequent];
      for (const inner of body) {
        if (inner.type !== T.ExpressionStatement || inner.expression.type !== T.AssignmentExpression || inner.expression.operator !== '=') continue;
        const target = unwrapExpression(inner.expression.left);
        const name = target.type === T.MemberExpression && target.object.type === T.ThisExpression ? memberName(target) : undefined;
        if (name !== undefined && this.shape.newTargetOnly.has(name)) names.push(name);
      }
    }
    return names;
  }

  private returns(): TSESTree.ReturnStatement[] {
    const body = this.shape.constructorFunction?.body;
    return body ? (findAll(body, (node) => node.type === T.ReturnStatement, false) as TSESTree.ReturnStatement[]) : [];
  }

  /** The top-level constructor statement during which `write` runs (directly or through a this.helper() call). */
  private locate(write: Node, superIndex: number): { index: number; position: number } | undefined {
    for (let index = superIndex + 1; index < this.statements.length; index++) {
      const statement = this.statements[index]!;
      if (within(write, statement)) return { index, position: write.range[0] };
      for (const call of findAll(statement, (node) => node.type === T.CallExpression && node.callee.type === T.MemberExpression && unwrapExpression(node.callee.object).type === T.ThisExpression, false)) {
        const name = memberName((call as TSESTree.CallExpression).callee as TSESTree.MemberExpression);
        if (name !== undefined && this.helperReaches(name, write, new Set())) return { index, position: call.range[0] };
      }
    }
    return undefined;
  }

  /**
   * Names the ancestors' constructors assign on `this` (through their helpers too). For a base in
   * another file, whose code is not at hand: every name it has.
   */
  private assignedByBaseConstructors(): Set<string> {
    const names = new Set<string>();
    let current = this.shape.base.kind === 'local' ? this.shape.base.shape : undefined;
    for (; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
      const ancestor: ClassShape = current;
      if (ancestor.constructorFunction) for (const name of thisWrites(ancestor.constructorFunction, (method) => findMethod(ancestor, method))) names.add(name);
      if (ancestor.base.kind === 'external') for (const name of [...this.ancestry.names, ...this.ancestry.accessors]) names.add(name);
    }
    if (this.shape.base.kind === 'external') for (const name of [...this.ancestry.names, ...this.ancestry.accessors]) names.add(name);
    return names;
  }

  /** Setter functions of this class and its local ancestors, by accessor name. */
  private setters(): Map<string, FunctionNode> {
    const found = new Map<string, FunctionNode>();
    for (let current: ClassShape | undefined = this.shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
      if (current.kind !== 'class') continue;
      for (const member of (current.node as ClassNode).body.body) {
        if (member.type !== T.MethodDefinition || member.kind !== 'set' || member.static || member.value.type !== T.FunctionExpression) continue;
        const name = staticKeyName(member.key, member.computed);
        if (name !== undefined && !found.has(name)) found.set(name, member.value);
      }
    }
    return found;
  }

  /** Methods a subclass (here or in another file) overrides. */
  private overriddenMethods(): Set<string> {
    const names = new Set(this.options.crossFile?.subclassMethods(this.shape) ?? []);
    const visit = (sub: ClassShape): void => {
      for (const name of sub.methods.keys()) names.add(name);
      sub.subclasses.forEach(visit);
    };
    this.shape.subclasses.forEach(visit);
    return names;
  }

  /**
   * The first top-level constructor statement that can run subclass code: a call of a method a subclass
   * overrides, or a use of a name a subclass defines an accessor for (end: none).
   */
  private overriddenCallIndex(superIndex: number): number {
    const overridden = this.overriddenMethods();
    const accessors = this.subclassMembers(false);
    if (overridden.size === 0 && accessors.size === 0) return this.statements.length;
    const usesAccessor = (root: Node): boolean =>
      findAll(root, (node) => node.type === T.MemberExpression && unwrapExpression(node.object).type === T.ThisExpression && accessors.has(memberName(node) ?? ''), true).length > 0;
    for (let index = superIndex + 1; index < this.statements.length; index++) {
      const statement = this.statements[index]!;
      const calls = [...thisCalls(statement)].flatMap((call) => reachableNames(call, (method) => findMethod(this.shape, method)));
      if (calls.some((call) => overridden.has(call)) || usesAccessor(statement) || calls.some((call) => reachable(call, (method) => findMethod(this.shape, method)).some(usesAccessor))) return index;
    }
    return this.statements.length;
  }

  /**
   * Names the local base constructor sets only through helpers this class overrides, with overrides
   * that do not set them: this class's instances do not get them from the base constructor.
   */
  private droppedByOverrides(): Set<string> {
    const dropped = new Set<string>();
    const base = this.shape.base.kind === 'local' ? this.shape.base.shape : undefined;
    const constructor = base?.constructorFunction;
    if (!base || !constructor) return dropped;
    const overridden = [...this.ancestry.ctorCalls].filter((name) => this.shape.methods.has(name));
    if (overridden.length === 0) return dropped;
    const resolveInBase = (name: string): FunctionNode | undefined => findMethod(base, name);
    // Set for certain by the ancestors' constructors: their top-level `this.x = ...` statements, the
    // helpers they call at top level that this class does not override, and what their own migration
    // declares in the constructor body.
    const direct = new Set<string>();
    for (let ancestor: ClassShape | undefined = base; ancestor; ancestor = ancestor.base.kind === 'local' ? ancestor.base.shape : undefined) {
      const body = ancestor.constructorFunction?.body;
      for (const statement of body?.type === T.BlockStatement ? body.body : []) {
        if (statement.type !== T.ExpressionStatement) continue;
        const expression = statement.expression;
        if (expression.type === T.AssignmentExpression && expression.operator === '=') {
          const target = unwrapExpression(expression.left);
          const name = target.type === T.MemberExpression && target.object.type === T.ThisExpression ? memberName(target) : undefined;
          if (name !== undefined) direct.add(name);
        } else if (expression.type === T.CallExpression && expression.callee.type === T.MemberExpression && unwrapExpression(expression.callee.object).type === T.ThisExpression) {
          const helper = memberName(expression.callee);
          const method = helper === undefined || overridden.includes(helper) ? undefined : resolveInBase(helper);
          if (method) for (const name of thisWrites(method, resolveInBase, new Set(), new Set(overridden))) direct.add(name);
        }
      }
      for (const field of this.plans.get(ancestor)?.report.declared ?? []) if (!LATE_CAUSES.has(field.cause)) direct.add(field.name);
    }
    for (const name of overridden) {
      const inBase = resolveInBase(name);
      if (!inBase) continue;
      const inOverride = thisWrites(this.shape.methods.get(name)!, (method) => findMethod(this.shape, method));
      for (const written of thisWrites(inBase, resolveInBase)) if (!direct.has(written) && !inOverride.has(written)) dropped.add(written);
    }
    return dropped;
  }

  /** The first top-level constructor statement that uses `this.<name>` (directly or in a this.helper()). */
  private locateAccess(name: string, superIndex: number): number | undefined {
    const uses = (root: Node): boolean =>
      findAll(root, (node) => node.type === T.MemberExpression && unwrapExpression(node.object).type === T.ThisExpression && memberName(node) === name, true).length > 0;
    for (let index = superIndex + 1; index < this.statements.length; index++) {
      const statement = this.statements[index]!;
      if (uses(statement)) return index;
      for (const call of thisCalls(statement)) {
        if (reachable(call, (method) => findMethod(this.shape, method)).some(uses)) return index;
      }
    }
    return undefined;
  }

  private helperReaches(name: string, write: Node, seen: Set<string>): boolean {
    if (seen.has(name)) return false;
    seen.add(name);
    const method = findMethod(this.shape, name);
    if (!method) return false;
    if (within(write, method)) return true;
    for (const call of thisCalls(method.body ?? method)) if (this.helperReaches(call, write, seen)) return true;
    return false;
  }

  // --- the edits -------------------------------------------------------------------------------------

  private edits(wanted: Map<string, Wanted>, deletes: ClassEdits['deletes']): ClassEdits {
    const shape = this.shape;
    const declared = [...wanted.values()].sort((a, b) => a.index - b.index || a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    const guarded = this.guarded();
    const inserts = new Map<number, StatementText[]>();
    const late: string[] = [];
    let lateIndex = this.statements.length;
    for (const entry of declared) {
      const initializer = this.initializer(entry);
      this.report.declared.push({
        name: entry.name,
        initializer: initializer === 'NaN' ? 'NaN' : 'undefined',
        cause: entry.cause,
        line: entry.node.loc.start.line,
        ...(this.elsewhere.has(entry.name) ? { at: this.elsewhere.get(entry.name) } : {}),
      });
      const statement = `${thisMember(entry.name)} = ${initializer};`;
      if (guarded && LATE_CAUSES.has(entry.cause)) {
        late.push(statement);
        lateIndex = entry.index;
        this.lateNames.push(entry.name);
        continue;
      }
      if (LATE_CAUSES.has(entry.cause)) this.lateNames.push(entry.name);
      inserts.set(entry.index, [...(inserts.get(entry.index) ?? []), statement]);
    }
    const seal = this.sealStatement(guarded);
    let sealAtEnd = seal !== null && this.statements.at(-1)?.type !== T.ReturnStatement;
    if (late.length > 0) {
      // Only the class being constructed declares them: a subclass adds its own properties first.
      const block = { head: `if (new.target === ${bindingName(shape)})`, body: late };
      if (seal && sealAtEnd && lateIndex === this.statements.length) {
        block.body.push(seal.inner);
        sealAtEnd = false;
      }
      inserts.set(lateIndex, [...(inserts.get(lateIndex) ?? []), block]);
    }
    const body = shape.constructorFunction?.body;
    const edits: ClassEdits = {
      body: body ? body.range : null,
      lastStatement: this.statements.at(-1)?.range ?? null,
      inserts: [...inserts].map(([index, statements]) => ({ before: index < this.statements.length ? this.statements[index]!.range : null, statements })),
      seal: seal?.statement ?? null,
      returns: seal
        ? this.returns().map((node) => ({ range: node.range, inList: node.parent?.type === T.BlockStatement || node.parent?.type === T.SwitchCase }))
        : [],
      sealAtEnd,
      createConstructor: null,
      classBody: null,
      constructorBefore: null,
      declarations: [],
      declarationsAfter: null,
      deletes,
      usesSealFlag: seal?.statement.includes(SEAL_FLAG) ?? false,
    };
    if (shape.kind === 'class') {
      const classBody = (shape.node as ClassNode).body;
      edits.classBody = classBody.range;
      const members = classBody.body;
      if (!body) {
        const superClass = (shape.node as ClassNode).superClass;
        edits.createConstructor = superClass ? this.derivedConstructor(superClass) : { params: '', superArgs: null };
        edits.constructorBefore = members.find((member) => member.type === T.MethodDefinition || member.type === T.TSAbstractMethodDefinition)?.range ?? null;
      }
      if (this.options.typescript) {
        edits.declarations = this.typeDeclarations(declared);
        this.report.typeDeclarations = edits.declarations;
        const fields = members.filter((member) => member.type === T.PropertyDefinition || member.type === T.TSAbstractPropertyDefinition || member.type === T.TSIndexSignature);
        edits.declarationsAfter = fields.at(-1)?.range ?? null;
      }
    }
    return edits;
  }

  private derivedConstructor(superClass: TSESTree.LeftHandSideExpression): { params: string; superArgs: string } {
    if (!this.options.typescript) return { params: '...args', superArgs: '...args' };
    const text = this.input.source.slice(superClass.range[0], superClass.range[1]);
    // `typeof` needs an entity name; anything else gets a loose rest parameter.
    const entity = isEntityName(superClass);
    return { params: entity ? `...args: ConstructorParameters<typeof ${text}>` : '...args: any[]', superArgs: '...args' };
  }

  /**
   * How a number field starts: NaN where no read can tell it from undefined (or with --numbers nan);
   * undefined where only small integers are written (a Smi needs no box), or where its type is not a
   * number; 'late' (not declared) where doubles are written: an undefined start would box every write.
   */
  private numberStart(entry: Wanted): { start: 'NaN' | 'undefined' | 'late'; reason?: string } | undefined {
    const name = entry.name;
    const { facts } = this.input;
    const numeric = facts.numericWrites.has(name) && !facts.nonNumericWrites.has(name) && entry.cause !== 'delete' && !this.deletedNames().has(name);
    if (!numeric) return undefined;
    const annotation = this.shape.declared.get(name)?.typeAnnotation ?? null;
    if (annotation && !mentions(annotation, [T.TSNumberKeyword, T.TSAnyKeyword, T.TSUnknownKeyword])) return { start: 'undefined', reason: 'its declared type is not a number' };
    // Only code in this module can hold an instance that does not escape it: its reads are all there is.
    const escape = this.escape();
    const read = facts.nonNumericReads.get(name);
    const blocker = escape
      ? `instances leave the module (line ${escape.loc.start.line}), where a read could see its first value`
      : read
        ? `read at line ${read.loc.start.line} may see its first value`
        : facts.valueObserver
          ? `whole objects are read at line ${facts.valueObserver.loc.start.line}`
          : undefined;
    if (!blocker || this.options.numbers === 'nan') return { start: 'NaN' };
    if (!facts.doubleWrites.has(name)) return { start: 'undefined', reason: `${blocker} (only small integers are written: no boxing)` };
    return { start: 'late', reason: `${blocker}, so it cannot start as NaN, and starting as undefined would box every double write (--numbers nan declares it NaN)` };
  }

  /** Leaves double fields (own, or kept late by an ancestor) added where they are now: see numberStart. */
  private keepDoublesLate(wanted: Map<string, Wanted>, superIndex: number): void {
    const inherited = 'a base class keeps it added late';
    let firstKeptWrite = Infinity;
    for (const entry of [...wanted.values()]) {
      const start = this.ancestry.keptLate.includes(entry.name) ? undefined : this.numberStart(entry);
      const reason = this.ancestry.keptLate.includes(entry.name) ? inherited : start?.start === 'late' ? start.reason : undefined;
      if (reason === undefined) continue;
      wanted.delete(entry.name);
      this.report.keptLate.push({ name: entry.name, reason });
      for (const write of this.shape.constructorWrites) {
        if (write.name === entry.name) firstKeptWrite = Math.min(firstKeptWrite, this.locate(write.node, superIndex)?.index ?? Infinity);
      }
    }
    // The constructor sets a kept field on some paths only: declarations go before that write, or the
    // instances that get it later would have their keys in another order (another hidden class).
    for (const entry of wanted.values()) if (entry.index > firstKeptWrite) wanted.set(entry.name, { ...entry, index: firstKeptWrite });
    // Inherited ones this class does not write itself: its instances keep that shape change too.
    for (const name of this.ancestry.keptLate) {
      if (!this.report.keptLate.some((field) => field.name === name)) this.report.keptLate.push({ name, reason: inherited });
    }
  }

  private initializer(entry: Wanted): string {
    const decision = this.numberStart(entry);
    if (decision?.start === 'NaN') return 'NaN';
    if (decision?.reason) this.report.keptUndefined.push({ name: entry.name, reason: decision.reason });
    const annotation = this.shape.declared.get(entry.name)?.typeAnnotation ?? null;
    if (this.options.typescript && annotation && !admitsUndefined(this.shape.declared.get(entry.name)!.node, annotation)) return 'undefined!';
    return 'undefined';
  }

  private verdicts: Array<{ write: FlowWrite; verdict: FlowVerdict }> | undefined;

  /** What each flow write in this module that may reach this class's instances means for it. */
  private flowVerdicts(): Array<{ write: FlowWrite; verdict: FlowVerdict }> {
    if (this.verdicts) return this.verdicts;
    const ownNames = new Set([this.shape.name, bindingName(this.shape)]);
    const writes = new Set([...ownNames].flatMap((name) => (name === undefined ? [] : (this.shared.flowByClass.get(name) ?? []))));
    this.verdicts = [];
    if (writes.size === 0) return this.verdicts;
    const mine = this.namesOfShape(this.shape);
    for (const write of writes) {
      const others = write.classNames.filter((name) => !ownNames.has(name));
      const otherOwns = write.name !== undefined && others.some((name) => this.namesOfText(name)?.has(write.name!) ?? false);
      const verdict = judgeFlowWrite(write, mine, otherOwns);
      if (verdict !== 'ignore') this.verdicts.push({ write, verdict });
    }
    return this.verdicts;
  }

  /** Every property a local class's instances may have, inherited ones included. */
  private namesOfShape(shape: ClassShape): Set<string> {
    const plan = this.plans.get(shape);
    const ancestry = plan?.ancestry ?? (shape === this.shape ? this.ancestry : emptyAncestry());
    return new Set([
      ...this.input.model.knownNames(shape),
      ...shape.lateAdditions.map((write) => write.name),
      ...shape.typeOnlyLateWrites.map((write) => write.name),
      ...ancestry.names,
      ...ancestry.lateNames,
      ...ancestry.accessors,
    ]);
  }

  private namesOfText(text: string): ReadonlySet<string> | undefined {
    const local = this.shared.classByName.get(text);
    return local ? this.namesOfShape(local) : this.options.crossFile?.namesOf(text);
  }

  private escaped: Node | null | undefined;

  /** Where instances may leave the module (NaN is then visible to readers there), or null. */
  private escape(): Node | null {
    if (this.escaped === undefined) {
      this.escaped = this.options.crossFile?.isExtendedElsewhere(this.shape) ? this.shape.node : this.shared.escapes.escape(this.shape);
    }
    return this.escaped;
  }

  private deletedNames(): Set<string> {
    return new Set(this.shape.deletes.filter((site) => site.name !== undefined).map((site) => site.name!));
  }

  private typeDeclarations(declared: Wanted[]): string[] {
    const lines: string[] = [];
    for (const entry of declared) {
      if (this.shape.declared.has(entry.name)) continue;
      const values = [...this.shape.constructorWrites, ...this.shape.lateAdditions].filter((write) => write.name === entry.name).map((write) => write.value);
      const types = new Set<string>();
      for (const value of values) types.add((value && typeOf(value, this.input.source)) ?? 'any');
      const type = types.size === 0 || types.has('any') ? 'any' : [...types, 'undefined'].filter((item, index, all) => all.indexOf(item) === index).join(' | ');
      const key = IDENTIFIER.test(entry.name) ? entry.name : `'${entry.name.replace(/['\\]/g, '\\$&')}'`;
      lines.push(`declare ${key}: ${type};`);
    }
    return lines;
  }

  /** Extended or exported: the seal, and properties first added later, apply only to this class's own instances. */
  private guarded(): boolean {
    const shape = this.shape;
    return shape.exported || shape.subclasses.length > 0 || (this.options.crossFile?.isExtendedElsewhere(shape) ?? false);
  }

  /** The seal statement, and its form inside an `if (new.target === C)` block; null when not sealing. */
  private sealStatement(guarded: boolean): { statement: string; inner: string } | null {
    const shape = this.shape;
    const mode = this.options.seal;
    const noSeal = (why: string): null => {
      this.report.sealSkipped = why;
      return null;
    };
    if (mode === 'none') return noSeal('--seal=none');
    if (shape.seals.some((seal) => seal.inConstructor)) return noSeal('the constructor already seals, freezes or prevents extensions');
    if (this.keptDeletes.length > 0) return noSeal(`delete of ${this.keptDeletes.join(', ')} is kept and would throw on a sealed instance`);
    if (this.ancestry.keepsDelete) return noSeal('a base class keeps a delete, which would throw on a sealed instance');
    const late = [...new Set([...this.ancestry.keptLate, ...this.report.keptLate.map((field) => field.name)])];
    if (late.length > 0) return noSeal(`number field${late.length > 1 ? 's' : ''} ${late.map((name) => `'${name}'`).join(', ')} stay${late.length > 1 ? '' : 's'} added after construction, which would throw once sealed`);
    // A delete this run turns into `= undefined` no longer removes anything.
    const converted = new Set(this.converted.map((site) => site.range[0]));
    const unsealable = [
      ...this.flowVerdicts()
        .filter(({ verdict, write }) => verdict === 'unsealable' && !(write.kind === 'delete' && converted.has(write.node.range[0])))
        .map(({ write }) => `line ${write.node.loc.start.line}${write.name === undefined ? '' : ` ('${write.name}')`}`),
      ...(this.options.crossFile?.usesElsewhere(shape).unsealable ?? []),
    ];
    if (unsealable.length > 0) return noSeal(`${unsealable.join(', ')} may add or delete properties of instances, which would throw once sealed`);
    if (shape.kind === 'function' && !this.strict()) return noSeal('sloppy-mode code: a sealed object would silently drop later additions');
    const name = bindingName(shape);
    if (guarded && name === undefined) return noSeal('an anonymous class cannot guard its seal with new.target');
    this.report.seal = mode;
    this.report.sealGuardedByNewTarget = guarded;
    // The module-level flag, unless the name is taken: then the (slower) test itself.
    const development = this.shared.sealFlag.state === 'conflict' ? "process.env.NODE_ENV !== 'production'" : SEAL_FLAG;
    const inner = mode === 'development' ? `if (${development}) Object.seal(this);` : 'Object.seal(this);';
    const conditions = [...(mode === 'development' ? [development] : []), ...(guarded ? [`new.target === ${name}`] : [])];
    return { statement: conditions.length > 0 ? `if (${conditions.join(' && ')}) Object.seal(this);` : 'Object.seal(this);', inner };
  }

  /** Whether the ES5 constructor runs in strict mode (a seal in sloppy code fails silently). */
  private strict(): boolean {
    if (this.options.esm || this.input.facts.isModule) return true;
    for (let node: Node | undefined = this.shape.node; node; node = node.parent as Node | undefined) {
      const body = node.type === T.Program ? node.body : isFunctionNode(node) && node.body.type === T.BlockStatement ? node.body.body : undefined;
      if (body && hasUseStrict(body)) return true;
    }
    return false;
  }

  // --- inheritance ----------------------------------------------------------------------------------

  private ancestryOf(): Ancestry {
    const shape = this.shape;
    const base = shape.base;
    if (base.kind === 'none') return emptyAncestry();
    if (base.kind === 'external') {
      if (this.options.assumeBasesKnown) return emptyAncestry();
      return this.options.crossFile?.ancestryOf(base.text) ?? { ...emptyAncestry(), known: false, unknownBase: base.text };
    }
    const parent = this.plans.get(base.shape);
    const parentFacts = parent?.facts;
    const result = parent ? cloneAncestry(parent.ancestry) : emptyAncestry();
    if (parentFacts) {
      result.lateNames = [...parentFacts.lateNames];
      for (const name of parentFacts.names) result.names.add(name);
      for (const name of parentFacts.accessors) result.accessors.add(name);
      for (const name of parentFacts.methods) result.methods.add(name);
      for (const name of parentFacts.ctorCalls) result.ctorCalls.add(name);
      result.keepsDelete ||= parentFacts.keepsDelete;
      result.keptLate = [...new Set([...result.keptLate, ...parentFacts.keptLate])];
      if (!result.skipped && parentFacts.skipReason) result.skipped = { name: base.shape.name, reason: parentFacts.skipReason };
    }
    return result;
  }

  private result(edits: ClassEdits | null, names: string[]): ClassPlan {
    const shape = this.shape;
    return {
      shape,
      report: this.report,
      edits,
      facts: {
        names: [...new Set(names)],
        constructed: shape.constructedShape,
        lateNames: this.lateNames,
        accessors: [...shape.accessors.keys()],
        methods: [...shape.methods.keys()],
        // Through its own helpers too: an override of any of them runs while this constructor does.
        ctorCalls: shape.constructorFunction?.body
          ? [...new Set([...thisCalls(shape.constructorFunction.body)].flatMap((call) => [call, ...reachableNames(call, (method) => findMethod(shape, method))]))]
          : [],
        keepsDelete: this.keptDeletes.length > 0 || this.ancestry.keepsDelete,
        keptLate: [...new Set([...this.ancestry.keptLate, ...this.report.keptLate.map((field) => field.name)])],
        ...(this.report.status === 'skipped' ? { skipReason: this.report.reasons[0]!.code } : {}),
      },
      ancestry: this.ancestry,
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Helpers

export function emptyAncestry(): Ancestry {
  return { known: true, names: new Set(), lateNames: [], accessors: new Set(), methods: new Set(), ctorCalls: new Set(), keepsDelete: false, keptLate: [] };
}

function cloneAncestry(ancestry: Ancestry): Ancestry {
  return {
    ...ancestry,
    names: new Set(ancestry.names),
    lateNames: [...ancestry.lateNames],
    keptLate: [...ancestry.keptLate],
    accessors: new Set(ancestry.accessors),
    methods: new Set(ancestry.methods),
    ctorCalls: new Set(ancestry.ctorCalls),
  };
}

function baseFirst(shapes: readonly ClassShape[]): ClassShape[] {
  const ordered: ClassShape[] = [];
  const seen = new Set<ClassShape>();
  const visit = (shape: ClassShape): void => {
    if (seen.has(shape)) return;
    seen.add(shape);
    if (shape.base.kind === 'local') visit(shape.base.shape);
    ordered.push(shape);
  };
  shapes.forEach(visit);
  return ordered;
}

function findMethod(shape: ClassShape, name: string): FunctionNode | undefined {
  for (let current: ClassShape | undefined = shape; current; current = current.base.kind === 'local' ? current.base.shape : undefined) {
    const method = current.methods.get(name);
    if (method) return method;
  }
  return undefined;
}

function within(node: Node, container: Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** Nodes matching `test`, not looking into nested functions (arrows too unless `intoArrows`) or classes. */
function findAll(root: Node, test: (node: Node) => boolean, intoArrows: boolean): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (test(node)) found.push(node);
    for (const child of children(node)) {
      if (child.type === T.FunctionDeclaration || child.type === T.FunctionExpression || child.type === T.ClassDeclaration || child.type === T.ClassExpression) continue;
      if (child.type === T.ArrowFunctionExpression && !intoArrows) continue;
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Bodies of the method `name` and of every method it reaches through `this.m()` calls. */
function reachable(name: string, resolve: (name: string) => FunctionNode | undefined): Node[] {
  return reachableNames(name, resolve).flatMap((method) => {
    const found = resolve(method);
    return found ? [found.body ?? found] : [];
  });
}

function reachableNames(name: string, resolve: (name: string) => FunctionNode | undefined): string[] {
  const names: string[] = [];
  const visit = (current: string): void => {
    if (names.includes(current)) return;
    names.push(current);
    const method = resolve(current);
    if (method) for (const call of thisCalls(method.body ?? method)) visit(call);
  };
  visit(name);
  return names;
}

/** Names a method (or a statement) assigns on `this`, following its `this.m()` calls (`resolve` finds them). */
function thisWrites(method: FunctionNode | Node, resolve: (name: string) => FunctionNode | undefined, seen = new Set<Node>(), skip = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(method)) return names;
  seen.add(method);
  const body = isFunctionNode(method) ? (method.body ?? method) : method;
  // A delete counts: the codemod may turn it into `= undefined`.
  const isWrite = (candidate: Node): boolean =>
    candidate.type === T.AssignmentExpression || candidate.type === T.UpdateExpression || (candidate.type === T.UnaryExpression && candidate.operator === 'delete');
  for (const node of findAll(body, isWrite, true)) {
    const target = unwrapExpression(node.type === T.AssignmentExpression ? node.left : (node as TSESTree.UpdateExpression | TSESTree.UnaryExpression).argument);
    const name = target.type === T.MemberExpression && unwrapExpression(target.object).type === T.ThisExpression ? memberName(target) : undefined;
    if (name !== undefined) names.add(name);
  }
  for (const call of thisCalls(body)) {
    const callee = skip.has(call) ? undefined : resolve(call);
    if (callee) for (const name of thisWrites(callee, resolve, seen, skip)) names.add(name);
  }
  return names;
}

/** Names of `this.m(...)` calls made directly in a function body. */
function thisCalls(root: Node): Set<string> {
  const names = new Set<string>();
  for (const call of findAll(root, (node) => node.type === T.CallExpression && node.callee.type === T.MemberExpression && unwrapExpression(node.callee.object).type === T.ThisExpression, false)) {
    const name = memberName((call as TSESTree.CallExpression).callee as TSESTree.MemberExpression);
    if (name !== undefined) names.add(name);
  }
  return names;
}

function hasUseStrict(body: readonly TSESTree.Node[]): boolean {
  for (const statement of body) {
    if (statement.type !== T.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === 'use strict') return true;
  }
  return false;
}

/** The name the class can be referred to by inside its own constructor, for `new.target === C`. */
function bindingName(shape: ClassShape): string | undefined {
  const node = shape.node;
  if (node.id) return node.id.name;
  const parent = node.parent as Node | undefined;
  if (parent?.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  return undefined;
}

/** `new.target === C` (either way round). */
function isNewTargetTest(test: Node, binding: string): boolean {
  if (test.type !== T.BinaryExpression || test.operator !== '===') return false;
  const sides = [test.left, test.right] as Node[];
  return sides.some((side) => side.type === T.MetaProperty && side.meta.name === 'new') && sides.some((side) => side.type === T.Identifier && side.name === binding);
}

function thisMember(name: string): string {
  return IDENTIFIER.test(name) ? `this.${name}` : `this['${name.replace(/['\\]/g, '\\$&')}']`;
}

function isEntityName(node: Node): boolean {
  if (node.type === T.Identifier) return true;
  return node.type === T.MemberExpression && !node.computed && isEntityName(node.object);
}

function mentions(type: TSESTree.TypeNode, kinds: readonly string[]): boolean {
  if (kinds.includes(type.type)) return true;
  return children(type).some((child) => mentions(child as TSESTree.TypeNode, kinds));
}

/** Whether `undefined` can be assigned to the declared field without a type error. */
function admitsUndefined(declaration: Node, annotation: TSESTree.TypeNode): boolean {
  if ((declaration as { optional?: boolean }).optional) return true;
  if (declaration.type === T.TSParameterProperty) return true;
  const loose = [T.TSAnyKeyword, T.TSUnknownKeyword, T.TSUndefinedKeyword, T.TSVoidKeyword];
  if (loose.includes(annotation.type as (typeof loose)[number])) return true;
  return annotation.type === T.TSUnionType && annotation.types.some((member) => loose.includes(member.type as (typeof loose)[number]));
}

/** A TypeScript type for a written value, when it is evident from the expression. */
function typeOf(value: Node, source: string): string | undefined {
  const node = value as TSESTree.Node;
  switch (node.type) {
    case T.TSAsExpression:
    case T.TSTypeAssertion:
      return source.slice(node.typeAnnotation.range[0], node.typeAnnotation.range[1]);
    case T.Literal:
      if (node.value === null) return 'null';
      return typeof node.value === 'number' || typeof node.value === 'string' || typeof node.value === 'boolean' || typeof node.value === 'bigint' ? typeof node.value : undefined;
    case T.TemplateLiteral:
      return 'string';
    case T.UnaryExpression:
      return node.operator === '!' ? 'boolean' : node.operator === 'typeof' ? 'string' : node.operator === 'void' ? 'undefined' : 'number';
    case T.UpdateExpression:
      return 'number';
    case T.BinaryExpression:
      if (['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(node.operator)) return 'boolean';
      if (node.operator !== '+') return 'number';
      return typeOf(node.left, source) === 'string' || typeOf(node.right, source) === 'string' ? 'string' : undefined;
    case T.NewExpression:
      return node.callee.type === T.Identifier ? node.callee.name + (node.typeArguments ? source.slice(node.typeArguments.range[0], node.typeArguments.range[1]) : '') : undefined;
    case T.Identifier: {
      if (node.name === 'undefined') return 'undefined';
      // A typed parameter of the enclosing function.
      for (let current = node.parent as Node | undefined; current; current = current.parent as Node | undefined) {
        if (!isFunctionNode(current)) continue;
        for (const param of current.params) {
          const target = param.type === T.TSParameterProperty ? param.parameter : param;
          const id = target.type === T.AssignmentPattern ? target.left : target;
          if (id.type === T.Identifier && id.name === node.name && id.typeAnnotation) {
            return source.slice(id.typeAnnotation.typeAnnotation.range[0], id.typeAnnotation.typeAnnotation.range[1]);
          }
        }
        return undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
