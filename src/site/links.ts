import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { siteRoutes } from '../core/site-links.ts';

/**
 * The links the Astro pages write: `href` (a site route with Astro's base path, read from
 * `import.meta.env`, so only pages and components use it) and a client's sidebar. The URL scheme
 * itself (`siteRoutes`, `siteUrl`, `editUrl`, links between content files) is
 * src/core/site-links.ts, shared with the issue renderer.
 */

/** Prefixes a site route with Astro's base path (GitHub Pages project sites live under /<repo>/). */
export function href(route: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
  return `${base}${route}`;
}

/** A sidebar entry as Starlight takes it: a link (with attributes for its `<a>`), or a group of links. */
export type SidebarEntry =
  | { label: string; link: string; attrs?: Record<string, string> }
  | { label: string; items: { label: string; link: string }[] };

/**
 * A list's link, marked `aria-current="true"` on a page under it (a tech note under Tech notes, a
 * checklist under Maintenance history): Starlight marks only the link to the page itself, so on
 * most of a client's pages the sidebar said nowhere where the reader was.
 */
function listLink(label: string, link: string, currentPath: string | undefined): SidebarEntry {
  const under = currentPath !== undefined && currentPath !== link && currentPath.startsWith(link);
  return under ? { label, link, attrs: { 'aria-current': 'true' } } : { label, link };
}

/**
 * The sidebar of a client's pages: that client only, so page size does not grow with clients.
 * `currentPath` is the page's own path (with the base path), for the list it belongs to.
 */
export function clientSidebar(
  client: { slug: string; name: string; sections: { slug: string; title: string }[] },
  internal: boolean,
  currentPath?: string,
): SidebarEntry[] {
  const { slug } = client;
  return [
    ...(internal ? [{ label: 'All clients', link: href('/') }] : []),
    // The client's page by its name (staff) or as the site's home (client): not "Overview", which
    // is often a binder section's title too.
    internal
      ? { label: client.name, link: href(siteRoutes.client(slug)) }
      : { label: 'Home', link: href('/') },
    {
      label: 'Binder',
      items: client.sections.map((section) => ({
        label: section.title,
        link: href(siteRoutes.binderSection(slug, section.slug)),
      })),
    },
    listLink('Tech notes', href(siteRoutes.notes(slug)), currentPath),
    listLink('Maintenance history', href(siteRoutes.history(slug)), currentPath),
    listLink('Monthly reports', href(siteRoutes.reports(slug)), currentPath),
    { label: 'Printable binder', link: href(siteRoutes.print(slug)) },
  ];
}

/** A sidebar entry as Starlight's route data holds it (`Astro.locals.starlightRoute.sidebar`). */
export type RouteSidebarEntry = StarlightRouteData['sidebar'][number];

/**
 * A page's sidebar as Starlight's route data: what `<StarlightPage sidebar={entries}>` makes of
 * links and groups of links (Starlight's `getSidebarFromConfig`), the link to the page itself
 * (the first one, trailing slash aside) marked current. Given as a prop, Starlight validated the
 * entries with zod and resolved them again on each of 18,470 pages; set by the route middleware
 * (src/site/route-sidebar.ts) it costs nothing it did not already. The links are used as `href()`
 * made them, with the site's base path once (Starlight added `base` to each again). Like `href()`,
 * it assumes Astro's default URL style (`build.format: 'directory'`, `trailingSlash` `'ignore'` or
 * `'always'`), which the site keeps: Starlight would format links otherwise under other settings.
 */
export function routeSidebar(entries: SidebarEntry[], pathname: string): RouteSidebarEntry[] {
  let current: Extract<RouteSidebarEntry, { type: 'link' }> | undefined;
  const withoutSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  const page = withoutSlash(pathname);
  const toRoute = (entry: SidebarEntry): RouteSidebarEntry => {
    if ('items' in entry)
      return {
        type: 'group',
        label: entry.label,
        entries: entry.items.map(toRoute),
        collapsed: false,
        badge: undefined,
      };
    const link = {
      type: 'link' as const,
      label: entry.label,
      href: entry.link,
      isCurrent: false,
      badge: undefined,
      attrs: entry.attrs ?? {},
    };
    if (!current && withoutSlash(encodeURI(entry.link)) === page) current = link;
    return link;
  };
  const sidebar = entries.map(toRoute);
  if (current) current.isCurrent = true;
  return sidebar;
}
