import { VISIT_RULE_PATTERN } from '../schemas/client-profile.ts';
import { DEFAULT_WORKING_DAYS, WEEKDAY_NAMES, type WeekdayName } from '../schemas/msp-settings.ts';
import { addDays, daysInMonth, localDate, weekdayOf } from './calendar.ts';

/** When the MSP works, from msp.yaml: closed days and working weekdays (default Monday to Friday). */
export interface WorkingCalendar {
  /** Days the MSP is closed, `YYYY-MM-DD`. */
  closedDays?: readonly string[];
  /** Weekdays it works; absent: Monday to Friday. */
  workingDays?: readonly WeekdayName[];
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The visit's calendar date in a month (`YYYY-MM`) for a visit rule: `second tuesday`,
 * `last friday`, or `day 15`. `day N` past the month's end falls on its last day (`day 31` in
 * April is the 30th), so the visit still happens that month. A day the MSP does not work moves
 * to the next one it does (`nextWorkingDay`). The result is a date in the client's own calendar:
 * the time zone only matters when comparing it with "now" (see `localDate`).
 */
export function dueDateForMonth(rule: string, month: string, calendar: WorkingCalendar = {}): string {
  return nextWorkingDay(ruleDate(rule, month), calendar);
}

/**
 * The date itself when the MSP works that day, else the next day that is a working weekday
 * (`workingDays`, default Monday to Friday) and not in `closedDays`: `day 15` on a Saturday moves
 * to Monday, a visit on Christmas to the next working day (and may move into the next month).
 */
function nextWorkingDay(date: string, calendar: WorkingCalendar = {}): string {
  const closed = new Set(calendar.closedDays ?? []);
  const working = new Set(calendar.workingDays ?? DEFAULT_WORKING_DAYS);
  // A week of days off (no working weekday at all) cannot happen: the schema wants one.
  if (working.size === 0) return date;
  const works = (day: string) => !closed.has(day) && working.has(WEEKDAY_NAMES[weekdayOf(day)] ?? 'sun');
  let day = date;
  while (!works(day)) day = addDays(day, 1);
  return day;
}

function ruleDate(rule: string, month: string): string {
  const match = VISIT_RULE_PATTERN.exec(rule.trim().toLowerCase());
  if (!match) throw new Error(`not a visit rule: ${rule}`);
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7));
  const last = daysInMonth(year, monthIndex);
  let day: number;
  if (match[3]) {
    day = Math.min(Number(match[3]), last);
  } else {
    const weekday = WEEKDAYS.indexOf(match[2] ?? '');
    if (match[1] === 'last') {
      const lastWeekday = new Date(Date.UTC(year, monthIndex - 1, last)).getUTCDay();
      day = last - ((lastWeekday - weekday + 7) % 7);
    } else {
      const firstWeekday = new Date(Date.UTC(year, monthIndex - 1, 1)).getUTCDay();
      day = 1 + ((weekday - firstWeekday + 7) % 7) + 7 * ((ORDINALS[match[1] ?? ''] ?? 1) - 1);
    }
  }
  return `${year}-${pad(monthIndex)}-${pad(day)}`;
}

/** True once the client's local date is after the due date (the visit day itself is not overdue). */
export function isOverdue(dueDate: string, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) > dueDate;
}
