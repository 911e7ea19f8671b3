import { describe, expect, it } from 'vitest';
import { parseContentSet } from './content-set.ts';
import { UserError } from './errors.ts';
import { GITHUB_BODY_LIMIT, renderIssueBody } from './issue-body.ts';
import { type PlannedIssue, planMonth } from './plan-month.ts';

/** The value, or a failed test when it is missing. */
function found<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const TEMPLATE = `---
title: Monthly
---
## RMM
- Confirm disk alerting {#rmm-disk automatic}
## Remote
- Review the system log {#system-log remote tags=windows-server}
  Filter to 30 days.
  SOP: https://wiki.example/sop/logs
- Check defrag level {#defrag remote tags=hdd}
- Review accounts {#account-review remote quarterly}
## Onsite
- Run the UPS self-test {#ups-self-test onsite tags=ups}
- Client check-in {#checkin onsite}
- Test restore {#test-restore onsite quarterly}
- Calibrate UPS runtime {#ups-calibration onsite semiannual tags=ups}
- Print the binder {#printed-binder onsite annual in=dec}
## Monthly single
- Firewall firmware {#single-firewall onsite single in=jan tags=firewall}
- DNS review {#single-dns remote single in=dec}
`;

const MSP =
  'name: MSP\nsiteUrl: https://docs.msp.example\nrepo: msp/binders\ntimezone: America/New_York\nassignees:\n  onsite: [default-tech]\n  remote: [helpdesk-amy]\nmilestones: true\n';

function profile(name: string, extra: string, visit = 'second tuesday'): string {
  return `---\nname: ${name}\ntimezone: America/Chicago\nvisit: ${visit}\n${extra}\n---\n`;
}

function content(extraFiles: Record<string, string> = {}) {
  const files = {
    'content/msp.yaml': MSP,
    'templates/checklists/monthly.md': TEMPLATE,
    'content/clients/dental/index.md': profile(
      'Dental',
      'tags: [windows-server, ups, firewall]\nassignees:\n  onsite: [jane-tech]\noverrides:\n  skip:\n    - { id: checkin }\n  move:\n    - { id: system-log, tier: automatic, reason: proven }\n  add:\n    - { id: xray, text: Check X-ray driver, tier: onsite, frequency: quarterly, in: [feb, may, aug, nov] }',
    ),
    'content/clients/law/index.md': profile('Law', 'tags: [hdd]', 'last friday'),
    'content/clients/paused/index.md': profile('Paused', 'status: paused'),
    ...extraFiles,
  };
  const set = parseContentSet(Object.entries(files).map(([path, text]) => ({ path, text })));
  expect(set.diagnostics).toEqual([]);
  if (!set.msp) throw new Error('no msp');
  return { ...set, msp: set.msp };
}

const summary = (month: string, set = content()) =>
  planMonth(set, month).map(
    (issue) => `${issue.key} due ${issue.dueDate} → ${issue.items.map((item) => item.id).join(', ')}`,
  );

