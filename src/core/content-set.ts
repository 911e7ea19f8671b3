import {
  type ArchivedChecklist,
  ArchivedChecklistSchema,
  type BinderSection,
  BinderSectionSchema,
  type ClientProfile,
  ClientProfileSchema,
  type EvidenceFile,
  EvidenceFileSchema,
  type MspSettings,
  MspSettingsSchema,
  SlugSchema,
  type TechNote,
  TechNoteSchema,
  TIERS,
  toIsoDate,
} from '../schemas/index.ts';
import { parseChecklistTemplate } from './checklist-template.ts';
import {
  type ArchiveEntry,
  assembleClients,
  type BinderSectionEntry,
  type ClientEntry,
  type ClientProfileView,
  type ContentFile,
  type ContentSet,
  compareArchives,
  type EvidenceEntry,
  type MarkdownSource,
  type TechNoteEntry,
  type TemplateEntry,
} from './content-model.ts';
import {
  ARCHIVE_NAME,
  classifyContentPath,
  contentPaths,
  EVIDENCE_NAME,
  isContentFileName,
  TECH_NOTE_NAME,
  techNoteNameProblem,
} from './content-paths.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';
import { evidenceMonthOf } from './evidence-import.ts';
import { parseMarkdownWithFrontmatter, parseYamlWithPositions } from './frontmatter.ts';
import { parseJsonWithPositions } from './json-positions.ts';
import { validateWithPositions } from './schema-diagnostics.ts';

type Schema = Parameters<typeof validateWithPositions>[0];

/** Splits a Markdown file's frontmatter, validates it, and keeps the body with its positions. */
function parseMarkdownEntry<T>(
  file: ContentFile,
  schema: Schema,
  what: string,
  diagnostics: Diagnostic[],
  // A caller that also needs the raw frontmatter (a tech note's name check) parses it once and passes it.
  parsed = parseMarkdownWithFrontmatter(file.path, file.text),
): ({ file: string; data: T } & MarkdownSource) | undefined {
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

function parseMspSettings(file: ContentFile, diagnostics: Diagnostic[]): MspSettings | undefined {
  const parsed = parseYamlWithPositions(file.path, file.text);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length) return undefined;
  const result = validateWithPositions(MspSettingsSchema, parsed.data, parsed.positionOf, 'msp.yaml');
  diagnostics.push(...result.diagnostics);
  return result.value;
}

function parseTechNote(
  file: ContentFile,
  client: string,
  name: string,
  diagnostics: Diagnostic[],
): TechNoteEntry | undefined {
  // A name with an impossible date is its own problem, never compared with the note's `date`.
  const nameProblem = techNoteNameProblem(name);
  const nameMatch = nameProblem ? null : TECH_NOTE_NAME.exec(name);
  const first = diagnostics.length;
  const parsed = parseMarkdownWithFrontmatter(file.path, file.text);
  const note = parseMarkdownEntry<TechNote>(file, TechNoteSchema, 'a tech note', diagnostics, parsed);
  const nameDiagnostic = nameProblem
    ? techNoteNameDiagnostic(file, name, nameProblem, {
        valid: note?.data.date,
        written: String(toIsoDate((parsed.data as { date?: unknown } | undefined)?.date) ?? ''),
      })
    : undefined;
  // The file name's problem comes first, before those of its frontmatter.
  if (nameDiagnostic) diagnostics.splice(first, 0, nameDiagnostic);
  if (!note) return undefined;
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
  return { ...note, client, slug: name };
}

