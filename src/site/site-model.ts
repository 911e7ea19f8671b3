import type { SiteConfig } from '../config/site-config.ts';
import { addMonths, localDate, localTime, monthsEndingAt, utcMonth } from '../core/calendar.ts';
import { checklistIssueKey } from '../core/checklist-issue.ts';
import { checklistProgress } from '../core/checklist-progress.ts';
import { clientTimeZone } from '../core/client-time-zone.ts';
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
import { stripClientPrefix } from '../core/parse-issue.ts';
import { type PlanInput, plannedTiers, unarchivedTiers } from '../core/plan-month.ts';
import {
  collectRenewals,
  type RenewalEntry,
  renewalItemId,
  renewalsDueWithin,
  renewalTextForClient,
} from '../core/renewals.ts';
import { buildStatusGrid, type GridRow, type OverdueEntry } from '../core/status-grid.ts';
import { capitaliseFirst } from '../core/text.ts';
import {
  type ArchivedChecklist,
  type ChecklistTemplate,
  portalUrl,
  TIERS,
  type Tier,
} from '../schemas/index.ts';
import type { CalendarInput } from './calendars.ts';
import {
  buildClientEvidence,
  type ClientEvidence,
  type MissingEvidence,
  missingEvidence,
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
  /**
   * Repo-relative file → digest of its whole text (frontmatter and body), as Astro's loader
   * records it: what a page's cache key takes a Markdown body from (src/site/cache-keys.ts).
   */
  digests: ReadonlyMap<string, string>;
  /** Checklist templates by name. */
  templates: Map<string, ChecklistTemplate>;
  /** Renewals written in this build's binder sections (a client's build: client-visible ones), soonest first. */
  renewals: RenewalEntry[];
  /** Client slug → its latest RMM evidence with the verdicts (clients with evidence only). */
  evidenceByClient: Map<string, ClientEvidence>;
  /** Client slug → what to say of an active client without RMM evidence (staff build only). */
  missingEvidence: Map<string, MissingEvidence>;
  /** The RMM evidence files of this build's clients (what planning a month reads). */
  evidence: EvidenceView[];
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
  /** Repo-relative file → digest of its text (Astro's entry digest); none: no page of it is cached. */
  digests?: ReadonlyMap<string, string>;
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
  const onlyClient = clients.find((client) => client.slug === only);
  const itemTexts = onlyClient ? clientItemTexts(onlyClient, input.templates, renewals) : new Map();
  const archives = only
    ? input.archives.map((archive) => ({
        ...archive,
        data: checklistForAudience(archive.data, 'client', itemTexts),
      }))
    : input.archives;
  const months = monthsEndingAt(utcMonth(config.now), 12);
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
    clients.flatMap((client) => {
      const list = archivesByClient.get(client.slug);
      if (!list) return [];
      const timeZone = clientTimeZone(client.data, config.msp);
      return [
        [
          client.slug,
          buildItemHistory(
            list.map((entry) => entry.data),
            months,
            timeZone,
          ),
        ] as const,
      ];
    }),
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
  const nowMonth = utcMonth(config.now);
  const evidenceByClient = new Map<string, ClientEvidence>();
  const missing = new Map<string, MissingEvidence>();
  for (const client of clients) {
    const latest = buildClientEvidence(client, input.templates, evidence, nowMonth);
    if (latest) evidenceByClient.set(client.slug, latest);
    const none = only ? undefined : missingEvidence(client, input.templates, evidence, nowMonth);
    if (none) missing.set(client.slug, none);
  }
  return {
    config,
    clients,
    bySlug: new Map(clients.map((client) => [client.slug, client])),
    evidenceByClient,
    missingEvidence: missing,
    evidence,
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
    digests: input.digests ?? new Map(),
    templates: input.templates,
    renewals,
  };
}

/**
 * A cache of what is computed from a build's model: `cached(model, key, make)` runs `make` once per
 * model and key. Pages ask for the same things many times (every report its client's item texts
 * and plan; every page its client's key), and the model lives as long as the build.
 */
export function perModelCache<V>(): (model: SiteModel, key: string, make: () => V) => V {
  const byModel = new WeakMap<SiteModel, Map<string, V>>();
  return (model, key, make) => {
    let made = byModel.get(model);
    if (!made) {
      made = new Map();
      byModel.set(model, made);
    }
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as V;
  };
}

/**
 * What a client may read as the text of each item of its archives, by id: a template item in the
 * template's own words (the client's templates first, as its checklist resolves them, then the
 * others, for archives of templates it has left), an item its profile adds as written there, and
 * a renewal of one of its client-visible sections as the binder names it. Never the text of the
 * issue: a technician may have reworded an item there ("closet key is under the plant pot") or
 * added one of their own, and those words are staff-only (issue "Issue data is untrusted input").
 */
export function clientItemTexts(
  client: Pick<SiteClient, 'slug'> & { data: Pick<SiteClient['data'], 'templates' | 'overrides'> },
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  renewals: readonly RenewalEntry[],
): Map<string, string> {
  const texts = new Map<string, string>();
  const names = [...new Set([...client.data.templates, ...templates.keys()])];
  for (const name of names)
    for (const item of templates.get(name)?.items ?? [])
      if (!texts.has(item.id)) texts.set(item.id, item.text);
  for (const item of client.data.overrides.add) if (!texts.has(item.id)) texts.set(item.id, item.text);
  for (const renewal of renewals)
    if (renewal.client === client.slug && renewal.visibility === 'client')
      texts.set(renewalItemId(renewal), renewalTextForClient(renewal));
  return texts;
}

