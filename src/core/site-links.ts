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
};

/** Joins the site's base URL and a route without doubling slashes. */
export function siteUrl(base: string, route: string): string {
  return `${base.replace(/\/+$/, '')}${route}`;
}

/** GitHub's web editor for a repo-relative file on the default branch. */
export function editUrl(repo: string, file: string, branch = 'main'): string {
  return `https://github.com/${repo}/edit/${branch}/${file}`;
}
