import { describe, expect, it } from 'vitest';
import type { ChecklistComment } from './archive-render.ts';
import { renderArchivedChecklist } from './archive-render.ts';
import {
  type IssueSnapshot,
  parseChecklistIssue,
  renderIncompleteComment,
  stripClientPrefix,
} from './parse-issue.ts';

const MARKER =
  '<!-- msp-binder {"v":2,"key":"harbor-dental/2026-12/onsite","template":"monthly","due":"2026-12-08"} -->';
const HEADER = `${MARKER}\n**Client:** Harbor Dental · **Tier:** onsite · **Due:** Tue 2026-12-08 (second tuesday, America/New_York)\n`;

function issue(body: string, overrides: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    number: 42,
    url: 'https://github.com/tidewater-it/binders/issues/42',
    body,
    labels: ['checklist', 'tier:onsite', 'client:harbor-dental', 'month:2026-12'],
    state: 'closed',
    stateReason: 'completed',
    closedAt: '2026-12-08T19:02:11Z',
    closedBy: 'jane-tech',
    assignees: ['jane-tech'],
    ...overrides,
  };
}

const comment = (author: string, createdAt: string, body: string): ChecklistComment => ({
  author,
  createdAt,
  body,
});
const statuses = (body: string, comments: ChecklistComment[] = [], overrides: Partial<IssueSnapshot> = {}) =>
  parseChecklistIssue(issue(body, overrides), comments)?.checklist.items.map(
    (item) => `${item.id}: ${item.status}${item.note ? ` (${item.note})` : ''}`,
  );

