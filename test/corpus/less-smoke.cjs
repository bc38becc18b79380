// Compiles Less stylesheets with less 2's core (hand-written ES5 constructor functions: tree nodes,
// visitors, source-map output) and prints the CSS, source maps and errors, so a migrated copy of
// lib/less can be compared with the original. Usage: node less-smoke.cjs <dir of less 2's lib/less>
'use strict';
const path = require('node:path');
const createLess = require(path.resolve(process.argv[2], 'index.js'));

// less 2 takes its source-map implementation from the environment; use the one it was published with.
const lessPackage = path.join(__dirname, '../../node_modules/less-v2');
const environment = {
  encodeBase64: (text) => Buffer.from(text).toString('base64'),
  getSourceMapGenerator: () => require(require.resolve('source-map', { paths: [lessPackage] })).SourceMapGenerator,
};
const less = createLess(environment, []);

// @import from memory: exercises the import manager, ImportVisitor and tree.Import.
const files = {
  'vars.less': '@base: #336699; @pad: 4px; .rounded(@r: 2px) { border-radius: @r; }',
  'theme.less': '@import "vars.less"; .theme { color: darken(@base, 10%); .rounded(6px); }',
  'inline.css': '.raw { not: less; }',
};
class MemoryFileManager extends less.AbstractFileManager {
  supports() { return true; }
  loadFile(filename) {
    const name = path.basename(filename);
    return name in files ? Promise.resolve({ filename: name, contents: files[name] }) : Promise.reject({ type: 'File', message: `no ${name}` });
  }
}
less.environment.addFileManager(new MemoryFileManager());

const sheets = {
  variables: '@a: 10px; @b: @a * 2 + 1; .x { width: @b; height: (@a / 2); margin: -@a; @name: color; @{name}: red; }',
  nesting: '.a { color: blue; .b & { color: red; } &:hover { x: 1 } > .c { d: e } & + & { f: g } }',
  mixins: [
    '.m(@x; @y: 2) when (@x > 1) { w: @x @y; } .m(@x; @y: 2) when (default()) { w: small; }',
    '.p { .m(5); } .q { .m(1; 3); } .r { .m(@y: 9; @x: 4) !important; }',
    '.guard(@c) when (iscolor(@c)) { c: @c } .guard(@c) when not (iscolor(@c)) { c: none } .s { .guard(red); .guard(3) }',
    '.loop(@i) when (@i > 0) { .w-@{i} { width: (@i * 10%); } .loop(@i - 1); } .loop(3);',
  ].join('\n'),
  extend: '.btn { padding: 1px; } .big:extend(.btn all) { size: 2; } .ok { &:extend(.btn); } .a .btn { q: 1 } .z:extend(.a all) {}',
  media: '@w: 600px; .c { color: red; @media (min-width: @w) { color: blue; @media print { color: black; } } } @media screen { @media (max-width: 10px) { .d { e: f } } }',
  directives: '@charset "utf-8"; @font-face { font-family: X; src: url("x.woff"); } @supports (display: grid) { .g { display: grid } } @keyframes k { from { a: 0 } to { a: 1 } }',
  colors: '.c { a: lighten(#808080, 20%); b: spin(hsl(90, 50%, 50%), 30); c: mix(#ff0000, #0000ff, 25%); d: fade(#123456, 40%); e: #abc + #111; f: rgba(1, 2, 3, 0.5); g: contrast(#333); h: hue(#f00); }',
  units: '.u { a: 2px + 5; b: 2 * 3em; c: unit(5, px); d: convert(1s, ms); e: percentage(0.25); f: round(1.67, 1); g: ceil(2.1px); h: 10px / 4; }',
  strings: '@s: "hello"; .s { a: ~"escaped @{s}"; b: e(%("%d/%s", 1, "x")); c: replace("abc", "b", "X"); d: length(1 2 3); e: extract(a b c, 2); f: "@{s} world"; }',
  detached: '@r: { color: green; }; .d { @r(); } @plugin-free: 1; .e when (@plugin-free = 1) { ok: yes }',
  merge: '.m() { box-shadow+: inset 0 0 1px #000; } .n { .m(); box-shadow+: 0 0 2px #fff; t+_: a; t+_: b; }',
  imports: '@import "theme.less"; @import (css) "plain.css"; @import (inline) "inline.css"; @import (reference) "vars.less"; .use { .rounded(); p: @pad }',
  comments: '/* keep */ .c { // gone\n a: b; /* inner */ } /*! important */',
  selectors: '@p: ~"pre"; .@{p}-x, #id[data-a="1"] > .y ~ .z:not(.w)::before { a: b } .@{p}-x { c: d }',
};

const out = [];
async function render(name, input, options) {
  try {
    const result = await less.render(input, Object.assign({ filename: `${name}.less` }, options));
    out.push(`== ${name}`, result.css.trim(), `imports: ${JSON.stringify(result.imports)}`);
    if (result.map) out.push(`map: ${result.map}`);
  } catch (error) {
    out.push(`== ${name}`, `error ${error.type}: ${error.message} at ${error.line}:${error.column}`);
  }
}

async function main() {
  for (const [name, input] of Object.entries(sheets)) await render(name, input);
  await render('compress', sheets.colors + sheets.mixins, { compress: true });
  await render('strict-math', '.s { a: (1 + 1); b: 1 + 1; }', { strictMath: true, strictUnits: true });
  await render('source-map', sheets.nesting + sheets.media, { sourceMap: { outputSourceFiles: true } });
  await render('undefined-variable', '.x { a: @nope; }');
  await render('syntax-error', '.x { a: ; ');
  await render('bad-import', '@import "missing.less";');
  await render('bad-mixin', '.x { .nope(); }');
  const tree = await less.parse('.a { b: c; .d { e: f } }', {});
  out.push(`parse: ${tree.type} ${tree.rules.length} ${tree.rules[0].type} ${tree.rules[0].selectors[0].toCSS({})}`);
  const { tree: t } = less;
  out.push(`nodes: ${new t.Color('ff0000', 0.5).toCSS({})} ${new t.Dimension(5, 'px').toCSS({})} ${new t.Selector([new t.Element('', '.x')]).toCSS({})}`);
  out.push(`prototypes: ${[t.Ruleset, t.Media, t.Directive, t.Selector].map((type) => type.prototype instanceof t.Node).join(' ')}`);
}

main().then(() => process.stdout.write(`${out.join('\n')}\n`), (error) => {
  process.stdout.write(`${out.join('\n')}\nmain failed: ${error && error.stack}\n`);
});
