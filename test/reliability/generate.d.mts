export function classSource(name: string, options?: { base?: string; indent?: string }): string;
export function bundleSource(bytes: number): string;
export function writeTree(dir: string, files: number): void;
