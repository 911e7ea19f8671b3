import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { routeOfFile } from './dead-links.ts';
import { removeFiles } from './kept-output.ts';
import type { PageFacts } from './page-facts.ts';

/** The search bundle's folder in a site. */
export const SEARCH_DIR = 'pagefind';

/**
 * One Pagefind index over every searchable page of a site, the same bytes however it was built.
 *
 * Pagefind cannot update an index, and one index is what makes a staff search as good as it is (a
 * first query of a few requests; results that need every word), so every build indexes every
 * page. What a warm build saves:
 * - each page is given to Pagefind as its searchable part only (`PageFacts.search`: 2.6 KB of a
 *   20 KB page), kept between builds, read from disk only for the pages the build wrote;
 * - the pages are fed while Astro is still building (`prefill`), from the previous build's
 *   facts, in route order, with an empty placeholder where a new content file will put a new
 *   page; once Astro is done, only the pages that changed are given again (Pagefind replaces a
 *   page it is given twice in place) and those that went are replaced by an empty page, which an
 *   index leaves out. The result is the index a cold build makes, which feeds the pages in route
 *   order once, byte for byte (test/site/search-index.test.ts);
 * - when no searchable page changed at all, the previous index is kept.
 * Pages are always fed in route order, so an index does not depend on the order a directory
 * lists its files in.
 */

/** The page file of a site route: `/a/b/` → `a/b/index.html`. */
export const pageFileOfRoute = (route: string) => `${route.replace(/^\//, '')}index.html`;

/** An empty page: an index leaves a page out that has no words (and no `data-pagefind-body`). */
const EMPTY_PAGE = '<!DOCTYPE html><html lang="en"><head></head><body></body></html>';

