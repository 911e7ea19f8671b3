import { parseChecklistTemplate } from '../core/checklist-template.ts';
import { type Diagnostic, errorAt } from '../core/diagnostics.ts';
import { parseMarkdownWithFrontmatter, parseYamlWithPositions } from '../core/frontmatter.ts';
import { validateWithPositions } from '../core/schema-diagnostics.ts';
import {
  type ArchivedChecklist,
  ArchivedChecklistSchema,
  type BinderSection,
  BinderSectionSchema,
  type ChecklistTemplate,
  type ClientProfile,
  ClientProfileSchema,
  type MspSettings,
  MspSettingsSchema,
  type TechNote,
  TechNoteSchema,
  TIERS,
} from '../schemas/index.ts';

/** A file as read from the repository: its repo-relative `/` path and its text. */
export interface ContentFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  /** The file's text. */
  text: string;
}

/** Markdown content with its frontmatter validated and its body kept, remembering where it came from. */
export interface MarkdownEntry<T> {
  /** Repository-relative path. */
  file: string;
  /** Validated frontmatter. */
  data: T;
  /** The Markdown body. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Where a frontmatter value sits (for cross-file errors). */
  positionOf(path: readonly PropertyKey[]): { file: string; line: number; col: number };
}

/** A binder section of a client. */
export interface BinderSectionEntry extends MarkdownEntry<BinderSection> {
  /** Client slug. */
  client: string;
  /** File name without extension, e.g. `network-isp`. */
  slug: string;
}

/** A tech note of a client. */
export interface TechNoteEntry extends MarkdownEntry<TechNote> {
  /** Client slug. */
  client: string;
  /** File name without extension, e.g. `2026-10-13-ups-battery`. */
  slug: string;
}

/** An archived checklist. */
export interface ArchiveEntry extends MarkdownEntry<ArchivedChecklist> {
  /** Client slug from the folder name. */
  folderClient: string;
}

/** A client: profile, binder and notes. */
export interface ClientEntry extends MarkdownEntry<ClientProfile> {
  /** Slug from the folder name. */
  slug: string;
  /** Binder sections sorted by `order`, then title. */
  binder: BinderSectionEntry[];
  /** Tech notes, newest first. */
  notes: TechNoteEntry[];
}

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

/** Everything in `content/` and `templates/checklists/`, typed, plus what was wrong with it. */
export interface ContentSet {
  /** `content/msp.yaml`, when valid. */
  msp?: MspSettings;
  /** Active and inactive clients, sorted by slug. */
  clients: ClientEntry[];
  /** Templates by name. */
  templates: Map<string, TemplateEntry>;
  /** Archived checklists, sorted by client, month, tier. */
  archives: ArchiveEntry[];
  /** Every file read, for scans that work on raw text (secrets, links). */
  files: ContentFile[];
  /** Every problem found while reading. */
  diagnostics: Diagnostic[];
}

const CLIENT_PROFILE = /^content\/clients\/([^/]+)\/index\.mdx?$/;
const BINDER_SECTION = /^content\/clients\/([^/]+)\/binder\/([^/]+)\.mdx?$/;
const TECH_NOTE = /^content\/clients\/([^/]+)\/notes\/([^/]+)\.mdx?$/;
const ARCHIVE = /^content\/checklists\/([^/]+)\/([^/]+)\.md$/;
const TEMPLATE = /^templates\/checklists\/([^/]+)\.md$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const NOTE_NAME = /^(\d{4}-\d{2}-\d{2})-[a-z0-9][a-z0-9-]*$/;
const ARCHIVE_NAME = new RegExp(`^(\\d{4}-(?:0[1-9]|1[0-2]))-(${TIERS.join('|')})$`);

