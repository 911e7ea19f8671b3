import { getCollection } from 'astro:content';
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readSiteConfig, type SiteConfig } from '../config/site-config.ts';
import { monthsEndingAt } from '../core/calendar.ts';
import { parseChecklistTemplate } from '../core/checklist-template.ts';
import type { ArchiveEntry, BinderSectionEntry, ClientEntry, TechNoteEntry } from '../core/content-model.ts';
import { buildItemHistory, type ItemHistory } from '../core/item-history.ts';
import { buildStatusGrid, type GridRow, type OverdueEntry } from '../core/status-grid.ts';
import type { ChecklistTemplate } from '../schemas/index.ts';

/** Everything the pages need, computed once per build (not once per page). */
export interface SiteData {
  /** Build settings. */
  config: SiteConfig;
  /** Clients in this build, sorted by name. */
  clients: ClientEntry[];
  /** Client slug → entry. */
  bySlug: Map<string, ClientEntry>;
  /** Client slug → archives, newest first. */
  archivesByClient: Map<string, ArchiveEntry[]>;
  /** Client slug → item histories over the last 12 months. */
  historyByClient: Map<string, ItemHistory[]>;
  /** The last 12 months, oldest first. */
  months: string[];
  /** The status grid (internal build only). */
  grid?: { months: readonly string[]; rows: GridRow[]; overdue: OverdueEntry[] };
  /** Repo-relative file → last commit time. */
  lastUpdated: Map<string, Date>;
  /** Checklist templates by name. */
  templates: Map<string, ChecklistTemplate>;
}

/** Last commit time of every file under content/, from one `git log` (none outside a git work tree). */
export function readGitDates(root: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  let output = '';
  try {
    output = execFileSync('git', ['log', '--format=%x00%ct', '--name-only', '--', 'content'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return dates;
  }
  let current: Date | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('\0')) current = new Date(Number(line.slice(1)) * 1000);
    else if (line && current && !dates.has(line)) dates.set(line, current);
  }
  return dates;
}

const noPosition = () => ({ file: '', line: 1, col: 1 });
const fileOf = (entry: { filePath?: string }) => (entry.filePath ?? '').replace(/^\.\//, '');

/**
 * The content as typed entries, from Astro's collections: the files are parsed and validated
 * once, by Astro's loader with the shared schemas (and cached between builds), instead of a
 * second time here. `binder check` is what reports problems with positions; the site needs none.
 */
async function readCollections(root: string, client: string | undefined) {
  const [clientEntries, binderEntries, noteEntries, checklistEntries] = await Promise.all([
    getCollection('clients'),
    getCollection('binder'),
    getCollection('notes'),
    getCollection('checklists'),
  ]);
  const visible = (data: { visibility: string }) => !client || data.visibility === 'client';
  // content/clients/<client>/<binder|notes>/<name>.md → the client and the page slug.
  const clientFile = <T extends { visibility: string }>(entries: { filePath?: string; data: T }[]) =>
    entries
      .filter((entry) => visible(entry.data))
      .map((entry) => {
        const file = fileOf(entry);
        const [slug = '', , name = ''] = file.replace(/^content\/clients\//, '').split('/');
        return {
          file,
          data: entry.data,
          body: '',
          bodyLine: 1,
          positionOf: noPosition,
          client: slug,
          slug: name.replace(/\.mdx?$/, ''),
        };
      });
  const binder: BinderSectionEntry[] = clientFile(binderEntries);
  const notes: TechNoteEntry[] = clientFile(noteEntries);
  const clients: ClientEntry[] = clientEntries.map((entry) => {
    const file = fileOf(entry);
    const slug = file.split('/')[2] ?? '';
    return {
      file,
      data: entry.data,
      body: '',
      bodyLine: 1,
      positionOf: noPosition,
      slug,
      binder: binder
        .filter((section) => section.client === slug)
        .sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title)),
      notes: notes
        .filter((note) => note.client === slug)
        .sort((a, b) =>
          a.data.date < b.data.date ? 1 : a.data.date > b.data.date ? -1 : a.slug < b.slug ? 1 : -1,
        ),
    };
  });
  const archives: ArchiveEntry[] = checklistEntries.map((entry) => ({
    file: fileOf(entry),
    data: entry.data,
    body: '',
    bodyLine: 1,
    positionOf: noPosition,
    folderClient: entry.data.client,
  }));
  const templates = new Map<string, ChecklistTemplate>();
  const dir = path.join(root, 'templates/checklists');
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.md'))) {
    const parsed = parseChecklistTemplate(
      name.slice(0, -3),
      `templates/checklists/${name}`,
      await readFile(path.join(dir, name), 'utf8'),
    );
    if (parsed.template) templates.set(parsed.template.name, parsed.template);
  }
  return {
    clients: client ? clients.filter((entry) => entry.slug === client) : clients,
    archives,
    templates,
  };
}

let memo: Promise<SiteData> | undefined;

/** Loads and groups the site's data once per build. */
export function loadSiteData(): Promise<SiteData> {
  memo ??= (async () => {
    const config = readSiteConfig();
    const content = await readCollections(config.root, config.client);
    const clients = content.clients.sort((a, b) => a.data.name.localeCompare(b.data.name));
    const months = monthsEndingAt(config.now.toISOString().slice(0, 7), 12);
    const archivesByClient = new Map<string, ArchiveEntry[]>();
    for (const archive of content.archives) {
      if (config.client && archive.data.client !== config.client) continue;
      const list = archivesByClient.get(archive.data.client) ?? [];
      list.push(archive);
      archivesByClient.set(archive.data.client, list);
    }
    for (const list of archivesByClient.values())
      list.sort((a, b) => (a.data.month < b.data.month ? 1 : a.data.month > b.data.month ? -1 : 0));
    const historyByClient = new Map(
      [...archivesByClient].map(
        ([slug, list]) =>
          [
            slug,
            buildItemHistory(
              list.map((entry) => entry.data),
              months,
            ),
          ] as const,
      ),
    );
    const grid = config.client
      ? undefined
      : buildStatusGrid({
          clients,
          templates: content.templates,
          archives: content.archives.map((entry) => entry.data),
          months,
          now: config.now,
        });
    return {
      config,
      clients,
      bySlug: new Map(clients.map((entry) => [entry.slug, entry])),
      archivesByClient,
      historyByClient,
      months,
      ...(grid ? { grid } : {}),
      lastUpdated: readGitDates(config.root),
      templates: content.templates,
    };
  })();
  return memo;
}

/** `getStaticPaths` for pages that exist once per client. */
export async function clientPaths(): Promise<{ params: { client: string } }[]> {
  const data = await loadSiteData();
  return data.clients.map((client) => ({ params: { client: client.slug } }));
}
