/**
 * The cross-file class index: which class extends which across the migrated files, following relative
 * imports and requires. Built from one summary per file (plain data, so workers can make and share it).
 * It lets a subclass know its imported base (fields, accessors, whether it was migrated) and a base know
 * it is extended elsewhere, which is what makes sealing safe across files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { T, memberName, staticKeyName, unwrapExpression, type Node } from '../ast.js';
import type { ClassShape } from '../shape-model.js';
import type { AnalyzedModule } from './module.js';
import { judgeFlowWrite } from '../instance-flow.js';
import { emptyAncestry, type Ancestry, type ClassPlan, type CrossFile } from './plan.js';

export interface IndexedClass {
  file: string;
  name: string;
  line: number;
  base: IndexedBase;
  names: string[];
  constructed: string[];
  /** Declared after construction, for this class's own instances only (a subclass declares them too). */
  lateNames: string[];
  accessors: string[];
  methods: string[];
  ctorCalls: string[];
  keepsDelete: boolean;
  keptLate: string[];
  skipReason?: string;
}

export type IndexedBase =
  | { kind: 'none' }
  | { kind: 'local'; index: number }
  | { kind: 'import'; file: string; name: string }
  | { kind: 'unknown'; text: string };

type Binding = { file: string; name: string };
type ExportTarget = { kind: 'class'; index: number } | { kind: 'import'; file: string; name: string };

export interface FileSummary {
  file: string;
  classes: IndexedClass[];
  exports: Record<string, ExportTarget>;
  starExports: string[];
  /** Local names bound to relative imports: name → file and export name (`*` for a namespace). */
  bindings: Record<string, Binding>;
  /** What this file does to instances of imported classes (`const x = new Imported(); x.p = 1`). */
  instanceUses: InstanceUse[];
  /** Imported classes whose instances become prototypes here (`X.prototype = new Imported()`), with the line. */
  prototypeInstances: Array<Binding & { line: number }>;
}

/** A write or delete through a variable or parameter that may hold instances of these classes (instance-flow.ts). */
export interface InstanceUse {
  /** Imported classes by binding; `local` ones are classes of the using file, by name. */
  candidates: Array<Binding & { local?: true }>;
  precise: boolean;
  name?: string;
  kind: 'write' | 'delete';
  line: number;
}

/** What other files do to a class's instances. */
export interface UsesElsewhere {
  /** Property name → `file:line` where another file adds it. */
  writes: Map<string, string>;
  /** `file:line` of deletes and computed writes, which a sealed instance would reject. */
  unsealable: string[];
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** CommonJS `module.exports` itself, as an export name. */
const MODULE_EXPORTS = 'module.exports';

export function summarizeModule(module: AnalyzedModule, plans: readonly ClassPlan[]): FileSummary {
  const bindings = importBindings(module.ast, module.file);
  const classes = module.model.classes;
  const localIndex = new Map<string, number>();
  classes.forEach((shape, index) => {
    if (!localIndex.has(shape.name)) localIndex.set(shape.name, index);
  });
  const summary: FileSummary = {
    file: module.file,
    classes: plans.map((plan) => ({
      file: module.file,
      name: plan.shape.name,
      line: plan.shape.node.loc.start.line,
      base: baseOf(plan.shape, classes, bindings),
      ...plan.facts,
    })),
    exports: {},
    starExports: [],
    bindings: Object.fromEntries(bindings),
    instanceUses: instanceUses(module, bindings),
    prototypeInstances: module.model.prototypeInstances.flatMap(({ className, node }) => {
      const binding = bindings.get(className);
      return binding ? [{ ...binding, line: node.loc.start.line }] : [];
    }),
  };
  collectExports(module.ast, module.file, summary, bindings, localIndex);
  return summary;
}

export class ClassIndex {
  private readonly files = new Map<string, FileSummary>();
  private readonly subclasses = new Map<IndexedClass, IndexedClass[]>();
  private readonly uses = new Map<IndexedClass, UsesElsewhere>();
  private readonly allNames = new Map<IndexedClass, Set<string>>();
  private readonly mentions = new Map<string, string[]>();
  /** Classes another file instantiates as a prototype: `file:line` of the first place. */
  private readonly asPrototype = new Map<IndexedClass, string>();

