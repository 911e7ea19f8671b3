import { IsoDateSchema, MonthSchema, SlugSchema, type Tier, TierSchema } from '../schemas/index.ts';

/**
 * A checklist issue's identity (docs/issue-format.md): its key, title, labels and their colours,
 * the labels a month's issues are listed by, a search for one issue, and the hidden marker that
 * carries the key, template, due date and format version. Sync finds issues by it, the archive
 * reads it back, and nothing else spells any of it (checklist-issue.test.ts checks src/ for that).
 */

/** Version of the issue body format. 2 added the due date to the marker. */
export const ISSUE_FORMAT_VERSION = 2;

/** The label every checklist issue carries; issues are listed by it, never searched. */
export const CHECKLIST_LABEL = 'checklist';

/** The label an issue closed with unexplained unticked items gets. */
export const INCOMPLETE_LABEL = 'incomplete';

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
  /** The visit's due date, `YYYY-MM-DD`, when the marker carries it (format 2 and later). */
  dueDate?: string;
}

/** The issue key, `client/YYYY-MM/tier`: exactly one issue per key. */
export function checklistIssueKey(client: string, month: string, tier: Tier): string {
  return `${client}/${month}/${tier}`;
}

/** Title of a checklist issue, e.g. `Harbor Dental · onsite maintenance · 2026-12`. */
export function issueTitle(clientName: string, tier: Tier, month: string): string {
  return `${clientName} · ${tier} maintenance · ${month}`;
}

/** The label that names each part of a checklist issue's key. */
export const keyLabel = {
  /** `client:<slug>`. */
  client: (client: string) => `client:${client}`,
  /** `month:<YYYY-MM>`. */
  month: (month: string) => `month:${month}`,
  /** `tier:<tier>`. */
  tier: (tier: Tier) => `tier:${tier}`,
} as const;

/** The labels of a checklist issue, in a fixed order. */
export function issueLabels(client: string, tier: Tier, month: string): string[] {
  return [CHECKLIST_LABEL, keyLabel.tier(tier), keyLabel.client(client), keyLabel.month(month)];
}

/** The labels a month's checklist issues are listed by (GitHub ANDs them): `checklist` and the month's. */
export function monthIssueLabels(month: string): string[] {
  return [CHECKLIST_LABEL, keyLabel.month(month)];
}

/** A GitHub issue search for one checklist issue by its labels, e.g. for a link before it is archived. */
export function issueSearchQuery(client: string, month: string, tier: Tier): string {
  const labels = [keyLabel.client(client), keyLabel.month(month), keyLabel.tier(tier)];
  return ['is:issue', ...labels.map((label) => `label:"${label}"`)].join(' ');
}

/** GitHub's issue search for a checklist's issue, in `repo` (`owner/name`), by its key labels. */
export function issueSearchUrl(repo: string, client: string, month: string, tier: Tier): string {
  return `https://github.com/${repo}/issues?q=${encodeURIComponent(issueSearchQuery(client, month, tier))}`;
}

/** A label as sync creates it. */
export interface LabelSpec {
  /** Label name. */
  name: string;
  /** Colour, six hex digits. */
  color: string;
  /** What it means, shown in GitHub's label picker. */
  description: string;
}

/** Labels msp-binder creates with colours and descriptions. Client labels GitHub creates itself on first use. */
export function standardLabels(month: string): LabelSpec[] {
  return [
    { name: CHECKLIST_LABEL, color: '0e8a16', description: 'A monthly maintenance checklist (msp-binder)' },
    {
      name: keyLabel.tier('automatic'),
      color: 'c5def5',
      description: 'Checklist tier: confirm RMM alerting works',
    },
    {
      name: keyLabel.tier('remote'),
      color: '1d76db',
      description: 'Checklist tier: worked remotely by the helpdesk/NOC',
    },
    {
      name: keyLabel.tier('onsite'),
      color: '5319e7',
      description: 'Checklist tier: needs a technician at the client',
    },
    { name: INCOMPLETE_LABEL, color: 'd93f0b', description: 'Closed with items neither done nor explained' },
    { name: keyLabel.month(month), color: 'fbca04', description: `Checklists for ${month}` },
  ];
}

