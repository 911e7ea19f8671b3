import path from 'node:path/posix';
import {
  dateProblem,
  MonthSchema,
  PATTERN_SOURCE,
  SlugSchema,
  TIERS,
  type Tier,
  TierSchema,
} from '../schemas/index.ts';

/**
 * The repository's layout, spelled once (docs/content-format.md). Every reader, writer, the site's
 * collections and the leak check build and recognise paths here, so a path can only ever come
 * from validated parts and a file can only ever be classified one way. Paths are repo-relative
 * with `/` separators.
 */
export const contentPaths = {
  /** The content folder. */
  contentDir: 'content',
  /** The MSP's settings. */
  mspSettings: 'content/msp.yaml',
  /** Where client folders live. */
  clientsDir: 'content/clients',
  /** Where archived checklists live, one folder per client. */
  checklistsDir: 'content/checklists',
  /** Where RMM evidence lives, one folder per client. */
  evidenceDir: 'content/evidence',
  /** Checklist templates. */
  templatesDir: 'templates/checklists',
  /** What `new-client` copies. */
  binderScaffoldDir: 'templates/binder',
  /** A client's folder. */
  clientDir: (client: string) => `content/clients/${client}`,
  /** A client's profile. */
  clientProfile: (client: string) => `content/clients/${client}/index.md`,
  /** A client's binder folder. */
  binderDir: (client: string) => `content/clients/${client}/binder`,
  /** A binder section file (`.md` unless the section is MDX). */
  binderSection: (client: string, section: string, extension: 'md' | 'mdx' = 'md') =>
    `content/clients/${client}/binder/${section}.${extension}`,
  /** A client's tech-notes folder. */
  notesDir: (client: string) => `content/clients/${client}/notes`,
  /** A tech note file, named `<YYYY-MM-DD>-<slug>.md`. */
  techNote: (client: string, date: string, slug: string) =>
    `content/clients/${client}/notes/${date}-${slug}.md`,
  /** A client's archive folder. */
  clientChecklistsDir: (client: string) => `content/checklists/${client}`,
  /** An archived checklist, `content/checklists/<client>/<YYYY-MM>-<tier>.md`. */
  archive: (client: string, month: string, tier: Tier) => `content/checklists/${client}/${month}-${tier}.md`,
  /** A client's RMM evidence folder. */
  clientEvidenceDir: (client: string) => `content/evidence/${client}`,
  /** A month's RMM evidence, `content/evidence/<client>/<YYYY-MM>.json`. */
  evidence: (client: string, month: string) => `content/evidence/${client}/${month}.json`,
  /** A checklist template file. */
  template: (name: string) => `templates/checklists/${name}.md`,
  /** Who reviews which paths on GitHub (`init` resets the example's teams). */
  codeowners: '.github/CODEOWNERS',
} as const;

/** What a repo-relative path is, by the layout alone (its contents are not read). */
export type ContentPathKind =
  | { kind: 'msp-settings' }
  | { kind: 'client-profile'; client: string; extension: string }
  | { kind: 'binder-section'; client: string; name: string; extension: string }
  | { kind: 'tech-note'; client: string; name: string; extension: string }
  | { kind: 'archive'; client: string; name: string }
  | { kind: 'evidence'; client: string; name: string }
  | { kind: 'template'; name: string }
  | { kind: 'other' };

const CLIENT_PROFILE = /^content\/clients\/([^/]+)\/index\.(mdx?)$/;
const BINDER_SECTION = /^content\/clients\/([^/]+)\/binder\/([^/]+)\.(mdx?)$/;
const TECH_NOTE = /^content\/clients\/([^/]+)\/notes\/([^/]+)\.(mdx?)$/;
const ARCHIVE = /^content\/checklists\/([^/]+)\/([^/]+)\.md$/;
const EVIDENCE = /^content\/evidence\/([^/]+)\/([^/]+)\.json$/;
const TEMPLATE = /^templates\/checklists\/([^/]+)\.md$/;

/** Classifies a repo-relative path by where it sits in the layout. */
export function classifyContentPath(file: string): ContentPathKind {
  if (file === contentPaths.mspSettings) return { kind: 'msp-settings' };
  let match = CLIENT_PROFILE.exec(file);
  if (match) return { kind: 'client-profile', client: match[1] ?? '', extension: match[2] ?? '' };
  match = BINDER_SECTION.exec(file);
  if (match)
    return {
      kind: 'binder-section',
      client: match[1] ?? '',
      name: match[2] ?? '',
      extension: match[3] ?? '',
    };
  match = TECH_NOTE.exec(file);
  if (match)
    return { kind: 'tech-note', client: match[1] ?? '', name: match[2] ?? '', extension: match[3] ?? '' };
  match = ARCHIVE.exec(file);
  if (match) return { kind: 'archive', client: match[1] ?? '', name: match[2] ?? '' };
  match = EVIDENCE.exec(file);
  if (match) return { kind: 'evidence', client: match[1] ?? '', name: match[2] ?? '' };
  match = TEMPLATE.exec(file);
  if (match) return { kind: 'template', name: match[1] ?? '' };
  return { kind: 'other' };
}

