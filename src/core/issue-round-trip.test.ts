import { describe, expect, it } from 'vitest';
import { planOf } from './fixtures.test-support.ts';
import { renderIssueBody } from './issue-body.ts';
import { type IssueSnapshot, parseChecklistIssue } from './parse-issue.ts';

/**
 * The contract between the two ends of a checklist issue's life: what renderIssueBody writes,
 * a technician edits in GitHub's UI, and parseChecklistIssue reads back.
 */
describe('issue body round trip', () => {
  const planned = planOf('2026-12').find((issue) => issue.key === 'acme/2026-12/onsite');
  if (!planned) throw new Error('no onsite issue planned');
  const body = renderIssueBody(planned, 'https://docs.test-msp.example');
  const snapshot = (text: string): IssueSnapshot => ({
    number: 7,
    url: 'https://github.test/o/r/issues/7',
    body: text,
    labels: planned.labels,
    state: 'closed',
    stateReason: 'completed',
    closedAt: '2026-12-08T19:02:11Z',
    closedBy: 'jane-tech',
    assignees: planned.assignees,
  });

  it('an untouched body reads back as every planned item, not done, with key and due date', () => {
    const parsed = parseChecklistIssue(snapshot(body), []);
    expect(parsed?.key.key).toBe(planned.key);
    expect(parsed?.checklist.dueDate).toBe(planned.dueDate);
    expect(parsed?.checklist.items.map((item) => [item.id, item.text, item.status])).toEqual(
      planned.items.map((item) => [item.id, item.text, 'not-done']),
    );
  });

  it('ticks, a strike-through, a reworded line, reordering, CRLF and an added task all survive', () => {
    const lines = body.split('\n');
    const ups = lines.findIndex((line) => line.includes('item:ups-self-test'));
    const checkin = lines.findIndex((line) => line.includes('item:checkin-contact'));
    lines[ups] = (lines[ups] ?? '').replace(
      '- [ ] Run the UPS self-test',
      '- [X] Ran the UPS self-test (41 min)',
    );
    lines[checkin] = (lines[checkin] ?? '').replace(/- \[ \] (.*?) <!--/, '- [ ] ~~$1~~ <!--');
    [lines[ups], lines[checkin]] = [lines[checkin] ?? '', lines[ups] ?? ''];
    const edited = `${lines.join('\r\n')}\r\n- [x] Replaced the front-desk toner\r\n`;
    const items = parseChecklistIssue(snapshot(edited), [])?.checklist.items ?? [];
    expect(items).toEqual([
      { id: 'checkin-contact', text: 'Client check-in with the office manager', status: 'not-applicable' },
      { id: 'ups-self-test', text: 'Ran the UPS self-test (41 min)', status: 'done' },
      { id: 'added-replaced-the-front-desk-toner', text: 'Replaced the front-desk toner', status: 'done' },
    ]);
  });
});
