import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in `cwd`; resolves stdout, rejects with git's own message. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`git ${args[0]} failed: ${(failure.stderr || failure.message).trim()}`, { cause: error });
  }
}

/**
 * Commits the given files if they changed. Returns false when there was nothing to commit, so
 * re-archiving an unchanged issue makes no empty commit.
 */
export async function commitFiles(cwd: string, files: readonly string[], message: string): Promise<boolean> {
  if (files.length === 0) return false;
  await git(cwd, ['add', '--', ...files]);
  const staged = await git(cwd, ['diff', '--cached', '--name-only', '--', ...files]);
  if (!staged.trim()) return false;
  await git(cwd, ['commit', '--quiet', '-m', message, '--', ...files]);
  return true;
}

/**
 * Pushes the current branch. When the remote moved on (dozens of archive jobs finish at once at
 * month end), rebases onto it and tries again, with a random pause so racing jobs spread out.
 * Never forces: a push that keeps failing is reported and the commit stays for the next run.
 */
export async function pushWithRetry(
  cwd: string,
  options: { attempts?: number; pauseMs?: () => number; log?: (line: string) => void } = {},
): Promise<number> {
  const attempts = options.attempts ?? 30;
  const pause = options.pauseMs ?? (() => 100 + Math.floor(Math.random() * 1000));
  const branch = (await git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await git(cwd, ['push', '--quiet', 'origin', `HEAD:${branch}`]);
      return attempt;
    } catch (error) {
      lastError = error;
      options.log?.(`push attempt ${attempt} was rejected; rebasing onto origin/${branch} and trying again`);
      await new Promise((resolve) => setTimeout(resolve, pause()));
      try {
        await git(cwd, ['pull', '--rebase', '--quiet', 'origin', branch]);
      } catch (pullError) {
        await git(cwd, ['rebase', '--abort']).catch(() => undefined);
        lastError = pullError;
      }
    }
  }
  throw new Error(`could not push after ${attempts} attempts: ${(lastError as Error).message}`, {
    cause: lastError,
  });
}
