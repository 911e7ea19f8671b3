import nodeIcal, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { renderArchivedChecklist } from '../core/archive-render.ts';
import { contentOf, SMALL_MSP } from '../core/fixtures.test-support.ts';
import { visitsCalendar } from './calendars.ts';
import { testSiteConfig } from './site-config.test-support.ts';
import { buildSiteModel, calendarInput } from './site-model.ts';

/** The feeds built in process from a small MSP, read back with a calendar parser (node-ical). */
const STAFF_HOST = 'docs.test-msp.example';

const FILES: Record<string, string> = {
  ...SMALL_MSP,
  'content/clients/acme/index.md':
    '---\nname: Acme Dental\ntimezone: America/Chicago\nvisit: second tuesday\naddress: "1 Main St"\nportal: { host: acme.portal.example }\n---\nAcme.\n',
  'content/clients/acme/binder/network.md': [
    '---',
    'title: Network',
    'renewals:',
    '  - { item: acme-dental.example domain, date: 2027-01-20, kind: domain }',
    '---',
    'The network.',
    '',
  ].join('\n'),
  'content/clients/acme/binder/firewall.md':
    '---\ntitle: Firewall\nvisibility: internal\nrenewals:\n  - { item: Firewall licence, date: 2027-02-01, kind: licence }\n---\nRules.\n',
  'content/clients/globex/index.md':
    '---\nname: Globex Law\ntimezone: America/New_York\nvisit: last friday\n---\nGlobex.\n',
  'content/checklists/acme/2026-12-automatic.md': renderArchivedChecklist({
    client: 'acme',
    month: '2026-12',
    tier: 'automatic',
    template: 'monthly',
    issue: 41,
    url: 'https://github.com/test-msp/binders/issues/41',
    state: 'completed',
    closedAt: '2026-12-02T15:00:00Z',
    closedBy: 'noc',
    assignees: [],
    items: [{ id: 'rmm-alert-disk-space', text: 'Confirm disk-space alerting works', status: 'done' }],
    comments: [],
  }),
};

function feed(client?: string, lastUpdated = new Map<string, Date>()): { text: string; events: VEvent[] } {
  const content = contentOf(FILES);
  const visible = (entry: { client: string; data: { visibility: string } }) =>
    !client || (entry.client === client && entry.data.visibility === 'client');
  const model = buildSiteModel({
    config: testSiteConfig(content.msp, {
      client,
      clientName: content.clients.find((entry) => entry.slug === client)?.data.name,
      clientProfile: content.clients.find((entry) => entry.slug === client)?.data,
      now: '2026-12-05T12:00:00Z',
    }),
    profiles: content.clients,
    sections: content.clients.flatMap((entry) => entry.binder).filter(visible),
    notes: [],
    archives: content.archives,
    templates: new Map([...content.templates].map(([name, entry]) => [name, entry.template])),
    lastUpdated,
  });
  const text = visitsCalendar(calendarInput(model));
  const events = Object.values(nodeIcal.sync.parseICS(text)).filter(
    (entry): entry is VEvent => entry?.type === 'VEVENT',
  );
  return { text, events };
}

describe('a client’s feed', () => {
  it('uses the client’s portal for its address, its links and its UIDs: nothing of the staff site', () => {
    const { text, events } = feed('acme');
    expect(text).not.toContain(STAFF_HOST);
    expect(text).toMatch(/^URL:https:\/\/acme\.portal\.example\/\r?$/m);
    const december = events.find((event) => event.uid === 'visit-acme-2026-12@acme.portal.example');
    expect(String(december?.description)).toContain('Binder: https://acme.portal.example/');
    const renewal = events.find((event) => String(event.summary).startsWith('Expires: acme-dental.example'));
    expect(String(renewal?.uid)).toMatch(/@acme\.portal\.example$/);
    expect(String(renewal?.description)).toContain(
      'Binder: https://acme.portal.example/clients/acme/binder/network/',
    );
    expect(events.some((event) => String(event.summary).includes('Firewall licence'))).toBe(false);
  });

  it('without a portal it has no address and no links, and its UIDs name no host of the MSP', () => {
    const { text, events } = feed('globex');
    expect(text).not.toContain(STAFF_HOST);
    expect(text).not.toMatch(/^URL:/m);
    expect(text).not.toContain('Binder:');
    expect(events[0]?.uid).toBe('visit-globex-2026-12@globex.invalid');
  });
});

describe('the staff feed', () => {
  it('keeps its UIDs and links on the staff site', () => {
    const { events } = feed();
    const december = events.find((event) => event.uid === `visit-acme-2026-12@${STAFF_HOST}`);
    expect(String(december?.description)).toContain(`Binder: https://${STAFF_HOST}/clients/acme/`);
  });

  it('links a checklist issue only where one exists: archived, or planned for the month under way', () => {
    const { events } = feed();
    const description = (uid: string) =>
      String(events.find((event) => event.uid === `${uid}@${STAFF_HOST}`)?.description);
    // December: the automatic checklist is archived; remote and onsite were planned and are open.
    expect(description('visit-acme-2026-12')).toContain(
      'automatic: https://github.com/test-msp/binders/issues/41',
    );
    expect(description('visit-acme-2026-12')).toMatch(
      /remote: https:\/\/github\.com\/test-msp\/binders\/issues\?q=/,
    );
    // January has no issue yet: no links at all.
    expect(description('visit-acme-2027-01')).not.toContain('github.com');
    expect(description('visit-acme-2027-01')).not.toContain('Checklist issues');
  });

  it('a renewal’s SEQUENCE rises with the last commit to its section, and stays put otherwise', () => {
    const uid = (events: VEvent[]) =>
      events.find((event) => String(event.summary).startsWith('Expires: Firewall licence'));
    const file = 'content/clients/acme/binder/firewall.md';
    const before = uid(feed(undefined, new Map([[file, new Date('2026-11-01T10:00:00Z')]])).events);
    const again = uid(feed(undefined, new Map([[file, new Date('2026-11-01T10:00:00Z')]])).events);
    const after = uid(feed(undefined, new Map([[file, new Date('2026-12-03T09:00:00Z')]])).events);
    expect(before?.uid).toBe(after?.uid);
    expect(again?.sequence).toBe(before?.sequence);
    expect(Number(after?.sequence)).toBeGreaterThan(Number(before?.sequence));
  });
});
