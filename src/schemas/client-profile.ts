import { z } from 'zod';
import { ChecklistItemInputSchema } from './checklist-template.ts';
import {
  GitHubLoginSchema,
  IsoDateSchema,
  ItemIdSchema,
  SlugSchema,
  TagSchema,
  TierAssigneesSchema,
  TierSchema,
  TimeZoneSchema,
} from './common.ts';

/** `first|second|third|fourth|last <weekday>`, or `day <1-31>` (clamped to the month's last day). */
export const VISIT_RULE_PATTERN =
  /^(?:(first|second|third|fourth|last|1st|2nd|3rd|4th) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|day ([1-9]|[12]\d|3[01]))$/;

/** The onsite visit rule from which due dates follow, e.g. `second tuesday`, `last friday`, `day 15`. */
export const VisitRuleSchema = z
  .string()
  .transform((text) => text.trim().toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        VISIT_RULE_PATTERN,
        'must be a visit rule like `second tuesday`, `last friday` or `day 15` (first..fourth or last, then a weekday)',
      ),
  );

/** A person at the client. */
export const ContactSchema = z.strictObject({
  /** Full name. */
  name: z.string().min(1),
  /** Role at the client, e.g. "Office manager". */
  role: z.string().optional(),
  /** Email address. */
  email: z.email('must be an email address').optional(),
  /** Phone number as dialled. */
  phone: z.string().optional(),
  /** The person the technician checks in with. */
  primary: z.boolean().default(false),
  /** May authorise work and spending. */
  authorized: z.boolean().default(false),
});
export type Contact = z.infer<typeof ContactSchema>;

/** A hostname as DNS writes it: labels of letters, digits and dashes, separated by dots; no scheme, no path. */
export const HostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'must be a hostname without `https://` or a path, e.g. `harbor-dental.portal.example`',
  );

/** A Cloudflare Pages project name: lowercase letters, digits and dashes, at most 58 characters. */
export const PagesProjectSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,56}[a-z0-9])?$/,
    'must be a Cloudflare Pages project name: lowercase letters, digits and dashes, at most 58 characters (e.g. `harbor-dental-binder`)',
  );

/**
 * Where the client's own site (its portal) is published. The `client-sites.yml` workflow builds
 * and leak-checks the site, then deploys it to the Pages project; the host is the custom domain
 * the MSP attached to that project and put behind a login (docs/publishing.md).
 */
export const PortalSchema = z.strictObject({
  /** The hostname the client's staff open, e.g. `harbor-dental.portal.example`. */
  host: HostnameSchema,
  /** The Cloudflare Pages project the site is deployed to (default: `<client>-binder`). */
  project: PagesProjectSchema.optional(),
});
export type Portal = z.infer<typeof PortalSchema>;

/** The Pages project a client's portal deploys to: the profile's `portal.project`, else `<client>-binder`. */
export function portalProject(slug: string, portal: Portal): string {
  return portal.project ?? `${slug}-binder`.slice(0, 58).replace(/-+$/, '');
}

/** The address the client's staff open their site at: `https://<portal.host>/`. */
export function portalUrl(portal: Portal): string {
  return `https://${portal.host}/`;
}

/** Per-client changes to the templates. */
export const OverridesSchema = z.strictObject({
  /** Template items that do not apply to this client. */
  skip: z
    .array(
      z.strictObject({
        /** The item's id in the template. */
        id: ItemIdSchema,
        /** Why it does not apply (shown to staff). */
        reason: z.string().optional(),
        /**
         * Set by `binder graduate`: the day the item left the checklist on RMM evidence. It comes
         * back in any month whose evidence does not prove it.
         */
        graduated: IsoDateSchema.optional(),
      }),
    )
    .default([]),
  /** Items only this client has. */
  add: z.array(ChecklistItemInputSchema).default([]),
  /** Items done in another tier for this client, e.g. to `automatic` once RMM alerting is proven. */
  move: z
    .array(
      z.strictObject({
        /** The item's id in the template. */
        id: ItemIdSchema,
        /** The tier it moves to. */
        tier: TierSchema,
        /** Why, e.g. "RMM disk alert proven 2026-08-12". */
        reason: z.string().optional(),
      }),
    )
    .default([]),
});
export type Overrides = z.infer<typeof OverridesSchema>;

/** How the client appears in the RMM, for `evidence import` and `evidence fetch`. */
export const ClientRmmSchema = z.strictObject({
  /** The RMM's name for the client, when it is not the slug (e.g. "Harbor Dental PLLC"). */
  client: z.string().trim().min(1, 'must not be empty').optional(),
  /**
   * Items watched on some devices only: item id → the host names it applies to (e.g. a SQL
   * service on the server). Other items apply to every device in the export.
   */
  devices: z.record(ItemIdSchema, z.array(z.string().min(1)).min(1)).default({}),
});
export type ClientRmm = z.infer<typeof ClientRmmSchema>;

/** The frontmatter of `content/clients/<client>/index.md`. */
export const ClientProfileSchema = z.strictObject({
  /** The client's name as staff and the client write it. */
  name: z.string().trim().min(1, 'must not be empty'),
  /** `active` clients get checklists; `paused` and `offboarded` do not. */
  status: z.enum(['active', 'paused', 'offboarded']).default('active'),
  /** IANA time zone of the client's office; due dates are in it. Default: `msp.yaml`'s `timezone`. */
  timezone: TimeZoneSchema.optional(),
  /**
   * The office's street address, for the technician's visit (shown on the onsite issue) and on
   * the printed binder's profile page.
   */
  address: z.string().trim().min(1).optional(),
  /** Where the client's own site is published (`binder clients --json`, `client-sites.yml`); unset: not deployed. */
  portal: PortalSchema.optional(),
  /** Date the MSP took the client on. */
  since: IsoDateSchema.optional(),
  /** Tags that decide which checklist items apply (e.g. `windows-server`, `ups`, `nas`, `firewall`). */
  tags: z.array(TagSchema).default([]),
  /** Checklist templates that apply, by file name in `templates/checklists/` (default `monthly`). */
  templates: z.array(SlugSchema).min(1).default(['monthly']),
  /** Onsite visit rule: `second tuesday`, `last friday`, `day 15`. */
  visit: VisitRuleSchema,
  /** When the visit starts, local time `HH:MM` (default 09:00): the calendar's event. */
  visitTime: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time written `HH:MM`, e.g. `09:30`')
    .optional(),
  /** GitHub logins to assign per tier; missing tiers fall back to `msp.yaml`. */
  assignees: TierAssigneesSchema.default({}),
  /** People at the client. */
  contacts: z.array(ContactSchema).default([]),
  /** Per-client changes to the checklist templates. */
  overrides: OverridesSchema.default({ skip: [], add: [], move: [] }),
  /** Staff login who owns the relationship. */
  owner: GitHubLoginSchema.optional(),
  /** How the client appears in the RMM (its name there; items watched on some devices only). */
  rmm: ClientRmmSchema.optional(),
});
export type ClientProfile = z.infer<typeof ClientProfileSchema>;
