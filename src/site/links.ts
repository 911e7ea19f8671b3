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

/** A sidebar entry as Starlight takes it: a link, or a group of links. */
export type SidebarEntry =
  | { label: string; link: string }
  | { label: string; items: { label: string; link: string }[] };

/** The sidebar of a client's pages: that client only, so page size does not grow with clients. */
export function clientSidebar(
  client: { slug: string; name: string; sections: { slug: string; title: string }[] },
  internal: boolean,
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
    { label: 'Tech notes', link: href(siteRoutes.notes(slug)) },
    { label: 'Maintenance history', link: href(siteRoutes.history(slug)) },
    { label: 'Monthly reports', link: href(siteRoutes.reports(slug)) },
    { label: 'Printable binder', link: href(siteRoutes.print(slug)) },
  ];
}
