import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema, MonthSchema, SLUG_PATTERN, SlugSchema } from './common.ts';

/**
 * RMM evidence: what an RMM says about the checks that watch a client's devices. Two shapes share
 * these parts: the vendor-neutral export `evidence import` reads (any RMM, any adapter), and the
 * evidence file the repository keeps, `content/evidence/<client>/<YYYY-MM>.json`. The judge
 * (src/core/evidence-judge.ts) turns a file into a verdict per automatic checklist item.
 */

/** The vendor-neutral check types adapters map their own to (Tactical RMM's `winsvc` is `service`). */
export const RMM_CHECK_TYPES = [
  'diskspace',
  'service',
  'ping',
  'cpu',
  'memory',
  'eventlog',
  'script',
  'backup',
  'patch',
] as const;

/** A vendor-neutral check type. */
export const RmmCheckTypeSchema = z.enum(RMM_CHECK_TYPES);
export type RmmCheckType = z.infer<typeof RmmCheckTypeSchema>;

/** What a template item's `rmm=` asks for: a check type, and optionally its target (a service, a disk). */
export const RmmRequirementSchema = z.strictObject({
  /** The check type, e.g. `diskspace` or `service`. */
  type: RmmCheckTypeSchema,
  /** What the check must watch, e.g. `Spooler` for a service or `C:` for a disk; any when absent. */
  target: z.string().min(1).optional(),
});
export type RmmRequirement = z.infer<typeof RmmRequirementSchema>;

/** A time as an RMM writes it: ISO 8601 with `Z` or an offset, normalised to UTC `…Z`. */
const RmmTimeSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. `2026-12-01T06:00:00Z`' })
    .transform((text) => new Date(text).toISOString().replace(/\.000Z$/, 'Z')),
);

/** The last alert a check raised. */
function alertSchema(time: z.ZodType<string>) {
  return z.strictObject({
    /** When the alert was raised (UTC). */
    at: time,
    /** The RMM's severity word, e.g. `error`, `warning`, `info`. */
    severity: z.string().min(1),
    /** When someone resolved it; absent while it is open. */
    resolvedAt: time.optional(),
  });
}

/** One check on one device. */
function checkSchema(time: z.ZodType<string>) {
  return z.strictObject({
    /** The RMM's id of the check (unique on the device). */
    id: z.string().min(1),
    /** The check's name as the RMM shows it. */
    name: z.string().min(1),
    /** Vendor-neutral type. */
    type: RmmCheckTypeSchema,
    /** What it watches: the service name, the disk, the address, the event log. */
    target: z.string().min(1).optional(),
    /** Where a failure is sent; only email or SMS tell a person (the judge does not count the dashboard alone). */
    alerting: z.strictObject({
      /** Email to the NOC. */
      email: z.boolean(),
      /** Text message. */
      sms: z.boolean(),
      /** The RMM's alert dashboard. */
      dashboard: z.boolean(),
    }),
    /** passing, failing, or pending (no result yet). */
    status: z.enum(['passing', 'failing', 'pending']),
    /** When it last ran (UTC); null when it never has. */
    lastRun: time.nullable(),
    /** Its most recent alert, if it raised one. */
    lastAlert: alertSchema(time).optional(),
  });
}

/** One monitored device (an RMM agent). */
function deviceSchema(time: z.ZodType<string>) {
  return z.strictObject({
    /** The RMM's id of the device (e.g. Tactical RMM's `agent_id`). */
    id: z.string().min(1),
    /** The device's host name as the RMM reports it. */
    hostname: z.string().min(1),
    /** Serial number, when the RMM knows it: matched to the binder before the host name. */
    serial: z.string().min(1).optional(),
    /** The RMM's site (office) of the device. */
    site: z.string().min(1).optional(),
    /** When the agent last reported (UTC); null when never. */
    lastSeen: time.nullable(),
    /** True when the device is in maintenance mode: its alerts are held back. */
    maintenanceMode: z.boolean(),
    /** Every check on the device, its own and those from policies. */
    checks: z.array(checkSchema(time)),
  });
}

