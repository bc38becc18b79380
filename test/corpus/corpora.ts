// The real published code the corpus tests run on, each a pinned devDependency. lint-corpus lints every
// file with configs.all; migrate-corpus runs `fixed-shape migrate` on a copy.

export interface Corpus {
  name: string;
  /** Relative to the package root. */
  dir: string;
  sourceType: 'module' | 'commonjs';
  /** Prints what a program sees of the library: `node <smoke> <dir>` on the original and on the migrated copy. */
  smoke: string;
  /** migrate must still rewrite at least this much of it, so a rewrite path that silently stops fails here. */
  minimum: { changedFiles: number; migrated: number; migratedFunctions: number };
}

export const corpora: readonly Corpus[] = [
  // ES2015 classes, ~750 files.
  {
    name: 'three',
    dir: 'node_modules/three/src',
    sourceType: 'module',
    smoke: 'test/corpus/three-smoke.mjs',
    minimum: { changedFiles: 10, migrated: 10, migratedFunctions: 0 },
  },
  // ES5 constructor functions in a release build, nearly all skipped (unknown bases, computed writes).
  {
    name: 'bluebird',
    dir: 'node_modules/bluebird/js/release',
    sourceType: 'commonjs',
    smoke: 'test/corpus/bluebird-smoke.cjs',
    minimum: { changedFiles: 0, migrated: 0, migratedFunctions: 0 },
  },
  // less 2.7.3's core, hand-written sloppy-mode ES5 (~80 files): constructor functions with prototype
  // methods, inheritance through `X.prototype = new Node()`, properties first written in methods. The tree
  // nodes are skipped (a Node instance is every node's prototype: declared keys would show through it);
  // migrate rewrites 6 constructor functions in 5 files (declared fields; no seal in sloppy mode).
  {
    name: 'less',
    dir: 'node_modules/less-v2/lib/less',
    sourceType: 'commonjs',
    smoke: 'test/corpus/less-smoke.cjs',
    minimum: { changedFiles: 5, migrated: 6, migratedFunctions: 6 },
  },
];
