import { lastDayOfMonth } from '../core/calendar.ts';
import { claimedIssueKeys, indexByKey, monthIssueLabels, standardLabels } from '../core/checklist-issue.ts';
import { renderIssueBody } from '../core/issue-body.ts';
import type { PlannedIssue } from '../core/plan-month.ts';
import { type IssueTracker, TrackerError } from './issue-tracker.ts';

/** Options for a sync run. */
export interface SyncOptions {
  /** The month being synced, `YYYY-MM`. */
  month: string;
  /** Show what would be created; write nothing. */
  dryRun: boolean;
  /** Stop after creating this many issues (a later run finishes). */
  maxCreates?: number;
  /** Create a `YYYY-MM` milestone and put the issues in it. */
  milestones: boolean;
  /** The site's base URL, for links in issue bodies. */
  siteUrl: string;
  /** Progress lines. */
  progress: (line: string) => void;
  /** Waits between attempts after a failure (ms); tests pass small values. */
  backoffMs?: (attempt: number) => number;
}

/** What a sync run did. */
export interface SyncSummary {
  /** Issues in the plan. */
  planned: number;
  /** Keys that already had an issue. */
  existing: number;
  /** Issues this run created (or found created after a failed request). */
  created: { key: string; number: number; title: string; recovered: boolean }[];
  /** Keys a dry run would create. */
  wouldCreate: PlannedIssue[];
  /** Keys left for a later run (budget reached or failures). */
  remaining: { key: string; reason: string }[];
  /** Duplicates closed while reconciling. */
  duplicatesClosed: { key: string; kept: number; closed: number }[];
  /** Labels created. */
  labelsCreated: string[];
  /** Milestone created, if any. */
  milestoneCreated?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes GitHub match a month's plan: creates each missing issue once, serially, and touches
 * nothing that exists (a technician may be ticking it). Existing issues are found by listing
 * with labels, never by the search API (its index lags, so search-based tools duplicate).
 * A create that fails with a 5xx or a dropped connection may have been applied, so the month is
 * listed again and the key looked for before any retry. Ends by reconciling: a key found twice
 * keeps its lowest number and the others are closed as duplicates.
 */
export async function syncMonth(
  plan: readonly PlannedIssue[],
  tracker: IssueTracker,
  options: SyncOptions,
): Promise<SyncSummary> {
  const backoff = options.backoffMs ?? ((attempt: number) => 1000 * 2 ** attempt);
  const listMonth = () => tracker.listIssues({ labels: monthIssueLabels(options.month), state: 'all' });
  const summary: SyncSummary = {
    planned: plan.length,
    existing: 0,
    created: [],
    wouldCreate: [],
    remaining: [],
    duplicatesClosed: [],
    labelsCreated: [],
  };
  options.progress('Checking access to the repository…');
  await tracker.verifyAccess();
  options.progress(`Listing the issues of ${options.month}…`);
  const listed = await listMonth();
  let byKey = indexByKey(listed);
  // An issue whose marker or label a technician deleted still holds its key's work: no second one.
  const claimed = new Set(listed.flatMap((issue) => claimedIssueKeys(issue.body, issue.labels)));
  const missing = plan.filter((issue) => !claimed.has(issue.key));
  summary.existing = plan.length - missing.length;
  if (options.dryRun) {
    summary.wouldCreate = missing;
    for (const issue of missing)
      options.progress(`would create: ${issue.title} (${issue.items.length} items, due ${issue.dueDate})`);
    return summary;
  }

  let milestone: number | undefined;
  if (missing.length > 0) {
    options.progress(
      `${missing.length} to create; checking labels${options.milestones ? ' and the milestone' : ''}…`,
    );
    const have = new Set(await tracker.listLabels());
    for (const label of standardLabels(options.month)) {
      if (have.has(label.name)) continue;
      await tracker.createLabel(label);
      summary.labelsCreated.push(label.name);
    }
    if (options.milestones) {
      const found = (await tracker.listMilestones()).find((candidate) => candidate.title === options.month);
      if (found) milestone = found.number;
      else {
        milestone = await tracker.createMilestone({
          title: options.month,
          dueOn: `${lastDayOfMonth(options.month)}T23:59:59Z`,
          description: `Maintenance checklists for ${options.month}`,
        });
        summary.milestoneCreated = options.month;
      }
    }
  }

  let relisted = false;
  for (const [index, issue] of missing.entries()) {
    if (options.maxCreates !== undefined && summary.created.length >= options.maxCreates) {
      summary.remaining.push(
        ...missing.slice(index).map((left) => ({ key: left.key, reason: 'budget reached' })),
      );
      break;
    }
    const body = renderIssueBody(issue, options.siteUrl);
    let done = false;
    for (let attempt = 0; attempt < 4 && !done; attempt++) {
      try {
        const created = await tracker.createIssue({
          title: issue.title,
          body,
          labels: issue.labels,
          assignees: issue.assignees,
          ...(milestone === undefined ? {} : { milestone }),
        });
        summary.created.push({
          key: issue.key,
          number: created.number,
          title: issue.title,
          recovered: false,
        });
        options.progress(
          `created #${created.number}: ${issue.title} (${summary.created.length}/${missing.length})`,
        );
        done = true;
      } catch (error) {
        if (!(error instanceof TrackerError) || !error.transient) throw error;
        options.progress(`${error.message} Checking whether GitHub created it anyway before retrying.`);
        await sleep(backoff(attempt));
        // Never retry a POST blindly: it may have been applied before the failure.
        try {
          byKey = indexByKey(await listMonth());
          relisted = true;
        } catch (listError) {
          if (!(listError instanceof TrackerError) || !listError.transient) throw listError;
          continue;
        }
        const found = byKey.get(issue.key)?.[0];
        if (found) {
          summary.created.push({ key: issue.key, number: found.number, title: issue.title, recovered: true });
          options.progress(`found #${found.number}: ${issue.title} was created despite the error`);
          done = true;
        }
      }
    }
    if (!done) summary.remaining.push({ key: issue.key, reason: 'GitHub kept failing' });
  }

  // Reconcile. Without creates or failures the first listing is still current: skip the re-list.
  if (summary.created.length > 0 || relisted) byKey = indexByKey(await listMonth());
  for (const [key, issues] of byKey) {
    const [keep, ...rest] = issues;
    if (!keep) continue;
    for (const duplicate of rest) {
      if (duplicate.state !== 'open') continue;
      await tracker.addComment(
        duplicate.number,
        `Duplicate of #${keep.number} (msp-binder keeps one issue per client, tier and month).`,
      );
      await tracker.closeIssue(duplicate.number, 'duplicate');
      summary.duplicatesClosed.push({ key, kept: keep.number, closed: duplicate.number });
      options.progress(`closed #${duplicate.number} as a duplicate of #${keep.number}`);
    }
  }
  return summary;
}

/** A Markdown summary for `$GITHUB_STEP_SUMMARY`. */
export function renderSyncSummary(month: string, summary: SyncSummary): string {
  const lines = [
    `## Checklist issues for ${month}`,
    '',
    `| Planned | Already there | Created | Left for a later run | Duplicates closed |`,
    `|---|---|---|---|---|`,
    `| ${summary.planned} | ${summary.existing} | ${summary.created.length} | ${summary.remaining.length} | ${summary.duplicatesClosed.length} |`,
  ];
  if (summary.created.length) {
    lines.push('', '### Created', '', ...summary.created.map((issue) => `- #${issue.number} ${issue.title}`));
  }
  if (summary.remaining.length) {
    lines.push(
      '',
      '### Left for the next run',
      '',
      ...summary.remaining.map((left) => `- ${left.key}: ${left.reason}`),
    );
  }
  if (summary.wouldCreate.length) {
    lines.push(
      '',
      '### Would create (dry run)',
      '',
      ...summary.wouldCreate.map((issue) => `- ${issue.title}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
