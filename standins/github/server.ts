import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type FaultAnswer, FaultInjector, type FaultPlan, faultAnswer, forbiddenAnswer } from './faults.ts';
import { loadOpenApiChecker, type OpenApiChecker } from './openapi-check.ts';
import { createRoutes } from './routes.ts';
import {
  type CommentState,
  HttpError,
  type IssueState,
  type RecordedRequest,
  type StandinPermissions,
  StandinStore,
} from './store.ts';

/**
 * A stateful stand-in for the parts of GitHub's REST API msp-binder uses, on 127.0.0.1. Octokit
 * reaches it through `baseUrl` (GITHUB_API_URL). Every request and response is checked against
 * GitHub's OpenAPI description; faults can be injected to test what happens when GitHub fails.
 * This file wires node:http to the store (store.ts), the handlers (routes.ts), the faults
 * (faults.ts) and the spec check (openapi-check.ts).
 */

export type { FaultKind, FaultPlan } from './faults.ts';
export type { CommentState, IssueState, RecordedRequest, StandinPermissions } from './store.ts';

/** Options for the stand-in. */
export interface StandinOptions {
  /** `owner/name` it serves (default `test-msp/binders`). */
  repository?: string;
  /** Token it accepts (default `test-token`). */
  token?: string;
  /** Login of the token's user (default `github-actions[bot]`). */
  login?: string;
  /** Check every exchange against the OpenAPI description (default true). */
  validate?: boolean;
  /** Clock for timestamps. */
  now?: () => Date;
}

/** A running stand-in. */
export interface GitHubStandin {
  /** Base URL for octokit / GITHUB_API_URL. */
  url: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Requests or responses that do not match GitHub's API description. */
  specViolations: string[];
  /** Non-GET requests that reached the handlers (writes). */
  writes(): RecordedRequest[];
  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan | undefined): void;
  /**
   * Sets the token's permissions (default `{ issues: 'write' }`). With `issues: 'read'`, every
   * write (POST/PATCH/PUT/DELETE on issues, comments, labels, milestones) answers GitHub's 403
   * "Resource not accessible by integration" and changes nothing; reads still work.
   */
  setPermissions(permissions: StandinPermissions): void;
  /** Test hook: the next response to a matching request gets this body instead (to prove the checker can fail). */
  corruptNextResponse(method: string, path: RegExp, body: unknown): void;
  /** Issues (and pull requests) in number order. */
  issues(): readonly IssueState[];
  /** Comments on an issue. */
  commentsOf(number: number): readonly CommentState[];
  /** Label names. */
  labelNames(): string[];
  /** Milestone titles. */
  milestoneTitles(): string[];
  /** A technician edits the body (e.g. ticks boxes), as GitHub's UI does. */
  editIssueBody(number: number, body: string, login: string): void;
  /** A technician comments (a MEMBER unless another `author_association` is given). */
  addComment(number: number, body: string, login: string, at?: Date, association?: string): void;
  /** A technician closes the issue. */
  closeIssue(
    number: number,
    options: { reason: 'completed' | 'not_planned'; login: string; at?: Date },
  ): void;
  /** A technician reopens it. */
  reopenIssue(number: number, login: string): void;
  /** Adds a pull request (it shares the issue numbering and shows up in the issue list). */
  seedPullRequest(title: string, labels?: string[]): number;
  /** Adds an issue directly, as if someone created it. */
  seedIssue(issue: { title: string; body: string; labels: string[]; login?: string }): number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts a stand-in on a random port of 127.0.0.1. */
