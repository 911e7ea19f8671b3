import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A site-local link that resolves to no file. */
export interface DeadLink {
  /** The page it is on, as a route (`/clients/acme/binder/backups/`). */
  page: string;
  /** The link as written in the HTML. */
  href: string;
}

/** A site path that resolves to itself: absolute, no `.` or `..` segment, query, fragment or escape. */
const PLAIN_PATH = /^\/(?:[\w~-][\w~.-]*\/)*(?:[\w~-][\w~.-]*)?$/;

const ATTRIBUTE = /<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"/gi;

/** The page route of an HTML file of a site, given relative to the site's root (`a/index.html` → `/a/`). */
export function routeOfFile(relative: string): string {
  return `/${relative.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Every distinct `href` and `src` of an HTML page's links, scripts, images and frames, as written (`&amp;` decoded). */
export function linksOf(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(ATTRIBUTE)) links.add((match[1] ?? '').replace(/&amp;/g, '&'));
  return [...links];
}

/**
 * The site-local links of `pages` that resolve to none of the `existing` files (paths relative
 * to the site's root): `/x/` must be `x/index.html`, `/x` one of `x`, `x.html`, `x/index.html`.
 * External URLs, `mailto:` and bare `#anchors` are not followed. Sorted by page, then link.
 */
export function deadLinksIn(
  pages: Iterable<{ file: string; links: readonly string[] }>,
  existing: ReadonlySet<string>,
  base = '/',
): DeadLink[] {
  const prefix = base.replace(/\/?$/, '/');
  const dead: DeadLink[] = [];
  for (const { file, links } of pages) {
    const page = routeOfFile(file);
    for (const href of links) {
      if (!href || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href))
        continue;
      // Most links are plain site paths (the sidebar's, the grid's): no URL to parse.
      let target = PLAIN_PATH.test(href)
        ? href
        : decodeURIComponent(new URL(href, `http://site${page}`).pathname);
      if (!target.startsWith(prefix)) {
        dead.push({ page, href });
        continue;
      }
      target = target.slice(prefix.length);
      const candidates =
        target === '' || target.endsWith('/')
          ? [`${target}index.html`]
          : [target, `${target}.html`, `${target}/index.html`];
      if (!candidates.some((candidate) => existing.has(candidate))) dead.push({ page, href });
    }
  }
  return dead.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : a.href < b.href ? -1 : 1));
}

/**
 * Crawls a built site: every site-local `href` and `src` in every HTML page must resolve to a
 * file in `dist`. Astro's own link validation only sees Markdown in its docs collection; this
 * sees what users click, on every site variant. (`npm run build` runs the same check from the
 * links it keeps per page, reading only the pages it wrote: src/site/site-build.ts.)
 */
export async function findDeadLinks(dist: string, base = '/'): Promise<DeadLink[]> {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  const pages: { file: string; links: string[] }[] = [];
  for (const file of files.filter((candidate) => candidate.endsWith('.html')))
    pages.push({ file, links: linksOf(await readFile(path.join(dist, file), 'utf8')) });
  return deadLinksIn(pages, new Set(files), base);
}
