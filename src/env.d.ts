// Starlight's types for Astro.locals.starlightRoute (used by the SiteTitle override).
/// <reference types="@astrojs/starlight" />
