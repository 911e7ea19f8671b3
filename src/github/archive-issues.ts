import type { RepositoryFiles } from '../content/repository-files.ts';
import { renderArchivedChecklist } from '../core/archive-render.ts';
import { nextMonth } from '../core/calendar.ts';
import {
  CHECKLIST_LABEL,
  INCOMPLETE_LABEL,
  INCOMPLETE_MARKER,
  readIssueKey,
} from '../core/checklist-issue.ts';
import { archivePathFor } from '../core/content-paths.ts';
import { parseChecklistIssue, renderIncompleteComment } from '../core/parse-issue.ts';
import type { IssueTracker, TrackerIssue } from './issue-tracker.ts';

/** Which closed checklist issues to archive. */
export type ArchiveSelection = { issue: number } | { month: string } | { since: string };

/** One archived issue. */
export interface ArchivedIssue {
  /** Issue number. */
  number: number;
  /** Repository-relative file written. */
  file: string;
  /** The checklist's state. */
  state: string;
  /** Whether the file's bytes changed. */
  changed: boolean;
}

/** What an archive run did. */
export interface ArchiveSummary {
  /** Issues archived (changed or not). */
  archived: ArchivedIssue[];
  /** Issues looked at and not archived, with why. */
  skipped: { number: number; reason: string }[];
  /** Comments posted on issues closed with unexplained items. */
  commentsPosted: number;
}

/** Options for an archive run. */
export interface ArchiveOptions {
  /** Progress lines, one per issue. */
  progress: (line: string) => void;
}

async function selectIssues(selection: ArchiveSelection, tracker: IssueTracker): Promise<TrackerIssue[]> {
  if ('issue' in selection) {
    const issue = await tracker.getIssue(selection.issue);
    return issue ? [issue] : [];
  }
  const issues =
    'month' in selection
      ? await tracker.listIssues({ labels: [CHECKLIST_LABEL, `month:${selection.month}`], state: 'all' })
      : await tracker.listIssues({
          labels: [CHECKLIST_LABEL],
          state: 'all',
          since: `${selection.since}T00:00:00Z`,
        });
  return issues.sort((a, b) => a.number - b.number);
}

async function archiveOne(
  issue: TrackerIssue,
  tracker: IssueTracker,
  files: RepositoryFiles,
  summary: ArchiveSummary,
  options: ArchiveOptions,
): Promise<void> {
  const skip = (reason: string) => {
    summary.skipped.push({ number: issue.number, reason });
    options.progress(`#${issue.number} ${reason}: skipped.`);
  };
  if (!readIssueKey(issue.body, issue.labels))
    return skip('is not a msp-binder checklist issue (no marker, no checklist labels)');
  if (issue.state === 'open' && issue.stateReason !== 'reopened')
    return skip('is open and was never closed: nothing to archive yet');
  const comments = await tracker.listComments(issue.number);
  const parsed = parseChecklistIssue(
    {
      number: issue.number,
      url: issue.htmlUrl,
      body: issue.body,
      labels: issue.labels,
      state: issue.state,
      stateReason: issue.stateReason,
      closedAt: issue.closedAt,
      closedBy: issue.closedBy,
      assignees: issue.assignees,
    },
    comments
      .filter((comment) => !comment.authorIsBot)
      .map((comment) => ({ author: comment.author, createdAt: comment.createdAt, body: comment.body })),
  );
  if (!parsed) return skip('has no checklist key');
  const { checklist } = parsed;
  // An emptied body would archive as "completed" with nothing in it, over real work.
  if (checklist.items.length === 0)
    return skip(
      "has no task list left (was the body emptied?): restore it from the issue's edit history, then archive it again",
    );
  const file = archivePathFor(checklist.client, checklist.month, checklist.tier);
  const text = renderArchivedChecklist(checklist, parsed.comments);
  const before = await files.read(file);
  if (before !== text) await files.write(file, text);
  options.progress(`#${issue.number} → ${file} (${checklist.state}${before === text ? ', unchanged' : ''})`);
  summary.archived.push({ number: issue.number, file, changed: before !== text, state: checklist.state });
  if (parsed.unexplained.length === 0) return;
  // Once only: our earlier comment carries a hidden marker, found on every later run.
  if (!comments.some((comment) => comment.body.includes(INCOMPLETE_MARKER))) {
    await tracker.addComment(
      issue.number,
      renderIncompleteComment(parsed.unexplained, nextMonth(checklist.month)),
    );
    summary.commentsPosted += 1;
    options.progress(`#${issue.number}: commented on ${parsed.unexplained.length} unexplained item(s)`);
  }
  if (!issue.labels.includes(INCOMPLETE_LABEL)) await tracker.addLabels(issue.number, [INCOMPLETE_LABEL]);
}

/**
 * Archives closed checklist issues into `content/checklists/<client>/<YYYY-MM>-<tier>.md`: reads
 * each issue and its comments, renders the archive deterministically, writes it when its bytes
 * changed, and posts one comment (and the `incomplete` label) on an issue closed with items
 * neither ticked nor explained. A reopened issue is archived as `reopened`. Returns what it did;
 * committing and pushing is the caller's.
 */
export async function archiveIssues(
  selection: ArchiveSelection,
  tracker: IssueTracker,
  files: RepositoryFiles,
  options: ArchiveOptions,
): Promise<ArchiveSummary> {
  const summary: ArchiveSummary = { archived: [], skipped: [], commentsPosted: 0 };
  const issues = await selectIssues(selection, tracker);
  if ('issue' in selection && issues.length === 0) {
    summary.skipped.push({ number: selection.issue, reason: 'is not an issue (missing, or a pull request)' });
    options.progress(
      `#${selection.issue} is not an issue in this repository (missing, or a pull request): skipped.`,
    );
  }
  for (const listed of issues) {
    // GitHub's issue list omits `closed_by`; only the single issue says who closed it.
    const issue =
      listed.state === 'closed' && !listed.closedBy
        ? ((await tracker.getIssue(listed.number)) ?? listed)
        : listed;
    await archiveOne(issue, tracker, files, summary, options);
  }
  return summary;
}
