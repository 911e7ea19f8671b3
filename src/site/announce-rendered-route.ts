import { defineMiddleware } from 'astro:middleware';
import { announceRenderedRoute } from './rendered-routes.ts';

/**
 * Astro middleware, build only: tells `npm run build` (over the IPC channel it opens) each route
 * Astro has just rendered, in batches (src/site/rendered-routes.ts), so the build reads the page
 * while Astro renders the next ones (src/site/live-pages.ts, src/site/build-channel.ts). Without
 * that channel (`astro dev`, a plain `astro build`) it does nothing; it never changes a response.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const send = process.send?.bind(process);
  if (context.isPrerendered && send) announceRenderedRoute(context.url.pathname, send);
  return response;
});
