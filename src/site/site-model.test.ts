import { describe, expect, it } from 'vitest';
import { renderArchivedChecklist } from '../core/archive-render.ts';
import { contentOf, SMALL_MSP } from '../core/fixtures.test-support.ts';
import type { ArchivedChecklist } from '../schemas/index.ts';
import { testSiteConfig } from './site-config.test-support.ts';
import {
  archivedChecklistPage,
  buildSiteModel,
  checklistForAudience,
  clientItemTextsOf,
  cssString,
  longDate,
  type MaintenanceSummaryRow,
  maintenanceCell,
  maintenanceReport,
  movedToNextMonth,
  printableLinks,
  printedBinder,
  reportMonths,
  staffLabel,
  unbreakableHosts,
  visitRuleInWords,
} from './site-model.ts';

const archive = (data: Partial<ArchivedChecklist> & Pick<ArchivedChecklist, 'month' | 'tier' | 'items'>) =>
  renderArchivedChecklist({
    client: 'acme',
    template: 'monthly',
    issue: 7,
    url: 'https://github.com/test-msp/binders/issues/7',
    state: 'completed',
    closedAt: `${data.month}-14T03:00:00Z`,
    closedBy: 'jane-tech',
    assignees: ['jane-tech'],
    comments: [],
    ...data,
  });

const FILES: Record<string, string> = {
  ...SMALL_MSP,
  'templates/checklists/monthly.md': `${SMALL_MSP['templates/checklists/monthly.md']}- Test-restore a sample of files {#test-restore onsite}\n`,
  'content/msp.yaml': `${SMALL_MSP['content/msp.yaml']}staff:\n  jane-tech: Jane Okafor\n`,
  'content/clients/acme/index.md':
    '---\nname: Acme Dental\ntimezone: America/Chicago\nvisit: day 22\naddress: "1 Main St"\nportal: { host: acme.portal.example }\n---\nAcme.\n',
  'content/clients/acme/binder/network.md': [
    '---',
    'title: Network',
    'order: 1',
    'renewals:',
    '  - { item: "Microsoft 365 Business Standard, 12 seats", date: 2027-03-01, kind: licence }',
    '  - { item: acme-dental.example, date: 2026-12-15, kind: domain, owner: client }',
    '  - { item: Wildcard certificate, date: 2026-10-20, kind: certificate, autoRenew: true }',
    '---',
    'The network.',
    '',
  ].join('\n'),
  'content/clients/acme/binder/firewall.md':
    '---\ntitle: Firewall\norder: 2\nvisibility: internal\nrenewals:\n  - { item: Firewall security licence, date: 2026-11-30, kind: licence }\n---\nRules.\n',
  'content/clients/acme/notes/2025-10-01-old.md':
    '---\ndate: 2025-10-01\nauthor: jane-tech\ntitle: Old\n---\nOld.\n',
  'content/clients/acme/notes/2026-10-01-new.md':
    '---\ndate: 2026-10-01\nauthor: jane-tech\ntitle: New\n---\nNew.\n',
  'content/clients/acme/notes/2026-10-02-staff.md':
    '---\ndate: 2026-10-02\nauthor: jane-tech\ntitle: Staff\nvisibility: internal\n---\nStaff.\n',
  'content/checklists/acme/2026-09-onsite.md': archive({
    month: '2026-09',
    tier: 'onsite',
    state: 'incomplete',
    items: [
      { id: 'ups-self-test', text: 'Run the UPS self-test', status: 'not-done', note: 'No key' },
      { id: 'checkin-contact', text: 'Client check-in', status: 'done' },
    ],
  }),
  'content/checklists/acme/2026-09-remote.md': archive({
    month: '2026-09',
    tier: 'remote',
    state: 'skipped',
    items: [{ id: 'system-log-warnings', text: 'Review the system log', status: 'not-done' }],
  }),
  'content/checklists/acme/2026-10-onsite.md': archive({
    month: '2026-10',
    tier: 'onsite',
    state: 'incomplete',
    dueDate: '2026-10-22',
    items: [
      { id: 'ups-self-test', text: 'Run the UPS self-test', status: 'done' },
      { id: 'checkin-contact', text: 'Client check-in', status: 'not-done', note: 'Tom was out; staff only' },
      {
        id: 'test-restore',
        text: 'Test-restore a sample of files',
        status: 'not-done',
        note: 'the backup drive was at the bank.',
        noteVisibility: 'client',
      },
    ],
    comments: [
      {
        author: 'jane-tech',
        at: '2026-10-22T20:00:00Z',
        visibility: 'internal',
        body: 'Closet key behind the fax.',
      },
      {
        author: 'jane-tech',
        at: '2026-10-22T21:00:00Z',
        visibility: 'client',
        body: 'For the client: the backup drive was at the bank.',
      },
    ],
  }),
  'content/checklists/acme/2026-10-remote.md': archive({
    month: '2026-10',
    tier: 'remote',
    closedBy: 'helpdesk-amy',
    assignees: ['helpdesk-amy'],
    items: [{ id: 'system-log-warnings', text: 'Review the system log', status: 'done' }],
  }),
  'content/checklists/acme/2026-10-automatic.md': archive({
    month: '2026-10',
    tier: 'automatic',
    closedBy: 'noc',
    assignees: [],
    items: [{ id: 'rmm-alert-disk-space', text: 'Confirm disk-space alerting works', status: 'done' }],
  }),
  // November, the month under way: the remote checklist is closed, with two renewals done.
  'content/checklists/acme/2026-11-remote.md': archive({
    month: '2026-11',
    tier: 'remote',
    closedBy: 'helpdesk-amy',
    assignees: ['helpdesk-amy'],
    items: [
      { id: 'system-log-warnings', text: 'Review the system log', status: 'done' },
      {
        id: 'renew-network-acme-dental-example',
        text: 'Renew: acme-dental.example (domain, expires 2026-12-15)',
        status: 'done',
      },
      {
        id: 'renew-firewall-firewall-security-licence',
        text: 'Renew: Firewall security licence (licence, expires 2026-11-30)',
        status: 'done',
      },
    ],
  }),
};

