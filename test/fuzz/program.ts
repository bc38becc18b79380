/**
 * Random programs for the differential fuzzer: modules of classes (ES2015 classes and ES5 constructor
 * functions) whose instances get their properties in the constructor, in helpers, conditionally, late
 * in methods, getters and setters, and from outside; plus a sequence of operations on many instances.
 *
 * Every reference inside a program (a field, a method, a base class, an instance) is an index taken
 * modulo what exists when the program is rendered, so any shrunk program is still a valid program.
 */
import fc from 'fast-check';

/** Field names: f0..f5 are plain fields; the others collide on purpose with a method, an accessor and a prototype value. */
export const FIELD_NAMES = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'm0', 'a0', 'd0'] as const;
/** Every name the runner reads on every instance at the end (fields, accessors, methods, the accessor's backing field). */
export const READ_NAMES = [...FIELD_NAMES, 'g0', 'l0', 'm1', 'm2'];

export type Val =
  | { k: 'int' | 'double' | 'str' | 'obj' | 'arr'; n: number }
  | { k: 'null' | 'undef' | 'true' }
  | { k: 'param' | 'scaled'; i: number }
  | { k: 'field'; f: number };

export interface Cond {
  i: number;
  op: '>' | '===';
  n: number;
}

export type Stmt =
  | { s: 'set' | 'inc' | 'push'; f: number; v: Val }
  | { s: 'setIf'; c: Cond; f: number; v: Val; otherwise: { f: number; v: Val } | null }
  | { s: 'del' | 'loop'; f: number }
  | { s: 'call'; h: number }
  | { s: 'ret'; c: Cond };

export interface Method {
  body: Stmt[];
  ret: Val | null;
}

export interface ClassSpec {
  es5: boolean;
  /** 0: no base; n > 0: an earlier class, (n - 1) modulo the index. */
  base: number;
  ctor: Stmt[];
  /** h0, h1: called with `this.hN()`; a helper only calls later helpers, so calls terminate. */
  helpers: Stmt[][];
  methods: Method[];
  /** `get g0()`, a lazy `get l0()` that caches into a field, `set s0(v)`, and an `a0` accessor pair over a field. */
  getter: Val | null;
  lazy: { f: number; v: Val } | null;
  setter: number | null;
  accessor: number | null;
  /** `C.prototype.d0 = V`: a shared default that an own property shadows. */
  protoValue: Val | null;
}

export type Op =
  | { o: 'call'; v: number; m: number; a: Val }
  | { o: 'read' | 'del' | 'delValue'; v: number; f: number }
  | { o: 'write' | 'opaque'; v: number; f: number; val: Val }
  | { o: 'get' | 'json'; v: number; which: number }
  | { o: 'set'; v: number; which: number; val: Val };

export interface Loop {
  cls: number;
  n: number;
  ops: Array<{ mod: number; rem: number; op: Op }>;
}

export interface Program {
  module: 'esm' | 'cjs';
  exportClasses: boolean;
  /** Numbers only, read in numeric contexts, instances never leave main(): see programArbitrary. */
  numbers: boolean;
  classes: ClassSpec[];
  named: Array<{ cls: number; args: [Val, Val] }>;
  ops: Op[];
  loops: Loop[];
}

/** Features a run can leave out, to look past a known bug while it is open. */
export const FEATURES = ['accessor', 'setter', 'getter', 'lazy', 'proto-value', 'delete', 'delete-value', 'subclass', 'es5', 'cjs'] as const;
export type Feature = (typeof FEATURES)[number];

export interface ProgramOptions {
  /** Writes through an alias the shape model cannot type (`(o => { o.f = 1 })(v)`). Off by default: see docs/reliability.md. */
  opaque?: boolean;
  without?: readonly Feature[];
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const field = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 24 }, { arbitrary: fc.integer({ min: 6, max: 8 }), weight: 1 });
const plainField = fc.integer({ min: 0, max: 5 });
const small = fc.integer({ min: 0, max: 9 });
const param = fc.integer({ min: 0, max: 1 });

