import { describe, expect, it } from 'vitest';
import { ArchivedChecklistSchema } from '../schemas/index.ts';
import { renderArchivedChecklist } from './archive-render.ts';
import { parseContentSet } from './content-set.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { graduationCandidates, graduationSkip, graduationSkipEntry, indexEvidence } from './evidence-plan.ts';
import { parseMarkdownWithFrontmatter } from './frontmatter.ts';
import { renderIssueBody } from './issue-body.ts';
import { parseChecklistIssue } from './parse-issue.ts';
import { planMonth } from './plan-month.ts';
import { addSkipOverride } from './profile-edit.ts';
import { validateContentReferences } from './validate-content.ts';

const TEMPLATE = `---
title: Monthly
---
## RMM
- Confirm disk alerting {#rmm-disk automatic rmm=diskspace}
- Confirm service alerting {#rmm-services automatic rmm=service:Spooler}
- Confirm stop-error alerting by a test alert {#rmm-stop automatic}
## Remote
- Review the system log {#system-log remote}
`;

const MSP = 'name: MSP\nsiteUrl: https://docs.msp.example\nrepo: msp/binders\ntimezone: America/New_York\n';

function profile(extra = ''): string {
  return `---\nname: Acme Dental\ntimezone: America/Chicago\nvisit: second tuesday\nrmm:\n  client: Acme Dental PLLC\n${extra}---\nAcme.\n`;
}

const good = { email: true, sms: false, dashboard: false };

/** An evidence file for acme: HD-SRV01 fully watched, plus `front` as given. */
function evidence(month: string, front: 'sound' | 'no-disk' = 'sound'): string {
  const run = `${month}-01T05:50:00Z`;
  const disk = {
    id: 'd',
    name: 'Disk C:',
    type: 'diskspace',
    target: 'C:',
    alerting: good,
    status: 'passing',
    lastRun: run,
  };
  const spooler = {
    id: 's',
    name: 'Spooler',
    type: 'service',
    target: 'Spooler',
    alerting: good,
    status: 'passing',
    lastRun: run,
  };
  return `${JSON.stringify(
    {
      client: 'acme',
      month,
      source: { rmm: 'tactical', exportedAt: `${month}-01T06:00:00Z` },
      devices: [
        { id: 'a1', hostname: 'AC-SRV01', lastSeen: run, maintenanceMode: false, checks: [disk, spooler] },
        {
          id: 'a2',
          hostname: 'AC-FRONT1',
          lastSeen: run,
          maintenanceMode: false,
          checks:
            front === 'sound'
              ? [
                  { ...disk, id: 'd2' },
                  { ...spooler, id: 's2' },
                ]
              : [{ ...spooler, id: 's2' }],
        },
      ],
    },
    null,
    2,
  )}\n`;
}

function content(files: Record<string, string> = {}, profileExtra = '') {
  const set = parseContentSet(
    Object.entries({
      'content/msp.yaml': MSP,
      'templates/checklists/monthly.md': TEMPLATE,
      'content/clients/acme/index.md': profile(profileExtra),
      ...files,
    }).map(([path, text]) => ({ path, text })),
  );
  const problems = [...set.diagnostics, ...validateContentReferences(set)];
  if (problems.length || !set.msp) throw new Error(problems.map(formatDiagnostic).join('\n'));
  return { ...set, msp: set.msp };
}

const automatic = (set: ReturnType<typeof content>, month: string) =>
  planMonth(set, month).find((issue) => issue.tier === 'automatic');

