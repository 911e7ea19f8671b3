import type { RepositoryFiles } from '../content/repository-files.ts';
import { archiveDigestState, renderArchivedChecklist } from '../core/archive-render.ts';
import { nextMonth } from '../core/calendar.ts';
import {
  CHECKLIST_LABEL,
  type ChecklistIssueKey,
  INCOMPLETE_LABEL,
  INCOMPLETE_MARKER,
  indexByKey,
  monthIssueLabels,
  readLabelKey,
  resolveIssueKey,
  SECRET_MARKER_PREFIX,
} from '../core/checklist-issue.ts';
import type { ContentSet } from '../core/content-model.ts';
import { archivePathFor } from '../core/content-paths.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { hasTaskList, parseChecklistIssue, renderIncompleteComment } from '../core/parse-issue.ts';
import { redactSecrets, scanSecrets } from '../core/scan-secrets.ts';
import { staffLogins } from '../core/staff-logins.ts';
import { archiveCandidateValidator } from '../core/validate-content.ts';
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
   * duplicate, an archive a person edited): `--issue` exits 1 for it. `invalid`: its archive would
   * fail `binder check` (an edited item id, say), so it was not written: every run exits 1 for it,
   * after archiving the others, since only a person can correct the issue. `ignored`: nothing to do.
   */
  kind: 'refused' | 'invalid' | 'ignored';
}

/** What an archive run did. */
export interface ArchiveSummary {
  /** Issues archived (changed or not). */
  archived: ArchivedIssue[];
  /** Issues looked at and not archived, with why. */
  skipped: SkippedIssue[];
  /** Comments posted (unexplained items, secrets to rotate). */
  commentsPosted: number;
  /** Comments left out because their author is not an owner, member or collaborator, nor named as staff. */
  outsiderComments: number;
  /** Secrets replaced by a redaction, across all issues. */
  secretsRedacted: number;
}

/** Options for an archive run. */
export interface ArchiveOptions {
  /** Progress lines, one per issue. */
  progress: (line: string) => void;
  /**
   * The repository's content as it is: a key must name one of its clients (a folder under
   * content/clients/, its profile valid or not), and what is written must pass `binder check`
   * among it.
   */
  content: ContentSet;
}

const EMPTIED_BODY =
  "has no task list left (was the body emptied?): restore it from the issue's edit history, then archive it again";

/**
 * Whose comments are archived: people with a role in the repository, never passers-by; and the
 * logins the content names as staff (staffLogins), whose private organisation membership GitHub
 * may not show.
 */
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

/** The check of an archive about to be written among the repository's content (archiveCandidateValidator). */
type ValidateCandidate = ReturnType<typeof archiveCandidateValidator>;

/**
 * What `binder check` would say about the archive about to be written, among the repository's
 * content: the same schema, cross-file and secret rules. Empty when it may be written.
 */
async function validateArchiveText(
  validateCandidate: ValidateCandidate,
  file: string,
  text: string,
): Promise<string[]> {
  const candidate = { path: file, text };
  const diagnostics = [...validateCandidate(candidate), ...(await scanSecrets([candidate]))];
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map(formatDiagnostic);
}

/**
 * A month's checklist issues, open and closed, by key (indexByKey): listed once per month in a
 * run. Every issue whose marker and labels name a key carries its month's labels, so the month's
 * listing holds all the issues of each of its keys.
 */
type IssuesOfMonth = (month: string) => Promise<Map<string, TrackerIssue[]>>;

/**
 * The older issue that owns an issue's key, if any: the lowest-numbered issue whose marker and
 * labels name the same key and that was not closed as a duplicate (sync's reconcile keeps the
 * lowest number too). Another issue of the key is a duplicate of it.
 */
async function olderOwner(
  issue: TrackerIssue,
  key: ChecklistIssueKey,
  issuesOfMonth: IssuesOfMonth,
): Promise<TrackerIssue | undefined> {
  // The index holds only the issues whose marker and labels name the key, lowest number first.
  const issuesOfKey = (await issuesOfMonth(key.month)).get(key.key) ?? [];
  return issuesOfKey.find((other) => other.number < issue.number && other.stateReason !== 'duplicate');
}

/**
 * What archiveOne needs that is the same for every issue of a run, since the content and the
 * tracker do not change during it: worked out once in archiveIssues, not once per issue.
 */
interface ArchiveRun {
  /** The clients a key may name: every folder under content/clients/, its profile valid or not. */
  clients: ReadonlySet<string>;
  /** The logins the content names as staff (staffLogins), whose comments are kept. */
  staff: ReadonlySet<string>;
  /** A month's issues by key, listed once per run. */
  issuesOfMonth: IssuesOfMonth;
  /** The check of an archive about to be written among the repository's content. */
  validateCandidate: ValidateCandidate;
}

