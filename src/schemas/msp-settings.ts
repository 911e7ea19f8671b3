import { z } from 'zod';
import { RepoSchema, TierAssigneesSchema, TimeZoneSchema, UrlSchema } from './common.ts';

/** `content/msp.yaml`: the MSP's own settings. */
export const MspSettingsSchema = z.strictObject({
  /** The MSP's name, shown on every site. */
  name: z.string().trim().min(1, 'must not be empty'),
  /** Path of a logo image, relative to the repository root. */
  logo: z.string().optional(),
  /** Where the internal site is published; links in issues point there. */
  siteUrl: UrlSchema,
  /** The GitHub repository, `owner/name`, used for edit links and issue links. */
  repo: RepoSchema,
  /** Default IANA time zone for clients that do not set one. */
  timezone: TimeZoneSchema,
  /** Default GitHub assignees per tier. */
  assignees: TierAssigneesSchema.default({}),
  /** Group each month's issues under a milestone named `YYYY-MM`. */
  milestones: z.boolean().default(true),
});
export type MspSettings = z.infer<typeof MspSettingsSchema>;
