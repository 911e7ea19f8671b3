import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '../../src/content/read-content.ts';
import type { ContentSet } from '../../src/core/content-model.ts';
import { findLeaks, forbiddenStrings } from '../../src/site/leak-check.ts';
import { REPO_ROOT } from '../helpers/example-repo.ts';
import { buildSite, builtRoutes } from './build-site.ts';

const CLIENTS = ['cedar-ledger', 'harbor-dental', 'whitfield-law'];
let content: ContentSet;
const dists = new Map<string, string>();

beforeAll(async () => {
  content = await readContent(REPO_ROOT);
  // Internal first, then each client: a client build right after the internal one must not see its content.
  dists.set('internal', (await buildSite()).dist);
  for (const client of CLIENTS) dists.set(client, (await buildSite(client)).dist);
}, 300_000);

const read = (variant: string, route: string) =>
  readFile(path.join(dists.get(variant) ?? '', route, 'index.html'), 'utf8');

function expectedRoutes(client: ContentSet['clients'][number], visibleOnly: boolean): string[] {
  const base = `/clients/${client.slug}/`;
  const sections = client.binder.filter((section) => !visibleOnly || section.data.visibility === 'client');
  const notes = client.notes.filter((note) => !visibleOnly || note.data.visibility === 'client');
  const archives = content.archives.filter((archive) => archive.data.client === client.slug);
  return [
    base,
    ...sections.map((section) => `${base}binder/${section.slug}/`),
    `${base}notes/`,
    ...notes.map((note) => `${base}notes/${note.slug}/`),
    `${base}checklists/`,
    ...archives.map((archive) => `${base}checklists/${archive.data.month}-${archive.data.tier}/`),
    `${base}print/`,
  ];
}

describe('site builds', () => {
  it('builds every page of the internal site (Astro can drop pages and still exit 0)', async () => {
    const expected = [
      '/',
      '/404/',
      ...content.clients.flatMap((client) => expectedRoutes(client, false)),
    ].sort();
    expect(await builtRoutes(dists.get('internal') ?? '')).toEqual(
      expected
        .filter((route) => route !== '/404/')
        .concat()
        .sort(),
    );
  });

  it.each(CLIENTS)('builds exactly %s’s client-visible pages', async (slug) => {
    const client = content.clients.find((entry) => entry.slug === slug);
    if (!client) throw new Error(slug);
    expect(await builtRoutes(dists.get(slug) ?? '')).toEqual(['/', ...expectedRoutes(client, true)].sort());
  });

  it('renders asides and heading ids in content/ Markdown (markdown.processedDirs)', async () => {
    const html = await read('internal', 'clients/harbor-dental/binder/overview');
    expect(html).toMatch(/<aside aria-label="Note" class="starlight-aside starlight-aside--note"/);
    expect(html).not.toContain(':::note');
    expect(html).toMatch(/<h2 id="how-to-get-help"/);
  });

  it('shows last-updated dates from git for content/ pages', async () => {
    const html = await read('internal', 'clients/harbor-dental/binder/backups');
    expect(html).toMatch(/Last updated:[\s\S]{0,200}<time datetime="\d{4}-\d{2}-\d{2}/);
  });

  it('links binder pages to GitHub’s editor on the staff site only', async () => {
    expect(await read('internal', 'clients/harbor-dental/binder/backups')).toContain(
      'https://github.com/tidewater-it/binders/edit/main/content/clients/harbor-dental/binder/backups.md',
    );
    expect(await read('harbor-dental', 'clients/harbor-dental/binder/backups')).not.toContain('/edit/main/');
  });

  it('keeps each page’s sidebar to its own client, so pages do not grow with the number of clients', async () => {
    const html = await read('internal', 'clients/harbor-dental/binder/backups');
    expect(html).not.toContain('/clients/whitfield-law/');
    expect(html).not.toContain('/clients/cedar-ledger/');
  });

  it('marks pages for Pagefind filters and shows the client on results', async () => {
    const html = await read('internal', 'clients/cedar-ledger/checklists/2026-10-onsite');
    expect(html).toContain('data-pagefind-filter="client"');
    expect(html).toMatch(/data-pagefind-filter="kind"[^>]*>checklist</);
    expect(html).toMatch(/data-pagefind-filter="tier"[^>]*>onsite</);
    expect(html).toContain('data-pagefind-meta="title:Cedar Ledger Accounting · 2026-10 onsite checklist"');
  });
});

describe('client isolation', () => {
  it.each(CLIENTS)(
    '%s’s site holds nothing of another client and nothing internal, Pagefind included',
    async (slug) => {
      const forbidden = forbiddenStrings(content, slug);
      expect(forbidden.length).toBeGreaterThan(100);
      expect(await findLeaks(dists.get(slug) ?? '', forbidden)).toEqual([]);
    },
  );

  it('the leak check finds a planted leak, also inside Pagefind’s gzip files', async () => {
    const copy = path.join(REPO_ROOT, 'test/.tmp/site-planted');
    await rm(copy, { recursive: true, force: true });
    await cp(dists.get('harbor-dental') ?? '', copy, { recursive: true });
    await writeFile(path.join(copy, 'stray.html'), '<p>Router at WA-FW01 for Whitfield &amp; Ames Law</p>');
    const leaks = await findLeaks(copy, forbiddenStrings(content, 'harbor-dental'));
    expect(leaks.map((leak) => leak.found)).toEqual(
      expect.arrayContaining(['WA-FW01', 'whitfield & ames law']),
    );
    // The staff site, read as if it were Harbor Dental's, leaks everywhere, compressed index included.
    const internalLeaks = await findLeaks(
      dists.get('internal') ?? '',
      forbiddenStrings(content, 'harbor-dental'),
    );
    expect(
      internalLeaks.some((leak) => leak.file.endsWith('.pf_fragment') && leak.source.startsWith('internal ')),
    ).toBe(true);
    expect(
      internalLeaks.some(
        (leak) => leak.file.endsWith('.pf_fragment') && leak.source === 'client whitfield-law',
      ),
    ).toBe(true);
  });

  it('refuses an unknown client with the valid slugs', async () => {
    const exec = promisify(execFile);
    const failure = await exec(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          BINDER_CLIENT: 'globex',
          BINDER_OUT_DIR: path.join(REPO_ROOT, 'test/.tmp/site-unknown'),
        },
      },
    ).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(`${failure?.stdout}${failure?.stderr}`).toContain(
      'BINDER_CLIENT=globex is not a client. Valid clients: cedar-ledger, harbor-dental, whitfield-law.',
    );
  });
});