async function archiveOne(
  issue: TrackerIssue,
  tracker: IssueTracker,
  files: RepositoryFiles,
  summary: ArchiveSummary,
  options: ArchiveOptions,
  run: ArchiveRun,
): Promise<void> {
  const skip = (kind: SkippedIssue['kind'], reason: string) => {
    summary.skipped.push({ number: issue.number, reason, kind });
    options.progress(`#${issue.number} ${reason}: ${kind === 'ignored' ? 'skipped' : 'NOT archived'}.`);
  };
  const resolution = resolveIssueKey(issue.body, issue.labels);
  if (resolution.status === 'not-a-checklist')
    return skip('ignored', 'is not a msp-binder checklist issue (no marker, no checklist labels)');
  // An emptied body would archive as "completed" with nothing in it, over real work.
  if (resolution.status === 'conflict' && readLabelKey(issue.labels) && !hasTaskList(issue.body))
    return skip('refused', EMPTIED_BODY);
  if (resolution.status === 'conflict')
    return skip(
      'refused',
      `cannot be trusted: ${resolution.problem}. Restore its labels and marker as sync wrote them`,
    );
  const { key } = resolution;
  if (!run.clients.has(key.client))
    return skip(
      'refused',
      `names client \`${key.client}\`, which has no folder under content/clients/. Correct its labels and marker`,
    );
  if (issue.state === 'open' && issue.stateReason !== 'reopened')
    return skip('ignored', 'is open and was never closed: nothing to archive yet');
  if (issue.stateReason === 'duplicate')
    return skip('refused', 'was closed as a duplicate: the issue it duplicates holds the work');
  const owner = await olderOwner(issue, key, run.issuesOfMonth);
  if (owner)
    return skip(
      'refused',
      `is a duplicate of #${owner.number}, the older issue for ${key.key}, which holds its checklist (the lowest-numbered issue of a client, month and tier does). Close this one as a duplicate of #${owner.number}, and do the work there`,
    );

  const comments = await tracker.listComments(issue.number);
  const people = comments.filter((comment) => !comment.authorIsBot);
  const trusted = people.filter(
    (comment) =>
      TRUSTED_ASSOCIATIONS.has(comment.authorAssociation) || run.staff.has(comment.author.toLowerCase()),
  );
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
  if (checklist.items.length === 0) return skip('refused', EMPTIED_BODY);
  const file = archivePathFor(key.client, key.month, key.tier);
  const text = renderArchivedChecklist(checklist);
  const problems = await validateArchiveText(run.validateCandidate, file, text);
  if (problems.length)
    return skip(
      'invalid',
      `would write an archive that binder check rejects (nothing was written to ${file}):\n${problems.join('\n')}\nCorrect the issue (restore a line's hidden \`<!-- item:… -->\` id as sync wrote it, or delete the id to keep the line as an item you added), then archive it again`,
    );

  const before = await files.read(file);
  const writtenBy = before === undefined ? undefined : Number(/^issue: (\d+)$/m.exec(before)?.[1]);
  if (before !== undefined && before !== text) {
    // An older issue's archive is its own; a newer one's was a duplicate archived first, and this
    // issue, which owns the key, replaces it if nobody edited it (below).
    if (writtenBy && writtenBy < issue.number)
      return skip(
        'refused',
        `would overwrite ${file}, which holds #${writtenBy}'s checklist. Close one of the two as a duplicate`,
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
  const replaced =
    writtenBy && writtenBy !== issue.number ? `, replacing duplicate #${writtenBy}'s archive` : '';
  options.progress(
    `#${issue.number} → ${file} (${checklist.state}${before === text ? ', unchanged' : ''}${replaced})`,
  );
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
 * existing client; only owners', members' and collaborators' comments, and those of the logins the
 * content names as staff, are kept; secrets are redacted before anything is read; the file is
 * checked with `binder check`'s rules before it is written; and an archive a person edited,
 * another issue's archive, a duplicate or a body with no task list is never written over. The
 * lowest-numbered issue of a key owns it: a newer one is skipped as its duplicate, and it replaces
 * an (unedited) archive a duplicate wrote before it. Posts one comment (and the `incomplete` label) on an issue closed with items
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
  const indexed = new Map<string, Promise<Map<string, TrackerIssue[]>>>();
  // The selected month's listing is already at hand: that month is not listed again.
  if ('month' in selection) indexed.set(selection.month, Promise.resolve(indexByKey(issues)));
  const issuesOfMonth: IssuesOfMonth = (month) => {
    let index = indexed.get(month);
    if (!index) {
      index = tracker
        .listIssues({ labels: monthIssueLabels(month), state: 'all' })
        .then((listed) => indexByKey(listed));
      indexed.set(month, index);
    }
    return index;
  };
  const run: ArchiveRun = {
    clients: new Set([
      ...options.content.clients.map((client) => client.slug),
      ...options.content.invalidClients,
    ]),
    staff: staffLogins(options.content),
    issuesOfMonth,
    validateCandidate: archiveCandidateValidator(options.content),
  };
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
    await archiveOne(issue, tracker, files, summary, options, run);
  }
  return summary;
}
