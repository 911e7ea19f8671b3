import type { ArchivedChecklist, ItemStatus, Tier } from '../schemas/index.ts';
import { localDate } from './calendar.ts';

/** How one checklist item went over the months. */
export interface ItemHistory {
  /** Item id. */
  id: string;
  /** Latest text. */
  text: string;
  /** Tier it was last worked in. */
  tier: Tier;
  /** Months it was done. */
  done: number;
  /** Months it was on a checklist (skipped visits excluded). */
  total: number;
  /** When (`YYYY-MM-DD`, the day its checklist was closed in the client's time zone) and by whom (a login) it was last done. */
  lastDone?: { date: string; by: string | null };
  /** Status per month, oldest first. */
  months: { month: string; status: ItemStatus; issue: number }[];
  /** Months its checklist was skipped (the visit did not happen), oldest first: not in `total`. */
  skipped: string[];
}

/** Oldest month first. */
const byMonth = (a: { month: string }, b: { month: string }) =>
  a.month < b.month ? -1 : a.month > b.month ? 1 : 0;

/**
 * Per-item history over a client's archived checklists within the given months: "UPS self-test:
 * done 11 of the last 12 months, last on 2026-10-13 by @jane". Skipped and reopened checklists
 * do not count: the visit did not happen, or is not finished. Days are in the client's
 * `timeZone`, as its checklists' pages and reports say them.
 */
export function buildItemHistory(
  archives: readonly ArchivedChecklist[],
  months: readonly string[],
  timeZone: string,
): ItemHistory[] {
  const window = new Set(months);
  const relevant = archives
    .filter(
      (archive) => window.has(archive.month) && archive.state !== 'skipped' && archive.state !== 'reopened',
    )
    .sort(byMonth);
  const byId = new Map<string, ItemHistory>();
  for (const archive of relevant) {
    for (const item of archive.items) {
      let history = byId.get(item.id);
      if (!history) {
        history = {
          id: item.id,
          text: item.text,
          tier: archive.tier,
          done: 0,
          total: 0,
          months: [],
          skipped: [],
        };
        byId.set(item.id, history);
      }
      history.text = item.text;
      history.tier = archive.tier;
      history.months.push({ month: archive.month, status: item.status, issue: archive.issue });
      if (item.status === 'not-applicable') continue;
      history.total += 1;
      if (item.status === 'done') {
        history.done += 1;
        history.lastDone = {
          date: archive.closedAt ? localDate(new Date(archive.closedAt), timeZone) : `${archive.month}-01`,
          by: archive.closedBy,
        };
      }
    }
  }
  const skipped = archives
    .filter((archive) => window.has(archive.month) && archive.state === 'skipped')
    .sort(byMonth);
  for (const archive of skipped)
    for (const item of archive.items) {
      const history = byId.get(item.id);
      if (history?.tier === archive.tier) history.skipped.push(archive.month);
    }
  return [...byId.values()].sort((a, b) => a.tier.localeCompare(b.tier) || a.text.localeCompare(b.text));
}

/**
 * "done 11 of the last 12 months, last on 2026-10-13 by @jane". `person` and `day` say a login and
 * a day in the reader's words (a client's site: "13 October 2026 by Jane Okafor").
 */
export function describeItemHistory(
  history: ItemHistory,
  words: {
    person: (login: string) => string;
    day: (date: string) => string;
    month?: (month: string) => string;
  } = {
    person: (login) => `@${login}`,
    day: (date) => date,
  },
): string {
  const last = history.lastDone
    ? `, last on ${words.day(history.lastDone.date)}${history.lastDone.by ? ` by ${words.person(history.lastDone.by)}` : ''}`
    : ', never done';
  const month = words.month ?? ((value: string) => value);
  const skipped = history.skipped.length
    ? ` (not counting ${history.skipped.map((value) => month(value)).join(', ')}, skipped)`
    : '';
  return `done ${history.done} of the last ${history.total} month${history.total === 1 ? '' : 's'}${skipped}${last}`;
}
