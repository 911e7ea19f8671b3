import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/**
 * Starlight's route middleware (astro.config.mjs, `routeMiddleware`): a binder page's sidebar,
 * made by BinderPage.astro for its own client (`routeSidebar`, src/site/links.ts), replaces the
 * empty one of the site's config. Other Starlight pages (the not-found page) keep theirs.
 */
export const onRequest = defineRouteMiddleware((context) => {
  const sidebar = context.locals.binderSidebar;
  if (sidebar) context.locals.starlightRoute.sidebar = sidebar;
});
