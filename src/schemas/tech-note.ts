import { z } from 'zod';
import { GitHubLoginSchema, IsoDateSchema, MonthSchema, TierSchema, VisibilitySchema } from './common.ts';

/** The author `new-note` writes when it cannot tell who you are; a note must not keep it. */
export const NOTE_AUTHOR_PLACEHOLDER = 'your-github-login';

/** The body `new-note` writes; a note must not keep only this. */
export const NOTE_PLACEHOLDER_TEXT = 'What was done, what was found, what is left to do.';

/** The frontmatter of a tech note, `content/clients/<client>/notes/<YYYY-MM-DD>-<slug>.md`. */
export const TechNoteSchema = z.strictObject({
  /** Day of the work; must match the file name's date. */
  date: IsoDateSchema,
  /** GitHub login of the technician who wrote it (no `@`). */
  author: GitHubLoginSchema,
  /** What happened, in a few words. */
  title: z.string().trim().min(1, 'must not be empty'),
  /** `client` (default) shows on the client's site; `internal` is for MSP staff only. */
  visibility: VisibilitySchema.default('client'),
  /** Related checklist issue number, if the note records a checklist visit. */
  issue: z.number().int().positive().optional(),
  /** Related archived checklist, as month and tier. */
  checklist: z
    .strictObject({
      /** `YYYY-MM`. */
      month: MonthSchema,
      /** The checklist's tier. */
      tier: TierSchema,
    })
    .optional(),
  /** Free tags for search (e.g. `firewall`, `outage`). */
  tags: z.array(z.string()).default([]),
});
export type TechNote = z.infer<typeof TechNoteSchema>;