function entry<T>(
  file: ContentFile,
  schema: Parameters<typeof validateWithPositions>[0],
  what: string,
  diagnostics: Diagnostic[],
): MarkdownEntry<T> | undefined {
  const parsed = parseMarkdownWithFrontmatter(file.path, file.text);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length) return undefined;
  const result = validateWithPositions(schema, parsed.data, parsed.positionOf, what);
  diagnostics.push(...result.diagnostics);
  if (result.value === undefined) return undefined;
  return {
    file: file.path,
    data: result.value as T,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    positionOf: parsed.positionOf,
  };
}

/**
 * Parses the repository's content files (already read) into typed entries. Pure: the caller reads
 * the files, so tests and the benchmark can feed it directly. Files outside the known layout are
 * reported, since a misplaced note would otherwise silently vanish from the binder.
 */
export function parseContentSet(files: readonly ContentFile[]): ContentSet {
  const diagnostics: Diagnostic[] = [];
  const clients = new Map<string, ClientEntry>();
  const binder: BinderSectionEntry[] = [];
  const notes: TechNoteEntry[] = [];
  const archives: ArchiveEntry[] = [];
  const templates = new Map<string, TemplateEntry>();
  let msp: MspSettings | undefined;
  // Clients whose profile file exists, valid or not: an invalid profile is one error, not one per binder file.
  const profileFolders = new Set<string>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  for (const file of sorted) {
    const at = { file: file.path, line: 1, col: 1 };
    const profileMatch = CLIENT_PROFILE.exec(file.path);
    const sectionMatch = BINDER_SECTION.exec(file.path);
    const noteMatch = TECH_NOTE.exec(file.path);
    const archiveMatch = ARCHIVE.exec(file.path);
    const templateMatch = TEMPLATE.exec(file.path);
    if (file.path === 'content/msp.yaml') {
      const parsed = parseYamlWithPositions(file.path, file.text);
      diagnostics.push(...parsed.diagnostics);
      if (!parsed.diagnostics.length) {
        const result = validateWithPositions(MspSettingsSchema, parsed.data, parsed.positionOf, 'msp.yaml');
        diagnostics.push(...result.diagnostics);
        msp = result.value;
      }
    } else if (profileMatch) {
      const slug = profileMatch[1] ?? '';
      profileFolders.add(slug);
      if (!SLUG.test(slug)) {
        diagnostics.push(
          errorAt(
            at,
            'layout',
            `client folder \`${slug}\` is not a valid slug`,
            'rename the folder to lowercase letters, digits and dashes, e.g. `harbor-dental`',
          ),
        );
        continue;
      }
      if (clients.has(slug)) {
        diagnostics.push(
          errorAt(
            at,
            'duplicate',
            `client \`${slug}\` has both index.md and index.mdx`,
            'keep one profile file',
          ),
        );
        continue;
      }
      const profile = entry<ClientProfile>(file, ClientProfileSchema, 'a client profile', diagnostics);
      if (profile) clients.set(slug, { ...profile, slug, binder: [], notes: [] });
    } else if (sectionMatch) {
      const section = entry<BinderSection>(file, BinderSectionSchema, 'a binder section', diagnostics);
      if (section) binder.push({ ...section, client: sectionMatch[1] ?? '', slug: sectionMatch[2] ?? '' });
    } else if (noteMatch) {
      const name = noteMatch[2] ?? '';
      const nameMatch = NOTE_NAME.exec(name);
      if (!nameMatch) {
        diagnostics.push(
          errorAt(
            at,
            'layout',
            `tech note file name \`${name}\` must be \`YYYY-MM-DD-short-title\``,
            'rename it, e.g. `2026-10-13-ups-battery.md` (or use `npm run binder -- new-note`)',
          ),
        );
      }
      const note = entry<TechNote>(file, TechNoteSchema, 'a tech note', diagnostics);
      if (!note) continue;
      if (nameMatch && nameMatch[1] !== note.data.date) {
        diagnostics.push(
          errorAt(
            note.positionOf(['date']),
            'schema',
            `\`date\` is ${note.data.date} but the file name says ${nameMatch[1]}`,
            'make the date and the file name agree',
          ),
        );
      }
      notes.push({ ...note, client: noteMatch[1] ?? '', slug: name });
    } else if (archiveMatch) {
      const name = archiveMatch[2] ?? '';
      const nameMatch = ARCHIVE_NAME.exec(name);
      const archive = entry<ArchivedChecklist>(
        file,
        ArchivedChecklistSchema,
        'an archived checklist',
        diagnostics,
      );
      if (!nameMatch) {
        diagnostics.push(
          errorAt(
            at,
            'layout',
            `archived checklist file name \`${name}.md\` must be \`YYYY-MM-<tier>.md\``,
            `rename it, e.g. \`2026-10-onsite.md\`; tiers are ${TIERS.join(', ')}`,
          ),
        );
      }
      if (!archive) continue;
      const folderClient = archiveMatch[1] ?? '';
      if (archive.data.client !== folderClient) {
        diagnostics.push(
          errorAt(
            archive.positionOf(['client']),
            'schema',
            `\`client\` is \`${archive.data.client}\` but the file is in the folder of \`${folderClient}\``,
            'move the file or correct `client`',
          ),
        );
      }
      if (nameMatch && (nameMatch[1] !== archive.data.month || nameMatch[2] !== archive.data.tier)) {
        diagnostics.push(
          errorAt(
            archive.positionOf(['month']),
            'schema',
            `\`month\`/\`tier\` (${archive.data.month}, ${archive.data.tier}) do not match the file name \`${name}.md\``,
            'make them agree',
          ),
        );
      }
      archives.push({ ...archive, folderClient });
    } else if (templateMatch) {
      const name = templateMatch[1] ?? '';
      const parsed = parseChecklistTemplate(name, file.path, file.text);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.template)
        templates.set(name, { name, file: file.path, template: parsed.template, lines: parsed.lines });
    } else if (file.path.startsWith('content/') && /\.(mdx?|ya?ml)$/.test(file.path)) {
      diagnostics.push(
        errorAt(
          at,
          'layout',
          `\`${file.path}\` is not where msp-binder looks for content`,
          'see docs/content-format.md for the layout: clients/<client>/{index.md,binder/,notes/}, checklists/<client>/',
        ),
      );
    }
  }

  for (const item of [...binder, ...notes]) {
    if (!profileFolders.has(item.client)) {
      diagnostics.push(
        errorAt(
          { file: item.file, line: 1, col: 1 },
          'layout',
          `\`${item.client}\` has no client profile`,
          `create content/clients/${item.client}/index.md (npm run binder -- new-client ${item.client} --name "…")`,
        ),
      );
    }
  }
  const clientList = [...clients.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  for (const client of clientList) {
    client.binder = binder
      .filter((section) => section.client === client.slug)
      .sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
    client.notes = notes
      .filter((note) => note.client === client.slug)
      .sort((a, b) =>
        a.data.date < b.data.date ? 1 : a.data.date > b.data.date ? -1 : a.slug < b.slug ? 1 : -1,
      );
  }
  if (!files.some((file) => file.path === 'content/msp.yaml')) {
    diagnostics.push(
      errorAt(
        { file: 'content/msp.yaml', line: 1, col: 1 },
        'layout',
        'content/msp.yaml is missing',
        'create it with name, siteUrl, repo and timezone (see docs/content-format.md)',
      ),
    );
  }
  archives.sort((a, b) =>
    a.data.client !== b.data.client
      ? a.data.client < b.data.client
        ? -1
        : 1
      : a.data.month !== b.data.month
        ? a.data.month < b.data.month
          ? -1
          : 1
        : TIERS.indexOf(a.data.tier) - TIERS.indexOf(b.data.tier),
  );
  return { ...(msp ? { msp } : {}), clients: clientList, templates, archives, files: sorted, diagnostics };
}
