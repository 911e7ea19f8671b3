import { z } from 'zod';

/** The three checklist tiers, in the order a month is worked: RMM first, then remote, then the visit. */
export const TIERS = ['automatic', 'remote', 'onsite'] as const;

/** A checklist tier: who does the item (the RMM, the helpdesk from afar, or a technician on site). */
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

/** Who may see a binder page or tech note: the client on its own site, or MSP staff only. */
export const VisibilitySchema = z.enum(['client', 'internal']);
export type Visibility = z.infer<typeof VisibilitySchema>;

/** A client or template slug: lowercase letters, digits and dashes, starting with a letter or digit. */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be a slug: lowercase letters, digits and dashes, e.g. `harbor-dental`',
  );

/** A checklist item id: stable across months, so history can follow an item. */
export const ItemIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'must be an item id: lowercase letters, digits and dashes, e.g. `ups-self-test`',
  );

/** A client tag that decides which checklist items apply (e.g. `ups`, `windows-server`). */
export const TagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a tag: lowercase letters, digits and dashes, e.g. `tape-backup`');

/** A GitHub login (user or `name[bot]`), written without `@`. GitHub allows 39 characters. */
export const GitHubLoginSchema = z
  .string()
  .regex(
    /^(?=.{1,39}(\[bot\])?$)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*(\[bot\])?$/,
    'must be a GitHub login: letters, digits and single dashes, at most 39 characters, no `@` (e.g. `jane-tech`)',
  );

/** A calendar month, `YYYY-MM`. */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written `YYYY-MM`, e.g. `2026-12`');

function toIsoDate(value: unknown): unknown {
  // YAML loaders differ: js-yaml (Astro) turns `2026-10-13` into a Date, `yaml` keeps a string.
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const MONTH_FULL_NAMES =
  'January February March April May June July August September October November December'.split(' ');

/** Why a text is not a `YYYY-MM-DD` date, with the fix, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (isRealDate(text)) return undefined;
    const [year, month] = text.split('-').map(Number) as [number, number, number];
    if (month < 1 || month > 12) return `is not a real date: there is no month ${month}`;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `is not a real date: ${MONTH_FULL_NAMES[month - 1]} ${year} has ${days} days`;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) {
    const guess = `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
    return `must be a date; write it \`YYYY-MM-DD\`${isRealDate(guess) ? `, e.g. \`${guess}\` for ${text}` : ''}`;
  }
  const short = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (short) {
    const guess = `${short[1]}-${short[2]?.padStart(2, '0')}-${short[3]?.padStart(2, '0')}`;
    return `must be a date; write it \`YYYY-MM-DD\` with two-digit month and day${isRealDate(guess) ? `, e.g. \`${guess}\`` : ''}`;
  }
  return 'must be a date written `YYYY-MM-DD`, e.g. `2026-10-13`';
}

/** A calendar date, `YYYY-MM-DD`; it must exist (no 2026-02-30). One error, with the fix. */
export const IsoDateSchema = z.preprocess(
  toIsoDate,
  z.string().superRefine((text, ctx) => {
    const problem = dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** A moment in UTC, ISO 8601 with `Z`, as GitHub reports it (e.g. `2026-10-13T19:02:11Z`). */
export const IsoDateTimeSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().replace(/\.000Z$/, 'Z') : value),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
      'must be a UTC time written `YYYY-MM-DDTHH:MM:SSZ`, e.g. `2026-10-13T19:02:11Z`',
    )
    .refine((text) => isRealDate(text.slice(0, 10)), 'is not a real calendar date'),
);

/** True when the runtime knows the IANA time zone name (e.g. `America/Chicago`). */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** An IANA time zone name, e.g. `America/Chicago`; due dates are computed in it. */
export const TimeZoneSchema = z
  .string()
  .refine(
    isValidTimeZone,
    'is not an IANA time zone name; use one like `America/Chicago` or `Europe/London`',
  );

/** An absolute http(s) URL. */
export const UrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Per-tier lists of GitHub logins to assign. */
export const TierAssigneesSchema = z.strictObject({
  /** Who watches the RMM-confirmation issue. */
  automatic: z.array(GitHubLoginSchema).optional(),
  /** Helpdesk/NOC logins for the remote tier. */
  remote: z.array(GitHubLoginSchema).optional(),
  /** Technicians who make the visit. */
  onsite: z.array(GitHubLoginSchema).optional(),
});
export type TierAssignees = z.infer<typeof TierAssigneesSchema>;

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** Parses `jan`/`january`/`1` into 1..12, or undefined when it is not a month. */
export function parseMonthName(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1 && value <= 12 ? value : undefined;
  const text = value.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return parseMonthName(Number(text));
  const index = MONTH_NAMES.findIndex((name) => text.length >= 3 && name === text.slice(0, 3));
  return index >= 0 &&
    'january february march april may june july august september october november december'
      .split(' ')
      .some((full) => full.startsWith(text))
    ? index + 1
    : undefined;
}

/** Short English month name for 1..12. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** A month of the year as `jan`..`dec` or 1..12, normalised to 1..12. */
export const MonthOfYearSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const month = parseMonthName(value);
  if (month === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a month: `jan`..`dec` or 1..12' });
    return z.NEVER;
  }
  return month;
});
