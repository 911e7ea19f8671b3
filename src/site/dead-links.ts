import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** A site-local link that resolves to no file. */
export interface DeadLink {
  /** The page it is on, as a route (`/clients/acme/binder/backups/`). */
  page: string;
  /** The link as written in the HTML. */
  href: string;
}

const ATTRIBUTE = /<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"/gi;

/** The page route of an HTML file in `dist`. */
function routeOf(dist: string, file: string): string {
  const relative = path.relative(dist, file).split(path.sep).join('/');
  return `/${relative.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Crawls a built site: every site-local `href` and `src` in every HTML page must resolve to a
 * file in `dist` (`/x/` to `x/index.html`, `/x` to `x`, `x.html` or `x/index.html`). External
 * URLs, `mailto:` and bare `#anchors` are not followed. Astro's own link validation only sees
 * Markdown in its docs collection; this sees what users click, on every site variant.
 */
export async function findDeadLinks(dist: string, base = '/'): Promise<DeadLink[]> {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const existing = new Set(files.map((file) => path.relative(dist, file).split(path.sep).join('/')));
  const exists = async (relative: string) =>
    existing.has(relative) ||
    (await stat(path.join(dist, relative)).then(
      (info) => info.isFile(),
      () => false,
    ));
  const prefix = base.replace(/\/?$/, '/');
  const dead: DeadLink[] = [];
  for (const file of files.filter((candidate) => candidate.endsWith('.html'))) {
    const html = await readFile(file, 'utf8');
    const page = routeOf(dist, file);
    const seen = new Set<string>();
    for (const match of html.matchAll(ATTRIBUTE)) {
      const href = (match[1] ?? '').replace(/&amp;/g, '&');
      if (seen.has(href)) continue;
      seen.add(href);
      if (!href || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href))
        continue;
      const url = new URL(href, `http://site${page}`);
      let target = decodeURIComponent(url.pathname);
      if (!target.startsWith(prefix)) {
        dead.push({ page, href });
        continue;
      }
      target = target.slice(prefix.length);
      const candidates =
        target === '' || target.endsWith('/')
          ? [`${target}index.html`]
          : [target, `${target}.html`, `${target}/index.html`];
      let found = false;
      for (const candidate of candidates) if (await exists(candidate)) found = true;
      if (!found) dead.push({ page, href });
    }
  }
  return dead.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : a.href < b.href ? -1 : 1));
}
