import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import type { Loader } from 'astro/loaders';
import { readSiteConfig } from './config/site-config.ts';
import {
  ArchivedChecklistSchema,
  BinderSectionSchema,
  ClientProfileSchema,
  EvidenceFileSchema,
  TechNoteSchema,
} from './schemas/index.ts';
import { type ContentCollection, collectionSources, collectionsWithFiles } from './site/collection-files.ts';
import { digestFirstGlob } from './site/content-loader.ts';

const site = readSiteConfig();
// A client build only ever reads that client's folders: other clients' files are never loaded.
const sources = collectionSources(site.client);
const withFiles = collectionsWithFiles(site.root, site.client);

/** Nothing to load: a new MSP's notes and archives (Astro warns about a glob that finds nothing). */
const emptyLoader: Loader = { name: 'binder-empty', load: async ({ store }) => store.clear() };

// Astro's glob() loader, but unchanged files are not parsed again, and archived checklists (made
// into pages from their data alone) are not rendered (src/site/content-loader.ts).
const loaderFor = (name: ContentCollection): Loader =>
  withFiles.has(name) ? digestFirstGlob(sources[name], { render: name !== 'checklists' }) : emptyLoader;

let docs: ReturnType<ReturnType<typeof docsSchema>> | undefined;

/**
 * One collection per content type, each validated by the same zod schema `binder check` uses.
 * Content lives in the top-level `content/`, not `src/content/docs`: pages are rendered by the
 * routes in src/pages with Starlight's <StarlightPage>, each with a sidebar of its own client.
 */
export const collections = {
  // Starlight's own collections. `docs` holds one entry, src/content/docs/404.md, the sites'
  // not-found page (all other pages come from src/pages); its schema is built once rather than
  // per entry (see docs/decisions.md). `i18n` holds src/content/i18n/en.json, our wording of
  // Starlight's interface. Empty, Astro warned about both on every build.
  docs: defineCollection({ loader: docsLoader(), schema: (context) => (docs ??= docsSchema()(context)) }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  clients: defineCollection({ loader: loaderFor('clients'), schema: ClientProfileSchema }),
  binder: defineCollection({ loader: loaderFor('binder'), schema: BinderSectionSchema }),
  notes: defineCollection({ loader: loaderFor('notes'), schema: TechNoteSchema }),
  checklists: defineCollection({ loader: loaderFor('checklists'), schema: ArchivedChecklistSchema }),
  // RMM evidence: one JSON file per client and month, one entry each (a client build reads its own).
  evidence: defineCollection({ loader: loaderFor('evidence'), schema: EvidenceFileSchema }),
};
