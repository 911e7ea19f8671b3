import { execFileSync } from 'node:child_process';
import type { ArchiveEntry, ClientEntry, ContentSet } from '../content/content-set.ts';
import { readContent } from '../content/read-content.ts';
import { monthsEndingAt } from '../core/due-date.ts';
import { buildItemHistory, type ItemHistory } from '../core/item-history.ts';
import { buildStatusGrid, type GridRow, type OverdueEntry } from '../core/status-grid.ts';
import type { ChecklistTemplate } from '../schemas/index.ts';
import { readSiteConfig, type SiteConfig } from './site-config.ts';

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

function visibleContent(content: ContentSet, client: string | undefined): ClientEntry[] {
  if (!client) return content.clients;
  // A client's site: only its client-visible sections and notes.
  return content.clients
    .filter((entry) => entry.slug === client)
    .map((entry) => ({
      ...entry,
      binder: entry.binder.filter((section) => section.data.visibility === 'client'),
      notes: entry.notes.filter((note) => note.data.visibility === 'client'),
    }));
}

let memo: Promise<SiteData> | undefined;

/** Loads and groups the site's data once per build. */
export function loadSiteData(): Promise<SiteData> {
  memo ??= (async () => {
    const config = readSiteConfig();
    const content = await readContent(config.root, config.client ? { clients: [config.client] } : {});
    const clients = visibleContent(content, config.client).sort((a, b) =>
      a.data.name.localeCompare(b.data.name),
    );
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
    const templates = new Map<string, ChecklistTemplate>(
      [...content.templates].map(([name, entry]) => [name, entry.template]),
    );
    const grid = config.client
      ? undefined
      : buildStatusGrid({
          clients,
          templates,
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
    };
  })();
  return memo;
}
