import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: unit tests live beside their code
// (`*.test.ts`), whole-system tests in `test/`.
export default defineConfig({
  test: {
    include: ['{shared,server,agent,dashboard,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
