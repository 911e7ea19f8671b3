import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadOpenApiChecker, type OpenApiChecker } from './openapi-check.ts';

/**
 * A stateful stand-in for the parts of GitHub's REST API msp-binder uses, on 127.0.0.1. Octokit
 * reaches it through `baseUrl` (GITHUB_API_URL). Every request and response is checked against
 * GitHub's OpenAPI description; faults can be injected to test what happens when GitHub fails.
 */

/** A fault the stand-in can inject instead of (or after) handling a request. */
export type FaultKind =
  | '500'
  | '502'
  | '429'
  | 'secondary'
  | 'drop'
  | 'hang'
  | 'apply-then-502'
  | 'apply-then-drop'
  | 'apply-then-hang';

/** Faults: scripted ones (consumed in order when they match) and/or a seeded random rate. */
export interface FaultPlan {
  /** Each is used once, for the first request that matches. */
  scripted?: { method?: string; path?: RegExp; kind: FaultKind }[];
  /** Random faults on this share of matching requests, from a seeded generator. */
  random?: { rate: number; seed: number; kinds: FaultKind[]; method?: string; path?: RegExp };
  /** Seconds in `retry-after` for 429 and secondary limits (default 1). */
  retryAfter?: number;
}

/** One request as the stand-in saw it. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** Status sent (0 for a dropped connection). */
  status: number;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** The injected fault, if any. */
  fault?: FaultKind;
  /** The OpenAPI operation id it matched. */
  operation?: string;
}

interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

interface IssueState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: User;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: User | null;
  comments: number;
  pullRequest: boolean;
}

interface CommentState {
  id: number;
  issue: number;
  user: User;
  body: string;
  createdAt: string;
}

interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

interface MilestoneState {
  id: number;
  number: number;
  title: string;
  description: string | null;
  dueOn: string | null;
  state: 'open' | 'closed';
  createdAt: string;
}

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
  /** A technician comments. */
  addComment(number: number, body: string, login: string, at?: Date): void;
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

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.';

