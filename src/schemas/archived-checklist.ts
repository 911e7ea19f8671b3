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
} from './common.ts';

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
});
export type ArchivedItem = z.infer<typeof ArchivedItemSchema>;

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
});
export type ArchivedChecklist = z.infer<typeof ArchivedChecklistSchema>;