describe('planMonth with RMM evidence', () => {
  it('gives each automatic item that names RMM checks its verdict; others get none', () => {
    const issue = automatic(
      content({ 'content/evidence/acme/2026-12.json': evidence('2026-12', 'no-disk') }),
      '2026-12',
    );
    expect(issue?.items.map((item) => [item.id, item.evidence])).toEqual([
      [
        'rmm-disk',
        {
          status: 'not-proven',
          rmm: 'tactical',
          exportDate: '2026-12-01',
          devices: 2,
          checks: 1,
          problems: ['AC-FRONT1: no diskspace check'],
        },
      ],
      [
        'rmm-services',
        { status: 'proven', rmm: 'tactical', exportDate: '2026-12-01', devices: 2, checks: 2, problems: [] },
      ],
      ['rmm-stop', undefined],
    ]);
  });

  it('says there is no evidence when the month has no file', () => {
    const issue = automatic(
      content({ 'content/evidence/acme/2026-11.json': evidence('2026-11') }),
      '2026-12',
    );
    expect(issue?.items[0]?.evidence).toMatchObject({ status: 'none', devices: 0, checks: 0 });
  });

  it('renders proven items pre-ticked with the proof, others open with the reasons; the archive keeps both', () => {
    const issue = automatic(
      content({ 'content/evidence/acme/2026-12.json': evidence('2026-12', 'no-disk') }),
      '2026-12',
    );
    if (!issue) throw new Error('no automatic issue');
    const body = renderIssueBody(issue, 'https://docs.msp.example');
    expect(body.split('\n').filter((line) => /item:|RMM:/.test(line))).toEqual([
      '- [ ] Confirm disk alerting <!-- item:rmm-disk -->',
      '  <br><sub>RMM: **not proven** in tactical export of 2026-12-01 · 2 devices, 1 check · AC-FRONT1: no diskspace check</sub>',
      '- [x] Confirm service alerting <!-- item:rmm-services -->',
      '  <br><sub>RMM: **proven** by tactical export of 2026-12-01 · 2 devices, 2 checks</sub>',
      '- [ ] Confirm stop-error alerting by a test alert <!-- item:rmm-stop -->',
    ]);
    const parsed = parseChecklistIssue(
      {
        number: 7,
        url: 'https://github.com/msp/binders/issues/7',
        body: body.replace('- [ ] Confirm stop-error', '- [x] Confirm stop-error'),
        labels: issue.labels,
        state: 'closed',
        stateReason: 'completed',
        closedAt: '2026-12-03T10:00:00Z',
        closedBy: 'noc-amy',
        assignees: [],
      },
      [
        {
          author: 'noc-amy',
          createdAt: '2026-12-03T09:00:00Z',
          body: 'rmm-disk: the front desk PC needs a disk check',
        },
      ],
    );
    const items = parsed?.checklist.items ?? [];
    expect(
      items.map((item) => [item.id, item.status, item.evidence?.status, item.evidence?.problems]),
    ).toEqual([
      ['rmm-disk', 'not-done', 'not-proven', ['AC-FRONT1: no diskspace check']],
      ['rmm-services', 'done', 'proven', []],
      ['rmm-stop', 'done', undefined, undefined],
    ]);
    // Written to the archive and read back by the checker's schema, the verdict is still there.
    const text = renderArchivedChecklist(parsed?.checklist ?? (undefined as never));
    const archived = ArchivedChecklistSchema.parse(parseMarkdownWithFrontmatter('a.md', text).data);
    expect(archived.items[1]?.evidence).toEqual(items[1]?.evidence);
  });

  it('escapes what the RMM names, so a host name cannot become Markdown or a task box', () => {
    const hostile = evidence('2026-12', 'no-disk').replace('"AC-FRONT1"', '"- [x] <b>PC</b> · *1*"');
    const issue = automatic(content({ 'content/evidence/acme/2026-12.json': hostile }), '2026-12');
    if (!issue) throw new Error('no automatic issue');
    const line = renderIssueBody(issue, 'https://docs.msp.example')
      .split('\n')
      .find((text) => text.includes('not proven'));
    expect(line).toBe(
      '  <br><sub>RMM: **not proven** in tactical export of 2026-12-01 · 2 devices, 1 check · - \\[x\\] &lt;b&gt;PC&lt;/b&gt; - \\*1\\*: no diskspace check</sub>',
    );
  });
});

