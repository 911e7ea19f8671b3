import { describe, expect, it } from 'vitest';
import type { ArchivedChecklist, ChecklistTemplate, ClientProfile } from '../schemas/index.ts';
import { buildItemHistory, describeItemHistory } from './item-history.ts';
import { buildStatusGrid, describeCell } from './status-grid.ts';

const template: ChecklistTemplate = {
  name: 'monthly',
  title: 'Monthly',
  items: [
    {
      id: 'rmm',
      text: 'RMM alerting',
      tier: 'automatic',
      frequency: 'monthly',
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      tags: [],
      section: 'A',
    },
    {
      id: 'ups',
      text: 'UPS test',
      tier: 'onsite',
      frequency: 'monthly',
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      tags: [],
      section: 'B',
    },
    {
      id: 'restore',
      text: 'Test restore',
      tier: 'remote',
      frequency: 'quarterly',
      months: [1, 4, 7, 10],
      tags: [],
      section: 'C',
    },
  ],
};
const profile: ClientProfile = {
  name: 'Acme',
  status: 'active',
  timezone: 'America/New_York',
  tags: [],
  templates: ['monthly'],
  visit: 'second tuesday',
  assignees: {},
  contacts: [],
  overrides: { skip: [], add: [], move: [] },
};
const archive = (
  month: string,
  tier: ArchivedChecklist['tier'],
  statuses: ArchivedChecklist['items'][number]['status'][],
  state: ArchivedChecklist['state'] = 'completed',
): ArchivedChecklist => ({
  client: 'acme',
  month,
  tier,
  template: 'monthly',
  issue: Number(month.replace('-', '')) % 1000,
  comments: [],
  url: 'https://github.com/x/y/issues/1',
  state,
  closedAt: `${month}-10T18:00:00Z`,
  closedBy: 'jane-tech',
  assignees: [],
  items: statuses.map((status, index) => ({
    id: tier === 'onsite' ? 'ups' : index === 0 ? 'rmm' : 'restore',
    text: 'x',
    status,
  })),
});

describe('buildStatusGrid', () => {
  const archives = [
    archive('2026-08', 'automatic', ['done']),
    archive('2026-08', 'onsite', ['not-done'], 'incomplete'),
    archive('2026-09', 'onsite', ['done'], 'skipped'),
    archive('2026-10', 'onsite', ['done']),
    archive('2026-10', 'remote', ['not-applicable']),
  ];
  const grid = (now: string, data: ClientProfile = profile, mspTimeZone = 'UTC') =>
    buildStatusGrid({
      clients: [{ slug: 'acme', data }],
      templates: new Map([['monthly', template]]),
      archives,
      months: ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'],
      now: new Date(now),
      msp: { timezone: mspTimeZone },
    });

  it('marks done, partial, skipped, missing, open and nothing-due cells', () => {
    const cells = grid('2026-11-05T12:00:00Z').rows[0]?.cells.map(
      (month) =>
        `${describeCell(month.automatic).word} | ${describeCell(month.remote).word} | ${describeCell(month.onsite).word}`,
    );
    expect(cells).toMatchInlineSnapshot(`
      [
        "nothing due | nothing due | nothing due",
        "done | nothing due | partly done, 0 of 1",
        "missing: no checklist archived | nothing due | skipped",
        "missing: no checklist archived | done | done",
        "open, due 2026-11-10 | nothing due | open, due 2026-11-10",
      ]
    `);
  });

  it('makes the open month overdue once the visit day has passed in the client time zone', () => {
    // Second Tuesday of 2026-11 is the 10th; 03:00 UTC on the 11th is still the 10th in New York.
    expect(grid('2026-11-11T03:00:00Z').rows[0]?.cells[4]?.onsite).toMatchObject({
      kind: 'open',
      overdue: false,
    });
    expect(grid('2026-11-11T06:00:00Z').rows[0]?.cells[4]?.onsite).toMatchObject({
      kind: 'open',
      overdue: true,
    });
    expect(
      grid('2026-11-11T06:00:00Z').overdue.map((entry) => `${entry.kind} ${entry.month} ${entry.tier}`),
    ).toEqual(expect.arrayContaining(['visit 2026-11 onsite', 'visit 2026-11 automatic']));
  });

  it("lists a past month's expected checklist that was never archived among the overdue, with its due date", () => {
    const missing = grid('2026-11-05T12:00:00Z').overdue.filter((entry) => entry.kind === 'missing');
    expect(missing.map((entry) => `${entry.month} ${entry.tier} due ${entry.dueDate}`)).toEqual([
      '2026-09 automatic due 2026-09-08',
      '2026-10 automatic due 2026-10-13',
    ]);
  });

  it('a client added after tracking began, with no archive and no `since`, has nothing missing before the month under way', () => {
    const fresh = buildStatusGrid({
      clients: [
        { slug: 'acme', data: profile },
        { slug: 'newco', data: { ...profile, name: 'NewCo' } },
      ],
      templates: new Map([['monthly', template]]),
      archives,
      months: ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'],
      now: new Date('2026-11-20T12:00:00Z'),
      msp: { timezone: 'UTC' },
    });
    expect(fresh.overdue.filter((entry) => entry.client === 'newco').map((entry) => entry.kind)).toEqual([
      'visit',
      'visit',
    ]);
    const cells = fresh.rows[1]?.cells ?? [];
    expect(
      cells.slice(0, 4).every((month) => Object.values(month).every((cell) => cell.kind === 'none')),
    ).toBe(true);
    // The client with archives keeps its missing months.
    expect(fresh.overdue.some((entry) => entry.client === 'acme' && entry.kind === 'missing')).toBe(true);
  });

  it('judges overdue in msp.yaml’s time zone when the client sets none', () => {
    const { timezone: _none, ...withoutZone } = profile;
    // 03:00 UTC on the 11th: still the 10th in Los Angeles, already the 11th in London.
    const at = '2026-11-11T03:00:00Z';
    expect(grid(at, withoutZone, 'America/Los_Angeles').rows[0]?.cells[4]?.onsite).toMatchObject({
      overdue: false,
    });
    expect(grid(at, withoutZone, 'Europe/London').rows[0]?.cells[4]?.onsite).toMatchObject({ overdue: true });
    expect(grid(at, profile, 'Europe/London').rows[0]?.cells[4]?.onsite).toMatchObject({ overdue: false });
  });
});

