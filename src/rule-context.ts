import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { buildShapeModel, type ModelInput, type ShapeModel } from './shape-model.js';
import { readSettings, type FixedShapeSettings } from './settings.js';
import { buildHotPaths, type HotPaths } from './hot-paths.js';
import { readShapeReport } from './shape-report.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

// One model per parsed file, shared by every rule that lints it (ESLint hands all rules the same AST).
const models = new WeakMap<TSESTree.Program, { key: string; model: ShapeModel }>();

export function settingsOf(context: AnyContext): FixedShapeSettings {
  return readSettings(context.settings);
}

export function shapeModelOf(context: AnyContext): ShapeModel {
  const sourceCode = context.sourceCode;
  const settings = settingsOf(context);
  const key = JSON.stringify(settings.initMethods);
  const cached = models.get(sourceCode.ast);
  if (cached && cached.key === key) return cached.model;
  const model = buildShapeModel({
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager as unknown as ModelInput['scopeManager'],
    visitorKeys: sourceCode.visitorKeys,
    parserServices: sourceCode.parserServices as ModelInput['parserServices'],
    settings,
    text: sourceCode.text,
  });
  models.set(sourceCode.ast, { key, model });
  return model;
}

const hotModels = new WeakMap<TSESTree.Program, { key: string; hot: HotPaths }>();

/**
 * Which classes of this file are hot. Reads `settings['fixed-shape'].report` (once per process) right
 * away: call it from a rule's create() so a missing or corrupt report is the same configuration error
 * for every file. The hot-path model itself is built on the first call of the returned function, so
 * files without candidates never pay for it (rules run on every keystroke).
 */
export function hotPathsOf(context: AnyContext): () => HotPaths {
  const settings = settingsOf(context);
  const report = settings.report === undefined ? undefined : readShapeReport(settings.report, context.cwd);
  return () => buildHotPathsOnce(context, settings, report?.classes.filter((entry) => entry.hot).map((entry) => entry.name));
}

function buildHotPathsOnce(context: AnyContext, settings: FixedShapeSettings, reportClasses: string[] | undefined): HotPaths {
  const sourceCode = context.sourceCode;
  const key = JSON.stringify([settings.initMethods, settings.hotClasses, settings.report, context.cwd]);
  const cached = hotModels.get(sourceCode.ast);
  if (cached && cached.key === key) return cached.hot;
  const hot = buildHotPaths({
    ast: sourceCode.ast,
    text: sourceCode.text,
    model: shapeModelOf(context),
    scopeManager: sourceCode.scopeManager as unknown as ModelInput['scopeManager'],
    visitorKeys: sourceCode.visitorKeys,
    hotClasses: settings.hotClasses,
    reportClasses,
  });
  hotModels.set(sourceCode.ast, { key, hot });
  return hot;
}