const itemTextsCache = perModelCache<Map<string, string>>();

/** clientItemTexts of a client of this build, made once per model. */
export function clientItemTextsOf(model: SiteModel, client: string): Map<string, string> {
  return itemTextsCache(model, client, () => {
    const entry = model.bySlug.get(client);
    return entry ? clientItemTexts(entry, model.templates, model.renewals) : new Map<string, string>();
  });
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

const planInputCache = perModelCache<PlanInput>();
const planTemplatesCache = perModelCache<PlanInput['templates']>();

/**
 * What planning one client's months reads, from this build's model (a client's build: what it
 * holds). Made once per client and model: every report and the printed binder plan its months.
 */
export function clientPlanInput(model: SiteModel, client: string): PlanInput {
  return planInputCache(model, client, () => {
    const entry = model.bySlug.get(client);
    return {
      msp: model.config.msp,
      clients: entry ? [entry] : [],
      templates: planTemplatesCache(
        model,
        '',
        () => new Map([...model.templates].map(([name, template]) => [name, { template }])),
      ),
      archives: model.archivesByClient.get(client) ?? [],
      evidence: model.evidence.filter((file) => file.data.client === client),
    };
  });
}

const calendarInputCache = perModelCache<CalendarInput>();

/** What the calendar feeds are made from; made once per model (every feed of the build asks). */
export function calendarInput(model: SiteModel): CalendarInput {
  return calendarInputCache(model, '', () => makeCalendarInput(model));
}

function makeCalendarInput(model: SiteModel): CalendarInput {
  const issues = new Map<string, string>();
  for (const list of model.archivesByClient.values())
    for (const archive of list)
      issues.set(
        checklistIssueKey(archive.data.client, archive.data.month, archive.data.tier),
        archive.data.url,
      );
  const month = utcMonth(model.config.now);
  // The month under way has its issues (made on the 1st) whether or not they are archived yet.
  const planned = new Set<string>();
  if (!model.config.client)
    for (const client of model.clients)
      for (const tier of plannedTiers(clientPlanInput(model, client.slug), client.slug, month))
        planned.add(checklistIssueKey(client.slug, month, tier));
  return {
    ...(model.config.siteUrl ? { siteUrl: model.config.siteUrl } : {}),
    planned,
    msp: model.config.msp,
    clients: model.clients,
    renewals: model.renewals,
    issues,
    month,
    lastUpdated: model.lastUpdated,
    audience: siteAudience(model),
  };
}

/** An item a client moved to the automatic tier, and what its latest RMM evidence says of it. */
export interface MonitoredItem {
  id: string;
  text: string;
  /** From the latest evidence, when the item is judged by it: the verdict and devices watched. */
  proof?: {
    status: ClientEvidence['items'][number]['judgement']['status'];
    month: string;
    watched: number;
    devices: number;
  };
}

/**
 * The items a client moved to the automatic tier: watched by the RMM, no longer on a technician's
 * list. Shown on the client's overview in plain words, each with its latest evidence, so the page
 * never says "watched" of an item the RMM's own export does not prove.
 */
export function monitoredItems(
  client: SiteClient,
  templates: ReadonlyMap<string, ChecklistTemplate>,
  evidence: Pick<ClientEvidence, 'month' | 'items'> | undefined,
): MonitoredItem[] {
  const textOf = (id: string) =>
    client.data.templates
      .map((name) => templates.get(name)?.items.find((item) => item.id === id)?.text)
      .find(Boolean) ?? id;
  return client.data.overrides.move
    .filter((move) => move.tier === 'automatic')
    .map((move) => {
      const verdict = evidence?.items.find((item) => item.id === move.id)?.judgement;
      return {
        id: move.id,
        text: textOf(move.id),
        ...(verdict && evidence
          ? {
              proof: {
                status: verdict.status,
                month: evidence.month,
                watched: verdict.perDevice.filter((device) => device.proven).length,
                devices: verdict.devices,
              },
            }
          : {}),
      };
    });
}

/**
 * What a moved item's latest evidence adds beside it, when it does not prove it: how many devices
 * the monitoring watches where a count says something (some, not all), else that it is not yet
 * confirmed; undefined when it is proven or there is no evidence.
 */
export function monitoredItemNote(item: MonitoredItem, audience: 'staff' | 'client'): string | undefined {
  const proof = item.proof;
  if (proof?.status !== 'not-proven') return undefined;
  const counted = proof.devices > 0 && proof.watched < proof.devices;
  if (audience === 'client')
    return counted
      ? `watched so far on ${proof.watched} of your ${proof.devices} devices`
      : 'not yet confirmed by our monitoring';
  return `not proven by the ${proof.month} evidence${counted ? ` (${proof.watched} of ${proof.devices} devices)` : ''}`;
}

/** The grid's columns: month indexes, newest first, so the work that needs attention is on the left. */
export function newestFirst(months: readonly string[]): number[] {
  return months.map((_, index) => index).reverse();
}

/** `Dec 26` for `2026-12`. */
export function monthLabel(month: string): string {
  return DATE_FORMATS.monthShort.format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * The site's date formats, made once: `toLocaleString` with options builds a new formatter on every
 * call, which cost seconds of a 100-client build (thousands of dates on the reports and print pages).
 */
const DATE_FORMATS = {
  monthShort: new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
  monthLong: new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  weekday: new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }),
};

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
 * item's status with the MSP's words for it (`itemTexts`, see clientItemTexts): items it has no
 * words for (a technician added them in the issue, or a renewal of a staff-only section) are
 * dropped; and only the comments, and notes drawn from comments, that a technician wrote
 * `For the client:`. Everything else is dropped before any page is rendered. Applying it twice
 * gives the same view.
 */
