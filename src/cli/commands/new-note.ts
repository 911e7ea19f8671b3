import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentPaths } from '../../core/content-paths.ts';
import { UserError } from '../../core/errors.ts';
import { stringifyMarkdown } from '../../core/frontmatter.ts';
import { slugify } from '../../core/text.ts';
import { createGit, type GitAPI } from '../../git/git.ts';
import { GitHubLoginSchema, NOTE_AUTHOR_PLACEHOLDER, NOTE_PLACEHOLDER_TEXT } from '../../schemas/index.ts';
import { parseCommandArgs, requireCount, requireDate, requireSlug } from '../args.ts';
import type { Command } from '../context.ts';

/**
 * The note's author when `--author` is not given: the workflow's actor, else git's `github.user`,
 * else the login inside a GitHub noreply address (certainly the login), else git's `user.name`
 * when it is shaped like a GitHub login (`jane-tech`; a display name such as `Jane Tech` is
 * not one), else the placeholder, which `binder check` rejects until it is replaced.
 */
async function defaultAuthor(actor: string | undefined, git: GitAPI): Promise<string> {
  if (actor) return actor.replace(/\[bot\]$/, '');
  const configured = await git.configValue('github.user');
  if (configured) return configured;
  const email = await git.configValue('user.email');
  const noreply = /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/.exec(email ?? '')?.[1];
  if (noreply) return noreply;
  const name = (await git.configValue('user.name'))?.trim();
  if (name && GitHubLoginSchema.safeParse(name).success && !name.endsWith('[bot]')) return name;
  return NOTE_AUTHOR_PLACEHOLDER;
}

/** `binder new-note <client> "title"`: today's tech note file. */
export const newNoteCommand: Command = {
  summary: "create today's tech note file for a client",
  usage: [
    'Usage: npm run binder -- new-note <client> "title" [--author <login>] [--issue N] [--internal] [--date YYYY-MM-DD]',
    '',
    'Creates content/clients/<client>/notes/<today>-<slug>.md with its frontmatter filled in.',
    '--issue N links the note to that checklist issue (the visit it records).',
    'Then commit it on a branch and open a pull request (or use GitHub\'s "Add file" in the browser);',
    '`binder check` runs on the pull request.',
    'The author is --author, else $GITHUB_ACTOR, else `git config github.user`, else the login in a',
    'GitHub noreply `git config user.email` (<id>+<login>@users.noreply.github.com), else',
    '`git config user.name` when it is a GitHub login (`jane-tech`, not `Jane Tech`).',
  ].join('\n'),
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(
      'new-note',
      args,
      {
        author: { type: 'string' },
        internal: { type: 'boolean', default: false },
        date: { type: 'string' },
        issue: { type: 'string' },
      },
      true,
    );
    const [client, title, ...extra] = positionals;
    if (!client || !title?.trim() || extra.length) {
      throw new UserError(
        'give a client and a title: `npm run binder -- new-note harbor-dental "Replaced UPS battery"` (quote the title).',
      );
    }
    requireSlug(client);
    const profile = path.join(context.root, contentPaths.clientProfile(client));
    const hasClient = await stat(profile).then(
      () => true,
      () => false,
    );
    if (!hasClient) {
      const clients = await readdir(path.join(context.root, contentPaths.clientsDir)).catch(
        () => [] as string[],
      );
      const valid = [];
      for (const name of clients.sort())
        if (
          await stat(path.join(context.root, contentPaths.clientProfile(name))).then(
            () => true,
            () => false,
          )
        )
          valid.push(name);
      throw new UserError(
        `there is no client \`${client}\` (no ${contentPaths.clientProfile(client)}). Clients are: ${valid.join(', ') || 'none yet (npm run binder -- new-client)'}.`,
      );
    }
    const issue = values.issue === undefined ? undefined : requireCount(values.issue, '--issue');
    if (issue === 0) throw new UserError('--issue must be an issue number (1 or more).');
    const date = values.date ?? context.now.toISOString().slice(0, 10);
    requireDate(date, '--date');
    const author = values.author ?? (await defaultAuthor(context.env.GITHUB_ACTOR, createGit(context.root)));
    if (!GitHubLoginSchema.safeParse(author).success || author.endsWith('[bot]')) {
      throw new UserError(`--author must be a GitHub login without @; got \`${author}\`.`);
    }
    const relative = contentPaths.techNote(client, date, slugify(title) || 'note');
    const file = path.join(context.root, relative);
    const text = stringifyMarkdown(
      {
        date,
        author,
        title: title.trim(),
        visibility: values.internal ? 'internal' : 'client',
        ...(issue === undefined ? {} : { issue }),
      },
      `\n${NOTE_PLACEHOLDER_TEXT}\n`,
    );
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
      `Created ${relative}${author === NOTE_AUTHOR_PLACEHOLDER ? ' (set `author:` to your GitHub login)' : ''}. Write the note, then open a pull request.`,
    );
    return 0;
  },
};
