/**
 * Month and date arithmetic on the domain's own strings, months `YYYY-MM` and dates `YYYY-MM-DD`
 * (add, count, last day, weekday); `localDate` and `localTime`, the date and the time of day a
 * moment falls on in a time zone; and `utcMonth`, the month a moment falls in, counted in UTC.
 * Pure; "now" is always passed in. Not the iCalendar feeds: those are src/site/calendars.ts.
 */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Days in a month; `month` is 1..12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** `YYYY-MM` of the month before. */
export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

/** `YYYY-MM` of the month after. */
export function nextMonth(month: string): string {
  return addMonths(month, 1);
}

/** The last `count` months ending with `month`, oldest first. */
export function monthsEndingAt(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addMonths(month, index - count + 1));
}

/** The last calendar day of a month, `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  return `${month}-${pad(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))))}`;
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Day of the week of a date, 0 (Sunday) to 6. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Short weekday name of a date, e.g. `Tue`. */
export function weekdayName(date: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekdayOf(date)] ?? '';
}

/**
 * The month (`YYYY-MM`) a moment falls in, in UTC: the month `--month` defaults to, and the month an
 * RMM export is evidence for (see evidenceMonthOf). The caller passes the moment, so this stays pure.
 */
export function utcMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * Instants already put into a zone, by kind, zone and instant: a page, its cache key, the item
 * history and the report format the same instants, and `formatToParts` is the costly part
 * (~0.6 s of a cold build at 100 clients). Emptied when it grows large.
 */
const zoned = new Map<string, string>();

function remembered(kind: string, at: Date, timeZone: string, make: () => string): string {
  const key = `${kind} ${timeZone} ${at.getTime()}`;
  let value = zoned.get(key);
  if (value === undefined) {
    value = make();
    if (zoned.size >= 100_000) zoned.clear();
    zoned.set(key, value);
  }
  return value;
}

/** What a formatter gives of a moment: its date, its time of day, or its zone's short name. */
const PARTS = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  zone: { timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** One formatter per parts, locale and zone: making one costs more than formatting thousands of dates with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The parts of `at` in an IANA time zone, by type. */
function zonedParts(
  at: Date,
  timeZone: string,
  parts: keyof typeof PARTS,
  locale: string,
): (type: Intl.DateTimeFormatPartTypes) => string {
  const key = `${parts} ${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...PARTS[parts] });
    formatters.set(key, format);
  }
  const values = format.formatToParts(at);
  return (type) => values.find((part) => part.type === type)?.value ?? '';
}

/** The calendar date (`YYYY-MM-DD`) that `now` falls on in an IANA time zone. */
export function localDate(now: Date, timeZone: string): string {
  return remembered('date', now, timeZone, () => {
    const get = zonedParts(now, timeZone, 'date', 'en-CA');
    return `${get('year')}-${get('month')}-${get('day')}`;
  });
}

/**
 * English locales whose short zone names are in use, in order (the US names first). Each names
 * some zones (en-GB: `BST`, `CEST`, `GST`; en-AU: `AEST`; en-IN and en-IE: `IST`; en-ZA: `SAST`)
 * and gives the others only their offset (`GMT+1`), as Unicode's CLDR data has it. A name can be
 * ambiguous (`IST` is Dublin's summer and India's time alike); the reader knows the client's zone.
 */
const ZONE_NAME_LOCALES = ['en-US', 'en-CA', 'en-GB', 'en-IE', 'en-AU', 'en-NZ', 'en-IN', 'en-ZA', 'en-SG'];

/** The zone's short name at `at` in the first of those locales that has one, else its offset (`GMT+9`). */
function zoneName(at: Date, timeZone: string): string {
  let offset = '';
  for (const locale of ZONE_NAME_LOCALES) {
    const name = zonedParts(at, timeZone, 'zone', locale)('timeZoneName');
    if (!/^(GMT|UTC)[+\-−]/.test(name)) return name;
    offset ||= name;
  }
  return offset;
}

/**
 * The time of day (`HH:MM` on a 24-hour clock) `at` falls on in an IANA time zone, with the
 * zone's short name: `22:30 EDT`, `04:00 BST`, or its offset where English has no name for it
 * (`12:00 GMT+9`). The name says which zone the reader is given, so a time is never mistaken for
 * the reader's own.
 */
export function localTime(at: Date, timeZone: string): string {
  return remembered('time', at, timeZone, () => {
    const get = zonedParts(at, timeZone, 'time', 'en-US');
    return `${get('hour')}:${get('minute')} ${zoneName(at, timeZone)}`;
  });
}
