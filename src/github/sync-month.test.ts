import { describe, expect, it } from 'vitest';
import { readIssueKey } from '../core/checklist-issue.ts';
import { planOf } from '../core/fixtures.test-support.ts';
import { InMemoryTracker } from './in-memory-tracker.ts';
import { TrackerError } from './issue-tracker.ts';
import { type SyncOptions, syncMonth } from './sync-month.ts';

const MONTH = '2026-12';
const options = (extra: Partial<SyncOptions> = {}): SyncOptions => ({
  month: MONTH,
  dryRun: false,
  milestones: true,
  siteUrl: 'https://docs.test-msp.example',
  progress: () => {},
  backoffMs: () => 0,
  ...extra,
});

function openKeys(tracker: InMemoryTracker): string[] {
  return tracker.issues
    .filter((issue) => issue.state === 'open')
    .map((issue) => readIssueKey(issue.body, issue.labels)?.key ?? `?${issue.number}`)
    .sort();
}

describe('syncMonth (in process)', () => {
  const plan = planOf(MONTH);
  const keys = plan.map((issue) => issue.key).sort();

  it('creates exactly the plan, one create each, and nothing on a second run', async () => {
    const tracker = new InMemoryTracker();
    const first = await syncMonth(plan, tracker, options());
    expect(first.created.map((created) => created.key).sort()).toEqual(keys);
    expect(tracker.calls.filter((call) => call.method === 'createIssue')).toHaveLength(plan.length);
    expect(openKeys(tracker)).toEqual(keys);
    expect(tracker.milestones.map((milestone) => milestone.title)).toEqual([MONTH]);
    const writes = tracker.writeCount();
    const second = await syncMonth(plan, tracker, options());
    expect(second.created).toEqual([]);
    expect(second.existing).toBe(plan.length);
    expect(tracker.writeCount()).toBe(writes);
  });

  it('stops at the budget with the rest left for a later run, which finishes', async () => {
    const tracker = new InMemoryTracker();
    const first = await syncMonth(plan, tracker, options({ maxCreates: 2 }));
    expect(first.created).toHaveLength(2);
    expect(first.remaining).toHaveLength(plan.length - 2);
    expect(first.remaining.every((left) => left.reason === 'budget reached')).toBe(true);
    const second = await syncMonth(plan, tracker, options());
    expect(second.created).toHaveLength(plan.length - 2);
    expect(openKeys(tracker)).toEqual(keys);
  });

  it('after a failed create, looks for the key before trying again: no duplicate either way', async () => {
    const tracker = new InMemoryTracker();
    // One create fails before GitHub applied it, one after (the response was lost).
    tracker.inject(
      { method: 'createIssue', failure: 'server' },
      { method: 'createIssue', failure: 'network', applied: true },
    );
    const summary = await syncMonth(plan, tracker, options());
    expect(openKeys(tracker)).toEqual(keys);
    expect(summary.created.filter((created) => created.recovered)).toHaveLength(1);
    expect(tracker.issues).toHaveLength(plan.length);
  });

  it('reconciles: a key found twice keeps the lowest number and closes the rest as duplicates', async () => {
    const tracker = new InMemoryTracker();
    await syncMonth(plan, tracker, options());
    const original = tracker.issues[0];
    if (!original) throw new Error('no issue');
    const copy = tracker.seedIssue({
      title: original.title,
      body: original.body,
      labels: [...original.labels],
    });
    const summary = await syncMonth(plan, tracker, options());
    expect(summary.duplicatesClosed).toEqual([
      { key: readIssueKey(original.body, original.labels)?.key, kept: original.number, closed: copy.number },
    ]);
    expect(tracker.issues.find((issue) => issue.number === copy.number)?.stateReason).toBe('duplicate');
    expect(openKeys(tracker)).toEqual(keys);
  });

  it('an issue whose marker or client label a technician deleted still counts: no second issue for its key', async () => {
    const tracker = new InMemoryTracker();
    await syncMonth(plan, tracker, options());
    const [first, second] = tracker.issues;
    if (!first || !second) throw new Error('no issues');
    first.body = first.body.replace(/<!-- msp-binder [^\n]*-->/, '');
    second.labels = second.labels.filter((label) => !label.startsWith('client:'));
    const again = await syncMonth(plan, tracker, options());
    expect(again.created).toEqual([]);
    expect(tracker.issues).toHaveLength(plan.length);
  });

  it('a token that may read but not write stops at once with a sentence naming the permission', async () => {
    const tracker = new InMemoryTracker();
    for (const label of [
      'checklist',
      'tier:automatic',
      'tier:remote',
      'tier:onsite',
      'incomplete',
      `month:${MONTH}`,
    ])
      tracker.labels.add(label);
    tracker.milestones.push({ number: 1, title: MONTH });
    tracker.canWrite = false;
    const started = performance.now();
    const failure = await syncMonth(plan, tracker, options({ backoffMs: () => 1000 })).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(TrackerError);
    expect((failure as TrackerError).failure).toBe('permission');
    expect((failure as TrackerError).transient).toBe(false);
    expect(tracker.writeCount()).toBeLessThanOrEqual(3);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('waits out a rate limit and then creates the issue', async () => {
    const tracker = new InMemoryTracker();
    tracker.inject({ method: 'createIssue', failure: 'rate-limit' });
    await syncMonth(plan, tracker, options());
    expect(openKeys(tracker)).toEqual(keys);
  });

  it('a dry run writes nothing and lists what it would create', async () => {
    const tracker = new InMemoryTracker();
    const summary = await syncMonth(plan, tracker, options({ dryRun: true }));
    expect(summary.wouldCreate.map((issue) => issue.key).sort()).toEqual(keys);
    expect(tracker.writeCount()).toBe(0);
  });
});
