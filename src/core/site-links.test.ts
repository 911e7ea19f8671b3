import { describe, expect, it } from 'vitest';
import { resolveContentLink } from './site-links.ts';

const FROM = 'content/clients/acme/binder/overview.md';
const internal = new Set(['content/clients/acme/binder/firewall.md']);
const staff = (href: string, from = FROM) => resolveContentLink(href, from, new Set(), {});
const client = (href: string, from = FROM) => resolveContentLink(href, from, internal, { client: 'acme' });

describe('resolveContentLink', () => {
  it('turns links between content files into the routes they become, keeping the fragment', () => {
    expect(staff('./backups.md')).toEqual({ kind: 'route', href: '/clients/acme/binder/backups/' });
    expect(staff('backups.md#restore')).toEqual({
      kind: 'route',
      href: '/clients/acme/binder/backups/#restore',
    });
    expect(staff('../notes/2026-10-13-ups.md')).toEqual({
      kind: 'route',
      href: '/clients/acme/notes/2026-10-13-ups/',
    });
    expect(staff('./binder/backups.md', 'content/clients/acme/index.md')).toEqual({
      kind: 'route',
      href: '/clients/acme/binder/backups/',
    });
    expect(staff('../../../checklists/acme/2026-10-onsite.md')).toEqual({
      kind: 'route',
      href: '/clients/acme/checklists/2026-10-onsite/',
    });
    expect(staff('../index.md')).toEqual({ kind: 'route', href: '/clients/acme/' });
    expect(staff('/content/clients/acme/binder/backups.md')).toEqual({
      kind: 'route',
      href: '/clients/acme/binder/backups/',
    });
    expect(resolveContentLink('./backups.md', FROM, new Set(), { base: '/binders/' })).toEqual({
      kind: 'route',
      href: '/binders/clients/acme/binder/backups/',
    });
  });

  it('leaves URLs, anchors, site routes and non-content files alone', () => {
    for (const href of [
      'https://x.example/a.md',
      'mailto:a@b.example',
      '#top',
      '//cdn.example/x',
      './diagram.png',
      '/clients/acme/',
    ])
      expect(staff(href)).toEqual({ kind: 'unchanged' });
  });

  it("on a client's site, links to its internal pages and to other clients become text", () => {
    expect(client('./firewall.md')).toEqual({ kind: 'text' });
    expect(client('../../globex/binder/network.md')).toEqual({ kind: 'text' });
    expect(client('./backups.md')).toEqual({ kind: 'route', href: '/clients/acme/binder/backups/' });
    expect(staff('./firewall.md')).toEqual({ kind: 'route', href: '/clients/acme/binder/firewall/' });
  });
});
