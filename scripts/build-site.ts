#!/usr/bin/env node
/**
 * `npm run build [-- --force]`: builds the site (the staff site, or BINDER_CLIENT's) into
 * BINDER_OUT_DIR (default `dist`), rebuilding only what changed since the previous build of the
 * same variant and code when its cache is intact (src/site/site-build.ts). `--force` or
 * BINDER_COLD=1 starts cold. Astro runs as a child process, Pagefind after it has exited (their
 * memory never adds up: docs/performance.md). Environment as for `astro build` (BINDER_CLIENT,
 * BINDER_OUT_DIR, BINDER_NOW).
 */
import path from 'node:path';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { readEnvironment } from '../src/config/environment.ts';
import { readSiteConfig } from '../src/config/site-config.ts';
import { buildSite } from '../src/site/site-build.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
await runEntryPoint(async () => {
  const result = await buildSite({
    config: readSiteConfig(process.cwd()),
    cold: args.includes('--force') || readEnvironment().BINDER_COLD === true,
    astroBin: path.join(root, 'node_modules/astro/bin/astro.mjs'),
    astroArgs: args.filter((arg) => arg !== '--force'),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
  });
  return result.code;
});