function parseArchive(
  file: ContentFile,
  folderClient: string,
  name: string,
  diagnostics: Diagnostic[],
): ArchiveEntry | undefined {
  const nameMatch = ARCHIVE_NAME.exec(name);
  const archive = parseMarkdownEntry<ArchivedChecklist>(
    file,
    ArchivedChecklistSchema,
    'an archived checklist',
    diagnostics,
  );
  if (!nameMatch) {
    diagnostics.push(
      errorAt(
        { file: file.path, line: 1, col: 1 },
        'layout',
        `archived checklist file name \`${name}.md\` must be \`YYYY-MM-<tier>.md\``,
        `rename it, e.g. \`2026-10-onsite.md\`; tiers are ${TIERS.join(', ')}`,
      ),
    );
  }
  if (!archive) return undefined;
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
  return archive;
}

/**
 * Parses one archived checklist file on its own, as `binder check` would among the others: its
 * frontmatter, the schema, and its folder and name agreeing with it. For what archive is about to
 * write (src/github/archive-issues.ts).
 */
export function parseArchiveFile(file: ContentFile): { archive?: ArchiveEntry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kind = classifyContentPath(file.path);
  if (kind.kind !== 'archive') {
    diagnostics.push(
      errorAt(
        { file: file.path, line: 1, col: 1 },
        'layout',
        `\`${file.path}\` is not where archived checklists go`,
        'archived checklists are content/checklists/<client>/<YYYY-MM>-<tier>.md',
      ),
    );
    return { diagnostics };
  }
  const archive = parseArchive(file, kind.client, kind.name, diagnostics);
  return { ...(archive ? { archive } : {}), diagnostics };
}

/**
 * The diagnostic for a tech note's file name, given what is wrong with it (`problem`, from
 * `techNoteNameProblem`), with the fix: a name that starts with a date that does not exist is told
 * so, with the note's own date (`noteDate.valid`, when its frontmatter is valid) to rename it to.
 * When the note's `date` as written (`noteDate.written`) is that same impossible date, the
 * schema's error on `date` says it once and the name gets none.
 */
function techNoteNameDiagnostic(
  file: ContentFile,
  name: string,
  problem: string,
  noteDate: { valid: string | undefined; written: string },
): Diagnostic | undefined {
  const at = { file: file.path, line: 1, col: 1 };
  const message = `tech note file name \`${name}\` ${problem}`;
  if (!problem.startsWith('starts with'))
    return errorAt(
      at,
      'layout',
      message,
      'rename it, e.g. `2026-10-13-ups-battery.md` (or use `npm run binder -- new-note`)',
    );
  if (noteDate.valid === undefined && noteDate.written === name.slice(0, 10)) return undefined;
  return errorAt(
    at,
    'layout',
    message,
    noteDate.valid === undefined
      ? 'rename it to start with the note’s date'
      : `rename it to start with the note’s date, e.g. \`${noteDate.valid}-${name.slice(11)}.md\``,
  );
}

/** Parses `content/evidence/<client>/<YYYY-MM>.json`: JSON, the schema, and the folder and name agreeing. */
export function parseEvidenceFile(
  file: ContentFile,
  folderClient: string,
  name: string,
  diagnostics: Diagnostic[],
): EvidenceEntry | undefined {
  if (!EVIDENCE_NAME.test(name)) {
    diagnostics.push(
      errorAt(
        { file: file.path, line: 1, col: 1 },
        'layout',
        `evidence file name \`${name}.json\` must be \`YYYY-MM.json\``,
        'rename it to the month it is evidence for, e.g. `2026-12.json`',
      ),
    );
  }
  const parsed = parseJsonWithPositions(file.path, file.text);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length) return undefined;
  const result = validateWithPositions(
    EvidenceFileSchema,
    parsed.data,
    parsed.positionOf,
    'an evidence file',
  );
  diagnostics.push(...result.diagnostics);
  if (!result.value) return undefined;
  const data = result.value as EvidenceFile;
  if (data.client !== folderClient)
    diagnostics.push(
      errorAt(
        parsed.positionOf(['client']),
        'schema',
        `\`client\` is \`${data.client}\` but the file is in the folder of \`${folderClient}\``,
        'move the file or correct `client`',
      ),
    );
  if (EVIDENCE_NAME.test(name) && data.month !== name)
    diagnostics.push(
      errorAt(
        parsed.positionOf(['month']),
        'schema',
        `\`month\` is ${data.month} but the file name says ${name}`,
        'make them agree (run `npm run binder -- evidence import` again rather than editing by hand)',
      ),
    );
  if (evidenceMonthOf(data.source.exportedAt) !== data.month)
    diagnostics.push(
      errorAt(
        parsed.positionOf(['source', 'exportedAt']),
        'evidence',
        `\`source.exportedAt\` is ${data.source.exportedAt}, but this is the evidence for ${data.month}: an export is evidence only for the month (UTC) it was taken in`,
        `fetch or import an export taken during ${data.month} (\`npm run binder -- evidence fetch\` or \`evidence import\`), or delete this file`,
      ),
    );
  const ids = new Map<string, number>();
  data.devices.forEach((device, index) => {
    const first = ids.get(device.id);
    if (first !== undefined)
      diagnostics.push(
        errorAt(
          parsed.positionOf(['devices', index, 'id']),
          'duplicate',
          `device id \`${device.id}\` (${device.hostname}) appears twice; first as ${data.devices[first]?.hostname}`,
          'each RMM device once: export again from the RMM',
        ),
      );
    else ids.set(device.id, index);
  });
  return { file: file.path, data, positionOf: parsed.positionOf };
}

