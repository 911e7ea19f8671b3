import {
  type IssueTracker,
  type NewIssue,
  type TrackerComment,
  TrackerError,
  type TrackerIssue,
} from './issue-tracker.ts';
import type { GitHubClient } from './octokit-client.ts';

interface RestIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  milestone?: { title: string } | null;
  html_url: string;
  closed_at: string | null;
  closed_by?: { login: string } | null;
  updated_at: string;
  pull_request?: unknown;
}

function toIssue(issue: RestIssue): TrackerIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    labels: issue.labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter(Boolean),
    assignees: (issue.assignees ?? []).map((user) => user.login),
    milestone: issue.milestone?.title ?? null,
    htmlUrl: issue.html_url,
    closedAt: issue.closed_at,
    closedBy: issue.closed_by?.login ?? null,
    updatedAt: issue.updated_at,
  };
}

/** Reads a response header from an octokit RequestError, whatever its casing. */
function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return value === undefined ? undefined : String(value);
}

/** What to grant when GitHub refuses a request for lack of permission, by what was being done. */
function missingPermission(what: string): string {
  return /^(reading|listing)/.test(what) ? 'issues: read' : 'issues: write';
}

/**
 * Turns an octokit failure into a TrackerError with one plain sentence. Whether a retry can help
 * is decided from the cause: a dropped connection, a 5xx, a 429, or a 403 that GitHub marks as a
 * rate limit (its "secondary rate limit" message, a `retry-after` header, or no requests left)
 * are transient; any other 403 is a missing permission, final, and named as such.
 */
export function describeGitHubError(error: unknown, what: string, repo: string): TrackerError {
  const status =
    typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0;
  const message = (error as Error).message ?? String(error);
  // octokit reports network failures (refused, reset, dropped) as status 500 with fetch's message.
  const network =
    status === 0 ||
    /fetch failed|ECONNRESET|ECONNREFUSED|socket|other side closed|terminated|abort|timed? ?out/i.test(
      message,
    );
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (/rate limit/i.test(message) ||
        headerOf(error, 'retry-after') !== undefined ||
        headerOf(error, 'x-ratelimit-remaining') === '0'));
  const cause = { cause: error };
  if (network)
    return new TrackerError(`GitHub could not be reached while ${what} (${message}).`, 0, 'network', cause);
  if (status === 401)
    return new TrackerError(
      'GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN.',
      401,
      'auth',
      cause,
    );
  if (status === 404)
    return new TrackerError(
      `GitHub says repository ${repo} does not exist or the token cannot see it (404): check GITHUB_REPOSITORY and the token's access.`,
      404,
      'not-found',
      cause,
    );
  if (rateLimited)
    return new TrackerError(
      /secondary rate/i.test(message)
        ? `GitHub's secondary rate limit stopped ${what}; run again later to finish.`
        : `GitHub's rate limit stopped ${what} (${status}); run again later to finish.`,
      status,
      'rate-limit',
      cause,
    );
  if (status === 403) {
    const permission = missingPermission(what);
    return new TrackerError(
      `GitHub refused ${what} (403: ${message}): the token lacks the \`${permission}\` permission. In a workflow, give the job \`permissions: ${permission}\`; for a GitHub App or personal token, grant Issues: ${permission.endsWith('write') ? 'read and write' : 'read'}.`,
      403,
      'permission',
      cause,
    );
  }
  if (status === 422)
    return new TrackerError(`GitHub rejected ${what} (422: ${message}).`, 422, 'invalid', cause);
  if (status >= 500)
    return new TrackerError(`GitHub failed while ${what} (${status}: ${message}).`, status, 'server', cause);
  return new TrackerError(`GitHub failed while ${what} (${status}: ${message}).`, status, 'other', cause);
}

