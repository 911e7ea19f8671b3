import type { SiteConfig } from '../config/site-config.ts';
import { monthsEndingAt } from '../core/calendar.ts';
import {
  type ArchiveView,
  type AssembledClient,
  assembleClients,
  type BinderSectionView,
  type ClientProfileView,
  type EvidenceView,
  type TechNoteView,
} from '../core/content-model.ts';
import { buildItemHistory, type ItemHistory } from '../core/item-history.ts';
import {
  collectRenewals,
  RENEWAL_ITEM_PREFIX,
  type RenewalEntry,
  renewalItemId,
  renewalsDueWithin,
} from '../core/renewals.ts';
import { buildStatusGrid, type GridRow, type OverdueEntry } from '../core/status-grid.ts';
import type { ArchivedChecklist, ChecklistTemplate, Tier } from '../schemas/index.ts';
import type { CalendarInput } from './calendars.ts';
import {
  buildClientEvidence,
  type ClientEvidence,
  type ReadyToLeave,
  readyToLeave,
} from './evidence-model.ts';

/** A client as the site shows it. */
export type SiteClient = AssembledClient<ClientProfileView, BinderSectionView, TechNoteView>;

/** Everything the pages need, computed once per build (not once per page). */
export interface SiteModel {
  /** Build settings. */
  config: SiteConfig;
  /** Clients in this build, sorted by name. */
  clients: SiteClient[];
  /** Client slug → client. */
  bySlug: Map<string, SiteClient>;
  /** Client slug → archives, newest first. */
  archivesByClient: Map<string, ArchiveView[]>;
  /** Client slug → item histories over the last 12 months. */
  historyByClient: Map<string, ItemHistory[]>;
  /** The last 12 months, oldest first. */
  months: string[];
  /** The status grid (staff build only). */
  grid?: { months: readonly string[]; rows: GridRow[]; overdue: OverdueEntry[] };
  /** Repo-relative file → last commit time. */
  lastUpdated: Map<string, Date>;
  /** Checklist templates by name. */
  templates: Map<string, ChecklistTemplate>;
  /** Renewals written in this build's binder sections (a client's build: client-visible ones), soonest first. */
  renewals: RenewalEntry[];
  /** Client slug → its latest RMM evidence with the verdicts (clients with evidence only). */
  evidenceByClient: Map<string, ClientEvidence>;
  /** Automatic items proven long enough to leave the checklist (staff build only). */
  readyToLeave: ReadyToLeave[];
}

/** What the model is built from: the content as views, plus what is read outside the collections. */
export interface SiteModelInput {
  /** Build settings. */
  config: SiteConfig;
  /** Client profiles. */
  profiles: readonly ClientProfileView[];
  /** Binder sections. */
  sections: readonly BinderSectionView[];
  /** Tech notes. */
  notes: readonly TechNoteView[];
  /** Archived checklists. */
  archives: readonly ArchiveView[];
  /** Checklist templates by name. */
  templates: Map<string, ChecklistTemplate>;
  /** Repo-relative file → last commit time. */
  lastUpdated: Map<string, Date>;
  /** RMM evidence files. */
  evidence?: readonly EvidenceView[];
}

/**
 * Groups the content for the pages. A client build keeps only its own client and, of it, only
 * what is `visibility: client`: whatever the collections hold, nothing else reaches a page. Pure.
 */
export function buildSiteModel(input: SiteModelInput): SiteModel {
  const { config } = input;
  const only = config.client;
  const visible = (entry: { client: string; data: { visibility: string } }) =>
    !only || (entry.client === only && entry.data.visibility === 'client');
  const clients = assembleClients(
    input.profiles.filter((profile) => !only || profile.slug === only),
    input.sections.filter(visible),
    input.notes.filter(visible),
  ).sort((a, b) => a.data.name.localeCompare(b.data.name));
  const slugs = new Set(clients.map((client) => client.slug));
  const renewals = collectRenewals(clients);
  // A client's build keeps of each archive only what the client may see, before any page uses it.
  const visibleRenewals = new Set(renewals.map(renewalItemId));
  const archives = only
    ? input.archives.map((archive) => ({
        ...archive,
        data: checklistForAudience(archive.data, 'client', visibleRenewals),
      }))
    : input.archives;
  const months = monthsEndingAt(config.now.toISOString().slice(0, 7), 12);
  const archivesByClient = new Map<string, ArchiveView[]>();
  for (const archive of archives) {
    if (!slugs.has(archive.data.client)) continue;
    const list = archivesByClient.get(archive.data.client) ?? [];
    list.push(archive);
    archivesByClient.set(archive.data.client, list);
  }
  for (const list of archivesByClient.values())
    list.sort((a, b) => (a.data.month < b.data.month ? 1 : a.data.month > b.data.month ? -1 : 0));
  const historyByClient = new Map(
    [...archivesByClient].map(([slug, list]) => [
      slug,
      buildItemHistory(
        list.map((entry) => entry.data),
        months,
      ),
    ]),
  );
  const grid = only
    ? undefined
    : buildStatusGrid({
        clients,
        templates: input.templates,
        archives: input.archives.map((entry) => entry.data),
        months,
        now: config.now,
        msp: config.msp,
      });
  const evidence = (input.evidence ?? []).filter((entry) => slugs.has(entry.data.client));
  const nowMonth = config.now.toISOString().slice(0, 7);
  const evidenceByClient = new Map<string, ClientEvidence>();
  for (const client of clients) {
    const latest = buildClientEvidence(client, input.templates, evidence, nowMonth);
    if (latest) evidenceByClient.set(client.slug, latest);
  }
  return {
    config,
    clients,
    bySlug: new Map(clients.map((client) => [client.slug, client])),
    evidenceByClient,
    readyToLeave: only
      ? []
      : readyToLeave(
          clients,
          input.templates,
          evidence,
          config.msp,
          nowMonth,
          config.now.toISOString().slice(0, 10),
        ),
    archivesByClient,
    historyByClient,
    months,
    ...(grid ? { grid } : {}),
    lastUpdated: input.lastUpdated,
    templates: input.templates,
    renewals,
  };
}

