import { describe, expect, it, vi } from 'vitest';
import { contentOf, SMALL_MSP } from '../core/fixtures.test-support.ts';
import { testSiteConfig } from './site-config.test-support.ts';
import { readCollectionViews } from './site-data.ts';
import { buildSiteModel, monitoredItems, monthLabel, newestFirst } from './site-model.ts';

/** Collection entries as Astro's glob loader gives them: a `./`-relative filePath and validated data. */
const COLLECTIONS: Record<string, { id: string; filePath: string; data: Record<string, unknown> }[]> = {
  clients: [
    { id: 'acme', filePath: './content/clients/acme/index.md', data: { name: 'Acme Dental' } },
    { id: 'globex', filePath: './content/clients/globex/index.md', data: { name: 'Globex Law' } },
  ],
  binder: [
    {
      id: 'acme/binder/zeta',
      filePath: './content/clients/acme/binder/zeta.md',
      data: { title: 'Zeta', order: 10, visibility: 'client', renewals: [] },
    },
    {
      id: 'acme/binder/alpha',
      filePath: './content/clients/acme/binder/alpha.md',
      data: { title: 'Alpha', order: 10, visibility: 'internal', renewals: [] },
    },
    {
      id: 'acme/binder/first',
      filePath: './content/clients/acme/binder/first.md',
      data: { title: 'First', order: 1, visibility: 'client', renewals: [] },
    },
  ],
  notes: [
    {
      id: 'acme/notes/2026-10-01-a',
      filePath: './content/clients/acme/notes/2026-10-01-a.md',
      data: { date: '2026-10-01', title: 'A', visibility: 'client' },
    },
    {
      id: 'acme/notes/2026-11-02-b',
      filePath: './content/clients/acme/notes/2026-11-02-b.md',
      data: { date: '2026-11-02', title: 'B', visibility: 'internal' },
    },
  ],
  checklists: [
    {
      id: 'acme/2026-10-onsite',
      filePath: './content/checklists/acme/2026-10-onsite.md',
      data: { client: 'acme', month: '2026-10', tier: 'onsite', items: [], comments: [] },
    },
    {
      id: 'globex/2026-10-onsite',
      filePath: './content/checklists/globex/2026-10-onsite.md',
      data: { client: 'globex', month: '2026-10', tier: 'onsite', items: [], comments: [] },
    },
  ],
};

vi.mock('astro:content', () => ({
  getCollection: async (name: string) => COLLECTIONS[name] ?? [],
}));

const config = (client?: string) =>
  testSiteConfig(contentOf(SMALL_MSP).msp, { client, clientName: client, now: '2026-11-24T12:00:00Z' });

async function model(client?: string) {
  const views = await readCollectionViews();
  const profiles = views.profiles.map((profile) => ({
    ...profile,
    data: contentOf(SMALL_MSP).clients.find((entry) => entry.slug === profile.slug)?.data ?? profile.data,
  }));
  return buildSiteModel({
    config: config(client),
    ...views,
    profiles,
    templates: new Map(),
    lastUpdated: new Map(),
  });
}

describe('site data', () => {
  it('turns collection entries into views by their path, keeping each entry to render', async () => {
    const views = await readCollectionViews();
    expect(views.sections.map((section) => [section.client, section.slug, section.file])).toEqual([
      ['acme', 'zeta', 'content/clients/acme/binder/zeta.md'],
      ['acme', 'alpha', 'content/clients/acme/binder/alpha.md'],
      ['acme', 'first', 'content/clients/acme/binder/first.md'],
    ]);
    expect(views.entries.get('content/checklists/globex/2026-10-onsite.md')?.id).toBe(
      'globex/2026-10-onsite',
    );
  });

  it('orders binders and notes the one way the checker does', async () => {
    const acme = (await model()).bySlug.get('acme');
    expect(acme?.binder.map((section) => section.slug)).toEqual(['first', 'alpha', 'zeta']);
    expect(acme?.notes.map((note) => note.slug)).toEqual(['2026-11-02-b', '2026-10-01-a']);
  });

  it('a client build holds only that client, only what it may see, and no grid', async () => {
    const site = await model('acme');
    expect(site.clients.map((client) => client.slug)).toEqual(['acme']);
    expect(site.bySlug.get('acme')?.binder.map((section) => section.slug)).toEqual(['first', 'zeta']);
    expect(site.bySlug.get('acme')?.notes.map((note) => note.slug)).toEqual(['2026-10-01-a']);
    expect([...site.archivesByClient.keys()]).toEqual(['acme']);
    expect(site.grid).toBeUndefined();
  });

  it('the staff build has every client and a grid of 12 months', async () => {
    const site = await model();
    expect(site.clients.map((client) => client.data.name)).toEqual(['Acme Dental', 'Globex Law']);
    expect(site.grid?.months).toHaveLength(12);
    expect(site.grid?.months.at(-1)).toBe('2026-11');
  });

  it('page helpers: monitored items in words, newest month first, short month labels', async () => {
    const site = await model();
    const acme = site.bySlug.get('acme');
    if (!acme) throw new Error('no acme');
    const moved = {
      ...acme,
      data: {
        ...acme.data,
        overrides: { ...acme.data.overrides, move: [{ id: 'ups-self-test', tier: 'automatic' as const }] },
      },
    };
    const templates = contentOf(SMALL_MSP).templates;
    expect(
      monitoredItems(
        moved,
        new Map([...templates].map(([name, entry]) => [name, entry.template])),
        undefined,
      ),
    ).toEqual([{ id: 'ups-self-test', text: 'Run the UPS self-test' }]);
    expect(newestFirst(['2026-10', '2026-11', '2026-12'])).toEqual([2, 1, 0]);
    expect(monthLabel('2026-12')).toBe('Dec 26');
  });
});