const anyVal: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constantFrom('int', 'double', 'str', 'obj', 'arr'), n: small }), weight: 8 },
  { arbitrary: fc.record({ k: fc.constantFrom('null', 'undef', 'true') }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constantFrom('param', 'scaled'), i: param }), weight: 4 },
  // Plain fields only: a method read as a value would turn its source text into data once concatenated.
  { arbitrary: fc.record({ k: fc.constant('field'), f: plainField }), weight: 2 },
) as fc.Arbitrary<Val>;

const numberVal: fc.Arbitrary<Val> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constantFrom('int', 'double'), n: small }), weight: 8 },
  { arbitrary: fc.record({ k: fc.constantFrom('param', 'scaled'), i: param }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('field'), f: plainField }), weight: 2 },
) as fc.Arbitrary<Val>;

const cond: fc.Arbitrary<Cond> = fc.record({ i: param, op: fc.constantFrom('>', '==='), n: fc.integer({ min: 0, max: 4 }) });

/** What the arbitraries of one kind of program draw from. */
interface Gen {
  has: (feature: Feature) => boolean;
  val: fc.Arbitrary<Val>;
  /** Values that are not field reads. */
  plainVal: fc.Arbitrary<Val>;
}

function stmt(gen: Gen, kinds: { call: boolean; ret: boolean }): fc.Arbitrary<Stmt> {
  const { val, plainVal, has } = gen;
  const options: Array<fc.WeightedArbitrary<Stmt>> = [
    { arbitrary: fc.record({ s: fc.constant('set'), f: field, v: val }), weight: 12 },
    // On a plain field with a plain value: `this.m0 += x` would turn a method's source text into data.
    { arbitrary: fc.record({ s: fc.constant('inc'), f: plainField, v: plainVal }), weight: 2 },
    // Throws unless the field holds an array: rare, as a throwing constructor ends the program.
    { arbitrary: fc.record({ s: fc.constant('push'), f: field, v: val }), weight: 1 },
    {
      arbitrary: fc.record({ s: fc.constant('setIf'), c: cond, f: field, v: val, otherwise: fc.option(fc.record({ f: field, v: val }), { freq: 3 }) }),
      weight: 4,
    },
    { arbitrary: fc.record({ s: has('delete') ? fc.constantFrom('del', 'loop') : fc.constant('loop'), f: field }), weight: 2 },
  ] as Array<fc.WeightedArbitrary<Stmt>>;
  if (kinds.call) options.push({ arbitrary: fc.record({ s: fc.constant('call'), h: fc.nat(1) }) as fc.Arbitrary<Stmt>, weight: 3 });
  if (kinds.ret) options.push({ arbitrary: fc.record({ s: fc.constant('ret'), c: cond }) as fc.Arbitrary<Stmt>, weight: 1 });
  return fc.oneof(...options);
}

const body = (gen: Gen, max: number, kinds = { call: true, ret: true }) => fc.array(stmt(gen, kinds), { maxLength: max });

function classSpec(gen: Gen): fc.Arbitrary<ClassSpec> {
  const { has, val } = gen;
  const maybe = <T>(feature: Feature, arbitrary: fc.Arbitrary<T>, freq: number) => (has(feature) ? fc.option(arbitrary, { freq }) : fc.constant(null));
  return fc.record({
    es5: has('es5') ? fc.boolean() : fc.constant(false),
    base: has('subclass') ? fc.nat(3) : fc.constant(0),
    ctor: body(gen, 5),
    helpers: fc.array(body(gen, 3), { maxLength: 2 }),
    methods: fc.array(fc.record({ body: body(gen, 3, { call: true, ret: false }), ret: fc.option(val, { freq: 2 }) }), { maxLength: 3 }),
    getter: maybe('getter', val, 3),
    lazy: maybe('lazy', fc.record({ f: plainField, v: val }), 4),
    setter: maybe('setter', plainField, 3),
    accessor: maybe('accessor', plainField, 5),
    protoValue: maybe('proto-value', val, 6),
  });
}

