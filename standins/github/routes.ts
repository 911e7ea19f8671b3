/**
 * The GitHub stand-in's HTTP handlers, one per REST endpoint msp-binder uses, and the JSON GitHub
 * renders for each kind of record. Handlers read and change the store; errors are thrown as
 * `HttpError`s (GitHub's error body), which the server sends.
 */
import {
  type CommentState,
  fail,
  type IssueState,
  type LabelState,
  type MilestoneState,
  type StandinStore,
  type User,
} from './store.ts';

const DOCS = 'https://docs.github.com/rest';

/** What a handler answers. */
export interface RouteResult {
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
  /** Extra headers (`link`, `location`). */
  headers?: Record<string, string>;
}

/** One endpoint: method, path pattern (capturing its path parameters) and handler. */
export interface Route {
  /** HTTP method, upper case. */
  method: string;
  /** Matches the whole path; groups capture the path parameters. */
  pattern: RegExp;
  /** The endpoint's page in GitHub's REST docs (its OpenAPI `externalDocs`), which GitHub's errors link. */
  docs: string;
  /** Answers the request; throws `HttpError` for GitHub's error answers. */
  handle(match: RegExpExecArray, query: Record<string, string>, body: Record<string, unknown>): RouteResult;
}

/** Where the routes live: the repository served and the server's base URL (known once it listens). */
export interface RouteContext {
  /** `owner/name`. */
  repository: string;
  /** The base URL, e.g. `http://127.0.0.1:41234`, for the URLs inside GitHub's JSON. */
  base: () => string;
}

