import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/octokit-client.ts';
import { type GitHubStandin, startGitHubStandin } from './server.ts';

let standin: GitHubStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function setup() {
  standin = await startGitHubStandin();
  const octokit = createGitHubClient({
    token: 'test-token',
    baseUrl: standin.url,
    createPacingMs: 0,
    retryAfterUnitMs: 5,
  });
  return { standin, octokit, repo: { owner: 'test-msp', repo: 'binders' } };
}

describe('GitHub stand-in', () => {
  it('creates, lists with AND-ed labels and state=all, and paginates with Link headers', async () => {
    const { standin, octokit, repo } = await setup();
    standin.seedPullRequest('A pull request', ['checklist']);
    for (let index = 0; index < 130; index++) {
      await octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...repo,
        title: `Issue ${index}`,
        labels: ['checklist', index % 2 ? 'odd' : 'even'],
      });
    }
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...repo,
      issue_number: 2,
      state: 'closed',
      state_reason: 'completed',
    });
    const first = await octokit.request('GET /repos/{owner}/{repo}/issues', {
      ...repo,
      labels: 'checklist',
      state: 'all',
      per_page: 100,
    });
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
      ...repo,
      labels: 'checklist',
      state: 'all',
      per_page: 100,
    });
    expect(all).toHaveLength(131);
    expect(all.filter((issue) => 'pull_request' in issue && issue.pull_request)).toHaveLength(1);
    const odd = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
      ...repo,
      labels: 'checklist,odd',
      state: 'open',
      per_page: 100,
    });
    expect(odd).toHaveLength(65);
    const open = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
      ...repo,
      labels: 'checklist,even',
      per_page: 100,
    });
    expect(open).toHaveLength(64);
    expect(standin.specViolations).toEqual([]);
  });

  it('keeps labels, milestones and comments like GitHub', async () => {
    const { standin, octokit, repo } = await setup();
    await octokit.request('POST /repos/{owner}/{repo}/labels', {
      ...repo,
      name: 'checklist',
      color: '0e8a16',
      description: 'x',
    });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, name: 'checklist', color: '0e8a16' }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: milestone } = await octokit.request('POST /repos/{owner}/{repo}/milestones', {
      ...repo,
      title: '2026-12',
      due_on: '2026-12-31T23:59:59Z',
    });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: 'x', milestone: 99 }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: issue } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      ...repo,
      title: 'x',
      milestone: milestone.number,
      labels: ['client:acme'],
      assignees: ['jane-tech'],
    });
    expect(standin.labelNames()).toContain('client:acme');
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repo,
      issue_number: issue.number,
      body: 'hello',
    });
    const { data: comments } = await octokit.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...repo, issue_number: issue.number },
    );
    expect(comments.map((comment) => comment.body)).toEqual(['hello']);
    const { data: again } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      ...repo,
      issue_number: issue.number,
    });
    expect(again).toMatchObject({
      comments: 1,
      milestone: { title: '2026-12' },
      assignees: [{ login: 'jane-tech' }],
    });
    expect(standin.specViolations).toEqual([]);
  });

  it('answers 401 for a bad token and 404 for another repository', async () => {
    const { standin } = await setup();
    const bad = createGitHubClient({ token: 'nope', baseUrl: standin.url });
    await expect(
      bad.request('GET /repos/{owner}/{repo}', { owner: 'test-msp', repo: 'binders' }),
    ).rejects.toMatchObject({ status: 401 });
    const good = createGitHubClient({ token: 'test-token', baseUrl: standin.url });
    await expect(
      good.request('GET /repos/{owner}/{repo}', { owner: 'test-msp', repo: 'other' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('injects each fault kind, and apply-then-* faults really apply', async () => {
    const { standin, octokit, repo } = await setup();
    const create = (title: string) =>
      octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, title, request: { retries: 0 } });
    for (const kind of ['500', '502', 'drop', 'apply-then-502', 'apply-then-drop'] as const) {
      standin.setFaults({ scripted: [{ method: 'POST', kind }] });
      await expect(create(kind)).rejects.toBeDefined();
    }
    expect(standin.issues().map((issue) => issue.title)).toEqual(['apply-then-502', 'apply-then-drop']);
    standin.setFaults({ scripted: [{ method: 'GET', kind: 'secondary' }], retryAfter: 1 });
    await octokit.request('GET /repos/{owner}/{repo}', repo);
    standin.setFaults({ scripted: [{ method: 'GET', kind: '429' }], retryAfter: 1 });
    await octokit.request('GET /repos/{owner}/{repo}', repo);
    const faulted = standin.requests
      .filter((request) => request.fault)
      .map((request) => `${request.fault}:${request.status}`);
    expect(faulted).toEqual([
      '500:500',
      '502:502',
      'drop:0',
      'apply-then-502:502',
      'apply-then-drop:0',
      'secondary:403',
      '429:429',
    ]);
    expect(standin.requests.at(-1)?.status).toBe(200);
  });

  it('hangs without answering, and the client gives up after its timeout', async () => {
    const { standin, repo } = await setup();
    const octokit = createGitHubClient({ token: 'test-token', baseUrl: standin.url, requestTimeoutMs: 300 });
    standin.setFaults({ scripted: [{ method: 'POST', kind: 'apply-then-hang' }] });
    const started = Date.now();
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...repo,
        title: 'slow',
        request: { retries: 0 },
      }),
    ).rejects.toBeDefined();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(standin.issues().map((issue) => issue.title)).toEqual(['slow']);
  });

  it('seeded random faults are reproducible', async () => {
    const a = await startGitHubStandin({ validate: false });
    const b = await startGitHubStandin({ validate: false });
    try {
      for (const s of [a, b]) {
        s.setFaults({ random: { rate: 0.5, seed: 7, kinds: ['502'] } });
        const octokit = createGitHubClient({ token: 'test-token', baseUrl: s.url, retryAfterUnitMs: 1 });
        for (let index = 0; index < 10; index++)
          await octokit.request('GET /rate_limit', { request: { retries: 0 } }).catch(() => undefined);
      }
      expect(a.requests.map((request) => request.status)).toEqual(
        b.requests.map((request) => request.status),
      );
      expect(a.requests.some((request) => request.status === 502)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('its OpenAPI check catches an invalid request body and an invalid response', async () => {
    const { standin } = await setup();
    const raw = (method: string, path: string, body: unknown) =>
      fetch(`${standin.url}${path}`, {
        method,
        headers: { authorization: 'token test-token', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await raw('POST', '/repos/test-msp/binders/issues', { title: 'x', labels: 5 });
    expect(standin.specViolations.join('\n')).toMatch(/labels/);
    standin.specViolations.length = 0;
    standin.corruptNextResponse('GET', /\/issues$/, [{ number: 'one' }]);
    await fetch(`${standin.url}/repos/test-msp/binders/issues`, {
      headers: { authorization: 'token test-token' },
    });
    expect(standin.specViolations.join('\n')).toMatch(/response/);
    standin.specViolations.length = 0;
    await fetch(`${standin.url}/repos/test-msp/binders/pulls`, {
      headers: { authorization: 'token test-token' },
    });
    expect(standin.specViolations.join('\n')).toMatch(/no such operation/);
  });
});
