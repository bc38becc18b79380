/**
 * The fixed-shape codemod: rewrites classes (and ES5 constructor functions) the shape model finds
 * unstable so every property is declared in the constructor, in first-assignment order, and the
 * constructor seals the instance. What to change comes from src/migrate/plan.ts; this file applies it
 * as text inserted at the model's source ranges, so code it does not touch keeps its formatting and
 * comments byte for byte. It is a jscodeshift transform (default export):
 *
 *   npx jscodeshift -t node_modules/eslint-plugin-fixed-shape/dist/codemods/fixed-shape.js src --seal=development
 *
 * Every file is parsed with the parser the lint rules use (typescript-eslint: TypeScript syntax for
 * .ts/.tsx, JSX in .tsx/.jsx/.js). The `fixed-shape migrate` CLI runs the same code with a cross-file
 * class index (docs/migrate.md).
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { fieldNode, mapRewrite } from '../src/dictionary-map.js';
import { EscapeAnalysis } from '../src/migrate/escape.js';
import { parseSource, sourceComments, SourceSyntaxError } from '../src/model-from-source.js';
import { analyzeModule, planAnalyzed, type AnalysisOptions, type AnalyzedModule } from '../src/migrate/module.js';
import { loadTypeScript } from '../src/migrate/project.js';
import type { ClassEdits, ClassPlan, CrossFile, Range, StatementText } from '../src/migrate/plan.js';
import { DICTIONARY_MODES, NUMBER_MODES, SEAL_MODES, type DictionaryMode, type FileReport, type NumberMode, type SealMode } from '../src/migrate/report.js';
import { SEAL_FLAG_DECLARATION, sealFlagState } from '../src/seal-flag.js';

export interface MigrateOptions extends AnalysisOptions {
  /** Default `always`. */
  seal?: SealMode;
  /** Default `proven`. */
  numbers?: NumberMode;
  /** Default `map`. */
  dictionaries?: DictionaryMode;
  /** The cross-file class index (the CLI's pre-pass); without it, imported base classes are unknown. */
  crossFile?: CrossFile;
}

export interface MigrateResult {
  output: string;
  report: FileReport;
}

/** Migrates one file's text. Throws SourceSyntaxError when it does not parse. */
export function migrateSource(source: string, file: string, options: MigrateOptions = {}): MigrateResult {
  return migrateAnalyzed(analyzeModule(source, file, options), options);
}

/** Same, from an already analysed module (the CLI reuses its pre-pass parse). */
export function migrateAnalyzed(module: AnalyzedModule, options: MigrateOptions = {}): MigrateResult {
  const plans = planAnalyzed(module, { seal: options.seal ?? 'always', numbers: options.numbers ?? 'proven' }, options.crossFile);
  const changing = plans.filter((plan) => plan.edits !== null);
  const mapping = (options.dictionaries ?? 'map') === 'map' && module.dictionaries.length > 0;
  // Comments are found only for a file that may change: the parse leaves them out (model-from-source.ts).
  const comments = changing.length > 0 || mapping ? sourceComments(module.ast, module.source, module.visitorKeys) : [];
  const layout = changing.length > 0 ? new Layout(module.source, comments) : null;
  const edits = changing.flatMap((plan) => textEdits(plan.edits!, layout!));
  if (mapping) edits.push(...dictionaryEdits(module, plans, edits, comments, options.crossFile));
  const output = edits.length > 0 ? applyEdits(module, changing, edits) : module.source;
  if (output !== module.source) {
    const problem = syntaxProblem(output, module.file);
    if (problem) throw new Error(`${module.file}: internal error: the migrated output does not parse (${problem}); file left unchanged`);
  }
  return { output, report: { file: module.file, changed: output !== module.source, classes: plans.map((plan) => plan.report) } };
}

/** The first syntax error in `text`, as `line:col: message`, or undefined. TypeScript's parser alone: no ESTree, no scopes. */
function syntaxProblem(text: string, file: string): string | undefined {
  const ts = loadTypeScript();
  if (!ts) {
    try {
      parseSource(text, file);
      return undefined;
    } catch (error) {
      return error instanceof SourceSyntaxError ? `${error.line}:${error.column}: ${error.reason}` : String(error);
    }
  }
  const kind = /\.tsx$/i.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const diagnostic = (source as unknown as { parseDiagnostics?: Array<{ start?: number; messageText: string | { messageText: string } }> }).parseDiagnostics?.[0];
  if (!diagnostic) return undefined;
  const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  return `${line + 1}:${character + 1}: ${typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText}`;
}

