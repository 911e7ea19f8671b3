import { type CollectionEntry, getCollection } from 'astro:content';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readSiteConfig } from '../config/site-config.ts';
import { readTemplateFiles } from '../content/read-content.ts';
import { parseChecklistTemplate } from '../core/checklist-template.ts';
import type {
  ArchiveView,
  BinderSectionView,
  ClientProfileView,
  EvidenceView,
  TechNoteView,
} from '../core/content-model.ts';
import { classifyContentPath, contentPaths } from '../core/content-paths.ts';
import { createGit } from '../git/git.ts';
import type { ChecklistTemplate } from '../schemas/index.ts';
import {
  archivedChecklistPathsOf,
  binderSectionPathsOf,
  clientPathsOf,
  historyPathsOf,
  notesTimelinePathsOf,
  printPathsOf,
  reportPathsOf,
  reportsIndexPathsOf,
  type SitePath,
  techNotePathsOf,
} from './cache-keys.ts';
import { type ContentCollection, collectionsWithFiles } from './collection-files.ts';
import { buildSiteModel, type SiteModel } from './site-model.ts';

/** The collections the site reads. */
export type CollectionName = 'clients' | 'binder' | 'notes' | 'checklists' | 'evidence';

/** The site's model plus the collection entries behind it, for rendering bodies. */
export interface SiteData extends SiteModel {
  /** Repo-relative file → its collection entry (to `render()`). */
  entries: Map<string, CollectionEntry<CollectionName>>;
}

