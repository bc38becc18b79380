// `fixedShape.configs.recommended` on the bundled example, through real ESLint with the example's own config.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shop = fileURLToPath(new URL('../examples/shop/', import.meta.url));

describe('examples/shop with configs.recommended', () => {
  it('gives exactly the expected findings', async () => {
    const eslint = new ESLint({ cwd: shop });
    const results = await eslint.lintFiles(['src']);
    const findings = results
      .flatMap((result) => result.messages.map((message) => `${result.filePath.slice(shop.length)}:${message.line} ${message.ruleId}`))
      .sort();
    expect(findings).toEqual(
      [
        'src/cart-item.js:12 fixed-shape/consistent-constructor-shape',
        'src/cart-item.js:23 fixed-shape/no-dynamic-properties',
        'src/cart-item.js:24 fixed-shape/no-dynamic-properties',
        'src/cart-item.js:29 fixed-shape/no-delete-property',
        'src/cart-item.js:30 fixed-shape/no-delete-property',
        'src/cart.js:12 fixed-shape/no-instance-dictionary',
        'src/cart.js:30 fixed-shape/no-delete-property',
        'src/order.ts:16 fixed-shape/consistent-constructor-shape',
        'src/order.ts:22 fixed-shape/no-dynamic-properties',
        'src/price-history.js:11 fixed-shape/no-dynamic-properties',
        'src/price-history.js:12 fixed-shape/no-dynamic-properties',
        'src/price-history.js:14 fixed-shape/no-dynamic-properties',
        'src/price-history.js:15 fixed-shape/no-dynamic-properties',
      ].sort(),
    );
  });
});
