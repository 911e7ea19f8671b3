/** The GitHub stand-in's routes for labels (see routes.ts). */
import { DOCS, paginate, type RouteGroupContext, validationFailed } from './route-kit.ts';
import type { Route } from './routes.ts';
import { fail, type LabelState } from './store.ts';

/** Labels: the repository's (list, get, create) and an issue's (add). */
export function labelRoutes({ store, render, context, repoPath }: RouteGroupContext): Route[] {
  const { labels } = store;
  const { labelJson } = render;
  return [
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
        const page = paginate([...labels.values()], query, `${repoPath}/labels`, context);
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
  ];
}
