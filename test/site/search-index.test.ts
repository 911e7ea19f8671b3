import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsOf, type PageFacts, type SearchSource, searchSource } from '../../src/site/page-facts.ts';
import {
  buildSearchIndex,
  keptFragments,
  misnamedFragments,
  pageFileOfRoute,
  pagesToIndex,
  prefill,
  searchInputDigest,
  writeSearchIndex,
} from '../../src/site/search-index.ts';

/**
 * The search index of a warm build is the index Pagefind makes from the pages on disk, byte for
 * byte, against the real Pagefind: a page given as its `<html>` tag and `<main data-pagefind-body>`
 * indexes as the whole page does, and an index fed from the previous build's pages and then
 * corrected is the index fed once from this build's pages.
 *
 * Pagefind numbers the pages in the order it is given them, and `addDirectory` gives them in the
 * order the file system lists the folder (wax's walk: unsorted, so it differs between file
 * systems). The index a cold `addDirectory` makes over the whole site is therefore the index of
 * the same pages in that order (checked below); the build feeds them in route order instead, so
 * an index never depends on the file system, and the comparison with the pages on disk is made
 * with `addDirectory` given one page at a time in route order.
 */

type Site = [file: string, html: string][];

/** A page as Starlight lays it out: a head, the site's header and sidebars, `<main data-pagefind-body>`. */
const starlight = (title: string, main: string, head = '') =>
  `<!DOCTYPE html><html lang="en" dir="ltr" data-has-toc data-has-sidebar data-theme="dark"><head><meta charset="utf-8"><title>${title} | Northwind binders</title><meta name="description" content="About ${title}">${head}<link rel="stylesheet" href="/_astro/print.css"><script type="module" src="/_astro/page.js"></script></head><body><a href="#_top">Skip to content</a><div class="page sl-flex"><header class="header"><a href="/" class="site-title">Northwind qzsitenav binders</a><site-search><button data-open-modal>Search</button><dialog aria-label="Search"><div id="starlight__search"></div></dialog></site-search></header><nav class="sidebar" aria-label="Main"><div id="starlight__sidebar"><ul><li><a href="/clients/acme/">Acme Dental</a></li><li><a href="/clients/globex/">Globex</a></li><li><a href="/notes/vpn/">qzsidebar notes</a></li></ul></div></nav><div class="main-frame"><aside class="right-sidebar-container"><starlight-toc><nav aria-labelledby="starlight__on-this-page"><h2 id="starlight__on-this-page">On this page</h2><ul><li><a href="#_top">Top of page</a></li></ul></nav></starlight-toc></aside><div class="main-pane"><main data-pagefind-body class="astro-g5ptsecz" lang="en" dir="ltr">${main}</main></div></div></div><footer class="site-footer">qzfooter: built by Northwind IT</footer></body></html>`;

/** A binder section: headings with ids, the result title and filters, an ignored block. */
const section = (client: string, clientName: string, title: string, text: string) =>
  `<div class="content-panel"><div class="sl-container"><h1 id="_top">${title}</h1></div></div><div class="content-panel"><div class="sl-container"><div class="sl-markdown-content"><div data-pagefind-meta="title:${clientName} · ${title}" hidden></div><span data-pagefind-filter="client:${client}" hidden></span><span data-pagefind-filter="kind" hidden>binder</span><p class="binder-client-line">${clientName}</p><p>${text}</p><h2 id="at-a-glance">At a glance</h2><table><tr><td>Firewall</td><td>${client.toUpperCase()}-FW01 (Meraki MX68)</td></tr></table><p>See the <img src="/_astro/${client}-diagram.png" alt="${clientName} network diagram"> diagram.</p><h3 id="how-to-get-help">How to get help</h3><ol><li>Call the helpdesk; say which computer (<code dir="auto">${client.toUpperCase()}-WS01</code>).</li></ol><div data-pagefind-ignore><p>qzignored revision history of ${title}</p></div></div><footer class="sl-flex"><a href="https://github.com/northwind-it/binders/edit/main/x.md">Edit page</a></footer></div></div>`;