export function checklistForAudience(
  checklist: ArchivedChecklist,
  audience: 'staff' | 'client',
  itemTexts: ReadonlyMap<string, string> = new Map(),
): ArchivedChecklist {
  if (audience === 'staff') return checklist;
  return {
    ...checklist,
    // The RMM verdict (it names devices and reasons): staff only.
    items: checklist.items.flatMap(({ note, noteVisibility, evidence: _evidence, ...item }) => {
      const text = itemTexts.get(item.id);
      if (text === undefined) return [];
      return [
        note && noteVisibility === 'client' ? { ...item, text, note, noteVisibility } : { ...item, text },
      ];
    }),
    comments: checklist.comments.filter((comment) => comment.visibility === 'client'),
  };
}

/** The route of a calendar feed (`visits`, or a login) on this build's site. */
export function feedRoute(model: Pick<SiteModel, 'config'>, name: string): string {
  return `/calendar/${model.config.feedKey ? `${model.config.feedKey}/` : ''}${name}.ics`;
}

// ---------------------------------------------------------------------------------------------
// What the client receives: the monthly maintenance report and the printed binder. Both are
// computed here, from the model of the build they are printed from, so the PDF and the page on
// the client's site are the same document. Both show only what the client may see.
// ---------------------------------------------------------------------------------------------

/** The tiers as a client reads them: a title and one line saying who does the work. */
export const TIER_FOR_CLIENT: Record<Tier, { title: string; intro: string }> = {
  automatic: {
    title: 'Monitoring',
    intro: 'Watched around the clock by our monitoring; each month we confirm that its alerts still work.',
  },
  remote: { title: 'Remote maintenance', intro: 'Done by our helpdesk from our office.' },
  onsite: { title: 'Onsite visit', intro: 'Done by a technician at your office.' },
};

/** Who reads this build: the staff site's staff, or a client's site's client. */
export function siteAudience(model: Pick<SiteModel, 'config'>): 'staff' | 'client' {
  return model.config.client ? 'client' : 'staff';
}

/** A tier as its reader calls it: the tier's name for staff, the reports' words for the client. */
export function tierWords(tier: Tier, audience: 'staff' | 'client'): string {
  return audience === 'staff' ? tier : TIER_FOR_CLIENT[tier].title;
}

/** An archived checklist's title: `2026-10 onsite checklist` for staff, `Onsite visit, October 2026` for the client. */
export function checklistTitle(month: string, tier: Tier, audience: 'staff' | 'client'): string {
  return audience === 'staff'
    ? `${month} ${tier} checklist`
    : `${TIER_FOR_CLIENT[tier].title}, ${monthName(month)}`;
}

/** `October 2026` for `2026-10`. */
export function monthName(month: string): string {
  return DATE_FORMATS.monthLong.format(new Date(`${month}-01T00:00:00Z`));
}

/** `Tuesday, 13 October 2026` for `2026-10-13`. */
export function longDate(date: string, weekday = true): string {
  const day = new Date(`${date}T00:00:00Z`);
  const parts = [
    weekday ? `${DATE_FORMATS.weekday.format(day)},` : '',
    String(day.getUTCDate()),
    DATE_FORMATS.monthLong.format(day),
  ];
  return parts.filter(Boolean).join(' ');
}

/** The visit rule in words: `second tuesday` → `the second Tuesday of each month`, `day 15` → `the 15th of each month`. */
export function visitRuleInWords(rule: string): string {
  const day = /^day (\d+)$/.exec(rule)?.[1];
  if (day) {
    const n = Number(day);
    const suffix =
      n % 10 === 1 && n !== 11
        ? 'st'
        : n % 10 === 2 && n !== 12
          ? 'nd'
          : n % 10 === 3 && n !== 13
            ? 'rd'
            : 'th';
    return `the ${n}${suffix} of each month`;
  }
  const ordinal: Record<string, string> = {
    '1st': 'first',
    '2nd': 'second',
    '3rd': 'third',
    '4th': 'fourth',
  };
  const [which = '', weekday = ''] = rule.split(' ');
  return `the ${ordinal[which] ?? which} ${weekday.charAt(0).toUpperCase()}${weekday.slice(1)} of each month`;
}

/** A staff login as the client reads it: the name msp.yaml's `staff` gives it, else the login. */
export function staffName(model: Pick<SiteModel, 'config'>, login: string): string {
  return model.config.msp.staff[login] ?? login;
}

/**
 * A staff login as this build's reader reads it: `@jane-tech` on the staff site (what GitHub
 * shows, and what staff assign and mention), the name on a client's (staffName): a client knows
 * the technician, not the login.
 */
export function staffLabel(model: Pick<SiteModel, 'config'>, login: string): string {
  return model.config.client ? staffName(model, login) : `@${login}`;
}

/** A day (`YYYY-MM-DD`) as this build's reader reads it: `2026-10-13` on the staff site, `13 October 2026` on a client's. */
export function siteDay(model: Pick<SiteModel, 'config'>, date: string): string {
  return model.config.client ? longDate(date, false) : date;
}

