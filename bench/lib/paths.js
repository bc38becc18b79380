import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = path.join(repoRoot, 'dist/src/cli.js');
/** three's sources: a large, real, published corpus that is already a devDependency. */
export const corpusSource = path.join(repoRoot, 'node_modules/three/src');

/**
 * Scratch space outside the repository: the repo's .gitignore covers bench/out/, and tools that honour
 * .gitignore (ESLint, globby) would otherwise skip files placed there.
 */
export function makeScratchDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fixed-shape-bench-'));
}

/** All `.js` files under `dir`, sorted so subsets (quick mode) are stable. */
export function listJsFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * Copy the first `limit` files of the corpus (all when undefined) into `dest`, keeping relative paths.
 * Both tools of a comparison then read the very same files.
 */
export function copyCorpus(dest, limit) {
  const files = listJsFiles(corpusSource).slice(0, limit);
  for (const file of files) {
    const target = path.join(dest, path.relative(corpusSource, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  return { dir: dest, files: files.length, bytes: files.reduce((sum, file) => sum + fs.statSync(file).size, 0) };
}
