/**
 * The shape model outside ESLint: parse a file the way ESLint's typescript-eslint parser would and build
 * the one model from it. The codemod, the CLI, benchmarks and corpus tests all go through here.
 */
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { children, type Node, type VisitorKeys } from './ast.js';
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

/** Parses like ESLint does and sets `parent` on every node (the model and rules rely on it). */
export function parseSource(text: string, filePath: string): ParsedSource {
  let result: ReturnType<typeof parseForESLint>;
  try {
    result = parseForESLint(text, {
      range: true,
      loc: true,
      sourceType: 'module',
      ecmaFeatures: { jsx: jsxFor(filePath) },
      filePath,
    });
  } catch (error) {
    throw toSyntaxError(error, filePath);
  }
  const visitorKeys = result.visitorKeys as VisitorKeys;
  setParents(result.ast as TSESTree.Program, visitorKeys);
  return {
    ast: result.ast as TSESTree.Program,
    scopeManager: result.scopeManager as unknown as ModelInput['scopeManager'],
    visitorKeys,
  };
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
