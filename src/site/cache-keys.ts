import { createHash } from 'node:crypto';
import type { ArchiveView, BinderSectionView, TechNoteView } from '../core/content-model.ts';
import {
  archivedChecklistPage,
  archiveRoute,
  checklistClosed,
  maintenanceReport,
  perModelCache,
  printedBinder,
  reportMonths,
  type SiteClient,
  type SiteModel,
} from './site-model.ts';

/**
 * The cache keys of the site's pages (Astro's `experimental.incrementalBuild`): a page whose
 * `getStaticPaths()` entry returns the same `cacheKey` as in the previous build, and whose code is
 * unchanged, is not rendered again; its HTML from the previous build is kept. So a key must change
 * whenever anything the page shows changes, and Astro knows only the module graph: it does not see
 * Markdown bodies (`.md` entries are not in its render hash), msp.yaml, git dates, today's date,
 * sidebar titles or renewals. Each key here is a digest of exactly the inputs its page renders,
 * listed in one place per page. A page whose inputs cannot be listed reliably (the staff home,
 * a client's overview and maintenance history, the calendar feeds) gets no key and is rendered on
 * every build. Without a file's digest there is no key either: never a key that might be stale.
 *
 * The code is not in the keys: the cache folder is keyed on it (`renderingKey` in
 * src/config/site-config.ts), so other code never reuses these pages at all.
 */

/** Bumped when what the keys cover changes shape, so no key of an older scheme can match. */
const KEY_VERSION = 1;

/** JSON with object keys sorted, Dates as ISO strings, Maps and Sets as arrays: the same value, the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return [...value].map(([key, entry]) => [normalise(key), normalise(entry)]);
  if (value instanceof Set) return [...value].map(normalise);
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) sorted[key] = normalise(entry);
    }
    return sorted;
  }
  return value;
}

/** A key: the SHA-256 of the inputs' stable JSON. */
export function keyOf(inputs: unknown): string {
  return createHash('sha256').update(stableJson(inputs)).digest('hex');
}

/**
 * What every page shows of the site: whose site it is, its title, its URL (canonical links: a
 * client's portal), and the MSP's settings (site URL, name, repo).
 */
export function siteInputs(model: Pick<SiteModel, 'config'>): unknown {
  const { config } = model;
  return {
    version: KEY_VERSION,
    client: config.client ?? null,
    title: config.title,
    siteUrl: config.siteUrl ?? null,
    msp: config.msp,
  };
}

/**
 * What every page of a client shows around its content (BinderPage.astro): the client's name
 * (the client line, search results' titles, the `client` filter), and its sidebar, made from its
 * binder sections' slugs and titles, on the staff site or the client's.
 */
export function clientShellInputs(model: Pick<SiteModel, 'config'>, client: SiteClient): unknown {
  return {
    slug: client.slug,
    name: client.data.name,
    internal: !model.config.client,
    sidebar: client.binder.map((section) => ({ slug: section.slug, title: section.data.title })),
  };
}

const shellKeyCache = perModelCache<string>();

/** The site's and the client's part of a key, computed once per client and build. */
function shellKey(model: SiteModel, client: SiteClient): string {
  return shellKeyCache(model, client.slug, () =>
    keyOf({ site: siteInputs(model), shell: clientShellInputs(model, client) }),
  );
}

/** A file's view with its digest, or undefined when the digest is unknown (then the page gets no key). */
function withDigest<T extends { file: string; slug?: string; data: unknown }>(
  model: SiteModel,
  view: T,
): { file: string; slug?: string; data: unknown; digest: string } | undefined {
  const digest = model.digests.get(view.file);
  if (digest === undefined) return undefined;
  return {
    file: view.file,
    ...(view.slug === undefined ? {} : { slug: view.slug }),
    data: view.data,
    digest,
  };
}

/**
 * A binder section's page: the section (frontmatter and body), its last commit date (the
 * "Last updated" line), the edit link (msp.yaml's repo, in the site's part) and the client's shell.
 */
