import { z } from 'zod';
import { GitHubLoginSchema, IsoDateSchema, VisibilitySchema } from './common.ts';

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
});
export type BinderSection = z.infer<typeof BinderSectionSchema>;
