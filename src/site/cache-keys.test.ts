import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MSP_WITH_HISTORY } from '../../test/helpers/fixture-msp.ts';
import { type SiteConfig, siteTitle, siteUrlOf } from '../config/site-config.ts';
import { renderArchivedChecklist } from '../core/archive-render.ts';
import { contentOf } from '../core/fixtures.test-support.ts';
import { renewalItemId } from '../core/renewals.ts';
import {
  archivedChecklistPathsOf,
  binderSectionPathsOf,
  clientPathsOf,
  historyPathsOf,
  keyOf,
  notesTimelinePathsOf,
  printPathsOf,
  reportPathsOf,
  reportsIndexPathsOf,
  type SitePath,
  stableJson,
  techNotePathsOf,
} from './cache-keys.ts';
import { buildSiteModel } from './site-model.ts';

/**
 * The cache keys against the pages' inputs: for each kind of change, exactly the pages that show
 * it get a new key, and no other (a key that does not change when its page does is a stale page;
 * one that changes for nothing is a page rendered for nothing). Built from the fixture MSP the
 * site tests build, parsed as `binder check` parses it; a file's digest is the hash of its text,
 * as Astro's loader records it.
 */

const BACKUPS = 'content/clients/acme-dental/binder/backups.md';
const ACME_OCT_ONSITE = 'content/checklists/acme-dental/2026-10-onsite.md';
const NOW = '2026-11-24T12:00:00Z';

interface Build {
  files: Record<string, string>;
  client?: string;
  now?: string;
  lastUpdated?: Record<string, string>;
  /** Files whose digest is unknown. */
  undigested?: string[];
}