describe('buildItemHistory', () => {
  const history = (timeZone: string) =>
    buildItemHistory(
      [
        archive('2026-08', 'onsite', ['not-done'], 'incomplete'),
        archive('2026-09', 'onsite', ['done'], 'skipped'),
        archive('2026-10', 'onsite', ['done']),
        archive('2026-11', 'onsite', ['done'], 'reopened'),
      ],
      ['2026-08', '2026-09', '2026-10', '2026-11'],
      timeZone,
    );

  it('counts done months, skips skipped visits, and says when and by whom', () => {
    expect(history('America/Chicago').map((item) => `${item.id}: ${describeItemHistory(item)}`)).toEqual([
      // September's visit was skipped: said, so "of the last 2" over four months is not a puzzle.
      'ups: done 1 of the last 2 months (not counting 2026-09, skipped), last on 2026-10-10 by @jane-tech',
    ]);
  });

  it("the day is the client's (closed 18:00 UTC: the next day in Tokyo), in the reader's words", () => {
    const [ups] = history('Asia/Tokyo');
    expect(ups?.lastDone?.date).toBe('2026-10-11');
    const name = (login: string) => (login === 'jane-tech' ? 'Jane Okafor' : login);
    const day = (date: string) => (date === '2026-10-11' ? '11 October 2026' : date);
    const month = (value: string) => (value === '2026-09' ? 'September 2026' : value);
    expect(ups && describeItemHistory(ups, { person: name, day, month })).toBe(
      'done 1 of the last 2 months (not counting September 2026, skipped), last on 11 October 2026 by Jane Okafor',
    );
  });

  it('counts a skipped month only for the tier the item is worked in', () => {
    // `rmm` is automatic; a remote checklist with the same id skipped in September is another tier's.
    const [rmm] = buildItemHistory(
      [archive('2026-08', 'automatic', ['done']), archive('2026-09', 'remote', ['done'], 'skipped')],
      ['2026-08', '2026-09'],
      'UTC',
    );
    expect(rmm?.skipped).toEqual([]);
    expect(rmm && describeItemHistory(rmm)).toMatch(/^done 1 of the last 1 month, last on/);
  });
});
