import { utcMonth } from '../../core/calendar.ts';
import { planMonth } from '../../core/plan-month.ts';
import { parseCommandArgs, requireMonth, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';
import { describeSkippedClients, loadPlannableContent, selectClients } from '../load-valid-content.ts';

/** `binder plan`: the issues a month would get. */
export const planCommand: Command = {
  summary: 'show the checklist issues a month would get (no token needed)',
  usage: [
    'Usage: npm run binder -- plan [--month YYYY-MM] [--client <slug>]... [--json]',
    '',
    'Plans a month: for every active client (or the ones named), the items due that month after',
    'frequencies, tags and overrides, one issue per tier, with due dates and carried-over items.',
    '',
    'Options:',
    '  --month YYYY-MM   the month (default: the current month in UTC)',
    '  --client <slug>   only this client (repeatable; also plans paused clients named here)',
    '  --json            print [{ key, client, month, tier, title, labels, assignees, dueDate, items: [{ id, text }] }];',
    '                    automatic items that name RMM checks carry evidence: { status, devices, checks, problems }',
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('plan', args, {
      month: { type: 'string' },
      client: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    });
    const month = requireMonth(values.month ?? utcMonth(context.now));
    for (const slug of values.client ?? []) requireSlug(slug);
    const plannable = await loadPlannableContent(context.root);
    const { content } = plannable;
    const selection = selectClients(plannable, values.client);
    for (const line of describeSkippedClients(selection.skipped)) context.stderr(line);
    const code = selection.skipped.length ? 1 : 0;
    const plan = selection.clients?.length === 0 ? [] : planMonth(content, month, selection.clients);
    if (values.json) {
      context.stdout(
        JSON.stringify(
          plan.map((issue) => ({
            key: issue.key,
            client: issue.client,
            month: issue.month,
            tier: issue.tier,
            title: issue.title,
            labels: issue.labels,
            assignees: issue.assignees,
            ...(issue.milestone ? { milestone: issue.milestone } : {}),
            dueDate: issue.dueDate,
            items: issue.items.map((item) => ({
              id: item.id,
              text: item.text,
              ...(item.carriedFrom ? { carriedFrom: item.carriedFrom } : {}),
              ...(item.notDoneIn ? { notDoneIn: item.notDoneIn } : {}),
              ...(item.evidence ? { evidence: item.evidence } : {}),
              ...(item.graduated ? { graduated: item.graduated } : {}),
            })),
          })),
          null,
          2,
        ),
      );
      return code;
    }
    for (const issue of plan) {
      const carried = issue.items.filter((item) => item.carriedFrom).length;
      context.stdout(
        `${issue.title}  due ${issue.dueDate}  ${issue.items.length} items${carried ? ` (${carried} carried over)` : ''}  → ${issue.assignees.map((login) => `@${login}`).join(' ') || 'unassigned'}`,
      );
    }
    const clients = new Set(plan.map((issue) => issue.client)).size;
    context.stdout(`${plan.length} issues for ${clients} clients in ${month}.`);
    return code;
  },
};