function op(gen: Gen, opaque: boolean): fc.Arbitrary<Op> {
  const { has, val } = gen;
  const v = fc.nat(5);
  const options: Array<fc.WeightedArbitrary<Op>> = [
    { arbitrary: fc.record({ o: fc.constant('call'), v, m: fc.nat(2), a: val }), weight: 10 },
    { arbitrary: fc.record({ o: fc.constant('read'), v, f: field }), weight: 4 },
    { arbitrary: fc.record({ o: fc.constant('write'), v, f: field, val }), weight: 5 },
    { arbitrary: fc.record({ o: fc.constant(has('delete') ? 'del' : 'read'), v, f: field }), weight: 2 },
    { arbitrary: fc.record({ o: fc.constant(has('delete-value') ? 'delValue' : 'read'), v, f: field }), weight: 1 },
    { arbitrary: fc.record({ o: fc.constant('get'), v, which: fc.nat(2) }), weight: 3 },
    { arbitrary: fc.record({ o: fc.constant('set'), v, which: fc.nat(1), val }), weight: 2 },
    { arbitrary: fc.record({ o: fc.constant('json'), v, which: fc.constant(0) }), weight: 2 },
  ] as Array<fc.WeightedArbitrary<Op>>;
  if (opaque) options.push({ arbitrary: fc.record({ o: fc.constant('opaque'), v, f: field, val }) as fc.Arbitrary<Op>, weight: 3 });
  return fc.oneof(...options);
}

/**
 * Most programs hand their instances to the runner (which reads them from outside, as any caller
 * could). One in five keeps them inside and writes and reads numbers only, in numeric contexts: the only
 * programs where migrate may start a number field as NaN instead of undefined (see src/migrate/facts.ts).
 */