/** What one pass over the files found, before clients are assembled. */
interface ParsedFiles {
  msp?: MspSettings;
  profiles: (ClientProfileView & MarkdownSource)[];
  /** Client folders with a profile file, valid or not. */
  profileFolders: Set<string>;
  sections: BinderSectionEntry[];
  notes: TechNoteEntry[];
  archives: ArchiveEntry[];
  evidence: EvidenceEntry[];
  templates: Map<string, TemplateEntry>;
}

/** Parses each file by the kind its path gives it. */
function parseFiles(files: readonly ContentFile[], diagnostics: Diagnostic[]): ParsedFiles {
  const parsed: ParsedFiles = {
    profiles: [],
    profileFolders: new Set(),
    sections: [],
    notes: [],
    archives: [],
    evidence: [],
    templates: new Map(),
  };
  for (const file of files) {
    const at = { file: file.path, line: 1, col: 1 };
    const kind = classifyContentPath(file.path);
    switch (kind.kind) {
      case 'msp-settings': {
        const msp = parseMspSettings(file, diagnostics);
        if (msp) parsed.msp = msp;
        break;
      }
      case 'client-profile': {
        const slug = kind.client;
        if (parsed.profileFolders.has(slug)) {
          diagnostics.push(
            errorAt(
              at,
              'duplicate',
              `client \`${slug}\` has both index.md and index.mdx`,
              'keep one profile file',
            ),
          );
          break;
        }
        parsed.profileFolders.add(slug);
        if (!SlugSchema.safeParse(slug).success) {
          diagnostics.push(
            errorAt(
              at,
              'layout',
              `client folder \`${slug}\` is not a valid slug`,
              'rename the folder to lowercase letters, digits and dashes, e.g. `harbor-dental`',
            ),
          );
          break;
        }
        const profile = parseMarkdownEntry<ClientProfile>(
          file,
          ClientProfileSchema,
          'a client profile',
          diagnostics,
        );
        if (profile) parsed.profiles.push({ ...profile, slug });
        break;
      }
      case 'binder-section': {
        const section = parseMarkdownEntry<BinderSection>(
          file,
          BinderSectionSchema,
          'a binder section',
          diagnostics,
        );
        if (section) parsed.sections.push({ ...section, client: kind.client, slug: kind.name });
        break;
      }
      case 'tech-note': {
        const note = parseTechNote(file, kind.client, kind.name, diagnostics);
        if (note) parsed.notes.push(note);
        break;
      }
      case 'archive': {
        const archive = parseArchive(file, kind.client, kind.name, diagnostics);
        if (archive) parsed.archives.push(archive);
        break;
      }
      case 'evidence': {
        const evidence = parseEvidenceFile(file, kind.client, kind.name, diagnostics);
        if (evidence) parsed.evidence.push(evidence);
        break;
      }
      case 'template': {
        const template = parseChecklistTemplate(kind.name, file.path, file.text);
        diagnostics.push(...template.diagnostics);
        if (template.template)
          parsed.templates.set(kind.name, {
            name: kind.name,
            file: file.path,
            template: template.template,
            lines: template.lines,
          });
        break;
      }
      default:
        if (file.path.startsWith(`${contentPaths.contentDir}/`) && isContentFileName(file.path)) {
          diagnostics.push(
            errorAt(
              at,
              'layout',
              `\`${file.path}\` is not where msp-binder looks for content`,
              'see docs/content-format.md for the layout: clients/<client>/{index.md,binder/,notes/}, checklists/<client>/, evidence/<client>/',
            ),
          );
        }
    }
  }
  return parsed;
}

