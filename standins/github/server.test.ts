import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/octokit-client.ts';
import { loadOpenApiChecker } from './openapi-check.ts';
import { type GitHubStandin, startGitHubStandin } from './server.ts';

/** Each operation's page in GitHub's REST docs, from the OpenAPI description (what 403s link). */
function docsByOperation(): Map<string, string> {
  const spec = JSON.parse(readFileSync(path.join(import.meta.dirname, 'github-openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; externalDocs?: { url: string } }>>;
  };
  const docs = new Map<string, string>();
  for (const item of Object.values(spec.paths))
    for (const operation of Object.values(item))
      if (operation.operationId && operation.externalDocs)
        docs.set(operation.operationId, operation.externalDocs.url);
  return docs;
}

const NOT_ACCESSIBLE = 'Resource not accessible by integration';

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

  it("injects a forbidden fault (scripted or random): GitHub's permission 403, nothing applied", async () => {
    const { standin, octokit, repo } = await setup();
    standin.setFaults({ scripted: [{ method: 'POST', path: /\/issues$/, kind: 'forbidden' }] });
    const refused = await octokit
      .request('POST /repos/{owner}/{repo}/issues', { ...repo, title: 'x' })
      .catch(
        (error: { status: number; response: { data: unknown; headers: Record<string, string> } }) => error,
      );
    expect(refused).toMatchObject({
      status: 403,
      response: {
        data: {
          message: NOT_ACCESSIBLE,
          documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
          status: '403',
        },
      },
    });
    const { headers } = (refused as { response: { headers: Record<string, string> } }).response;
    expect(headers['retry-after']).toBeUndefined();
    expect(headers['x-ratelimit-remaining']).not.toBe('0');
    // A permission 403 is final: octokit neither retries it nor waits as for a rate limit.
    expect(standin.requests.map((request) => `${request.fault}:${request.status}`)).toEqual([
      'forbidden:403',
    ]);
    expect(standin.issues()).toEqual([]);

    standin.setFaults({ random: { rate: 1, seed: 3, kinds: ['forbidden'], method: 'POST' } });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, name: 'checklist', color: '0e8a16' }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label' } },
    });
    expect(standin.labelNames()).toEqual([]);
    standin.setFaults(undefined);
    await octokit.request('POST /repos/{owner}/{repo}/labels', {
      ...repo,
      name: 'checklist',
      color: '0e8a16',
    });
    expect(standin.labelNames()).toEqual(['checklist']);
    expect(standin.specViolations).toEqual([]);
  });

  it("setPermissions({ issues: 'read' }): every write answers 403 and changes nothing, reads work", async () => {
    const { standin, octokit, repo } = await setup();
    const { data: milestone } = await octokit.request('POST /repos/{owner}/{repo}/milestones', {
      ...repo,
      title: '2026-12',
    });
    const { data: issue } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      ...repo,
      title: 'Acme: monthly checklist',
      labels: ['checklist'],
      milestone: milestone.number,
    });
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repo,
      issue_number: issue.number,
      body: 'first',
    });
    const state = () =>
      JSON.stringify({
        issues: standin.issues(),
        comments: standin.commentsOf(issue.number),
        labels: standin.labelNames(),
        milestones: standin.milestoneTitles(),
      });
    const before = state();
    standin.setPermissions({ issues: 'read' });
    // A fault waiting for the next POST is not used up by a refused one.
    standin.setFaults({ scripted: [{ method: 'POST', kind: '500' }] });
    const number = { ...repo, issue_number: issue.number };
    const writes = [
      () => octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: 'new' }),
      () =>
        octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...number, state: 'closed' }),
      () =>
        octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          ...number,
          body: 'x',
        }),
      () =>
        octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          ...number,
          labels: ['x'],
        }),
      () => octokit.request('POST /repos/{owner}/{repo}/labels', { ...repo, name: 'x', color: '0e8a16' }),
      () => octokit.request('POST /repos/{owner}/{repo}/milestones', { ...repo, title: '2027-01' }),
    ];
    const bodies: unknown[] = [];
    for (const write of writes) {
      const error = await write().then(
        () => undefined,
        (failure: { status: number; response: { data: unknown } }) => failure,
      );
      expect(error?.status).toBe(403);
      bodies.push(error?.response.data);
    }
    expect(state()).toBe(before);
    const refused = standin.requests.filter((request) => request.status === 403);
    expect(refused.map((request) => request.operation)).toEqual([
      'issues/create',
      'issues/update',
      'issues/create-comment',
      'issues/add-labels',
      'issues/create-label',
      'issues/create-milestone',
    ]);
    expect(refused.every((request) => request.fault === undefined)).toBe(true);
    // Each refusal links its endpoint's docs, as GitHub's do.
    const docs = docsByOperation();
    expect(bodies).toEqual(
      refused.map((request) => ({
        message: NOT_ACCESSIBLE,
        documentation_url: docs.get(request.operation ?? ''),
        status: '403',
      })),
    );

    await octokit.request('GET /repos/{owner}/{repo}', repo);
    await octokit.request('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'all' });
    await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', number);
    await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', number);
    await octokit.request('GET /repos/{owner}/{repo}/labels', repo);
    await octokit.request('GET /repos/{owner}/{repo}/labels/{name}', { ...repo, name: 'checklist' });
    await octokit.request('GET /repos/{owner}/{repo}/milestones', repo);
    expect(standin.requests.slice(-7).map((request) => request.status)).toEqual([
      200, 200, 200, 200, 200, 200, 200,
    ]);

    standin.setPermissions({ issues: 'write' });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...repo,
        title: 'new',
        request: { retries: 0 },
      }),
    ).rejects.toMatchObject({ status: 500 });
    await octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: 'new' });
    expect(standin.issues().map((listed) => listed.title)).toEqual(['Acme: monthly checklist', 'new']);
    expect(standin.specViolations).toEqual([]);
  });

  it("checks a 403 to a write against GitHub's error shape, also where the spec lists no 403", async () => {
    const checker = await loadOpenApiChecker();
    const good = {
      message: NOT_ACCESSIBLE,
      documentation_url: 'https://docs.github.com/rest',
      status: '403',
    };
    // issues/create lists 403; issues/create-label and issues/create-milestone do not.
    for (const operation of ['issues/create', 'issues/create-label', 'issues/create-milestone']) {
      expect(checker.checkResponse(operation, 403, good)).toEqual([]);
      expect(checker.checkResponse(operation, 403, { message: 403 })).toEqual([
        `${operation} 403 response: /message must be string`,
      ]);
    }
  });
});
