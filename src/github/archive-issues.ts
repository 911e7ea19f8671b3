import type { RepositoryFiles } from '../content/repository-files.ts';
import { archiveDigestState, renderArchivedChecklist } from '../core/archive-render.ts';
import { nextMonth } from '../core/calendar.ts';
import {
  CHECKLIST_LABEL,
  INCOMPLETE_LABEL,
  INCOMPLETE_MARKER,
  monthIssueLabels,
  resolveIssueKey,
  SECRET_MARKER_PREFIX,
} from '../core/checklist-issue.ts';
import { archivePathFor } from '../core/content-paths.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { parseMarkdownWithFrontmatter } from '../core/frontmatter.ts';
import { parseChecklistIssue, renderIncompleteComment } from '../core/parse-issue.ts';
import { redactSecrets } from '../core/scan-secrets.ts';
import { validateWithPositions } from '../core/schema-diagnostics.ts';
import { ArchivedChecklistSchema } from '../schemas/index.ts';
import type { IssueTracker, TrackerComment, TrackerIssue } from './issue-tracker.ts';

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

/** An issue looked at and not archived. */
export interface SkippedIssue {
  /** Issue number. */
  number: number;
  /** Why, in words that say what to do. */
  reason: string;
  /**
   * `refused`: a checklist issue that cannot be archived as it stands (a bad key, no task list, a
   * duplicate, an archive a person edited): `--issue` exits 1 for it. `ignored`: nothing to do.
   */
  kind: 'refused' | 'ignored';
}

/** What an archive run did. */
export interface ArchiveSummary {
  /** Issues archived (changed or not). */
  archived: ArchivedIssue[];
  /** Issues looked at and not archived, with why. */
  skipped: SkippedIssue[];
  /** Comments posted (unexplained items, secrets to rotate). */
  commentsPosted: number;
  /** Comments left out because their author is not an owner, member or collaborator. */
  outsiderComments: number;
  /** Secrets replaced by a redaction, across all issues. */
  secretsRedacted: number;
}

/** Options for an archive run. */
export interface ArchiveOptions {
  /** Progress lines, one per issue. */
  progress: (line: string) => void;
  /** The clients that exist (their folders under content/clients/): a key must name one. */
  clients: ReadonlySet<string>;
}

/** Whose comments are archived: people with a role in the repository, never passers-by. */
const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

async function selectIssues(selection: ArchiveSelection, tracker: IssueTracker): Promise<TrackerIssue[]> {
  if ('issue' in selection) {
    const issue = await tracker.getIssue(selection.issue);
    return issue ? [issue] : [];
  }
  const issues =
    'month' in selection
      ? await tracker.listIssues({ labels: monthIssueLabels(selection.month), state: 'all' })
      : await tracker.listIssues({
          labels: [CHECKLIST_LABEL],
          state: 'all',
          since: `${selection.since}T00:00:00Z`,
        });
  return issues.sort((a, b) => a.number - b.number);
}

/** The secret-reminder comment: which texts held secrets, found again on later runs by its marker. */
function renderSecretComment(sources: readonly string[], kinds: readonly string[], issue: number): string {
  return [
    `${SECRET_MARKER_PREFIX}${sources.join(',')} -->`,
    `This checklist held what looks like a secret (${kinds.join(', ')}) in ${sources
      .map((source) => (source === 'body' ? 'the issue body' : `comment ${source}`))
      .join(', ')}.`,
    '',
    `msp-binder archived #${issue} with the secret replaced by \`[redacted: …]\`, so it is in no file and no commit.`,
    'GitHub still shows it here: **rotate the secret now**, then delete or edit the comment (and its edit',
    'history) and keep the credential in the password manager. Binder pages refer to the password manager entry, never the secret.',
  ].join('\n');
}

/** The sources (`body` or comment ids) an earlier reminder already named. */
function remindedSources(comments: readonly TrackerComment[]): Set<string> {
  const named = new Set<string>();
  for (const comment of comments) {
    if (!comment.authorIsBot) continue;
    const start = comment.body.indexOf(SECRET_MARKER_PREFIX);
    if (start < 0) continue;
    const list = comment.body.slice(start + SECRET_MARKER_PREFIX.length).split(' -->')[0] ?? '';
    for (const source of list.split(',')) if (source) named.add(source);
  }
  return named;
}

/** Validates the archive about to be written with the checker's rules; the problems, if any. */
function validateArchiveText(file: string, text: string): string[] {
  const parsed = parseMarkdownWithFrontmatter(file, text);
  const result = validateWithPositions(
    ArchivedChecklistSchema,
    parsed.data,
    parsed.positionOf,
    'an archived checklist',
  );
  return [...parsed.diagnostics, ...result.diagnostics].map(formatDiagnostic);
}

