#!/usr/bin/env node
/**
 * `npm run build`: builds the site with Astro, then indexes it with Pagefind in a second step.
 *
 * Starlight normally runs Pagefind inside Astro's process, after the pages are written. At 100
 * clients that process still holds ~1.6 GB when Pagefind needs another ~1.2 GB, so the build
 * peaked near 3 GB. Indexing after Astro has exited keeps the peak at the larger of the two.
 * Environment as for `astro build` (BINDER_CLIENT, BINDER_OUT_DIR, BINDER_NOW).
 */
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { readSiteConfig } from '../src/config/site-config.ts';
import { findDeadLinks } from '../src/site/dead-links.ts';

const root = path.resolve(import.meta.dirname, '..');
const started = performance.now();

// Caches of this variant keyed on older rendering inputs will never be used again: remove them.
const config = readSiteConfig(process.cwd());
const cacheParent = path.resolve(process.cwd(), path.dirname(config.cacheDir));
const variant = path.basename(config.cacheDir).replace(/-[0-9a-f]{12}$/, '');
for (const name of await readdir(cacheParent).catch(() => [] as string[]))
  if (
    name.startsWith(`${variant}-`) &&
    /-[0-9a-f]{12}$/.test(name) &&
    name !== path.basename(config.cacheDir)
  )
    await rm(path.join(cacheParent, name), { recursive: true, force: true });
const code = await new Promise<number>((resolve) => {
  const astro = spawn(
    process.execPath,
    [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', ...process.argv.slice(2)],
    {
      cwd: process.cwd(),
      stdio: 'inherit',
    },
  );
  astro.on('close', (exit) => resolve(exit ?? 1));
});
if (code !== 0) process.exit(code);

const site = config;
const outDir = path.resolve(process.cwd(), site.outDir);
const indexStarted = performance.now();
try {
  const check = <T extends { errors: string[] }>(response: T): T => {
    if (response.errors.length) throw new Error(`Pagefind: ${response.errors.join('; ')}`);
    return response;
  };
  const { index } = check(await pagefind.createIndex({}));
  if (!index) throw new Error('Pagefind did not create an index');
  const { page_count: pages } = check(await index.addDirectory({ path: outDir }));
  check(await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') }));
  console.log(
    `search index: ${pages} pages in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s; site built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await pagefind.close();
}

// Every site-local link must lead somewhere: a dead link fails the build, naming page and link.
const linksStarted = performance.now();
const dead = await findDeadLinks(outDir);
if (dead.length > 0) {
  for (const link of dead.slice(0, 50)) console.error(`dead link on ${link.page}: ${link.href}`);
  console.error(
    `✗ ${dead.length} dead link(s) in ${site.outDir}${dead.length > 50 ? ' (first 50 shown)' : ''}. A link between content files is written relative to the file (\`./backups.md\`); \`npm run binder -- check\` names broken ones.`,
  );
  process.exit(1);
}
console.log(
  `links: every site-local link resolves (${((performance.now() - linksStarted) / 1000).toFixed(1)} s)`,
);
