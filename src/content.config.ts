import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { readSiteConfig } from './config/site-config.ts';
import { collectionGlobs, contentPaths } from './core/content-paths.ts';
import {
  ArchivedChecklistSchema,
  BinderSectionSchema,
  ClientProfileSchema,
  EvidenceFileSchema,
  TechNoteSchema,
} from './schemas/index.ts';

const site = readSiteConfig();
// A client build only ever reads that client's folders: other clients' files are never loaded.
const globs = collectionGlobs(site.client);
const clientsBase = `./${contentPaths.clientsDir}`;

let docs: ReturnType<ReturnType<typeof docsSchema>> | undefined;

/**
 * One collection per content type, each validated by the same zod schema `binder check` uses.
 * Content lives in the top-level `content/`, not `src/content/docs`: pages are rendered by the
 * routes in src/pages with Starlight's <StarlightPage>, each with a sidebar of its own client.
 */
export const collections = {
  // Starlight needs its docs collection; it holds nothing (all pages come from src/pages), and
  // its schema is built once rather than per entry (see docs/decisions.md).
  docs: defineCollection({ loader: docsLoader(), schema: (context) => (docs ??= docsSchema()(context)) }),
  clients: defineCollection({
    loader: glob({ base: clientsBase, pattern: globs.clients, retainBody: false }),
    schema: ClientProfileSchema,
  }),
  binder: defineCollection({
    loader: glob({ base: clientsBase, pattern: globs.binder, retainBody: false }),
    schema: BinderSectionSchema,
  }),
  notes: defineCollection({
    loader: glob({ base: clientsBase, pattern: globs.notes, retainBody: false }),
    schema: TechNoteSchema,
  }),
  checklists: defineCollection({
    loader: glob({ base: `./${contentPaths.checklistsDir}`, pattern: globs.checklists, retainBody: false }),
    schema: ArchivedChecklistSchema,
  }),
  // RMM evidence: one JSON file per client and month, one entry each (a client build reads its own).
  evidence: defineCollection({
    loader: glob({ base: `./${contentPaths.evidenceDir}`, pattern: globs.evidence }),
    schema: EvidenceFileSchema,
  }),
};
