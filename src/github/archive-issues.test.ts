import { describe, expect, it } from 'vitest';
import type { RepositoryFiles } from '../content/repository-files.ts';
import { INCOMPLETE_MARKER } from '../core/checklist-issue.ts';
import { contentOf, planOf, SMALL_MSP } from '../core/fixtures.test-support.ts';
import { renderIssueBody } from '../core/issue-body.ts';
import { archiveIssues } from './archive-issues.ts';
import { InMemoryTracker } from './in-memory-tracker.ts';

/** Repository files held in a map. */
function memoryFiles(initial: Record<string, string> = {}): RepositoryFiles & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    read: async (file) => files.get(file),
    write: async (file, text) => {
      files.set(file, text);
    },
  };
}

/** A tracker holding December's Acme onsite issue, as sync would have created it. */
function trackerWithOnsiteIssue() {
  const tracker = new InMemoryTracker();
  const planned = planOf('2026-12').find((issue) => issue.key === 'acme/2026-12/onsite');
  if (!planned) throw new Error('no onsite issue planned');
  const issue = tracker.seedIssue({
    title: planned.title,
    body: renderIssueBody(planned, 'https://docs.test-msp.example'),
    labels: planned.labels,
    assignees: planned.assignees,
  });
  return { tracker, issue };
}

const progress = () => {};
/** The repository's content the archive checks its files against. */
const CONTENT = contentOf(SMALL_MSP);
const FILE = 'content/checklists/acme/2026-12-onsite.md';

