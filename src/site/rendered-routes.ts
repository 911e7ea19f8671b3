import type { RenderedRoutesMessage } from './build-channel.ts';

/**
 * The routes Astro has rendered and not yet told the build, sent in batches: `process.send`
 * writes each message to the IPC pipe at once and wakes the build, and one message per page cost
 * Astro's render thread ~1 s of a cold build at 100 clients (18,470 pages). A batch goes when it
 * is full or `WAIT_MS` after its first route, and what is left goes when the integration says
 * every page is written (src/site/build-channel.ts), so nothing arrives after that.
 *
 * One batch per process: the middleware that announces (in Astro's prerender bundle) and the
 * integration that flushes (loaded with the config) are two copies of this module.
 */
export const ROUTES_PER_MESSAGE = 64;
const WAIT_MS = 25;

type Send = (message: RenderedRoutesMessage) => boolean;
interface Batch {
  routes: string[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

const key = Symbol.for('msp-binder.rendered-routes');
const holder = globalThis as typeof globalThis & { [key]?: Batch };
const batch = (): Batch => (holder[key] ??= { routes: [], timer: undefined });

/** Sends the routes not yet sent, if any. */
export function flushRenderedRoutes(send: Send): void {
  const pending = batch();
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = undefined;
  if (pending.routes.length === 0) return;
  send({ renderedRoutes: pending.routes.splice(0) });
}

/** Adds a rendered route to the batch; sends the batch when it is full, or soon after. */
export function announceRenderedRoute(route: string, send: Send): void {
  const pending = batch();
  pending.routes.push(route);
  if (pending.routes.length >= ROUTES_PER_MESSAGE) flushRenderedRoutes(send);
  else pending.timer ??= setTimeout(() => flushRenderedRoutes(send), WAIT_MS);
}
