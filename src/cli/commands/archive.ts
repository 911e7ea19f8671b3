import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitFiles, pushWithRetry } from '../../content/git-commit.ts';
import { renderArchivedChecklist } from '../../core/archive-render.ts';
import { nextMonth } from '../../core/calendar.ts';
import { readIssueKey } from '../../core/issue-key.ts';
import { INCOMPLETE_MARKER, parseChecklistIssue, renderIncompleteComment } from '../../core/parse-issue.ts';
import { type IssueTracker, TrackerError, type TrackerIssue } from '../../github/issue-tracker.ts';
import { parseCommandArgs, requireMonth } from '../args.ts';
import type { Command, CommandContext } from '../context.ts';
import { OutsideError, UserError } from '../errors.ts';
import { trackerFromEnvironment } from '../github-from-env.ts';

interface Archived {
  number: number;
  file: string;
  changed: boolean;
  state: string;
}

async function archiveIssue(
  issue: TrackerIssue,
  tracker: IssueTracker,
  context: CommandContext,
): Promise<Archived | undefined> {
  if (!readIssueKey(issue.body, issue.labels)) {
    context.stdout(
      `#${issue.number} is not a msp-binder checklist issue (no marker, no checklist labels): skipped.`,
    );
    return undefined;
  }
  if (issue.state === 'open' && issue.stateReason !== 'reopened') {
    context.stdout(`#${issue.number} is open and was never closed: nothing to archive yet.`);
    return undefined;
  }
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
  if (!parsed) return undefined;
  const { checklist } = parsed;
  const file = `content/checklists/${checklist.client}/${checklist.month}-${checklist.tier}.md`;
  const target = path.join(context.root, file);
  const text = renderArchivedChecklist(checklist, parsed.comments);
  const before = await readFile(target, 'utf8').catch(() => undefined);
  if (before !== text) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  context.stdout(`#${issue.number} → ${file} (${checklist.state}${before === text ? ', unchanged' : ''})`);
  if (parsed.unexplained.length > 0) {
    // Once only: our earlier comment carries a hidden marker, found on every later run.
    if (!comments.some((comment) => comment.body.includes(INCOMPLETE_MARKER))) {
      await tracker.addComment(
        issue.number,
        renderIncompleteComment(parsed.unexplained, nextMonth(checklist.month)),
      );
      context.stdout(`#${issue.number}: commented on ${parsed.unexplained.length} unexplained item(s)`);
    }
    if (!issue.labels.includes('incomplete')) await tracker.addLabels(issue.number, ['incomplete']);
  }
  return { number: issue.number, file, changed: before !== text, state: checklist.state };
}

/** `binder archive`: write archived checklists for closed checklist issues. */
export const archiveCommand: Command = {
  summary: 'archive closed checklist issues into content/checklists/',
  usage: [
    'Usage: npm run binder -- archive (--issue N | --month YYYY-MM | --since YYYY-MM-DD) [--commit] [--push]',
    '',
    'Reads closed checklist issues (ticks, strike-throughs, comments, who closed them and when) and',
    'writes content/checklists/<client>/<YYYY-MM>-<tier>.md. Archiving the same issue twice gives',
    'the same bytes. A reopened issue is archived as `reopened` until it is closed again.',
    'Issues closed with unexplained unticked items get one comment and the `incomplete` label.',
    '',
    'Options:',
    '  --issue N          one issue',
    '  --month YYYY-MM    every closed checklist issue of that month (listed by label, never searched)',
    '  --since DATE       every checklist issue updated since DATE (the nightly catch-up)',
    '  --commit           commit the changed files',
    '  --push             push the commit (rebase and retry when the remote moved; never force)',
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('archive', args, {
      issue: { type: 'string' },
      month: { type: 'string' },
      since: { type: 'string' },
      commit: { type: 'boolean', default: false },
      push: { type: 'boolean', default: false },
    });
    const chosen = [values.issue, values.month, values.since].filter((value) => value !== undefined);
    if (chosen.length !== 1)
      throw new UserError('give exactly one of --issue N, --month YYYY-MM or --since YYYY-MM-DD.');
    if (values.issue !== undefined && !/^[1-9]\d*$/.test(values.issue))
      throw new UserError(`--issue must be an issue number; got \`${values.issue}\`.`);
    if (values.month !== undefined) requireMonth(values.month);
    if (
      values.since !== undefined &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(values.since)))
    ) {
      throw new UserError(`--since must be a date written YYYY-MM-DD; got \`${values.since}\`.`);
    }
    if (values.push && !values.commit) throw new UserError('--push needs --commit.');
    const { tracker, repository } = trackerFromEnvironment(
      context,
      'archive needs a token that can read issues',
    );
    const archived: Archived[] = [];
    try {
      let issues: TrackerIssue[];
      if (values.issue !== undefined) {
        const issue = await tracker.getIssue(Number(values.issue));
        if (!issue) {
          context.stdout(
            `#${values.issue} is not an issue in ${repository} (missing, or a pull request): skipped.`,
          );
          return 0;
        }
        issues = [issue];
      } else if (values.month !== undefined) {
        issues = await tracker.listIssues({ labels: ['checklist', `month:${values.month}`], state: 'all' });
      } else {
        issues = await tracker.listIssues({
          labels: ['checklist'],
          state: 'all',
          since: `${values.since}T00:00:00Z`,
        });
      }
      for (const listed of issues.sort((a, b) => a.number - b.number)) {
        // GitHub's issue list omits `closed_by`; only the single issue says who closed it.
        const issue =
          listed.state === 'closed' && !listed.closedBy
            ? ((await tracker.getIssue(listed.number)) ?? listed)
            : listed;
        const result = await archiveIssue(issue, tracker, context);
        if (result) archived.push(result);
      }
    } catch (error) {
      if (error instanceof TrackerError) throw new OutsideError(error.message, { cause: error });
      throw error;
    }
    const changed = archived.filter((entry) => entry.changed);
    context.stdout(`${archived.length} checklist(s) archived, ${changed.length} changed.`);
    if (values.commit && changed.length > 0) {
      const subject =
        changed.length === 1
          ? `Archive checklist #${changed[0]?.number} (${changed[0]?.file.replace(/^content\/checklists\//, '').replace(/\.md$/, '')}, ${changed[0]?.state})`
          : `Archive ${changed.length} checklists: ${changed.map((entry) => `#${entry.number}`).join(', ')}`;
      try {
        const committed = await commitFiles(
          context.root,
          changed.map((entry) => entry.file),
          subject,
        );
        if (committed) context.stdout(`Committed: ${subject}`);
        if (committed && values.push) {
          const attempts = await pushWithRetry(context.root, { log: (line) => context.stderr(line) });
          context.stdout(`Pushed${attempts > 1 ? ` after ${attempts} attempts` : ''}.`);
        }
      } catch (error) {
        throw new OutsideError(
          `${(error as Error).message}. The archived files are written${values.push ? ' and committed locally' : ''}: run again to finish.`,
          { cause: error },
        );
      }
    }
    return 0;
  },
};
