import { describe, expect, it } from 'vitest';
import { parseContentSet } from './content-set.ts';
import { renderIssueBody } from './issue-body.ts';
import { planMonth } from './plan-month.ts';
import {
  collectRenewals,
  type RenewalEntry,
  renewalItemId,
  renewalItemsForMonth,
  renewalStatusInMonth,
  renewalsDueWithin,
} from './renewals.ts';
import { validateContentReferences } from './validate-content.ts';

const entry = (date: string, extra: Partial<RenewalEntry> = {}): RenewalEntry => ({
  item: 'example.com domain',
  date,
  kind: 'domain',
  notice: 45,
  owner: 'msp',
  autoRenew: false,
  client: 'acme',
  clientName: 'Acme',
  section: 'email-dns',
  sectionTitle: 'Email & DNS',
  visibility: 'client',
  ...extra,
});

describe('when a renewal comes up', () => {
  it('is listed from the month its window (date - notice) opens, not before', () => {
    // 2027-01-20 - 45 days = 2026-12-06: December's checklist, not November's.
    expect(renewalStatusInMonth(entry('2027-01-20'), '2026-11')).toBeUndefined();
    expect(renewalStatusInMonth(entry('2027-01-20'), '2026-12')).toBe('upcoming');
    expect(renewalStatusInMonth(entry('2027-01-20'), '2027-01')).toBe('upcoming');
  });

  it('a renewal 20 days after the 1st appears that month, and not three months earlier', () => {
    expect(renewalStatusInMonth(entry('2026-12-21'), '2026-12')).toBe('upcoming');
    expect(renewalStatusInMonth(entry('2026-12-21'), '2026-09')).toBeUndefined();
  });

  it('month boundaries: a window opening on the last day of a month counts for that month', () => {
    expect(renewalStatusInMonth(entry('2027-01-15', { notice: 15 }), '2026-12')).toBe('upcoming');
    expect(renewalStatusInMonth(entry('2027-01-16', { notice: 15 }), '2026-12')).toBeUndefined();
  });

  it('leap days: a 29 February expiry and window are real dates', () => {
    expect(renewalStatusInMonth(entry('2028-02-29', { notice: 29 }), '2028-01')).toBe('upcoming');
    expect(renewalStatusInMonth(entry('2028-02-29', { notice: 28 }), '2028-01')).toBeUndefined();
    expect(renewalStatusInMonth(entry('2028-02-29'), '2028-03')).toBe('expired');
  });

  it('expired once its date is before the month starts, until the date is moved on', () => {
    expect(renewalStatusInMonth(entry('2026-11-30'), '2026-12')).toBe('expired');
    expect(renewalStatusInMonth(entry('2026-12-01'), '2026-12')).toBe('upcoming');
  });
});

describe('a renewal’s checklist item id', () => {
  const id = (item: string, section = 'software-licences') => renewalItemId({ section, item });

  it('is the slug of the item when that is short: the ids already in archives stay as they were', () => {
    expect(id('Microsoft 365 Business Standard, 11 seats')).toBe(
      'renew-software-licences-microsoft-365-business-standard-11-seats',
    );
    expect(id('example.com domain', 'email-dns')).toBe('renew-email-dns-example-com-domain');
  });

  it('keeps two long items that start alike apart, and stays the same from build to build', () => {
    const main = id('Microsoft 365 Business Premium licences for the main office');
    const branch = id('Microsoft 365 Business Premium licences for the branch office');
    expect(main).not.toBe(branch);
    expect(main).toBe(id('Microsoft 365 Business Premium licences for the main office'));
    expect(main).toMatch(/^renew-software-licences-microsoft-365-business-premium-[a-z0-9-]+-[0-9a-f]{6}$/);
    expect(
      id('x'.repeat(200), 'a-very-long-section-name-that-takes-up-most-of-the-room').length,
    ).toBeLessThanOrEqual(80);
  });
});

describe('renewal items of the remote checklist', () => {
  it('say what, which kind, when, and how far from the due date; expired ones say so', () => {
    const items = renewalItemsForMonth(
      [entry('2026-12-21'), entry('2026-11-02', { item: 'TLS certificate for portal', kind: 'certificate' })],
      '2026-12',
      '2026-12-08',
    );
    expect(items.map((item) => [item.id, item.text])).toEqual([
      [
        'renew-email-dns-example-com-domain',
        'Renew: example.com domain (domain, expires 2026-12-21, 13 days after the due date)',
      ],
      [
        'renew-email-dns-tls-certificate-for-portal',
        'Expired: TLS certificate for portal (certificate, expired 2026-11-02)',
      ],
    ]);
  });

  it('auto-renewing items ask only to check the payment method; client-owned ones say who acts', () => {
    const [auto, client] = renewalItemsForMonth(
      [
        entry('2026-12-21', { autoRenew: true }),
        entry('2026-12-22', { item: 'Lease', kind: 'contract', owner: 'client' }),
      ],
      '2026-12',
      '2026-12-08',
    );
    expect(auto?.help).toMatch(/payment method/);
    expect(client?.text).toMatch(/the client renews it/);
  });

  it('a renewal ticked last month whose date was not moved on comes back as a reminder', () => {
    const [item] = renewalItemsForMonth([entry('2027-01-20')], '2027-01', '2027-01-12', {
      items: [{ id: 'renew-email-dns-example-com-domain', text: 'Renew: …', status: 'done' }],
    });
    expect(item?.text).toBe(
      'Renewed? Update the date in Email & DNS: example.com domain (domain, still says 2027-01-20)',
    );
  });

  it('the staff list holds the next N days and everything expired', () => {
    const list = [entry('2026-10-01'), entry('2026-12-20'), entry('2027-06-01')];
    expect(renewalsDueWithin(list, '2026-12-01', 90).map((renewal) => renewal.date)).toEqual([
      '2026-10-01',
      '2026-12-20',
    ]);
  });
});