describe('graduation', () => {
  const threeMonths = {
    'content/evidence/acme/2026-10.json': evidence('2026-10'),
    'content/evidence/acme/2026-11.json': evidence('2026-11'),
    'content/evidence/acme/2026-12.json': evidence('2026-12'),
  };

  it('offers an item proven graduateAfter months in a row, up to the latest evidence', () => {
    const set = content(threeMonths);
    const templates = new Map([...set.templates].map(([name, entry]) => [name, entry.template]));
    const candidates = graduationCandidates(
      set.clients,
      templates,
      indexEvidence(set.evidence),
      set.msp,
      '2026-12',
    );
    expect(candidates.map((candidate) => [candidate.id, candidate.since, candidate.months])).toEqual([
      ['rmm-disk', '2026-10', 3],
      ['rmm-services', '2026-10', 3],
    ]);
    // Before December's evidence is fetched (the 1st, early), November's is the latest.
    const early = content({
      'content/msp.yaml': `${MSP}graduateAfter: 2\n`,
      'content/evidence/acme/2026-10.json': evidence('2026-10'),
      'content/evidence/acme/2026-11.json': evidence('2026-11'),
    });
    expect(
      graduationCandidates(early.clients, templates, indexEvidence(early.evidence), early.msp, '2026-12').map(
        (candidate) => [candidate.id, candidate.since, candidate.months],
      ),
    ).toEqual([
      ['rmm-disk', '2026-10', 2],
      ['rmm-services', '2026-10', 2],
    ]);
  });

  it('does not offer an item with a gap in its run, or with fewer months than graduateAfter', () => {
    const gap = content({
      ...threeMonths,
      'content/evidence/acme/2026-11.json': evidence('2026-11', 'no-disk'),
    });
    const templates = new Map([...gap.templates].map(([name, entry]) => [name, entry.template]));
    expect(
      graduationCandidates(gap.clients, templates, indexEvidence(gap.evidence), gap.msp, '2026-12').map(
        (c) => c.id,
      ),
    ).toEqual(['rmm-services']);
    const strict = content({ ...threeMonths, 'content/msp.yaml': `${MSP}graduateAfter: 4\n` });
    expect(
      graduationCandidates(strict.clients, templates, indexEvidence(strict.evidence), strict.msp, '2026-12'),
    ).toEqual([]);
  });

  it('a graduated item stays off while proven, and comes back with the reason when its evidence fails', () => {
    const skip = graduationSkip({ id: 'rmm-disk', since: '2026-10', months: 3 }, 'tactical', '2026-12-02');
    const graduated = `overrides:\n  skip:\n    - { id: rmm-disk, reason: ${JSON.stringify(skip.reason)}, graduated: 2026-12-02 }\n`;
    const proven = content({ 'content/evidence/acme/2027-01.json': evidence('2027-01') }, graduated);
    expect(automatic(proven, '2027-01')?.items.map((item) => item.id)).toEqual(['rmm-services', 'rmm-stop']);

    const failing = content(
      { 'content/evidence/acme/2027-01.json': evidence('2027-01', 'no-disk') },
      graduated,
    );
    const issue = automatic(failing, '2027-01');
    const back = issue?.items.find((item) => item.id === 'rmm-disk');
    expect(back).toMatchObject({ graduated: '2026-12-02', evidence: { status: 'not-proven' } });
    const body = renderIssueBody(issue ?? (undefined as never), 'https://docs.msp.example');
    expect(body).toContain(
      "- [ ] Confirm disk alerting <!-- item:rmm-disk -->\n  <br><sub>Back on the checklist: it left on 2026-12-02 on RMM evidence, and this month's evidence does not prove it.</sub>\n  <br><sub>RMM: **not proven** in tactical export of 2027-01-01 · 2 devices, 1 check · AC-FRONT1: no diskspace check</sub>",
    );
    // No evidence at all is no proof either: the item comes back.
    expect(automatic(content({}, graduated), '2027-01')?.items.map((item) => item.id)).toContain('rmm-disk');
  });

  it('the override the staff home shows is what `binder graduate` writes, and `check` accepts it', () => {
    const skip = graduationSkip({ id: 'rmm-disk', since: '2026-10', months: 3 }, 'tactical', '2026-12-02');
    // Only the list entry: a profile with `overrides:` already (a move, an add) must not get a second one.
    const entry = graduationSkipEntry(skip);
    expect(entry).toBe(
      '- { id: rmm-disk, reason: "Proven by tactical RMM evidence 3 months in a row since 2026-10; comes back when its evidence stops being proven", graduated: 2026-12-02 }',
    );
    for (const text of [
      profile(),
      profile('overrides:\n  move: []\n'),
      profile('overrides:\n  skip:\n    - { id: system-log, reason: No event logs }\n  move: []\n'),
    ])
      expect(
        addSkipOverride(text, 'x', skip)
          .split('\n')
          .map((line) => line.trim()),
      ).toContain(entry);
    const before = profile(
      'overrides:\n  skip:\n    - { id: system-log, reason: No event logs }\n  move: []\n',
    );
    const after = addSkipOverride(before, 'content/clients/acme/index.md', skip);
    expect(after).toBe(
      before.replace(
        '    - { id: system-log, reason: No event logs }\n',
        `    - { id: system-log, reason: No event logs }\n    - { id: rmm-disk, reason: ${JSON.stringify(skip.reason)}, graduated: 2026-12-02 }\n`,
      ),
    );
    const set = parseContentSet(
      Object.entries({
        'content/msp.yaml': MSP,
        'templates/checklists/monthly.md': TEMPLATE,
        'content/clients/acme/index.md': after,
      }).map(([path, text]) => ({ path, text })),
    );
    expect([...set.diagnostics, ...validateContentReferences(set)]).toEqual([]);
    expect(set.clients[0]?.data.overrides.skip.at(-1)).toEqual(skip);
    // Without overrides, or without a skip list, the entry still lands where check expects it.
    for (const text of [profile(), profile('overrides:\n  move: []\n')]) {
      const edited = parseContentSet([
        { path: 'content/clients/acme/index.md', text: addSkipOverride(text, 'x', skip) },
      ]);
      expect(edited.clients[0]?.data.overrides.skip).toEqual([skip]);
    }
  });

  it('check rejects a graduated skip of an item the RMM cannot prove', () => {
    const set = parseContentSet(
      Object.entries({
        'content/msp.yaml': MSP,
        'templates/checklists/monthly.md': TEMPLATE,
        'content/clients/acme/index.md': profile(
          'overrides:\n  skip:\n    - { id: rmm-stop, graduated: 2026-12-02 }\n    - { id: system-log, graduated: 2026-12-02 }\n',
        ),
      }).map(([path, text]) => ({ path, text })),
    );
    expect(validateContentReferences(set).map(formatDiagnostic)).toEqual([
      'content/clients/acme/index.md:9:34: item `rmm-stop` is graduated, but RMM evidence cannot prove it: it is automatic but names no RMM checks (`rmm=`) Fix: remove `graduated` (a plain skip), or give the item `rmm=` checks in the template and keep it automatic',
      'content/clients/acme/index.md:10:36: item `system-log` is graduated, but RMM evidence cannot prove it: it is in the remote tier Fix: remove `graduated` (a plain skip), or give the item `rmm=` checks in the template and keep it automatic',
    ]);
  });
});
