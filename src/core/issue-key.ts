import { TIERS, type Tier } from '../schemas/index.ts';

/** What identifies a checklist issue. */
export interface ChecklistIssueKey {
  /** `client/YYYY-MM/tier`. */
  key: string;
  /** Client slug. */
  client: string;
  /** `YYYY-MM`. */
  month: string;
  /** Tier. */
  tier: Tier;
  /** Template named in the marker (absent when read from labels). */
  template?: string;
}

const MARKER = /<!--\s*msp-binder\s+(\{[^\n]*?\})\s*-->/;

/**
 * Reads a checklist issue's key from the hidden marker in its body, or, when a technician
 * deleted the marker, from its labels (`client:`, `month:`, `tier:`). Undefined for other issues.
 */
export function readIssueKey(body: string, labels: readonly string[]): ChecklistIssueKey | undefined {
  const match = MARKER.exec(body);
  if (match?.[1]) {
    try {
      const marker = JSON.parse(match[1]) as { key?: unknown; template?: unknown };
      const parts = typeof marker.key === 'string' ? marker.key.split('/') : [];
      const [client, month, tier] = parts;
      if (
        parts.length === 3 &&
        client &&
        month &&
        /^\d{4}-\d{2}$/.test(month) &&
        (TIERS as readonly string[]).includes(tier ?? '')
      ) {
        return {
          key: `${client}/${month}/${tier}`,
          client,
          month,
          tier: tier as Tier,
          ...(typeof marker.template === 'string' ? { template: marker.template } : {}),
        };
      }
    } catch {
      // A mangled marker: fall back to the labels below.
    }
  }
  const label = (prefix: string) => labels.find((name) => name.startsWith(prefix))?.slice(prefix.length);
  const client = label('client:');
  const month = label('month:');
  const tier = label('tier:');
  if (
    !labels.includes('checklist') ||
    !client ||
    !month ||
    !tier ||
    !(TIERS as readonly string[]).includes(tier)
  )
    return undefined;
  return { key: `${client}/${month}/${tier}`, client, month, tier: tier as Tier };
}