export async function startGitHubStandin(options: StandinOptions = {}): Promise<GitHubStandin> {
  const repository = options.repository ?? 'test-msp/binders';
  const [owner = '', repoName = ''] = repository.split('/');
  const token = options.token ?? 'test-token';
  const now = options.now ?? (() => new Date());
  const checker: OpenApiChecker | undefined =
    options.validate === false ? undefined : await loadOpenApiChecker();
  const store = new StandinStore({ actorLogin: options.login ?? 'github-actions[bot]', now });
  const { requests } = store;
  const specViolations: string[] = [];
  const faults = new FaultInjector();
  let corruption: { method: string; path: RegExp; body: unknown } | undefined;
  let base = '';
  const sockets = new Set<Socket>();
  const repoPath = `/repos/${owner}/${repoName}`;
  const routes = createRoutes(store, { repository, base: () => base });

  // `minimumRemaining` 1 for a permission 403: with `x-ratelimit-remaining: 0` octokit would take
  // it for the primary rate limit and wait for the reset instead of failing.
  const rateHeaders = (minimumRemaining = 0) => ({
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(Math.max(minimumRemaining, 1000 - requests.length)),
    'x-ratelimit-reset': String(Math.floor(now().getTime() / 1000) + 3600),
    'x-ratelimit-used': String(requests.length),
    'x-ratelimit-resource': 'core',
    'x-github-request-id': `0000:${requests.length}`,
  });

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    minimumRemaining = 0,
  ) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...rateHeaders(minimumRemaining),
      ...headers,
    });
    res.end(text);
  };

  // A refusal for a missing permission: checked against the spec like a handler's answer (it is
  // a documented GitHub response, unlike the 5xx and rate-limit faults).
  const sendForbidden = (res: ServerResponse, record: RecordedRequest, answer: FaultAnswer) => {
    if (checker && record.operation)
      specViolations.push(...checker.checkResponse(record.operation, answer.status, answer.body));
    record.status = answer.status;
    return send(res, answer.status, answer.body, answer.headers, 1);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const method = req.method ?? 'GET';
      const path = url.pathname;
      const query = Object.fromEntries(url.searchParams);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      const record: RecordedRequest = { method, path, query, status: 0, body: undefined };
      requests.push(record);
      try {
        if (raw) {
          body = JSON.parse(raw) as Record<string, unknown>;
          record.body = body;
        }
        const auth = req.headers.authorization ?? '';
        if (auth !== `token ${token}` && auth !== `Bearer ${token}`) {
          record.status = 401;
          return send(res, 401, {
            message: 'Bad credentials',
            documentation_url: 'https://docs.github.com/rest',
            status: '401',
          });
        }
        if (checker) {
          const checked = checker.checkRequest({
            method,
            path,
            query,
            headers: Object.fromEntries(
              Object.entries(req.headers).map(([key, value]) => [key, String(value)]),
            ),
            body: raw ? body : undefined,
          });
          specViolations.push(...checked.problems);
          record.operation = checked.operationId;
        }
        const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
        const otherRepo = path.startsWith('/repos/') && path !== repoPath && !path.startsWith(`${repoPath}/`);
        if (!route || otherRepo) {
          record.status = 404;
          return send(res, 404, {
            message: 'Not Found',
            documentation_url: 'https://docs.github.com/rest',
            status: '404',
          });
        }
        // A read-only token is refused before anything else happens (faults included, so a
        // scripted fault waits for the next matching request): GitHub checks permissions before it
        // does any work, and the refusal must leave the state unchanged.
        if (route.method !== 'GET' && store.permissions.issues === 'read')
          return sendForbidden(res, record, forbiddenAnswer(route.docs));
        const fault = faults.pick(method, path);
        if (fault) record.fault = fault;
        if (fault === 'drop') {
          record.status = 0;
          req.socket.destroy();
          return;
        }
        if (fault === 'hang') {
          // Accept the request and never answer: the client must time out on its own.
          record.status = 0;
          return;
        }
        const answer = fault
          ? faultAnswer(fault, { retryAfter: faults.retryAfter(), documentationUrl: route.docs })
          : undefined;
        if (answer && fault === 'forbidden') return sendForbidden(res, record, answer);
        if (answer) {
          record.status = answer.status;
          return send(res, answer.status, answer.body, answer.headers);
        }
        const match = route.pattern.exec(path) as RegExpExecArray;
        const result = route.handle(match, query, body);
        if (fault === 'apply-then-drop') {
          record.status = 0;
          req.socket.destroy();
          return;
        }
        if (fault === 'apply-then-hang') {
          record.status = 0;
          return;
        }
        if (fault === 'apply-then-502') {
          record.status = 502;
          return send(res, 502, { message: 'Server Error' });
        }
        let responseBody = result.body;
        if (corruption && corruption.method === method && corruption.path.test(path)) {
          responseBody = corruption.body;
          corruption = undefined;
        }
        if (checker && record.operation)
          specViolations.push(...checker.checkResponse(record.operation, result.status, responseBody));
        record.status = result.status;
        return send(res, result.status, responseBody, result.headers);
      } catch (error) {
        if (error instanceof HttpError) {
          record.status = error.status;
          return send(res, error.status, error.body);
        }
        // A handler that throws must still answer, or the client hangs.
        record.status = 500;
        specViolations.push(`stand-in error on ${method} ${path}: ${(error as Error).message}`);
        return send(res, 500, { message: (error as Error).message });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    specViolations,
    writes: () => store.writes(),
    setFaults: (plan) => faults.set(plan),
    setPermissions(permissions) {
      store.permissions = { ...permissions };
    },
    corruptNextResponse(method, path, body) {
      corruption = { method, path, body };
    },
    issues: () => store.issues,
    commentsOf: (number) => store.comments.filter((comment) => comment.issue === number),
    labelNames: () => [...store.labels.keys()],
    milestoneTitles: () => store.milestones.map((milestone) => milestone.title),
    editIssueBody: (number, body, _login) => store.editIssueBody(number, body),
    addComment(number, body, login, at, association) {
      store.addComment(number, body, store.user(login), at, association);
    },
    closeIssue: (number, closing) => store.closeIssue(number, closing),
    reopenIssue: (number, _login) => store.reopenIssue(number),
    seedPullRequest: (title, labelNames = []) =>
      store.seedIssue(title, 'A pull request', labelNames, 'jane-tech', true),
    seedIssue: (issue) =>
      store.seedIssue(issue.title, issue.body, issue.labels, issue.login ?? 'jane-tech', false),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