/** The jscodeshift entry point. Options: --seal=always|development|none, --numbers=proven|nan, --dictionaries=map|keep, --initMethods=a,b. */
export default function transform(file: FileInfo, _api: API, options: Options): string {
  const seal = (options.seal ?? 'always') as SealMode;
  if (!SEAL_MODES.includes(seal)) throw new Error(`--seal must be one of ${SEAL_MODES.join(', ')}`);
  const numbers = (options.numbers ?? 'proven') as NumberMode;
  if (!NUMBER_MODES.includes(numbers)) throw new Error(`--numbers must be one of ${NUMBER_MODES.join(', ')}`);
  const dictionaries = (options.dictionaries ?? 'map') as DictionaryMode;
  if (!DICTIONARY_MODES.includes(dictionaries)) throw new Error(`--dictionaries must be one of ${DICTIONARY_MODES.join(', ')}`);
  const initMethods = typeof options.initMethods === 'string' ? options.initMethods.split(',').filter(Boolean) : undefined;
  return migrateSource(file.source, file.path, { seal, numbers, dictionaries, initMethods }).output;
}

/**
 * Per-instance dictionaries made Maps, each reported on its class. A field qualifies when every use is a
 * `this.<field>` in its class with a Map form, and no code outside can reach it: it is private, or its
 * class is not exported and its instances stay in the module, or no other file of the run names it.
 */
function dictionaryEdits(module: AnalyzedModule, plans: readonly ClassPlan[], planned: readonly TextEdit[], comments: readonly Range[], crossFile: CrossFile | undefined): TextEdit[] {
  const result: TextEdit[] = [];
  let escapes: EscapeAnalysis | undefined;
  for (const { shape, name, uses } of module.dictionaries) {
    const plan = plans.find((candidate) => candidate.shape === shape)!;
    const line = fieldNode(shape, name).loc.start.line;
    const keep = (reason: string): void => void plan.report.dictionaries.push({ name, line, converted: false, reason });
    const rewrite = mapRewrite(shape, name, uses, module.model, { text: module.source, ast: module.ast, comments, visitorKeys: module.visitorKeys });
    if (!rewrite) {
      keep('a use has no Map form, or code other than its class methods names the field');
      continue;
    }
    if (!rewrite.private) {
      if (shape.exported) {
        keep('the class is exported and the field is public: code outside the run may use it as an object');
        continue;
      }
      escapes ??= new EscapeAnalysis(module.ast);
      if (escapes.escape(shape) !== null && (!crossFile || crossFile.mentionedElsewhere(name))) {
        keep(crossFile ? `instances leave the module and another file names '${name}'` : 'instances leave the module (run `fixed-shape migrate` on the whole project to check the other files)');
        continue;
      }
    }
    const edits = rewrite.edits.map(({ range, text }) => ({ start: range[0], end: range[1], text }));
    if (edits.some((edit) => [...planned, ...result].some((other) => overlaps(edit, other)))) {
      keep('the rewrite overlaps another change of this class');
      continue;
    }
    result.push(...edits);
    plan.report.dictionaries.push({ name, line, converted: true });
    if (plan.report.status === 'untouched') plan.report.status = 'migrated';
  }
  return result;
}

