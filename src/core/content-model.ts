import type {
  ArchivedChecklist,
  BinderSection,
  ChecklistTemplate,
  ClientProfile,
  EvidenceFile,
  MspSettings,
  TechNote,
} from '../schemas/index.ts';
import { TIERS } from '../schemas/index.ts';
import type { Diagnostic, SourcePosition } from './diagnostics.ts';
import { UserError } from './errors.ts';

/**
 * The content model as every part sees it: narrow views (a file, its validated data, the client
 * it belongs to) that the checker extends with source positions and the site builds from Astro's
 * collections. The assembly and the sort orders live here once, so `binder check`, planning and
 * the site can never disagree about which sections a binder has or in which order.
 */

/** A binder section as the site and planning need it. */
export interface BinderSectionView {
  /** Repository-relative path. */
  file: string;
  /** Client slug. */
  client: string;
  /** File name without extension, e.g. `network-isp`: the page slug. */
  slug: string;
  /** Validated frontmatter. */
  data: BinderSection;
}

/** A tech note as the site and planning need it. */
export interface TechNoteView {
  /** Repository-relative path. */
  file: string;
  /** Client slug. */
  client: string;
  /** File name without extension, e.g. `2026-10-13-ups-battery`. */
  slug: string;
  /** Validated frontmatter. */
  data: TechNote;
}

/** A client profile as the site and planning need it. */
export interface ClientProfileView {
  /** Repository-relative path. */
  file: string;
  /** Slug from the folder name. */
  slug: string;
  /** Validated frontmatter. */
  data: ClientProfile;
}

/** An archived checklist as the site and planning need it. */
export interface ArchiveView {
  /** Repository-relative path. */
  file: string;
  /** Validated frontmatter. */
  data: ArchivedChecklist;
}

/** A month's RMM evidence file as the site and planning need it. */
export interface EvidenceView {
  /** Repository-relative path. */
  file: string;
  /** Validated contents. */
  data: EvidenceFile;
}

/** A client with its binder sections and tech notes, in the one order everything shows them. */
export type AssembledClient<
  C extends ClientProfileView = ClientProfileView,
  S extends BinderSectionView = BinderSectionView,
  N extends TechNoteView = TechNoteView,
> = C & {
  /** Binder sections sorted by `order`, then title. */
  binder: S[];
  /** Tech notes, newest first. */
  notes: N[];
};

/** The binder's order: `order`, then title. */
export function compareBinderSections(a: BinderSectionView, b: BinderSectionView): number {
  return a.data.order - b.data.order || a.data.title.localeCompare(b.data.title);
}

/** The tech notes' order: newest date first, then file name (descending, as the timeline reads). */
export function compareTechNotes(a: TechNoteView, b: TechNoteView): number {
  if (a.data.date !== b.data.date) return a.data.date < b.data.date ? 1 : -1;
  return a.slug < b.slug ? 1 : a.slug > b.slug ? -1 : 0;
}

/** Archives in client, month, tier order (oldest first). */
export function compareArchives(a: ArchiveView, b: ArchiveView): number {
  if (a.data.client !== b.data.client) return a.data.client < b.data.client ? -1 : 1;
  if (a.data.month !== b.data.month) return a.data.month < b.data.month ? -1 : 1;
  return TIERS.indexOf(a.data.tier) - TIERS.indexOf(b.data.tier);
}

/**
 * Puts each client's binder sections and tech notes under it, sorted, clients by slug. Sections
 * and notes of a folder without a profile are left out (the checker reports them).
 */
export function assembleClients<
  C extends ClientProfileView,
  S extends BinderSectionView,
  N extends TechNoteView,
>(profiles: readonly C[], sections: readonly S[], notes: readonly N[]): AssembledClient<C, S, N>[] {
  const bySlug = new Map<string, AssembledClient<C, S, N>>();
  for (const profile of profiles) bySlug.set(profile.slug, { ...profile, binder: [], notes: [] });
  for (const section of sections) bySlug.get(section.client)?.binder.push(section);
  for (const note of notes) bySlug.get(note.client)?.notes.push(note);
  const clients = [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const client of clients) {
    client.binder.sort(compareBinderSections);
    client.notes.sort(compareTechNotes);
  }
  return clients;
}

/** What a Markdown entry keeps of its source, for checks that need lines (links, cross-file errors). */
export interface MarkdownSource {
  /** The Markdown body. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Where a frontmatter value (or, with `'key'`, its key) sits. */
  positionOf(path: readonly PropertyKey[], target?: 'value' | 'key'): SourcePosition;
}

/** A binder section read by the checker. */
export type BinderSectionEntry = BinderSectionView & MarkdownSource;
/** A tech note read by the checker. */
export type TechNoteEntry = TechNoteView & MarkdownSource;
/** An archived checklist read by the checker. */
export type ArchiveEntry = ArchiveView & MarkdownSource;
/** An evidence file read by the checker, with where each value sits. */
export type EvidenceEntry = EvidenceView & Pick<MarkdownSource, 'positionOf'>;
/** A client read by the checker: profile, binder and notes, each with its source. */
export type ClientEntry = AssembledClient<
  ClientProfileView & MarkdownSource,
  BinderSectionEntry,
  TechNoteEntry
>;

/** A checklist template with the line each item was written on. */
export interface TemplateEntry {
  /** File name without `.md`. */
  name: string;
  /** Repository-relative path. */
  file: string;
  /** The parsed template. */
  template: ChecklistTemplate;
  /** Item id → line in the file. */
  lines: Map<string, number>;
}

/** A file as read from the repository: its repo-relative `/` path and its text. */
export interface ContentFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  /** The file's text. */
  text: string;
}

/** Everything in `content/` and `templates/checklists/`, typed, plus what was wrong with it. */
export interface ContentSet {
  /** `content/msp.yaml`, when valid. */
  msp?: MspSettings;
  /** Clients with a valid profile, sorted by slug. */
  clients: ClientEntry[];
  /** Client folders whose profile exists but did not validate (their archives are not "orphans"). */
  invalidClients: string[];
  /** Templates by name. */
  templates: Map<string, TemplateEntry>;
  /** Archived checklists, sorted by client, month, tier. */
  archives: ArchiveEntry[];
  /** RMM evidence files, sorted by client and month. */
  evidence: EvidenceEntry[];
  /** Every file read, for scans that work on raw text (secrets, links). */
  files: ContentFile[];
  /** Every problem found while reading. */
  diagnostics: Diagnostic[];
}

/**
 * The error for client slugs a person named that the content does not have, listing the clients
 * it does have (sorted) so the name can be corrected. `wording` starts the sentence: the commands
 * that take `--client` say `unknown client`, graduate says `there is no client`; their tests and
 * users already know each sentence.
 */
export function unknownClientError(
  unknown: readonly string[],
  known: Iterable<string>,
  wording = 'unknown client',
): UserError {
  return new UserError(
    `${wording} ${unknown.map((slug) => `\`${slug}\``).join(', ')}; clients are: ${[...known].sort().join(', ')}.`,
  );
}