export function binderSectionKey(
  model: SiteModel,
  client: SiteClient,
  section: BinderSectionView,
): string | undefined {
  const source = withDigest(model, section);
  if (!source) return undefined;
  return keyOf({
    page: 'binder-section',
    shell: shellKey(model, client),
    section: source,
    lastUpdated: model.lastUpdated.get(section.file) ?? null,
  });
}

/** A tech note's page: the note (frontmatter and body; its checklist link) and the client's shell. */
export function techNoteKey(model: SiteModel, client: SiteClient, note: TechNoteView): string | undefined {
  const source = withDigest(model, note);
  if (!source) return undefined;
  return keyOf({ page: 'tech-note', shell: shellKey(model, client), note: source });
}

/** A client's tech-notes timeline: every note it shows, in order, and the client's shell. */
export function notesTimelineKey(model: SiteModel, client: SiteClient): string | undefined {
  const notes = client.notes.map((note) => withDigest(model, note));
  if (notes.some((note) => note === undefined)) return undefined;
  return keyOf({ page: 'notes', shell: shellKey(model, client), notes });
}

/**
 * The printed documents' logo (the MSP's, from msp.yaml, inlined in the page): its digest, `null`
 * with no logo, undefined when the file has none (then the page gets no key).
 */
function logoInput(model: SiteModel): string | null | undefined {
  const logo = model.config.msp.logo;
  return logo ? model.digests.get(logo) : null;
}

/** The digests of the files whose bodies a page renders; undefined when one is unknown. */
function bodyDigests(
  model: SiteModel,
  files: readonly (string | undefined)[],
): (string | null)[] | undefined {
  const digests = files.map((file) => (file === undefined ? null : model.digests.get(file)));
  return digests.some((digest) => digest === undefined) ? undefined : (digests as (string | null)[]);
}

/**
 * The printable binder: what `printedBinder` makes of the client for this site (cover, profile,
 * contents, sections, the last 12 months' notes and maintenance, the date it was printed: today),
 * the bodies it renders (profile, sections, notes), the logo and the client's shell.
 */
export function printKey(model: SiteModel, client: SiteClient): string | undefined {
  const binder = printedBinder(model, client.slug);
  if (!binder) return undefined;
  const bodies = bodyDigests(model, [
    client.file,
    ...binder.sections.map((section) => client.binder.find((entry) => entry.slug === section.slug)?.file),
    ...binder.notes.map((note) => client.notes.find((entry) => entry.slug === note.slug)?.file),
  ]);
  const logo = logoInput(model);
  if (!bodies || logo === undefined) return undefined;
  return keyOf({
    page: 'print',
    shell: shellKey(model, client),
    binder,
    bodies,
    logo,
    portal: client.data.portal,
  });
}

/**
 * A month's report: what `maintenanceReport` makes of the month (every count, item, comment and
 * renewal it shows, the day it was produced), the logo and the client's shell.
 */
export function reportKey(model: SiteModel, client: SiteClient, month: string): string | undefined {
  const report = maintenanceReport(model, client.slug, month);
  const logo = logoInput(model);
  if (!report || logo === undefined) return undefined;
  return keyOf({ page: 'report', shell: shellKey(model, client), report, logo, portal: client.data.portal });
}

/**
 * An archived checklist's page: what `archivedChecklistPage` makes of it for this site (a client's
 * site drops staff-only comments and notes and shows each item in the MSP's words, from the
 * templates, the profile and the binder's renewals; days and times are in the client's time zone,
 * people by name or login), the archive file, and the client's shell.
 */
export function archivedChecklistKey(
  model: SiteModel,
  client: SiteClient,
  archive: ArchiveView,
): string | undefined {
  const digest = model.digests.get(archive.file);
  if (digest === undefined) return undefined;
  const shown = archivedChecklistPage(model, client, archive.data);
  return keyOf({ page: 'checklist', shell: shellKey(model, client), file: archive.file, digest, shown });
}

/**
 * A client's maintenance history: every archive it lists (each file's digest covers what a row
 * shows of it, but for when it was closed and by whom, which the row says in the client's time
 * zone and, on a client's site, by name) and the item histories of the last 12 months, as the
 * model made them for today.
 */
