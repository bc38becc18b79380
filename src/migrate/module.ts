/** One file, parsed and analysed once: the model, the module facts and the project context. */
import type { TSESLint } from '@typescript-eslint/utils';
import { dictionaryFields, variableResolver } from '../dictionary-map.js';
import { isTypeScriptPath, modelFromSource, type SourceModel } from '../model-from-source.js';
import type { ClassShape, PropertyAccess } from '../shape-model.js';
import { collectModuleFacts, type ModuleFacts } from './facts.js';
import type { FlowWrite } from '../instance-flow.js';
import { planModule, type ClassPlan, type CrossFile } from './plan.js';
import { defineClassFieldsFor, isEsmFile } from './project.js';
import type { CodemodChoices } from './report.js';

export interface AnalysisOptions {
  initMethods?: readonly string[];
  /** TypeScript only; read from the nearest tsconfig.json when absent. */
  defineClassFields?: boolean;
  /** Whether the file is ES module code; from the extension, syntax and package.json when absent. */
  esm?: boolean;
}

export interface AnalyzedModule extends Omit<SourceModel, 'scopeManager'> {
  file: string;
  source: string;
  facts: ModuleFacts;
  /** Writes through variables and parameters that may hold an instance of a class named here. */
  flow: FlowWrite[];
  typescript: boolean;
  esm: boolean;
  /** Fields used as per-instance dictionaries, with every use (found while the scopes exist). */
  dictionaries: DictionaryField[];
}

export interface DictionaryField {
  shape: ClassShape;
  name: string;
  uses: PropertyAccess[];
}

export function analyzeModule(source: string, file: string, options: AnalysisOptions = {}): AnalyzedModule {
  const typescript = isTypeScriptPath(file);
  const defineClassFields = typescript ? (options.defineClassFields ?? defineClassFieldsFor(file)) : true;
  const { scopeManager, ...parsed } = modelFromSource(source, file, { initMethods: options.initMethods ?? [], defineClassFields });
  const variableOf = variableResolver(scopeManager as unknown as TSESLint.Scope.ScopeManager);
  const dictionaries = parsed.model.classes.flatMap((shape) => [...dictionaryFields(shape, parsed.model, variableOf)].map(([name, uses]) => ({ shape, name, uses })));
  const facts = collectModuleFacts(parsed.ast, parsed.visitorKeys, parsed.model.classes.length === 0);
  const flow = parsed.model.flowWrites();
  return { ...parsed, file, source, facts, flow, typescript, esm: options.esm ?? isEsmFile(file, facts.isModule), dictionaries };
}

export function planAnalyzed(module: AnalyzedModule, choices: CodemodChoices, crossFile?: CrossFile, assumeBasesKnown = false): ClassPlan[] {
  return planModule(module, { ...choices, typescript: module.typescript, esm: module.esm, crossFile, assumeBasesKnown });
}