describe('planMonth', () => {
  it('applies frequencies, tags, overrides and the monthly single, one issue per tier with items', () => {
    expect(summary('2026-11')).toMatchInlineSnapshot(`
      [
        "dental/2026-11/automatic due 2026-11-10 → rmm-disk, system-log",
        "dental/2026-11/onsite due 2026-11-10 → ups-self-test, xray",
        "law/2026-11/automatic due 2026-11-27 → rmm-disk",
        "law/2026-11/remote due 2026-11-27 → defrag",
        "law/2026-11/onsite due 2026-11-27 → checkin",
      ]
    `);
    expect(summary('2027-01')).toMatchInlineSnapshot(`
      [
        "dental/2027-01/automatic due 2027-01-12 → rmm-disk, system-log",
        "dental/2027-01/remote due 2027-01-12 → account-review",
        "dental/2027-01/onsite due 2027-01-12 → ups-self-test, test-restore, ups-calibration, single-firewall",
        "law/2027-01/automatic due 2027-01-29 → rmm-disk",
        "law/2027-01/remote due 2027-01-29 → defrag, account-review",
        "law/2027-01/onsite due 2027-01-29 → checkin, test-restore",
      ]
    `);
    expect(summary('2026-12')).toMatchInlineSnapshot(`
      [
        "dental/2026-12/automatic due 2026-12-08 → rmm-disk, system-log",
        "dental/2026-12/remote due 2026-12-08 → single-dns",
        "dental/2026-12/onsite due 2026-12-08 → ups-self-test, printed-binder",
        "law/2026-12/automatic due 2026-12-25 → rmm-disk",
        "law/2026-12/remote due 2026-12-25 → defrag, single-dns",
        "law/2026-12/onsite due 2026-12-25 → checkin, printed-binder",
      ]
    `);
  });

  it('skips inactive clients unless named, and plans only the named ones', () => {
    const set = content();
    expect(planMonth(set, '2026-11').some((issue) => issue.client === 'paused')).toBe(false);
    expect(planMonth(set, '2026-11', ['paused', 'law']).map((issue) => issue.client)).toEqual([
      'law',
      'law',
      'law',
      'paused',
      'paused',
    ]);
  });

  it('takes assignees from the profile, else from msp.yaml, and due dates from the visit rule', () => {
    const plan = planMonth(content(), '2026-11', ['dental']);
    const automatic = plan.find((issue) => issue.tier === 'automatic');
    const onsite = plan.find((issue) => issue.tier === 'onsite');
    expect(onsite?.assignees).toEqual(['jane-tech']);
    expect(automatic?.assignees).toEqual([]);
    expect(planMonth(content(), '2026-11', ['law'])[1]).toMatchObject({
      assignees: ['helpdesk-amy'],
      dueDate: '2026-11-27',
      milestone: '2026-11',
    });
  });

  it('uses the client’s time zone, else msp.yaml’s', () => {
    const set = content({
      'content/clients/harbor/index.md': '---\nname: Harbor\nvisit: day 15\n---\nNo time zone of its own.\n',
    });
    const zones = (slug: string) => [
      ...new Set(planMonth(set, '2026-11', [slug]).map((issue) => issue.timezone)),
    ];
    expect(zones('harbor')).toEqual(['America/New_York']);
    expect(zones('dental')).toEqual(['America/Chicago']);
    const body = renderIssueBody(
      planMonth(set, '2026-11', ['harbor'])[0] as PlannedIssue,
      'https://docs.msp.example',
    );
    expect(body).toContain('(day 15, America/New_York)');
  });

  it('carries over what was not done last month', () => {
    const archive = `---\nclient: dental\nmonth: 2026-10\ntier: onsite\ntemplate: monthly\nissue: 7\nurl: https://github.com/msp/binders/issues/7\nstate: incomplete\nclosedAt: 2026-10-13T19:00:00Z\nclosedBy: jane-tech\nitems:\n  - { id: ups-self-test, text: Run the UPS self-test, status: not-done, note: UPS offline }\n  - { id: test-restore, text: Test restore, status: not-done }\n  - { id: printed-binder, text: Print the binder, status: not-applicable }\n---\n`;
    const onsite = planMonth(content({ 'content/checklists/dental/2026-10-onsite.md': archive }), '2026-11', [
      'dental',
    ]).find((issue) => issue.tier === 'onsite');
    expect(onsite?.previous).toEqual({
      month: '2026-10',
      issue: 7,
      url: 'https://github.com/msp/binders/issues/7',
    });
    expect(
      onsite?.items.map((item) => [item.id, item.section, item.notDoneIn ?? '', item.carriedFrom ?? '']),
    ).toMatchInlineSnapshot(`
      [
        [
          "ups-self-test",
          "Onsite",
          "2026-10",
          "",
        ],
        [
          "xray",
          "Client-specific",
          "",
          "",
        ],
        [
          "test-restore",
          "Carried over from 2026-10",
          "",
          "2026-10",
        ],
      ]
    `);
  });
});