/** Starts a stand-in on a random port of 127.0.0.1. */
export async function startGitHubStandin(options: StandinOptions = {}): Promise<GitHubStandin> {
  const repository = options.repository ?? 'test-msp/binders';
  const [owner = '', repoName = ''] = repository.split('/');
  const token = options.token ?? 'test-token';
  const now = options.now ?? (() => new Date());
  const checker: OpenApiChecker | undefined =
    options.validate === false ? undefined : await loadOpenApiChecker();
  const requests: RecordedRequest[] = [];
  const specViolations: string[] = [];
  const issues: IssueState[] = [];
  const comments: CommentState[] = [];
  const labels = new Map<string, LabelState>();
  const milestones: MilestoneState[] = [];
  const users = new Map<string, User>();
  let nextId = 1000;
  let faults: FaultPlan | undefined;
  let random: (() => number) | undefined;
  let corruption: { method: string; path: RegExp; body: unknown } | undefined;
  let base = '';
  const sockets = new Set<Socket>();

  const iso = (date = now()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const user = (login: string): User => {
    let found = users.get(login);
    if (!found) {
      found = { login, id: nextId++, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      users.set(login, found);
    }
    return found;
  };
  const apiRepo = () => `${base}/repos/${owner}/${repoName}`;
  const htmlRepo = () => `${base}/${owner}/${repoName}`;
  const userJson = (u: User) => ({
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    avatar_url: `${base}/avatars/${u.id}`,
    gravatar_id: '',
    url: `${base}/users/${u.login}`,
    html_url: `${base}/${u.login}`,
    followers_url: `${base}/users/${u.login}/followers`,
    following_url: `${base}/users/${u.login}/following{/other_user}`,
    gists_url: `${base}/users/${u.login}/gists{/gist_id}`,
    starred_url: `${base}/users/${u.login}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/users/${u.login}/subscriptions`,
    organizations_url: `${base}/users/${u.login}/orgs`,
    repos_url: `${base}/users/${u.login}/repos`,
    events_url: `${base}/users/${u.login}/events{/privacy}`,
    received_events_url: `${base}/users/${u.login}/received_events`,
    type: u.type,
    site_admin: false,
  });
  const labelJson = (label: LabelState) => ({
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${apiRepo()}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  });
  const milestoneJson = (milestone: MilestoneState) => {
    const inIt = issues.filter((issue) => issue.milestone === milestone.number && !issue.pullRequest);
    return {
      url: `${apiRepo()}/milestones/${milestone.number}`,
      html_url: `${htmlRepo()}/milestone/${milestone.number}`,
      labels_url: `${apiRepo()}/milestones/${milestone.number}/labels`,
      id: milestone.id,
      node_id: `MI_${milestone.id}`,
      number: milestone.number,
      state: milestone.state,
      title: milestone.title,
      description: milestone.description,
      creator: userJson(user(options.login ?? 'github-actions[bot]')),
      open_issues: inIt.filter((issue) => issue.state === 'open').length,
      closed_issues: inIt.filter((issue) => issue.state === 'closed').length,
      created_at: milestone.createdAt,
      updated_at: milestone.createdAt,
      closed_at: null,
      due_on: milestone.dueOn,
    };
  };
  const issueJson = (issue: IssueState) => {
    const milestone = milestones.find((candidate) => candidate.number === issue.milestone);
    const assignees = issue.assignees.map((login) => userJson(user(login)));
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url: `${apiRepo()}/issues/${issue.number}`,
      repository_url: apiRepo(),
      labels_url: `${apiRepo()}/issues/${issue.number}/labels{/name}`,
      comments_url: `${apiRepo()}/issues/${issue.number}/comments`,
      events_url: `${apiRepo()}/issues/${issue.number}/events`,
      html_url: `${htmlRepo()}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: userJson(issue.user),
      labels: issue.labels
        .map((name) => labels.get(name))
        .filter((label): label is LabelState => Boolean(label))
        .map(labelJson),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: milestone ? milestoneJson(milestone) : null,
      locked: false,
      active_lock_reason: null,
      comments: issue.comments,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      closed_by: issue.closedBy ? userJson(issue.closedBy) : null,
      author_association: 'MEMBER',
      ...(issue.pullRequest
        ? {
            pull_request: {
              url: `${apiRepo()}/pulls/${issue.number}`,
              html_url: `${htmlRepo()}/pull/${issue.number}`,
              diff_url: `${htmlRepo()}/pull/${issue.number}.diff`,
              patch_url: `${htmlRepo()}/pull/${issue.number}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  };
  const commentJson = (comment: CommentState) => ({
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${apiRepo()}/issues/comments/${comment.id}`,
    html_url: `${htmlRepo()}/issues/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${apiRepo()}/issues/${comment.issue}`,
    body: comment.body,
    user: userJson(comment.user),
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    author_association: 'MEMBER',
  });
  const repoJson = () => {
    const urls = Object.fromEntries(
      'archive assignees blobs branches collaborators comments commits compare contents contributors deployments downloads events forks git_commits git_refs git_tags hooks issue_comment issue_events issues keys labels languages merges milestones notifications pulls releases stargazers statuses subscribers subscription tags teams trees'
        .split(' ')
        .map((name) => [`${name}_url`, `${apiRepo()}/${name}`]),
    );
    const created = '2026-01-01T00:00:00Z';
    return {
      ...urls,
      id: 1,
      node_id: 'R_1',
      name: repoName,
      full_name: repository,
      private: true,
      owner: userJson(user(owner)),
      html_url: htmlRepo(),
      description: null,
      fork: false,
      url: apiRepo(),
      clone_url: `${htmlRepo()}.git`,
      git_url: `git://127.0.0.1/${repository}.git`,
      ssh_url: `git@127.0.0.1:${repository}.git`,
      svn_url: htmlRepo(),
      mirror_url: null,
      homepage: null,
      language: 'TypeScript',
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1,
      default_branch: 'main',
      open_issues: issues.filter((issue) => issue.state === 'open').length,
      open_issues_count: issues.filter((issue) => issue.state === 'open').length,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: created,
      created_at: created,
      updated_at: created,
      network_count: 0,
      subscribers_count: 0,
    };
  };

  class HttpError extends Error {
    readonly status: number;
    readonly body: unknown;
    constructor(status: number, body: unknown) {
      super(`HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }
  const fail = (status: number, message: string, extra: Record<string, unknown> = {}): never => {
    throw new HttpError(status, {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...extra,
    });
  };
  const validationFailed = (resource: string, field: string, code: string): never =>
    fail(422, 'Validation Failed', { errors: [{ resource, field, code }] });

  const paginate = <T>(items: T[], query: Record<string, string>, path: string) => {
    const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30)));
    const page = Math.max(1, Number(query.page ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${base}${path}?${params}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'));
    if (page < last) links.push(link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return { items: items.slice((page - 1) * perPage, page * perPage), headers };
  };

  const findIssue = (number: number) =>
    issues.find((issue) => issue.number === number) ?? fail(404, 'Not Found');
  const ensureLabel = (name: string) => {
    if (!labels.has(name)) labels.set(name, { id: nextId++, name, color: 'ededed', description: null });
  };
  const actor = () => user(options.login ?? 'github-actions[bot]');

  type Handler = (
    match: RegExpExecArray,
    query: Record<string, string>,
    body: Record<string, unknown>,
  ) => { status: number; body: unknown; headers?: Record<string, string> };
  const repoPath = `/repos/${owner}/${repoName}`;
  const routes: { method: string; pattern: RegExp; handle: Handler }[] = [
    {
      method: 'GET',
      pattern: /^\/rate_limit$/,
      handle: () => ({
        status: 200,
        body: {
          resources: { core: { limit: 1000, remaining: 999, reset: 0, used: 1 } },
          rate: { limit: 1000, remaining: 999, reset: 0, used: 1 },
        },
      }),
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)$/,
      handle: () => ({ status: 200, body: repoJson() }),
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/,
      handle: (_match, query) => {
        const state = query.state ?? 'open';
        const wanted = (query.labels ?? '').split(',').filter(Boolean);
        const since = query.since ? new Date(query.since).getTime() : undefined;
        let list = issues.filter(
          (issue) =>
            (state === 'all' || issue.state === state) &&
            wanted.every((label) => issue.labels.includes(label)) &&
            (since === undefined || new Date(issue.updatedAt).getTime() >= since),
        );
        const key = query.sort === 'updated' ? 'updatedAt' : 'createdAt';
        list = [...list].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.number - b.number));
        if ((query.direction ?? 'desc') === 'desc') list.reverse();
        const page = paginate(list, query, `${repoPath}/issues`);
        // Like GitHub, the list omits `closed_by`: only GET of a single issue says who closed it.
        return {
          status: 200,
          body: page.items.map((issue) => {
            const { closed_by: _closedBy, ...listed } = issueJson(issue);
            return listed;
          }),
          headers: page.headers,
        };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/,
      handle: (_match, _query, body) => {
        if (typeof body.title !== 'string' || !body.title)
          validationFailed('Issue', 'title', 'missing_field');
        const milestone =
          body.milestone === undefined || body.milestone === null ? null : Number(body.milestone);
        if (milestone !== null && !milestones.some((candidate) => candidate.number === milestone))
          validationFailed('Issue', 'milestone', 'invalid');
        const names = ((body.labels as string[] | undefined) ?? []).map(String);
        // GitHub creates labels that do not exist yet (with a default colour) when an issue names them.
        for (const name of names) ensureLabel(name);
        const issue = addIssueState({
          title: String(body.title),
          body: typeof body.body === 'string' ? body.body : null,
          labels: [...new Set(names)],
          assignees: ((body.assignees as string[] | undefined) ?? []).map(String),
          milestone,
          author: actor(),
          pullRequest: false,
        });
        return {
          status: 201,
          body: issueJson(issue),
          headers: { location: `${apiRepo()}/issues/${issue.number}` },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/,
      handle: (match) => ({ status: 200, body: issueJson(findIssue(Number(match[1]))) }),
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/,
      handle: (match, _query, body) => {
        const issue = findIssue(Number(match[1]));
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (Array.isArray(body.labels)) {
          for (const name of body.labels) ensureLabel(String(name));
          issue.labels = body.labels.map(String);
        }
        if (Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String);
        if (body.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.closedAt = iso();
          issue.closedBy = actor();
          issue.stateReason = typeof body.state_reason === 'string' ? body.state_reason : 'completed';
        } else if (body.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.closedAt = null;
          issue.closedBy = null;
          issue.stateReason = 'reopened';
        }
        issue.updatedAt = iso();
        return { status: 200, body: issueJson(issue) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      handle: (match, query) => {
        const number = Number(match[1]);
        findIssue(number);
        const page = paginate(
          comments.filter((comment) => comment.issue === number),
          query,
          `${repoPath}/issues/${number}/comments`,
        );
        return { status: 200, body: page.items.map(commentJson), headers: page.headers };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      handle: (match, _query, body) => {
        if (typeof body.body !== 'string') validationFailed('IssueComment', 'body', 'missing_field');
        const comment = addCommentState(Number(match[1]), String(body.body), actor());
        return { status: 201, body: commentJson(comment) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/,
      handle: (match, _query, body) => {
        const issue = findIssue(Number(match[1]));
        for (const name of ((body.labels as string[] | undefined) ?? []).map(String)) {
          ensureLabel(name);
          if (!issue.labels.includes(name)) issue.labels.push(name);
        }
        issue.updatedAt = iso();
        return { status: 200, body: issue.labels.map((name) => labelJson(labels.get(name) as LabelState)) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels$/,
      handle: (_match, query) => {
        const page = paginate([...labels.values()], query, `${repoPath}/labels`);
        return { status: 200, body: page.items.map(labelJson), headers: page.headers };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels\/([^/]+)$/,
      handle: (match) => {
        const label = labels.get(decodeURIComponent(match[1] ?? '')) ?? fail(404, 'Not Found');
        return { status: 200, body: labelJson(label) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels$/,
      handle: (_match, _query, body) => {
        const name = String(body.name ?? '');
        if (!name) validationFailed('Label', 'name', 'missing_field');
        if (labels.has(name)) validationFailed('Label', 'name', 'already_exists');
        const color = String(body.color ?? 'ededed').replace(/^#/, '');
        if (!/^[0-9a-fA-F]{6}$/.test(color)) validationFailed('Label', 'color', 'invalid');
        const label = {
          id: nextId++,
          name,
          color,
          description: typeof body.description === 'string' ? body.description : null,
        };
        labels.set(name, label);
        return { status: 201, body: labelJson(label) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/milestones$/,
      handle: (_match, query) => {
        const state = query.state ?? 'open';
        const page = paginate(
          milestones.filter((milestone) => state === 'all' || milestone.state === state),
          query,
          `${repoPath}/milestones`,
        );
        return { status: 200, body: page.items.map(milestoneJson), headers: page.headers };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/milestones$/,
      handle: (_match, _query, body) => {
        const title = String(body.title ?? '');
        if (!title) validationFailed('Milestone', 'title', 'missing_field');
        if (milestones.some((milestone) => milestone.title === title))
          validationFailed('Milestone', 'title', 'already_exists');
        const milestone: MilestoneState = {
          id: nextId++,
          number: milestones.length + 1,
          title,
          description: typeof body.description === 'string' ? body.description : null,
          dueOn: typeof body.due_on === 'string' ? body.due_on : null,
          state: 'open',
          createdAt: iso(),
        };
        milestones.push(milestone);
        return { status: 201, body: milestoneJson(milestone) };
      },
    },
  ];

  function addIssueState(fields: {
    title: string;
    body: string | null;
    labels: string[];
    assignees: string[];
    milestone: number | null;
    author: User;
    pullRequest: boolean;
  }): IssueState {
    const created = iso();
    const { author, ...rest } = fields;
    const issue: IssueState = {
      ...rest,
      id: nextId++,
      // Issues and pull requests share one numbering, as on GitHub.
      number: issues.length + 1,
      user: author,
      state: 'open',
      stateReason: null,
      createdAt: created,
      updatedAt: created,
      closedAt: null,
      closedBy: null,
      comments: 0,
    };
    issues.push(issue);
    return issue;
  }

  function addCommentState(number: number, body: string, author: User, at?: Date): CommentState {
    const issue = findIssue(number);
    const comment = { id: nextId++, issue: number, user: author, body, createdAt: iso(at) };
    comments.push(comment);
    issue.comments += 1;
    issue.updatedAt = iso(at);
    return comment;
  }

  function pickFault(method: string, path: string): FaultKind | undefined {
    const scripted = faults?.scripted ?? [];
    const index = scripted.findIndex(
      (fault) => (!fault.method || fault.method === method) && (!fault.path || fault.path.test(path)),
    );
    if (index >= 0) return scripted.splice(index, 1)[0]?.kind;
    const plan = faults?.random;
    if (
      plan &&
      random &&
      (!plan.method || plan.method === method) &&
      (!plan.path || plan.path.test(path)) &&
      random() < plan.rate
    ) {
      return plan.kinds[Math.floor(random() * plan.kinds.length)];
    }
    return undefined;
  }

  const rateHeaders = () => ({
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(Math.max(0, 1000 - requests.length)),
    'x-ratelimit-reset': String(Math.floor(now().getTime() / 1000) + 3600),
    'x-ratelimit-used': String(requests.length),
    'x-ratelimit-resource': 'core',
    'x-github-request-id': `0000:${requests.length}`,
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...rateHeaders(),
      ...headers,
    });
    res.end(text);
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
        const fault = pickFault(method, path);
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
        if (fault === '500' || fault === '502') {
          record.status = Number(fault);
          return send(res, Number(fault), {
            message: fault === '502' ? 'Server Error' : 'Internal Server Error',
          });
        }
        if (fault === '429') {
          record.status = 429;
          return send(
            res,
            429,
            { message: 'Too many requests' },
            { 'retry-after': String(faults?.retryAfter ?? 1) },
          );
        }
        if (fault === 'secondary') {
          record.status = 403;
          return send(
            res,
            403,
            {
              message: SECONDARY_MESSAGE,
              documentation_url:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
              status: '403',
            },
            { 'retry-after': String(faults?.retryAfter ?? 1) },
          );
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

  const newIssue = (
    title: string,
    body: string | null,
    labelNames: string[],
    login: string,
    pullRequest: boolean,
  ) => {
    for (const name of labelNames) ensureLabel(name);
    return addIssueState({
      title,
      body,
      labels: labelNames,
      assignees: [],
      milestone: null,
      author: user(login),
      pullRequest,
    }).number;
  };

  return {
    url: base,
    requests,
    specViolations,
    writes: () =>
      requests.filter(
        (request) => request.method !== 'GET' && request.status !== 401 && request.status !== 404,
      ),
    setFaults(plan) {
      faults = plan ? { ...plan, ...(plan.scripted ? { scripted: [...plan.scripted] } : {}) } : undefined;
      random = plan?.random ? mulberry32(plan.random.seed) : undefined;
    },
    corruptNextResponse(method, path, body) {
      corruption = { method, path, body };
    },
    issues: () => issues,
    commentsOf: (number) => comments.filter((comment) => comment.issue === number),
    labelNames: () => [...labels.keys()],
    milestoneTitles: () => milestones.map((milestone) => milestone.title),
    editIssueBody(number, body, _login) {
      const issue = findIssue(number);
      issue.body = body;
      issue.updatedAt = iso();
    },
    addComment(number, body, login, at) {
      addCommentState(number, body, user(login), at);
    },
    closeIssue(number, { reason, login, at }) {
      const issue = findIssue(number);
      issue.state = 'closed';
      issue.stateReason = reason;
      issue.closedAt = iso(at);
      issue.closedBy = user(login);
      issue.updatedAt = iso(at);
    },
    reopenIssue(number, _login) {
      const issue = findIssue(number);
      issue.state = 'open';
      issue.stateReason = 'reopened';
      issue.closedAt = null;
      issue.closedBy = null;
      issue.updatedAt = iso();
    },
    seedPullRequest: (title, labelNames = []) =>
      newIssue(title, 'A pull request', labelNames, 'jane-tech', true),
    seedIssue: (issue) => newIssue(issue.title, issue.body, issue.labels, issue.login ?? 'jane-tech', false),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