/** IssueTracker over GitHub's REST API. */
export function createOctokitTracker(octokit: GitHubClient, repository: string): IssueTracker {
  const [owner = '', repo = ''] = repository.split('/');
  const base = { owner, repo };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw describeGitHubError(error, what, repository);
    }
  };
  return {
    verifyAccess: () =>
      call('reading the repository', async () => {
        await octokit.request('GET /repos/{owner}/{repo}', base);
      }),
    listIssues: (query) =>
      call('listing issues', async () => {
        const issues = (await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
          ...base,
          labels: query.labels.join(','),
          state: query.state,
          per_page: 100,
          ...(query.since ? { since: query.since } : {}),
        })) as unknown as RestIssue[];
        // The issues list also returns pull requests, marked by a `pull_request` key.
        return issues.filter((issue) => !issue.pull_request).map(toIssue);
      }),
    getIssue: (number) =>
      call(`reading issue #${number}`, async () => {
        try {
          const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
            ...base,
            issue_number: number,
          });
          const issue = data as unknown as RestIssue;
          return issue.pull_request ? undefined : toIssue(issue);
        } catch (error) {
          if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 410)
            return undefined;
          throw error;
        }
      }),
    createIssue: (issue: NewIssue) =>
      call(`creating "${issue.title}"`, async () => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
          ...base,
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          assignees: issue.assignees,
          ...(issue.milestone === undefined ? {} : { milestone: issue.milestone }),
          // A failed POST may still have created the issue: never let the retry plugin repeat it.
          request: { retries: 0 },
        });
        return toIssue(data as unknown as RestIssue);
      }),
    closeIssue: (number, reason) =>
      call(`closing issue #${number}`, async () => {
        await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          ...base,
          issue_number: number,
          state: 'closed',
          state_reason: reason,
        });
      }),
    listComments: (number) =>
      call(`reading comments of #${number}`, async () => {
        const comments = (await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          ...base,
          issue_number: number,
          per_page: 100,
        })) as unknown as {
          id: number;
          user: { login: string; type?: string } | null;
          created_at: string;
          body?: string;
          author_association?: string;
        }[];
        return comments.map(
          (comment): TrackerComment => ({
            id: comment.id,
            author: comment.user?.login ?? 'ghost',
            authorIsBot: comment.user?.type === 'Bot' || (comment.user?.login ?? '').endsWith('[bot]'),
            createdAt: comment.created_at,
            body: comment.body ?? '',
            authorAssociation: comment.author_association ?? 'NONE',
          }),
        );
      }),
    addComment: (number, body) =>
      call(`commenting on #${number}`, async () => {
        await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          ...base,
          issue_number: number,
          body,
          request: { retries: 0 },
        });
      }),
    addLabels: (number, labels) =>
      call(`labelling #${number}`, async () => {
        await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          ...base,
          issue_number: number,
          labels,
        });
      }),
    listLabels: () =>
      call('listing labels', async () => {
        const labels = (await octokit.paginate('GET /repos/{owner}/{repo}/labels', {
          ...base,
          per_page: 100,
        })) as unknown as {
          name: string;
        }[];
        return labels.map((label) => label.name);
      }),
    createLabel: (label) =>
      call(`creating label ${label.name}`, async () => {
        try {
          await octokit.request('POST /repos/{owner}/{repo}/labels', { ...base, ...label });
        } catch (error) {
          // 422 already_exists: another run made it first. Labels are idempotent by name.
          if ((error as { status?: number }).status !== 422) throw error;
        }
      }),
    listMilestones: () =>
      call('listing milestones', async () => {
        const milestones = (await octokit.paginate('GET /repos/{owner}/{repo}/milestones', {
          ...base,
          state: 'all',
          per_page: 100,
        })) as unknown as { number: number; title: string }[];
        return milestones.map((milestone) => ({ number: milestone.number, title: milestone.title }));
      }),
    createMilestone: (milestone) =>
      call(`creating milestone ${milestone.title}`, async () => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/milestones', {
          ...base,
          title: milestone.title,
          due_on: milestone.dueOn,
          description: milestone.description,
        });
        return (data as { number: number }).number;
      }),
  };
}
