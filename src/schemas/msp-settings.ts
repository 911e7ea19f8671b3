import { z } from 'zod';
import {
  GitHubLoginSchema,
  IsoDateSchema,
  RepoSchema,
  TagSchema,
  TierAssigneesSchema,
  TimeZoneSchema,
  UrlSchema,
} from './common.ts';

/** Weekdays as `workingDays` names them. */
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** The days a visit may fall on unless msp.yaml says otherwise: Monday to Friday. */
export const DEFAULT_WORKING_DAYS: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** `content/msp.yaml`: the MSP's own settings. */
export const MspSettingsSchema = z.strictObject({
  /** The MSP's name, shown on every site. */
  name: z.string().trim().min(1, 'must not be empty'),
  /**
   * Path of a logo image (`.svg`, `.png` or `.jpg`), relative to the repository root: on the
   * printed binder's cover and the monthly reports.
   */
  logo: z
    .string()
    .regex(
      /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$)).+\.(?:svg|png|jpe?g)$/i,
      'must be a repository-relative path to an .svg, .png or .jpg file, e.g. `content/logo.svg`',
    )
    .optional(),
  /** Where the internal site is published; links in issues point there. */
  siteUrl: UrlSchema,
  /** The GitHub repository, `owner/name`, used for edit links and issue links. */
  repo: RepoSchema,
  /** Default IANA time zone for clients that do not set one. */
  timezone: TimeZoneSchema,
  /** Default GitHub assignees per tier. */
  assignees: TierAssigneesSchema.default({}),
  /**
   * Client tags that no checklist item uses but the MSP wants anyway (for search, reports). Any
   * other tag a client has must be used by a template item: a typo would drop items silently.
   */
  tags: z.array(TagSchema).default([]),
  /**
   * Days the MSP is closed (`YYYY-MM-DD`, e.g. `2026-12-25`): a visit that falls on one moves to
   * the next working day (a `workingDays` weekday that is not closed).
   */
  closedDays: z.array(IsoDateSchema).default([]),
  /**
   * The weekdays technicians visit, `[mon, tue, wed, thu, fri]` by default: a visit whose rule
   * gives another day (`day 15` on a Saturday) moves to the next working day, as on a closed day.
   */
  workingDays: z
    .array(z.enum(WEEKDAY_NAMES))
    .min(1, 'must name at least one weekday, e.g. `[mon, tue, wed, thu, fri]`')
    .refine((days) => new Set(days).size === days.length, 'must name each weekday once')
    .default([...DEFAULT_WORKING_DAYS]),
  /** Group each month's issues under a milestone named `YYYY-MM`. */
  milestones: z.boolean().default(true),
  /** Months in a row an automatic item must be proven by RMM evidence before it may leave the checklist. */
  graduateAfter: z.number().int().min(1).max(24).default(3),
  /**
   * Staff members' names by GitHub login (`jane-tech: Jane Okafor`), for what the client
   * receives: the monthly report says who did the work by name. A login without one is shown as
   * written.
   */
  staff: z.record(GitHubLoginSchema, z.string().trim().min(1, 'must not be empty')).default({}),
  /** Paper size of the printed binder and the monthly reports. */
  paper: z.enum(['letter', 'a4']).default('letter'),
});
export type MspSettings = z.infer<typeof MspSettingsSchema>;
