import { defineConfig } from 'vitest/config';

// Plain vitest config (not Astro's getViteConfig): the logic under test is plain TypeScript, and
// the site is tested through real `astro build` runs and a real browser (see test/site/).
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      'standins/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Site builds and the browser are heavy on a 2-core machine: run test files two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});