/** A technician's note for the client: a `For the client:` comment, as the client reads it. */
export interface ClientNote {
  /** Who wrote it, by name (staffName). */
  author: string;
  /** The day it was written, `YYYY-MM-DD`, in the client's time zone. */
  date: string;
  /** The comment without its `For the client:` label, starting with a capital; Markdown. */
  body: string;
}

/**
 * The notes a client reads from its checklists, oldest first: the comments a technician wrote
 * `For the client:` and nothing else, each by the technician's name, on the day in the client's
 * time zone, the label cut off. The monthly report and the client's checklist page both show these,
 * so a note reads the same on both.
 */
export function notesForClient(
  model: Pick<SiteModel, 'config'>,
  client: Pick<SiteClient, 'data'>,
  checklists: readonly ArchivedChecklist[],
): ClientNote[] {
  const timeZone = clientTimeZone(client.data, model.config.msp);
  return checklists
    .flatMap((checklist) => checklistForAudience(checklist, 'client').comments)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((comment) => ({
      author: staffName(model, comment.author),
      date: localDate(new Date(comment.at), timeZone),
      // The label cut off, the sentence still starts with a capital (`For the client: the UPS…`).
      body: capitaliseFirst(stripClientPrefix(comment.body)),
    }));
}

/** A comment as an archived checklist's page shows it. */
export interface ChecklistPageComment {
  /** Who wrote it (staffLabel). */
  author: string;
  /** When: the client reads the day (`13 October 2026`), staff the minute (`2026-10-13 22:30 EDT`). */
  when: string;
  /** Markdown: as typed for staff; for the client, the note as its report gives it (notesForClient). */
  body: string;
  /** Written `For the client:`: the client's site shows it. */
  forClient: boolean;
}

/** An archived checklist's page, as this build's reader reads it. */
export interface ArchivedChecklistPage {
  /** The checklist as the reader may see it (checklistForAudience); the client's item notes start with a capital. */
  checklist: ArchivedChecklist;
  /** The day it was closed and by whom (checklistClosed). */
  closed?: { on: string; by?: string };
  /** The day it was due. */
  due?: string;
  /** The comments the page shows, oldest first. */
  comments: ChecklistPageComment[];
}

/**
 * An archived checklist's page for this build: its days in the client's time zone, its people by
 * staffLabel. The client reads the notes written for it exactly as its monthly report gives them
 * (notesForClient), with days in its words. Staff read every comment as it was typed (the label
 * says why the client sees it) at the minute, in the client's time zone with the zone named, so
 * a comment lines up with the visit. Everything a page shows is here: it is also the page's cache key.
 */
export function archivedChecklistPage(
  model: SiteModel,
  client: SiteClient,
  archive: ArchivedChecklist,
  options: { last?: boolean } = {},
): ArchivedChecklistPage {
  // One archive belongs to one client: the page is remembered by archive alone.
  if (archive.client !== client.slug)
    throw new Error(`${archive.client}'s checklist asked as ${client.slug}'s`);
  let pages = checklistPages.get(model);
  if (!pages) {
    pages = new WeakMap();
    checklistPages.set(model, pages);
  }
  const page = pages.get(archive) ?? makeArchivedChecklistPage(model, client, archive);
  // The page itself asks last (its cache key first): the build does not hold 10,000 of them.
  if (options.last) pages.delete(archive);
  else pages.set(archive, page);
  return page;
}

/** Each site's checklist pages, made once: the page's cache key asks, then the page itself. */
const checklistPages = new WeakMap<SiteModel, WeakMap<ArchivedChecklist, ArchivedChecklistPage>>();

function makeArchivedChecklistPage(
  model: SiteModel,
  client: SiteClient,
  archive: ArchivedChecklist,
): ArchivedChecklistPage {
  const timeZone = clientTimeZone(client.data, model.config.msp);
  const audience = siteAudience(model);
  const forClient = audience === 'client';
  const day = (date: string) => siteDay(model, date);
  const shown = checklistForAudience(archive, audience, clientItemTextsOf(model, client.slug));
  // An item's note for the client reads as the report's reason: a sentence, starting with a capital.
  const checklist = forClient
    ? {
        ...shown,
        items: shown.items.map((item) => (item.note ? { ...item, note: capitaliseFirst(item.note) } : item)),
      }
    : shown;
  const comments = forClient
    ? notesForClient(model, client, [archive]).map((note) => ({
        author: note.author,
        when: day(note.date),
        body: note.body,
        forClient: true,
      }))
    : checklist.comments.map((comment) => ({
        author: staffLabel(model, comment.author),
        when: `${localDate(new Date(comment.at), timeZone)} ${localTime(new Date(comment.at), timeZone)}`,
        body: comment.body,
        forClient: comment.visibility === 'client',
      }));
  const closed = checklistClosed(model, client, checklist);
  return {
    checklist,
    ...(closed ? { closed } : {}),
    ...(checklist.dueDate ? { due: day(checklist.dueDate) } : {}),
    comments,
  };
}

/**
 * When a checklist was closed and by whom, as this build's reader reads it: the day in the
 * client's time zone (staff `2026-10-13`, the client `13 October 2026`) and the person by
 * staffLabel. The checklist's page and the maintenance history say it alike.
 */
export function checklistClosed(
  model: Pick<SiteModel, 'config'>,
  client: Pick<SiteClient, 'data'>,
  checklist: Pick<ArchivedChecklist, 'closedAt' | 'closedBy'>,
): { on: string; by?: string } | undefined {
  if (!checklist.closedAt) return undefined;
  const on = localDate(new Date(checklist.closedAt), clientTimeZone(client.data, model.config.msp));
  return {
    on: siteDay(model, on),
    ...(checklist.closedBy ? { by: staffLabel(model, checklist.closedBy) } : {}),
  };
}

