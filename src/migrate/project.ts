/** Per-directory facts about the project a file lives in: package "type" and TypeScript's class-field semantics. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const packageTypes = new Map<string, boolean>();
const defineFields = new Map<string, boolean>();

/** Whether `.js` files in this directory are ES modules (nearest package.json has "type": "module"). */
export function packageIsModule(filePath: string): boolean {
  return lookUp(dirname(filePath), packageTypes, (dir) => {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) return undefined;
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      return false;
    }
  }) ?? false;
}

/** Whether a file is ES module code, which is always strict. */
export function isEsmFile(filePath: string, hasModuleSyntax: boolean): boolean {
  if (/\.m[jt]s$/i.test(filePath)) return true;
  if (/\.c[jt]s$/i.test(filePath)) return false;
  return hasModuleSyntax || packageIsModule(filePath);
}

type TypeScript = typeof import('typescript');
let typescript: TypeScript | null | undefined;

export function loadTypeScript(): TypeScript | null {
  if (typescript === undefined) {
    try {
      typescript = createRequire(import.meta.url)('typescript') as TypeScript;
    } catch {
      typescript = null;
    }
  }
  return typescript;
}

/**
 * TypeScript's `useDefineForClassFields` for the tsconfig.json nearest to a file (true without one: the
 * default for ES2022+ targets). When false, a field without initializer emits no property.
 */
export function defineClassFieldsFor(filePath: string): boolean {
  const ts = loadTypeScript();
  if (!ts) return true;
  const dir = dirname(filePath);
  const cached = defineFields.get(dir);
  if (cached !== undefined) return cached;
  let result = true;
  const config = ts.findConfigFile(dir, ts.sys.fileExists);
  if (config) {
    const read = ts.readConfigFile(config, ts.sys.readFile);
    if (!read.error) {
      const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config), undefined, config);
      result = options.useDefineForClassFields ?? (options.target === undefined || options.target >= ts.ScriptTarget.ES2022);
    }
  }
  defineFields.set(dir, result);
  return result;
}

function lookUp<V>(start: string, cache: Map<string, V | undefined>, read: (dir: string) => V | undefined): V | undefined {
  const visited: string[] = [];
  let result: V | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (cache.has(dir)) {
      result = cache.get(dir);
      break;
    }
    visited.push(dir);
    result = read(dir);
    if (result !== undefined || dirname(dir) === dir) break;
  }
  for (const dir of visited) cache.set(dir, result);
  return result;
}