/** `./content/clients/acme/index.md` → `content/clients/acme/index.md`. */
const fileOf = (entry: { filePath?: string }) => (entry.filePath ?? '').replace(/^\.\//, '');

/**
 * The content as views, from Astro's collections: the files are parsed and validated once, by
 * Astro's loader with the shared schemas (and cached between builds), instead of a second time
 * here. `binder check` is what reports problems with positions; the site needs none. Only the
 * collections in `withFiles` are read: Astro warns on every read of an empty one (a new MSP has no
 * notes and no archives yet).
 */
export async function readCollectionViews(
  withFiles: ReadonlySet<ContentCollection> = new Set(['clients', 'binder', 'notes', 'checklists']),
): Promise<{
  profiles: ClientProfileView[];
  sections: BinderSectionView[];
  notes: TechNoteView[];
  archives: ArchiveView[];
  evidence: EvidenceView[];
  entries: Map<string, CollectionEntry<CollectionName>>;
  digests: Map<string, string>;
}> {
  const [clientEntries, binderEntries, noteEntries, checklistEntries, evidenceEntries] = await Promise.all([
    withFiles.has('clients') ? getCollection('clients') : [],
    withFiles.has('binder') ? getCollection('binder') : [],
    withFiles.has('notes') ? getCollection('notes') : [],
    withFiles.has('checklists') ? getCollection('checklists') : [],
    withFiles.has('evidence') ? getCollection('evidence') : [],
  ]);
  const entries = new Map<string, CollectionEntry<CollectionName>>();
  /** Each entry's repo path and what the layout says it is; every entry is kept to render. */
  const classified = <E extends { filePath?: string }>(list: readonly E[]) =>
    list.map((entry) => {
      const file = fileOf(entry);
      entries.set(file, entry as unknown as CollectionEntry<CollectionName>);
      return { entry, file, kind: classifyContentPath(file) };
    });
  const profiles: ClientProfileView[] = classified(clientEntries).flatMap(({ entry, file, kind }) =>
    kind.kind === 'client-profile' ? [{ file, slug: kind.client, data: entry.data }] : [],
  );
  const sections: BinderSectionView[] = classified(binderEntries).flatMap(({ entry, file, kind }) =>
    kind.kind === 'binder-section' ? [{ file, client: kind.client, slug: kind.name, data: entry.data }] : [],
  );
  const notes: TechNoteView[] = classified(noteEntries).flatMap(({ entry, file, kind }) =>
    kind.kind === 'tech-note' ? [{ file, client: kind.client, slug: kind.name, data: entry.data }] : [],
  );
  const archives: ArchiveView[] = classified(checklistEntries).map(({ entry, file }) => ({
    file,
    data: entry.data,
  }));
  const evidence: EvidenceView[] = evidenceEntries.map((entry) => ({
    file: fileOf(entry),
    data: entry.data,
  }));
  // Astro's loader digests each file's whole text: the cache keys take bodies from it.
  const digests = new Map<string, string>();
  for (const [file, entry] of entries)
    if (entry.digest !== undefined) digests.set(file, String(entry.digest));
  for (const entry of evidenceEntries)
    if (entry.digest !== undefined) digests.set(fileOf(entry), String(entry.digest));
  return { profiles, sections, notes, archives, evidence, entries, digests };
}

/** Every checklist template, parsed (they are not a collection: their syntax is our own). */
async function readTemplates(root: string): Promise<Map<string, ChecklistTemplate>> {
  const templates = new Map<string, ChecklistTemplate>();
  for (const file of await readTemplateFiles(root)) {
    const kind = classifyContentPath(file.path);
    if (kind.kind !== 'template') continue;
    const parsed = parseChecklistTemplate(kind.name, file.path, file.text);
    if (parsed.template) templates.set(kind.name, parsed.template);
  }
  return templates;
}

let memo: Promise<SiteData> | undefined;

/** Loads and groups the site's data once per build. */
export function loadSiteData(): Promise<SiteData> {
  memo ??= (async () => {
    const config = readSiteConfig();
    const [views, templates, lastUpdated, logo] = await Promise.all([
      readCollectionViews(collectionsWithFiles(config.root, config.client)),
      readTemplates(config.root),
      createGit(config.root).lastCommitDates(contentPaths.contentDir),
      config.msp.logo ? readFile(path.join(config.root, config.msp.logo)).catch(() => undefined) : undefined,
    ]);
    // The logo is printed on documents but is no collection entry: its digest keys those pages.
    if (config.msp.logo && logo)
      views.digests.set(config.msp.logo, createHash('sha256').update(logo).digest('hex'));
    return { ...buildSiteModel({ config, ...views, templates, lastUpdated }), entries: views.entries };
  })();
  return memo;
}

/** The collection entry of a repo-relative file, to render its body. */
export async function entryForFile(file: string): Promise<CollectionEntry<CollectionName> | undefined> {
  return (await loadSiteData()).entries.get(file);
}

/**
 * `getStaticPaths` for pages that exist once per client and have no cache key (the overview: it
 * shows today's renewals, the status of every month, the RMM evidence, templates and archives),
 * so they are rendered on every build.
 */
export async function clientPaths(): Promise<SitePath<{ client: string }>[]> {
  return clientPathsOf(await loadSiteData());
}

/** `getStaticPaths` of the printable binders, keyed (src/site/cache-keys.ts). */
export const printPaths = async () => printPathsOf(await loadSiteData());
/** `getStaticPaths` of the tech-notes timelines, keyed. */
export const notesTimelinePaths = async () => notesTimelinePathsOf(await loadSiteData());
/** `getStaticPaths` of the binder sections, keyed. */
export const binderSectionPaths = async () => binderSectionPathsOf(await loadSiteData());
/** `getStaticPaths` of the tech notes, keyed. */
export const techNotePaths = async () => techNotePathsOf(await loadSiteData());
/** `getStaticPaths` of the maintenance histories, keyed. */
export const historyPaths = async () => historyPathsOf(await loadSiteData());
/** `getStaticPaths` of the lists of monthly reports, keyed. */
export const reportsIndexPaths = async () => reportsIndexPathsOf(await loadSiteData());
/** `getStaticPaths` of the monthly reports, keyed. */
export const reportPaths = async () => reportPathsOf(await loadSiteData());
/** `getStaticPaths` of the archived checklists, keyed. */
export const archivedChecklistPaths = async () => archivedChecklistPathsOf(await loadSiteData());

/** The MSP's logo as a data URI (for what is printed), or undefined when msp.yaml names none. */
export async function mspLogoDataUri(): Promise<string | undefined> {
  const { config } = await loadSiteData();
  const logo = config.msp.logo;
  if (!logo) return undefined;
  const type = logo.toLowerCase().endsWith('.svg')
    ? 'image/svg+xml'
    : logo.toLowerCase().endsWith('.png')
      ? 'image/png'
      : 'image/jpeg';
  const bytes = await readFile(path.join(config.root, logo)).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `msp.yaml's logo ${logo} cannot be read (${error.code}); npm run binder -- check names the fix`,
    );
  });
  return `data:${type};base64,${bytes.toString('base64')}`;
}