function model(client?: string, files = FILES) {
  const content = contentOf(files);
  const config = testSiteConfig(content.msp, {
    client,
    clientName: client ? content.clients.find((entry) => entry.slug === client)?.data.name : undefined,
    now: '2026-11-24T12:00:00Z',
  });
  const visible = (entry: { data: { visibility: string } }) => !client || entry.data.visibility === 'client';
  return buildSiteModel({
    config,
    profiles: content.clients,
    sections: content.clients.flatMap((entry) => entry.binder).filter(visible),
    notes: content.clients.flatMap((entry) => entry.notes).filter(visible),
    archives: content.archives,
    templates: new Map([...content.templates].map(([name, entry]) => [name, entry.template])),
    lastUpdated: new Map(),
  });
}

describe('the monthly report', () => {
  const report = maintenanceReport(model('acme'), 'acme', '2026-10');

  it('has a report for each month with a checklist, newest first, and none for other months', () => {
    expect(reportMonths(model('acme'), 'acme')).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(maintenanceReport(model('acme'), 'acme', '2026-08')).toBeUndefined();
  });

  it('per tier: done, not done with the reason only where it was written for the client, caught up', () => {
    const onsite = report?.tiers.find((tier) => tier.tier === 'onsite');
    expect(onsite?.done).toEqual([
      { id: 'ups-self-test', text: 'Run the UPS self-test', caughtUpFrom: 'September 2026' },
    ]);
    expect(onsite?.notDone).toEqual([
      { id: 'checkin-contact', text: 'Client check-in with the office manager' },
      {
        id: 'test-restore',
        text: 'Test-restore a sample of files',
        reason: 'The backup drive was at the bank.',
      },
    ]);
    expect(JSON.stringify(report)).not.toContain('staff only');
    expect(JSON.stringify(report)).not.toContain('Closet key');
  });

  it('a month after one that did not take place says so once, not on every task', () => {
    const remote = report?.tiers.find((tier) => tier.tier === 'remote');
    expect(remote?.previousSkipped).toBe('September 2026');
    expect(remote?.done[0]?.caughtUpFrom).toBeUndefined();
  });

  it('the visit, the people by name, what moves to next month, the client notes without their label', () => {
    // Closed at 03:00 UTC on the 14th: the 13th in Chicago.
    expect(report?.visit).toEqual({
      date: '2026-10-13',
      scheduledFor: '2026-10-22',
      people: ['Jane Okafor'],
    });
    expect(report?.people).toEqual(['noc', 'helpdesk-amy', 'Jane Okafor']);
    expect(report?.carriedOver.map((item) => item.text)).toEqual([
      'Client check-in with the office manager',
      'Test-restore a sample of files',
    ]);
    expect(report?.nextMonthName).toBe('November 2026');
    // The label goes, and the sentence still starts with a capital.
    expect(report?.notes).toEqual([
      { author: 'Jane Okafor', date: '2026-10-22', body: 'The backup drive was at the bank.' },
    ]);
    expect(report?.totals).toEqual({ done: 3, notDone: 2, notApplicable: 0 });
    expect(report?.unrecorded).toEqual([]);
  });

  it('a tier that was planned but has no archive is said, open or not recorded, and the month is not complete', () => {
    // September: the monitoring checklist was planned and never archived.
    const september = maintenanceReport(model('acme'), 'acme', '2026-09');
    expect(september?.unrecorded.map((tier) => [tier.tier, tier.open])).toEqual([['automatic', false]]);
    expect(september?.complete).toBe(false);
    // November is under way: the visit and the monitoring are still open.
    const november = maintenanceReport(model('acme'), 'acme', '2026-11');
    expect(november?.unrecorded.map((tier) => [tier.tier, tier.open])).toEqual([
      ['automatic', true],
      ['onsite', true],
    ]);
    expect(november?.complete).toBe(false);
    expect(report?.complete).toBe(true);
  });

  it('lists the renewals done that month that the client may see; the staff copy marks the others', () => {
    const done = (client?: string) =>
      maintenanceReport(model(client), 'acme', '2026-11')
        ?.tiers.find((tier) => tier.tier === 'remote')
        ?.done.map((item) => [item.text, item.staffOnly ?? false]);
    // The client's lines in the MSP's words (the template's, the binder's), on either copy; the
    // staff copy adds the staff-only renewal, marked.
    expect(done('acme')).toEqual([
      ['Review the system log for warnings', false],
      ['Renew: acme-dental.example (domain)', false],
    ]);
    expect(done()).toEqual([
      ['Review the system log for warnings', false],
      ['Renew: acme-dental.example (domain)', false],
      ['Renew: Firewall security licence (licence)', true],
    ]);
    // The counts are the client's, on either copy.
    expect(maintenanceReport(model(), 'acme', '2026-11')?.totals.done).toBe(2);
  });

  it('lists the renewals due from the month to 90 days after it, soonest first, only ones the build shows', () => {
    expect(report?.renewals).toEqual([
      // Its date passed before the report was produced (24 November): expired, not coming up.
      {
        what: 'Wildcard certificate',
        due: '2026-10-20',
        expired: true,
        action: 'Its date has passed: it renews automatically, and we are checking that it did.',
      },
      {
        what: 'acme-dental.example',
        due: '2026-12-15',
        expired: false,
        action: 'Yours to renew: please tell us if anything should change.',
      },
    ]);
    // The internal section's licence is the staff build's only, marked.
    expect(
      maintenanceReport(model(), 'acme', '2026-10')?.renewals.map((renewal) => [
        renewal.what,
        renewal.staffOnly ?? false,
      ]),
    ).toEqual([
      ['Wildcard certificate', false],
      ['Firewall security licence', true],
      ['acme-dental.example', false],
    ]);
    // September's report looks ahead to 29 December: the certificate and the domain, not March's licence.
    expect(
      maintenanceReport(model('acme'), 'acme', '2026-09')?.renewals.map((renewal) => renewal.what),
    ).toEqual(['Wildcard certificate', 'acme-dental.example']);
  });
});