/** The routes for one repository over a store. */
export function createRoutes(store: StandinStore, context: RouteContext): Route[] {
  const { repository } = context;
  const [owner = '', repoName = ''] = repository.split('/');
  const { issues, comments, labels, milestones } = store;
  const apiRepo = () => `${context.base()}/repos/${owner}/${repoName}`;
  const htmlRepo = () => `${context.base()}/${owner}/${repoName}`;
  const userJson = (u: User) => {
    const base = context.base();
    return {
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
    };
  };
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
      creator: userJson(store.actor()),
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
    const assignees = issue.assignees.map((login) => userJson(store.user(login)));
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
    author_association: comment.authorAssociation,
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
      owner: userJson(store.user(owner)),
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

  const validationFailed = (resource: string, field: string, code: string): never =>
    fail(422, 'Validation Failed', { errors: [{ resource, field, code }] });

  const paginate = <T>(items: T[], query: Record<string, string>, path: string) => {
    const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30)));
    const page = Math.max(1, Number(query.page ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${context.base()}${path}?${params}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'));
    if (page < last) links.push(link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return { items: items.slice((page - 1) * perPage, page * perPage), headers };
  };

  const repoPath = `/repos/${owner}/${repoName}`;
  return [
    {
      method: 'GET',
      pattern: /^\/rate_limit$/,
      docs: `${DOCS}/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user`,
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
      docs: `${DOCS}/repos/repos#get-a-repository`,
      handle: () => ({ status: 200, body: repoJson() }),
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/,
      docs: `${DOCS}/issues/issues#list-repository-issues`,
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
      docs: `${DOCS}/issues/issues#create-an-issue`,
      handle: (_match, _query, body) => {
        if (typeof body.title !== 'string' || !body.title)
          validationFailed('Issue', 'title', 'missing_field');
        const milestone =
          body.milestone === undefined || body.milestone === null ? null : Number(body.milestone);
        if (milestone !== null && !milestones.some((candidate) => candidate.number === milestone))
          validationFailed('Issue', 'milestone', 'invalid');
        const names = ((body.labels as string[] | undefined) ?? []).map(String);
        // GitHub creates labels that do not exist yet (with a default colour) when an issue names them.
        for (const name of names) store.ensureLabel(name);
        const issue = store.addIssue({
          title: String(body.title),
          body: typeof body.body === 'string' ? body.body : null,
          labels: [...new Set(names)],
          assignees: ((body.assignees as string[] | undefined) ?? []).map(String),
          milestone,
          author: store.actor(),
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
      docs: `${DOCS}/issues/issues#get-an-issue`,
      handle: (match) => ({ status: 200, body: issueJson(store.findIssue(Number(match[1]))) }),
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/,
      docs: `${DOCS}/issues/issues#update-an-issue`,
      handle: (match, _query, body) => {
        const issue = store.findIssue(Number(match[1]));
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (Array.isArray(body.labels)) {
          for (const name of body.labels) store.ensureLabel(String(name));
          issue.labels = body.labels.map(String);
        }
        if (Array.isArray(body.assignees)) issue.assignees = body.assignees.map(String);
        if (body.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.closedAt = store.iso();
          issue.closedBy = store.actor();
          issue.stateReason = typeof body.state_reason === 'string' ? body.state_reason : 'completed';
        } else if (body.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.closedAt = null;
          issue.closedBy = null;
          issue.stateReason = 'reopened';
        }
        issue.updatedAt = store.iso();
        return { status: 200, body: issueJson(issue) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      docs: `${DOCS}/issues/comments#list-issue-comments`,
      handle: (match, query) => {
        const number = Number(match[1]);
        store.findIssue(number);
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
      docs: `${DOCS}/issues/comments#create-an-issue-comment`,
      handle: (match, _query, body) => {
        if (typeof body.body !== 'string') validationFailed('IssueComment', 'body', 'missing_field');
        const comment = store.addComment(Number(match[1]), String(body.body), store.actor());
        return { status: 201, body: commentJson(comment) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/,
      docs: `${DOCS}/issues/labels#add-labels-to-an-issue`,
      handle: (match, _query, body) => {
        const issue = store.findIssue(Number(match[1]));
        for (const name of ((body.labels as string[] | undefined) ?? []).map(String)) {
          store.ensureLabel(name);
          if (!issue.labels.includes(name)) issue.labels.push(name);
        }
        issue.updatedAt = store.iso();
        return { status: 200, body: issue.labels.map((name) => labelJson(labels.get(name) as LabelState)) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels$/,
      docs: `${DOCS}/issues/labels#list-labels-for-a-repository`,
      handle: (_match, query) => {
        const page = paginate([...labels.values()], query, `${repoPath}/labels`);
        return { status: 200, body: page.items.map(labelJson), headers: page.headers };
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels\/([^/]+)$/,
      docs: `${DOCS}/issues/labels#get-a-label`,
      handle: (match) => {
        const label = labels.get(decodeURIComponent(match[1] ?? '')) ?? fail(404, 'Not Found');
        return { status: 200, body: labelJson(label) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/[^/]+\/[^/]+\/labels$/,
      docs: `${DOCS}/issues/labels#create-a-label`,
      handle: (_match, _query, body) => {
        const name = String(body.name ?? '');
        if (!name) validationFailed('Label', 'name', 'missing_field');
        if (labels.has(name)) validationFailed('Label', 'name', 'already_exists');
        const color = String(body.color ?? 'ededed').replace(/^#/, '');
        if (!/^[0-9a-fA-F]{6}$/.test(color)) validationFailed('Label', 'color', 'invalid');
        const label = {
          id: store.nextId(),
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
      docs: `${DOCS}/issues/milestones#list-milestones`,
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
      docs: `${DOCS}/issues/milestones#create-a-milestone`,
      handle: (_match, _query, body) => {
        const title = String(body.title ?? '');
        if (!title) validationFailed('Milestone', 'title', 'missing_field');
        if (milestones.some((milestone) => milestone.title === title))
          validationFailed('Milestone', 'title', 'already_exists');
        const milestone: MilestoneState = {
          id: store.nextId(),
          number: milestones.length + 1,
          title,
          description: typeof body.description === 'string' ? body.description : null,
          dueOn: typeof body.due_on === 'string' ? body.due_on : null,
          state: 'open',
          createdAt: store.iso(),
        };
        milestones.push(milestone);
        return { status: 201, body: milestoneJson(milestone) };
      },
    },
  ];
}
