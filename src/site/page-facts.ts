import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { linksOf } from './dead-links.ts';
import { type FileSignature, sameSignature, type TreeSnapshot } from './kept-output.ts';

/**
 * What the build keeps of each HTML page between builds, so the search index and the link check
 * read only the pages this build wrote: the part of the page Pagefind indexes, and its links.
 */
export interface PageFacts extends FileSignature {
  /**
   * What Pagefind is given for the page (see {@link searchSource}): `none` when the page is not
   * searchable, else the HTML to index.
   */
  search: SearchSource;
  /** Every distinct `href` and `src` on the page (src/site/dead-links.ts). */
  links: string[];
}

/** How a page enters the search index. */
export type SearchSource =
  /** No `data-pagefind-body`: Pagefind leaves the page out (another page of the site has one). */
  | { kind: 'none' }
  /** Only the searchable part: `<html …>` and the `<main data-pagefind-body>` element. */
  | { kind: 'body'; html: string }
  /** A page shaped otherwise: all of it, as Pagefind would read it from disk. */
  | { kind: 'page'; html: string };

/**
 * The part of a page Pagefind reads, or the whole page. Pagefind indexes the `data-pagefind-body`
 * element (text, headings and their ids, `data-pagefind-meta`, `-filter`, `-ignore` inside it)
 * and takes the language from `<html lang>`; a Starlight page has one such element, its `<main>`,
 * and carries our filters and meta inside it. So `<html …><body><main data-pagefind-body>…</main>`
 * indexes exactly as the 20 KB page does (test/site/search-index.test.ts compares the index bytes),
 * at an eighth of the size. A page with `data-pagefind` attributes outside that element, or more
 * than one body, or where Pagefind's automatic title or image may come from outside it (no `<h1>`
 * in `<main>`, an `<h1>` before it, an `<img>` after it), is given whole.
 */
export function searchSource(html: string): SearchSource {
  const body = html.indexOf('data-pagefind-body');
  if (body < 0) return { kind: 'none' };
  const start = html.lastIndexOf('<main', body);
  const end = html.indexOf('</main>', body);
  const htmlTag = /<html\b[^>]*>/i.exec(html);
  const whole = { kind: 'page', html } as const;
  if (start < 0 || end < 0 || !htmlTag) return whole;
  // The attribute must be on the <main> tag itself.
  if (html.indexOf('>', start) < body) return whole;
  const main = html.slice(start, end + '</main>'.length);
  if (main.indexOf('<main', 1) >= 0) return whole;
  const outside = html.slice(0, start) + html.slice(end);
  if (outside.includes('data-pagefind-')) return whole;
  // Pagefind's automatic title is the page's first <h1> (else its <title>) and its image the first
  // <img> after the title, wherever they are: both must come from <main>.
  if (!/<h1[\s>]/i.test(main) || /<h1[\s>]/i.test(html.slice(0, start)) || /<img[\s>]/i.test(html.slice(end)))
    return whole;
  return { kind: 'body', html: `<!DOCTYPE html>${htmlTag[0]}<head></head><body>${main}</body></html>` };
}

/**
 * The facts of one page's HTML. They are copied out of the page: V8 makes a slice of a string a
 * view of it, so a link or a `<main>` kept as a slice would keep the whole page alive, and a cold
 * build's 18,000 pages would stay in memory (a gigabyte at 100 clients) while Pagefind needs it.
 */
export function factsOf(html: string, signature: FileSignature): PageFacts {
  const search = structuredClone(searchSource(html));
  return { size: signature.size, mtimeMs: signature.mtimeMs, search, links: linksOf(html).map(internLink) };
}

/**
 * One copy of each distinct link for all pages: a site's pages share most of theirs (a client's
 * sidebar is on each of its pages: 460,000 links at 100 clients, a few thousand distinct). The
 * copy is made with `structuredClone`, so it is not a slice of the page (see {@link factsOf}).
 */
const links = new Map<string, string>();
function internLink(link: string): string {
  let copy = links.get(link);
  if (copy === undefined) {
    copy = structuredClone(link);
    links.set(copy, copy);
  }
  return copy;
}

/** Files of a site that are pages: HTML outside the search bundle. */
export const isPage = (file: string) => file.endsWith('.html') && !file.startsWith('pagefind/');

/**
 * The facts of every page of `dir` (per `snapshot`), taken from `previous` for a page unchanged
 * since they were recorded (same size and mtime: the warm build kept it) and read from the page
 * otherwise. Returns them with the number of pages read.
 */
export async function updatePageFacts(
  dir: string,
  snapshot: TreeSnapshot,
  previous: ReadonlyMap<string, PageFacts>,
): Promise<{ facts: Map<string, PageFacts>; read: number }> {
  const facts = new Map<string, PageFacts>();
  const toRead: string[] = [];
  for (const [file, signature] of snapshot) {
    if (!isPage(file)) continue;
    const known = previous.get(file);
    if (known && sameSignature(known, signature)) facts.set(file, known);
    else toRead.push(file);
  }
  for (let i = 0; i < toRead.length; i += 64) {
    const batch = toRead.slice(i, i + 64);
    const pages = await Promise.all(batch.map((file) => readFile(path.join(dir, file), 'utf8')));
    batch.forEach((file, index) => {
      const signature = snapshot.get(file);
      if (signature) facts.set(file, factsOf(pages[index] ?? '', signature));
    });
  }
  return { facts: new Map([...facts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), read: toRead.length };
}

/**
 * Where a variant's page facts are kept: V8's serialisation (50-90 MB at 100 clients, read and
 * written in a third of the time JSON takes). Another Node version may not read it: then the
 * facts are read again from the pages.
 */
export const PAGE_FACTS_FILE = 'page-facts.v8';

/** The page facts of the last build, or an empty map. */
export async function readPageFacts(cacheDir: string): Promise<Map<string, PageFacts>> {
  try {
    const facts = deserialize(await readFile(path.join(cacheDir, PAGE_FACTS_FILE)));
    if (!(facts instanceof Map)) return new Map();
    for (const page of (facts as Map<string, PageFacts>).values()) page.links = page.links.map(internLink);
    return facts as Map<string, PageFacts>;
  } catch {
    return new Map();
  }
}

/** Keeps the page facts for the next build. */
export async function writePageFacts(cacheDir: string, facts: ReadonlyMap<string, PageFacts>): Promise<void> {
  await writeFile(path.join(cacheDir, PAGE_FACTS_FILE), serialize(facts));
}
