import { readContent } from '../../content/read-content.ts';
import { createRepositoryFiles } from '../../content/repository-files.ts';
import { OutsideError, UserError } from '../../core/errors.ts';
import { createGit } from '../../git/git.ts';
import { type ArchiveSelection, archiveIssues } from '../../github/archive-issues.ts';
import { parseCommandArgs, requireDate, requireMonth } from '../args.ts';
import type { Command } from '../context.ts';
import { trackerFromEnvironment } from '../github-from-env.ts';

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
    'An issue that cannot be archived as it stands (its marker and labels disagree, a duplicate, an',
    'archive a person edited) is reported and left; exit 1 when --issue named it. An archive that',
    '`binder check` would reject (an edited item id) is never written: exit 1 after the others.',
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
    let selection: ArchiveSelection;
    if (values.issue !== undefined) {
      if (!/^[1-9]\d*$/.test(values.issue))
        throw new UserError(`--issue must be an issue number; got \`${values.issue}\`.`);
      selection = { issue: Number(values.issue) };
    } else if (values.month !== undefined) {
      selection = { month: requireMonth(values.month) };
    } else {
      selection = { since: requireDate(values.since ?? '', '--since') };
    }
    if (values.push && !values.commit) throw new UserError('--push needs --commit.');
    const { tracker } = trackerFromEnvironment(context, 'archive needs a token that can read issues');
    // A key must name a client that exists, and what is written must pass check among the content.
    const content = await readContent(context.root);
    const summary = await archiveIssues(selection, tracker, createRepositoryFiles(context.root), {
      progress: (line) => context.stdout(line),
      content,
    });
    const git = createGit(context.root);
    // Files an earlier plain `archive` wrote and nobody committed count as changed too.
    const uncommitted = new Set(
      values.commit
        ? await git.changedFiles(summary.archived.map((entry) => entry.file)).catch(() => [])
        : [],
    );
    const changed = summary.archived.filter((entry) => entry.changed || uncommitted.has(entry.file));
    const refused = summary.skipped.filter((entry) => entry.kind !== 'ignored');
    context.stdout(
      `${summary.archived.length} checklist(s) archived, ${changed.length} changed${refused.length ? `, ${refused.length} refused` : ''}.${summary.outsiderComments ? ` ${summary.outsiderComments} comment(s) by people who are not owners, members or collaborators were left out.` : ''}${summary.secretsRedacted ? ` ${summary.secretsRedacted} text(s) held a secret: redacted, and the issue asks for it to be rotated.` : ''}`,
    );
    if (context.env.GITHUB_ACTIONS === 'true')
      for (const entry of refused)
        context.stdout(
          `::warning title=binder archive::#${entry.number} ${entry.reason.replace(/\n/g, '%0A')}`,
        );
    // `--issue` asked for this one issue: a refusal is the run's failure. Bulk runs report and go
    // on, and fail (after committing the others) only for an archive check would reject: a person
    // must correct that issue, and a green run would hide it.
    const code =
      refused.length > 0 && ('issue' in selection || refused.some((entry) => entry.kind === 'invalid'))
        ? 1
        : 0;
    if (!values.commit || changed.length === 0) return code;
    const subject =
      changed.length === 1
        ? `Archive checklist #${changed[0]?.number} (${changed[0]?.file.replace(/^content\/checklists\//, '').replace(/\.md$/, '')}, ${changed[0]?.state})`
        : `Archive ${changed.length} checklists: ${changed.map((entry) => `#${entry.number}`).join(', ')}`;
    try {
      const committed = await git.commitFiles(
        changed.map((entry) => entry.file),
        subject,
      );
      if (committed) context.stdout(`Committed: ${subject}`);
      if (committed && values.push) {
        const attempts = await git.pushWithRetry({ log: (line) => context.stderr(line) });
        context.stdout(`Pushed${attempts > 1 ? ` after ${attempts} attempts` : ''}.`);
      }
    } catch (error) {
      throw new OutsideError(
        `${(error as Error).message}. The archived files are written${values.push ? ' and committed locally' : ''}: run again to finish.`,
        { cause: error },
      );
    }
    return code;
  },
};