/** One task in a report. */
export interface ReportItem {
  /** Item id. */
  id: string;
  /** What was to be done. */
  text: string;
  /** Why it was not done or does not apply: only a technician's `For the client:` note. */
  reason?: string;
  /** Set when it was left not done the month before and done this month: `September 2026`. */
  caughtUpFrom?: string;
  /** Set on the staff copy for a line the client's copy leaves out (a renewal of a staff-only section). */
  staffOnly?: true;
}

/** One tier of a month, as the report tells it. */
export interface ReportTier {
  /** The tier. */
  tier: Tier;
  /** `Onsite visit`, `Remote maintenance`, `Monitoring`. */
  title: string;
  /** Who does this work, in one line. */
  intro: string;
  /** How the checklist ended. */
  state: ArchivedChecklist['state'];
  /** The day it was completed, in the client's time zone (`YYYY-MM-DD`); absent while reopened. */
  completedOn?: string;
  /** The visit's scheduled day (`YYYY-MM-DD`), when the checklist said. */
  scheduledFor?: string;
  /** Who did it, by name. */
  people: string[];
  /** Tasks done. */
  done: ReportItem[];
  /** Tasks that could not be done (they move to next month). */
  notDone: ReportItem[];
  /** Tasks that did not apply this month. */
  notApplicable: ReportItem[];
  /** Set when last month's checklist of this tier did not take place: `September 2026`. */
  previousSkipped?: string;
}

/**
 * Something coming up for renewal (a licence, a domain, a certificate, a warranty), from the
 * `renewals:` of the binder sections this build shows (a client's build: its client-visible ones).
 */
export interface ReportRenewal {
  /** What renews, e.g. `Microsoft 365 Business Standard (12 seats)`. */
  what: string;
  /** When, `YYYY-MM-DD`. */
  due: string;
  /** What the client needs to decide or do, or what the MSP does. */
  action?: string;
  /** Its date passed before the report was produced: it reads as expired, not as coming up. */
  expired: boolean;
  /** Set on the staff copy for a renewal of a staff-only section (the client's copy leaves it out). */
  staffOnly?: true;
}

/** Days after a report's month that its renewals list looks ahead. */
export const REPORT_RENEWALS_AHEAD_DAYS = 90;

/**
 * The renewals a month's report lists: due from the month's first day to 90 days after its last,
 * soonest first. A renewed item's date has been moved on, so an old month's report lists what is
 * due now in that window, not what was due then.
 */
