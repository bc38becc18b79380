import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Sources run from src/ (vitest) and from dist/src/ (built), so look up both levels.
const candidates = ['../package.json', '../../package.json'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
const packageJsonPath = candidates.find((path) => existsSync(path) && JSON.parse(readFileSync(path, 'utf8')).name === 'eslint-plugin-fixed-shape');
if (!packageJsonPath) throw new Error('eslint-plugin-fixed-shape: cannot find its own package.json');

const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { name: string; version: string; homepage: string };

export const packageRoot = fileURLToPath(new URL('.', `file://${packageJsonPath}`));
export const packageName = packageJson.name;
export const packageVersion = packageJson.version;
export const docsBaseUrl = 'https://github.com/fixed-shape/eslint-plugin-fixed-shape/blob/main/docs/rules/';