/** Whether two edits touch the same source (an insertion may sit at either end of a replacement). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start < b.end && b.start < a.end;
}


// ---------------------------------------------------------------------------------------------------
// Applying plans: text inserted at the model's source ranges. Only new lines are new; every other
// byte of the file stays as it was (recast's reprinting of a changed block drops blank lines and
// re-indents comments in tab-indented code).

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(module: AnalyzedModule, plans: readonly ClassPlan[], planned: readonly TextEdit[]): string {
  const source = module.source;
  const edits = [...planned];
  const flag = sealFlagState(module.ast, source);
  if (flag.state === 'absent' && plans.some((plan) => plan.edits!.usesSealFlag)) {
    edits.push(flag.after ? { start: flag.after.range[1], end: flag.after.range[1], text: `\n\n${SEAL_FLAG_DECLARATION}` } : { start: module.ast.range[0], end: module.ast.range[0], text: `${SEAL_FLAG_DECLARATION}\n\n` });
  }
  // Insertions at one offset keep their order; a replacement starting there comes after them.
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) || a.index - b.index);
  let output = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor) throw new Error(`${module.file}: internal error: overlapping edits at offset ${edit.start}`);
    output += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + source.slice(cursor);
}

function textEdits(edits: ClassEdits, layout: Layout): TextEdit[] {
  const result: TextEdit[] = [];
  const insert = (at: number, text: string): void => void result.push({ start: at, end: at, text });
  for (const { range, member, resultUsed } of edits.deletes) {
    const assignment = `${layout.text(member)} = undefined`;
    result.push({ start: range[0], end: range[1], text: resultUsed ? `(${assignment}, true)` : assignment });
  }
  const atEnd: StatementText[] = [...(edits.inserts.find((entry) => entry.before === null)?.statements ?? []), ...(edits.sealAtEnd && edits.seal ? [edits.seal] : [])];
  if (edits.body) {
    for (const entry of edits.inserts) {
      if (entry.before) insert(...layout.before(entry.before[0], entry.statements));
    }
    for (const { range, inList } of edits.returns) {
      if (inList) insert(...layout.before(range[0], [edits.seal!]));
      else result.push({ start: range[0], end: range[1], text: `{ ${edits.seal!} ${layout.text(range)} }` });
    }
    if (atEnd.length > 0) result.push(layout.atEnd(edits.body, edits.lastStatement, atEnd));
  } else if (edits.createConstructor && edits.classBody) {
    const { params, superArgs } = edits.createConstructor;
    const statements = [...(superArgs === null ? [] : [`super(${superArgs});`]), ...atEnd];
    const member = (indent: string): string[] => [`constructor(${params}) {`, ...layout.lines(statements, indent + layout.unit), `${indent}}`];
    if (edits.constructorBefore) insert(...layout.memberBefore(edits.constructorBefore[0], member));
    else result.push(layout.memberAtEnd(edits.classBody, member));
  }
  if (edits.declarations.length > 0 && edits.classBody) {
    const lines = (indent: string): string[] => edits.declarations.map((line, index) => (index === 0 ? line : indent + line));
    if (edits.declarationsAfter) insert(...layout.after(edits.declarationsAfter[1], lines));
    else result.push(layout.memberAtStart(edits.classBody, lines));
  }
  return result;
}

/** Where and how to insert lines so they sit like their neighbours: same indentation, comments kept with their code. */
class Layout {
  readonly unit: string;
  private readonly lineBreak: string;

  constructor(
    private readonly source: string,
    private readonly comments: readonly Range[],
  ) {
    this.lineBreak = source.includes('\r\n') ? '\r\n' : '\n';
    const indents = [...source.matchAll(/^([ \t]+)[^\s*]/gm)].map((match) => match[1]!);
    const tabs = indents.filter((indent) => indent.startsWith('\t')).length;
    // A loop, not Math.min(...spaces): a bundle has more lines than a call has room for arguments.
    let smallest = 8;
    for (const indent of indents) if (!indent.startsWith('\t')) smallest = Math.min(smallest, indent.length);
    this.unit = tabs * 2 >= indents.length && tabs > 0 ? '\t' : ' '.repeat(Math.max(2, smallest));
  }

  text(range: Range): string {
    return this.source.slice(range[0], range[1]);
  }

  /** Statements as lines at `indent` (the first line without it), blocks one level deeper inside. */
  lines(statements: readonly StatementText[], indent: string): string[] {
    return statements.flatMap((statement) =>
      typeof statement === 'string' ? [indent + statement] : [`${indent}${statement.head} {`, ...statement.body.map((line) => indent + this.unit + line), `${indent}}`],
    );
  }

  /** Statements before the statement at `start` (and before the comments that lead it). */
  before(start: number, statements: readonly StatementText[]): [number, string] {
    const anchor = this.leadingCommentStart(start);
    const indent = this.indentAt(anchor);
    if (indent === null) return [anchor, `${this.lines(statements, '').join(' ')} `];
    // Code separated by blank lines keeps that rhythm: the new lines get their own paragraph.
    const gap = this.blankLineBefore(anchor) ? this.newline() : '';
    return [anchor, this.lines(statements, indent).join(this.newline()).slice(indent.length) + this.newline() + gap + indent];
  }

  /** Statements after the last one of a block (after its trailing comment), or in an empty block. */
  atEnd(block: Range, last: Range | null, statements: readonly StatementText[]): TextEdit {
    if (!last) return this.fillEmpty(block, statements);
    const at = this.trailingCommentEnd(last[1]);
    const indent = this.indentAt(this.lineStart(last[0]), true) ?? this.unit;
    // A block that ends with a blank line before `}` gets the new lines as their own paragraph.
    const gap = this.blankLineAfter(at) ? this.newline() : '';
    return { start: at, end: at, text: gap + this.lines(statements, indent).map((line) => this.newline() + line).join('') };
  }