export function reportRenewals(
  model: Pick<SiteModel, 'renewals'>,
  client: string,
  month: string,
  today: string,
): ReportRenewal[] {
  const from = `${month}-01`;
  const end = new Date(`${addMonths(month, 1)}-01T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1 + REPORT_RENEWALS_AHEAD_DAYS);
  const until = end.toISOString().slice(0, 10);
  return model.renewals
    .filter((renewal) => renewal.client === client && renewal.date >= from && renewal.date <= until)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.item < b.item ? -1 : 1))
    .map((renewal) => ({
      what: renewal.item,
      due: renewal.date,
      action: renewalAction(renewal, renewal.date < today),
      expired: renewal.date < today,
      ...(renewal.visibility === 'internal' ? { staffOnly: true as const } : {}),
    }));
}

/** What happens about a renewal, in the client's words: before its date, or once it has passed. */
function renewalAction(renewal: Pick<RenewalEntry, 'owner' | 'autoRenew'>, expired: boolean): string {
  const client = renewal.owner === 'client';
  if (expired) {
    if (renewal.autoRenew)
      return client
        ? 'Its date has passed: it renews automatically on your account; please check that it did.'
        : 'Its date has passed: it renews automatically, and we are checking that it did.';
    return client
      ? 'Expired: it is yours to renew; please renew it, or tell us if it is no longer needed.'
      : 'Expired: we are renewing it and will tell you when it is done.';
  }
  if (renewal.autoRenew)
    return client
      ? 'Renews automatically on your account: please check the payment method is current.'
      : 'Renews automatically; we check the payment method beforehand.';
  return client
    ? 'Yours to renew: please tell us if anything should change.'
    : 'We renew it for you and tell you if anything changes.';
}

/** A month's maintenance at one client, as the client receives it (page and PDF). */
export interface MaintenanceReport {
  /** Client slug. */
  client: string;
  /** Client name. */
  clientName: string;
  /** `YYYY-MM`. */
  month: string;
  /** `October 2026`. */
  monthName: string;
  /** `November 2026`: where unfinished tasks go. */
  nextMonthName: string;
  /** The tiers worked this month, in the order a month is worked. */
  tiers: ReportTier[];
  /**
   * The tiers the month was planned with that have no archived checklist: `open` while the month
   * is under way (its issue is still open), else not recorded (the issue was never closed).
   */
  unrecorded: { tier: Tier; title: string; intro: string; open: boolean }[];
  /** Every planned tier is archived: only then may the report say the month's work is all told. */
  complete: boolean;
  /** Counts over all tiers, of the lines the client's copy has. */
  totals: { done: number; notDone: number; notApplicable: number };
  /** The onsite visit: the day it was completed and who came. */
  visit?: { date: string; scheduledFor?: string; people: string[] };
  /** Everyone who worked the month, by name. */
  people: string[];
  /** Tasks not done this month (the client's lines): they are on next month's checklist. */
  carriedOver: { text: string; tier: Tier; title: string; reason?: string }[];
  /** The technicians' notes for the client (notesForClient). */
  notes: ClientNote[];
  /** Coming up for renewal in the 90 days after the month (see reportRenewals). */
  renewals: ReportRenewal[];
  /** The day the report was produced, `YYYY-MM-DD`. */
  produced: string;
}

/** The months a client has a report for (any archived checklist), newest first. */
export function reportMonths(model: SiteModel, client: string): string[] {
  return [...new Set((model.archivesByClient.get(client) ?? []).map((archive) => archive.data.month))];
}

const reportCache = perModelCache<MaintenanceReport | undefined>();

/**
 * The report of a client's month, or undefined when the month has no archived checklist. Made
 * once per model (its page, its key and the list of reports all ask for it).
 */
export function maintenanceReport(
  model: SiteModel,
  client: string,
  month: string,
): MaintenanceReport | undefined {
  return reportCache(model, `${client}/${month}`, () => makeMaintenanceReport(model, client, month));
}

function makeMaintenanceReport(
  model: SiteModel,
  client: string,
  month: string,
): MaintenanceReport | undefined {
  const entry = model.bySlug.get(client);
  const archives = (model.archivesByClient.get(client) ?? []).filter(
    (archive) => archive.data.month === month,
  );
  if (!entry || archives.length === 0) return undefined;
  const previous = new Map(
    (model.archivesByClient.get(client) ?? [])
      .filter((archive) => archive.data.month === addMonths(month, -1))
      .map((archive) => [archive.data.tier, archive.data]),
  );
  const name = (login: string) => staffName(model, login);
  const timeZone = clientTimeZone(entry.data, model.config.msp);
  const today = localDate(model.config.now, timeZone);
  // Each line in the MSP's words (clientItemTexts), never as typed into the issue. The staff copy
  // adds the renewals of staff-only sections, in the binder's words, marked: the client's copy
  // leaves them out. Items a technician added are on neither (the checklist page has them).
  const staffCopy = !model.config.client;
  const itemTexts = clientItemTextsOf(model, client);
  const staffOnlyTexts = new Map(
    staffCopy
      ? model.renewals
          .filter((renewal) => renewal.client === client && renewal.visibility !== 'client')
          .map((renewal): [string, string] => [renewalItemId(renewal), renewalTextForClient(renewal)])
      : [],
  );
  const tiers: ReportTier[] = [];
  for (const tier of TIERS) {
    const archive = archives.find((candidate) => candidate.data.tier === tier);
    if (!archive) continue;
    // The client's view: notes and comments only where a technician wrote `For the client:`.
    const forClient = checklistForAudience(archive.data, 'client', itemTexts);
    const clientLines = new Set(forClient.items.map((item) => item.id));
    const checklist = staffCopy
      ? checklistForAudience(archive.data, 'client', new Map([...staffOnlyTexts, ...itemTexts]))
      : forClient;
    // Tasks left over from last month and done now; a month that did not take place at all is
    // said once for the tier instead of on every task.
    const before = previous.get(tier);
    const notDoneBefore = new Set(
      before && before.state !== 'skipped'
        ? before.items.filter((item) => item.status === 'not-done').map((item) => item.id)
        : [],
    );
    const toItem = (item: ArchivedChecklist['items'][number]): ReportItem => ({
      id: item.id,
      text: item.text,
      // A note drawn from `For the client: the UPS…` starts with a capital, as a sentence does.
      ...(item.note ? { reason: capitaliseFirst(item.note) } : {}),
      ...(item.status === 'done' && notDoneBefore.has(item.id)
        ? { caughtUpFrom: monthName(addMonths(month, -1)) }
        : {}),
      ...(clientLines.has(item.id) ? {} : { staffOnly: true as const }),
    });
    const people = [
      ...new Set([...checklist.assignees, ...(checklist.closedBy ? [checklist.closedBy] : [])]),
    ].map(name);
    tiers.push({
      tier,
      ...TIER_FOR_CLIENT[tier],
      state: checklist.state,
      ...(checklist.closedAt ? { completedOn: localDate(new Date(checklist.closedAt), timeZone) } : {}),
      ...(checklist.dueDate ? { scheduledFor: checklist.dueDate } : {}),
      people: [...new Set(people)],
      done: checklist.items.filter((item) => item.status === 'done').map(toItem),
      notDone: checklist.items.filter((item) => item.status === 'not-done').map(toItem),
      notApplicable: checklist.items.filter((item) => item.status === 'not-applicable').map(toItem),
      ...(before?.state === 'skipped' ? { previousSkipped: monthName(addMonths(month, -1)) } : {}),
    });
  }
  // The tiers planned for the month (the issues `plan` made) that have no archive yet.
  const open = month >= today.slice(0, 7);
  const unrecorded = unarchivedTiers(clientPlanInput(model, client), client, month).map((tier) => ({
    tier,
    ...TIER_FOR_CLIENT[tier],
    open,
  }));
  const clientItems = (list: readonly ReportItem[]) => list.filter((item) => !item.staffOnly);
  const onsite = tiers.find((tier) => tier.tier === 'onsite');
  const notes = notesForClient(
    model,
    entry,
    archives.map((archive) => archive.data),
  );
  return {
    client,
    clientName: entry.data.name,
    month,
    monthName: monthName(month),
    nextMonthName: monthName(addMonths(month, 1)),
    tiers,
    unrecorded,
    complete: unrecorded.length === 0,
    totals: {
      done: tiers.reduce((sum, tier) => sum + clientItems(tier.done).length, 0),
      notDone: tiers.reduce((sum, tier) => sum + clientItems(tier.notDone).length, 0),
      notApplicable: tiers.reduce((sum, tier) => sum + clientItems(tier.notApplicable).length, 0),
    },
    ...(onsite && onsite.state !== 'skipped' && (onsite.completedOn || onsite.scheduledFor)
      ? {
          visit: {
            date: onsite.completedOn ?? onsite.scheduledFor ?? '',
            ...(onsite.scheduledFor ? { scheduledFor: onsite.scheduledFor } : {}),
            people: onsite.people,
          },
        }
      : {}),
    people: [...new Set(tiers.flatMap((tier) => tier.people))],
    carriedOver: tiers.flatMap((tier) =>
      clientItems(tier.notDone).map((item) => ({
        text: item.text,
        tier: tier.tier,
        title: tier.title,
        ...(item.reason ? { reason: item.reason } : {}),
      })),
    ),
    notes,
    renewals: reportRenewals(model, client, month, today),
    produced: today,
  };
}

/** One month of the printed binder's maintenance summary. */
export interface MaintenanceSummaryRow {
  /** `YYYY-MM`. */
  month: string;
  /** `Oct 26`. */
  label: string;
  /** Per tier: done of applicable, and how it ended; absent when the tier had no checklist. */
  tiers: Partial<Record<Tier, { done: number; applicable: number; state: ArchivedChecklist['state'] }>>;
  /** Tiers planned for the month with no archived checklist: `open` in the month under way, else not recorded. */
  unrecorded: { tiers: Tier[]; open: boolean };
  /** The onsite visit's day, in the client's time zone. */
  visit?: string;
  /** Tasks left not done, moved to the next month. */
  notDone: number;
}

/**
 * A tier's cell in the printed binder's maintenance summary: tasks done of those that applied;
 * a part planned and not archived is `open` in the month under way and `not recorded` after it.
 */
export function maintenanceCell(row: MaintenanceSummaryRow, tier: Tier): string {
  const entry = row.tiers[tier];
  if (!entry && row.unrecorded.tiers.includes(tier)) return row.unrecorded.open ? 'open' : 'not recorded';
  if (!entry) return '–';
  if (entry.state === 'skipped') return 'skipped';
  return `${entry.done} of ${entry.applicable}${entry.state === 'reopened' ? ' (open)' : ''}`;
}

/**
 * The summary's "moved to next month": the tasks left not done; with none, `none`, unless a
 * part of the month is not recorded: `none so far` while the month is under way, `none recorded`
 * once it is over (its unrecorded part may have left tasks nobody wrote down).
 */
export function movedToNextMonth(row: MaintenanceSummaryRow): string {
  if (row.notDone > 0) return String(row.notDone);
  if (row.unrecorded.tiers.length === 0) return 'none';
  return row.unrecorded.open ? 'none so far' : 'none recorded';
}

/** The printed binder: what it holds, in order, for one audience. */
export interface PrintedBinder {
  /** Client slug. */
  client: string;
  /** Client name. */
  clientName: string;
  /** `client`: the copy kept at the client's office; `staff`: with the internal sections, marked. */
  audience: 'client' | 'staff';
  /** The day printed, `YYYY-MM-DD`, in the client's time zone. */
  printed: string;
  /** The profile page. */
  profile: {
    address?: string;
    since?: string;
    visit: string;
    timezone: string;
    contacts: SiteClient['data']['contacts'];
    portalUrl?: string;
  };
  /** The binder's sections in order (a client's build holds only client-visible ones), each with its renewals, soonest first. */
  sections: {
    slug: string;
    title: string;
    internal: boolean;
    reviewed?: string;
    anchor: string;
    renewals: Pick<RenewalEntry, 'item' | 'date' | 'kind' | 'owner' | 'autoRenew'>[];
  }[];
  /** Tech notes of the last 12 months, newest first (client-visible ones first in the staff copy). */
  notes: { slug: string; date: string; title: string; author: string; internal: boolean; anchor: string }[];
  /** The last 12 months of maintenance, newest first: only months with a checklist. */
  maintenance: MaintenanceSummaryRow[];
  /** The table of contents: one line per part. */
  contents: { anchor: string; title: string; internal: boolean }[];
}

/** The first day of the 12-month window the printed binder covers. */
function windowStart(model: SiteModel): string {
  return `${model.months[0] ?? utcMonth(model.config.now)}-01`;
}

/**
 * The printed binder of a client, from the build it is printed from: a client's build holds only
 * client-visible sections and notes, so only those can be printed from it; the staff build holds
 * the internal ones too, and marks them.
 */
export function printedBinder(model: SiteModel, client: string): PrintedBinder | undefined {
  const entry = model.bySlug.get(client);
  if (!entry) return undefined;
  const audience = siteAudience(model);
  const since = windowStart(model);
  const sections = entry.binder.map((section) => ({
    slug: section.slug,
    title: section.data.title,
    internal: section.data.visibility === 'internal',
    ...(section.data.reviewed ? { reviewed: section.data.reviewed } : {}),
    anchor: `section-${section.slug}`,
    renewals: [...section.data.renewals]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.item.localeCompare(b.item)))
      .map(({ item, date, kind, owner, autoRenew }) => ({ item, date, kind, owner, autoRenew })),
  }));
  const notes = entry.notes
    .filter((note) => note.data.date >= since)
    .map((note) => ({
      slug: note.slug,
      date: note.data.date,
      title: note.data.title,
      author: staffName(model, note.data.author),
      internal: note.data.visibility === 'internal',
      anchor: `note-${note.slug}`,
    }))
    .sort((a, b) => Number(a.internal) - Number(b.internal));
  const window = new Set(model.months);
  const byMonth = new Map<string, ArchiveView[]>();
  for (const archive of model.archivesByClient.get(client) ?? [])
    if (window.has(archive.data.month))
      byMonth.set(archive.data.month, [...(byMonth.get(archive.data.month) ?? []), archive]);
  const plan = clientPlanInput(model, client);
  const maintenance: MaintenanceSummaryRow[] = [...byMonth].map(([month, archives]) => {
    const tiers: MaintenanceSummaryRow['tiers'] = {};
    for (const archive of archives)
      tiers[archive.data.tier] = { ...checklistProgress(archive.data.items), state: archive.data.state };
    const onsite = archives.find((archive) => archive.data.tier === 'onsite')?.data;
    const visit = onsite?.closedAt
      ? localDate(new Date(onsite.closedAt), clientTimeZone(entry.data, model.config.msp))
      : onsite?.dueDate;
    return {
      month,
      label: monthLabel(month),
      tiers,
      unrecorded: {
        tiers: unarchivedTiers(plan, client, month),
        open: month >= localDate(model.config.now, clientTimeZone(entry.data, model.config.msp)).slice(0, 7),
      },
      ...(visit && onsite?.state !== 'skipped' ? { visit } : {}),
      notDone: archives.reduce(
        (sum, archive) => sum + archive.data.items.filter((item) => item.status === 'not-done').length,
        0,
      ),
    };
  });
  const internalNotes = notes.some((note) => note.internal);
  const contents = [
    { anchor: 'profile', title: `${entry.data.name} at a glance`, internal: false },
    ...sections.map((section) => ({
      anchor: section.anchor,
      title: section.title,
      internal: section.internal,
    })),
    { anchor: 'tech-notes', title: 'Tech notes, last 12 months', internal: false },
    ...(internalNotes ? [{ anchor: 'staff-notes', title: 'Staff-only tech notes', internal: true }] : []),
    { anchor: 'maintenance', title: 'Maintenance, last 12 months', internal: false },
  ];
  return {
    client,
    clientName: entry.data.name,
    audience,
    printed: localDate(model.config.now, clientTimeZone(entry.data, model.config.msp)),
    profile: {
      ...(entry.data.address ? { address: entry.data.address } : {}),
      ...(entry.data.since ? { since: entry.data.since } : {}),
      visit: visitRuleInWords(entry.data.visit),
      timezone: clientTimeZone(entry.data, model.config.msp),
      contacts: entry.data.contacts,
      ...(entry.data.portal ? { portalUrl: portalUrl(entry.data.portal) } : {}),
    },
    sections,
    notes,
    maintenance,
    contents,
  };
}

/** A host name as the binders write them: capitals and digits joined by hyphens (`HD-FRONT1`, `CL-T05`). */
const HOST_NAME = /\b[A-Z][A-Z0-9]{0,15}(?:-[A-Z0-9]{1,15})+\b/g;

/**
 * Host names in rendered HTML kept on one line (`<span class="nowrap">HD-FRONT1</span>`): a
 * narrow table cell on paper broke them at the hyphen, `HD-` / `FRONT1`. Only text between tags
 * changes; the text itself stays the same characters (search and the leak check read it as is).
 */
export function unbreakableHosts(html: string): string {
  return html.replace(
    /(^|>)([^<]+)/g,
    (_, lead: string, text: string) => `${lead}${text.replace(HOST_NAME, '<span class="nowrap">$&</span>')}`,
  );
}

/** A text as a CSS string literal, safe inside a `<style>` element (for running heads with a client's name). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * Links in a printed document: a link to a part that is in the document jumps to it (`#section-…`,
 * `#note-…`); a link to another page of the site points at the client's portal when it has one;
 * any other site-local link keeps its text but loses its target (a PDF is read away from the
 * site, and a link to the print server would be dead). External links are kept.
 */
export function printableLinks(
  html: string,
  options: {
    client: string;
    base: string;
    sections: ReadonlySet<string>;
    notes: ReadonlySet<string>;
    portalUrl?: string;
  },
): string {
  const base = options.base.replace(/\/+$/, '');
  const prefix = `${base}/clients/${options.client}/`;
  return html.replace(/<a\b([^>]*?)\shref="([^"]*)"/gi, (whole, before: string, href: string) => {
    if (!href.startsWith('/') || href.startsWith('//')) return whole;
    const [path = '', fragment] = href.split('#', 2);
    if (path.startsWith(prefix)) {
      const [kind, name] = path.slice(prefix.length).split('/');
      if (kind === 'binder' && name && options.sections.has(name))
        return `<a${before} href="#section-${name}"`;
      if (kind === 'notes' && name && options.notes.has(name)) return `<a${before} href="#note-${name}"`;
    }
    if (options.portalUrl) {
      const route = path.startsWith(base) ? path.slice(base.length) : path;
      return `<a${before} href="${options.portalUrl.replace(/\/+$/, '')}${route}${fragment ? `#${fragment}` : ''}"`;
    }
    return `<a${before}`;
  });
}