/** Where an export came from. */
function sourceSchema(time: z.ZodType<string>) {
  return z.strictObject({
    /** The RMM's short name, e.g. `tactical`; verdicts say "proven by <rmm> export of <date>". */
    rmm: z.string().regex(SLUG_PATTERN, 'must be a short lowercase name, e.g. `tactical` or `ninjaone`'),
    /** When the export was taken (UTC): "ran recently" is judged against it. */
    exportedAt: time,
  });
}

/** A device in the export, as `evidence import` reads it. */
export const RmmExportDeviceSchema = deviceSchema(RmmTimeSchema);
export type RmmExportDevice = z.infer<typeof RmmExportDeviceSchema>;

/** The vendor-neutral export (docs/content-format.md): what `evidence import --file` reads. */
export const RmmExportSchema = z.strictObject({
  /** The RMM and when the export was taken. */
  source: sourceSchema(RmmTimeSchema),
  /** One entry per RMM client. */
  clients: z.array(
    z.strictObject({
      /** The client's slug, or the RMM's name for it as the profile gives it (`rmm: { client }`). */
      client: z.string().min(1),
      /** The client's devices. */
      devices: z.array(RmmExportDeviceSchema),
    }),
  ),
});
export type RmmExport = z.infer<typeof RmmExportSchema>;

/** Where a device is written in the client's binder: found by serial first, then host name. */
export const BinderMatchSchema = z.strictObject({
  /** The binder section's slug (its file name), e.g. `servers-workstations`. */
  section: SlugSchema,
  /** The host name as the binder writes it. */
  host: z.string().min(1),
  /** `serial` when the serial numbers agree, else `hostname`. */
  by: z.enum(['serial', 'hostname']),
});
export type BinderMatch = z.infer<typeof BinderMatchSchema>;

/** A device in an evidence file: the export's device plus where the binder describes it. */
export const EvidenceDeviceSchema = deviceSchema(IsoDateTimeSchema as z.ZodType<string>).extend({
  /** The binder host it matched; absent when the binder does not list it. */
  binder: BinderMatchSchema.optional(),
});
export type EvidenceDevice = z.infer<typeof EvidenceDeviceSchema>;

/** `content/evidence/<client>/<YYYY-MM>.json`, written by `evidence import` and `evidence fetch`. */
export const EvidenceFileSchema = z.strictObject({
  /** Client slug; must match the folder. */
  client: SlugSchema,
  /** The checklist month it is evidence for; must match the file name. */
  month: MonthSchema,
  /** The RMM and when the export was taken. */
  source: sourceSchema(IsoDateTimeSchema as z.ZodType<string>),
  /** The RMM's name for the client, when it differs from the slug. */
  rmmClient: z.string().min(1).optional(),
  /** The client's devices, sorted by host name. */
  devices: z.array(EvidenceDeviceSchema),
});
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

/** proven, not-proven, or none (no evidence file for the month, or no `rmm=` checks named). */
export const EvidenceStatusSchema = z.enum(['proven', 'not-proven', 'none']);
export type EvidenceStatus = z.infer<typeof EvidenceStatusSchema>;

/** A judged automatic item, as the plan, the issue and the archive carry it. */
export const EvidenceVerdictSchema = z.strictObject({
  /** proven, not-proven or none. */
  status: EvidenceStatusSchema,
  /** The RMM whose export was judged. */
  rmm: z.string().min(1).optional(),
  /** The day the export was taken (UTC). */
  exportDate: IsoDateSchema.optional(),
  /** How many devices the item applies to. */
  devices: z.number().int().min(0),
  /** How many matching checks were found on them. */
  checks: z.number().int().min(0),
  /** Why it is not proven, one line per device and reason, e.g. `PC-FRONT01: no diskspace check`. */
  problems: z.array(z.string()).default([]),
  /** Problems beyond `problems` that the issue only counted ("and 3 more on the binder site"). */
  moreProblems: z.number().int().min(1).optional(),
});
export type EvidenceVerdict = z.infer<typeof EvidenceVerdictSchema>;
