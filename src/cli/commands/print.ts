import path from 'node:path';
import { printClientDocument } from '../../print/print-document.ts';
import { parseCommandArgs, requireOption, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';
import { describePrint, requireOutFile } from './report.ts';

/** `binder print`: a client's printed binder as a PDF. */
export const printCommand: Command = {
  summary: "print a client's binder to PDF (the copy kept at the client's office)",
  usage: [
    'Usage: npm run binder -- print --client <slug> [--out FILE] [--staff]',
    '',
    "Builds the client's own site, checks it like `npm run leak-check`, and prints its binder page",
    'with Chromium: a cover with your logo, contents with page numbers, the client at a glance',
    '(address, contacts, visit), every client-visible binder section, the last 12 months of tech',
    "notes and maintenance, the client's name and page numbers on every page. Nothing internal and",
    "nothing of another client: the PDF's text is checked too, and nothing is written on a finding.",
    '',
    'Options:',
    '  --client <slug>  the client (required)',
    '  --out FILE       where to write it (default dist-print/<slug>/binder.pdf; with --staff,',
    '                   dist-print/<slug>/binder-staff.pdf)',
    '  --staff          the staff copy, from the staff site: internal sections included, marked',
    '                   "staff only" on every page of them. Never hand it to the client.',
    '',
    "Needs Chromium: Debian's `chromium` package at /usr/bin/chromium, or BINDER_CHROMIUM.",
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('print', args, {
      client: { type: 'string' },
      out: { type: 'string' },
      staff: { type: 'boolean', default: false },
    });
    const client = requireSlug(requireOption(values.client, '--client', 'harbor-dental'), '--client');
    const out = requireOutFile(
      context.root,
      values.out ?? path.join('dist-print', client, values.staff ? 'binder-staff.pdf' : 'binder.pdf'),
    );
    const result = await printClientDocument({
      root: context.root,
      client,
      document: { kind: 'binder', audience: values.staff ? 'staff' : 'client' },
      out,
      now: context.now,
      ...(context.env.BINDER_CHROMIUM ? { chromium: context.env.BINDER_CHROMIUM } : {}),
    });
    context.stdout(describePrint(context.root, result, values.staff ? 'staff copy of the binder' : 'binder'));
    return 0;
  },
};
