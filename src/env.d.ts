// Starlight's types for Astro.locals.starlightRoute (used by the SiteTitle override).
/// <reference types="@astrojs/starlight" />

declare namespace App {
  interface Locals {
    /** A binder page's sidebar, for Starlight's route data (src/site/route-sidebar.ts). */
    binderSidebar?: import('./site/links.ts').RouteSidebarEntry[];
  }
}
