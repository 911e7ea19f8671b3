import type {
  ArchivedChecklist,
  ChecklistTemplate,
  ClientProfile,
  MspSettings,
  Tier,
} from '../schemas/index.ts';
import { TIERS } from '../schemas/index.ts';
import { checklistIssueKey } from './checklist-issue.ts';
import { checklistProgress } from './checklist-progress.ts';
import { itemsDueInMonth, resolveClientChecklist } from './client-checklist.ts';
import { clientTimeZone } from './client-time-zone.ts';
import { dueDateForMonth, isOverdue, type WorkingCalendar } from './due-date.ts';

/** One cell of the status grid: a client's tier in a month. */
export type GridCell =
  | { kind: 'done' }
  | { kind: 'partial'; done: number; total: number }
  | { kind: 'skipped' }
  | { kind: 'open'; overdue: boolean; dueDate: string }
  | { kind: 'missing' }
  | { kind: 'none' };

/** A client's row: for each month, a cell per tier. */
export interface GridRow {
  /** Client slug. */
  client: string;
  /** Client name. */
  name: string;
  /** Cells by month (same order as the grid's months), then tier. */
  cells: Record<Tier, GridCell & { issue?: number }>[];
}

/** Something past due: an unfinished item from a closed checklist, or a visit not yet done. */
export interface OverdueEntry {
  /** Client slug. */
  client: string;
  /** Client name. */
  name: string;
  /** `YYYY-MM`. */
  month: string;
  /** Tier. */
  tier: Tier;
  /**
   * `item`: left not done in the latest checklist; `visit`: the month's checklist is past its due
   * date; `missing`: a past month's checklist was expected and never archived (its issue still
   * open, or never made).
   */
  kind: 'item' | 'visit' | 'missing';
  /** Item text, or the visit's description. */
  text: string;
  /** Why, when the technician said. */
  note?: string;
  /** Due date of the visit. */
  dueDate?: string;
  /** The issue, when known. */
  issue?: number;
}

/** What the grid is computed from. */
export interface GridInput {
  /** Clients. */
  clients: readonly { slug: string; data: ClientProfile }[];
  /** Templates by name. */
  templates: ReadonlyMap<string, ChecklistTemplate>;
  /** Archived checklists. */
  archives: readonly ArchivedChecklist[];
  /** Months shown, oldest first; the last is the current month. */
  months: readonly string[];
  /** Now. */
  now: Date;
  /** The MSP's settings: the time zone of clients that set none, the days it is closed. */
  msp: Pick<MspSettings, 'timezone'> & WorkingCalendar;
}

function cellFromArchive(
  archive: ArchivedChecklist,
  now: Date,
  timezone: string,
  visit: string,
  calendar: WorkingCalendar,
): GridCell {
  if (archive.state === 'skipped') return { kind: 'skipped' };
  if (archive.state === 'reopened') {
    const dueDate = archive.dueDate ?? dueDateForMonth(visit, archive.month, calendar);
    return { kind: 'open', overdue: isOverdue(dueDate, now, timezone), dueDate };
  }
  const { done, applicable } = checklistProgress(archive.items);
  return done === applicable ? { kind: 'done' } : { kind: 'partial', done, total: applicable };
}

/**
 * The staff home page's grid: clients × months × tiers. A tier a client has no items in that
 * month is `none`; a past month's expected checklist without an archive is `missing`; the
 * current month's is `open` (overdue once the client's local date passes the visit). Months
 * before the first archived checklist of any client predate tracking and are `none`.
 */