  constructor(summaries: readonly FileSummary[]) {
    for (const summary of summaries) this.files.set(summary.file, summary);
    for (const summary of summaries) {
      for (const entry of summary.classes) {
        const base = this.baseOf(entry);
        if (base) this.subclasses.set(base, [...(this.subclasses.get(base) ?? []), entry]);
      }
    }
    for (const summary of summaries) {
      for (const use of summary.prototypeInstances) {
        const target = this.resolveExport(use.file, use.name);
        if (target && !this.asPrototype.has(target)) this.asPrototype.set(target, `${summary.file}:${use.line}`);
      }
      for (const use of summary.instanceUses) {
        const candidates = use.candidates.map((ref) => (ref.local ? this.files.get(ref.file)?.classes.find((entry) => entry.name === ref.name) : this.resolveExport(ref.file, ref.name)));
        const at = `${summary.file}:${use.line}`;
        candidates.forEach((target, index) => {
          // Uses in the class's own file are the plan's (it sees them with the model).
          if (!target || target.file === summary.file) return;
          const others = candidates.filter((_, other) => other !== index);
          const otherOwns = use.name !== undefined && others.some((other) => other !== undefined && this.namesOf(other).has(use.name!));
          const verdict = judgeFlowWrite({ name: use.name, kind: use.kind, precise: use.precise }, this.namesOf(target), otherOwns);
          if (verdict === 'ignore') return;
          const entry = this.uses.get(target) ?? { writes: new Map<string, string>(), unsealable: [] };
          if (verdict === 'declare' && !entry.writes.has(use.name!)) entry.writes.set(use.name!, at);
          if (verdict === 'unsealable') entry.unsealable.push(use.name === undefined ? at : `${at} ('${use.name}')`);
          this.uses.set(target, entry);
        });
      }
    }
  }

  get size(): number {
    return this.files.size;
  }

