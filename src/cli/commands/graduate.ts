import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRepository } from '../../content/check-repository.ts';
import { resolveClientChecklist } from '../../core/client-checklist.ts';
import { parseContentSet } from '../../core/content-set.ts';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { UserError } from '../../core/errors.ts';
import {
  evidenceFor,
  graduationSkip,
  indexEvidence,
  isRmmItem,
  judgeClientItem,
  latestEvidenceMonth,
  provenStreak,
} from '../../core/evidence-plan.ts';
import { addSkipOverride } from '../../core/profile-edit.ts';
import { validateContentReferences } from '../../core/validate-content.ts';
import { ItemIdSchema } from '../../schemas/index.ts';
import { currentMonth, parseCommandArgs, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';

/** `binder graduate --client <slug> <item>`: an item proven long enough leaves the checklist. */
export const graduateCommand: Command = {
  summary: 'take an automatic item the RMM has proven for months off a client’s checklist',
  usage: [
    'Usage: npm run binder -- graduate --client <slug> <item> [--note "…"]',
    '',
    "Writes an `overrides.skip` entry with a note and today's date (`graduated:`) into the client's",
    'profile, for an automatic item its RMM evidence has proven `graduateAfter` months in a row',
    '(msp.yaml, default 3). The item comes back to the automatic issue, with the reason, in any month',
    'whose evidence does not prove it. Refuses (exit 1, nothing written) when the item is not ready.',
    '',
    'Options:',
    '  --client <slug>   the client',
    '  --note "…"        the note to keep with the skip (default: the proof, in one sentence)',
  ].join('\n'),
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(
      'graduate',
      args,
      { client: { type: 'string' }, note: { type: 'string' } },
      true,
    );
    const [itemId, ...extra] = positionals;
    if (!values.client || !itemId || extra.length)
      throw new UserError(
        'give a client and one item: `npm run binder -- graduate --client harbor-dental rmm-alert-disk-space`.',
      );
    const slug = requireSlug(values.client);
    if (!ItemIdSchema.safeParse(itemId).success)
      throw new UserError(
        `\`${itemId}\` is not an item id (lowercase letters, digits and dashes, e.g. \`rmm-alert-disk-space\`).`,
      );
    const result = await checkRepository(context.root);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length)
      throw new UserError(
        `the content has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written. Fix them (npm run binder -- check):\n${errors.map(formatDiagnostic).join('\n')}`,
      );
    const content = result.content;
    const msp = content.msp;
    const client = content.clients.find((entry) => entry.slug === slug);
    if (!client || !msp)
      throw new UserError(
        `there is no client \`${slug}\`; clients are: ${content.clients.map((entry) => entry.slug).join(', ')}.`,
      );
    const templates = new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
    const item = resolveClientChecklist(client.data, templates).items.find(
      (candidate) => candidate.id === itemId,
    );
    if (!item) {
      const skipped = client.data.overrides.skip.find((skip) => skip.id === itemId);
      throw new UserError(
        skipped
          ? `\`${itemId}\` is already off ${slug}'s checklist (overrides.skip${skipped.graduated ? `, graduated ${skipped.graduated}` : ''}).`
          : `\`${itemId}\` is not on ${slug}'s checklist; automatic items that name RMM checks are: ${
              resolveClientChecklist(client.data, templates)
                .items.filter(isRmmItem)
                .map((candidate) => candidate.id)
                .join(', ') || 'none'
            }.`,
      );
    }
    if (!isRmmItem(item))
      throw new UserError(
        `\`${itemId}\` cannot graduate: ${item.tier === 'automatic' ? 'the template names no RMM checks for it (add `rmm=` to its `{#…}` block)' : `it is in the ${item.tier} tier, and only automatic items are proven by the RMM`}.`,
      );
    const index = indexEvidence(content.evidence);
    const month = latestEvidenceMonth(index, slug, currentMonth(context.now));
    const streak = provenStreak(client, item, index, month);
    if (streak.months < msp.graduateAfter || !streak.since) {
      const latest = evidenceFor(index, slug, month);
      const verdict = judgeClientItem(client.data, item, latest, month);
      throw new UserError(
        `\`${itemId}\` at ${slug} is not ready to leave the checklist: proven ${streak.months} of the ${msp.graduateAfter} months in a row it needs (graduateAfter in msp.yaml). ${month}: ${verdict.status === 'proven' ? 'proven' : verdict.problems.slice(0, 3).join('; ')}. Nothing was written.`,
      );
    }
    const rmm = evidenceFor(index, slug, month)?.source.rmm ?? 'RMM';
    const skip = graduationSkip(
      { id: item.id, since: streak.since, months: streak.months },
      rmm,
      context.now.toISOString().slice(0, 10),
    );
    if (values.note?.trim()) skip.reason = values.note.trim();
    const absolute = path.join(context.root, client.file);
    const before = await readFile(absolute, 'utf8');
    const after = addSkipOverride(before, client.file, skip);
    // The edited profile must pass the checker's own reading before it is written.
    const edited = parseContentSet(
      content.files.map((entry) => (entry.path === client.file ? { path: entry.path, text: after } : entry)),
    );
    const problems = [...edited.diagnostics, ...validateContentReferences(edited)]
      .filter((diagnostic) => diagnostic.severity === 'error')
      .map(formatDiagnostic);
    if (problems.length)
      throw new UserError(
        `the edited profile would be invalid; nothing was written:\n${problems.join('\n')}`,
      );
    await writeFile(absolute, after);
    context.stdout(
      `Wrote ${client.file}: overrides.skip += { id: ${skip.id}, graduated: ${skip.graduated} }.\n` +
        `${item.id} leaves ${client.data.name}'s automatic checklist, proven since ${streak.since} (${streak.months} months). ` +
        'It comes back in any month whose RMM evidence does not prove it. Check and commit: `npm run binder -- check`.',
    );
    return 0;
  },
};
