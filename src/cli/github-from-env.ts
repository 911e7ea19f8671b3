import { OutsideError } from '../core/errors.ts';
import type { IssueTracker } from '../github/issue-tracker.ts';
import { createGitHubClient } from '../github/octokit-client.ts';
import { createOctokitTracker } from '../github/octokit-tracker.ts';
import type { CommandContext } from './context.ts';

/**
 * The GitHub tracker a command uses, configured from the environment as in GitHub Actions
 * (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL) plus msp-binder's pacing and timeout
 * settings. A missing token or repository is one plain sentence and exit 2.
 */
export function trackerFromEnvironment(
  context: CommandContext,
  needs: string,
): { tracker: IssueTracker; repository: string } {
  const { env } = context;
  if (!env.GITHUB_TOKEN) throw new OutsideError(`GITHUB_TOKEN is not set: ${needs}.`);
  if (!env.GITHUB_REPOSITORY)
    throw new OutsideError('GITHUB_REPOSITORY is not set: give the repository as owner/name.');
  const octokit = createGitHubClient({
    token: env.GITHUB_TOKEN,
    baseUrl: env.GITHUB_API_URL,
    maxRetryWaitSeconds: env.BINDER_MAX_RETRY_WAIT_S,
    ...(env.BINDER_CREATE_PACING_MS === undefined ? {} : { createPacingMs: env.BINDER_CREATE_PACING_MS }),
    ...(env.BINDER_RETRY_AFTER_UNIT_MS === undefined
      ? {}
      : { retryAfterUnitMs: env.BINDER_RETRY_AFTER_UNIT_MS }),
    ...(env.BINDER_REQUEST_TIMEOUT_MS === undefined
      ? {}
      : { requestTimeoutMs: env.BINDER_REQUEST_TIMEOUT_MS }),
    log: (line) => context.stderr(line),
  });
  return { tracker: createOctokitTracker(octokit, env.GITHUB_REPOSITORY), repository: env.GITHUB_REPOSITORY };
}
