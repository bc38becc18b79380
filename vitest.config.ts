import { defineConfig } from 'vitest/config';

// CI sets VITEST_JSON to collect counts from the JSON reporter (see .ci/run).
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
  },
});
