/** What the codemod did to each class, as written by `fixed-shape migrate --json`. */

export type SealMode = 'always' | 'development' | 'none';
export const SEAL_MODES: readonly SealMode[] = ['always', 'development', 'none'];

/**
 * How a number field that was added late starts: `proven` gives NaN only where no read can tell it
 * from undefined (else a field written with doubles stays added late, reported); `nan` gives NaN to
 * every field written only with numbers.
 */
export type NumberMode = 'proven' | 'nan';
export const NUMBER_MODES: readonly NumberMode[] = ['proven', 'nan'];

/**
 * Per-instance dictionaries (a field started as `{}` indexed with run-time keys): `map` rewrites them to
 * a Map where every use can be seen (src/dictionary-map.ts), `keep` leaves them.
 */
export type DictionaryMode = 'map' | 'keep';
export const DICTIONARY_MODES: readonly DictionaryMode[] = ['map', 'keep'];

/** The choices that change what the codemod writes. */
export interface CodemodChoices {
  seal: SealMode;
  numbers: NumberMode;
  /** Default `map`. */
  dictionaries?: DictionaryMode;
}

export type SkipCode =
  | 'decorated'
  | 'returns-value'
  | 'proxy'
  | 'assign-unknown'
  | 'computed-write'
  | 'per-instance-accessor'
  | 'define-property'
  | 'unknown-base'
  | 'base-skipped'
  | 'super-position'
  | 'shadows-prototype'
  | 'subclass-accessor'
  | 'written-during-super'
  | 'observable-delete'
  | 'late-double'
  | 'prototype-instance';

export interface SkipReason {
  code: SkipCode;
  message: string;
  line?: number;
}

export type DeclarationCause = 'conditional' | 'order' | 'late' | 'init-method' | 'type-only' | 'delete' | 'other-file' | 'inherited';

export interface DeclaredProperty {
  name: string;
  /** The value the constructor now starts it with. */
  initializer: 'undefined' | 'NaN';
  cause: DeclarationCause;
  /** Line of the write that made the declaration necessary. */
  line: number;
  /** `file:line` of that write when it is in another file. */
  at?: string;
}

export interface DeleteReport {
  name: string;
  line: number;
  converted: boolean;
  /** Why it was left as is. */
  reason?: string;
}

/** A per-instance dictionary field and whether it became a Map. */
export interface DictionaryReport {
  name: string;
  line: number;
  converted: boolean;
  /** Why it was left as is. */
  reason?: string;
}

export interface ClassReport {
  name: string;
  kind: 'class' | 'function';
  line: number;
  column: number;
  /** `untouched`: already a fixed shape, or nothing the codemod can fix. */
  status: 'migrated' | 'skipped' | 'untouched';
  reasons: SkipReason[];
  declared: DeclaredProperty[];
  /** Number fields declared as `undefined`: only small integers are written, or the type is not a number. */
  keptUndefined: Array<{ name: string; reason: string }>;
  /**
   * Double fields left added where they were (declaring them `undefined` would box every write, and NaN
   * could be seen): the class keeps their late shape change and is not sealed.
   */
  keptLate: Array<{ name: string; reason: string }>;
  /** TypeScript declarations added to the class body. */
  typeDeclarations: string[];
  /** The seal the constructor now ends with, or null. */
  seal: Exclude<SealMode, 'none'> | null;
  /** The seal applies only when `new.target` is this class (it is extended or exported). */
  sealGuardedByNewTarget: boolean;
  /** Why a migrated class is not sealed. */
  sealSkipped?: string;
  deletes: DeleteReport[];
  /** Fields used as dictionaries; converted ones are Maps now (prototype keys such as 'toString', and numeric keys, behave differently). */
  dictionaries: DictionaryReport[];
}

export interface FileReport {
  file: string;
  changed: boolean;
  /** `file:line:col: message` when the file was skipped. */
  error?: string;
  classes: ClassReport[];
}

export interface MigrationReport {
  version: 1;
  generator: string;
  seal: SealMode;
  numbers: NumberMode;
  dictionaries: DictionaryMode;
  files: FileReport[];
  summary: MigrationSummary;
}

export interface MigrationSummary {
  files: number;
  changed: number;
  failed: number;
  classes: { migrated: number; skipped: number; untouched: number };
  skipped: Partial<Record<SkipCode, number>>;
  declared: number;
  nanFields: number;
  keptUndefined: number;
  keptLate: number;
  sealed: number;
  deletesConverted: number;
  deletesKept: number;
  mapsConverted: number;
  mapsKept: number;
}

export function summarize(files: readonly FileReport[]): MigrationSummary {
  const summary: MigrationSummary = {
    files: files.length,
    changed: 0,
    failed: 0,
    classes: { migrated: 0, skipped: 0, untouched: 0 },
    skipped: {},
    declared: 0,
    nanFields: 0,
    keptUndefined: 0,
    keptLate: 0,
    sealed: 0,
    deletesConverted: 0,
    deletesKept: 0,
    mapsConverted: 0,
    mapsKept: 0,
  };
  for (const file of files) {
    if (file.changed) summary.changed++;
    if (file.error) summary.failed++;
    for (const entry of file.classes) {
      summary.classes[entry.status]++;
      if (entry.status === 'skipped') {
        const code = entry.reasons[0]?.code;
        if (code) summary.skipped[code] = (summary.skipped[code] ?? 0) + 1;
      }
      summary.declared += entry.declared.length;
      summary.nanFields += entry.declared.filter((field) => field.initializer === 'NaN').length;
      summary.keptUndefined += entry.keptUndefined.length;
      summary.keptLate += entry.keptLate.length;
      if (entry.seal) summary.sealed++;
      for (const site of entry.deletes) site.converted ? summary.deletesConverted++ : summary.deletesKept++;
      for (const field of entry.dictionaries) field.converted ? summary.mapsConverted++ : summary.mapsKept++;
    }
  }
  return summary;
}