async function archiveOne(
  issue: TrackerIssue,
  tracker: IssueTracker,
  files: RepositoryFiles,
  summary: ArchiveSummary,
  options: ArchiveOptions,
): Promise<void> {
  const skip = (kind: SkippedIssue['kind'], reason: string) => {
    summary.skipped.push({ number: issue.number, reason, kind });
    options.progress(`#${issue.number} ${reason}: ${kind === 'refused' ? 'NOT archived' : 'skipped'}.`);
  };
  const resolution = resolveIssueKey(issue.body, issue.labels);
  if (resolution.status === 'not-a-checklist')
    return skip('ignored', 'is not a msp-binder checklist issue (no marker, no checklist labels)');
  if (resolution.status === 'conflict')
    return skip(
      'refused',
      `cannot be trusted: ${resolution.problem}. Restore its labels and marker as sync wrote them`,
    );
  const { key } = resolution;
  if (!options.clients.has(key.client))
    return skip(
      'refused',
      `names client \`${key.client}\`, which has no folder under content/clients/. Correct its labels and marker`,
    );
  if (issue.state === 'open' && issue.stateReason !== 'reopened')
    return skip('ignored', 'is open and was never closed: nothing to archive yet');
  if (issue.stateReason === 'duplicate')
    return skip('refused', 'was closed as a duplicate: the issue it duplicates holds the work');

  const comments = await tracker.listComments(issue.number);
  const people = comments.filter((comment) => !comment.authorIsBot);
  const trusted = people.filter((comment) => TRUSTED_ASSOCIATIONS.has(comment.authorAssociation));
  summary.outsiderComments += people.length - trusted.length;
  // Secrets never reach the repository: redact the body and each comment before anything is read from them.
  const secretSources: string[] = [];
  const secretKinds = new Set<string>();
  const body = await redactSecrets(issue.body);
  if (body.kinds.length) secretSources.push('body');
  for (const kind of body.kinds) secretKinds.add(kind);
  const redacted = [];
  for (const comment of trusted) {
    const result = await redactSecrets(comment.body);
    if (result.kinds.length) secretSources.push(String(comment.id));
    for (const kind of result.kinds) secretKinds.add(kind);
    redacted.push({ author: comment.author, createdAt: comment.createdAt, body: result.text });
  }
  const parsed = parseChecklistIssue(
    {
      number: issue.number,
      url: issue.htmlUrl,
      body: body.text,
      labels: issue.labels,
      state: issue.state,
      stateReason: issue.stateReason,
      closedAt: issue.closedAt,
      closedBy: issue.closedBy,
      assignees: issue.assignees,
    },
    redacted,
  );
  if (!parsed) return skip('refused', 'has no checklist key');
  const { checklist } = parsed;
  // An emptied body would archive as "completed" with nothing in it, over real work.
  if (checklist.items.length === 0)
    return skip(
      'refused',
      "has no task list left (was the body emptied?): restore it from the issue's edit history, then archive it again",
    );
  const file = archivePathFor(key.client, key.month, key.tier);
  const text = renderArchivedChecklist(checklist);
  const problems = validateArchiveText(file, text);
  if (problems.length) return skip('refused', `would write an invalid archive:\n${problems.join('\n')}`);

  const before = await files.read(file);
  if (before !== undefined && before !== text) {
    const owner = /^issue: (\d+)$/m.exec(before)?.[1];
    if (owner && Number(owner) !== issue.number)
      return skip(
        'refused',
        `would overwrite ${file}, which holds #${owner}'s checklist. Close one of the two as a duplicate`,
      );
    const state = archiveDigestState(before);
    if (state !== 'intact')
      return skip(
        'refused',
        `would overwrite ${file}, which ${state === 'edited' ? 'a person edited after it was archived' : 'was not written by binder archive (no digest)'}. Keep the edit, or delete the file to archive the issue afresh`,
      );
  }
  if (before !== text) await files.write(file, text);
  summary.secretsRedacted += secretSources.length;
  options.progress(`#${issue.number} → ${file} (${checklist.state}${before === text ? ', unchanged' : ''})`);
  summary.archived.push({ number: issue.number, file, changed: before !== text, state: checklist.state });

  const reminded = remindedSources(comments);
  const newSecrets = secretSources.filter((source) => !reminded.has(source));
  if (newSecrets.length) {
    await tracker.addComment(
      issue.number,
      renderSecretComment(newSecrets, [...secretKinds].sort(), issue.number),
    );
    summary.commentsPosted += 1;
    options.progress(`#${issue.number}: redacted a secret and asked for it to be rotated`);
  }
  if (parsed.unexplained.length === 0) return;
  // Once only: our earlier comment carries a hidden marker, found on every later run.
  if (!comments.some((comment) => comment.authorIsBot && comment.body.includes(INCOMPLETE_MARKER))) {
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
 * Archives closed checklist issues into `content/checklists/<client>/<YYYY-MM>-<tier>.md`. Issue
 * data is untrusted input: the key must come from marker and labels that agree and name an
 * existing client; only owners', members' and collaborators' comments are kept; secrets are
 * redacted before anything is read; the file is validated before it is written; and an archive
 * a person edited, another issue's archive, a duplicate or a body with no task list is never
 * written over. Posts one comment (and the `incomplete` label) on an issue closed with items
 * neither ticked nor explained, and one asking to rotate a secret. Committing is the caller's.
 */
export async function archiveIssues(
  selection: ArchiveSelection,
  tracker: IssueTracker,
  files: RepositoryFiles,
  options: ArchiveOptions,
): Promise<ArchiveSummary> {
  const summary: ArchiveSummary = {
    archived: [],
    skipped: [],
    commentsPosted: 0,
    outsiderComments: 0,
    secretsRedacted: 0,
  };
  const issues = await selectIssues(selection, tracker);
  if ('issue' in selection && issues.length === 0) {
    summary.skipped.push({
      number: selection.issue,
      reason: 'is not an issue (missing, or a pull request)',
      kind: 'ignored',
    });
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
