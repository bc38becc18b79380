/**
 * sourceComments() finds a parsed file's comments in its text instead of asking the parser for them:
 * it must list exactly what typescript-estree lists with `comment: true`, where the codemod places lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { parseSource, sourceComments } from '../../src/model-from-source.js';

function expectParserComments(text: string, file: string): void {
  const parsed = parseSource(text, file);
  const expected = parse(text, { range: true, comment: true, sourceType: 'module', jsx: /\.(?:jsx|tsx|js)$/i.test(file), filePath: file }).comments!.map((comment) => comment.range);
  expect(sourceComments(parsed.ast, text, parsed.visitorKeys)).toEqual(expected);
}

const edgeCases: Record<string, string> = {
  'strings-and-regexps.js': [
    '#!/usr/bin/env node',
    '// lead',
    "const re = /\\/\\/not/g, re2 = /[/*]x*/; /* b */",
    "const s = '/* no */' + \"// no\"; const d = a / b /* c */ / c; // end",
  ].join('\n'),
  'templates.js': 'const t = `// not ${ /* yes */ a // yes\n} /* not */ ${b}`; // tail\n',
  'jsx.jsx': [
    'const j = <div a="//no" b={/* yes */ 1}>// text /* text */ {/* in jsx */}',
    '  <span>{x /* c */}</span> /* text */',
    '</div>; /** doc */',
    'const f = <></>; // c',
  ].join('\n'),
  'line-terminators.js': 'let a = 1; // crlf\r\nlet b = 2; /* x */\r\n// ls \u2028 let c = 3;\nlet e = 1 //\u2029 after\n',
  'typescript.ts': [
    "type T = `a//${string}/*`; // c1",
    "const x = <any>y; enum E { 'a//' = 1 /* c2 */ }",
    "declare module '//m' { /* c3 */ }",
    '@dec /* c4 */ class K<T /* c5 */> { m(this: K<T>) /* c6 */ {} }',
  ].join('\n'),
  'typescript.tsx': 'const f = <T,>(x: T /* c1 */) => x; const el = <A>text // no</A>/* c2 */;\n',
};

describe('sourceComments', () => {
  it.each(Object.keys(edgeCases))('%s', (file) => expectParserComments(edgeCases[file]!, file));

  it('agrees with the parser on every codemod fixture', () => {
    const root = join(import.meta.dirname, '../fixtures/codemod');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.[cm]?[jt]sx?$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectParserComments(readFileSync(join(root, file), 'utf8'), join(root, file));
  });
});
