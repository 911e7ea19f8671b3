import { describe, expect, it } from 'vitest';
import { clientSidebar } from './links.ts';

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
