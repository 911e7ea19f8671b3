import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LivePage, pageFileOfAnnouncedRoute, readLivePages } from './live-pages.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'live-pages-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writePage(file: string, html: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), html);
}

describe('readLivePages: the pages Astro writes, read while it builds', () => {
  it('maps rendered routes to page files, and skips routes that are no page', () => {
    expect(pageFileOfAnnouncedRoute('/')).toBe('index.html');
    expect(pageFileOfAnnouncedRoute('/clients/acme/binder/network/')).toBe(
      'clients/acme/binder/network/index.html',
    );
    expect(pageFileOfAnnouncedRoute('/clients/acme')).toBe('clients/acme/index.html');
    expect(pageFileOfAnnouncedRoute('/404.html')).toBe('404.html');
    // Astro renders its status pages at `/404` and `/500` and writes them as `404.html`, `500.html`.
    expect(pageFileOfAnnouncedRoute('/404')).toBe('404.html');
    expect(pageFileOfAnnouncedRoute('/404/')).toBe('404.html');
    expect(pageFileOfAnnouncedRoute('/500')).toBe('500.html');
    expect(pageFileOfAnnouncedRoute('/clients/404')).toBe('clients/404/index.html');
    expect(pageFileOfAnnouncedRoute('/calendar/visits.ics')).toBeUndefined();
  });

  it('reads a page announced before it is written, once it is there, with its size and time', async () => {
    const pages: LivePage[] = [];
    const reader = readLivePages(dir, (page) => pages.push(page));
    reader.announce('/clients/acme/');
    await sleep(50);
    await writePage('clients/acme/index.html', '<html><main>Acme</main></html>');
    for (let i = 0; i < 40 && pages.length === 0; i++) await sleep(50);
    await reader.stop();
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      file: 'clients/acme/index.html',
      html: '<html><main>Acme</main></html>',
      size: 30,
    });
    expect(pages[0]?.mtimeMs).toBeGreaterThan(0);
  });

  it('gives up on a page that never comes, and stops at once when asked, leaving the rest', async () => {
    const pages: LivePage[] = [];
    const reader = readLivePages(dir, (page) => pages.push(page));
    reader.announce('/never/');
    reader.announce('/calendar/visits.ics');
    await writePage('later/index.html', 'x');
    reader.announce('/later/');
    const stopped = performance.now();
    await reader.stop();
    expect(performance.now() - stopped).toBeLessThan(1000);
    reader.announce('/later/');
    await sleep(300);
    expect(pages).toEqual([]);
  });
});
