import { FIXTURE_MSP } from '../helpers/fixture-msp.ts';

/**
 * The sites on real screens: a laptop (1366×900) and a phone (390×844), in Chromium, built from
 * an MSP of the test's own with a year of archives (so the status grid has twelve busy months),
 * a wide Markdown table, a renewal with a long host name in it, and a client without a time zone
 * of its own (and a long email address).
 */
const months = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
];
/** The fixture template's item ids (test/helpers/fixture-msp.ts). */
const TEMPLATE_IDS = [
  ...(FIXTURE_MSP['templates/checklists/monthly.md'] ?? '').matchAll(/\{#([a-z0-9-]+)/g),
].map((match) => match[1]);

const archive = (client: string, month: string, tier: string, done: number, total: number) =>
  [
    '---',
    `client: ${client}`,
    `month: ${month}`,
    `tier: ${tier}`,
    'template: monthly',
    `issue: ${100 + months.indexOf(month) * 3 + ['automatic', 'remote', 'onsite'].indexOf(tier)}`,
    `url: https://github.com/northwind-it/binders/issues/${100 + months.indexOf(month)}`,
    `state: ${done === total ? 'completed' : 'incomplete'}`,
    `closedAt: ${month}-12T18:00:00Z`,
    'closedBy: jane-tech',
    'items:',
    ...Array.from({ length: total }, (_, index) => [
      // The fixture template's items first (a client reads only those), then items of the issue's own.
      `  - id: ${TEMPLATE_IDS[index] ?? `item-${index}`}`,
      `    text: Item ${index}`,
      `    status: ${index < done ? 'done' : 'not-done'}`,
    ]).flat(),
    '---',
    '',
  ].join('\n');

export const SCREEN_MSP: Record<string, string> = {
  ...FIXTURE_MSP,
  // Partly done months show `9/10`-wide labels: the widest a cell gets.
  ...Object.fromEntries(
    months.flatMap((month) => [
      [
        `content/checklists/acme-dental/${month}-automatic.md`,
        archive('acme-dental', month, 'automatic', 1, 1),
      ],
      [`content/checklists/acme-dental/${month}-remote.md`, archive('acme-dental', month, 'remote', 9, 10)],
      [`content/checklists/acme-dental/${month}-onsite.md`, archive('acme-dental', month, 'onsite', 7, 8)],
    ]),
  ),
  'content/clients/acme-dental/binder/network.md': [
    '---',
    'title: Network',
    'order: 15',
    // A renewal with a long host name (no hyphen to break at) in it: the printed binder's renewals
    // table at its widest.
    'renewals:',
    '  - { item: TLS certificate for the patient portal (portal.acmedentalgroup.example), date: 2027-01-14, kind: certificate, notice: 30 }',
    '---',
    '| Host | Address | Model | Role | Location | Serial |',
    '|---|---|---|---|---|---|',
    '| AC-SRV01 | 10.20.0.5 | Dell PowerEdge T350, Windows Server 2022 | Practice management and file shares | Server closet, rack 1 | ABCD1234EFGH |',
    '| AC-NAS01 | 10.20.0.6 | Synology DS923+, 4 x 8 TB SHR-2 | Imaging share and backup target | Server closet, shelf | WXYZ98765432 |',
    '',
  ].join('\n'),
  // A long name, and no time zone of its own: msp.yaml's applies.
  'content/clients/harbourside-family-orthodontics/index.md': [
    '---',
    'name: Harbourside Family Orthodontics',
    'visit: second tuesday',
    'contacts:',
    '  - name: Dr. Alexandra Whitcombe-Ramirez',
    '    role: Practice owner and orthodontist',
    '    email: alexandra.whitcombe-ramirez@harbourside-ortho.example',
    '    phone: "+1 555 0199"',
    '    primary: true',
    '---',
    'An orthodontics practice with two chairs.',
    '',
  ].join('\n'),
};