/** Splits and validates `client/YYYY-MM/tier` with the content schemas; undefined when it is not one. */
export function parseChecklistKey(key: string): { client: string; month: string; tier: Tier } | undefined {
  const parts = key.split('/');
  if (parts.length !== 3) return undefined;
  const [client, month, tier] = parts;
  const slug = SlugSchema.safeParse(client);
  const validMonth = MonthSchema.safeParse(month);
  const validTier = TierSchema.safeParse(tier);
  if (!slug.success || !validMonth.success || !validTier.success) return undefined;
  return { client: slug.data, month: validMonth.data, tier: validTier.data };
}

const MARKER_PREFIX = '<!-- msp-binder ';
const MARKER = /<!--\s*msp-binder\s+(\{[^\n]*?\})\s*-->/;
const MARKER_PREFIX_PATTERN = /<!--\s*msp-binder\s+\{/;

/** The hidden marker: first line of every checklist issue body. */
export function renderMarker(marker: { key: string; template: string; dueDate: string }): string {
  return `${MARKER_PREFIX}${JSON.stringify({ v: ISSUE_FORMAT_VERSION, key: marker.key, template: marker.template, due: marker.dueDate })} -->`;
}

/** The marker's fields, validated; undefined when the body has no readable marker. */
export function readMarker(body: string): ChecklistIssueKey | undefined {
  const match = MARKER.exec(body);
  if (!match?.[1]) return undefined;
  let marker: { key?: unknown; template?: unknown; due?: unknown };
  try {
    marker = JSON.parse(match[1]) as typeof marker;
  } catch {
    return undefined;
  }
  const parts = typeof marker.key === 'string' ? parseChecklistKey(marker.key) : undefined;
  if (!parts) return undefined;
  const template = SlugSchema.safeParse(marker.template);
  const due = IsoDateSchema.safeParse(marker.due);
  return {
    key: checklistIssueKey(parts.client, parts.month, parts.tier),
    ...parts,
    ...(template.success ? { template: template.data } : {}),
    ...(due.success ? { dueDate: due.data } : {}),
  };
}

/** The prefixes of the labels that carry a key. */
const KEY_LABEL_PREFIXES = ['client:', 'month:', 'tier:'] as const;

/**
 * The key the `client:`, `month:` and `tier:` labels give, validated; undefined without the
 * `checklist` label and exactly one label of each.
 */
export function readLabelKey(labels: readonly string[]): ChecklistIssueKey | undefined {
  if (!labels.includes(CHECKLIST_LABEL)) return undefined;
  const [client, month, tier] = KEY_LABEL_PREFIXES.map((prefix) => {
    const values = labels.filter((name) => name.startsWith(prefix));
    return values.length === 1 ? values[0]?.slice(prefix.length) : undefined;
  });
  if (client === undefined || month === undefined || tier === undefined) return undefined;
  const parts = parseChecklistKey(`${client}/${month}/${tier}`);
  return parts ? { key: checklistIssueKey(parts.client, parts.month, parts.tier), ...parts } : undefined;
}

/** A checklist issue's key as marker and labels give it, or why it cannot be trusted. */
export type IssueKeyResolution =
  | { status: 'key'; key: ChecklistIssueKey }
  | { status: 'not-a-checklist' }
  | { status: 'conflict'; problem: string };

/**
 * Reads a checklist issue's key. The hidden marker and the `client:`/`month:`/`tier:` labels
 * (one of each) must both be there and agree: either alone can be edited by anyone who can edit
 * the issue, and an issue labelled for one client whose marker names another would otherwise
 * write into that other client's history. Every part is validated by the schemas. An issue with
 * neither is no checklist.
 */
export function resolveIssueKey(body: string, labels: readonly string[]): IssueKeyResolution {
  const marker = readMarker(body);
  const keyLabels = labels.filter((label) => KEY_LABEL_PREFIXES.some((prefix) => label.startsWith(prefix)));
  const hasMarker = marker !== undefined || MARKER_PREFIX_PATTERN.test(body);
  if (!hasMarker && keyLabels.length === 0) return { status: 'not-a-checklist' };
  const conflict = (problem: string): IssueKeyResolution => ({ status: 'conflict', problem });
  const repeated = KEY_LABEL_PREFIXES.filter(
    (prefix) => keyLabels.filter((label) => label.startsWith(prefix)).length > 1,
  );
  if (repeated.length)
    return conflict(
      `it has ${repeated.map((prefix) => `more than one \`${prefix}\` label`).join(' and ')} (${keyLabels
        .filter((label) => repeated.some((prefix) => label.startsWith(prefix)))
        .join(', ')})`,
    );
  const fromLabels = readLabelKey(labels);
  if (!marker)
    return conflict(
      `its hidden marker is ${hasMarker ? 'not readable' : 'missing'}${fromLabels ? ` (its labels say \`${fromLabels.key}\`)` : ''}, so its labels cannot be confirmed`,
    );
  if (keyLabels.length === 0)
    return conflict(
      `its \`client:\`, \`month:\` and \`tier:\` labels are missing, so the marker's \`${marker.key}\` cannot be confirmed`,
    );
  if (!fromLabels)
    return conflict(
      labels.includes(CHECKLIST_LABEL)
        ? `its labels (${keyLabels.join(', ')}) are not a valid client, month and tier, so the marker's \`${marker.key}\` cannot be confirmed`
        : `it has no \`${CHECKLIST_LABEL}\` label, so the marker's \`${marker.key}\` cannot be confirmed`,
    );
  if (marker.key !== fromLabels.key)
    return conflict(`its hidden marker says \`${marker.key}\` but its labels say \`${fromLabels.key}\``);
  return { status: 'key', key: { ...marker } };
}

