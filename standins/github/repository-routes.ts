/** The GitHub stand-in's routes for the repository and the rate limit (see routes.ts). */
import { DOCS, type RouteGroupContext } from './route-kit.ts';
import type { Route } from './routes.ts';

/** The repository itself and the rate limit: what a client reads before it starts. */
export function repositoryRoutes({ render }: RouteGroupContext): Route[] {
  const { repoJson } = render;
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
  ];
}
