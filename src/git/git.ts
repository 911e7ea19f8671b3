import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { OutsideError } from '../core/errors.ts';

const run = promisify(execFile);

/**
 * What msp-binder asks of git, behind one small interface (as Starlight's `utils/git.ts`): the
 * archive commits and pushes, the site reads last-commit dates, `new-note` reads the author.
 * Commands get an implementation passed in; tests use real git in temp repositories.
 */
export interface GitAPI {
  /** Commits the given files if they changed; false when there was nothing to commit. */
  commitFiles(files: readonly string[], message: string): Promise<boolean>;
  /** Those of `files` that are untracked or differ from HEAD. */
  changedFiles(files: readonly string[]): Promise<string[]>;
  /**
   * Pushes the current branch. When the remote moved on, rebases onto it and tries again with a
   * random pause; never forces. Resolves the number of attempts it took.
   */
  pushWithRetry(options?: {
    attempts?: number;
    pauseMs?: () => number;
    log?: (line: string) => void;
  }): Promise<number>;
  /** Last commit time of every file under `dir`, from one `git log`; empty outside a work tree. */
  lastCommitDates(dir: string): Promise<Map<string, Date>>;
  /** A `git config` value, or undefined when unset or outside a repository. */
  configValue(key: string): Promise<string | undefined>;
}

/** Runs git in `cwd`; resolves stdout, rejects with git's own message. */
async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new OutsideError(`git ${args[0]} failed: ${(failure.stderr || failure.message).trim()}`, {
      cause: error,
    });
  }
}

/** Parses `git log --format=%x00%ct --name-only` into file → newest commit time. */
export function parseLastCommitDates(output: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  let current: Date | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('\0')) current = new Date(Number(line.slice(1)) * 1000);
    else if (line && current && !dates.has(line)) dates.set(line, current);
  }
  return dates;
}

/** The GitAPI over the `git` command in the work tree at `cwd`. */
export function createGit(cwd: string): GitAPI {
  return {
    async commitFiles(files, message) {
      if (files.length === 0) return false;
      await git(cwd, ['add', '--', ...files]);
      const staged = await git(cwd, ['diff', '--cached', '--name-only', '--', ...files]);
      if (!staged.trim()) return false;
      await git(cwd, ['commit', '--quiet', '-m', message, '--', ...files]);
      return true;
    },
    async changedFiles(files) {
      if (files.length === 0) return [];
      const status = await git(cwd, ['status', '--porcelain', '--untracked-files=all', '-z', '--', ...files]);
      const changed = new Set(
        status
          .split('\0')
          .filter(Boolean)
          .map((entry) => entry.slice(3)),
      );
      return files.filter((file) => changed.has(file));
    },
    async pushWithRetry(options = {}) {
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
          options.log?.(
            `push attempt ${attempt} was rejected; rebasing onto origin/${branch} and trying again`,
          );
          await new Promise((resolve) => setTimeout(resolve, pause()));
          try {
            await git(cwd, ['pull', '--rebase', '--quiet', 'origin', branch]);
          } catch (pullError) {
            await git(cwd, ['rebase', '--abort']).catch(() => undefined);
            lastError = pullError;
          }
        }
      }
      throw new OutsideError(`could not push after ${attempts} attempts: ${(lastError as Error).message}`, {
        cause: lastError,
      });
    },
    async lastCommitDates(dir) {
      try {
        return parseLastCommitDates(await git(cwd, ['log', '--format=%x00%ct', '--name-only', '--', dir]));
      } catch {
        // Not a work tree (a downloaded ZIP, a temp copy): pages simply show no dates.
        return new Map();
      }
    },
    async configValue(key) {
      try {
        return (await git(cwd, ['config', '--get', key])).trim() || undefined;
      } catch {
        return undefined;
      }
    },
  };
}
