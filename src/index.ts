import type { TSESLint } from '@typescript-eslint/utils';
import consistentConstructorShape from '../rules/consistent-constructor-shape.js';
import noDeleteProperty from '../rules/no-delete-property.js';
import noDynamicProperties from '../rules/no-dynamic-properties.js';
import noInstanceDictionary from '../rules/no-instance-dictionary.js';
import noUnsafeSeal from '../rules/no-unsafe-seal.js';
import requireSeal from '../rules/require-seal.js';
import { packageName, packageVersion } from './package-info.js';
import type { PresetName } from './presets.js';

export const rules = {
  'consistent-constructor-shape': consistentConstructorShape,
  'no-delete-property': noDeleteProperty,
  'no-dynamic-properties': noDynamicProperties,
  'no-instance-dictionary': noInstanceDictionary,
  'no-unsafe-seal': noUnsafeSeal,
  'require-seal': requireSeal,
};

type RuleName = keyof typeof rules;
type Severity = 'error' | 'warn' | 'off';

const plugin = {
  meta: { name: packageName, version: packageVersion },
  rules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};

/** Findings that are run-time bugs (a TypeError, lost writes), not only slow paths: errors in every preset. */
const BUGS: ReadonlySet<string> = new Set<RuleName>(['no-unsafe-seal']);

function preset(name: string, pick: (rule: (typeof rules)[RuleName], ruleName: string) => Severity): TSESLint.FlatConfig.Config {
  const entries = Object.entries(rules).map(([ruleName, rule]) => [`fixed-shape/${ruleName}`, pick(rule, ruleName)] as const);
  return {
    name: `fixed-shape/${name}`,
    plugins: { 'fixed-shape': plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(entries.filter(([, severity]) => severity !== 'off')),
  };
}

// recommended: quiet on ordinary code (the hot-path rules only look at hot classes), loud on bugs.
plugin.configs.recommended = preset('recommended', (rule, name) => (!rule.meta.docs?.recommended ? 'off' : BUGS.has(name) ? 'error' : 'warn'));
// strict: recommended plus hardening (sealing hot classes), every finding an error.
plugin.configs.strict = preset('strict', (rule) => (rule.meta.docs?.recommended || rule.meta.docs?.strict ? 'error' : 'off'));
plugin.configs.all = preset('all', (_rule, name) => (BUGS.has(name) ? 'error' : 'warn'));

export const configs = plugin.configs;
export default plugin;
