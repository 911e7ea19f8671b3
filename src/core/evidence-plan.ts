import type {
  ChecklistItem,
  ChecklistTemplate,
  ClientProfile,
  EvidenceFile,
  MspSettings,
} from '../schemas/index.ts';
import { previousMonth } from './calendar.ts';
import { type ClientChecklistItem, resolveClientChecklist } from './client-checklist.ts';
import { type ItemJudgement, judgeItem } from './evidence-judge.ts';
import { skipEntryFlow } from './profile-edit.ts';

/**
 * RMM evidence over months: which evidence file a client's month has, the verdict of each
 * automatic item, how long an item has been proven, and graduation (an item proven for
 * `graduateAfter` months in a row may leave the checklist; `binder graduate` writes the skip,
 * and the item comes back in any month its evidence does not prove it). Pure.
 */

/** Evidence files by `client/YYYY-MM`. */
export type EvidenceIndex = ReadonlyMap<string, EvidenceFile>;

/** Indexes evidence files by client and month. */
export function indexEvidence(files: readonly { data: EvidenceFile }[] = []): EvidenceIndex {
  return new Map(files.map(({ data }) => [`${data.client}/${data.month}`, data]));
}

/** The evidence file of a client's month, if any. */
export function evidenceFor(index: EvidenceIndex, client: string, month: string): EvidenceFile | undefined {
  return index.get(`${client}/${month}`);
}

/** Items a client skipped with `binder graduate`: id → the day it left. */
export function graduatedItems(profile: Pick<ClientProfile, 'overrides'>): Map<string, string> {
  return new Map(
    profile.overrides.skip.flatMap((skip) => (skip.graduated ? [[skip.id, skip.graduated] as const] : [])),
  );
}

/** The profile with its graduated skips lifted, so those items resolve and can be judged. */
export function withGraduatedItems<P extends Pick<ClientProfile, 'overrides'>>(profile: P): P {
  const skip = profile.overrides.skip.filter((entry) => !entry.graduated);
  return skip.length === profile.overrides.skip.length
    ? profile
    : { ...profile, overrides: { ...profile.overrides, skip } };
}

/** True when an item is judged by RMM evidence: in the automatic tier and naming checks (`rmm=`). */
export function isRmmItem(item: Pick<ChecklistItem, 'tier' | 'rmm'>): boolean {
  return item.tier === 'automatic' && (item.rmm?.length ?? 0) > 0;
}

/** Judges a client's item with a month's evidence, limited to the devices the profile names for it. */
export function judgeClientItem(
  profile: Pick<ClientProfile, 'rmm'>,
  item: Pick<ChecklistItem, 'id' | 'rmm'>,
  evidence: EvidenceFile | undefined,
  month: string,
): ItemJudgement {
  const scope = profile.rmm?.devices[item.id];
  return judgeItem({ evidence, requirements: item.rmm ?? [], month, ...(scope ? { scope } : {}) });
}

/** How many months in a row, ending at `month`, an item's evidence proved it. */
export interface ProvenStreak {
  /** Months in a row. */
  months: number;
  /** The first month of the run, when there is one. */
  since?: string;
}

/** Counts back from `month` while each month's evidence proves the item (at most `limit` months). */
export function provenStreak(
  client: { slug: string; data: Pick<ClientProfile, 'rmm'> },
  item: Pick<ChecklistItem, 'id' | 'rmm'>,
  index: EvidenceIndex,
  month: string,
  limit = 36,
): ProvenStreak {
  let months = 0;
  let since: string | undefined;
  for (let current = month; months < limit; current = previousMonth(current)) {
    const evidence = evidenceFor(index, client.slug, current);
    if (!evidence || judgeClientItem(client.data, item, evidence, current).status !== 'proven') break;
    months += 1;
    since = current;
  }
  return { months, ...(since ? { since } : {}) };
}

/** The month graduation is judged at: this month once its evidence is in, else last month. */
export function latestEvidenceMonth(index: EvidenceIndex, client: string, month: string): string {
  return evidenceFor(index, client, month) ? month : previousMonth(month);
}

/** An automatic item proven long enough to leave a client's checklist. */
export interface GraduationCandidate {
  /** Client slug. */
  client: string;
  /** Client name. */
  clientName: string;
  /** Item id. */
  id: string;
  /** Item text. */
  text: string;
  /** First month of the proven run. */
  since: string;
  /** Months in a row proven. */
  months: number;
}

/** A client's resolved items with its graduated items lifted back in (they can come back). */
export function clientItemsWithGraduated(
  profile: ClientProfile,
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
): ClientChecklistItem[] {
  return resolveClientChecklist(withGraduatedItems(profile), templates).items;
}

/**
 * Automatic items proven for at least `graduateAfter` months in a row, up to the client's latest
 * evidence (this month's, or last month's before it is fetched), that are still on the checklist.
 */
export function graduationCandidates(
  clients: readonly { slug: string; data: ClientProfile }[],
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  index: EvidenceIndex,
  msp: Pick<MspSettings, 'graduateAfter'>,
  month: string,
): GraduationCandidate[] {
  const out: GraduationCandidate[] = [];
  for (const client of clients) {
    if (client.data.status !== 'active') continue;
    const end = latestEvidenceMonth(index, client.slug, month);
    const { items } = resolveClientChecklist(client.data, templates);
    for (const item of items.filter(isRmmItem)) {
      const streak = provenStreak(client, item, index, end);
      if (streak.months >= msp.graduateAfter && streak.since)
        out.push({
          client: client.slug,
          clientName: client.data.name,
          id: item.id,
          text: item.text,
          since: streak.since,
          months: streak.months,
        });
    }
  }
  return out;
}

/** The `overrides.skip` entry `binder graduate` writes. */
export function graduationSkip(
  candidate: Pick<GraduationCandidate, 'id' | 'since' | 'months'>,
  rmm: string,
  date: string,
): { id: string; reason: string; graduated: string } {
  return {
    id: candidate.id,
    reason: `Proven by ${rmm} RMM evidence ${candidate.months} months in a row since ${candidate.since}; comes back when its evidence stops being proven`,
    graduated: date,
  };
}

/**
 * The `overrides.skip` list entry `binder graduate` writes, as one line (what the staff home shows
 * for adding by hand). Only the entry: a profile may already have `overrides:` (a move, an add)
 * or `skip:`, and a pasted block with its own `overrides:` would then be a duplicate key.
 */
export function graduationSkipEntry(skip: { id: string; reason: string; graduated: string }): string {
  return `- ${skipEntryFlow(skip)}`;
}

/** An automatic item's verdict for a client's month, with its text. */
export interface ClientItemVerdict {
  /** Item id. */
  id: string;
  /** Item text. */
  text: string;
  /** The checks it names. */
  rmm: NonNullable<ChecklistItem['rmm']>;
  /** The judgement, with per-device detail. */
  judgement: ItemJudgement;
  /** The day it left the checklist, when it is graduated. */
  graduated?: string;
}

/** Every RMM-judged item of a client (graduated ones too) with its verdict for the month. */
export function clientVerdicts(
  client: { slug: string; data: ClientProfile },
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  evidence: EvidenceFile | undefined,
  month: string,
): ClientItemVerdict[] {
  const graduated = graduatedItems(client.data);
  return clientItemsWithGraduated(client.data, templates)
    .filter(isRmmItem)
    .map((item) => ({
      id: item.id,
      text: item.text,
      rmm: item.rmm ?? [],
      judgement: judgeClientItem(client.data, item, evidence, month),
      ...(graduated.has(item.id) ? { graduated: graduated.get(item.id) } : {}),
    }));
}