export function programArbitrary(options: ProgramOptions = {}): fc.Arbitrary<Program> {
  const has = (feature: Feature) => !options.without?.includes(feature);
  const kind = (numbers: boolean): fc.Arbitrary<Program> => {
    const val = numbers ? numberVal : anyVal;
    const gen: Gen = { has, val, plainVal: val.filter((value) => value.k !== 'field') };
    const anyOp = op(gen, options.opaque ?? false);
    return fc.record({
      module: has('cjs') ? fc.constantFrom('esm', 'cjs') : fc.constant('esm'),
      exportClasses: fc.boolean(),
      numbers: fc.constant(numbers),
      classes: fc.array(classSpec(gen), { minLength: 1, maxLength: 4 }),
      named: fc.array(fc.record({ cls: fc.nat(3), args: fc.tuple(val, val) }), { maxLength: 4 }),
      ops: fc.array(anyOp, { maxLength: 14 }),
      loops: fc.array(
        fc.record({
          cls: fc.nat(3),
          n: fc.integer({ min: 2, max: 12 }),
          ops: fc.array(fc.record({ mod: fc.integer({ min: 1, max: 3 }), rem: fc.nat(2), op: anyOp }), { maxLength: 4 }),
        }),
        { maxLength: 2 },
      ),
    });
  };
  return fc.oneof({ arbitrary: kind(false), weight: 4 }, { arbitrary: kind(true), weight: 1 });
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Scope {
  self: string;
  params: [string, string];
}

const fieldName = (f: number): string => FIELD_NAMES[f % FIELD_NAMES.length];
/** In a numbers-only program, a value leaves only through arithmetic, where undefined and NaN agree. */
const numeric = (expression: string, program: Program): string => (program.numbers ? `(${expression}) * 1` : expression);

function renderVal(value: Val, scope: Scope): string {
  switch (value.k) {
    case 'int':
      return String(value.n);
    case 'double':
      return `${value.n}.5`;
    case 'str':
      return `'s${value.n}'`;
    case 'obj':
      return `{ v: ${value.n} }`;
    case 'arr':
      return `[${value.n}]`;
    case 'null':
      return 'null';
    case 'undef':
      return 'undefined';
    case 'true':
      return 'true';
    case 'param':
      return scope.params[value.i % 2];
    case 'scaled':
      return `${scope.params[value.i % 2]} * 0.5`;
    case 'field':
      return `${scope.self}.${fieldName(value.f)}`;
  }
}

const renderCond = (c: Cond, scope: Scope): string => `${scope.params[c.i % 2]} ${c.op} ${c.n}`;

/** A class as the renderer needs it: its name, resolved base and what its chain provides. */
interface Resolved {
  name: string;
  spec: ClassSpec;
  base: Resolved | null;
}

function chain(cls: Resolved): Resolved[] {
  const list: Resolved[] = [];
  for (let current: Resolved | null = cls; current; current = current.base) list.push(current);
  return list;
}

const methodCount = (cls: Resolved): number => Math.max(...chain(cls).map((c) => c.spec.methods.length));
const helperCount = (cls: Resolved): number => Math.max(...chain(cls).map((c) => c.spec.helpers.length));

function accessorNames(cls: Resolved, kind: 'get' | 'set'): string[] {
  const names = new Set<string>();
  for (const { spec } of chain(cls)) {
    if (kind === 'get' && spec.getter && !spec.es5) names.add('g0');
    if (kind === 'get' && spec.lazy && !spec.es5) names.add('l0');
    if (kind === 'set' && spec.setter !== null && !spec.es5) names.add('s0');
    if (spec.accessor !== null && !spec.es5) names.add('a0');
  }
  return [...names].sort();
}

function renderStmt(statement: Stmt, scope: Scope, callable: (h: number) => string | null, indent: string): string[] {
  const self = scope.self;
  switch (statement.s) {
    case 'set':
      return [`${indent}${self}.${fieldName(statement.f)} = ${renderVal(statement.v, scope)};`];
    case 'inc':
      return [`${indent}${self}.${fieldName(statement.f)} += ${renderVal(statement.v, scope)};`];
    case 'push':
      return [`${indent}${self}.${fieldName(statement.f)}.push(${renderVal(statement.v, scope)});`];
    case 'setIf': {
      const lines = [`${indent}if (${renderCond(statement.c, scope)}) ${self}.${fieldName(statement.f)} = ${renderVal(statement.v, scope)};`];
      if (statement.otherwise) lines.push(`${indent}else ${self}.${fieldName(statement.otherwise.f)} = ${renderVal(statement.otherwise.v, scope)};`);
      return lines;
    }
    case 'del':
      return [`${indent}delete ${self}.${fieldName(statement.f)};`];
    case 'loop':
      return [`${indent}for (let j = 0; j < ${scope.params[0]}; j++) ${self}.${fieldName(statement.f)} = j;`];
    case 'call': {
      const target = callable(statement.h);
      return target ? [`${indent}${self}.${target}(${scope.params.join(', ')});`] : [];
    }
    case 'ret':
      return [`${indent}if (${renderCond(statement.c, scope)}) return;`];
  }
}

function renderClass(cls: Resolved, program: Program): string[] {
  const { spec, name } = cls;
  const out: string[] = [];
  const inner = { self: 'this', params: ['p0', 'p1'] as [string, string] };
  const methodScope = { self: 'this', params: ['a', 'a'] as [string, string] };
  const getterScope = { self: 'this', params: ['1', '2'] as [string, string] };
  const helpers = helperCount(cls);
  // From the constructor and methods any helper; from helper k only later ones.
  const anyHelper = (h: number) => (helpers > 0 ? `h${h % helpers}` : null);
  const laterHelper = (k: number) => (h: number) => (k + 1 + h < spec.helpers.length ? `h${k + 1 + h}` : null);
  const exported = program.exportClasses && program.module === 'esm' ? 'export ' : '';
  const ctorBody = spec.ctor.flatMap((statement) => renderStmt(statement, inner, anyHelper, '    '));
  if (spec.es5) {
    out.push(`${exported}function ${name}(p0, p1) {`);
    if (cls.base) out.push(`  ${cls.base.name}.call(this, p1, p0);`);
    out.push(...ctorBody.map((line) => line.slice(2)), '}');
    if (cls.base) out.push(`${name}.prototype = Object.create(${cls.base.name}.prototype);`, `${name}.prototype.constructor = ${name};`);
    const member = (member: string, params: string, lines: string[]) =>
      out.push(`${name}.prototype.${member} = function (${params}) {`, ...lines.map((line) => line.slice(2)), '};');
    spec.helpers.forEach((helper, k) => member(`h${k}`, 'p0, p1', helper.flatMap((s) => renderStmt(s, inner, laterHelper(k), '    '))));
    spec.methods.forEach((method, k) => member(`m${k}`, 'a', renderMethod(method, methodScope, anyHelper, program)));
    if (spec.getter) member('describe', '', [`    return ${numeric(renderVal(spec.getter, getterScope), program)};`]);
    // The model recognizes an ES5 class by its prototype methods: give every one at least one.
    if (spec.methods.length === 0 && spec.helpers.length === 0 && !spec.getter && !cls.base) member('kind', '', [`    return '${name}';`]);
  } else {
    out.push(`${exported}class ${name}${cls.base ? ` extends ${cls.base.name}` : ''} {`);
    out.push('  constructor(p0, p1) {');
    if (cls.base) out.push('    super(p1, p0);');
    out.push(...ctorBody, '  }');
    spec.helpers.forEach((helper, k) => out.push(`  h${k}(p0, p1) {`, ...helper.flatMap((s) => renderStmt(s, inner, laterHelper(k), '    ')), '  }'));
    spec.methods.forEach((method, k) => out.push(`  m${k}(a) {`, ...renderMethod(method, methodScope, anyHelper, program), '  }'));
    if (spec.getter) out.push(`  get g0() {`, `    return ${numeric(renderVal(spec.getter, getterScope), program)};`, '  }');
    if (spec.lazy) {
      const f = fieldName(spec.lazy.f);
      out.push('  get l0() {', `    if (this.${f} === undefined) this.${f} = ${renderVal(spec.lazy.v, getterScope)};`, `    return this.${f};`, '  }');
    }
    if (spec.setter !== null) out.push(`  set s0(v) {`, `    this.${fieldName(spec.setter)} = v;`, '  }');
    if (spec.accessor !== null) {
      const f = fieldName(spec.accessor);
      out.push(`  get a0() {`, `    return this.${f};`, '  }', '  set a0(v) {', `    this.${f} = v;`, '  }');
    }
    out.push('}');
  }
  if (spec.protoValue) out.push(`${name}.prototype.d0 = ${renderVal(spec.protoValue, { self: `${name}.prototype`, params: ['1', '2'] })};`);
  if (program.exportClasses && program.module === 'cjs') out.push(`exports.${name} = ${name};`);
  return out;
}

function renderMethod(method: Method, scope: Scope, callable: (h: number) => string | null, program: Program): string[] {
  const lines = method.body.flatMap((statement) => renderStmt(statement, scope, callable, '    '));
  if (method.ret) lines.push(`    return ${numeric(renderVal(method.ret, scope), program)};`);
  return lines;
}

function renderOp(operation: Op, target: string, cls: Resolved, scope: Scope, program: Program): string | null {
  const record = (expression: string) => `$(() => ${expression});`;
  switch (operation.o) {
    case 'call': {
      const count = methodCount(cls);
      if (count === 0) return null;
      return record(`${target}.m${operation.m % count}(${renderVal(operation.a, scope)})`);
    }
    case 'read':
      return record(numeric(`${target}.${fieldName(operation.f)}`, program));
    case 'write':
      return record(`${target}.${fieldName(operation.f)} = ${renderVal(operation.val, scope)}`);
    case 'opaque':
      return record(`((o) => { o.${fieldName(operation.f)} = ${renderVal(operation.val, scope)}; })(${target})`);
    case 'del':
      return `$(() => { delete ${target}.${fieldName(operation.f)}; });`;
    case 'delValue':
      return record(`delete ${target}.${fieldName(operation.f)}`);
    case 'get': {
      const names = accessorNames(cls, 'get');
      return names.length === 0 ? null : record(numeric(`${target}.${names[operation.which % names.length]}`, program));
    }
    case 'set': {
      const names = accessorNames(cls, 'set').filter((name) => name !== 'g0' && name !== 'l0');
      return names.length === 0 ? null : record(`${target}.${names[operation.which % names.length]} = ${renderVal(operation.val, scope)}`);
    }
    case 'json':
      return program.numbers ? null : record(`JSON.stringify(${target})`);
  }
}

/** The classes with bases resolved: an ES5 function extends only an earlier ES5 function. */
export function resolveClasses(program: Program): Resolved[] {
  const resolved: Resolved[] = [];
  program.classes.forEach((spec, index) => {
    let base: Resolved | null = null;
    if (spec.base > 0 && index > 0) {
      const candidate = resolved[(spec.base - 1) % index];
      if (!spec.es5 || candidate.spec.es5) base = candidate;
    }
    resolved.push({ name: `C${index}`, spec, base });
  });
  return resolved;
}

/**
 * The module's source. It exports `main(h)`: `h.r(fn)` records fn's result or error, `h.keep(name, o)`
 * hands an instance to the runner for the final comparison and the shape checks.
 */
export function renderProgram(program: Program): string {
  const classes = resolveClasses(program);
  const out: string[] = [program.module === 'cjs' ? '// A CommonJS script: sloppy mode.' : '// An ES module: strict mode.'];
  for (const cls of classes) out.push(...renderClass(cls, program), '');
  out.push(program.module === 'esm' ? 'export function main(h) {' : 'function main(h) {', '  const $ = h.r;');
  const named = program.named.map((instance, index) => ({ ...instance, name: `v${index}`, cls: classes[instance.cls % classes.length] }));
  const topScope: Scope = { self: 'v0', params: ['3', '1.5'] };
  for (const instance of named) {
    const scope = { ...topScope, self: instance.name };
    out.push(`  const ${instance.name} = new ${instance.cls.name}(${instance.args.map((arg) => renderVal(arg.k === 'field' ? { k: 'int', n: arg.f } : arg, scope)).join(', ')});`);
  }
  for (const operation of program.ops) {
    const instance = named[operation.v % Math.max(named.length, 1)];
    if (!instance) break;
    const line = renderOp(operation, instance.name, instance.cls, { ...topScope, self: instance.name }, program);
    if (line) out.push(`  ${line}`);
  }
  const keep = (name: string, variable: string) => (program.numbers ? [] : [`h.keep('${name}', ${variable});`]);
  for (const instance of named) out.push(...keep(instance.cls.name, instance.name).map((line) => `  ${line}`));
  for (const loop of program.loops) {
    const cls = classes[loop.cls % classes.length];
    const scope: Scope = { self: 't', params: ['i', 'i'] };
    out.push(`  for (let i = 0; i < ${loop.n}; i++) {`, `    const t = new ${cls.name}(i, i * 0.5);`);
    for (const { mod, rem, op: operation } of loop.ops) {
      const line = renderOp(operation, 't', cls, scope, program);
      if (line) out.push(mod > 1 ? `    if (i % ${mod} === ${rem % mod}) ${line}` : `    ${line}`);
    }
    out.push(...keep(cls.name, 't').map((line) => `    ${line}`), '  }');
  }
  out.push('}');
  const exportsList = `[${READ_NAMES.map((name) => `'${name}'`).join(', ')}]`;
  const classList = `[${classes.map((cls) => `'${cls.name}'`).join(', ')}]`;
  if (program.module === 'esm') out.push(`export const names = ${exportsList};`, `export const classes = ${classList};`);
  else out.push('exports.main = main;', `exports.names = ${exportsList};`, `exports.classes = ${classList};`);
  return `${out.join('\n')}\n`;
}