/** Route → cache key (undefined: the page has none) of every page with `getStaticPaths`. */
function keys(build: Build): Map<string, string | undefined> {
  const content = contentOf(build.files);
  const profile = content.clients.find((client) => client.slug === build.client)?.data;
  const siteUrl = siteUrlOf(content.msp, build.client ? (profile ?? {}) : undefined);
  const config: SiteConfig = {
    root: '/repo',
    msp: content.msp,
    ...(build.client ? { client: build.client } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    title: siteTitle(content.msp, content.clients.find((client) => client.slug === build.client)?.data.name),
    outDir: 'dist',
    variant: build.client ? `client-${build.client}` : 'internal',
    cacheDir: '.cache/site/x',
    keptDir: '.cache/site/x/dist',
    now: new Date(build.now ?? NOW),
    feedKey: '',
  };
  const digests = new Map(
    Object.entries(build.files)
      .filter(([file]) => !build.undigested?.includes(file))
      .map(([file, text]) => [file, createHash('sha256').update(text).digest('hex')]),
  );
  const model = buildSiteModel({
    config,
    profiles: content.clients,
    sections: content.clients.flatMap((client) => client.binder),
    notes: content.clients.flatMap((client) => client.notes),
    archives: content.archives,
    templates: new Map([...content.templates].map(([name, entry]) => [name, entry.template])),
    lastUpdated: new Map(
      Object.entries(build.lastUpdated ?? {}).map(([file, date]) => [file, new Date(date)]),
    ),
    digests,
  });
  const routes = new Map<string, string | undefined>();
  const add = (
    paths: SitePath<Record<string, string>>[],
    route: (params: Record<string, string>) => string,
  ) => {
    for (const path of paths) routes.set(route(path.params), path.cacheKey);
  };
  add(clientPathsOf(model), (p) => `/clients/${p.client}/`);
  add(printPathsOf(model), (p) => `/clients/${p.client}/print/`);
  add(notesTimelinePathsOf(model), (p) => `/clients/${p.client}/notes/`);
  add(binderSectionPathsOf(model), (p) => `/clients/${p.client}/binder/${p.section}/`);
  add(techNotePathsOf(model), (p) => `/clients/${p.client}/notes/${p.note}/`);
  add(archivedChecklistPathsOf(model), (p) => `/clients/${p.client}/checklists/${p.checklist}/`);
  add(reportPathsOf(model), (p) => `/clients/${p.client}/reports/${p.month}/`);
  add(historyPathsOf(model), (p) => `/clients/${p.client}/checklists/`);
  add(reportsIndexPathsOf(model), (p) => `/clients/${p.client}/reports/`);
  return routes;
}

/** The routes whose key differs between two builds (added and removed routes included). */
function changed(before: Map<string, string | undefined>, after: Map<string, string | undefined>): string[] {
  const routes = new Set([...before.keys(), ...after.keys()]);
  return [...routes].filter((route) => before.get(route) !== after.get(route)).sort();
}

const edit = (file: string, from: string, to: string) => (files: Record<string, string>) => {
  const text = files[file];
  if (text === undefined || !text.includes(from)) throw new Error(`${file} has no "${from}"`);
  return { ...files, [file]: text.replace(from, to) };
};

const archive = (
  client: string,
  month: string,
  tier: 'automatic' | 'remote' | 'onsite',
  items: { id: string; text: string }[],
) => ({
  [`content/checklists/${client}/${month}-${tier}.md`]: renderArchivedChecklist({
    client,
    month,
    tier,
    template: 'monthly',
    issue: 77,
    url: 'https://github.com/northwind-it/binders/issues/77',
    state: 'completed',
    closedAt: `${month}-14T18:00:00Z`,
    closedBy: 'jane-tech',
    assignees: ['jane-tech'],
    dueDate: `${month}-13`,
    items: items.map((item) => ({ ...item, status: 'done' as const })),
    comments: [],
  }),
});

const ACME_PAGES = (routes: Iterable<string>) =>
  [...routes].filter((route) => route.startsWith('/clients/acme-dental/'));
const UNKEYED = ['/clients/acme-dental/', '/clients/globex-law/'];

describe('cache keys', () => {
  it('every page but the overviews has a key, and no two pages share one', () => {
    for (const client of [undefined, 'acme-dental']) {
      const routes = keys({ files: FIXTURE_MSP_WITH_HISTORY, ...(client ? { client } : {}) });
      const keyed = [...routes].filter(([, key]) => key !== undefined);
      expect(new Set(keyed.map(([, key]) => key)).size).toBe(keyed.length);
      expect(
        [...routes]
          .filter(([, key]) => key === undefined)
          .map(([route]) => route)
          .sort(),
      ).toEqual(client ? ['/clients/acme-dental/'] : UNKEYED);
      expect(keyed.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('the same content gives the same keys, whatever order the files come in', () => {
    const reversed = Object.fromEntries(Object.entries(FIXTURE_MSP_WITH_HISTORY).reverse());
    expect(keys({ files: reversed })).toEqual(keys({ files: FIXTURE_MSP_WITH_HISTORY }));
    expect(stableJson({ b: 1, a: [new Date(NOW), new Map([[1, 2]])] })).toBe(
      '{"a":["2026-11-24T12:00:00.000Z",[[1,2]]],"b":1}',
    );
    expect(keyOf({ a: 1, b: 2 })).toBe(keyOf({ b: 2, a: 1 }));
  });

  const base = FIXTURE_MSP_WITH_HISTORY;
  const staff = keys({ files: base });
  const acmeAll = ACME_PAGES(staff.keys())
    .filter((route) => !UNKEYED.includes(route))
    .sort();

  /** Each change, and the pages (staff site) whose keys must change: exactly those. */
  const cases: [string, Build, string[]][] = [
    [
      'an archived checklist changed: its page, its month’s report, the lists of both and the printable binder (its maintenance table)',
      { files: edit(ACME_OCT_ONSITE, 'status: not-done', 'status: done')(base) },
      [
        '/clients/acme-dental/checklists/',
        '/clients/acme-dental/checklists/2026-10-onsite/',
        '/clients/acme-dental/print/',
        '/clients/acme-dental/reports/',
        '/clients/acme-dental/reports/2026-10/',
      ],
    ],
    [
      'an archived checklist added: its page, its month’s report, the lists of both and the printable binder',
      {
        files: {
          ...base,
          ...archive('acme-dental', '2026-11', 'remote', [
            { id: 'system-log-warnings', text: 'Review the log' },
          ]),
        },
      },
      [
        '/clients/acme-dental/checklists/',
        '/clients/acme-dental/checklists/2026-11-remote/',
        '/clients/acme-dental/print/',
        '/clients/acme-dental/reports/',
        '/clients/acme-dental/reports/2026-11/',
      ],
    ],
    [
      'a binder section’s body edited: the section and the printable binder',
      { files: edit(BACKUPS, 'Nightly image', 'Hourly image')(base) },
      ['/clients/acme-dental/binder/backups/', '/clients/acme-dental/print/'],
    ],
    [
      'a section added: every page of that client (the sidebar), none of another',
      {
        files: {
          ...base,
          'content/clients/acme-dental/binder/ups.md': '---\ntitle: Power\norder: 40\n---\nThe UPS.\n',
        },
      },
      [...acmeAll, '/clients/acme-dental/binder/ups/'].sort(),
    ],
    [
      'a section retitled: every page of that client',
      { files: edit(BACKUPS, 'title: Backups', 'title: Backup and restore')(base) },
      acmeAll,
    ],
    [
      'a tech note added: the note, the timeline and the printable binder (its last 12 months of notes)',
      {
        files: {
          ...base,
          'content/clients/acme-dental/notes/2026-11-02-router.md':
            '---\ndate: 2026-11-02\nauthor: jane-tech\ntitle: Router replaced\n---\nNew router.\n',
        },
      },
      [
        '/clients/acme-dental/notes/',
        '/clients/acme-dental/notes/2026-11-02-router/',
        '/clients/acme-dental/print/',
      ],
    ],
    [
      'a file deleted: its page goes, the pages listing it change',
      {
        files: Object.fromEntries(
          Object.entries(base).filter(([file]) => !file.endsWith('2026-10-13-monthly-visit.md')),
        ),
      },
      [
        '/clients/acme-dental/notes/',
        '/clients/acme-dental/notes/2026-10-13-monthly-visit/',
        '/clients/acme-dental/print/',
      ],
    ],
    [
      'msp.yaml changed: every page',
      { files: edit('content/msp.yaml', 'name: Northwind IT', 'name: Northwind IT Services')(base) },
      [...staff]
        .filter(([, key]) => key !== undefined)
        .map(([route]) => route)
        .sort(),
    ],
    [
      'a checklist template item reworded: the reports, which give the client the template’s words',
      { files: edit('templates/checklists/monthly.md', 'Run the UPS self-test', 'Run the UPS test')(base) },
      ['/clients/acme-dental/reports/', '/clients/acme-dental/reports/2026-10/'],
    ],
    [
      'a client’s name changed: every page of that client',
      {
        files: edit(
          'content/clients/acme-dental/index.md',
          'name: Acme Dental Group',
          'name: Acme Dental',
        )(base),
      },
      acmeAll,
    ],
    [
      'a client’s profile text changed: its overview (not keyed) and the printable binder',
      { files: edit('content/clients/acme-dental/index.md', 'four operatories', 'five operatories')(base) },
      ['/clients/acme-dental/print/'],
    ],
    [
      'a client’s time zone changed: the printable binder (its profile) and the checklist whose comments staff read at the minute, in that zone',
      {
        files: edit(
          'content/clients/acme-dental/index.md',
          'timezone: America/Chicago',
          'timezone: America/Los_Angeles',
        )(base),
      },
      ['/clients/acme-dental/checklists/2026-10-onsite/', '/clients/acme-dental/print/'],
    ],
    [
      'a client’s time zone in which its checklists closed a day later: also the maintenance history (the day each closed) and the report (the visit)',
      {
        files: edit(
          'content/clients/acme-dental/index.md',
          'timezone: America/Chicago',
          'timezone: Asia/Tokyo',
        )(base),
      },
      [
        '/clients/acme-dental/checklists/',
        '/clients/acme-dental/checklists/2026-10-automatic/',
        '/clients/acme-dental/checklists/2026-10-onsite/',
        '/clients/acme-dental/checklists/2026-10-remote/',
        '/clients/acme-dental/print/',
        '/clients/acme-dental/reports/',
        '/clients/acme-dental/reports/2026-10/',
      ],
    ],
    [
      'a section’s git date changed: its page (“Last updated”)',
      { files: base, lastUpdated: { [BACKUPS]: '2026-11-01T10:00:00Z' } },
      ['/clients/acme-dental/binder/backups/'],
    ],
    [
      'another day: the printable binders (“printed on”) and the reports (“produced on”)',
      { files: base, now: '2026-11-25T09:00:00Z' },
      [
        '/clients/acme-dental/print/',
        '/clients/acme-dental/reports/2026-10/',
        '/clients/globex-law/print/',
        '/clients/globex-law/reports/2026-10/',
      ],
    ],
    ['a later hour of the same day: nothing', { files: base, now: '2026-11-24T23:00:00Z' }, []],
  ];

  it.each(cases)('%s', (_name, build, expected) => {
    expect(changed(staff, keys(build))).toEqual(expected);
  });

  it('the logo’s bytes are in the keys of the printed documents, and only theirs', () => {
    const svg = (title: string) => `<svg xmlns="http://www.w3.org/2000/svg"><title>${title}</title></svg>\n`;
    const withLogo = {
      ...edit(
        'content/msp.yaml',
        'name: Northwind IT\n',
        'name: Northwind IT\nlogo: content/logo.svg\n',
      )(base),
      'content/logo.svg': svg('one'),
    };
    const before = keys({ files: withLogo });
    const after = keys({ files: { ...withLogo, 'content/logo.svg': svg('two') } });
    expect(changed(before, after)).toEqual([
      '/clients/acme-dental/print/',
      '/clients/acme-dental/reports/2026-10/',
      '/clients/globex-law/print/',
      '/clients/globex-law/reports/2026-10/',
    ]);
    // A logo the build could not read: those pages have no key (always rendered), never a stale one.
    const unread = keys({ files: withLogo, undigested: ['content/logo.svg'] });
    expect(unread.get('/clients/acme-dental/print/')).toBeUndefined();
    expect(unread.get('/clients/acme-dental/reports/2026-10/')).toBeUndefined();
    expect(unread.get('/clients/acme-dental/binder/backups/')).toBeDefined();
  });

  it('a file whose digest is unknown gives its pages no key: they are always rendered', () => {
    const routes = keys({ files: base, undigested: [BACKUPS] });
    expect(routes.get('/clients/acme-dental/binder/backups/')).toBeUndefined();
    expect(routes.get('/clients/acme-dental/print/')).toBeUndefined();
    expect(routes.get('/clients/acme-dental/binder/overview/')).toBe(
      staff.get('/clients/acme-dental/binder/overview/'),
    );
  });

  it('a client’s site keys what the client sees: a renewal turned staff-only changes the checklists that carry it', () => {
    const renewal = renewalItemId({ section: 'backups', item: 'Offsite backup storage plan' });
    const files = {
      ...base,
      ...archive('acme-dental', '2026-12', 'onsite', [
        { id: renewal, text: 'Renew the offsite backup storage plan' },
        { id: 'ups-self-test', text: 'Run the UPS self-test and note the runtime' },
      ]),
    };
    const hidden = edit(BACKUPS, 'order: 20\n', 'order: 20\nvisibility: internal\n')(files);
    const before = keys({ files, client: 'acme-dental' });
    const after = keys({ files: hidden, client: 'acme-dental' });
    // The section leaves the client's site (its page, the sidebar of every page), and the renewal
    // item leaves the December checklist: the staff site shows the item either way.
    expect(before.get('/clients/acme-dental/binder/backups/')).toBeDefined();
    expect(after.has('/clients/acme-dental/binder/backups/')).toBe(false);
    expect(changed(before, after)).toContain('/clients/acme-dental/checklists/2026-12-onsite/');
    const staffBefore = keys({ files });
    const staffAfter = keys({ files: hidden });
    expect(staffAfter.get('/clients/acme-dental/checklists/2026-12-onsite/')).toBe(
      staffBefore.get('/clients/acme-dental/checklists/2026-12-onsite/'),
    );
  });

  it('a client’s portal (its site’s URL, in every page’s canonical link) is in every key of its site', () => {
    const before = keys({ files: base, client: 'acme-dental' });
    const after = keys({
      files: edit(
        'content/clients/acme-dental/index.md',
        'visit: second tuesday',
        'visit: second tuesday\nportal: { host: binder.acme-dental.example }',
      )(base),
      client: 'acme-dental',
    });
    const keyed = [...before].filter(([, key]) => key !== undefined).map(([route]) => route);
    expect(changed(before, after)).toEqual(keyed.sort());
  });

  it('a client’s site and the staff site never share a key', () => {
    const staffKeys = new Set(staff.values());
    for (const [, key] of keys({ files: base, client: 'acme-dental' }))
      if (key !== undefined) expect(staffKeys.has(key)).toBe(false);
  });
});
