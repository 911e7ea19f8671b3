import type { GitHubStandin } from '../../standins/github/server.ts';

/** The repository of the fixture MSP (test/helpers/fixture-msp.ts), as its msp.yaml names it. */
export const FIXTURE_REPOSITORY = 'northwind-it/binders';

/**
 * The environment that points the CLI at a stand-in, with pacing off and short retry waits.
 * `repository` must be the one the stand-in serves.
 */
export function standinEnv(standin: GitHubStandin, repository = 'test-msp/binders'): Record<string, string> {
  return {
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: repository,
    GITHUB_API_URL: standin.url,
    BINDER_CREATE_PACING_MS: '0',
    BINDER_RETRY_AFTER_UNIT_MS: '2',
    // Generous: 30 racing processes and a site build can share two cores. Hang tests pass less.
    BINDER_REQUEST_TIMEOUT_MS: '10000',
  };
}