/** Problems of the set as a whole: sections and notes without a profile, a missing msp.yaml. */
function reportMissingFiles(
  parsed: ParsedFiles,
  files: readonly ContentFile[],
  diagnostics: Diagnostic[],
): void {
  const evidenceOwners = parsed.evidence.map((entry) => ({ file: entry.file, client: entry.data.client }));
  for (const item of [...parsed.sections, ...parsed.notes, ...evidenceOwners]) {
    if (parsed.profileFolders.has(item.client)) continue;
    diagnostics.push(
      errorAt(
        { file: item.file, line: 1, col: 1 },
        'layout',
        `\`${item.client}\` has no client profile`,
        `create ${contentPaths.clientProfile(item.client)} (npm run binder -- new-client ${item.client} --name "…")`,
      ),
    );
  }
  if (!files.some((file) => file.path === contentPaths.mspSettings)) {
    diagnostics.push(
      errorAt(
        { file: contentPaths.mspSettings, line: 1, col: 1 },
        'layout',
        `${contentPaths.mspSettings} is missing`,
        'create it with name, siteUrl, repo and timezone (see docs/content-format.md)',
      ),
    );
  }
}

/**
 * Parses the repository's content files (already read) into typed entries. Pure: the caller reads
 * the files (src/content), so tests and the benchmark can feed it directly. Files outside the
 * known layout are reported, since a misplaced note would otherwise silently vanish from the binder.
 */
export function parseContentSet(files: readonly ContentFile[]): ContentSet {
  const diagnostics: Diagnostic[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parsed = parseFiles(sorted, diagnostics);
  reportMissingFiles(parsed, sorted, diagnostics);
  const clients: ClientEntry[] = assembleClients(parsed.profiles, parsed.sections, parsed.notes);
  const valid = new Set(clients.map((client) => client.slug));
  return {
    ...(parsed.msp ? { msp: parsed.msp } : {}),
    clients,
    invalidClients: [...parsed.profileFolders].filter((slug) => !valid.has(slug)).sort(),
    templates: parsed.templates,
    archives: parsed.archives.sort(compareArchives),
    evidence: parsed.evidence.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    files: sorted,
    diagnostics,
  };
}

/** `content/msp.yaml` parsed and validated on its own, for what needs only the MSP's settings. */
export function parseMspSettingsFile(file: ContentFile): { msp?: MspSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const msp = parseMspSettings(file, diagnostics);
  return { ...(msp && diagnostics.length === 0 ? { msp } : {}), diagnostics };
}

/** One client profile parsed and validated on its own (a client site's title). */
export function parseClientProfileFile(file: ContentFile): {
  profile?: ClientProfile;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const entry = parseMarkdownEntry<ClientProfile>(file, ClientProfileSchema, 'a client profile', diagnostics);
  return { ...(entry && diagnostics.length === 0 ? { profile: entry.data } : {}), diagnostics };
}