/** A staff page: no client filter. */
const staffPage = (title: string, text: string) =>
  starlight(
    title,
    `<div class="content-panel"><h1 id="_top">${title}</h1></div><div class="sl-markdown-content"><div data-pagefind-meta="title:${title}" hidden></div><span data-pagefind-filter="kind" hidden>note</span><p>${text}</p><h2 id="details">Details</h2><p>More on ${title}.</p></div>`,
  );

const binderPage = (client: string, clientName: string, title: string, text: string) =>
  starlight(`${clientName} · ${title}`, section(client, clientName, title, text));

/** Starlight's 404: `pagefind: false`, no `data-pagefind-body`. */
const NOT_FOUND =
  '<!DOCTYPE html><html lang="en" dir="ltr"><head><title>Not found</title></head><body><header>qzsitenav</header><main><h1 id="_top">404</h1><p>qzlost: this page is not here.</p></main></body></html>';

/** A page shaped otherwise: search metadata in its head. */
const ODD = `<!DOCTYPE html><html lang="en"><head><title>Odd</title><meta data-pagefind-meta="image:/odd.png"></head><body><header>qzoddheader</header><main data-pagefind-body><h1 id="odd">Odd page</h1><p>Shaped otherwise, with oddword.</p></main><footer>qzoddfooter</footer></body></html>`;

/** The previous build's site, in route order (`/`, `/404.html`, `/clients/acme-law/`, `/clients/acme/`, …). */
const SITE_A: Site = [
  ['index.html', staffPage('Home', 'Welcome to the Northwind binders.')],
  ['404.html', NOT_FOUND],
  [
    'clients/acme-law/index.html',
    binderPage('acme-law', 'Acme Law', 'Overview', 'A law office with one server.'),
  ],
  [
    'clients/acme/index.html',
    binderPage('acme', 'Acme Dental', 'Overview', 'A dental practice, three offices.'),
  ],
  [
    'clients/acme/binder/backups/index.html',
    binderPage('acme', 'Acme Dental', 'Backups', 'Nightly backups to the NAS at 02:00, weekly offsite.'),
  ],
  [
    'clients/acme/binder/network/index.html',
    binderPage('acme', 'Acme Dental', 'Network', 'Fibre circuit, VLANs for the x-ray machines.'),
  ],
  ['clients/globex/index.html', binderPage('globex', 'Globex', 'Overview', 'A warehouse with a cold store.')],
  [
    'clients/globex/binder/backups/index.html',
    binderPage('globex', 'Globex', 'Backups', 'Nightly backups to the cloud, kept 90 days.'),
  ],
  ['notes/vpn/index.html', staffPage('VPN', 'WireGuard tunnels to every office.')],
  ['odd/index.html', ODD],
];

const EDITED = 'clients/acme/binder/backups/index.html';
const ADDED = 'clients/acme/binder/wireless/index.html';
const DELETED = 'clients/globex/binder/backups/index.html';
const UNSEARCHABLE = 'notes/vpn/index.html';

/**
 * This build's site: one page's text edited, one page added, one deleted, one no longer
 * searchable (`pagefind: false` drops `data-pagefind-body`).
 */
const SITE_B: Site = SITE_A.flatMap(([file, html]): Site => {
  if (file === EDITED) return [[file, html.replace('weekly offsite', 'hourly snapshots on the NAS')]];
  if (file === DELETED) return [];
  if (file === UNSEARCHABLE) return [[file, html.replace('data-pagefind-body ', '')]];
  if (file === 'clients/acme/binder/network/index.html')
    return [
      [file, html],
      [ADDED, binderPage('acme', 'Acme Dental', 'Wireless', 'Two access points per office, WPA3.')],
    ];
  return [[file, html]];
});

let tmp: string;
let dirA: string;
let dirB: string;

async function writeSite(dir: string, site: Site): Promise<void> {
  // Written in reverse, so no order on disk happens to be route order.
  for (const [file, html] of [...site].reverse()) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), html);
  }
}

const MTIME = Date.UTC(2026, 10, 1);

/** The facts of a site's pages, as `updatePageFacts` reads them (signatures made up). */
const factsFor = (site: Site, mtimeMs = MTIME) =>
  new Map<string, PageFacts>(
    site.map(([file, html]) => [file, factsOf(html, { size: Buffer.byteLength(html), mtimeMs })]),
  );

const readFrom = (dir: string) => (file: string) => readFile(path.join(dir, file), 'utf8');