/** The checklist item ids of the renewals this build shows (a client's: its client-visible ones). */
export function renewalIdsOf(model: SiteModel, client: string): Set<string> {
  return new Set(model.renewals.filter((renewal) => renewal.client === client).map(renewalItemId));
}

/** The renewals a page lists: the next 90 days and everything expired, soonest first. */
export function upcomingRenewals(model: SiteModel, client?: string): RenewalEntry[] {
  const today = model.config.now.toISOString().slice(0, 10);
  return renewalsDueWithin(
    model.renewals.filter((renewal) => !client || renewal.client === client),
    today,
    90,
  );
}

/** What the calendar feeds are made from. */
export function calendarInput(model: SiteModel): CalendarInput {
  const issues = new Map<string, string>();
  for (const list of model.archivesByClient.values())
    for (const archive of list)
      issues.set(`${archive.data.client}/${archive.data.month}/${archive.data.tier}`, archive.data.url);
  return {
    msp: model.config.msp,
    clients: model.clients,
    renewals: model.renewals,
    issues,
    month: model.config.now.toISOString().slice(0, 7),
    lastUpdated: model.lastUpdated,
    audience: model.config.client ? 'client' : 'staff',
  };
}

/**
 * The texts of the items a client moved to the automatic tier: watched by the RMM, no longer on
 * a technician's list. Shown on the client's overview in plain words.
 */
export function monitoredItemTexts(
  client: SiteClient,
  templates: ReadonlyMap<string, ChecklistTemplate>,
): string[] {
  const textOf = (id: string) =>
    client.data.templates
      .map((name) => templates.get(name)?.items.find((item) => item.id === id)?.text)
      .find(Boolean) ?? id;
  return client.data.overrides.move
    .filter((move) => move.tier === 'automatic')
    .map((move) => textOf(move.id));
}

/** The grid's columns: month indexes, newest first, so the work that needs attention is on the left. */
export function newestFirst(months: readonly string[]): number[] {
  return months.map((_, index) => index).reverse();
}

/** `Dec 26` for `2026-12`. */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
}

/** The archive of a client's month and tier, from the route's `<YYYY-MM>-<tier>` parameter. */
export function archiveForRoute(model: SiteModel, client: string, route: string): ArchiveView | undefined {
  return model.archivesByClient
    .get(client)
    ?.find((archive) => `${archive.data.month}-${archive.data.tier}` === route);
}

/** The route parameter of an archive: `<YYYY-MM>-<tier>`. */
export function archiveRoute(archive: { data: { month: string; tier: Tier } }): string {
  return `${archive.data.month}-${archive.data.tier}`;
}

/**
 * An archived checklist as one audience may see it. Staff see everything. The client sees each
 * item's status and text, and only the comments, and notes drawn from comments, that a technician
 * wrote `For the client:`; every other note and comment is dropped before any page is rendered.
 * Renewal items come from binder sections, some of them staff-only: the client sees only those of
 * `renewalIds` (its client-visible renewals), none when it is not given.
 */
export function checklistForAudience(
  checklist: ArchivedChecklist,
  audience: 'staff' | 'client',
  renewalIds: ReadonlySet<string> = new Set(),
): ArchivedChecklist {
  if (audience === 'staff') return checklist;
  return {
    ...checklist,
    // Renewal items of staff-only sections, and the RMM verdict (it names devices and reasons): staff only.
    items: checklist.items
      .filter((item) => !item.id.startsWith(RENEWAL_ITEM_PREFIX) || renewalIds.has(item.id))
      .map(({ note, noteVisibility, evidence: _evidence, ...item }) =>
        note && noteVisibility === 'client' ? { ...item, note, noteVisibility } : item,
      ),
    comments: checklist.comments.filter((comment) => comment.visibility === 'client'),
  };
}

/** The route of a calendar feed (`visits`, or a login) on this build's site. */
export function feedRoute(model: Pick<SiteModel, 'config'>, name: string): string {
  return `/calendar/${model.config.feedKey ? `${model.config.feedKey}/` : ''}${name}.ics`;
}
