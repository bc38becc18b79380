/**
 * Which files `fixed-shape migrate <paths...>` and `fixed-shape lint` work on: files, directories and
 * globs, minus .gitignore'd ones.
 */
import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs';
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
  /** Entries that look like source files but cannot be read (symlink loops, dangling links), with why. */
  unreadable: Array<{ path: string; reason: string }>;
}

export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const missing: string[] = [];
  const unsupported: string[] = [];
  const unreadable: Discovery['unreadable'] = [];
  // A symlinked file counts once, under its real path; a link that leads nowhere is reported, not skipped.
  const add = (file: string): void => {
    try {
      if (!statSync(file).isFile()) return;
      accessSync(file, constants.R_OK);
      files.add(realpathSync(file));
    } catch (error) {
      unreadable.push({ path: file, reason: readError(error) });
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      if (isSource(absolute)) add(absolute);
      else unsupported.push(path);
    } else if (stat?.isDirectory()) {
      // Dotfiles too: an editor's `.#file.js` lock is reported, not silently passed over. Links are not
      // followed into directories (a link to `.` would list every file twice), but linked files are.
      const found = await globby(`**/*.{${SOURCE_EXTENSIONS.join(',')}}`, {
        cwd: absolute,
        absolute: true,
        gitignore: true,
        ignore: IGNORE,
        dot: true,
        onlyFiles: false,
        followSymbolicLinks: false,
      });
      for (const file of found) if (!lstatSync(file).isDirectory()) add(file);
    } else if (isDynamicPattern(path)) {
      const found = (await globby(path, { cwd, absolute: true, gitignore: true, ignore: IGNORE, dot: true })).filter(isSource);
      if (found.length === 0) missing.push(path);
      found.forEach((file) => add(resolve(file)));
    } else if (lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink()) {
      unreadable.push({ path: absolute, reason: readError(statError(absolute)) });
    } else {
      missing.push(path);
    }
  }
  return { files: [...files].sort(), missing, unsupported, unreadable };
}

function statError(path: string): unknown {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return error;
  }
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ELOOP') return 'cannot read: symbolic link loop (ELOOP)';
  if (code === 'ENOENT') return 'cannot read: symbolic link to a missing file (ENOENT)';
  if (code === 'EACCES') return 'cannot read: permission denied (EACCES)';
  return `cannot read: ${(error as Error | undefined)?.message ?? 'unknown error'}`;
}

function isSource(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(file).slice(1).toLowerCase());
}
