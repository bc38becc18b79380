/** Which files `fixed-shape migrate <paths...>` works on: files, directories and globs, minus .gitignore'd ones. */
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { globby, isDynamicPattern } from 'globby';

export const SOURCE_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface Discovery {
  files: string[];
  /** Arguments that name no file, directory or matching glob. */
  missing: string[];
  /** Files given explicitly that are not JavaScript or TypeScript. */
  unsupported: string[];
}

export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const missing: string[] = [];
  const unsupported: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      if (isSource(absolute)) files.add(absolute);
      else unsupported.push(path);
    } else if (stat?.isDirectory()) {
      // Dotfiles too: an editor's `.#file.js` lock is reported, not silently passed over.
      const found = await globby(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`, { cwd: absolute, absolute: true, gitignore: true, ignore: IGNORE, dot: true });
      found.forEach((file) => files.add(resolve(file)));
    } else if (isDynamicPattern(path)) {
      const found = (await globby(path, { cwd, absolute: true, gitignore: true, ignore: IGNORE, dot: true })).filter(isSource);
      if (found.length === 0) missing.push(path);
      found.forEach((file) => files.add(resolve(file)));
    } else {
      missing.push(path);
    }
  }
  return { files: [...files].sort(), missing, unsupported };
}

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(file).slice(1).toLowerCase());
}
