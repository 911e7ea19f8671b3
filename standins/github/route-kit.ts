/**
 * What every route group of the GitHub stand-in shares: where GitHub's REST docs live, GitHub's
 * 422 answer, and its pagination (`per_page`, `page`, and a `link` header).
 */

import type { Renderer } from './render.ts';
import type { RouteContext } from './routes.ts';
import type { StandinStore } from './store.ts';
import { DOCS, fail } from './store.ts';

export { DOCS };

/** What a route group is built from. */
export interface RouteGroupContext {
  /** The records. */
  store: StandinStore;
  /** The repository and the server's base URL. */
  context: RouteContext;
  /** GitHub's JSON for the records. */
  render: Renderer;
  /** `/repos/<owner>/<name>`. */
  repoPath: string;
}

/** GitHub's 422 for a field that is missing, invalid or already taken. */
export const validationFailed = (resource: string, field: string, code: string): never =>
  fail(422, 'Validation Failed', { errors: [{ resource, field, code }] });

/** One page of `items` as GitHub pages a list, with its `link` header. */
export function paginate<T>(
  items: T[],
  query: Record<string, string>,
  path: string,
  context: RouteContext,
): { items: T[]; headers: Record<string, string> } {
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
}
