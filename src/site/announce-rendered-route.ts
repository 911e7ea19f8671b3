import { defineMiddleware } from 'astro:middleware';
import type { RenderedRouteMessage } from './build-channel.ts';

/**
 * Astro middleware, build only: tells `npm run build` (over the IPC channel it opens) each route
 * Astro has just rendered, so the build reads the page while Astro renders the next ones
 * (src/site/live-pages.ts, src/site/build-channel.ts). Without that channel (`astro dev`, a plain
 * `astro build`) it does nothing; it never changes a response.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered && process.send) {
    const message: RenderedRouteMessage = { renderedRoute: context.url.pathname };
    process.send(message);
  }
  return response;
});
