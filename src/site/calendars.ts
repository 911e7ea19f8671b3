import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalCalendar } from 'ical-generator';
import { addMonths } from '../core/calendar.ts';
import { checklistIssueKey, issueSearchUrl } from '../core/checklist-issue.ts';
import { clientTimeZone } from '../core/client-time-zone.ts';
import { contentPaths } from '../core/content-paths.ts';
import { dueDateForMonth, type WorkingCalendar } from '../core/due-date.ts';
import { type RenewalEntry, renewalItemId } from '../core/renewals.ts';
import { siteRoutes, siteUrl } from '../core/site-links.ts';
import { type MspSettings, TIERS, type Tier } from '../schemas/index.ts';
import type { SiteClient } from './site-model.ts';

/**
 * Calendar feeds (iCalendar, RFC 5545, written with ical-generator): every active client's visits
 * for the next 12 months from its visit rule and the MSP's working and closed days, and the
 * renewals written in the binders as all-day events. UIDs are stable (a client's visit of a month keeps its UID
 * when the rule moves it); SEQUENCE rises with the last change to the client's profile or
 * msp.yaml (a renewal's: to its section), so a calendar app takes a moved event as an update.
 * Feeds ask for a daily refresh. A client's feed names only its portal, never the staff site
 * (docs/calendars.md).
 */

/** What a feed is made from. */
export interface CalendarInput {
  /** The MSP's settings (name, repository, working and closed days, default assignees). */
  msp: MspSettings;
  /**
   * This build's public base URL (SiteConfig.siteUrl): the staff site's, or the client's
   * portal; absent for a client without a portal, whose feed then links nowhere.
   */
  siteUrl?: string;
  /** `client/month/tier` of the checklist issues the plan made for the month under way (staff feeds). */
  planned: ReadonlySet<string>;
  /** The clients in this build (a client's build: that client only). */
  clients: readonly SiteClient[];
  /** Their renewals (a client's build: of its client-visible sections only). */
  renewals: readonly RenewalEntry[];
  /** Archived checklists' issues by `client/month/tier`, to link a visit to its issues. */
  issues: ReadonlyMap<string, string>;
  /** The month the feed starts with, `YYYY-MM`. */
  month: string;
  /** Last commit time of files (client profiles, msp.yaml), for SEQUENCE. */
  lastUpdated: ReadonlyMap<string, Date>;
  /** Staff feeds link the GitHub issues; a client's feed does not. */
  audience: 'staff' | 'client';
}

/** One visit on the calendar. */
export interface PlannedVisit {
  /** Client slug. */
  client: string;
  /** `YYYY-MM`. */
  month: string;
  /** `YYYY-MM-DD`, in the client's own calendar. */
  date: string;
}

/** The visits of the next `count` months of every active client, from its rule and when the MSP works. */
export function plannedVisits(
  clients: readonly SiteClient[],
  month: string,
  count: number,
  calendar: WorkingCalendar,
): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  for (const client of clients) {
    if (client.data.status !== 'active') continue;
    for (let index = 0; index < count; index++) {
      const each = addMonths(month, index);
      visits.push({
        client: client.slug,
        month: each,
        date: dueDateForMonth(client.data.visit, each, calendar),
      });
    }
  }
  return visits;
}

/**
 * The part of a UID after `@`, to make it globally unique: the host of the build's public URL
 * (the staff site's, a client's portal); a client without a portal gets `<client>.invalid`
 * (RFC 6761: never a real host), so its feed names no host of the MSP's.
 */
function uidHost(input: CalendarInput): string {
  if (input.siteUrl) return new URL(input.siteUrl).host;
  return `${input.clients[0]?.slug ?? 'client'}.invalid`;
}

/** A number that rises whenever the client's visit could have changed (its profile or msp.yaml). */
function sequenceOf(client: SiteClient, lastUpdated: ReadonlyMap<string, Date>): number {
  return lastCommitMinutes([client.file, contentPaths.mspSettings], lastUpdated);
}

/**
 * Minutes since 1970 of the last commit to any of `files` (0 when none is known): a 32-bit integer
 * until the year 6053, rising with every commit, the same in every build of the same commit.
 */
function lastCommitMinutes(files: readonly string[], lastUpdated: ReadonlyMap<string, Date>): number {
  const times = files.map((file) => lastUpdated.get(file)?.getTime() ?? 0);
  return Math.floor(Math.max(0, ...times) / 60_000);
}

/** The logins a client's issues are assigned to (its own per tier, else msp.yaml's). */
export function assigneesOf(client: SiteClient, msp: MspSettings): string[] {
  return [
    ...new Set(TIERS.flatMap((tier: Tier) => client.data.assignees[tier] ?? msp.assignees[tier] ?? [])),
  ].sort();
}

