import path from 'node:path/posix';
import { ARCHIVE_NAME, type ContentPathKind, classifyContentPath, clientOfPath } from './content-paths.ts';

/**
 * The site's URL scheme, shared by the issue renderer (links in issue bodies) and the Astro
 * pages, so a link written into an issue in December still works on the site.
 */
export const siteRoutes = {
  /** A client's overview page. */
  client: (client: string) => `/clients/${client}/`,
  /** A binder section. */
  binderSection: (client: string, section: string) => `/clients/${client}/binder/${section}/`,
  /** A client's tech-notes timeline. */
  notes: (client: string) => `/clients/${client}/notes/`,
  /** One tech note. */
  note: (client: string, note: string) => `/clients/${client}/notes/${note}/`,
  /** A client's checklist history with per-item history. */
  history: (client: string) => `/clients/${client}/checklists/`,
  /** One archived checklist. */
  checklist: (client: string, month: string, tier: string) =>
    `/clients/${client}/checklists/${month}-${tier}/`,
  /** The printable whole binder. */
  print: (client: string) => `/clients/${client}/print/`,
  /** A client's monthly maintenance reports. */
  reports: (client: string) => `/clients/${client}/reports/`,
  /** One month's maintenance report. */
  report: (client: string, month: string) => `/clients/${client}/reports/${month}/`,
};

/** Joins the site's base URL and a route without doubling slashes. */
export function siteUrl(base: string, route: string): string {
  return `${base.replace(/\/+$/, '')}${route}`;
}

/** GitHub's web editor for a repo-relative file on the default branch. */
export function editUrl(repo: string, file: string, branch = 'main'): string {
  return `https://github.com/${repo}/edit/${branch}/${file}`;
}

/** The route of the page a content file becomes, or undefined when it becomes none. */
export function routeOfContentFile(kind: ContentPathKind): string | undefined {
  switch (kind.kind) {
    case 'client-profile':
      return siteRoutes.client(kind.client);
    case 'binder-section':
      return siteRoutes.binderSection(kind.client, kind.name);
    case 'tech-note':
      return siteRoutes.note(kind.client, kind.name);
    case 'archive': {
      const match = ARCHIVE_NAME.exec(kind.name);
      return match?.[1] && match[2] ? siteRoutes.checklist(kind.client, match[1], match[2]) : undefined;
    }
    default:
      return undefined;
  }
}

/** How a content link renders on a site. */
export type ResolvedContentLink = { kind: 'route'; href: string } | { kind: 'text' } | { kind: 'unchanged' };

/**
 * Resolves a link written in a content file (`./backups.md`, `../notes/2026-10-13-visit.md#ups`)
 * to the page it becomes on a site. The route follows from the path alone, so the rendered HTML
 * depends only on the file it is in (Astro caches it by that file's content); a link to a file
 * that does not exist becomes a dead route, which `binder check` and the build's link crawl both
 * report. On a client's site a link to another client's page becomes plain text, and so does a
 * link to one of its own pages that `internal` lists (that page is not there and must not be
 * named). Links that are not relative file links (URLs, `#anchors`, site routes) are left as they are.
 */
export function resolveContentLink(
  href: string,
  fromFile: string,
  internal: ReadonlySet<string>,
  site: { client?: string; base?: string },
): ResolvedContentLink {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#'))
    return { kind: 'unchanged' };
  const [pathPart = '', fragment] = href.split('#', 2);
  let decoded: string;
  try {
    decoded = decodeURI(pathPart.split('?')[0] ?? '');
  } catch {
    return { kind: 'unchanged' };
  }
  const resolved = decoded.startsWith('/')
    ? path.normalize(decoded.slice(1))
    : path.normalize(path.join(path.dirname(fromFile), decoded));
  const route = routeOfContentFile(classifyContentPath(resolved));
  if (!route) return { kind: 'unchanged' };
  if (site.client && (clientOfPath(resolved) !== site.client || internal.has(resolved)))
    return { kind: 'text' };
  const base = (site.base ?? '').replace(/\/+$/, '');
  return { kind: 'route', href: `${base}${route}${fragment ? `#${fragment}` : ''}` };
}
