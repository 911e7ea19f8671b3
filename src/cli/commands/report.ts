import path from 'node:path';
import { readContent } from '../../content/read-content.ts';
import { UserError } from '../../core/errors.ts';
import { unarchivedTiers } from '../../core/plan-month.ts';
import { type PrintResult, printClientDocument } from '../../print/print-document.ts';
import { parseCommandArgs, requireMonth, requireOption, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';

/** Validates `--out`: a `.pdf` file, resolved against the repository root. */
export function requireOutFile(root: string, value: string): string {
  if (!value.toLowerCase().endsWith('.pdf'))
    throw new UserError(
      `--out must name a .pdf file (e.g. dist-print/harbor-dental/binder.pdf); got \`${value}\`.`,
    );
  return path.resolve(root, value);
}

/** `✓ wrote dist-print/acme/binder.pdf: binder, 14 pages, 412 KB, in 9.8 s (…)`. */
export function describePrint(root: string, result: PrintResult, what: string): string {
  // Relative when it is inside the repository, as written; absolute when elsewhere (`/tmp/…`).
  const relative = path.relative(root, result.file);
  const file = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : result.file;
  const { build, check, render, total } = result.seconds;
  return `✓ wrote ${file}: ${what}, ${result.pages} page${result.pages === 1 ? '' : 's'}, ${Math.max(1, Math.round(result.bytes / 1024))} KB, in ${total} s (site build ${build} s, leak checks ${check} s, PDF ${render} s)`;
}

/** `binder report`: a client's monthly maintenance report as a PDF. */
export const reportCommand: Command = {
  summary: "print a client's monthly maintenance report to PDF",
  usage: [
    'Usage: npm run binder -- report --client <slug> --month YYYY-MM [--out FILE]',
    '',
    "Builds the client's own site, checks it like `npm run leak-check`, and prints the month's",
    'report page (the same page the client sees under Monthly reports) with Chromium: per kind of',
    'work what was done, what could not be done and why (only reasons a technician wrote',
    '`For the client:`), what did not apply, what moves to next month, the visit and who did the work.',
    '',
    'Options:',
    '  --client <slug>  the client (required)',
    '  --month YYYY-MM  the month (required; it needs an archived checklist)',
    '  --out FILE       where to write it (default dist-print/<slug>/report-YYYY-MM.pdf)',
    '',
    "Needs Chromium: Debian's `chromium` package at /usr/bin/chromium, or BINDER_CHROMIUM.",
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('report', args, {
      client: { type: 'string' },
      month: { type: 'string' },
      out: { type: 'string' },
    });
    const client = requireSlug(requireOption(values.client, '--client', 'harbor-dental'), '--client');
    const month = requireMonth(requireOption(values.month, '--month', '2026-10'));
    const out = requireOutFile(
      context.root,
      values.out ?? path.join('dist-print', client, `report-${month}.pdf`),
    );
    const result = await printClientDocument({
      root: context.root,
      client,
      document: { kind: 'report', month },
      out,
      now: context.now,
      ...(context.env.BINDER_CHROMIUM ? { chromium: context.env.BINDER_CHROMIUM } : {}),
    });
    context.stdout(describePrint(context.root, result, `maintenance report for ${month}`));
    // A month with a planned checklist not archived yet: the report says so, and so do we.
    const content = await readContent(context.root);
    const missing = content.msp ? unarchivedTiers({ ...content, msp: content.msp }, client, month) : [];
    if (missing.length > 0)
      context.stderr(
        `warning: ${client}'s ${month} is not fully archived: no archived checklist for ${missing.join(', ')} (still open, or closed and not archived yet). The report says so and does not call the month done; once ${missing.length === 1 ? 'it is' : 'they are'} archived (npm run binder -- archive --month ${month}), print it again.`,
      );
    return 0;
  },
};