describe('parseChecklistIssue', () => {
  it('maps ticks, blanks, strike-throughs and N/A to statuses by hidden id', () => {
    const body = `${HEADER}
### Onsite

- [x] Run the UPS self-test <!-- item:ups-self-test -->
  <sub>help</sub>
- [X] Client check-in <!-- item:checkin-contact -->
- [ ] Verify the backup <!-- item:backup-verify -->
- [ ] ~~Label the rotated media~~ <!-- item:backup-media-offsite -->
- [x] ~~Check the server room~~ <!-- item:server-room-walkthrough -->
- [ ] Test-restore a sample of files — N/A: restore tested by the vendor this quarter <!-- item:test-restore -->
- [ ] Update the tech notes n/a <!-- item:update-tech-notes -->
`;
    expect(statuses(body)).toMatchInlineSnapshot(`
      [
        "ups-self-test: done",
        "checkin-contact: done",
        "backup-verify: not-done",
        "backup-media-offsite: not-applicable",
        "server-room-walkthrough: not-applicable",
        "test-restore: not-applicable (restore tested by the vendor this quarter)",
        "update-tech-notes: not-applicable",
      ]
    `);
  });

  it('survives edited text, reordering, added items, CRLF and nested lists', () => {
    const body = `${HEADER}\r\n### Onsite\r\n\r\n- [ ] Client check-in (asked Tom) <!-- item:checkin-contact -->\r\n- [x] Ran UPS test, 38 min runtime <!-- item:ups-self-test -->\r\n  - [x] Replaced the printer toner\r\n* [x] Replaced the printer toner\r\n- [ ] Checked the  fridge  thermometer\r\n`;
    expect(statuses(body)).toMatchInlineSnapshot(`
      [
        "checkin-contact: not-done",
        "ups-self-test: done",
        "added-replaced-the-printer-toner: done",
        "added-checked-the-fridge-thermometer: not-done",
      ]
    `);
  });

  it('takes notes from comments that mention an item', () => {
    const body = `${HEADER}\n- [ ] Verify last night's backup completed and a sample file opens <!-- item:backup-verify -->\n- [ ] Test-restore a sample of files <!-- item:test-restore -->\n- [ ] Run the UPS self-test <!-- item:ups-self-test -->\n`;
    const comments = [
      comment(
        'jane-tech',
        '2026-12-08T18:10:00Z',
        'Backup drive was at the owner\u2019s home, so the backup could not be verified or test-restored.\n\nWill do next visit.',
      ),
      comment(
        'jane-tech',
        '2026-12-08T18:00:00Z',
        'ups-self-test: the UPS is in bypass; ticket 4411 opened.',
      ),
    ];
    const parsed = parseChecklistIssue(issue(body), comments);
    expect(parsed?.checklist.items).toMatchInlineSnapshot(`
      [
        {
          "id": "backup-verify",
          "note": "Backup drive was at the owner’s home, so the backup could not be verified or test-restored.",
          "status": "not-done",
          "text": "Verify last night's backup completed and a sample file opens",
        },
        {
          "id": "test-restore",
          "note": "Backup drive was at the owner’s home, so the backup could not be verified or test-restored.",
          "status": "not-done",
          "text": "Test-restore a sample of files",
        },
        {
          "id": "ups-self-test",
          "note": "ups-self-test: the UPS is in bypass; ticket 4411 opened.",
          "status": "not-done",
          "text": "Run the UPS self-test",
        },
      ]
    `);
    expect(parsed?.checklist.comments.map((entry) => entry.at)).toEqual([
      '2026-12-08T18:00:00Z',
      '2026-12-08T18:10:00Z',
    ]);
    expect(parsed?.checklist.state).toBe('incomplete');
    expect(parsed?.unexplained).toEqual([]);
  });

  it('derives the state from state_reason and the items', () => {
    const done = `${HEADER}\n- [x] A thing <!-- item:a -->\n- [ ] ~~B thing~~ <!-- item:b -->\n`;
    const open = `${HEADER}\n- [x] A thing <!-- item:a -->\n- [ ] B thing <!-- item:b -->\n`;
    expect(parseChecklistIssue(issue(done), [])?.checklist.state).toBe('completed');
    expect(parseChecklistIssue(issue(open), [])?.checklist.state).toBe('incomplete');
    expect(parseChecklistIssue(issue(open), [])?.unexplained.map((item) => item.id)).toEqual(['b']);
    expect(parseChecklistIssue(issue(open, { stateReason: 'not_planned' }), [])?.checklist.state).toBe(
      'skipped',
    );
    const reopened = parseChecklistIssue(
      issue(open, { state: 'open', stateReason: 'reopened', closedAt: null, closedBy: null }),
      [],
    )?.checklist;
    expect(reopened).toMatchObject({ state: 'reopened', closedAt: null, closedBy: null });
  });

  it('reads the due date from the marker, not from the prose a technician can edit', () => {
    const edited = parseChecklistIssue(
      issue(`${MARKER}\n**Due:** Fri 2027-03-05\n- [x] A <!-- item:a -->\n`),
      [],
    );
    expect(edited?.checklist.dueDate).toBe('2026-12-08');
  });

  it('takes “For the client:” in bold or italics, as the issue body itself shows it, for the client', () => {
    const body = `${HEADER}- [ ] Run the UPS self-test <!-- item:ups-self-test -->\n- [ ] Client check-in <!-- item:checkin-contact -->\n- [ ] Verify the backup <!-- item:backup-verify -->\n`;
    const parsed = parseChecklistIssue(issue(body), [
      comment(
        'jane-tech',
        '2026-12-08T10:00:00Z',
        '**For the client:** UPS self-test postponed, new battery ordered',
      ),
      comment(
        'jane-tech',
        '2026-12-08T10:01:00Z',
        '_For the client_: client check-in moved, the office manager was out',
      ),
      comment(
        'jane-tech',
        '2026-12-08T10:02:00Z',
        '**For the client**: backup verify waits for the new drive',
      ),
      comment(
        'jane-tech',
        '2026-12-08T10:03:00Z',
        'Not for the client: the backup drive is at the owner’s home',
      ),
    ])?.checklist;
    expect(parsed?.comments.map((entry) => entry.visibility)).toEqual([
      'client',
      'client',
      'client',
      'internal',
    ]);
    expect(parsed?.items.map((item) => [item.note, item.noteVisibility])).toEqual([
      ['UPS self-test postponed, new battery ordered', 'client'],
      ['client check-in moved, the office manager was out', 'client'],
      ['backup verify waits for the new drive', 'client'],
    ]);
    expect(stripClientPrefix('**For the client:** the UPS is fine')).toBe('the UPS is fine');
    expect(stripClientPrefix('For the client: **very important** news')).toBe('**very important** news');
  });

  it('is no checklist without its marker, or without its labels: one alone cannot be trusted', () => {
    expect(
      parseChecklistIssue(issue('**Due:** Tue 2026-12-08\n- [x] A <!-- item:a -->\n'), []),
    ).toBeUndefined();
    expect(
      parseChecklistIssue(issue(`${HEADER}- [x] A <!-- item:a -->\n`, { labels: ['checklist'] }), []),
    ).toBeUndefined();
  });

  it('is not fooled by issues that are no checklist, or task lists inside code blocks', () => {
    expect(parseChecklistIssue(issue('- [x] something', { labels: ['bug'] }), [])).toBeUndefined();
    const fenced = `${HEADER}\n\`\`\`\n- [ ] not an item <!-- item:fake -->\n\`\`\`\n- [x] Real <!-- item:real -->\n`;
    expect(statuses(fenced)).toEqual(['real: done']);
  });

  it('renders the same bytes twice', () => {
    const body = `${HEADER}\n- [x] A <!-- item:a -->\n- [ ] B: it is "quoted" # not a comment <!-- item:b -->\n`;
    const comments = [
      comment('jane-tech', '2026-12-08T18:00:00Z', 'B could not be done: the closet was locked.'),
    ];
    const render = () => {
      const parsed = parseChecklistIssue(issue(body), comments);
      if (!parsed) throw new Error('not parsed');
      return renderArchivedChecklist(parsed.checklist);
    };
    expect(render()).toBe(render());
    expect(render()).toMatchInlineSnapshot(`
      "---
      client: harbor-dental
      month: 2026-12
      tier: onsite
      template: monthly
      issue: 42
      url: https://github.com/tidewater-it/binders/issues/42
      state: incomplete
      closedAt: 2026-12-08T19:02:11Z
      closedBy: jane-tech
      assignees:
        - jane-tech
      dueDate: 2026-12-08
      items:
        - id: a
          text: A
          status: done
        - id: b
          text: 'B: it is "quoted" # not a comment'
          status: not-done
          note: "B could not be done: the closet was locked."
      comments:
        - author: jane-tech
          at: 2026-12-08T18:00:00Z
          visibility: internal
          body: "B could not be done: the closet was locked."
      digest: sha256:02955fae71461e761e63a3460e6c975536d583c07a4fcee789010bcc807df389
      ---
      "
    `);
  });

  it('words the incomplete comment', () => {
    expect(
      renderIncompleteComment([{ id: 'b', text: 'Verify the backup', status: 'not-done' }], '2027-01'),
    ).toMatchInlineSnapshot(`
      "<!-- msp-binder:incomplete -->
      This checklist was closed with 1 item neither ticked nor explained:

      - Verify the backup

      They will be carried over to 2027-01. If an item was done, reopen the issue, tick it and close it again; if it could not be done or does not apply, say why in a comment."
    `);
  });
});
