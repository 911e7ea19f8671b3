import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_MSP } from '../helpers/fixture-msp.ts';
import { BUILD_NOW, makeCheckout, productionEnv, removeCheckout } from '../helpers/temp-checkout.ts';

/**
 * `npm run dev` (astro dev) shows a content file as it is saved. The content loader skips the
 * files a warm store already holds (src/site/content-loader.ts); Astro's own loader is where a dev
 * server starts watching the files, so the second `npm run dev` of a checkout, which finds the
 * first one's store, once watched nothing: an edited binder section stayed as it was until a
 * restart. The test starts the dev server twice on a fixture checkout and edits a section each time.
 */
let root: string;
let server: ChildProcess | undefined;
/** One port for every start: Astro's config, whose digest the store keeps, includes it. */
let port: number;
const OVERVIEW = 'overview';
const BACKUPS = 'backups';

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `astro dev` on the test's port; resolves its base URL once it answers, and its log so far. */
async function startDev(): Promise<{ url: string; log: string }> {
  // A shell's environment, as for a build, but not NODE_ENV=production: a dev server.
  const { NODE_ENV: _production, ...shell } = productionEnv();
  const env = { ...shell, BINDER_NOW: BUILD_NOW };
  let log = '';
  server = spawn(
    process.execPath,
    ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const dev = server;
  await vi.waitFor(
    async () => {
      if (dev.exitCode !== null) throw new Error(`astro dev exited:\n${log}`);
      if (
        !(await fetch(url).then(
          (response) => response.ok,
          () => false,
        ))
      )
        throw new Error(`astro dev did not answer in 60 s:\n${log}`);
    },
    { timeout: 60_000, interval: 250 },
  );
  return { url, log };
}

async function stopDev(): Promise<void> {
  if (!server || server.exitCode !== null) return;
  server.kill('SIGTERM');
  await once(server, 'exit');
  server = undefined;
}

/** A binder section's page as the dev server renders it now. */
const pageText = async (url: string, section: string) =>
  (await fetch(`${url}clients/acme-dental/binder/${section}/`)).text();

/** Replaces `from` by `to` in a section's file, then waits (up to 20 s) for its page to show it. */
async function editAndSee(url: string, section: string, from: string, to: string): Promise<boolean> {
  const file = path.join(root, `content/clients/acme-dental/binder/${section}.md`);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
  return vi
    .waitFor(
      async () => {
        if (!(await pageText(url, section)).includes(to)) throw new Error(`${section} not updated`);
      },
      { timeout: 20_000, interval: 250 },
    )
    .then(
      () => true,
      () => false,
    );
}

beforeAll(async () => {
  root = await makeCheckout(FIXTURE_MSP);
  port = await freePort();
});

afterAll(async () => {
  await stopDev();
  if (root) await removeCheckout(root);
});

describe('npm run dev', () => {
  it('shows an edited binder section without a restart, the first time and again from its own store', async () => {
    const first = (await startDev()).url;
    expect(await pageText(first, OVERVIEW)).toContain('runs the practice software');
    expect(
      await editAndSee(first, OVERVIEW, 'runs the practice software', 'runs the dental practice software'),
    ).toBe(true);
    // Astro writes its store half a second after the last change: let it, then stop.
    await sleep(1500);
    await stopDev();

    const last = await startDev();
    expect(last.log).toMatch(/Synced content/);
    expect(last.log, 'the store was cleared: the start this test is about did not happen').not.toMatch(
      /Clearing content store/,
    );
    expect(await pageText(last.url, OVERVIEW)).toContain('runs the dental practice software');
    // A section nobody edited since the store was written.
    expect(await pageText(last.url, BACKUPS)).toContain('Nightly image of AC-SRV01');
    expect(await editAndSee(last.url, BACKUPS, 'Nightly image of AC-SRV01', 'Hourly image of AC-SRV01')).toBe(
      true,
    );
  });
});