export function buildStatusGrid(input: GridInput): {
  months: readonly string[];
  rows: GridRow[];
  overdue: OverdueEntry[];
} {
  const current = input.months.at(-1) ?? '';
  // Months before the first archived checklist predate msp-binder: nothing can be "missing" there.
  const trackingSince =
    input.archives.reduce<string | undefined>(
      (first, archive) => (!first || archive.month < first ? archive.month : first),
      undefined,
    ) ?? current;
  const byKey = new Map(
    input.archives.map((archive) => [
      checklistIssueKey(archive.client, archive.month, archive.tier),
      archive,
    ]),
  );
  const archivesByClient = Map.groupBy(input.archives, (archive) => archive.client);
  const rows: GridRow[] = [];
  const overdue: OverdueEntry[] = [];
  for (const client of input.clients) {
    if (client.data.status === 'offboarded') continue;
    const archives = archivesByClient.get(client.slug) ?? [];
    const { items } = resolveClientChecklist(client.data, input.templates);
    // A client is tracked from its profile's `since`, else from its own first archived checklist
    // (else from the month under way): a client added last week has no "missing" months before.
    const [firstArchived] = archives.map((archive) => archive.month).sort();
    const since = client.data.since?.slice(0, 7) ?? firstArchived ?? current;
    const timeZone = clientTimeZone(client.data, input.msp);
    const cells = input.months.map((month) => {
      const due = itemsDueInMonth(items, Number(month.slice(5, 7)));
      const row = {} as Record<Tier, GridCell & { issue?: number }>;
      for (const tier of TIERS) {
        const archive = byKey.get(checklistIssueKey(client.slug, month, tier));
        const expected =
          client.data.status === 'active' &&
          month >= trackingSince &&
          month >= since &&
          due.some((item) => item.tier === tier);
        if (archive) {
          row[tier] = {
            ...cellFromArchive(archive, input.now, timeZone, client.data.visit, input.msp),
            issue: archive.issue,
          };
        } else if (!expected) {
          row[tier] = { kind: 'none' };
        } else if (month === current) {
          const dueDate = dueDateForMonth(client.data.visit, month, input.msp);
          row[tier] = { kind: 'open', overdue: isOverdue(dueDate, input.now, timeZone), dueDate };
        } else {
          row[tier] = { kind: 'missing' };
          overdue.push({
            client: client.slug,
            name: client.data.name,
            month,
            tier,
            kind: 'missing',
            text: `${tier} checklist not archived`,
            dueDate: dueDateForMonth(client.data.visit, month, input.msp),
          });
        }
        const cell = row[tier];
        if (cell.kind === 'open' && cell.overdue) {
          overdue.push({
            client: client.slug,
            name: client.data.name,
            month,
            tier,
            kind: 'visit',
            text: `${tier} checklist not closed`,
            dueDate: cell.dueDate,
            ...(archive ? { issue: archive.issue } : {}),
          });
        }
      }
      return row;
    });
    rows.push({ client: client.slug, name: client.data.name, cells });
    for (const tier of TIERS) {
      const latest = archives
        .filter((archive) => archive.tier === tier && archive.state !== 'reopened')
        .sort((a, b) => (a.month < b.month ? 1 : -1))[0];
      if (!latest || latest.state === 'skipped') continue;
      for (const item of latest.items.filter((entry) => entry.status === 'not-done')) {
        overdue.push({
          client: client.slug,
          name: client.data.name,
          month: latest.month,
          tier,
          kind: 'item',
          text: item.text,
          ...(item.note ? { note: item.note } : {}),
          issue: latest.issue,
        });
      }
    }
  }
  return { months: input.months, rows, overdue };
}

/** A short label and a word for a cell, so the grid never relies on colour alone. */
export function describeCell(cell: GridCell): { label: string; word: string } {
  switch (cell.kind) {
    case 'done':
      return { label: '✓', word: 'done' };
    case 'partial':
      return { label: `${cell.done}/${cell.total}`, word: `partly done, ${cell.done} of ${cell.total}` };
    case 'skipped':
      return { label: '–', word: 'skipped' };
    case 'open':
      return cell.overdue
        ? { label: '!', word: `open, overdue since ${cell.dueDate}` }
        : { label: '○', word: `open, due ${cell.dueDate}` };
    case 'missing':
      return { label: '?', word: 'missing: no checklist archived' };
    default:
      return { label: '', word: 'nothing due' };
  }
}
