#!/usr/bin/env node
/**
 * Retakes the README's screenshots: builds the staff site and Harbor Dental's site with a fixed
 * "now", serves each, and photographs it with Debian's Chromium at a laptop's 1366×900.
 *
 *   node scripts/screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { serveDirectory } from './static-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const now = '2026-11-24T12:00:00Z';
const shots = [
  { env: {}, out: 'docs/images/internal-home.png', route: '/' },
  {
    env: { BINDER_CLIENT: 'harbor-dental' },
    out: 'docs/images/client-site.png',
    route: '/clients/harbor-dental/binder/network-isp/',
  },
];
await runEntryPoint(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const shot of shots) {
      const outDir = path.join(root, 'node_modules/.screenshots', path.basename(shot.out, '.png'));
      execFileSync(process.execPath, [path.join(root, 'scripts/build-site.ts')], {
        cwd: root,
        env: { ...process.env, ...shot.env, BINDER_NOW: now, BINDER_OUT_DIR: outDir },
        stdio: 'ignore',
      });
      const server = await serveDirectory(outDir);
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(`${server.url}${shot.route}`);
      await page.screenshot({ path: path.join(root, shot.out) });
      await page.close();
      await server.close();
      console.log(`wrote ${shot.out}`);
    }
  } finally {
    await browser.close();
  }
});