describe('renderIssueBody', () => {
  it('renders the marker, header, how-to, sections, ids and help', () => {
    const [issue] = planMonth(content(), '2026-11', ['law']).filter((planned) => planned.tier === 'remote');
    if (!issue) throw new Error('no issue');
    expect(issue.title).toBe('Law · remote maintenance · 2026-11');
    expect(issue.labels).toEqual(['checklist', 'tier:remote', 'client:law', 'month:2026-11']);
    expect(renderIssueBody(issue, 'https://docs.msp.example/')).toMatchInlineSnapshot(`
      "<!-- msp-binder {"v":2,"key":"law/2026-11/remote","template":"monthly","due":"2026-11-27"} -->
      **Client:** Law · **Tier:** remote · **Due:** Fri 2026-11-27 (last friday, America/Chicago)
      **Binder:** https://docs.msp.example/clients/law/

      > **How to work this checklist:** tick a box when the item is done. If it could not be done,
      > leave it unticked and comment why. If it does not apply, strike it through (\`~~text~~\`) or
      > write "N/A".
      > Close as *completed* when the remote checks are done, or as *not planned* if they were skipped this month.
      > Comments are for staff; start one with **For the client:** to show it on the client's site.
      > Never paste a password here: name its password manager entry instead.

      ### Remote

      - [ ] Check defrag level <!-- item:defrag -->
      "
    `);
  });

  it('renders help and SOP links under an item', () => {
    const issue = planMonth(content(), '2026-11', ['dental']).find((planned) => planned.tier === 'automatic');
    if (!issue) throw new Error('no issue');
    expect(renderIssueBody(issue, 'https://docs.msp.example').split('\n').slice(-5)).toMatchInlineSnapshot(`
      [
        "### Remote",
        "",
        "- [ ] Review the system log <!-- item:system-log -->",
        "  <br><sub>Filter to 30 days. · [SOP](https://wiki.example/sop/logs)</sub>",
        "",
      ]
    `);
  });

  it('stays under GitHub’s body limit however long the template is', () => {
    const items = Array.from(
      { length: 900 },
      (_, index) =>
        `- ${'Check something long and wordy '.repeat(4)}${index} {#item-${index} onsite}\n  ${'Help text that explains at length. '.repeat(5)}`,
    );
    const set = content({
      'templates/checklists/monthly.md': `---\ntitle: Huge\n---\n## Many\n${items.join('\n')}\n`,
    });
    const [issue] = planMonth(set, '2026-11', ['law']);
    if (!issue) throw new Error('no issue');
    const body = renderIssueBody(issue, 'https://docs.msp.example');
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('<!-- item:item-899 -->');
    expect(body).not.toContain('<sub>');
  });

  it('a checklist too long even as bare ids is a UserError naming the template and the fix', () => {
    const items = Array.from({ length: 2500 }, (_, index) => `- Check ${index} {#item-${index} onsite}`);
    const set = content({
      'templates/checklists/monthly.md': `---\ntitle: Huge\n---\n## Many\n${items.join('\n')}\n`,
    });
    const [issue] = planMonth(set, '2026-11', ['law']);
    if (!issue) throw new Error('no issue');
    const error = (() => {
      try {
        renderIssueBody(issue, 'https://docs.msp.example');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      "law's onsite checklist for 2026-11 has 2500 items from templates/checklists/monthly.md: too many for one GitHub issue (65,536 characters) even with the item texts left out. Make it shorter: give items a frequency (`quarterly`, `yearly`) or `tags=` so fewer fall due in one month, or skip what does not apply to the client (`overrides.skip` in its profile).",
    );
  });
});

describe("the month's work, closer to a technician's day", () => {
  const withProfile = (extra: string, more: Record<string, string> = {}) =>
    content({
      'content/clients/dental/index.md': profile(
        'Dental',
        `tags: [windows-server, ups]\naddress: "12 Harbor Way, Suite 4, Mystic, CT"\ncontacts:\n  - { name: Tom Reyes, role: Office manager, phone: "+1 555 0101", email: tom@dental.example, primary: true }\n  - { name: Ann Lee, role: Dentist }\n${extra}`,
      ),
      ...more,
    });

  it("the onsite issue's header has the address and the primary contact; other tiers do not", () => {
    const plan = planMonth(withProfile(''), '2026-11');
    const onsite = renderIssueBody(
      found(plan.find((issue) => issue.key === 'dental/2026-11/onsite')),
      'https://d.example',
    );
    expect(onsite).toContain(
      '**Where:** 12 Harbor Way, Suite 4, Mystic, CT · **Contact:** Tom Reyes (Office manager), +1 555 0101, tom@dental.example',
    );
    const remote = renderIssueBody(
      found(plan.find((issue) => issue.key === 'dental/2026-11/remote')),
      'https://d.example',
    );
    expect(remote).not.toContain('**Where:**');
  });

  it('close instructions fit the tier: only the onsite issue speaks of a visit', () => {
    const plan = planMonth(withProfile(''), '2026-11');
    const body = (tier: string) =>
      renderIssueBody(found(plan.find((issue) => issue.tier === tier)), 'https://d.example');
    expect(body('onsite')).toMatch(/Close as \*completed\* after the visit/);
    expect(body('remote')).not.toMatch(/visit/i);
    expect(body('remote')).toMatch(/Close as \*completed\* when the remote checks are done/);
    expect(body('automatic')).not.toMatch(/visit/i);
  });

  it("help text names the client's own slug where the template says <client>", () => {
    const template = TEMPLATE.replace(
      '- Client check-in {#checkin onsite}',
      '- Client check-in {#checkin onsite}\n- Update the tech notes {#update-tech-notes onsite}\n  `npm run binder -- new-note <client> "Monthly visit"`, then open a pull request.',
    );
    const plan = planMonth(withProfile('', { 'templates/checklists/monthly.md': template }), '2026-11');
    const item = plan.flatMap((issue) => issue.items).find((entry) => entry.id === 'update-tech-notes');
    expect(item?.help).toBe('`npm run binder -- new-note dental "Monthly visit"`, then open a pull request.');
  });

  it('an item moved to another tier keeps its section, without the old tier in the title', () => {
    const template = TEMPLATE.replace('## Remote', '## Server health (remote)');
    const plan = planMonth(content({ 'templates/checklists/monthly.md': template }), '2026-11');
    const automatic = plan.find((issue) => issue.key === 'dental/2026-11/automatic');
    expect(automatic?.items.find((item) => item.id === 'system-log')?.section).toBe('Server health');
  });

  it("carried-over items keep last month's note and their help text", () => {
    const archive = [
      '---',
      'client: dental',
      'month: 2026-10',
      'tier: remote',
      'template: monthly',
      'issue: 7',
      'url: https://github.com/msp/binders/issues/7',
      'state: incomplete',
      'closedAt: 2026-10-20T10:00:00Z',
      'closedBy: jane-tech',
      'items:',
      '  - { id: account-review, text: Review accounts, status: not-done, note: "HR list not sent yet <!-- item:x -->" }',
      '---',
      '',
    ].join('\n');
    const template = TEMPLATE.replace(
      '- Review accounts {#account-review remote quarterly}',
      '- Review accounts {#account-review remote quarterly}\n  Compare with the HR leavers list.',
    );
    const plan = planMonth(
      withProfile('', {
        'content/checklists/dental/2026-10-remote.md': archive,
        'templates/checklists/monthly.md': template,
      }),
      '2026-11',
    );
    const carried = plan
      .find((issue) => issue.key === 'dental/2026-11/remote')
      ?.items.find((item) => item.id === 'account-review');
    expect(carried).toMatchObject({
      carriedFrom: '2026-10',
      help: 'Compare with the HR leavers list.',
      lastNote: 'HR list not sent yet <!-- item:x -->',
    });
    const body = renderIssueBody(
      found(plan.find((issue) => issue.key === 'dental/2026-11/remote')),
      'https://d.example',
    );
    expect(body).toContain('Last month: HR list not sent yet &lt;!-- item:x --&gt;');
    expect(body.match(/<!-- item:/g)?.length).toBe(
      plan.find((issue) => issue.key === 'dental/2026-11/remote')?.items.length,
    );
  });

  it('a visit on a day the MSP is closed moves to the next working day', () => {
    const msp = `${MSP}closedDays: [2026-12-25, 2026-12-28]\n`;
    const set = content({
      'content/msp.yaml': msp,
      'content/clients/law/index.md': profile('Law', 'tags: [hdd]', 'last friday'),
    });
    // The last Friday of December 2026 is the 25th; the 28th (Monday) is closed too.
    expect(planMonth(set, '2026-12').find((issue) => issue.client === 'law')?.dueDate).toBe('2026-12-29');
    expect(planMonth(set, '2026-11').find((issue) => issue.client === 'law')?.dueDate).toBe('2026-11-27');
  });
  it('a visit on a weekday the MSP does not work moves to the next working day', () => {
    const rule = (msp: string) =>
      planMonth(
        content({
          'content/msp.yaml': msp,
          'content/clients/law/index.md': profile('Law', 'tags: [hdd]', 'day 15'),
        }),
        '2027-05',
      ).find((issue) => issue.client === 'law')?.dueDate;
    // Saturday 15 May 2027: Monday by default, the Saturday itself for an MSP that works Saturdays.
    expect(rule(MSP)).toBe('2027-05-17');
    expect(rule(`${MSP}workingDays: [mon, tue, wed, thu, fri, sat]\n`)).toBe('2027-05-15');
  });

  it('reports a workingDays that is not a list of weekdays at its line', () => {
    const set = parseContentSet([{ path: 'content/msp.yaml', text: `${MSP}workingDays: [mon, tuesday]\n` }]);
    expect(
      set.diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`),
    ).toMatchInlineSnapshot(`
      [
        "9: \`workingDays[1]\` must be one of \`sun\`, \`mon\`, \`tue\`, \`wed\`, \`thu\`, \`fri\`, \`sat\`; found \`tuesday\`",
      ]
    `);
  });
});
