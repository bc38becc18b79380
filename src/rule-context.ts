import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { buildShapeModel, type ModelInput, type ShapeModel } from './shape-model.js';
import { readSettings, type FixedShapeSettings } from './settings.js';

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
  });
  models.set(sourceCode.ast, { key, model });
  return model;
}
