import { z } from 'zod';
import {
  GitHubLoginSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  ItemIdSchema,
  MonthSchema,
  SlugSchema,
  TierSchema,
  UrlSchema,
  VisibilitySchema,
} from './common.ts';
import { EvidenceVerdictSchema } from './evidence.ts';

/** An item's outcome, after the paper rules: ticked, unticked with a note, or struck through / N/A. */
export const ItemStatusSchema = z.enum(['done', 'not-done', 'not-applicable']);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

/** How the checklist ended. */
export const ChecklistStateSchema = z.enum(['completed', 'incomplete', 'skipped', 'reopened']);
export type ChecklistState = z.infer<typeof ChecklistStateSchema>;

/** One item of an archived checklist. */
export const ArchivedItemSchema = z.strictObject({
  /** The template item id (or an id made from the text for items a technician added). */
  id: ItemIdSchema,
  /** The item's text as it stood when the issue closed. */
  text: z.string(),
  /** done, not-done or not-applicable. */
  status: ItemStatusSchema,
  /** Why it was not done or does not apply, from the technicians' comments. */
  note: z.string().optional(),
  /** `client` when the note came from a comment written `For the client:`; staff-only otherwise. */
  noteVisibility: VisibilitySchema.optional(),
  /** The RMM evidence verdict the issue showed under an automatic item (staff only). */
  evidence: EvidenceVerdictSchema.optional(),
});
export type ArchivedItem = z.infer<typeof ArchivedItemSchema>;

/** A technician's comment on the issue, as archived. */
export const ArchivedCommentSchema = z.strictObject({
  /** GitHub login of the author. */
  author: GitHubLoginSchema,
  /** When it was posted, UTC. */
  at: IsoDateTimeSchema,
  /** `internal` (default): staff only. `client`: its first line starts with `For the client:`. */
  visibility: VisibilitySchema.default('internal'),
  /** The comment's Markdown, secrets redacted. Rendered only through the sanitizer. */
  body: z.string(),
});
export type ArchivedComment = z.infer<typeof ArchivedCommentSchema>;

/** The frontmatter of `content/checklists/<client>/<YYYY-MM>-<tier>.md`, written by `binder archive`. */
export const ArchivedChecklistSchema = z.strictObject({
  /** Client slug. */
  client: SlugSchema,
  /** `YYYY-MM` the checklist was for. */
  month: MonthSchema,
  /** The tier. */
  tier: TierSchema,
  /** The template it came from. */
  template: SlugSchema,
  /** The GitHub issue number. */
  issue: z.number().int().positive(),
  /** The issue's web address. */
  url: UrlSchema,
  /** completed, incomplete, skipped or reopened. */
  state: ChecklistStateSchema,
  /** When the issue was closed (null while reopened). */
  closedAt: IsoDateTimeSchema.nullable(),
  /** Who closed it (null while reopened). */
  closedBy: GitHubLoginSchema.nullable(),
  /** Who it was assigned to. */
  assignees: z.array(GitHubLoginSchema).default([]),
  /** The visit's due date, when the issue said. */
  dueDate: IsoDateSchema.optional(),
  /** Every item with its outcome. */
  items: z.array(ArchivedItemSchema),
  /** The technicians' comments, oldest first (owners, members, collaborators and the content's staff only). */
  comments: z.array(ArchivedCommentSchema).default([]),
  /**
   * `sha256:<hex>` of the file as `binder archive` wrote it (without this line). A file whose
   * bytes no longer match was edited by a person, and archive never overwrites it.
   */
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be `sha256:` and 64 hex digits, as `binder archive` writes it')
    .optional(),
});
export type ArchivedChecklist = z.infer<typeof ArchivedChecklistSchema>;
