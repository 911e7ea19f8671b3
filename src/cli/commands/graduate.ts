import { checkRepository } from '../../content/check-repository.ts';
import { createRepositoryFiles } from '../../content/repository-files.ts';
import { formatDiagnostic } from '../../core/diagnostics.ts';
import { UserError } from '../../core/errors.ts';
import { pluralise } from '../../core/text.ts';
import { graduateItem } from '../../rmm/graduate-item.ts';
import { ItemIdSchema } from '../../schemas/index.ts';
import { parseCommandArgs, requireSlug } from '../args.ts';
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
        `the content has ${pluralise(errors.length, 'error')}; nothing was written. Fix them (npm run binder -- check):\n${errors.map(formatDiagnostic).join('\n')}`,
      );
    const graduation = await graduateItem(result.content, createRepositoryFiles(context.root), {
      client: slug,
      item: itemId,
      ...(values.note === undefined ? {} : { note: values.note }),
      now: context.now,
    });
    const { skip } = graduation;
    context.stdout(
      `Wrote ${graduation.file}: overrides.skip += { id: ${skip.id}, graduated: ${skip.graduated} }.\n` +
        `${skip.id} leaves ${graduation.clientName}'s automatic checklist, proven since ${graduation.since} (${graduation.months} months). ` +
        'It comes back in any month whose RMM evidence does not prove it. Check and commit: `npm run binder -- check`.',
    );
    return 0;
  },
};
