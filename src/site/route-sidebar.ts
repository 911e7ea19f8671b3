import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

/**
 * Starlight's route middleware (astro.config.mjs, `routeMiddleware`): a binder page's sidebar,
 * made by BinderPage.astro for its own client (`routeSidebar`, src/site/links.ts), replaces the
 * empty one of the site's config. Other Starlight pages (the not-found page) keep theirs. Starlight
 * works out previous and next links from the sidebar before this runs: the site has none
 * (`pagination: false`); turned on, they would need working out here again.
 */
export const onRequest = defineRouteMiddleware((context) => {
  const sidebar = context.locals.binderSidebar;
  if (sidebar) context.locals.starlightRoute.sidebar = sidebar;
});