function newCalendar(name: string, input: CalendarInput): ICalCalendar {
  return ical({
    name,
    prodId: { company: 'msp-binder', product: 'visits', language: 'EN' },
    // A VTIMEZONE for each client's zone, so apps place the visit at its local time.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: 86_400,
    ...(input.siteUrl ? { url: input.siteUrl } : {}),
  });
}

/** A line linking the binder page at `route` on this build's site; none when it is published nowhere. */
function binderLine(input: CalendarInput, route: string): string[] {
  return input.siteUrl ? [`Binder: ${siteUrl(input.siteUrl, route)}`] : [];
}

/**
 * A renewal's SEQUENCE: the last commit to its section, the file its date is written in (as a
 * visit's follows its profile), so a renewal moved on is an update, not a new event.
 */
function renewalSequence(renewal: RenewalEntry, lastUpdated: ReadonlyMap<string, Date>): number {
  return lastCommitMinutes(renewal.sectionFile ? [renewal.sectionFile] : [], lastUpdated);
}

/** Adds visit and renewal events for `clients` to a calendar. */
function addEvents(calendar: ICalCalendar, input: CalendarInput, clients: readonly SiteClient[]): void {
  const host = uidHost(input);
  const slugs = new Set(clients.map((client) => client.slug));
  const bySlug = new Map(clients.map((client) => [client.slug, client]));
  const stamp = new Date(`${input.month}-01T00:00:00Z`);
  for (const visit of plannedVisits(clients, input.month, 12, input.msp)) {
    const client = bySlug.get(visit.client);
    if (!client) continue;
    const time = client.data.visitTime ?? '09:00';
    // ical-generator writes a Date's UTC fields as the wall time of the event's time zone.
    const start = new Date(`${visit.date}T${time}:00Z`);
    const links =
      input.audience === 'staff'
        ? TIERS.flatMap((tier) => {
            // Only an issue that exists: archived, or made by the plan for the month under way.
            const key = checklistIssueKey(visit.client, visit.month, tier);
            const issue = input.issues.get(key);
            if (!issue && !input.planned.has(key)) return [];
            return `${tier}: ${issue ?? issueSearchUrl(input.msp.repo, visit.client, visit.month, tier)}`;
          })
        : [];
    calendar.createEvent({
      id: `visit-${visit.client}-${visit.month}@${host}`,
      sequence: sequenceOf(client, input.lastUpdated),
      stamp,
      start,
      end: new Date(start.getTime() + 2 * 3_600_000),
      timezone: clientTimeZone(client.data, input.msp),
      summary:
        input.audience === 'staff' ? `Visit: ${client.data.name}` : `${input.msp.name}: maintenance visit`,
      description: [
        `Monthly maintenance visit (${client.data.visit}).`,
        ...binderLine(input, input.audience === 'staff' ? siteRoutes.client(client.slug) : '/'),
        ...(links.length ? ['Checklist issues:', ...links] : []),
      ].join('\n'),
      ...(client.data.address ? { location: client.data.address } : {}),
    });
  }
  for (const renewal of input.renewals) {
    if (!slugs.has(renewal.client)) continue;
    calendar.createEvent({
      id: `renewal-${renewal.client}-${renewalItemId(renewal)}@${host}`,
      sequence: renewalSequence(renewal, input.lastUpdated),
      stamp,
      start: new Date(`${renewal.date}T00:00:00Z`),
      allDay: true,
      summary: `Expires: ${renewal.item}${input.audience === 'staff' ? ` (${renewal.clientName})` : ''}`,
      description: [
        `${renewal.kind}, ${renewal.owner === 'client' ? 'renewed by the client' : `renewed by ${input.msp.name}`}${renewal.autoRenew ? ', renews automatically' : ''}.`,
        `Listed on the checklist from ${renewal.notice} days before.`,
        ...binderLine(input, siteRoutes.binderSection(renewal.client, renewal.section)),
      ].join('\n'),
    });
  }
}

/** The feed of every client in the build: the staff's `visits.ics`, or a client's own. */
export function visitsCalendar(input: CalendarInput): string {
  const calendar = newCalendar(
    input.audience === 'staff'
      ? `${input.msp.name}: client visits and renewals`
      : `${input.msp.name}: visits`,
    input,
  );
  addEvents(calendar, input, input.clients);
  return calendar.toString();
}

/** A technician's feed: the visits and renewals of the clients whose issues they are assigned. */
export function assigneeCalendar(input: CalendarInput, login: string): string {
  const calendar = newCalendar(`${input.msp.name}: visits of @${login}`, input);
  addEvents(
    calendar,
    input,
    input.clients.filter((client) => assigneesOf(client, input.msp).includes(login)),
  );
  return calendar.toString();
}

/** Every login that gets a feed of its own. */
export function calendarLogins(clients: readonly SiteClient[], msp: MspSettings): string[] {
  return [
    ...new Set(
      clients
        .filter((client) => client.data.status === 'active')
        .flatMap((client) => assigneesOf(client, msp)),
    ),
  ].sort();
}
