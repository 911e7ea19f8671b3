/** The GitHub stand-in's routes for milestones (see routes.ts). */
import { DOCS, paginate, type RouteGroupContext, validationFailed } from './route-kit.ts';
import type { Route } from './routes.ts';
import type { MilestoneState } from './store.ts';

/** Milestones: list (by state, paged) and create. */
export function milestoneRoutes({ store, render, context, repoPath }: RouteGroupContext): Route[] {
  const { milestones } = store;
  const { milestoneJson } = render;
  return [
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
          context,
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
