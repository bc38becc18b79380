// `npm run demo`: the main job on the bundled example, end to end.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const shop = fileURLToPath(new URL('../examples/shop/', import.meta.url));

function heading(text) {
  console.log(`\n\x1b[1m== ${text} ==\x1b[0m\n`);
}

heading('1. Lint findings: fixedShape.configs.recommended on examples/shop');
const eslint = new ESLint({ cwd: shop });
const results = await eslint.lintFiles(['src']);
const formatter = await eslint.loadFormatter('stylish');
console.log(await formatter.format(results));
const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
console.log(`${findings} shape findings in ${results.length} files.`);