/**
 * The keys an issue claims by its marker or by its labels, each read on its own. Sync counts an
 * issue with any of them as existing, so it never opens a second issue for a key whose marker or
 * label a technician deleted; the archive trusts only a key both agree on (resolveIssueKey).
 */
export function claimedIssueKeys(body: string, labels: readonly string[]): string[] {
  const keys = [readMarker(body)?.key, readLabelKey(labels)?.key];
  return [...new Set(keys.filter((key) => key !== undefined))];
}

/** The key of a checklist issue whose marker and labels agree (see resolveIssueKey); else undefined. */
export function readIssueKey(body: string, labels: readonly string[]): ChecklistIssueKey | undefined {
  const resolution = resolveIssueKey(body, labels);
  return resolution.status === 'key' ? resolution.key : undefined;
}

/**
 * Checklist issues by the key their marker and labels agree on (readIssueKey), each key's issues
 * lowest number first: the issue that owns a key (sync's reconcile and the archive both keep the
 * lowest number) comes first. Issues with no such key are left out. Sync and archive both index a
 * month's listing with it.
 */
export function indexByKey<Issue extends { number: number; body: string; labels: readonly string[] }>(
  issues: readonly Issue[],
): Map<string, Issue[]> {
  const byKey = new Map<string, Issue[]>();
  for (const issue of issues) {
    const key = readIssueKey(issue.body, issue.labels)?.key;
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push(issue);
    byKey.set(key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.number - b.number);
  return byKey;
}

/** The hidden marker of the one comment posted on an issue closed with unexplained items. */
export const INCOMPLETE_MARKER = '<!-- msp-binder:incomplete -->';

/** The start of the hidden marker of a comment asking to rotate a secret; the sources it named follow. */
export const SECRET_MARKER_PREFIX = '<!-- msp-binder:secret ';
