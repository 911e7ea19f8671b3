/**
 * The JSON GitHub renders for each kind of record the stand-in serves (a user, a label, a
 * milestone, an issue, a comment, the repository), with the URLs of the server they come from.
 */

import type { RouteContext } from './routes.ts';
import type { CommentState, IssueState, LabelState, MilestoneState, StandinStore, User } from './store.ts';

/** Renders records of one repository as GitHub's JSON. */
export type Renderer = ReturnType<typeof createRenderer>;

/** The renderers for one repository over a store. */
export function createRenderer(store: StandinStore, context: RouteContext) {
  const { repository } = context;
  const [owner = '', repoName = ''] = repository.split('/');
  const { issues, labels, milestones } = store;
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

  return { labelJson, milestoneJson, issueJson, commentJson, repoJson, apiRepo };
}