describe("an archived checklist's page: the client reads a note as the report gives it, staff as it was typed", () => {
  const page = (client?: string) => {
    const built = model(client);
    const entry = built.bySlug.get('acme');
    const october = built.archivesByClient
      .get('acme')
      ?.find((archive) => archive.data.month === '2026-10' && archive.data.tier === 'onsite');
    if (!entry || !october) throw new Error('no acme 2026-10 onsite');
    return archivedChecklistPage(built, entry, october.data);
  };

  it("the client's site: the report's note (name, the day in the client's words, no label), closed in Chicago", () => {
    const shown = page('acme');
    expect(shown.comments).toEqual([
      {
        author: 'Jane Okafor',
        when: '22 October 2026',
        body: 'The backup drive was at the bank.',
        forClient: true,
      },
    ]);
    // The same note, in the same words, as the month's report.
    const report = maintenanceReport(model('acme'), 'acme', '2026-10');
    expect(shown.comments.map((comment) => [comment.author, comment.body])).toEqual(
      report?.notes.map((note) => [note.author, note.body]),
    );
    // Closed at 03:00 UTC on the 14th: the 13th in Chicago.
    expect(shown.closed).toEqual({ on: '13 October 2026', by: 'Jane Okafor' });
    expect(shown.due).toBe('22 October 2026');
    // An item's note drawn from that comment reads as the report's reason does.
    expect(shown.checklist.items.find((item) => item.id === 'test-restore')?.note).toBe(
      report?.tiers.find((tier) => tier.tier === 'onsite')?.notDone.find((item) => item.id === 'test-restore')
        ?.reason,
    );
    expect(shown.checklist.items.find((item) => item.id === 'test-restore')?.note).toBe(
      'The backup drive was at the bank.',
    );
    const { closed, due, comments } = shown;
    expect(JSON.stringify({ closed, due, comments })).not.toMatch(/jane-tech|UTC|For the client|Closet key/);
  });

  it('the staff site: every comment as typed, by login, at the minute in the client’s time zone', () => {
    const shown = page();
    expect(shown.comments).toEqual([
      {
        author: '@jane-tech',
        when: '2026-10-22 15:00 CDT',
        body: 'Closet key behind the fax.',
        forClient: false,
      },
      {
        author: '@jane-tech',
        when: '2026-10-22 16:00 CDT',
        body: 'For the client: the backup drive was at the bank.',
        forClient: true,
      },
    ]);
    expect(shown.closed).toEqual({ on: '2026-10-13', by: '@jane-tech' });
    expect(shown.due).toBe('2026-10-22');
  });

  it('is made once per site and checklist (its cache key and its page share it), each site its own', () => {
    const staff = model();
    const client = model('acme');
    const october = staff.archivesByClient
      .get('acme')
      ?.find((archive) => archive.data.month === '2026-10' && archive.data.tier === 'onsite');
    const staffEntry = staff.bySlug.get('acme');
    const clientEntry = client.bySlug.get('acme');
    if (!october || !staffEntry || !clientEntry) throw new Error('no acme 2026-10 onsite');
    const first = archivedChecklistPage(staff, staffEntry, october.data);
    expect(archivedChecklistPage(staff, staffEntry, october.data)).toBe(first);
    // The same checklist read by the client's site is the client's page, not the staff page made first.
    const forClient = archivedChecklistPage(client, clientEntry, october.data);
    expect(forClient).not.toBe(first);
    expect(forClient.closed).toEqual({ on: '13 October 2026', by: 'Jane Okafor' });
    expect(first.closed).toEqual({ on: '2026-10-13', by: '@jane-tech' });
    // The page asks last and the build lets go of it: asked again, it is made again, the same.
    expect(archivedChecklistPage(staff, staffEntry, october.data, { last: true })).toBe(first);
    const again = archivedChecklistPage(staff, staffEntry, october.data);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // Remembered by checklist alone, so a checklist is only ever its own client's.
    const other = staff.clients.find((entry) => entry.slug !== 'acme');
    if (!other) throw new Error('the fixture has a second client');
    expect(() => archivedChecklistPage(staff, other, october.data)).toThrow(/acme's checklist/);
  });

  it('a staff member is a login on the staff site, a name on the client’s (the login where msp.yaml has none)', () => {
    expect(staffLabel(model(), 'jane-tech')).toBe('@jane-tech');
    expect(staffLabel(model('acme'), 'jane-tech')).toBe('Jane Okafor');
    expect(staffLabel(model('acme'), 'helpdesk-amy')).toBe('helpdesk-amy');
  });
});

describe("the client's view of an item: the MSP's words, never what was typed into the issue", () => {
  // A technician reworded a template item, added one of their own, and the issue held renewals
  // of a client-visible and of a staff-only section, and an item the template no longer has.
  const files = {
    ...FILES,
    'content/checklists/acme/2026-11-onsite.md': archive({
      month: '2026-11',
      tier: 'onsite',
      items: [
        {
          id: 'ups-self-test',
          text: "Run the UPS self-test (closet key is under the plant pot; Dr Lee's home PC also on our RMM, don't bill)",
          status: 'done',
        },
        {
          id: 'added-re-imaged-reception-pc-after-malware',
          text: "Re-imaged reception PC after malware from the owner's son's USB stick",
          status: 'done',
        },
        {
          id: 'renew-network-acme-dental-example',
          text: 'Renew: acme-dental.example (domain, expires 2026-12-15, 23 days after the due date) (the client renews it: remind them)',
          status: 'done',
        },
        {
          id: 'renew-firewall-firewall-security-licence',
          text: 'Renew: Firewall security licence (licence, expires 2026-11-30)',
          status: 'done',
        },
        { id: 'checkin-contact', text: 'Client check-in; Tom wants a discount', status: 'not-done' },
      ],
    }),
  };
  const typed = ['plant pot', 'USB stick', 'remind them', 'Firewall security licence', 'discount'];
  const shown = [
    'Run the UPS self-test',
    'Renew: acme-dental.example (domain)',
    'Client check-in with the office manager',
  ];

  it("the client's site: template items in the template's words, renewals as the binder writes them, nothing else", () => {
    const clientModel = model('acme', files);
    const november = clientModel.archivesByClient
      .get('acme')
      ?.find((entry) => entry.data.month === '2026-11' && entry.data.tier === 'onsite');
    expect(november?.data.items.map((item) => [item.id, item.text])).toEqual([
      ['ups-self-test', 'Run the UPS self-test'],
      ['renew-network-acme-dental-example', 'Renew: acme-dental.example (domain)'],
      ['checkin-contact', 'Client check-in with the office manager'],
    ]);
    // The page asks again with the same words: the same view.
    const page = checklistForAudience(
      november?.data ?? ({} as ArchivedChecklist),
      'client',
      clientItemTextsOf(clientModel, 'acme'),
    );
    expect(page).toEqual(november?.data);
  });

  it('the monthly report and the printed binder, from either build, say the same', () => {
    for (const built of [model('acme', files), model(undefined, files)]) {
      const report = maintenanceReport(built, 'acme', '2026-11');
      const items = JSON.stringify(report?.tiers);
      // The staff copy adds the staff-only renewal, in the binder's words and marked (above).
      const staffOnly = built.config.client ? [] : ['Firewall security licence'];
      for (const text of typed.filter((text) => !staffOnly.includes(text))) expect(items).not.toContain(text);
      for (const text of shown) expect(items).toContain(text);
      expect(JSON.stringify(report?.carriedOver)).not.toContain('discount');
    }
    const binder = printedBinder(model('acme', files), 'acme');
    expect(binder?.maintenance[0]).toMatchObject({
      month: '2026-11',
      tiers: { onsite: { done: 2, applicable: 3 } },
    });
  });

  it('staff keep what was typed', () => {
    const staff = model(undefined, files)
      .archivesByClient.get('acme')
      ?.find((entry) => entry.data.month === '2026-11' && entry.data.tier === 'onsite');
    expect(staff?.data.items.map((item) => item.text).join('\n')).toContain('plant pot');
    expect(staff?.data.items).toHaveLength(5);
  });
});

describe('the printed binder', () => {
  it('a client build: client-visible sections and notes of the last 12 months, and the profile', () => {
    const binder = printedBinder(model('acme'), 'acme');
    // A section's renewals are printed with it.
    expect(
      binder?.sections[0]?.renewals.map((renewal) => [renewal.item, renewal.date, renewal.owner]),
    ).toEqual([
      ['Wildcard certificate', '2026-10-20', 'msp'],
      ['acme-dental.example', '2026-12-15', 'client'],
      ['Microsoft 365 Business Standard, 12 seats', '2027-03-01', 'msp'],
    ]);
    expect(binder?.audience).toBe('client');
    expect(binder?.sections.map((section) => section.title)).toEqual(['Network']);
    expect(binder?.notes.map((note) => note.title)).toEqual(['New']);
    expect(binder?.notes[0]?.author).toBe('Jane Okafor');
    expect(binder?.profile).toMatchObject({
      address: '1 Main St',
      visit: 'the 22nd of each month',
      portalUrl: 'https://acme.portal.example/',
    });
    expect(binder?.contents.map((part) => part.title)).toEqual([
      'Acme Dental at a glance',
      'Network',
      'Tech notes, last 12 months',
      'Maintenance, last 12 months',
    ]);
    // A tier planned and not archived is told apart from one that was not planned.
    expect(binder?.maintenance.map((row) => [row.month, row.unrecorded])).toEqual([
      ['2026-11', { tiers: ['automatic', 'onsite'], open: true }],
      ['2026-10', { tiers: [], open: false }],
      ['2026-09', { tiers: ['automatic'], open: false }],
    ]);
    expect(binder?.maintenance.map((row) => [row.month, row.tiers.onsite, row.visit, row.notDone])).toEqual([
      ['2026-11', undefined, undefined, 0],
      ['2026-10', { done: 1, applicable: 3, state: 'incomplete' }, '2026-10-13', 2],
      ['2026-09', { done: 1, applicable: 2, state: 'incomplete' }, '2026-09-13', 2],
    ]);
  });

  it("a month's cells: a part not recorded is open in the month under way, not recorded after it", () => {
    const row = (month: string, open: boolean, notDone: number): MaintenanceSummaryRow => ({
      month,
      label: month,
      tiers: {
        remote: { done: 3, applicable: 4, state: 'incomplete' },
        automatic: { done: 1, applicable: 1, state: 'skipped' },
      },
      unrecorded: { tiers: ['onsite'], open },
      notDone,
    });
    const cells = (summary: MaintenanceSummaryRow) => [
      ...(['onsite', 'remote', 'automatic'] as const).map((tier) => maintenanceCell(summary, tier)),
      movedToNextMonth(summary),
    ];
    // The month under way: its onsite part is still to come, and so may be tasks moved on.
    expect(cells(row('2026-11', true, 0))).toEqual(['open', '3 of 4', 'skipped', 'none so far']);
    // A past month whose onsite part was never recorded: nothing moved on that anyone recorded.
    expect(cells(row('2026-09', false, 0))).toEqual(['not recorded', '3 of 4', 'skipped', 'none recorded']);
    expect(cells(row('2026-09', false, 2))).toEqual(['not recorded', '3 of 4', 'skipped', '2']);
    const whole: MaintenanceSummaryRow = {
      ...row('2026-08', false, 0),
      unrecorded: { tiers: [], open: false },
    };
    // A part not planned that month, a reopened checklist, a month wholly recorded.
    expect(
      cells({ ...whole, tiers: { ...whole.tiers, remote: { done: 2, applicable: 4, state: 'reopened' } } }),
    ).toEqual(['–', '2 of 4 (open)', 'skipped', 'none']);
  });

  it('the staff build: internal sections and notes too, marked', () => {
    const binder = printedBinder(model(), 'acme');
    expect(binder?.audience).toBe('staff');
    expect(binder?.sections.map((section) => [section.title, section.internal])).toEqual([
      ['Network', false],
      ['Firewall', true],
    ]);
    expect(binder?.contents.filter((part) => part.internal).map((part) => part.title)).toEqual([
      'Firewall',
      'Staff-only tech notes',
    ]);
  });
});

describe('document helpers', () => {
  it('visit rules, dates, CSS strings', () => {
    expect(visitRuleInWords('second tuesday')).toBe('the second Tuesday of each month');
    expect(visitRuleInWords('2nd friday')).toBe('the second Friday of each month');
    expect(visitRuleInWords('last friday')).toBe('the last Friday of each month');
    expect(['day 1', 'day 2', 'day 3', 'day 11', 'day 12', 'day 21', 'day 31'].map(visitRuleInWords)).toEqual(
      [
        'the 1st of each month',
        'the 2nd of each month',
        'the 3rd of each month',
        'the 11th of each month',
        'the 12th of each month',
        'the 21st of each month',
        'the 31st of each month',
      ],
    );
    expect(longDate('2026-10-13')).toBe('Tuesday, 13 October 2026');
    expect(longDate('2026-10-13', false)).toBe('13 October 2026');
    expect(cssString('Ames & "Sons" </style>')).toBe('"Ames & \\22 Sons\\22  \\3c /style\\3e "');
  });

  it('host names in a printed document never break at their hyphen; attributes and other words stay', () => {
    expect(
      unbreakableHosts(
        '<td>HD-FRONT1</td><td><a href="/x-Y/" title="HD-SRV01">HD-SRV01 and CL-T05</a> x-ray</td>',
      ),
    ).toBe(
      '<td><span class="nowrap">HD-FRONT1</span></td><td><a href="/x-Y/" title="HD-SRV01"><span class="nowrap">HD-SRV01</span> and <span class="nowrap">CL-T05</span></a> x-ray</td>',
    );
  });

  it('links in a printed document jump within it, point at the portal, or lose their target', () => {
    const html = [
      '<a href="/clients/acme/binder/network/">network</a>',
      '<a href="/clients/acme/binder/firewall/#rules">firewall</a>',
      '<a href="/clients/acme/notes/2026-10-01-new/">note</a>',
      '<a class="x" href="/clients/acme/checklists/">history</a>',
      '<a href="https://vendor.example/">vendor</a>',
      '<a href="#top">top</a>',
    ].join('');
    const options = {
      client: 'acme',
      base: '/',
      sections: new Set(['network']),
      notes: new Set(['2026-10-01-new']),
    };
    expect(printableLinks(html, { ...options, portalUrl: 'https://acme.portal.example/' })).toBe(
      [
        '<a href="#section-network">network</a>',
        '<a href="https://acme.portal.example/clients/acme/binder/firewall/#rules">firewall</a>',
        '<a href="#note-2026-10-01-new">note</a>',
        '<a class="x" href="https://acme.portal.example/clients/acme/checklists/">history</a>',
        '<a href="https://vendor.example/">vendor</a>',
        '<a href="#top">top</a>',
      ].join(''),
    );
    expect(printableLinks(html, options)).toContain(
      '<a>firewall</a><a href="#note-2026-10-01-new">note</a><a class="x">history</a>',
    );
  });
});
