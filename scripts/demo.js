// `npm run demo`: the main job on the bundled example, end to end, through the same commands a user runs.
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shop = join(root, 'examples/shop');
const cli = join(root, 'dist/src/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'fixed-shape-demo-'));

function heading(text) {
  console.log(`\n\x1b[1m== ${text} ==\x1b[0m\n`);
}

function run(args, options = {}) {
  console.log(`$ ${args.map((arg) => arg.replace(root, '').replace(scratch, '$TMP')).join(' ')}`);
  // Exit code 1 means "findings" for lint and --check; the demo shows them and goes on.
  try {
    execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root, ...options });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
}

try {
  heading('1. Lint findings: fixedShape.configs.recommended on examples/shop');
  const eslint = new ESLint({ cwd: shop });
  const results = await eslint.lintFiles(['src']);
  console.log(await (await eslint.loadFormatter('stylish')).format(results));

  heading('2. The migration: fixed-shape migrate --dry examples/shop/src');
  run([cli, 'migrate', '--dry', '--no-progress', 'examples/shop/src']);

  heading("3. Memory of the hot class, CartItem, before and after (1M objects, the shop's workload)");
  run([join(root, 'bench/shapes/shop-memory.js'), 'examples/shop/src/cart-item.js', 'CartItem', '--factory=examples/shop/src/main.js#shopItem', '--count=1000000', '--repeats=3']);

  heading('4. Heap audit of the running shop, before and after the migration');
  const migrated = join(scratch, 'shop');
  cpSync(join(shop, 'src'), join(migrated, 'src'), { recursive: true });
  run([cli, 'migrate', '--no-progress', join(migrated, 'src')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const before = join(scratch, 'before.heapsnapshot');
  const after = join(scratch, 'after.heapsnapshot');
  run([cli, 'snapshot', '--out', before, '--', process.execPath, join(shop, 'src/main.js'), '100000']);
  run([cli, 'snapshot', '--out', after, '--', process.execPath, join(migrated, 'src/main.js'), '100000']);
  run([cli, 'audit', '--top', '5', before]);
  run([cli, 'audit', '--diff', before, after, '--top', '5']);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
