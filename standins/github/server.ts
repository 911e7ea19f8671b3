import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type FaultAnswer, FaultInjector, type FaultPlan, faultAnswer, forbiddenAnswer } from './faults.ts';
import { loadOpenApiChecker, type OpenApiChecker } from './openapi-check.ts';
import { createRoutes, type Route } from './routes.ts';
import {
  type CommentState,
  fail,
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

/** What the request handling needs: the store, routes, faults and spec check of one stand-in. */
interface Runtime {
  /** The records and the request log. */
  store: StandinStore;
  /** The handlers. */
  routes: Route[];
  /** Scripted and random faults. */
  faults: FaultInjector;
  /** GitHub's API description, when exchanges are checked against it. */
  checker: OpenApiChecker | undefined;
  /** Exchanges that do not match the description. */
  specViolations: string[];
  /** The token it accepts. */
  token: string;
  /** `/repos/<owner>/<name>`: other repositories are not found. */
  repoPath: string;
  /** Clock for the rate-limit reset. */
  now: () => Date;
  /** The base URL, once listening. */
  base: string;
  /** The next matching response's replacement body (corruptNextResponse). */
  corruption: { method: string; path: RegExp; body: unknown } | undefined;
}

/**
 * GitHub's rate-limit headers. `minimumRemaining` 1 for a permission 403: with
 * `x-ratelimit-remaining: 0` octokit would take it for the primary rate limit and wait for the
 * reset instead of failing.
 */
function rateHeaders(runtime: Runtime, minimumRemaining = 0): Record<string, string> {
  const { requests } = runtime.store;
  return {
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(Math.max(minimumRemaining, 1000 - requests.length)),
    'x-ratelimit-reset': String(Math.floor(runtime.now().getTime() / 1000) + 3600),
    'x-ratelimit-used': String(requests.length),
    'x-ratelimit-resource': 'core',
    'x-github-request-id': `0000:${requests.length}`,
  };
}

/** Sends a JSON answer with the rate-limit headers. */
function send(
  runtime: Runtime,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  minimumRemaining = 0,
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...rateHeaders(runtime, minimumRemaining),
    ...headers,
  });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/**
 * A refusal for a missing permission: checked against the spec like a handler's answer (it is a
 * documented GitHub response, unlike the 5xx and rate-limit faults).
 */
function sendForbidden(
  runtime: Runtime,
  res: ServerResponse,
  record: RecordedRequest,
  answer: FaultAnswer,
): void {
  if (runtime.checker && record.operation)
    runtime.specViolations.push(
      ...runtime.checker.checkResponse(record.operation, answer.status, answer.body),
    );
  record.status = answer.status;
  send(runtime, res, answer.status, answer.body, answer.headers, 1);
}

/** Records the request's operation and any way it breaks GitHub's description. */
function checkRequest(runtime: Runtime, req: IncomingMessage, record: RecordedRequest, raw: string): void {
  if (!runtime.checker) return;
  const checked = runtime.checker.checkRequest({
    method: record.method,
    path: record.path,
    query: record.query,
    headers: Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)])),
    body: raw ? record.body : undefined,
  });
  runtime.specViolations.push(...checked.problems);
  record.operation = checked.operationId;
}

/** The handler for a request to the served repository (or the API root); undefined: GitHub's 404. */
function findRoute(runtime: Runtime, method: string, path: string): Route | undefined {
  const { repoPath } = runtime;
  if (path.startsWith('/repos/') && path !== repoPath && !path.startsWith(`${repoPath}/`)) return undefined;
  return runtime.routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
}

/**
 * Answers an authenticated request for a known route: a read-only token's refusal, a fault, or
 * the handler's answer (then an apply-then-* fault, or a corrupted body for the spec check's own
 * test), each checked against GitHub's description when it is one GitHub documents.
 */