describe('archiveIssues (in process)', () => {
  it('writes the archive of a closed issue once; the same bytes again are no change', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body
      .replace(/- \[ \] (Run the UPS)/, '- [x] $1')
      .replace(/- \[ \] (Client check-in)/, '- [x] $1');
    tracker.close(issue.number);
    const files = memoryFiles();
    const first = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(first.archived).toEqual([{ number: issue.number, file: FILE, state: 'completed', changed: true }]);
    expect(files.files.get(FILE)).toContain('closedBy: jane-tech');
    const second = await archiveIssues({ month: '2026-12' }, tracker, files, { progress, content: CONTENT });
    expect(second.archived).toEqual([
      { number: issue.number, file: FILE, state: 'completed', changed: false },
    ]);
    expect(tracker.writeCount()).toBe(0);
    // A month's listing holds every issue of its keys: no request per key to find an older one.
    expect(tracker.calls.filter((call) => call.method === 'listIssues')).toHaveLength(2);
  });

  it('a --since run over several keys of one month lists that month once, not once per key', async () => {
    const tracker = new InMemoryTracker();
    const planned = planOf('2026-12');
    for (const issue of planned) {
      const seeded = tracker.seedIssue({
        title: issue.title,
        body: renderIssueBody(issue, 'https://docs.test-msp.example'),
        labels: issue.labels,
        assignees: issue.assignees,
      });
      tracker.close(seeded.number);
    }
    expect(new Set(planned.map((issue) => issue.key)).size).toBeGreaterThan(1);
    const summary = await archiveIssues({ since: '2026-12-01' }, tracker, memoryFiles(), {
      progress,
      content: CONTENT,
    });
    expect(summary.archived.length + summary.skipped.length).toBe(planned.length);
    // One listing selects the issues; one more lists December to find each key's older issue.
    expect(tracker.calls.filter((call) => call.method === 'listIssues')).toHaveLength(2);
  });

  it('comments once and labels an issue closed with items neither ticked nor explained', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.close(issue.number);
    const files = memoryFiles();
    const first = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(first.commentsPosted).toBe(1);
    expect(issue.labels).toContain('incomplete');
    expect(issue.comments.filter((comment) => comment.body.includes(INCOMPLETE_MARKER))).toHaveLength(1);
    const second = await archiveIssues({ since: '2026-12-01' }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(second.commentsPosted).toBe(0);
    expect(issue.comments.filter((comment) => comment.body.includes(INCOMPLETE_MARKER))).toHaveLength(1);
  });

  it('skips issues that are open, not checklists, or missing', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    const other = tracker.seedIssue({ title: 'Printer jam', body: 'It jams.', labels: ['checklist'] });
    tracker.close(other.number);
    const files = memoryFiles();
    const summary = await archiveIssues({ month: '2026-12' }, tracker, files, { progress, content: CONTENT });
    expect(summary.archived).toEqual([]);
    expect(summary.skipped.map((skip) => skip.number)).toEqual([issue.number]);
    const missing = await archiveIssues({ issue: 99 }, tracker, files, { progress, content: CONTENT });
    expect(missing.skipped).toEqual([
      { number: 99, reason: 'is not an issue (missing, or a pull request)', kind: 'ignored' },
    ]);
    expect(files.files.size).toBe(0);
  });

  it('a body wiped by accident is reported and never archived over a good archive', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body.replace(/- \[ \]/g, '- [x]');
    tracker.close(issue.number);
    const files = memoryFiles();
    await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: CONTENT });
    const good = files.files.get(FILE);
    expect(good).toContain('state: completed');
    issue.body = '';
    issue.updatedAt = '2026-12-30T00:00:00Z';
    const summary = await archiveIssues({ since: '2026-12-01' }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(summary.archived).toEqual([]);
    expect(summary.skipped).toEqual([
      { number: issue.number, reason: expect.stringContaining('no task list'), kind: 'refused' },
    ]);
    expect(files.files.get(FILE)).toBe(good);
  });

  it('refuses a key whose marker and labels disagree, or that names no client, and writes nothing', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body.replace('acme/2026-12/onsite', 'globex/2026-12/onsite');
    tracker.close(issue.number);
    const files = memoryFiles();
    const conflict = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(conflict.skipped[0]?.kind).toBe('refused');
    expect(conflict.skipped[0]?.reason).toContain(
      'marker says `globex/2026-12/onsite` but its labels say `acme/2026-12/onsite`',
    );
    const { 'content/clients/acme/index.md': _acme, ...withoutAcme } = SMALL_MSP;
    const noAcme = contentOf(withoutAcme);
    const ghost = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: noAcme,
    });
    expect(ghost.skipped[0]?.reason).toBeDefined();
    issue.body = issue.body.replace('globex/2026-12/onsite', 'acme/2026-12/onsite');
    const unknown = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: noAcme,
    });
    expect(unknown.skipped[0]?.reason).toContain('names client `acme`, which has no folder');
    expect(files.files.size).toBe(0);
  });

  it('needs the marker and the labels both, each label once: one of them alone, or two client labels, is refused', async () => {
    const cases: [string, (issue: { body: string; labels: string[] }) => void, string][] = [
      [
        'marker only',
        (issue) => {
          issue.labels = ['checklist'];
        },
        'its `client:`, `month:` and `tier:` labels are missing',
      ],
      [
        'labels only',
        (issue) => {
          issue.body = issue.body.replace(/<!-- msp-binder [^\n]*-->/, '');
        },
        'its hidden marker is missing',
      ],
      [
        'two client labels',
        (issue) => {
          issue.labels = [...issue.labels, 'client:globex'];
        },
        'more than one `client:` label (client:acme, client:globex)',
      ],
      [
        'two month labels',
        (issue) => {
          issue.labels = ['month:2026-11', ...issue.labels];
        },
        'more than one `month:` label',
      ],
    ];
    for (const [name, tamper, reason] of cases) {
      const { tracker, issue } = trackerWithOnsiteIssue();
      issue.body = issue.body.replace(/- \[ \]/g, '- [x]');
      tamper(issue);
      tracker.close(issue.number);
      const files = memoryFiles();
      const named = await archiveIssues({ issue: issue.number }, tracker, files, {
        progress,
        content: CONTENT,
      });
      expect(named.archived, name).toEqual([]);
      expect(named.skipped, name).toEqual([
        { number: issue.number, kind: 'refused', reason: expect.stringContaining(reason) },
      ]);
      const batch = await archiveIssues({ month: '2026-12' }, tracker, files, { progress, content: CONTENT });
      expect(batch.archived, name).toEqual([]);
      expect(files.files.size, name).toBe(0);
    }
  });

  it('never writes what check would reject: an edited item id, or an item the template lost mid-month; the run goes on', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    const globex = planOf('2026-12').find((planned) => planned.key === 'globex/2026-12/onsite');
    if (!globex) throw new Error('no globex issue');
    const other = tracker.seedIssue({
      title: globex.title,
      body: renderIssueBody(globex, 'https://docs.test-msp.example').replace(/- \[ \]/g, '- [x]'),
      labels: globex.labels,
    });
    issue.body = `${issue.body
      .replace(/- \[ \]/g, '- [x]')
      .replace(
        '<!-- item:ups-self-test -->',
        '<!-- item:ups-self-tset -->',
      )}- [x] Replaced the toner in the front-desk printer\n`;
    tracker.close(issue.number);
    tracker.close(other.number);
    const files = memoryFiles();
    const named = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(named.archived).toEqual([]);
    expect(named.skipped).toEqual([{ number: issue.number, kind: 'invalid', reason: expect.any(String) }]);
    const reason = named.skipped[0]?.reason ?? '';
    expect(reason).toContain('item `ups-self-tset` is not on acme');
    expect(reason).toContain('did you mean `ups-self-test`?');
    expect(reason).toContain('<!-- item:');
    expect(reason).not.toContain('added-replaced'); // an item the technician added is a feature, not a problem
    expect(files.files.size).toBe(0);

    const batch = await archiveIssues({ month: '2026-12' }, tracker, files, { progress, content: CONTENT });
    expect(batch.archived.map((entry) => entry.number)).toEqual([other.number]);
    expect(batch.skipped.map((entry) => [entry.number, entry.kind])).toEqual([[issue.number, 'invalid']]);
    expect([...files.files.keys()]).toEqual(['content/checklists/globex/2026-12-onsite.md']);

    // The template lost the UPS item after the issue was opened: its id is no longer on the checklist.
    issue.body = issue.body.replace('<!-- item:ups-self-tset -->', '<!-- item:ups-self-test -->');
    const tuned = contentOf({
      ...SMALL_MSP,
      'templates/checklists/monthly.md': (SMALL_MSP['templates/checklists/monthly.md'] ?? '').replace(
        '- Run the UPS self-test {#ups-self-test onsite}\n',
        '',
      ),
    });
    const lost = await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: tuned });
    expect(lost.skipped[0]).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('`ups-self-test`'),
    });
    expect(files.files.has(FILE)).toBe(false);
    // With the id restored and the template as it was, the same issue archives, its added item too.
    const fixed = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(fixed.archived.map((entry) => entry.file)).toEqual([FILE]);
    expect(files.files.get(FILE)).toContain('id: added-replaced-the-toner');
  });

  it('never archives a duplicate over the real issue, nor one issue over another issue’s archive', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body.replace(/- \[ \]/g, '- [x]');
    tracker.close(issue.number);
    const files = memoryFiles();
    await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: CONTENT });
    const good = files.files.get(FILE);
    const copy = tracker.seedIssue({
      title: issue.title,
      body: issue.body.replace(/- \[x\]/g, '- [ ]'),
      labels: [...issue.labels],
    });
    tracker.close(copy.number, 'duplicate');
    const duplicate = await archiveIssues({ issue: copy.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(duplicate.skipped[0]?.reason).toContain('duplicate');
    tracker.close(copy.number, 'completed');
    const other = await archiveIssues({ issue: copy.number }, tracker, files, { progress, content: CONTENT });
    expect(other.skipped[0]).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining(`is a duplicate of #${issue.number}`),
    });
    // The older issue gone from GitHub (deleted, transferred): its archive is still never overwritten.
    tracker.issues.splice(tracker.issues.indexOf(issue), 1);
    const orphan = await archiveIssues({ issue: copy.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(orphan.skipped[0]?.reason).toContain(`holds #${issue.number}'s checklist`);
    expect(files.files.get(FILE)).toBe(good);
  });

  it('the lowest-numbered issue owns a key: a duplicate closed first is skipped, and the real one archives later', async () => {
    const { tracker, issue: real } = trackerWithOnsiteIssue();
    real.body = real.body.replace(/- \[ \]/g, '- [x]');
    const duplicate = tracker.seedIssue({ title: real.title, body: real.body, labels: [...real.labels] });
    tracker.close(duplicate.number, 'not_planned');
    const files = memoryFiles();
    const nightly = await archiveIssues({ since: '2026-12-01' }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(nightly.archived).toEqual([]);
    expect(nightly.skipped).toEqual([
      { number: real.number, kind: 'ignored', reason: expect.any(String) },
      {
        number: duplicate.number,
        kind: 'refused',
        reason: expect.stringContaining(`is a duplicate of #${real.number}`),
      },
    ]);
    const named = await archiveIssues({ issue: duplicate.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(named.skipped[0]?.kind).toBe('refused');
    expect(files.files.size).toBe(0);
    expect(tracker.calls.filter((call) => call.method === 'listComments')).toEqual([]);
    tracker.close(real.number);
    const closed = await archiveIssues({ issue: real.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(closed.archived).toEqual([{ number: real.number, file: FILE, state: 'completed', changed: true }]);
  });

  it('the real issue replaces an archive a duplicate wrote before it (unedited), never one a person edited', async () => {
    const { tracker, issue: real } = trackerWithOnsiteIssue();
    real.body = real.body.replace(/- \[ \]/g, '- [x]');
    const duplicate = tracker.seedIssue({ title: real.title, body: real.body, labels: [...real.labels] });
    tracker.close(duplicate.number, 'not_planned');
    // The duplicate's archive as archive wrote it before the lowest number owned a key.
    const before = new InMemoryTracker();
    before.seedIssue({ ...duplicate, number: duplicate.number });
    const files = memoryFiles();
    await archiveIssues({ issue: duplicate.number }, before, files, { progress, content: CONTENT });
    expect(files.files.get(FILE)).toContain(`issue: ${duplicate.number}\n`);
    const edited = memoryFiles({ [FILE]: `${files.files.get(FILE)}\nA person's note.\n` });

    tracker.close(real.number);
    const replaced = await archiveIssues({ issue: real.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(replaced.archived).toEqual([
      { number: real.number, file: FILE, state: 'completed', changed: true },
    ]);
    expect(files.files.get(FILE)).toContain(`issue: ${real.number}\n`);
    const kept = await archiveIssues({ issue: real.number }, tracker, edited, { progress, content: CONTENT });
    expect(kept.skipped[0]?.reason).toContain('a person edited after it was archived');
  });

  it('leaves an archive a person edited, and says so; an untouched one follows the issue', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.close(issue.number);
    const files = memoryFiles();
    await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: CONTENT });
    issue.body = issue.body.replace(/- \[ \]/g, '- [x]');
    const followed = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(followed.archived[0]?.changed).toBe(true);
    const edited = (files.files.get(FILE) ?? '').replace('closedBy: jane-tech', 'closedBy: bob-onsite');
    files.files.set(FILE, edited);
    issue.body = issue.body.replace('- [x] Run the UPS', '- [ ] Run the UPS');
    const kept = await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: CONTENT });
    expect(kept.skipped[0]?.reason).toContain('a person edited after it was archived');
    expect(files.files.get(FILE)).toBe(edited);
  });

  it('archives only owners’, members’ and collaborators’ comments, and keeps one that quotes the marker', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.comment(issue.number, 'UPS self-test passed.', 'jane-tech', false, 'MEMBER');
    tracker.comment(issue.number, 'Buy cheap followers at spam.example', 'drive-by', false, 'NONE');
    tracker.comment(
      issue.number,
      'First time here, looks broken',
      'stranger',
      false,
      'FIRST_TIME_CONTRIBUTOR',
    );
    tracker.comment(
      issue.number,
      'Quoting the top: `<!-- msp-binder {"v":2} -->` is the marker.',
      'jane-tech',
    );
    tracker.close(issue.number);
    const files = memoryFiles();
    const summary = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(summary.outsiderComments).toBe(2);
    const text = files.files.get(FILE) ?? '';
    expect(text).toContain('UPS self-test passed.');
    expect(text).toContain('is the marker.');
    expect(text).not.toContain('spam.example');
    expect(text).not.toContain('looks broken');
  });

  it('keeps the comments of logins the content names as staff, whatever GitHub says their association is', async () => {
    // A member whose organisation membership is private shows as CONTRIBUTOR or NONE to the workflow's token.
    const content = contentOf({
      ...SMALL_MSP,
      'content/msp.yaml': `${SMALL_MSP['content/msp.yaml']}staff:\n  noc-bob: Bob Reyes\n`,
      'content/clients/acme/index.md': (SMALL_MSP['content/clients/acme/index.md'] ?? '').replace(
        'visit: second tuesday\n',
        'visit: second tuesday\nowner: marco-onsite\nassignees:\n  remote: [amy-helpdesk]\n',
      ),
    });
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.comment(issue.number, 'UPS self-test passed (jane).', 'Jane-Tech', false, 'NONE');
    tracker.comment(
      issue.number,
      'Check-in done with the office manager (marco).',
      'marco-onsite',
      false,
      'CONTRIBUTOR',
    );
    tracker.comment(issue.number, 'Remote side fine (amy).', 'amy-helpdesk', false, 'NONE');
    tracker.comment(issue.number, 'Alerts fine (bob).', 'noc-bob', false, 'NONE');
    tracker.comment(issue.number, 'Buy followers at spam.example', 'drive-by', false, 'NONE');
    tracker.close(issue.number);
    const files = memoryFiles();
    const summary = await archiveIssues({ issue: issue.number }, tracker, files, { progress, content });
    expect(summary.outsiderComments).toBe(1);
    const text = files.files.get(FILE) ?? '';
    for (const who of ['(jane)', '(marco)', '(amy)', '(bob)']) expect(text).toContain(who);
    expect(text).not.toContain('spam.example');
  });

  it('redacts a secret, asks once for it to be rotated, and stays byte-stable on re-archiving', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    const token = `ghp_${'Zq7'.repeat(12)}`;
    tracker.comment(issue.number, `Firewall admin password: Harbor2026! and the API token ${token}`);
    tracker.close(issue.number);
    const files = memoryFiles();
    const first = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    const text = files.files.get(FILE) ?? '';
    expect(text).not.toContain('Harbor2026!');
    expect(text).not.toContain(token);
    expect(text).toContain('[redacted: looks like a password; store it in the password manager]');
    expect(first.secretsRedacted).toBe(1);
    const reminders = () => issue.comments.filter((comment) => comment.body.includes('rotate the secret'));
    expect(reminders()).toHaveLength(1);
    const second = await archiveIssues({ since: '2026-12-01' }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(second.archived[0]?.changed).toBe(false);
    expect(reminders()).toHaveLength(1);
  });

  it('redacts secrets as technicians write them, in an item’s N/A note in the body and in comments', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body.replace(/(Run the UPS self-test)/, '$1 — n/a: UPS web admin pw: Kibble#2024');
    tracker.comment(
      issue.number,
      '**Password:** Kibble#2024\n\nReset the NAS; **Wi-Fi password**: WoofWoof-7781. Changed the admin password to Tr0ub4dor&3 today. router admin/Hunter2024! BitLocker recovery key 123456-654321-111111-222222-333333-444444-555555-666666',
    );
    tracker.close(issue.number);
    const files = memoryFiles();
    const summary = await archiveIssues({ issue: issue.number }, tracker, files, {
      progress,
      content: CONTENT,
    });
    expect(summary.archived).toHaveLength(1);
    const text = files.files.get(FILE) ?? '';
    for (const secret of ['Kibble#2024', 'WoofWoof-7781', 'Tr0ub4dor&3', 'Hunter2024!', '123456-654321'])
      expect(text).not.toContain(secret);
    expect(summary.secretsRedacted).toBe(2);
  });

  it('a comment starting “For the client:” is client-visible, with the note drawn from it; others are staff-only', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.comment(issue.number, 'For the client: the UPS self-test was postponed, the unit is on order.');
    tracker.comment(issue.number, 'Check-in skipped, office manager was out (again).');
    tracker.close(issue.number);
    const files = memoryFiles();
    await archiveIssues({ issue: issue.number }, tracker, files, { progress, content: CONTENT });
    const text = files.files.get(FILE) ?? '';
    expect(text).toMatch(
      /- id: ups-self-test\n {4}text: [^\n]+\n {4}status: not-done\n {4}note: the UPS self-test was postponed, the unit is on order.\n {4}noteVisibility: client/,
    );
    expect(text).toMatch(
      /- id: checkin-contact\n {4}text: [^\n]+\n {4}status: not-done\n {4}note: Check-in skipped/,
    );
    expect(text).toMatch(/visibility: client\n {4}body: "?For the client:/);
    expect(text).toMatch(/visibility: internal\n {4}body: "?Check-in skipped/);
  });
});
