/** The GitHub stand-in's routes for issues' comments (see routes.ts). */
import { DOCS, paginate, type RouteGroupContext, validationFailed } from './route-kit.ts';
import type { Route } from './routes.ts';

/** An issue's comments: list (paged) and create. */
export function commentRoutes({ store, render, context, repoPath }: RouteGroupContext): Route[] {
  const { comments } = store;
  const { commentJson } = render;
  return [
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
          context,
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
  ];
}