/** The client a path belongs to (its folder under `content/clients/`, `checklists/` or `evidence/`), if any. */
export function clientOfPath(file: string): string | undefined {
  return /^content\/(?:clients|checklists|evidence)\/([^/]+)\//.exec(file)?.[1];
}

/** True for files msp-binder reads as content (Markdown, MDX, YAML, and JSON evidence). */
export function isContentFileName(file: string): boolean {
  return /\.(mdx?|ya?ml|json)$/.test(file);
}

/**
 * A tech note's file name without extension: `<YYYY-MM-DD>-<slug>`, the date's month and day in
 * range (whether the date exists is `techNoteNameProblem`'s to say).
 */
export const TECH_NOTE_NAME = new RegExp(`^(${PATTERN_SOURCE.date})-${PATTERN_SOURCE.slug}$`);

/** An evidence file's name without extension: `<YYYY-MM>`. */
export const EVIDENCE_NAME = new RegExp(`^${PATTERN_SOURCE.month}$`);

/** An archived checklist's file name without extension: `<YYYY-MM>-<tier>`. */
export const ARCHIVE_NAME = new RegExp(`^(${PATTERN_SOURCE.month})-(${TIERS.join('|')})$`);

/**
 * What is wrong with a tech note's file name (without extension), or undefined: a name that
 * starts like a date that does not exist is told so, rather than that the note's date disagrees.
 */
export function techNoteNameProblem(name: string): string | undefined {
  const match = TECH_NOTE_NAME.exec(name);
  const date = match?.[1] ?? /^(\d{4}-\d{2}-\d{2})-/.exec(name)?.[1];
  const problem = date === undefined ? undefined : dateProblem(date);
  if (date !== undefined && problem) return `starts with ${date}, which ${problem}`;
  return match ? undefined : 'must be `YYYY-MM-DD-short-title`';
}

/**
 * The archive path for a key whose parts have been validated here, checked to lie inside
 * `content/checklists/<client>/`. Throws on anything else: the path of a file we write must
 * never be steerable by text someone typed into GitHub.
 */
export function archivePathFor(client: string, month: string, tier: string): string {
  const slug = SlugSchema.safeParse(client);
  const validMonth = MonthSchema.safeParse(month);
  const validTier = TierSchema.safeParse(tier);
  if (!slug.success || !validMonth.success || !validTier.success) {
    throw new Error(`not a checklist key: ${JSON.stringify({ client, month, tier })}`);
  }
  const file = contentPaths.archive(slug.data, validMonth.data, validTier.data);
  if (!isInside(file, contentPaths.clientChecklistsDir(slug.data))) {
    throw new Error(`archive path ${file} is outside content/checklists/${slug.data}/`);
  }
  return file;
}

/**
 * The evidence path for a client and month validated here, checked to lie inside
 * `content/evidence/<client>/`: the client name comes from an RMM export, never trusted as a path.
 */
export function evidencePathFor(client: string, month: string): string {
  const slug = SlugSchema.safeParse(client);
  const validMonth = MonthSchema.safeParse(month);
  if (!slug.success || !validMonth.success)
    throw new Error(`not an evidence key: ${JSON.stringify({ client, month })}`);
  const file = contentPaths.evidence(slug.data, validMonth.data);
  if (!isInside(file, contentPaths.clientEvidenceDir(slug.data)))
    throw new Error(`evidence path ${file} is outside content/evidence/${slug.data}/`);
  return file;
}

/** True when the repo-relative `file` lies inside the repo-relative `dir` (after normalising `..`). */
export function isInside(file: string, dir: string): boolean {
  const normal = path.normalize(file);
  const base = path.normalize(dir).replace(/\/+$/, '');
  return !normal.startsWith('../') && normal.startsWith(`${base}/`);
}

/**
 * Glob patterns for the site's content collections, relative to `content/clients`,
 * `content/checklists` and `content/evidence`. A client build passes its slug, so other clients' files are never read.
 */
export function collectionGlobs(client?: string): {
  clients: string;
  binder: string;
  notes: string;
  checklists: string;
  evidence: string;
} {
  const folder = client ?? '*';
  return {
    clients: `${folder}/index.{md,mdx}`,
    binder: `${folder}/binder/[^_]*.{md,mdx}`,
    notes: `${folder}/notes/[^_]*.{md,mdx}`,
    checklists: `${folder}/*.md`,
    evidence: `${folder}/*.json`,
  };
}

/** The page slug of a binder section or tech note: its file name without the extension. */
export function entryName(file: string): string {
  return path.basename(file).replace(/\.mdx?$/, '');
}