function answerRoute(
  runtime: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
  route: Route,
  body: Record<string, unknown>,
): void {
  const { store, faults } = runtime;
  const { method, path } = record;
  // A read-only token is refused before anything else happens (faults included, so a scripted
  // fault waits for the next matching request): GitHub checks permissions before it does any
  // work, and the refusal must leave the state unchanged.
  if (route.method !== 'GET' && store.permissions.issues === 'read') {
    sendForbidden(runtime, res, record, forbiddenAnswer(route.docs));
    return;
  }
  const fault = faults.pick(method, path);
  if (fault) record.fault = fault;
  if (fault === 'drop' || fault === 'hang') {
    record.status = 0;
    // A hang accepts the request and never answers: the client must time out on its own.
    if (fault === 'drop') req.socket.destroy();
    return;
  }
  const answer = fault
    ? faultAnswer(fault, { retryAfter: faults.retryAfter(), documentationUrl: route.docs })
    : undefined;
  if (answer) {
    if (fault === 'forbidden') sendForbidden(runtime, res, record, answer);
    else {
      record.status = answer.status;
      send(runtime, res, answer.status, answer.body, answer.headers);
    }
    return;
  }
  const result = route.handle(route.pattern.exec(path) as RegExpExecArray, record.query, body);
  if (fault === 'apply-then-drop' || fault === 'apply-then-hang') {
    record.status = 0;
    if (fault === 'apply-then-drop') req.socket.destroy();
    return;
  }
  if (fault === 'apply-then-502') {
    record.status = 502;
    send(runtime, res, 502, { message: 'Server Error' });
    return;
  }
  let responseBody = result.body;
  const { corruption } = runtime;
  if (corruption && corruption.method === method && corruption.path.test(path)) {
    responseBody = corruption.body;
    runtime.corruption = undefined;
  }
  if (runtime.checker && record.operation)
    runtime.specViolations.push(
      ...runtime.checker.checkResponse(record.operation, result.status, responseBody),
    );
  record.status = result.status;
  send(runtime, res, result.status, responseBody, result.headers);
}

/** Handles one request whose body has been read: record, authenticate, check, route, answer. */
function handleRequest(runtime: Runtime, req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = new URL(req.url ?? '/', runtime.base);
  const method = req.method ?? 'GET';
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: 0,
    body: undefined,
  };
  runtime.store.requests.push(record);
  try {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (raw) record.body = body;
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${runtime.token}` && auth !== `Bearer ${runtime.token}`) fail(401, 'Bad credentials');
    checkRequest(runtime, req, record, raw);
    const route = findRoute(runtime, method, record.path);
    if (!route) fail(404, 'Not Found');
    answerRoute(runtime, req, res, record, route, body);
  } catch (error) {
    if (error instanceof HttpError) {
      record.status = error.status;
      send(runtime, res, error.status, error.body);
      return;
    }
    // A handler that throws must still answer, or the client hangs.
    record.status = 500;
    runtime.specViolations.push(`stand-in error on ${method} ${record.path}: ${(error as Error).message}`);
    send(runtime, res, 500, { message: (error as Error).message });
  }
}

/** The test hooks and views of a running stand-in. */
function standinHandle(runtime: Runtime, close: () => Promise<void>): GitHubStandin {
  const { store } = runtime;
  return {
    url: runtime.base,
    requests: store.requests,
    specViolations: runtime.specViolations,
    writes: () => store.writes(),
    setFaults: (plan) => runtime.faults.set(plan),
    setPermissions(permissions) {
      store.permissions = { ...permissions };
    },
    corruptNextResponse(method, path, body) {
      runtime.corruption = { method, path, body };
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
    close,
  };
}

/** Starts a stand-in on a random port of 127.0.0.1. */
export async function startGitHubStandin(options: StandinOptions = {}): Promise<GitHubStandin> {
  const repository = options.repository ?? 'test-msp/binders';
  const now = options.now ?? (() => new Date());
  const store = new StandinStore({ actorLogin: options.login ?? 'github-actions[bot]', now });
  const runtime: Runtime = {
    store,
    routes: createRoutes(store, { repository, base: () => runtime.base }),
    faults: new FaultInjector(),
    checker: options.validate === false ? undefined : await loadOpenApiChecker(),
    specViolations: [],
    token: options.token ?? 'test-token',
    repoPath: `/repos/${repository}`,
    now,
    base: '',
    corruption: undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handleRequest(runtime, req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  runtime.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standinHandle(
    runtime,
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
}
