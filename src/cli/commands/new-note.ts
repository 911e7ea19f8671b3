import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../core/errors.ts';
import { slugify } from '../../core/text.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

/** `binder new-note <client> "title"`: today's tech note file. */
export const newNoteCommand: Command = {
  summary: "create today's tech note file for a client",
  usage: [
    'Usage: npm run binder -- new-note <client> "title" [--author <login>] [--internal] [--date YYYY-MM-DD]',
    '',
    'Creates content/clients/<client>/notes/<today>-<slug>.md with its frontmatter filled in.',
    'The author defaults to $GITHUB_ACTOR, else `git config github.user`; pass --author otherwise.',
  ].join('\n'),
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(
      'new-note',
      args,
      { author: { type: 'string' }, internal: { type: 'boolean', default: false }, date: { type: 'string' } },
      true,
    );
    const [client, title, ...extra] = positionals;
    if (!client || !title?.trim() || extra.length) {
      throw new UserError(
        'give a client and a title: `npm run binder -- new-note harbor-dental "Replaced UPS battery"` (quote the title).',
      );
    }
    const profile = path.join(context.root, 'content', 'clients', client, 'index.md');
    const hasClient = await stat(profile).then(
      () => true,
      () => false,
    );
    if (!hasClient)
      throw new UserError(
        `there is no client \`${client}\` (no content/clients/${client}/index.md). Check the slug.`,
      );
    const date = values.date ?? context.now.toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UserError(`--date must be YYYY-MM-DD; got \`${date}\`.`);
    const author = values.author ?? process.env.GITHUB_ACTOR ?? 'your-github-login';
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(author)) {
      throw new UserError(`--author must be a GitHub login without @; got \`${author}\`.`);
    }
    const file = path.join(
      context.root,
      'content',
      'clients',
      client,
      'notes',
      `${date}-${slugify(title) || 'note'}.md`,
    );
    const relative = path.relative(context.root, file).split(path.sep).join('/');
    const text = [
      '---',
      `date: ${date}`,
      `author: ${author}`,
      `title: ${JSON.stringify(title.trim())}`,
      `visibility: ${values.internal ? 'internal' : 'client'}`,
      '---',
      '',
      'What was done, what was found, what is left to do.',
      '',
    ].join('\n');
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UserError(`${relative} already exists: give the note another title or edit that file.`, {
          cause: error,
        });
      }
      throw error;
    }
    context.stdout(
      `Created ${relative}${author === 'your-github-login' ? ' (set `author:` to your GitHub login)' : ''}. Write the note, then open a pull request.`,
    );
    return 0;
  },
};
