import { z } from 'zod';

/** The three checklist tiers, in the order a month is worked: RMM first, then remote, then the visit. */
export const TIERS = ['automatic', 'remote', 'onsite'] as const;

/** A checklist tier: who does the item (the RMM, the helpdesk from afar, or a technician on site). */
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

/** Who may see a binder page or tech note: the client on its own site, or MSP staff only. */
export const VisibilitySchema = z.enum(['client', 'internal']);
export type Visibility = z.infer<typeof VisibilitySchema>;

/**
 * The domain's word and time rules as pattern sources, each written once: the schemas below test
 * whole values with them, and file names (content-paths.ts) and issue markers (parse-issue.ts)
 * compose them into longer patterns. `date` only bounds month and day: a real date also passes
 * `dateProblem` (no 2026-02-30).
 */
export const PATTERN_SOURCE = {
  /** A slug, item id or tag: lowercase letters, digits and dashes, starting with a letter or digit. */
  slug: '[a-z0-9][a-z0-9-]*',
  /** A month, `YYYY-MM`, 01 to 12. */
  month: '\\d{4}-(?:0[1-9]|1[0-2])',
  /** A date's shape, `YYYY-MM-DD`, month 01 to 12 and day 01 to 31. */
  date: '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])',
} as const;

/** A whole value that is a slug (PATTERN_SOURCE.slug). */
export const SLUG_PATTERN = new RegExp(`^${PATTERN_SOURCE.slug}$`);

/** A client or template slug: lowercase letters, digits and dashes, starting with a letter or digit. */
export const SlugSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be a slug: lowercase letters, digits and dashes, e.g. `harbor-dental`');

/** A checklist item id: stable across months, so history can follow an item. */
export const ItemIdSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be an item id: lowercase letters, digits and dashes, e.g. `ups-self-test`');

/** A client tag that decides which checklist items apply (e.g. `ups`, `windows-server`). */
export const TagSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be a tag: lowercase letters, digits and dashes, e.g. `tape-backup`');

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
  .regex(new RegExp(`^${PATTERN_SOURCE.month}$`), 'must be a month written `YYYY-MM`, e.g. `2026-12`');

/**
 * A date as its `YYYY-MM-DD` text when YAML made it a Date; anything else as it came. YAML
 * loaders differ: js-yaml (Astro) turns `2026-10-13` into a Date, `yaml` keeps a string.
 */
export function toIsoDate(value: unknown): unknown {
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

/** An IANA name's shape: `Area/City` (or `UTC`, `EST`), not an offset such as `+01:00`. */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * True when the name is an IANA time zone name the runtime knows (e.g. `America/Chicago`). A fixed
 * offset (`+01:00`, which Intl also accepts) is refused: it never follows daylight saving time.
 */
export function isValidTimeZone(name: string): boolean {
  if (!TIME_ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A valid time zone name with the capitals of the time zone database (`europe/london` → `Europe/London`). */
export function canonicalTimeZoneCase(name: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  // Only the case: ICU also maps some names to older ones (Europe/Kyiv → Europe/Kiev).
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** An IANA time zone name, e.g. `America/Chicago`; due dates are computed in it. */
export const TimeZoneSchema = z
  .string()
  .refine(
    isValidTimeZone,
    'is not an IANA time zone name; use one like `America/Chicago` or `Europe/London`',
  );

/**
 * A GitHub repository, `owner/name`: the owner is a user or organisation name (letters, digits,
 * single dashes, at most 39 characters), the name GitHub's letters, digits, `.`, `_` and `-`.
 */
export const RepoSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/,
    'must be `owner/name`, e.g. `northwind-it/binders`',
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