/** The pages an index is fed, in route order: the searchable ones, or every page when none is. */
export function pagesToIndex(pages: ReadonlyMap<string, PageFacts>): [string, PageFacts][] {
  const byRoute = [...pages].sort(([a], [b]) => {
    const [x, y] = [routeOfFile(a), routeOfFile(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  // As Pagefind decides for a site: with a `data-pagefind-body` anywhere, pages without one are
  // left out; with none anywhere, every page is indexed whole.
  const anyBody = byRoute.some(([, facts]) => facts.search.kind !== 'none');
  return anyBody ? byRoute.filter(([, facts]) => facts.search.kind !== 'none') : byRoute;
}

/** A digest of what an index is made from: the same digest, the same index. */
export function searchInputDigest(pages: ReadonlyMap<string, PageFacts>): string {
  const hash = createHash('sha256');
  for (const [file, facts] of pagesToIndex(pages))
    hash.update(
      `${file}\0${facts.search.kind === 'none' ? `${facts.size}:${facts.mtimeMs}` : facts.search.html}\0`,
    );
  return hash.digest('hex');
}

const check = <T extends { errors: string[] }>(response: T): T => {
  if (response.errors.length) throw new Error(`Pagefind: ${response.errors.join('; ')}`);
  return response;
};

/** The HTML a page is indexed from. */
async function contentOf(file: string, facts: PageFacts, readPage: (file: string) => Promise<string>) {
  return facts.search.kind === 'none' ? readPage(file) : facts.search.html;
}

/** An index being fed in the background, and what it was fed, page by page. */
export interface PrefilledIndex {
  /** Resolves when every page given so far (the first pass and every `feed`) has been fed. */
  readonly ready: Promise<pagefind.PagefindIndex>;
  /** File → the HTML it was fed (the placeholder for a page expected but not built yet). */
  fed: Map<string, string>;
  /**
   * Gives a page again as it is now (a page Astro has just written): it keeps the place the first
   * pass gave it, so the order of these calls does not matter. A page with no place is left for
   * {@link buildSearchIndex}, which then builds the index afresh.
   */
  feed(file: string, html: string): void;
  /** Stops feeding and closes Pagefind (the index is not needed after all). */
  cancel(): Promise<void>;
}

/**
 * Starts feeding a new index while Astro builds: the previous build's searchable pages and a
 * placeholder for each `expected` new page (a page file, e.g. `clients/acme/checklists/2026-11-onsite/index.html`),
 * in route order; then each page given to `feed` as Astro writes it. A cold build has no previous
 * pages: every page starts as a placeholder, so the pages can be given in the order Astro renders
 * them and the index is still the one fed once in route order. Undefined when there is nothing to
 * build on.
 */
export function prefill(
  previous: ReadonlyMap<string, PageFacts>,
  expected: Iterable<string>,
): PrefilledIndex | undefined {
  const pages = new Map(previous);
  for (const file of expected)
    if (!pages.has(file))
      pages.set(file, { size: 0, mtimeMs: 0, links: [], search: { kind: 'body', html: EMPTY_PAGE } });
  const ordered = pagesToIndex(pages);
  if (ordered.length === 0 || ordered.some(([, facts]) => facts.search.kind === 'none')) return undefined;
  const fed = new Map<string, string>();
  let cancelled = false;
  let ready = (async () => {
    const { index } = check(await pagefind.createIndex({}));
    if (!index) throw new Error('Pagefind did not create an index');
    for (const [file, facts] of ordered) {
      if (cancelled) throw new Error('cancelled');
      const html = facts.search.kind === 'none' ? EMPTY_PAGE : facts.search.html;
      check(await index.addHTMLFile({ sourcePath: file, content: html }));
      fed.set(file, html);
    }
    return index;
  })();
  // Awaited in buildSearchIndex; a failure here surfaces there.
  ready.catch(() => undefined);
  return {
    get ready() {
      return ready;
    },
    fed,
    feed(file, html) {
      ready = ready.then(async (index) => {
        const before = fed.get(file);
        if (cancelled || before === undefined || before === html) return index;
        check(await index.addHTMLFile({ sourcePath: file, content: html }));
        fed.set(file, html);
        return index;
      });
      ready.catch(() => undefined);
    },
    cancel: async () => {
      cancelled = true;
      await ready.catch(() => undefined);
      await pagefind.close();
    },
  };
}

/**
 * The files of the index over `pages` (the site as built). With a `prefilled` index, the pages
 * that differ from what it was fed are given again; a page that is new and was not expected
 * means the order is broken, and the index is built afresh. Without one, the pages are fed in
 * route order.
 */
export async function buildSearchIndex(
  pages: ReadonlyMap<string, PageFacts>,
  readPage: (file: string) => Promise<string>,
  prefilled?: PrefilledIndex,
): Promise<{ files: Map<string, Uint8Array>; pages: number; fedAgain: number | 'all' }> {
  try {
    const ordered = pagesToIndex(pages);
    let index: pagefind.PagefindIndex | undefined;
    let fedAgain: number | 'all' = 'all';
    if (prefilled) {
      const built = await prefilled.ready;
      if (ordered.every(([file]) => prefilled.fed.has(file))) {
        index = built;
        fedAgain = 0;
        const now = new Map(ordered);
        for (const [file, html] of prefilled.fed) {
          const facts = now.get(file);
          const content = facts ? await contentOf(file, facts, readPage) : EMPTY_PAGE;
          if (content === html) continue;
          check(await index.addHTMLFile({ sourcePath: file, content }));
          fedAgain += 1;
        }
      } else await built.deleteIndex();
    }
    if (!index) {
      const created = check(await pagefind.createIndex({}));
      if (!created.index) throw new Error('Pagefind did not create an index');
      index = created.index;
      for (const [file, facts] of ordered)
        check(await index.addHTMLFile({ sourcePath: file, content: await contentOf(file, facts, readPage) }));
    }
    const { files } = check(await index.getFiles());
    return {
      files: new Map(files.map((file) => [file.path, file.content])),
      pages: ordered.length,
      fedAgain,
    };
  } finally {
    await pagefind.close();
  }
}

/** Names Pagefind derives from the file's content (`en_<hash>.pf_fragment`): the same name, the same bytes. */
const CONTENT_NAMED = /_[0-9a-f]{7,}\.pf_(?:fragment|index|filter|meta)$/;

/**
 * Makes `<site>/pagefind` hold exactly `files`: writes what is new or changed, leaves the files
 * that are already there (a warm build changes a few fragments and the index chunks, not 15,000
 * fragments), removes the rest. Returns the files written and removed, relative to the bundle.
 */
export async function syncSearchBundle(
  site: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<{ written: string[]; removed: string[] }> {
  const dir = path.join(site, SEARCH_DIR);
  const existing = new Set<string>();
  try {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile())
        existing.add(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const written: string[] = [];
  const entries = [...files];
  for (const folder of new Set(entries.map(([file]) => path.dirname(path.join(dir, file)))))
    await mkdir(folder, { recursive: true });
  // Many files at once: a cold build writes 15,000 fragments.
  for (let i = 0; i < entries.length; i += 64)
    await Promise.all(
      entries.slice(i, i + 64).map(async ([file, content]) => {
        const target = path.join(dir, file);
        if (existing.has(file)) {
          if (CONTENT_NAMED.test(file)) return;
          const current = await readFile(target);
          if (Buffer.compare(current, content) === 0) return;
        }
        await writeFile(target, content);
        written.push(file);
      }),
    );
  written.sort();
  const stale = [...existing].filter((file) => !files.has(file));
  await removeFiles(dir, stale);
  return { written, removed: stale };
}
