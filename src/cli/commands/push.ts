import { createGit } from '../../git/git.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

/** `binder push`: push the current branch, rebasing and retrying when the remote moved. */
export const pushCommand: Command = {
  summary: 'push the current branch (rebase and retry when the remote moved; never force)',
  usage: [
    'Usage: npm run binder -- push',
    '',
    'Pushes the current branch to origin. When other jobs pushed first (dozens of archive jobs finish',
    'at once at month end), rebases onto them and tries again, up to 30 times, with a random pause.',
    'Never forces. The archive workflow runs it as its last step, after `binder check`, so the only',
    'step that holds a token able to push is this one.',
  ].join('\n'),
  async run(args, context) {
    parseCommandArgs('push', args, {});
    const attempts = await createGit(context.root).pushWithRetry({ log: (line) => context.stderr(line) });
    context.stdout(`Pushed${attempts > 1 ? ` after ${attempts} attempts` : ''}.`);
    return 0;
  },
};
