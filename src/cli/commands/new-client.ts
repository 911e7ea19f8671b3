import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readMspSettings } from '../../content/read-content.ts';
import { contentPaths } from '../../core/content-paths.ts';
import { UserError } from '../../core/errors.ts';
import { fillPlaceholders } from '../../core/frontmatter.ts';
import { SlugSchema } from '../../schemas/index.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** `binder new-client <slug> --name "…"`: scaffold a client from templates/binder/. */
export const newClientCommand: Command = {
  summary: 'scaffold a new client from templates/binder/',
  usage: [
    'Usage: npm run binder -- new-client <slug> --name "Client Name"',
    '',
    'Creates content/clients/<slug>/ from templates/binder/: a profile (index.md) and the',
    'standard binder sections. <slug> is lowercase letters, digits and dashes (e.g. harbor-dental).',
    "The profile gets content/msp.yaml's time zone; change it when the client's office is elsewhere.",
  ].join('\n'),
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('new-client', args, { name: { type: 'string' } }, true);
    const [slug, ...extra] = positionals;
    if (!slug || extra.length) {
      throw new UserError(
        'give exactly one client slug: `npm run binder -- new-client harbor-dental --name "Harbor Dental"`.',
      );
    }
    if (!SlugSchema.safeParse(slug).success) {
      throw new UserError(
        `\`${slug}\` is not a valid client slug: use lowercase letters, digits and dashes, starting with a letter or digit (e.g. \`harbor-dental\`).`,
      );
    }
    const name = values.name?.trim();
    if (!name) throw new UserError('give the client\'s name with --name "Harbor Dental".');
    const msp = await readMspSettings(context.root);
    const target = path.join(context.root, contentPaths.clientDir(slug));
    if (await exists(target)) {
      throw new UserError(
        `client \`${slug}\` already exists (content/clients/${slug}/); choose another slug or edit that client.`,
      );
    }
    const source = path.join(context.root, contentPaths.binderScaffoldDir);
    if (!(await exists(path.join(source, 'index.md')))) {
      throw new UserError(
        'templates/binder/index.md is missing: restore templates/binder/ from the msp-binder repository.',
      );
    }
    await mkdir(path.dirname(target), { recursive: true });
    await cp(source, target, { recursive: true, errorOnExist: true, force: false });
    const files = (await readdir(target, { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    );
    for (const entry of files) {
      const file = path.join(entry.parentPath, entry.name);
      const text = await readFile(file, 'utf8');
      const filled = fillPlaceholders(text, { name, slug, timezone: msp.timezone });
      if (filled !== text) await writeFile(file, filled);
    }
    context.stdout(
      `Created content/clients/${slug}/ with ${files.length} files. Next: fill in index.md (tags, visit, assignees, contacts), then run \`npm run binder -- check\`.`,
    );
    return 0;
  },
};