export function historyKey(model: SiteModel, client: SiteClient): string | undefined {
  const archives = (model.archivesByClient.get(client.slug) ?? []).map((archive) => ({
    file: archive.file,
    digest: model.digests.get(archive.file),
    closed: checklistClosed(model, client, archive.data),
  }));
  if (archives.some((archive) => archive.digest === undefined)) return undefined;
  return keyOf({
    page: 'history',
    shell: shellKey(model, client),
    archives,
    histories: model.historyByClient.get(client.slug) ?? [],
  });
}

/**
 * A client's list of monthly reports: every report it lists, whole, as `maintenanceReport` makes
 * it, but for the day it was produced (today), which the list does not show.
 */
export function reportsIndexKey(model: SiteModel, client: SiteClient): string {
  const reports = reportMonths(model, client.slug).map((month) => {
    const report = maintenanceReport(model, client.slug, month);
    return report ? { ...report, produced: undefined } : null;
  });
  return keyOf({ page: 'reports', shell: shellKey(model, client), reports });
}

/** A `getStaticPaths` entry; with a `cacheKey`, a warm build keeps the page when the key is unchanged. */
export interface SitePath<P extends Record<string, string>> {
  params: P;
  cacheKey?: string;
}

/** `{ cacheKey }` when there is one: a page without a key is rendered on every build. */
const keyed = (cacheKey: string | undefined) => (cacheKey === undefined ? {} : { cacheKey });

/** The paths of a page that exists once per client, keyed by `key` (no key: rendered on every build). */
const perClientPaths = (
  model: SiteModel,
  key?: (model: SiteModel, client: SiteClient) => string | undefined,
): SitePath<{ client: string }>[] =>
  model.clients.map((client) => ({ params: { client: client.slug }, ...keyed(key?.(model, client)) }));

/** The paths of pages that exist once per client and have no key (the overview). */
export const clientPathsOf = (model: SiteModel) => perClientPaths(model);
/** The paths of the maintenance histories, keyed. */
export const historyPathsOf = (model: SiteModel) => perClientPaths(model, historyKey);
/** The paths of the lists of monthly reports, keyed. */
export const reportsIndexPathsOf = (model: SiteModel) => perClientPaths(model, reportsIndexKey);
/** The paths of the printable binders, keyed. */
export const printPathsOf = (model: SiteModel) => perClientPaths(model, printKey);
/** The paths of the tech-notes timelines, keyed. */
export const notesTimelinePathsOf = (model: SiteModel) => perClientPaths(model, notesTimelineKey);

/** The paths of the monthly reports, keyed. */
export function reportPathsOf(model: SiteModel): SitePath<{ client: string; month: string }>[] {
  return model.clients.flatMap((client) =>
    reportMonths(model, client.slug).map((month) => ({
      params: { client: client.slug, month },
      ...keyed(reportKey(model, client, month)),
    })),
  );
}

/** The paths of the binder sections, keyed. */
export function binderSectionPathsOf(model: SiteModel): SitePath<{ client: string; section: string }>[] {
  return model.clients.flatMap((client) =>
    client.binder.map((section) => ({
      params: { client: client.slug, section: section.slug },
      ...keyed(binderSectionKey(model, client, section)),
    })),
  );
}

/** The paths of the tech notes, keyed. */
export function techNotePathsOf(model: SiteModel): SitePath<{ client: string; note: string }>[] {
  return model.clients.flatMap((client) =>
    client.notes.map((note) => ({
      params: { client: client.slug, note: note.slug },
      ...keyed(techNoteKey(model, client, note)),
    })),
  );
}

/** The paths of the archived checklists, keyed. */
export function archivedChecklistPathsOf(
  model: SiteModel,
): SitePath<{ client: string; checklist: string }>[] {
  return [...model.archivesByClient].flatMap(([slug, archives]) => {
    const client = model.bySlug.get(slug);
    return archives.map((archive) => ({
      params: { client: slug, checklist: archiveRoute(archive) },
      ...keyed(client && archivedChecklistKey(model, client, archive)),
    }));
  });
}
