import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode as decodeCbor } from 'cborg';
import * as pagefind from 'pagefind';
import { routeOfFile } from './dead-links.ts';
import { removeFiles } from './kept-output.ts';
import type { PageFacts, SearchSource } from './page-facts.ts';

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
 * - the index is written into the kept bundle, where Pagefind leaves the fragment of a page that
 *   did not change as it is (`writeSearchIndex`): only the changed pages' fragments, the word
 *   index and the filters are compressed again (compressing is most of an index's time);
 * - when no searchable page changed at all, the previous index is kept.
 * Pages are always fed in route order, so an index does not depend on the order a directory
 * lists its files in.
 */

/**
 * Names Pagefind derives from a file's content (`en_<hash>.pf_fragment`): within one index, the
 * same name is the same bytes.
 */
const CONTENT_NAMED = /_[0-9a-f]{7,}\.pf_(?:fragment|index|filter|meta)$/;

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

/** An index fed every page of a site, and how it was fed. */
interface FedIndex {
  index: pagefind.PagefindIndex;
  pages: number;
  /** Pages given again after Astro (a prefilled index), or `all` (fed afresh). */
  fedAgain: number | 'all';
}

/**
 * Feeds an index every page of `pages` (the site as built) and hands it to `use`, then closes
 * Pagefind. With a `prefilled` index, the pages that differ from what it was fed are given again;
 * a page that is new and was not expected means the order is broken, and the index is built
 * afresh. Without one, the pages are fed in route order.
 */
async function withFedIndex<T>(
  pages: ReadonlyMap<string, PageFacts>,
  readPage: (file: string) => Promise<string>,
  prefilled: PrefilledIndex | undefined,
  use: (fed: FedIndex) => Promise<T>,
): Promise<T> {
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
    return await use({ index, pages: ordered.length, fedAgain });
  } finally {
    await pagefind.close();
  }
}

/** The files of the index over `pages` (see {@link withFedIndex}), in memory. */
export async function buildSearchIndex(
  pages: ReadonlyMap<string, PageFacts>,
  readPage: (file: string) => Promise<string>,
  prefilled?: PrefilledIndex,
): Promise<{ files: Map<string, Uint8Array>; pages: number; fedAgain: number | 'all' }> {
  return withFedIndex(pages, readPage, prefilled, async ({ index, ...fed }) => {
    const { files } = check(await index.getFiles());
    return { files: new Map(files.map((file) => [file.path, file.content])), ...fed };
  });
}

/**
 * Writes the index over `pages` (see {@link withFedIndex}) into `<site>/pagefind`, which then
 * holds exactly the files {@link buildSearchIndex} gives, and returns the files written and
 * removed (relative to the bundle).
 *
 * Pagefind compresses every file it gives (gzip at its best level, one file after the other):
 * most of an index's time at 15,000 pages. Written to a folder, it leaves alone a file named
 * after its content that is already there, so a warm build compresses only the fragments of the
 * pages that changed. But a name is a short hash, lengthened only when two files of the same
 * index collide: a file left from the previous index could carry the name of a new, different
 * one. So only the fragments the previous index made of pages that are unchanged (`previous`:
 * the pages it was made from; its metadata lists a fragment per page, in route order) are kept
 * for Pagefind to leave; every other file (the word index, the filters, the metadata, the files
 * with fixed names) is removed first and written again. After writing, the new metadata must give
 * each kept fragment to the page it was made from; one given to another page is removed and
 * written again. Kept fragments the new index does not name are removed.
 */
export async function writeSearchIndex(
  site: string,
  pages: ReadonlyMap<string, PageFacts>,
  readPage: (file: string) => Promise<string>,
  prefilled?: PrefilledIndex,
  previous: ReadonlyMap<string, PageFacts> = new Map(),
): Promise<{ pages: number; fedAgain: number | 'all'; written: string[]; removed: string[] }> {
  const dir = path.join(site, SEARCH_DIR);
  const existing = await filesUnder(dir);
  const oldMeta = await readIndexMeta(dir).catch(() => undefined);
  const keep = keptFragments(oldMeta?.fragments, pagesToIndex(previous), pages);
  // All else goes first: a file named after its content could carry a name the new index gives
  // other content, and the files with fixed names are linked into the published site, where
  // Pagefind rewriting them in place would point the published search at an index not published
  // yet (removed here, the published copies stay as they are until the new index is published).
  const removedFirst = existing.filter((file) => !keep.has(file));
  await removeFiles(dir, removedFirst);
  return withFedIndex(pages, readPage, prefilled, async ({ index, ...fed }) => {
    check(await index.writeFiles({ outputPath: dir }));
    let meta = await readIndexMeta(dir);
    const order = pagesToIndex(pages).map(([file]) => file);
    const misnamed = misnamedFragments(meta.fragments, order, keep);
    if (misnamed.length > 0) {
      await removeFiles(dir, misnamed);
      for (const file of misnamed) keep.delete(file);
      check(await index.writeFiles({ outputPath: dir }));
      meta = await readIndexMeta(dir);
    }
    const fixed = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !CONTENT_NAMED.test(entry.name))
      .map((entry) => entry.name);
    const live = new Set([...fixed, ...meta.files]);
    await removeFiles(
      dir,
      [...keep.keys()].filter((file) => !live.has(file)),
    );
    const written = [...live].filter((file) => !keep.has(file)).sort();
    const removed = existing.filter((file) => !live.has(file)).sort();
    return { ...fed, written, removed };
  });
}