  /** `{}` (or `{ }`) becomes a block holding `statements`, indented one level deeper than its opening line. */
  fillEmpty(block: Range, statements: readonly StatementText[]): TextEdit {
    const outer = this.indentAt(this.lineStart(block[0]), true) ?? '';
    const lines = this.lines(statements, outer + this.unit);
    return { start: block[0] + 1, end: block[1] - 1, text: lines.map((line) => this.newline() + line).join('') + this.newline() + outer };
  }

  /** A member (lines already indented after the first) before the member at `start`. */
  memberBefore(start: number, lines: (indent: string) => string[]): [number, string] {
    const anchor = this.leadingCommentStart(start);
    const indent = this.indentAt(anchor) ?? this.unit;
    const blank = this.blankLineBefore(anchor);
    return [anchor, lines(indent).join(this.newline()) + this.newline() + (blank ? this.newline() : '') + indent];
  }

  /** A member after the last one of a class body, or in an empty one. */
  memberAtEnd(classBody: Range, lines: (indent: string) => string[]): TextEdit {
    const outer = this.indentAt(this.lineStart(classBody[0]), true) ?? '';
    const inner = outer + this.unit;
    const before = this.source.slice(classBody[0] + 1, classBody[1] - 1);
    if (before.trim() === '') return { start: classBody[0] + 1, end: classBody[1] - 1, text: this.newline() + inner + lines(inner).join(this.newline()) + this.newline() + outer };
    const at = this.trailingCommentEnd(classBody[0] + 1 + before.trimEnd().length);
    return { start: at, end: at, text: this.newline() + this.newline() + inner + lines(inner).join(this.newline()) };
  }

  /** A member first in a class body. */
  memberAtStart(classBody: Range, lines: (indent: string) => string[]): TextEdit {
    const inner = this.source.slice(classBody[0] + 1, classBody[1] - 1);
    if (inner.trim() === '') return this.memberAtEnd(classBody, lines);
    const first = classBody[0] + 1 + (inner.length - inner.trimStart().length);
    const [at, text] = this.memberBefore(first, lines);
    return { start: at, end: at, text };
  }

  /** Lines after the member ending at `end` (and its trailing comment). */
  after(end: number, lines: (indent: string) => string[]): [number, string] {
    const at = this.trailingCommentEnd(end);
    const indent = this.indentAt(this.lineStart(end), true) ?? this.unit;
    return [at, this.newline() + indent + lines(indent).join(this.newline())];
  }

  private newline(): string {
    return this.lineBreak;
  }

  /** Whether `offset` starts its line and the line above is blank. */
  private blankLineBefore(offset: number): boolean {
    const lineStart = this.lineStart(offset);
    if (lineStart < 2 || this.source.slice(lineStart, offset).trim() !== '') return false;
    return this.source.slice(this.lineStart(lineStart - 1), lineStart).trim() === '';
  }

  /** Whether the rest of the line after `offset` and the line after it are blank. */
  private blankLineAfter(offset: number): boolean {
    const first = this.source.indexOf('\n', offset);
    const second = first < 0 ? -1 : this.source.indexOf('\n', first + 1);
    return second >= 0 && this.source.slice(offset, second).trim() === '';
  }

  private lineStart(offset: number): number {
    return Math.max(this.source.lastIndexOf('\n', offset - 1) + 1, 0);
  }

  /** The whitespace before `offset` on its line, or null when code precedes it there. */
  private indentAt(offset: number, ofLine = false): string | null {
    const start = this.lineStart(offset);
    if (ofLine) return /^[ \t]*/.exec(this.source.slice(start))![0];
    const prefix = this.source.slice(start, offset);
    return /^[ \t]*$/.test(prefix) ? prefix : null;
  }

  /** Moves back over comments on their own lines directly above `start`. */
  private leadingCommentStart(start: number): number {
    let anchor = start;
    for (let index = this.firstCommentFrom(start) - 1; index >= 0; index--) {
      const [commentStart, commentEnd] = this.comments[index]!;
      if (this.source.slice(commentEnd, anchor).trim() !== '' || this.indentAt(commentStart) === null) break;
      anchor = commentStart;
    }
    return anchor;
  }

  /** Moves past comments that end the line after `end` (`x = 1; // note`). */
  private trailingCommentEnd(end: number): number {
    let at = end;
    for (let index = this.firstCommentFrom(end); index < this.comments.length; index++) {
      const [commentStart, commentEnd] = this.comments[index]!;
      const between = this.source.slice(at, commentStart);
      if (between.includes('\n') || between.trim() !== '') break;
      at = commentEnd;
    }
    return at;
  }

  /** Index of the first comment that starts at or after `offset` (comments are in source order). */
  private firstCommentFrom(offset: number): number {
    let low = 0;
    let high = this.comments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.comments[middle]![0] < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