  /** The class a file exports under `name`, following re-exports. */
  resolveExport(file: string, name: string, seen = new Set<string>()): IndexedClass | undefined {
    const key = `${file}\0${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const summary = this.files.get(file);
    if (!summary) return undefined;
    const target = summary.exports[name] ?? (name === 'default' ? summary.exports[MODULE_EXPORTS] : undefined);
    if (target?.kind === 'class') return summary.classes[target.index];
    if (target?.kind === 'import') return this.resolveExport(target.file, target.name, seen);
    if (name === 'default') return undefined;
    for (const star of summary.starExports) {
      const found = this.resolveExport(star, name, seen);
      if (found) return found;
    }
    return undefined;
  }

  /** Every property an instance of the class may have, inherited ones included. */
  namesOf(entry: IndexedClass): Set<string> {
    let names = this.allNames.get(entry);
    if (!names) {
      const ancestry = this.ancestryFrom(entry, new Set());
      names = new Set([...ancestry.names, ...ancestry.lateNames, ...ancestry.accessors]);
      this.allNames.set(entry, names);
    }
    return names;
  }

  /** The crossFile answers for one file of the index. */
  crossFileFor(file: string): CrossFile {
    const summary = this.files.get(file);
    const byPosition = new Map(summary?.classes.map((entry) => [`${entry.name}:${entry.line}`, entry]));
    const own = (shape: ClassShape): IndexedClass | undefined => byPosition.get(`${shape.name}:${shape.node.loc.start.line}`);
    return {
      ancestryOf: (text) => {
        const binding = summary && resolveText(text, new Map(Object.entries(summary.bindings)));
        const base = binding && this.resolveExport(binding.file, binding.name);
        return base ? this.ancestryFrom(base, new Set()) : undefined;
      },
      subclassAccessors: (shape) => {
        const found = new Set<string>();
        const entry = own(shape);
        if (entry) this.visitSubclasses(entry, (sub) => sub.file !== file && sub.accessors.forEach((name) => found.add(name)));
        return found;
      },
      subclassMethods: (shape) => {
        const found = new Set<string>();
        const entry = own(shape);
        if (entry) this.visitSubclasses(entry, (sub) => sub.file !== file && sub.methods.forEach((name) => found.add(name)));
        return found;
      },
      isExtendedElsewhere: (shape) => {
        const entry = own(shape);
        return entry !== undefined && (this.subclasses.get(entry) ?? []).some((sub) => sub.file !== file);
      },
      namesOf: (text) => {
        const binding = summary && resolveText(text, new Map(Object.entries(summary.bindings)));
        const entry = binding && this.resolveExport(binding.file, binding.name);
        return entry ? this.namesOf(entry) : undefined;
      },
      prototypeInstanceElsewhere: (shape) => {
        const entry = own(shape);
        return entry && this.asPrototype.get(entry);
      },
      usesElsewhere: (shape) => {
        const entry = own(shape);
        return (entry && this.uses.get(entry)) ?? { writes: new Map(), unsealable: [] };
      },
      mentionedElsewhere: (word) => this.filesMentioning(word).some((other) => other !== file),
    };
  }

  /**
   * Files of the run whose text contains `word` as a whole word. Asked rarely (a dictionary field whose
   * instances leave their module), so the files are read again rather than every summary keeping its names;
   * a file that cannot be read counts as mentioning it.
   */
  private filesMentioning(word: string): string[] {
    let found = this.mentions.get(word);
    if (!found) {
      const pattern = new RegExp(`(?<![\\w$])${word.replace(/[$]/g, '\\$')}(?![\\w$])`);
      found = [...this.files.keys()].filter((file) => {
        try {
          return pattern.test(readFileSync(file, 'utf8'));
        } catch {
          return true;
        }
      });
      this.mentions.set(word, found);
    }
    return found;
  }

  private baseOf(entry: IndexedClass): IndexedClass | undefined {
    const base = entry.base;
    if (base.kind === 'local') return this.files.get(entry.file)?.classes[base.index];
    if (base.kind === 'import') return this.resolveExport(base.file, base.name);
    return undefined;
  }

  /** What an instance of a subclass of `base` inherits: `base` itself and its ancestors. */
  private ancestryFrom(base: IndexedClass, seen: Set<IndexedClass>): Ancestry {
    if (seen.has(base)) return { ...emptyAncestry(), known: false, unknownBase: base.name };
    seen.add(base);
    let result: Ancestry;
    if (base.base.kind === 'none') result = emptyAncestry();
    else {
      const upper = this.baseOf(base);
      result = upper ? this.ancestryFrom(upper, seen) : { ...emptyAncestry(), known: false, unknownBase: base.base.kind === 'unknown' ? base.base.text : base.name };
    }
    // The pre-pass knew only the file's own classes: inherited late names are composed here.
    const inherited = result.lateNames.filter((name) => !base.constructed.includes(name));
    // Properties other files add to its instances are late names of the base as well.
    const elsewhere = [...(this.uses.get(base)?.writes.keys() ?? [])].filter((name) => !base.names.includes(name) && !result.names.has(name));
    result.lateNames = [...new Set([...inherited, ...base.lateNames, ...elsewhere])];
    for (const name of base.names) result.names.add(name);
    for (const name of base.accessors) result.accessors.add(name);
    for (const name of base.methods) result.methods.add(name);
    for (const name of base.ctorCalls) result.ctorCalls.add(name);
    result.keepsDelete ||= base.keepsDelete;
    result.keptLate = [...new Set([...result.keptLate, ...base.keptLate])];
    if (!result.skipped && base.skipReason) result.skipped = { name: base.name, reason: base.skipReason };
    // Known only once every file is summarized: the pre-pass plan of the base could not skip for it.
    if (!result.skipped && this.asPrototype.has(base)) result.skipped = { name: base.name, reason: 'prototype-instance' };
    return result;
  }

  private visitSubclasses(entry: IndexedClass, visit: (sub: IndexedClass) => void, seen = new Set<IndexedClass>()): void {
    for (const sub of this.subclasses.get(entry) ?? []) {
      if (seen.has(sub)) continue;
      seen.add(sub);
      visit(sub);
      this.visitSubclasses(sub, visit, seen);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Imports and exports

/** Flow writes (see instance-flow.ts) that may reach instances of imported classes. */
function instanceUses(module: AnalyzedModule, bindings: ReadonlyMap<string, Binding>): InstanceUse[] {
  const local = new Set(module.model.classes.map((shape) => shape.name));
  const uses: InstanceUse[] = [];
  for (const write of module.flow) {
    const candidates = write.classNames.map((text) => (local.has(text) ? { file: module.file, name: text, local: true as const } : resolveText(text, bindings)));
    if (!candidates.some((candidate) => candidate && !('local' in candidate))) continue;
    uses.push({
      // An unresolvable candidate stays in the list: the write may be its, not the imported class's.
      candidates: candidates.map((candidate, index) => candidate ?? { file: module.file, name: write.classNames[index]!, local: true as const }),
      ...(write.name === undefined ? {} : { name: write.name }),
      precise: write.precise,
      kind: write.kind,
      line: write.node.loc.start.line,
    });
  }
  return uses;
}

/** Resolves `Base` or `ns.Base` against the file's import bindings. */
function resolveText(text: string, bindings: ReadonlyMap<string, Binding>): Binding | undefined {
  const [root, ...rest] = text.split('.');
  const binding = root === undefined ? undefined : bindings.get(root);
  if (!binding) return undefined;
  if (rest.length === 0) return binding;
  if (rest.length === 1 && (binding.name === '*' || binding.name === MODULE_EXPORTS)) return { file: binding.file, name: rest[0]! };
  return undefined;
}

function baseOf(shape: ClassShape, classes: readonly ClassShape[], bindings: ReadonlyMap<string, Binding>): IndexedBase {
  const base = shape.base;
  if (base.kind === 'none') return { kind: 'none' };
  if (base.kind === 'local') return { kind: 'local', index: classes.indexOf(base.shape) };
  const binding = resolveText(base.text, bindings);
  return binding ? { kind: 'import', ...binding } : { kind: 'unknown', text: base.text };
}

/** Local names bound to relative imports: `import`, `require()` and destructured requires. */
function importBindings(ast: TSESTree.Program, file: string): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of ast.body) {
    if (statement.type === T.ImportDeclaration) {
      const target = resolveModule(file, statement.source.value);
      if (!target) continue;
      for (const specifier of statement.specifiers) {
        const name =
          specifier.type === T.ImportDefaultSpecifier ? 'default' : specifier.type === T.ImportNamespaceSpecifier ? '*' : (staticKeyName(specifier.imported, false) ?? 'default');
        bindings.set(specifier.local.name, { file: target, name });
      }
    } else if (statement.type === T.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrapExpression(declarator.init);
        if (!init) continue;
        // require('./x') and require('./x').Name
        const call = init.type === T.MemberExpression ? unwrapExpression(init.object) : init;
        const target = requireTarget(call, file);
        if (!target) continue;
        const member = init.type === T.MemberExpression ? memberName(init) : undefined;
        if (declarator.id.type === T.Identifier) {
          bindings.set(declarator.id.name, { file: target, name: member ?? MODULE_EXPORTS });
        } else if (declarator.id.type === T.ObjectPattern && member === undefined) {
          for (const property of declarator.id.properties) {
            if (property.type !== T.Property || property.value.type !== T.Identifier) continue;
            const key = staticKeyName(property.key, property.computed);
            if (key !== undefined) bindings.set(property.value.name, { file: target, name: key });
          }
        }
      }
    }
  }
  return bindings;
}

function requireTarget(node: Node, file: string): string | undefined {
  if (node.type !== T.CallExpression || node.callee.type !== T.Identifier || node.callee.name !== 'require') return undefined;
  const argument = node.arguments[0];
  return argument?.type === T.Literal && typeof argument.value === 'string' ? resolveModule(file, argument.value) : undefined;
}

function collectExports(ast: TSESTree.Program, file: string, summary: FileSummary, bindings: Map<string, Binding>, localIndex: Map<string, number>): void {
  const local = (name: string): ExportTarget | undefined => {
    const index = localIndex.get(name);
    if (index !== undefined) return { kind: 'class', index };
    const binding = bindings.get(name);
    return binding && binding.name !== '*' ? { kind: 'import', ...binding } : undefined;
  };
  const set = (exported: string, target: ExportTarget | undefined): void => {
    if (target) summary.exports[exported] = target;
  };
  for (const statement of ast.body) {
    if (statement.type === T.ExportNamedDeclaration) {
      const source = statement.source ? resolveModule(file, statement.source.value) : undefined;
      const declaration = statement.declaration;
      if (declaration?.type === T.ClassDeclaration && declaration.id) set(declaration.id.name, local(declaration.id.name));
      if (declaration?.type === T.FunctionDeclaration && declaration.id) set(declaration.id.name, local(declaration.id.name));
      if (declaration?.type === T.VariableDeclaration) {
        for (const declarator of declaration.declarations) if (declarator.id.type === T.Identifier) set(declarator.id.name, local(declarator.id.name));
      }
      for (const specifier of statement.specifiers) {
        const exported = staticKeyName(specifier.exported, false);
        const localName = staticKeyName(specifier.local, false);
        if (exported === undefined || localName === undefined) continue;
        if (statement.source) {
          if (source) set(exported, { kind: 'import', file: source, name: localName });
        } else {
          set(exported, local(localName));
        }
      }
    } else if (statement.type === T.ExportAllDeclaration) {
      const source = resolveModule(file, statement.source.value);
      if (!source) continue;
      if (statement.exported) continue; // `export * as ns`: a namespace, not classes by name
      summary.starExports.push(source);
    } else if (statement.type === T.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if ((declaration.type === T.ClassDeclaration || declaration.type === T.FunctionDeclaration) && declaration.id) set('default', local(declaration.id.name));
      else if (declaration.type === T.Identifier) set('default', local(declaration.name));
      else if (declaration.type === T.ClassDeclaration || declaration.type === T.ClassExpression) set('default', local('default'));
    } else if (statement.type === T.ExpressionStatement && statement.expression.type === T.AssignmentExpression) {
      collectCommonJsExport(statement.expression, set, local);
    }
  }
}

function collectCommonJsExport(
  node: TSESTree.AssignmentExpression,
  set: (exported: string, target: ExportTarget | undefined) => void,
  local: (name: string) => ExportTarget | undefined,
): void {
  const left = node.left;
  if (left.type !== T.MemberExpression) return;
  const value = unwrapExpression(node.right);
  const isModuleExports = left.object.type === T.Identifier && left.object.name === 'module' && memberName(left) === 'exports';
  if (isModuleExports) {
    if (value.type === T.Identifier) set(MODULE_EXPORTS, local(value.name));
    if (value.type === T.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type !== T.Property || property.value.type !== T.Identifier) continue;
        const key = staticKeyName(property.key, property.computed);
        if (key !== undefined) set(key, local(property.value.name));
      }
    }
    return;
  }
  const target = left.object;
  const onExports =
    (target.type === T.Identifier && target.name === 'exports') ||
    (target.type === T.MemberExpression && target.object.type === T.Identifier && target.object.name === 'module' && memberName(target) === 'exports');
  const name = memberName(left);
  if (onExports && name !== undefined && value.type === T.Identifier) set(name, local(value.name));
}

/** A relative specifier to an existing file: as written, TypeScript's `.js` → `.ts`, added extensions, index files. */
export function resolveModule(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(from), specifier);
  if (resolved.has(base)) return resolved.get(base);
  const result = findModuleFile(base);
  resolved.set(base, result);
  return result;
}

const resolved = new Map<string, string | undefined>();

function findModuleFile(base: string): string | undefined {
  const candidates = [base];
  const withoutJs = base.replace(/\.(?:[cm]?js|jsx)$/i, '');
  if (withoutJs !== base) candidates.push(...EXTENSIONS.map((extension) => withoutJs + extension));
  candidates.push(...EXTENSIONS.map((extension) => base + extension), ...EXTENSIONS.map((extension) => resolve(base, `index${extension}`)));
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}