/**
 * The fragments of the previous index that a new one may take as they are: fragment file → the
 * page it was made from, for each page whose searchable part is unchanged. The previous index's
 * metadata lists a fragment per page in the order the pages were fed (`oldPages`, route order);
 * when the lists do not match, none is kept.
 */
export function keptFragments(
  oldFragments: readonly string[] | undefined,
  oldPages: readonly (readonly [string, PageFacts])[],
  pages: ReadonlyMap<string, PageFacts>,
): Map<string, string> {
  const keep = new Map<string, string>();
  if (!oldFragments || oldFragments.length !== oldPages.length) return keep;
  const same = (a: SearchSource, b: SearchSource | undefined) =>
    a.kind !== 'none' && b?.kind === a.kind && b.html === a.html;
  oldPages.forEach(([page, facts], i) => {
    if (same(facts.search, pages.get(page)?.search))
      keep.set(`fragment/${oldFragments[i]}.pf_fragment`, page);
  });
  return keep;
}

/**
 * The kept fragments (`keep`: file → page) the new index's metadata gives another page than the
 * one each was made from (`fragments` and `pageOrder`: the new index's fragment per page, and its
 * pages, in the same order). Pagefind left each of them as it was, so it holds the wrong page.
 * When the lists do not match, no kept fragment can be vouched for: all of them.
 */
export function misnamedFragments(
  fragments: readonly string[],
  pageOrder: readonly string[],
  keep: ReadonlyMap<string, string>,
): string[] {
  if (fragments.length !== pageOrder.length) return [...keep.keys()];
  return fragments
    .map((fragment, i) => ({ file: `fragment/${fragment}.pf_fragment`, page: pageOrder[i] }))
    .filter(({ file, page }) => keep.has(file) && keep.get(file) !== page)
    .map(({ file }) => file);
}

/** Every file under `dir`, relative, `/`-separated; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * What the index in `dir` consists of, from `pagefind-entry.json` and each language's metadata
 * (`pagefind.<hash>.pf_meta`: gzip of `pagefind_dcd` and Pagefind's `MetaIndex` in CBOR, a
 * struct as an array, `[version, pages: [[hash, words, …]], index_chunks: [[from, to, hash]],
 * filters: [[name, hash]], …]`): its files named after their content (the metadata, and each
 * fragment, word-index chunk and filter it names), and its fragments' hashes in page order (the
 * order the pages were fed: route order). One language is what this build makes.
 */
async function readIndexMeta(dir: string): Promise<{ files: string[]; fragments: string[] }> {
  const entry = JSON.parse(await readFile(path.join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>;
  };
  const files: string[] = [];
  const fragments: string[] = [];
  for (const { hash } of Object.values(entry.languages)) {
    const metaFile = `pagefind.${hash}.pf_meta`;
    const bytes = gunzipSync(await readFile(path.join(dir, metaFile)));
    const marker = Buffer.from('pagefind_dcd');
    const unexpected = () =>
      new Error(`Pagefind: ${metaFile} is not an index's metadata as this build reads it`);
    if (!bytes.subarray(0, marker.length).equals(marker)) throw unexpected();
    const meta: unknown = decodeCbor(bytes.subarray(marker.length));
    const hashes = (at: number, field: number) => {
      const list = Array.isArray(meta) ? meta[at] : undefined;
      if (!Array.isArray(list)) throw unexpected();
      return list.map((item) => {
        const value = Array.isArray(item) ? item[field] : undefined;
        if (typeof value !== 'string') throw unexpected();
        return value;
      });
    };
    const pageHashes = hashes(1, 0);
    fragments.push(...pageHashes);
    files.push(
      metaFile,
      ...pageHashes.map((page) => `fragment/${page}.pf_fragment`),
      ...hashes(2, 2).map((chunk) => `index/${chunk}.pf_index`),
      ...hashes(3, 1).map((filter) => `filter/${filter}.pf_filter`),
    );
  }
  return { files, fragments };
}
