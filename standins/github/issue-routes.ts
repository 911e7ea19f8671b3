/** The GitHub stand-in's routes for issues (see routes.ts). */
import { DOCS, paginate, type RouteGroupContext, validationFailed } from './route-kit.ts';
import type { Route } from './routes.ts';

/** Issues: list (with AND-ed labels, state, since, sort and pages), create, get and update. */
export function issueRoutes({ store, render, context, repoPath }: RouteGroupContext): Route[] {
  const { issues, milestones } = store;
  const { issueJson, apiRepo } = render;
  return [
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
        const page = paginate(list, query, `${repoPath}/issues`, context);
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
  ];
}
