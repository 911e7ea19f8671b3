import { appendFile } from 'node:fs/promises';
import { isPlaceholderSiteUrl } from '../../core/adopt.ts';
import { utcMonth } from '../../core/calendar.ts';
import { contentPaths } from '../../core/content-paths.ts';
import { OutsideError } from '../../core/errors.ts';
import { planMonth } from '../../core/plan-month.ts';
import { renderSyncSummary, syncMonth } from '../../github/sync-month.ts';
import { parseCommandArgs, requireCount, requireMonth, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';
import { trackerFromEnvironment } from '../github-from-env.ts';
import {
  describeSkippedClients,
  loadPlannableContent,
  renderSkippedSummary,
  selectClients,
} from '../load-valid-content.ts';

/** `binder sync`: create the month's missing checklist issues. */
export const syncCommand: Command = {
  summary: "create the month's missing checklist issues on GitHub",
  usage: [
    'Usage: npm run binder -- sync [--month YYYY-MM] [--client <slug>]... [--dry-run] [--max-creates N]',
    '',
    'Makes GitHub match the plan: creates each missing issue once, touches nothing that exists,',
    'paces creation as GitHub asks, and ends by closing duplicates. Safe to run again: a later run',
    'finishes what an earlier one left. Reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL.',
    '',
    'Options:',
    '  --month YYYY-MM     the month (default: the current month in UTC)',
    '  --client <slug>     only this client (repeatable)',
    '  --dry-run           list what would be created; write nothing',
    '  --max-creates N     create at most N issues this run (the rest: next run), exit 0',
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('sync', args, {
      month: { type: 'string' },
      client: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      'max-creates': { type: 'string' },
    });
    const month = requireMonth(values.month ?? utcMonth(context.now));
    const maxCreates =
      values['max-creates'] === undefined ? undefined : requireCount(values['max-creates'], '--max-creates');
    for (const slug of values.client ?? []) requireSlug(slug);
    const plannable = await loadPlannableContent(context.root);
    const { content } = plannable;
    const selection = selectClients(plannable, values.client);
    for (const line of describeSkippedClients(selection.skipped)) context.stderr(line);
    const { tracker, repository } = trackerFromEnvironment(
      context,
      'sync needs a token that can write issues',
    );
    const plan = selection.clients?.length === 0 ? [] : planMonth(content, month, selection.clients);
    if (repository.toLowerCase() !== content.msp.repo.toLowerCase())
      context.stderr(
        `warning: GITHUB_REPOSITORY is ${repository} but content/msp.yaml says repo: ${content.msp.repo}. Issues go to ${repository}; links in them point to ${content.msp.siteUrl}. Correct one of the two if that is not what you meant.`,
      );
    // After init without --site-url: the issues' Binder links would lead nowhere (issue 11).
    if (isPlaceholderSiteUrl(content.msp.siteUrl))
      context.stderr(
        `warning: ${contentPaths.mspSettings}'s siteUrl is still the placeholder ${content.msp.siteUrl}, so each issue's Binder link leads nowhere. Set siteUrl to where staff read the staff site (docs/publishing.md), or run init again with --site-url; issues created before keep the placeholder.`,
      );
    const unit = context.env.BINDER_RETRY_AFTER_UNIT_MS ?? 1000;
    context.stdout(
      `${values['dry-run'] ? 'Dry run: ' : ''}${plan.length} checklist issues planned for ${month} in ${repository}.`,
    );
    const summary = await syncMonth(plan, tracker, {
      month,
      dryRun: values['dry-run'],
      ...(maxCreates === undefined ? {} : { maxCreates }),
      milestones: content.msp.milestones,
      siteUrl: content.msp.siteUrl,
      progress: (line) => context.stdout(line),
      backoffMs: (attempt) => unit * 2 ** attempt,
    });
    const failed = summary.remaining.filter((left) => left.reason !== 'budget reached');
    context.stdout(
      `Done: ${summary.created.length} created, ${summary.existing} already there, ${summary.remaining.length} left for a later run, ${summary.duplicatesClosed.length} duplicates closed.`,
    );
    if (summary.remaining.length && !failed.length)
      context.stdout(
        `Budget of ${maxCreates} reached: run sync again to create the remaining ${summary.remaining.length}.`,
      );
    if (context.env.GITHUB_STEP_SUMMARY)
      await appendFile(
        context.env.GITHUB_STEP_SUMMARY,
        renderSyncSummary(month, summary) + renderSkippedSummary(selection.skipped),
      );
    if (failed.length)
      throw new OutsideError(
        `GitHub kept failing for ${failed.length} issue(s): ${failed.map((left) => left.key).join(', ')}. Run sync again later.`,
      );
    if (selection.skipped.length) {
      context.stderr(
        `${selection.skipped.length} client(s) skipped because of errors in their files: ${selection.skipped.map((entry) => entry.client).join(', ')}. Fix them and run sync again; it creates only what is missing.`,
      );
      return 1;
    }
    return 0;
  },
};