type Bundle = Map<string, Buffer>;

const bundleOf = (files: Iterable<readonly [string, Uint8Array]>): Bundle =>
  new Map([...files].map(([file, content]) => [file, Buffer.from(content)]));

/** An index of Pagefind's own, fed by `feed`; Pagefind is closed after. */
async function indexWith(feed: (index: pagefind.PagefindIndex) => Promise<void>): Promise<Bundle> {
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    await feed(index);
    const { files, errors: failed } = await index.getFiles();
    expect(failed).toEqual([]);
    return bundleOf(files.map((file) => [file.path, file.content] as const));
  } finally {
    await pagefind.close();
  }
}

/** The index Pagefind makes from the pages of `dir` read from disk, given in this order. */
const diskIndex = (dir: string, files: readonly string[]) =>
  indexWith(async (index) => {
    for (const file of files) {
      const added = await index.addDirectory({ path: dir, glob: file });
      expect(added.errors).toEqual([]);
      expect(added.page_count).toBe(1);
    }
  });

/** The files in which two bundles differ: none when they are the same bytes. */
function differences(a: Bundle, b: Bundle): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.flatMap((name) => {
    const [x, y] = [a.get(name), b.get(name)];
    if (!x) return [`only in the second: ${name}`];
    if (!y) return [`only in the first: ${name}`];
    return Buffer.compare(x, y) === 0 ? [] : [`different bytes: ${name}`];
  });
}

/** The data of one of Pagefind's `pf_*` files (gzip, then `pagefind_dcd`). */
const decoded = (content: Buffer) => gunzipSync(content).subarray('pagefind_dcd'.length);

/** The URLs of an index's pages, in the order Pagefind numbered them (its metadata file lists their fragments). */
function pageOrder(bundle: Bundle): string[] {
  const [meta] = [...bundle].filter(([name]) => name.endsWith('.pf_meta'));
  if (!meta) throw new Error('no pf_meta file in the bundle');
  const hashes =
    decoded(meta[1])
      .toString('latin1')
      .match(/en_[0-9a-f]{7}/g) ?? [];
  return hashes.flatMap((hash) => {
    const fragment = bundle.get(`fragment/${hash}.pf_fragment`);
    return fragment ? [(JSON.parse(decoded(fragment).toString('utf8')) as { url: string }).url] : [];
  });
}

const routeOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
const searchable = (site: Site) =>
  site.filter(([, html]) => html.includes('data-pagefind-body')).map(([f]) => f);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'search-index-'));
  dirA = path.join(tmp, 'a');
  dirB = path.join(tmp, 'b');
  await writeSite(dirA, SITE_A);
  await writeSite(dirB, SITE_B);
});

