import { RMM_CHECK_TYPES, type RmmCheckType, type RmmRequirement } from '../schemas/index.ts';

/**
 * The `rmm=` attribute of a template item (docs/content-format.md): the RMM checks that prove
 * it, written `type` or `type:target`, comma-separated, e.g. `rmm=diskspace` or
 * `rmm=service:Spooler,service:MSSQLSERVER`. The types are vendor-neutral; a few RMM spellings
 * are accepted and normalised, so a template copied from Tactical RMM's vocabulary still reads.
 */

/** RMM-specific spellings of the neutral types. */
const TYPE_ALIASES: Record<string, RmmCheckType> = {
  winsvc: 'service',
  cpuload: 'cpu',
  disk: 'diskspace',
  patches: 'patch',
  event: 'eventlog',
};

/** The parsed requirements, or what was wrong with each part. */
export interface ParsedRmmRequirements {
  /** Requirements in the order written, without repeats. */
  requirements: RmmRequirement[];
  /** One message per part that is not a known type. */
  problems: string[];
}

/** Reads an `rmm=` value (without `rmm=`). */
export function parseRmmRequirements(value: string): ParsedRmmRequirements {
  const requirements: RmmRequirement[] = [];
  const problems: string[] = [];
  const parts = value.split(',').filter(Boolean);
  if (parts.length === 0) problems.push('no checks given');
  for (const part of parts) {
    const colon = part.indexOf(':');
    const word = (colon < 0 ? part : part.slice(0, colon)).toLowerCase();
    const target = colon < 0 ? '' : part.slice(colon + 1);
    const type = (RMM_CHECK_TYPES as readonly string[]).includes(word)
      ? (word as RmmCheckType)
      : TYPE_ALIASES[word];
    if (!type) {
      problems.push(`\`${word || part}\` is not an RMM check type`);
      continue;
    }
    if (colon >= 0 && !target) {
      problems.push(`\`${part}\` has a colon but no target`);
      continue;
    }
    const requirement: RmmRequirement = target ? { type, target } : { type };
    if (!requirements.some((known) => sameRequirement(known, requirement))) requirements.push(requirement);
  }
  return { requirements, problems };
}

function sameRequirement(a: RmmRequirement, b: RmmRequirement): boolean {
  return a.type === b.type && (a.target ?? '').toLowerCase() === (b.target ?? '').toLowerCase();
}

/** `service:Spooler`, as a template writes it. */
export function formatRmmRequirement(requirement: RmmRequirement): string {
  return requirement.target ? `${requirement.type}:${requirement.target}` : requirement.type;
}

/**
 * The RMMs msp-binder has an adapter for, by the short name their exports carry (`source.rmm`):
 * the name people know them by, and the neutral check types they have no check for. An item
 * naming one of those cannot be proven from that RMM's export, and its verdict says so rather
 * than blaming each device. Tactical RMM's check types (`CheckType`) are disk space, ping, CPU
 * load, memory, Windows services, scripts and event logs: no patch or backup checks
 * (src/rmm/tactical.ts maps them; its test checks this list against that map).
 */
export const KNOWN_RMMS: Readonly<Record<string, { name: string; lacks: readonly RmmCheckType[] }>> = {
  tactical: { name: 'Tactical RMM', lacks: ['backup', 'patch'] },
};

/** Plain words for a check type, as the client's site says them. */
export const CHECK_TYPE_WORDS: Record<RmmCheckType, string> = {
  diskspace: 'Free disk space',
  service: 'Essential background services',
  ping: 'Network reachability',
  cpu: 'Processor load',
  memory: 'Memory use',
  eventlog: 'Serious errors in the system logs',
  script: 'Custom health checks',
  backup: 'Backups',
  patch: 'Security updates',
};
