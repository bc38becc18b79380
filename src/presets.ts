/** The plugin's preset configs by name, apart from the rules, so the CLI can list them without loading ESLint. */
export const PRESET_NAMES = ['recommended', 'strict', 'all'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
