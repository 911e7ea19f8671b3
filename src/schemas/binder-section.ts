import { z } from 'zod';
import { GitHubLoginSchema, IsoDateSchema, VisibilitySchema } from './common.ts';

/** What kind of thing lapses. */
export const RenewalKindSchema = z.enum([
  'licence',
  'domain',
  'certificate',
  'warranty',
  'contract',
  'other',
]);
export type RenewalKind = z.infer<typeof RenewalKindSchema>;

/** Something the binder documents that expires: a licence, a domain, a certificate, a warranty, a contract. */
export const RenewalSchema = z.strictObject({
  /** What it is, in the MSP's words, e.g. `Microsoft 365 Business Premium, 12 seats`. */
  item: z.string().trim().min(1, 'must not be empty'),
  /** The day it expires, `YYYY-MM-DD`. Move it on once renewed. */
  date: IsoDateSchema,
  /** licence, domain, certificate, warranty, contract or other. */
  kind: RenewalKindSchema,
  /** Days of warning before `date` (default 45): the month's checklist lists it from then on. */
  notice: z.number().int().min(0, 'must be 0 or more days').max(730, 'must be at most 730 days').default(45),
  /** Who acts: `msp` (default) or `client`. */
  owner: z.enum(['msp', 'client']).default('msp'),
  /** Renews by itself (default false): then only check the payment method is current. */
  autoRenew: z.boolean().default(false),
});
export type Renewal = z.infer<typeof RenewalSchema>;

/** The frontmatter of a binder section, `content/clients/<client>/binder/<section>.md`. */
export const BinderSectionSchema = z.strictObject({
  /** Section title, e.g. "Network & ISP". */
  title: z.string().trim().min(1, 'must not be empty'),
  /** Position in the binder; lower comes first. */
  order: z.number().int().default(100),
  /** `client` (default) shows on the client's site; `internal` is for MSP staff only. */
  visibility: VisibilitySchema.default('client'),
  /** When a technician last checked the section against reality. */
  reviewed: IsoDateSchema.optional(),
  /** Staff login responsible for keeping it current. */
  owner: GitHubLoginSchema.optional(),
  /** One line shown under the title. */
  description: z.string().optional(),
  /** What this section documents that expires; the month's remote checklist lists each in time. */
  renewals: z.array(RenewalSchema).default([]),
});
export type BinderSection = z.infer<typeof BinderSectionSchema>;
