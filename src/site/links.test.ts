import { afterEach, describe, expect, it, vi } from 'vitest';
// Starlight's own: what <StarlightPage> made of a `sidebar` prop (validated, then resolved for the page).
import { SidebarItemSchema } from '../../node_modules/@astrojs/starlight/dist/schemas/sidebar.js';
import { getSidebarFromConfig } from '../../node_modules/@astrojs/starlight/dist/utils/navigation.js';
import { clientSidebar, type RouteSidebarEntry, routeSidebar, type SidebarEntry } from './links.ts';

const acme = {
  slug: 'acme',
  name: 'Acme Dental',
  // A binder's first section is often called Overview, as in the bundled example.
  sections: [
    { slug: 'overview', title: 'Overview' },
    { slug: 'backups', title: 'Backups' },
  ],
};

const labels = (entries: ReturnType<typeof clientSidebar>): string[] =>
  entries.flatMap((entry) => [entry.label, ...('items' in entry ? labels(entry.items) : [])]);

describe("a client's sidebar", () => {
  it("on the staff site, leads to all clients and to the client by its name, then the binder's sections", () => {
    const sidebar = clientSidebar(acme, true);
    expect(sidebar.map((entry) => entry.label)).toEqual([
      'All clients',
      'Acme Dental',
      'Binder',
      'Tech notes',
      'Maintenance history',
      'Monthly reports',
      'Printable binder',
    ]);
    expect(sidebar[1]).toMatchObject({ link: '/clients/acme/' });
  });

  it("on the client's site, starts at Home; no label is there twice when a section is called Overview", () => {
    for (const internal of [true, false]) {
      const all = labels(clientSidebar(acme, internal));
      expect(new Set(all).size, all.join(', ')).toBe(all.length);
    }
    expect(clientSidebar(acme, false)[0]).toMatchObject({ label: 'Home', link: '/' });
  });
});

describe("a client's sidebar on a page under one of its lists", () => {
  const current = (path: string) =>
    clientSidebar(acme, true, path)
      .filter((entry) => 'attrs' in entry && entry.attrs?.['aria-current'] === 'true')
      .map((entry) => entry.label);

  it('marks the list a tech note or an archived checklist belongs to (Starlight marks only the page itself)', () => {
    expect(current('/clients/acme/checklists/2026-10-onsite/')).toEqual(['Maintenance history']);
    expect(current('/clients/acme/notes/2026-09-08-ups-battery/')).toEqual(['Tech notes']);
  });

  it('marks nothing on the list itself, a binder section or the client page, nor for another client', () => {
    expect(current('/clients/acme/checklists/')).toEqual([]);
    expect(current('/clients/acme/binder/backups/')).toEqual([]);
    expect(current('/clients/acme/')).toEqual([]);
    expect(current('/clients/acme-west/checklists/2026-10-onsite/')).toEqual([]);
    expect(current('/clients/other/notes/x/')).toEqual([]);
  });
});

