import { z } from 'zod';
import { ItemIdSchema, MonthOfYearSchema, TagSchema, TierSchema, UrlSchema } from './common.ts';
import { RmmRequirementSchema } from './evidence.ts';

/** How often an item falls due. `single` marks a task of the rotating "monthly single". */
export const FrequencySchema = z.enum(['monthly', 'quarterly', 'semiannual', 'annual', 'single']);
export type Frequency = z.infer<typeof FrequencySchema>;

/** The months an item falls in when the template does not say (`in=`). Months are 1..12. */
export const DEFAULT_MONTHS: Record<Frequency, readonly number[]> = {
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarterly: [1, 4, 7, 10],
  semiannual: [1, 7],
  annual: [1],
  single: [],
};

/** One checklist item, as a template line or a client's `add` override describes it. */
export const ChecklistItemSchema = z.strictObject({
  /** Stable id: history, carry-over and overrides follow it. Never reuse an id for another task. */
  id: ItemIdSchema,
  /** What to do, one line of Markdown, written as an instruction to the technician. */
  text: z.string().trim().min(1, 'must not be empty'),
  /** Who does it: `automatic` (RMM), `remote` (helpdesk/NOC) or `onsite` (technician at the client). */
  tier: TierSchema,
  /** How often: monthly (default), quarterly, semiannual, annual, or single (monthly-single rotation). */
  frequency: FrequencySchema.default('monthly'),
  /** The months it falls in (1..12); defaults follow the frequency (quarterly: jan, apr, jul, oct). */
  months: z.array(z.number().int().min(1).max(12)),
  /** Applies only to clients with at least one of these tags; empty means every client. */
  tags: z.array(TagSchema).default([]),
  /** The heading it is grouped under in the issue (e.g. "Server health"). */
  section: z.string().min(1),
  /** Optional help text in Markdown: how to do it, what a bad result looks like. */
  help: z.string().optional(),
  /** Optional link to the standard operating procedure. */
  sop: UrlSchema.optional(),
  /** The RMM checks that prove it (`rmm=diskspace,service:Spooler`), judged when it is automatic. */
  rmm: z.array(RmmRequirementSchema).optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** A checklist item written in YAML, as in a client profile's `overrides.add`. */
export const ChecklistItemInputSchema = z.strictObject({
  /** Stable id, unique within the client's checklist. */
  id: ItemIdSchema,
  /** What to do, one line. */
  text: z.string().trim().min(1, 'must not be empty'),
  /** Who does it: automatic, remote or onsite. */
  tier: TierSchema,
  /** How often: monthly (default), quarterly, semiannual, annual. */
  frequency: FrequencySchema.exclude(['single']).default('monthly'),
  /** Months it falls in (`jan`..`dec` or 1..12); defaults follow the frequency. */
  in: z.array(MonthOfYearSchema).optional(),
  /** Section heading it goes under; default "Client-specific". */
  section: z.string().min(1).default('Client-specific'),
  /** Optional help text. */
  help: z.string().optional(),
  /** Optional SOP link. */
  sop: UrlSchema.optional(),
});
export type ChecklistItemInput = z.infer<typeof ChecklistItemInputSchema>;

/** The frontmatter of a checklist template file (`templates/checklists/<name>.md`). */
export const ChecklistTemplateFrontmatterSchema = z.strictObject({
  /** Human title, e.g. "Monthly maintenance". */
  title: z.string().min(1),
  /** One paragraph on what the template is for. */
  description: z.string().optional(),
});

/** A parsed checklist template: its title and its items in document order. */
export const ChecklistTemplateSchema = z.strictObject({
  /** The file name without `.md`; clients name it in `templates`. */
  name: z.string(),
  /** Human title. */
  title: z.string(),
  /** Optional description. */
  description: z.string().optional(),
  /** Every item, in the order written. */
  items: z.array(ChecklistItemSchema),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplateSchema>;

/** Turns a YAML-written item into the template item shape. */
export function itemFromInput(input: ChecklistItemInput): ChecklistItem {
  return {
    id: input.id,
    text: input.text,
    tier: input.tier,
    frequency: input.frequency,
    months: input.in ? [...new Set(input.in)].sort((a, b) => a - b) : [...DEFAULT_MONTHS[input.frequency]],
    tags: [],
    section: input.section,
    ...(input.help === undefined ? {} : { help: input.help }),
    ...(input.sop === undefined ? {} : { sop: input.sop }),
  };
}
