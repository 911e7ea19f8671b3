import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeadLinks } from './dead-links.ts';

async function site(pages: Record<string, string>): Promise<string> {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'dead-links-'));
  for (const [file, html] of Object.entries(pages)) {
    await mkdir(path.dirname(path.join(dist, file)), { recursive: true });
    await writeFile(path.join(dist, file), html);
  }
  return dist;
}

describe('findDeadLinks', () => {
  it('finds a planted dead link and names its page; live links, assets and external URLs pass', async () => {
    const dist = await site({
      'index.html':
        '<a href="/clients/acme/">Acme</a> <a href="clients/acme/binder/backups/">rel</a> <link href="/_astro/a.css" rel="stylesheet"> <a href="https://x.example/">x</a> <a href="mailto:a@b.example">m</a> <a href="#top">t</a>',
      'clients/acme/index.html':
        '<a href="./binder/backups/">Backups</a> <a href="../../">home</a> <img src="/logo.svg">',
      'clients/acme/binder/backups/index.html':
        '<a href="./backups.md">planted</a> <a href="/clients/acme/binder/gone/#x">gone</a>',
      '_astro/a.css': 'a{}',
      'logo.svg': '<svg/>',
    });
    expect(await findDeadLinks(dist)).toEqual([
      { page: '/clients/acme/binder/backups/', href: './backups.md' },
      { page: '/clients/acme/binder/backups/', href: '/clients/acme/binder/gone/#x' },
    ]);
  });
});
