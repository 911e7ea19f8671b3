import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Plain vitest config (not Astro's getViteConfig): the logic under test is plain TypeScript, and
// the site is tested through real `astro build` runs and a real browser (see test/site/).

// Starlight's virtual modules, so a unit test can run Starlight's own code beside ours
// (src/site/links.test.ts compares the sidebar it makes with Starlight's).
const starlightVirtual = (name: string) =>
  fileURLToPath(new URL(`./test/helpers/starlight-virtual/${name}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      'virtual:starlight/user-config': starlightVirtual('user-config'),
      'virtual:starlight/project-context': starlightVirtual('project-context'),
      'virtual:starlight/user-images': starlightVirtual('user-images'),
      'astro:content': starlightVirtual('astro-content'),
    },
  },
  test: {
    // Starlight's modules import those virtual ones: they go through Vite, not Node.
    server: { deps: { inline: [/@astrojs\/starlight/] } },
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
