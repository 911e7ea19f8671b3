import { describe, expect, it } from 'vitest';
import type { RepositoryFiles } from '../content/repository-files.ts';
import { INCOMPLETE_MARKER } from '../core/checklist-issue.ts';
import { planOf } from '../core/fixtures.test-support.ts';
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
const FILE = 'content/checklists/acme/2026-12-onsite.md';

describe('archiveIssues (in process)', () => {
  it('writes the archive of a closed issue once; the same bytes again are no change', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body
      .replace(/- \[ \] (Run the UPS)/, '- [x] $1')
      .replace(/- \[ \] (Client check-in)/, '- [x] $1');
    tracker.close(issue.number);
    const files = memoryFiles();
    const first = await archiveIssues({ issue: issue.number }, tracker, files, { progress });
    expect(first.archived).toEqual([{ number: issue.number, file: FILE, state: 'completed', changed: true }]);
    expect(files.files.get(FILE)).toContain('closedBy: jane-tech');
    const second = await archiveIssues({ month: '2026-12' }, tracker, files, { progress });
    expect(second.archived).toEqual([
      { number: issue.number, file: FILE, state: 'completed', changed: false },
    ]);
    expect(tracker.writeCount()).toBe(0);
  });

  it('comments once and labels an issue closed with items neither ticked nor explained', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    tracker.close(issue.number);
    const files = memoryFiles();
    const first = await archiveIssues({ issue: issue.number }, tracker, files, { progress });
    expect(first.commentsPosted).toBe(1);
    expect(issue.labels).toContain('incomplete');
    expect(issue.comments.filter((comment) => comment.body.includes(INCOMPLETE_MARKER))).toHaveLength(1);
    const second = await archiveIssues({ since: '2026-12-01' }, tracker, files, { progress });
    expect(second.commentsPosted).toBe(0);
    expect(issue.comments.filter((comment) => comment.body.includes(INCOMPLETE_MARKER))).toHaveLength(1);
  });

  it('skips issues that are open, not checklists, or missing', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    const other = tracker.seedIssue({ title: 'Printer jam', body: 'It jams.', labels: ['checklist'] });
    tracker.close(other.number);
    const files = memoryFiles();
    const summary = await archiveIssues({ month: '2026-12' }, tracker, files, { progress });
    expect(summary.archived).toEqual([]);
    expect(summary.skipped.map((skip) => skip.number)).toEqual([issue.number]);
    const missing = await archiveIssues({ issue: 99 }, tracker, files, { progress });
    expect(missing.skipped).toEqual([{ number: 99, reason: 'is not an issue (missing, or a pull request)' }]);
    expect(files.files.size).toBe(0);
  });

  it('a body wiped by accident is reported and never archived over a good archive', async () => {
    const { tracker, issue } = trackerWithOnsiteIssue();
    issue.body = issue.body.replace(/- \[ \]/g, '- [x]');
    tracker.close(issue.number);
    const files = memoryFiles();
    await archiveIssues({ issue: issue.number }, tracker, files, { progress });
    const good = files.files.get(FILE);
    expect(good).toContain('state: completed');
    issue.body = '';
    issue.updatedAt = '2026-12-30T00:00:00Z';
    const summary = await archiveIssues({ since: '2026-12-01' }, tracker, files, { progress });
    expect(summary.archived).toEqual([]);
    expect(summary.skipped).toEqual([
      { number: issue.number, reason: expect.stringContaining('no task list') },
    ]);
    expect(files.files.get(FILE)).toBe(good);
  });
});
