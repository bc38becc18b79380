// Generated inputs for the bad-input and scale tests: plain JS, so scripts/scale.js can use it too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One small class with the problems migrate fixes: a conditional field, a late addition, a delete and
 * a property added from outside. `base` makes it extend a class imported from another file.
 */
export function classSource(name, { base, indent = '' } = {}) {
  const lines = [
    `// ${name}: fields set late and deleted.`,
    `class ${name}${base ? ` extends ${base}` : ''} {`,
    '  constructor(a) {',
    ...(base ? ['    super(a);'] : []),
    '    this.a = a;',
    '    if (a > 1) this.b = a * 0.5;',
    '  }',
    '  /* Sets c late. */',
    '  m(v) {',
    '    this.c = v;',
    '    delete this.a;',
    '    return this.b;',
    '  }',
    '}',
    `const ${name.toLowerCase()}0 = new ${name}(1);`,
    `${name.toLowerCase()}0.d = 1;`,
  ];
  return lines.map((line) => indent + line).join('\n') + '\n';
}

/** A bundle-like file of about `bytes`: IIFE-wrapped groups, as a parser meets in the wild. */
export function bundleSource(bytes) {
  let source = '// Generated: a bundle of many small modules.\n';
  for (let i = 0; source.length < bytes; ) {
    source += '(function () {\n';
    for (let j = 0; j < 20; j++, i++) source += classSource(`K${i}`, { indent: '  ' });
    source += '})();\n';
  }
  return source;
}

/**
 * `files` modules in directories of 50: each exports a class; every 10th extends the class of the file
 * before it (an import across files, for migrate's cross-file index).
 */
export function writeTree(dir, files) {
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `d${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    const extend = i % 10 === 9;
    const header = extend ? `import { M${i - 1} } from '../d${Math.floor((i - 1) / 50)}/m${i - 1}.js';\n` : '';
    writeFileSync(join(sub, `m${i}.js`), `${header}${classSource(`M${i}`, { base: extend ? `M${i - 1}` : undefined })}export { M${i} };\n`);
  }
}