afterAll(async () => {
  await pagefind.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the search index from page facts', { timeout: 60_000 }, () => {
  it('a page given as <html> + <main data-pagefind-body> indexes as the whole page on disk, byte for byte', async () => {
    const facts = factsFor(SITE_A);
    // The fixture takes the paths the build takes: mostly the searchable part, one page whole, one left out.
    const kinds = [...facts.values()].map((page) => page.search.kind);
    expect(kinds.filter((kind) => kind === 'body')).toHaveLength(8);
    expect(facts.get('odd/index.html')?.search.kind).toBe('page');
    expect(facts.get('404.html')?.search.kind).toBe('none');

    const ours = await buildSearchIndex(facts, readFrom(dirA));
    expect(ours.pages).toBe(9);
    expect(ours.fedAgain).toBe('all');
    const fromDisk = await diskIndex(
      dirA,
      SITE_A.map(([file]) => file),
    );
    expect(fromDisk.size).toBeGreaterThan(20);
    expect(differences(bundleOf(ours.files), fromDisk)).toEqual([]);
  });

  it('one addDirectory over the whole site is the same index with its pages in the order it walked the folder', async () => {
    const whole = await indexWith(async (index) => {
      const added = await index.addDirectory({ path: dirA });
      expect(added.errors).toEqual([]);
    });
    const walked = pageOrder(whole);
    expect([...walked].sort()).toEqual(searchable(SITE_A).map(routeOf).sort());
    // Given the pages in the walk's order, one by one, Pagefind makes the same bytes: the order is
    // all that differs from the route-ordered index above.
    expect(differences(whole, await diskIndex(dirA, walked.map(pageFileOfRoute)))).toEqual([]);
    const ours = bundleOf((await buildSearchIndex(factsFor(SITE_A), readFrom(dirA))).files);
    expect(pageOrder(ours)).toEqual(searchable(SITE_A).map(routeOf));
    const fragments = (bundle: Bundle) =>
      new Map([...bundle].filter(([name]) => name.startsWith('fragment/')));
    expect(fragments(ours).size).toBe(9);
    expect(differences(fragments(ours), fragments(whole))).toEqual([]);
  });

  it('a warm index (the previous build fed, then corrected) is the cold index, byte for byte', async () => {
    const previous = factsFor(SITE_A, MTIME - 86_400_000);
    const now = factsFor(SITE_B);
    // As site-build.ts does: content files predict pages, new ones among them; one never gets built.
    const expected = [...SITE_B.map(([file]) => file), 'clients/acme/binder/printers/index.html'];
    const prefilled = prefill(previous, expected);
    expect(prefilled).toBeDefined();
    const warm = await buildSearchIndex(now, readFrom(dirB), prefilled);
    // The edited page, the added one, the deleted one (emptied), the one no longer searchable.
    expect(warm.fedAgain).toBe(4);
    const cold = await buildSearchIndex(now, readFrom(dirB));
    expect(cold.fedAgain).toBe('all');
    expect(differences(bundleOf(warm.files), bundleOf(cold.files))).toEqual([]);
    expect(pageOrder(bundleOf(cold.files))).toEqual(searchable(SITE_B).map(routeOf));
    expect(
      differences(
        bundleOf(cold.files),
        await diskIndex(
          dirB,
          SITE_B.map(([file]) => file),
        ),
      ),
    ).toEqual([]);
    // The change set changed the index: the comparison is not between two copies of the old one.
    const before = bundleOf((await buildSearchIndex(factsFor(SITE_A), readFrom(dirA))).files);
    expect(differences(before, bundleOf(cold.files))).not.toEqual([]);
  });

  it('a new page nobody expected: the prefilled index is dropped and the index built afresh, the same bytes', async () => {
    const now = factsFor(SITE_B);
    const prefilled = prefill(factsFor(SITE_A), []);
    const warm = await buildSearchIndex(now, readFrom(dirB), prefilled);
    expect(warm.fedAgain).toBe('all');
    const cold = await buildSearchIndex(now, readFrom(dirB));
    expect(differences(bundleOf(warm.files), bundleOf(cold.files))).toEqual([]);
  });

  /** The files of a site's search bundle as they are on disk. */
  async function bundleIn(site: string): Promise<Bundle> {
    const dir = path.join(site, 'pagefind');
    const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    return new Map(
      await Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name))] as const)),
    );
  }
  const fragmentsOf = (bundle: Bundle) => [...bundle.keys()].filter((name) => name.startsWith('fragment/'));

  it('written into a folder: the files of the index in memory; written again over the previous index, the index made afresh, leaving unchanged pages’ fragments as they were', async () => {
    const site = path.join(tmp, 'written');
    // Cold: no folder yet.
    const first = await writeSearchIndex(site, factsFor(SITE_A), readFrom(dirA));
    const coldA = bundleOf((await buildSearchIndex(factsFor(SITE_A), readFrom(dirA))).files);
    expect(differences(await bundleIn(site), coldA)).toEqual([]);
    expect(first.written).toEqual([...coldA.keys()].sort());
    expect(first.removed).toEqual([]);
    // Pagefind gives a file it writes the time of writing: the fragments are dated 1970 now.
    const at = (name: string) => path.join(site, 'pagefind', name);
    for (const name of fragmentsOf(coldA)) await utimes(at(name), 0, 0);

    // Warm: the edited, added, deleted and no-longer-searchable pages; the rest as before.
    const coldB = bundleOf((await buildSearchIndex(factsFor(SITE_B), readFrom(dirB))).files);
    const second = await writeSearchIndex(
      site,
      factsFor(SITE_B),
      readFrom(dirB),
      undefined,
      factsFor(SITE_A),
    );
    expect(differences(await bundleIn(site), coldB)).toEqual([]);
    const unchanged = fragmentsOf(coldB).filter((name) => coldA.has(name));
    expect(unchanged).toHaveLength(6);
    for (const name of unchanged) {
      expect(second.written, name).not.toContain(name);
      expect((await stat(at(name))).mtimeMs, name).toBe(0);
    }
    // The fragments of the edited, deleted and no-longer-searchable pages went; the edited and
    // added pages' were written, and so were the word index and the metadata.
    const gone = fragmentsOf(coldA).filter((name) => !coldB.has(name));
    expect(gone).toHaveLength(3);
    expect(second.removed).toEqual(expect.arrayContaining(gone));
    expect(second.written.filter((name) => name.startsWith('fragment/'))).toHaveLength(2);
    expect(second.written.some((name) => name.endsWith('.pf_meta'))).toBe(true);
    expect(second.written.some((name) => name.startsWith('index/'))).toBe(true);
  });

  it('a file left in the folder under a name the new index uses is written again, not taken as it is', async () => {
    const site = path.join(tmp, 'planted');
    await writeSearchIndex(site, factsFor(SITE_A), readFrom(dirA));
    const before = await bundleIn(site);
    const coldB = bundleOf((await buildSearchIndex(factsFor(SITE_B), readFrom(dirB))).files);
    // Pagefind's names are short hashes of the content: a file an older index left can carry the
    // name the new index gives another. Planted under each name the new index adds.
    const planted = [...coldB.keys()].filter((name) => !before.has(name));
    expect(planted.filter((name) => name.startsWith('fragment/'))).toHaveLength(2);
    for (const name of planted) await writeFile(path.join(site, 'pagefind', name), 'left by an older index');
    await writeSearchIndex(site, factsFor(SITE_B), readFrom(dirB), undefined, factsFor(SITE_A));
    expect(differences(await bundleIn(site), coldB)).toEqual([]);
  });

  it('a kept fragment is one of an unchanged page, and is vouched for only where the new index gives it to that page', () => {
    const previous = factsFor(SITE_A);
    const now = factsFor(SITE_B);
    const oldOrder = pagesToIndex(previous);
    const oldFragments = oldOrder.map((_, i) => `en_${String(i).padStart(7, '0')}`);
    const keep = keptFragments(oldFragments, oldOrder, now);
    // Unchanged and still searchable: every page but the edited, deleted and no-longer-searchable.
    const fragmentOf = (page: string) =>
      `fragment/${oldFragments[oldOrder.findIndex(([file]) => file === page)]}.pf_fragment`;
    expect([...keep.values()].sort()).toEqual(
      oldOrder
        .map(([file]) => file)
        .filter((file) => ![EDITED, DELETED, UNSEARCHABLE].includes(file))
        .sort(),
    );
    expect(keep.get(fragmentOf('odd/index.html'))).toBe('odd/index.html');
    // The previous index's metadata does not list a fragment per page: nothing is kept.
    expect(keptFragments(oldFragments.slice(1), oldOrder, now).size).toBe(0);
    expect(keptFragments(undefined, oldOrder, now).size).toBe(0);

    const newOrder = pagesToIndex(now).map(([file]) => file);
    const named = (assign: (page: string) => string) =>
      newOrder.map((page) => assign(page).replace(/^fragment\/(.*)\.pf_fragment$/, '$1'));
    // Each kept fragment given to the page it was made from; new names for the rest.
    const asMade = named(
      (page) => [...keep].find(([, of]) => of === page)?.[0] ?? `fragment/en_new${page.length}.pf_fragment`,
    );
    expect(misnamedFragments(asMade, newOrder, keep)).toEqual([]);
    // Two pages' names swapped (a collision resolved the other way round): both are misnamed.
    const [first, second] = [newOrder[0] ?? '', newOrder[1] ?? ''];
    const swapped = named((page) =>
      page === first ? fragmentOf(second) : page === second ? fragmentOf(first) : fragmentOf(page),
    );
    expect(misnamedFragments(swapped, newOrder, keep).sort()).toEqual(
      [fragmentOf(first), fragmentOf(second)].sort(),
    );
    // The new metadata does not list a fragment per page: no kept fragment can be vouched for.
    expect(misnamedFragments(asMade.slice(1), newOrder, keep).sort()).toEqual([...keep.keys()].sort());
  });

  it('pages shaped otherwise are given whole, and index as they do on disk', async () => {
    const main = section('acme', 'Acme Dental', 'Backups', 'Nightly backups.');
    const shapes: Record<string, { html: string; kind: SearchSource['kind'] }> = {
      metaInHead: {
        html: starlight('Backups', main, '<meta data-pagefind-meta="image:/a.png">'),
        kind: 'page',
      },
      filterInHeader: {
        html: starlight('Backups', main).replace(
          '<header class="header">',
          '<header class="header" data-pagefind-filter="site:staff">',
        ),
        kind: 'page',
      },
      twoBodies: {
        html: starlight('Backups', main).replace(
          '</main>',
          '</main><main data-pagefind-body><p>second body</p></main>',
        ),
        kind: 'page',
      },
      nestedMain: {
        html: starlight('Backups', main.replace('<p>Nightly', '<main><p>inner main</p></main><p>Nightly')),
        kind: 'page',
      },
      bodyOnADiv: {
        html: starlight('Backups', main)
          .replace('<main data-pagefind-body', '<main><div data-pagefind-body')
          .replace('</main>', '</div></main>'),
        kind: 'page',
      },
      // Pagefind takes a page's title from its first <h1>, else its <title>, and its image from the
      // first <img> after the title: wherever they are on the page.
      h1BeforeMain: {
        html: starlight('Backups', main.replace(/<div data-pagefind-meta[^>]*><\/div>/, '')).replace(
          '<a href="/" class="site-title">',
          '<h1>Northwind</h1><a href="/" class="site-title">',
        ),
        kind: 'page',
      },
      noH1InMain: {
        html: starlight(
          'Backups',
          main
            .replace(/<div data-pagefind-meta[^>]*><\/div>/, '')
            .replace(/<h1 id="_top">([^<]*)<\/h1>/, '<p>$1</p>'),
        ),
        kind: 'page',
      },
      imgAfterMain: {
        html: starlight('Backups', main.replace(/<img [^>]*>/, '')).replace(
          '<footer class="site-footer">',
          '<footer class="site-footer"><img src="/logo.png" alt="Northwind">',
        ),
        kind: 'page',
      },
      // A plain <main> beside the body: Pagefind reads the body only, as given.
      plainMainBeside: {
        html: starlight('Backups', main).replace('</main>', '</main><main><p>qzbeside</p></main>'),
        kind: 'body',
      },
      // An <h1> or <img> before <main> with the title and image from <main>.
      logoBeforeMain: {
        html: starlight('Backups', main).replace(
          '<a href="/" class="site-title">',
          '<a href="/" class="site-title"><img src="/logo.png" alt="Northwind">',
        ),
        kind: 'body',
      },
      noData: { html: NOT_FOUND, kind: 'none' },
    };
    const file = 'clients/acme/binder/backups/index.html';
    const mismatched: string[] = [];
    for (const [name, { html }] of Object.entries(shapes)) {
      if (searchSource(html).kind === 'none') continue;
      const dir = path.join(tmp, 'shapes', name);
      const site: Site = [[file, html]];
      await writeSite(dir, site);
      const ours = await buildSearchIndex(factsFor(site), readFrom(dir));
      const problems = differences(bundleOf(ours.files), await diskIndex(dir, [file]));
      if (problems.length) mismatched.push(`${name}: ${problems.join(', ')}`);
    }
    expect(mismatched).toEqual([]);
    const kinds = Object.fromEntries(
      Object.entries(shapes).map(([name, { html }]) => [name, searchSource(html).kind]),
    );
    expect(kinds).toEqual(Object.fromEntries(Object.entries(shapes).map(([name, { kind }]) => [name, kind])));
  });

  it('the search input digest follows what is indexed', () => {
    const base = factsFor(SITE_A);
    const digest = searchInputDigest(base);
    expect(searchInputDigest(factsFor(SITE_A))).toBe(digest);
    // A searchable page's text.
    const edited = factsFor(
      SITE_A.map(([file, html]): [string, string] => [
        file,
        file === EDITED ? html.replace('02:00', '03:00') : html,
      ]),
    );
    expect(searchInputDigest(edited)).not.toBe(digest);
    // Every page rewritten the same (new times and sizes, same searchable part): the same index.
    expect(searchInputDigest(factsFor(SITE_A, MTIME + 5_000))).toBe(digest);
    const grown = new Map(base);
    const page = base.get('clients/acme/index.html');
    if (page) grown.set('clients/acme/index.html', { ...page, size: page.size + 100, links: [] });
    expect(searchInputDigest(grown)).toBe(digest);
    // A page Pagefind leaves out: whatever it holds, the same index.
    const lost = factsFor(
      SITE_A.map(([file, html]): [string, string] => [
        file,
        file === '404.html' ? html.replace('qzlost', 'otherword') : html,
      ]),
    );
    const notFound = lost.get('404.html');
    if (notFound) lost.set('404.html', { ...notFound, size: notFound.size + 1, mtimeMs: MTIME + 60_000 });
    expect(searchInputDigest(lost)).toBe(digest);
    // A page more or less.
    expect(searchInputDigest(factsFor(SITE_B))).not.toBe(digest);
    // No page searchable: Pagefind indexes every page whole, so a page's signature counts.
    const bare = factsFor([
      ['a/index.html', NOT_FOUND],
      ['b/index.html', NOT_FOUND],
    ]);
    const bareDigest = searchInputDigest(bare);
    const touched = factsFor([
      ['a/index.html', NOT_FOUND],
      ['b/index.html', NOT_FOUND],
    ]);
    const b = touched.get('b/index.html');
    if (b) touched.set('b/index.html', { ...b, mtimeMs: b.mtimeMs + 60_000 });
    expect(searchInputDigest(touched)).not.toBe(bareDigest);
  });

  it("Pagefind's own search over the index finds the pages by word and client, not the header, footer or ignored text", async () => {
    const { files } = await buildSearchIndex(factsFor(SITE_B), readFrom(dirB));
    const bundleDir = path.join(tmp, 'bundle');
    for (const [file, content] of files) {
      await mkdir(path.dirname(path.join(bundleDir, file)), { recursive: true });
      await writeFile(path.join(bundleDir, file), content);
    }
    const server = http.createServer((request, response) => {
      const file = path.join(
        bundleDir,
        decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname),
      );
      readFile(file).then(
        (body) => response.end(body),
        () => {
          response.statusCode = 404;
          response.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      interface Result {
        data(): Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]> }>;
      }
      interface PagefindJs {
        options(options: { basePath: string }): Promise<void>;
        init(): Promise<void>;
        filters(): Promise<Record<string, Record<string, number>>>;
        search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: Result[] }>;
      }
      const js = (await import(
        /* @vite-ignore */ pathToFileURL(path.join(bundleDir, 'pagefind.js')).href
      )) as PagefindJs;
      await js.options({ basePath: `http://127.0.0.1:${port}/` });
      await js.init();
      const urls = async (query: string, filters?: Record<string, string>) =>
        Promise.all((await js.search(query, filters ? { filters } : {})).results.map((r) => r.data())).then(
          (pages) => pages.map((p) => p.url).sort(),
        );
      expect(await urls('nightly')).toEqual(['/clients/acme/binder/backups/']);
      expect(await urls('backups')).toEqual(['/clients/acme/binder/backups/']);
      expect(await urls('hourly snapshots')).toEqual(['/clients/acme/binder/backups/']);
      expect(await urls('overview', { client: 'acme' })).toEqual(['/clients/acme/']);
      expect(await urls('overview')).toEqual(['/clients/acme-law/', '/clients/acme/', '/clients/globex/']);
      expect(await urls('wpa3')).toEqual(['/clients/acme/binder/wireless/']);
      expect(await urls('oddword')).toEqual(['/odd/']);
      for (const word of [
        'qzsitenav',
        'qzsidebar',
        'qzfooter',
        'qzignored',
        'qzlost',
        'wireguard',
        'qzoddheader',
      ])
        expect(await urls(word), word).toEqual([]);
      expect(await js.filters()).toEqual({
        client: { acme: 4, 'acme-law': 1, globex: 1 },
        kind: { binder: 6, note: 1 },
      });
      const [backups] = (await js.search('nightly')).results;
      expect(await backups?.data()).toMatchObject({
        meta: { title: 'Acme Dental · Backups', image: '/_astro/acme-diagram.png' },
        filters: { client: ['acme'], kind: ['binder'] },
      });
    } finally {
      server.close();
    }
  });
});
