/**
 * The GitHub stand-in's HTTP handlers, one per REST endpoint msp-binder uses, in a group per
 * resource: the repository (repository-routes.ts), issues (issue-routes.ts), comments
 * (comment-routes.ts), labels (label-routes.ts) and milestones (milestone-routes.ts). The JSON
 * GitHub renders for each kind of record is render.ts; what the groups share, route-kit.ts.
 * Handlers read and change the store; errors are thrown as `HttpError`s (GitHub's error body),
 * which the server sends.
 */
import { commentRoutes } from './comment-routes.ts';
import { issueRoutes } from './issue-routes.ts';
import { labelRoutes } from './label-routes.ts';
import { milestoneRoutes } from './milestone-routes.ts';
import { createRenderer } from './render.ts';
import { repositoryRoutes } from './repository-routes.ts';
import type { StandinStore } from './store.ts';

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
  const [owner = '', repoName = ''] = context.repository.split('/');
  const group = {
    store,
    context,
    render: createRenderer(store, context),
    repoPath: `/repos/${owner}/${repoName}`,
  };
  return [
    ...repositoryRoutes(group),
    ...issueRoutes(group),
    ...commentRoutes(group),
    ...labelRoutes(group),
    ...milestoneRoutes(group),
  ];
}