describe('renewals in the plan and the issue', () => {
  const files: Record<string, string> = {
    'content/msp.yaml':
      'name: MSP\nsiteUrl: https://docs.msp.example\nrepo: msp/binders\ntimezone: America/New_York\n',
    'templates/checklists/monthly.md':
      '---\ntitle: M\n---\n## Onsite\n\n- Client check-in {#checkin onsite}\n',
    'content/clients/acme/index.md':
      '---\nname: Acme\ntimezone: America/Chicago\nvisit: second tuesday\n---\nAcme.\n',
    'content/clients/acme/binder/licences.md': [
      '---',
      'title: Software & licences',
      'renewals:',
      '  - { item: "Microsoft 365 Business Premium, 12 seats", date: 2026-12-28, kind: licence, autoRenew: true }',
      '  - { item: acme-dental.example, date: 2027-03-01, kind: domain }',
      '  - { item: Firewall support contract, date: 2026-11-15, kind: contract }',
      '---',
      'Licences.',
      '',
    ].join('\n'),
  };
  const content = () => {
    const set = parseContentSet(Object.entries(files).map(([path, text]) => ({ path, text })));
    expect(set.diagnostics).toEqual([]);
    return { ...set, msp: set.msp ?? (undefined as never) };
  };

  it('gives a remote issue even to a client whose template has no remote item, with the section linked', () => {
    const plan = planMonth(content(), '2026-12');
    const remote = plan.find((issue) => issue.tier === 'remote');
    expect(remote?.items.map((item) => item.text)).toEqual([
      'Expired: Firewall support contract (contract, expired 2026-11-15)',
      'Renew: Microsoft 365 Business Premium, 12 seats (licence, expires 2026-12-28, 20 days after the due date)',
    ]);
    expect(renderIssueBody(remote ?? (undefined as never), 'https://docs.msp.example')).toContain(
      '[Software &amp; licences](https://docs.msp.example/clients/acme/binder/licences/)',
    );
    expect(collectRenewals(content().clients).map((renewal) => renewal.date)).toEqual([
      '2026-11-15',
      '2026-12-28',
      '2027-03-01',
    ]);
  });

  it('check reports two renewals of one client that would be the same checklist item, at the second one’s line', () => {
    const twice = [
      '---',
      'title: Branch',
      'renewals:',
      '  - { item: Firewall support contract, date: 2027-05-01, kind: contract }',
      '  - { item: Firewall support contract, date: 2027-06-01, kind: contract }',
      '  - { item: Microsoft 365 Business Premium licences for the main office, date: 2027-06-01, kind: licence }',
      '  - { item: Microsoft 365 Business Premium licences for the branch office, date: 2027-06-01, kind: licence }',
      '---',
      '',
    ].join('\n');
    const set = parseContentSet([
      ...Object.entries(files).map(([path, text]) => ({ path, text })),
      { path: 'content/clients/acme/binder/branch.md', text: twice },
    ]);
    expect(
      validateContentReferences(set).map(
        (diagnostic) => `${diagnostic.file}:${diagnostic.line}: ${diagnostic.message} Fix: ${diagnostic.fix}`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/branch.md:5: renewal \`Firewall support contract\` is the same checklist item (\`renew-branch-firewall-support-contract\`) as the renewal on line 4 Fix: remove the repeated renewal, or say in \`item\` what tells the two apart (e.g. the office, the seats or the domain)",
      ]
    `);
  });

  it('reports a renewal that is not valid at its line: a date that does not exist, an unknown kind, a negative notice', () => {
    const bad = `---\ntitle: X\nrenewals:\n  - { item: A, date: 2026-02-30, kind: licence }\n  - { item: B, date: 2026-05-01, kind: lease }\n  - { item: C, date: 2026-05-01, kind: domain, notice: -3 }\n---\n`;
    const set = parseContentSet([
      ...Object.entries(files).map(([path, text]) => ({ path, text })),
      { path: 'content/clients/acme/binder/bad.md', text: bad },
    ]);
    expect(set.diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`)).toEqual([
      '4: `renewals[0].date` is not a real date: February 2026 has 28 days; found `2026-02-30`',
      '5: `renewals[1].kind` must be one of `licence`, `domain`, `certificate`, `warranty`, `contract`, `other`; found `lease`',
      '6: `renewals[2].notice` must be 0 or more days; found `-3`',
    ]);
  });
});
