import type { TSESLint } from '@typescript-eslint/utils';
import consistentConstructorShape from '../rules/consistent-constructor-shape.js';
import noDeleteProperty from '../rules/no-delete-property.js';
import noDynamicProperties from '../rules/no-dynamic-properties.js';
import { packageName, packageVersion } from './package-info.js';

export const rules = {
  'consistent-constructor-shape': consistentConstructorShape,
  'no-delete-property': noDeleteProperty,
  'no-dynamic-properties': noDynamicProperties,
};

type RuleName = keyof typeof rules;
type Severity = 'error' | 'warn' | 'off';

const plugin = {
  meta: { name: packageName, version: packageVersion },
  rules,
  configs: {} as Record<'recommended' | 'all', TSESLint.FlatConfig.Config>,
};

function preset(name: string, pick: (rule: (typeof rules)[RuleName]) => Severity): TSESLint.FlatConfig.Config {
  const entries = Object.entries(rules).map(([ruleName, rule]) => [`fixed-shape/${ruleName}`, pick(rule)] as const);
  return {
    name: `fixed-shape/${name}`,
    plugins: { 'fixed-shape': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(entries.filter(([, severity]) => severity !== 'off')),
  };
}

plugin.configs.recommended = preset('recommended', (rule) => (rule.meta.docs?.recommended ? 'warn' : 'off'));
plugin.configs.all = preset('all', () => 'warn');

export const configs = plugin.configs;
export default plugin;
