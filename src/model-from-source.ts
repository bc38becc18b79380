/**
 * The shape model outside ESLint: parse a file the way ESLint's typescript-eslint parser would and build
 * the one model from it. The codemod, the CLI, benchmarks and corpus tests all go through here.
 */
import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { children, forEachChild, T, type Node, type VisitorKeys } from './ast.js';
import { buildShapeModel, type ModelInput, type ShapeModel, type ShapeSettings } from './shape-model.js';

export interface ParsedSource {
  ast: TSESTree.Program;
  scopeManager: ModelInput['scopeManager'];
  visitorKeys: VisitorKeys;
}

export interface SourceModel extends ParsedSource {
  model: ShapeModel;
}

/** A file that does not parse, with a 1-based line and column. */
export class SourceSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'SourceSyntaxError';
  }
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;

export function isTypeScriptPath(filePath: string): boolean {
  return TYPESCRIPT.test(filePath);
}

/** JSX is parsed in .jsx, .tsx and .js files; in .ts it would break `<T>x` casts. */
function jsxFor(filePath: string): boolean {
  return /\.(?:jsx|tsx|js)$/i.test(filePath);
}

/**
 * Parses like ESLint's typescript-eslint parser does (same AST, same scopes) and sets `parent` on every
 * node (the model and rules rely on it). Its two steps are called directly rather than through
 * parseForESLint, to skip what nothing here reads: tokens, TypeScript-to-ESTree node maps and comments
 * (a quarter of the parse; only the files the codemod changes need them: see sourceComments).
 */
export function parseSource(text: string, filePath: string): ParsedSource {
  let ast: TSESTree.Program;
  try {
    ast = parse(text, { range: true, loc: true, sourceType: 'module', jsx: jsxFor(filePath), filePath });
  } catch (error) {
    throw toSyntaxError(error, filePath);
  }
  const keys = visitorKeys as VisitorKeys;
  setParents(ast, keys);
  return {
    ast,
    scopeManager: analyze(ast, { sourceType: 'module' }) as unknown as ModelInput['scopeManager'],
    visitorKeys: keys,
  };
}

/**
 * The ranges of a parsed file's comments, in source order: those typescript-estree lists with `comment:
 * true`. Outside strings, regular expressions, template text and JSX text (the AST says where those are),
 * `//` and `/*` start comments.
 */
export function sourceComments(ast: TSESTree.Program, text: string, keys: VisitorKeys): Array<[number, number]> {
  const opaque: Array<[number, number]> = [];
  const stack: Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === T.Literal || node.type === T.TemplateElement || node.type === T.JSXText) opaque.push(node.range);
    else forEachChild(node, keys, (child) => void stack.push(child));
  }
  opaque.sort((a, b) => a[0] - b[0]);
  const comments: Array<[number, number]> = [];
  // A hashbang line is not a comment.
  let at = text.startsWith('#!') ? lineEnd(text, 0) : 0;
  let next = 0;
  for (;;) {
    while (next < opaque.length && opaque[next]![1] <= at) next++;
    const slash = text.indexOf('/', at);
    if (slash < 0) break;
    if (next < opaque.length && slash >= opaque[next]![0]) {
      at = opaque[next++]![1];
      continue;
    }
    const kind = text.charCodeAt(slash + 1);
    if (kind === 0x2f /* / */) {
      at = lineEnd(text, slash);
      comments.push([slash, at]);
    } else if (kind === 0x2a /* * */) {
      at = text.indexOf('*/', slash + 2) + 2;
      comments.push([slash, at]);
    } else {
      at = slash + 1;
    }
  }
  return comments;
}

/** Where the line holding `from` ends (before its line terminator), as ECMAScript counts lines. */
function lineEnd(text: string, from: number): number {
  const match = /[\n\r\u2028\u2029]/g;
  match.lastIndex = from;
  return match.exec(text)?.index ?? text.length;
}

export function modelFromSource(text: string, filePath: string, settings?: Partial<ShapeSettings>): SourceModel {
  const parsed = parseSource(text, filePath);
  return { ...parsed, model: buildShapeModel({ ...parsed, settings, text }) };
}

function setParents(root: Node, keys: VisitorKeys): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of children(node, keys)) {
      (child as { parent?: Node }).parent = node;
      stack.push(child);
    }
  }
}

function toSyntaxError(error: unknown, filePath: string): Error {
  const parseError = error as { lineNumber?: unknown; column?: unknown; message?: unknown };
  if (typeof parseError.lineNumber === 'number' && typeof parseError.column === 'number') {
    return new SourceSyntaxError(filePath, parseError.lineNumber, parseError.column + 1, String(parseError.message));
  }
  return error instanceof Error ? error : new Error(String(error));
}
