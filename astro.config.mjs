// @ts-check
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { startedByBuild } from './src/config/environment.ts';
import { readSiteConfig } from './src/config/site-config.ts';
import { readInternalPages } from './src/content/internal-pages.ts';
import { buildChannelIntegration } from './src/site/build-channel.ts';
import { resolveContentLinks, sanitizeContentHtml, scrollableTables } from './src/site/markdown-plugins.ts';
import { uiStringsIntegration } from './src/site/ui-strings.ts';

// BINDER_CLIENT picks one client's site; otherwise the internal (staff) site. See docs/publishing.md.
const site = readSiteConfig();

export default defineConfig({
  // The staff site's URL, or a client's portal; a client's site without a portal has none (no
  // canonical links, og:url or sitemap), and never the staff site's.
  ...(site.siteUrl ? { site: site.siteUrl } : {}),
  // One cache and one kept output per variant and code (`.cache/site/<variant>-<key>`): a client
  // build never sees content or pages of another build. `npm run build` publishes the kept output
  // to BINDER_OUT_DIR (src/site/site-build.ts).
  cacheDir: site.cacheDir,
  outDir: site.keptDir,
  // Warm builds: a page whose `cacheKey` (src/site/cache-keys.ts) and code are unchanged keeps its
  // HTML from the previous build. Astro keeps its own copy of each keyed page in
  // `<cacheDir>/dist/`: that is the output directory itself, so nothing is copied twice.
  experimental: { incrementalBuild: true },
  // Run by `npm run build`, Astro logs as usual but for its line and time for each page (18,470
  // lines at 100 clients): the build says how many pages it has and wrote (src/site/build-log.mjs).
  ...(startedByBuild() ? { logger: { entrypoint: './src/site/build-log.mjs' } } : {}),
  // The kept output is not emptied: the build removes what is stale itself, after Astro.
  vite: { build: { emptyOutDir: false } },
  // Eight pages in flight: while pages' files are written (each twice to the same file, the page and
  // Astro's incremental-build copy, into a folder made for it), the next ones render. One at a time, a cold build at 100 clients spent
  // a fifth of its time waiting on writes; four left Astro's thread idle 9 % of its render, eight
  // 4 % (a cold build 7-10 % faster; 16 is no faster). Astro's per-page log lines then interleave
  // (npm run build leaves them out and counts pages itself).
  build: { concurrency: 8 },
  markdown: {
    // Sätteri, Astro's Markdown engine, with our plugins; Starlight and Expressive Code add theirs
    // after them. Content is input: its HTML is sanitized first (no scripts, event handlers, frames,
    // forms or non-http(s)/mailto links; HTML comments such as `<!-- staff only: … -->` never reach
    // a page); tables scroll in a box; links between content files resolve to the pages they
    // become (a client's site turns links to pages it does not have into text).
    processor: satteri({
      hastPlugins: [
        sanitizeContentHtml,
        scrollableTables,
        resolveContentLinks({
          root: site.root,
          internal: site.client ? readInternalPages(site.root, site.client) : new Set(),
          ...(site.client ? { client: site.client } : {}),
        }),
      ],
    }),
  },
  integrations: [
    // First, so its `astro:build:done` (the files of this build's routes, recorded and told to
    // `npm run build`) runs before the sitemap's: the build indexes the pages meanwhile. It also
    // announces each rendered route and holds Astro until the build has checked its kept output
    // (src/site/build-channel.ts).
    buildChannelIntegration(site.cacheDir),
    // Starlight's interface strings ("Skip to content", the theme menu) looked up once per build,
    // not on every page (src/site/ui-strings.ts).
    uiStringsIntegration(),
    // Starlight adds @astrojs/sitemap unless an integration of that name is there, and the sitemap
    // needs `site`: without a URL it only warns "requires the `site` option. Skipping". A site
    // without a URL has no sitemap, without the warning.
    ...(site.siteUrl ? [] : [{ name: '@astrojs/sitemap', hooks: {} }]),
    starlight({
      // The client's name on a client's site, from its profile (src/config/site-config.ts).
      title: site.title.text,
      description: 'Network documentation binders and maintenance history.',
      // Each page gets a sidebar for its own client (src/components/BinderPage.astro): a global one
      // listing every client's pages made each page grow with the number of clients.
      sidebar: [],
      // Sets that sidebar in each binder page's route data (src/site/route-sidebar.ts).
      routeMiddleware: './src/site/route-sidebar.ts',
      pagination: false,
      // The not-found page is src/content/docs/404.md, built by Starlight's docs route to 404.html.
      disable404Route: true,
      customCss: ['./src/styles/binder.css'],
      // Search is indexed by `npm run build` (src/site/site-build.ts) in Pagefind's own process,
      // fed as Astro writes the pages: inside Astro's process, Pagefind's memory added to Astro's
      // and the build peaked near 3 GB at 100 clients. The search dialog stays, through a
      // one-line Search override.
      pagefind: false,
      components: { Search: './src/components/Search.astro', SiteTitle: './src/components/SiteTitle.astro' },
      markdown: {
        // Binder sections and notes live in content/, outside src/content/docs: without this,
        // asides (:::note) and heading ids are not processed there.
        processedDirs: ['./content'],
        // Clickable heading anchors cost memory and time at scale; ids and the ToC remain.
        headingLinks: false,
      },
    }),
    mdx(),
  ],
});
