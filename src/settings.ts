import type { ShapeSettings } from './shape-model.js';

/** `settings['fixed-shape']` in an ESLint config. Documented in the README's Settings section. */
export interface FixedShapeSettings extends ShapeSettings {
  /** Class names that count as hot paths. */
  hotClasses: readonly string[];
  /** Path of a shape report written by `fixed-shape audit --report`. */
  report: string | undefined;
}

export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): FixedShapeSettings {
  const raw = (settings?.['fixed-shape'] ?? {}) as Partial<Record<keyof FixedShapeSettings, unknown>>;
  return {
    initMethods: stringList(raw.initMethods, 'initMethods'),
    hotClasses: stringList(raw.hotClasses, 'hotClasses'),
    report: raw.report === undefined ? undefined : stringValue(raw.report, 'report'),
  };
}

function stringList(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`fixed-shape: settings['fixed-shape'].${key} must be an array of strings`);
  }
  return value as string[];
}

function stringValue(value: unknown, key: string): string {
  if (typeof value !== 'string') throw new Error(`fixed-shape: settings['fixed-shape'].${key} must be a string`);
  return value;
}