describe("a page's sidebar in Starlight's route data", () => {
  const links = (entries: RouteSidebarEntry[]): Extract<RouteSidebarEntry, { type: 'link' }>[] =>
    entries.flatMap((entry) => (entry.type === 'group' ? links(entry.entries) : [entry]));
  const currentOf = (pathname: string) =>
    links(routeSidebar(clientSidebar(acme, true, pathname), pathname))
      .filter((link) => link.isCurrent)
      .map((link) => link.href);

  it('is the sidebar Starlight makes of the entries: links and groups, no badges, attributes kept', () => {
    const sidebar = routeSidebar(
      clientSidebar(acme, true, '/clients/acme/notes/x/'),
      '/clients/acme/notes/x/',
    );
    // Strictly: a key Starlight sets to undefined (a link's badge) is there too.
    expect(sidebar[0]).toStrictEqual({
      type: 'link',
      label: 'All clients',
      href: '/',
      isCurrent: false,
      badge: undefined,
      attrs: {},
    });
    expect(sidebar[2]).toStrictEqual({
      type: 'group',
      label: 'Binder',
      collapsed: false,
      badge: undefined,
      entries: [
        {
          type: 'link',
          label: 'Overview',
          href: '/clients/acme/binder/overview/',
          isCurrent: false,
          badge: undefined,
          attrs: {},
        },
        {
          type: 'link',
          label: 'Backups',
          href: '/clients/acme/binder/backups/',
          isCurrent: false,
          badge: undefined,
          attrs: {},
        },
      ],
    });
    expect(sidebar.find((entry) => entry.label === 'Tech notes')).toMatchObject({
      attrs: { 'aria-current': 'true' },
    });
  });

  it('marks the link to the page itself, in a group too, with or without its trailing slash', () => {
    expect(currentOf('/clients/acme/')).toEqual(['/clients/acme/']);
    expect(currentOf('/clients/acme')).toEqual(['/clients/acme/']);
    expect(currentOf('/clients/acme/binder/backups/')).toEqual(['/clients/acme/binder/backups/']);
    expect(currentOf('/')).toEqual(['/']);
  });

  it('marks nothing on a page it does not link to, and never two links', () => {
    expect(currentOf('/clients/acme/notes/x/')).toEqual([]);
    expect(currentOf('/clients/acme/binder/')).toEqual([]);
    const twice = routeSidebar(
      [
        { label: 'One', link: '/a/' },
        { label: 'Group', items: [{ label: 'Again', link: '/a/' }] },
      ],
      '/a/',
    );
    expect(links(twice).map((link) => link.isCurrent)).toEqual([true, false]);
  });

  it('compares the page path as the browser sends it: a link with a space matches its encoded path', () => {
    const sidebar = routeSidebar([{ label: 'Odd', link: '/clients/a b/' }], '/clients/a%20b/');
    expect(links(sidebar)[0]?.isCurrent).toBe(true);
  });

  describe('on a site served from a sub-path (Astro `base`, docs/publishing.md)', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('links carry the base path once, and the page itself is marked', () => {
      vi.stubEnv('BASE_URL', '/binders/');
      const pathname = '/binders/clients/acme/binder/backups/';
      const all = links(routeSidebar(clientSidebar(acme, true, pathname), pathname));
      expect(all.map((link) => link.href)).toContain('/binders/clients/acme/');
      expect(
        all.every((link) => /^\/binders\/(?!binders\/)/.test(link.href)),
        all.map((l) => l.href).join(' '),
      ).toBe(true);
      expect(all.filter((link) => link.isCurrent).map((link) => link.href)).toEqual([pathname]);
    });
  });

  it('is made anew for each page: Starlight keeps facts about a sidebar object once it has seen it', () => {
    const entries = clientSidebar(acme, true);
    expect(routeSidebar(entries, '/clients/acme/')).not.toBe(routeSidebar(entries, '/clients/acme/'));
    expect(routeSidebar(entries, '/clients/acme/')[2]).not.toBe(routeSidebar(entries, '/clients/acme/')[2]);
  });
});

describe("the route data's sidebar is Starlight's own", () => {
  const starlight = (entries: SidebarEntry[], pathname: string) =>
    getSidebarFromConfig(SidebarItemSchema.array().parse(entries), pathname, undefined);
  const pages = [
    '/',
    '/clients/acme/',
    '/clients/acme',
    '/clients/acme/binder/backups/',
    '/clients/acme/checklists/',
    '/clients/acme/checklists/2026-10-onsite/',
    '/clients/acme/notes/2026-09-08-ups-battery/',
    '/clients/acme/print/',
    '/clients/other/',
  ];

  it("for a client's sidebar on the staff site and on the client's, on each kind of page", () => {
    for (const internal of [true, false])
      for (const pathname of pages) {
        const entries = clientSidebar(acme, internal, pathname);
        expect(routeSidebar(entries, pathname), `${internal ? 'staff' : 'client'} ${pathname}`).toStrictEqual(
          starlight(entries, pathname),
        );
      }
  });

  it("for the staff home's sidebar, and for a link with a space in it", () => {
    const home: SidebarEntry[] = [
      { label: 'Status', link: '/' },
      {
        label: 'Clients',
        items: [
          { label: 'Acme Dental', link: '/clients/acme/' },
          { label: 'Odd', link: '/clients/a b/' },
        ],
      },
    ];
    for (const pathname of ['/', '/clients/acme/', '/clients/a%20b/', '/clients/none/'])
      expect(routeSidebar(home, pathname), pathname).toStrictEqual(starlight(home, pathname));
  });
});
