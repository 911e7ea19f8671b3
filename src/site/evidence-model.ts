import type { EvidenceView } from '../core/content-model.ts';
import type { DeviceJudgement } from '../core/evidence-judge.ts';
import {
  type ClientItemVerdict,
  clientItemsWithGraduated,
  clientVerdicts,
  type GraduationCandidate,
  graduationCandidates,
  graduationSkip,
  graduationSkipEntry,
  indexEvidence,
  isRmmItem,
} from '../core/evidence-plan.ts';
import { CHECK_TYPE_WORDS } from '../core/rmm-requirements.ts';
import type {
  ChecklistTemplate,
  ClientProfile,
  EvidenceFile,
  MspSettings,
  RmmCheckType,
} from '../schemas/index.ts';

/**
 * What the sites show of RMM evidence, computed once per build without Astro: the staff client
 * overview's latest verdict per automatic item and device, the staff home's items ready to leave
 * the checklist (with the command and the override it writes), and the client's site's plain
 * words about what the RMM watches for them (counts only: no device names, no reasons, nothing
 * internal).
 */

/** One device row of the staff overview: its verdict for each RMM-judged item. */
export interface EvidenceDeviceRow {
  /** Host name as the RMM reports it. */
  hostname: string;
  /** Its binder section and host, when the binder lists it. */
  binder?: EvidenceFile['devices'][number]['binder'];
  /** Maintenance mode. */
  maintenanceMode: boolean;
  /** Checks the RMM has on it. */
  checks: number;
  /** Item id → how the device fared (absent when the item does not apply to it). */
  items: Map<string, DeviceJudgement>;
}

/** A client's latest RMM evidence as the staff overview shows it. */
export interface ClientEvidence {
  /** The month of the evidence file. */
  month: string;
  /** Which RMM. */
  rmm: string;
  /** When the export was taken. */
  exportedAt: string;
  /** Every RMM-judged item with its verdict (graduated ones too). */
  items: ClientItemVerdict[];
  /** Every device in the export. */
  devices: EvidenceDeviceRow[];
}

/** What the staff overview says of an active client without RMM evidence. */
export interface MissingEvidence {
  /** The month with no evidence (the build's current month; no earlier file either). */
  month: string;
  /** The client's profile, where `rmm.client` goes when the RMM names it differently. */
  profile: string;
  /** Its automatic items that name RMM checks: they stay on the checklist, unproven. */
  items: { id: string; text: string }[];
}

/** One line of the client's site: a kind of check, and on how many of their devices it is watched. */
export interface WatchLine {
  /** Plain words, e.g. "Free disk space". */
  words: string;
  /** Devices on which it is watched, alerting and recent. */
  watched: number;
  /** Devices it should be watched on. */
  devices: number;
}

/** An item ready to leave, with the command that takes it off, or the entry to add by hand. */
export interface ReadyToLeave extends GraduationCandidate {
  /** The client's profile, where the override goes. */
  profile: string;
  /** The command that writes the override, whatever the profile already holds. */
  command: string;
  /** The list entry it writes under `overrides.skip`, for adding by hand. */
  skipEntry: string;
}

/** The latest evidence file of a client at or before `month`. */
export function latestEvidence(
  evidence: readonly EvidenceView[],
  client: string,
  month: string,
): EvidenceFile | undefined {
  return evidence
    .map((entry) => entry.data)
    .filter((data) => data.client === client && data.month <= month)
    .sort((a, b) => (a.month < b.month ? 1 : -1))[0];
}

/** The staff overview's evidence for a client, from its latest file; undefined without one. */
export function buildClientEvidence(
  client: { slug: string; data: ClientProfile },
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  evidence: readonly EvidenceView[],
  month: string,
): ClientEvidence | undefined {
  const file = latestEvidence(evidence, client.slug, month);
  if (!file) return undefined;
  const items = clientVerdicts(client, templates, file, file.month);
  const devices = file.devices.map((device): EvidenceDeviceRow => {
    const perItem = new Map<string, DeviceJudgement>();
    for (const item of items) {
      const judged = item.judgement.perDevice.find((entry) => entry.hostname === device.hostname);
      if (judged) perItem.set(item.id, judged);
    }
    return {
      hostname: device.hostname,
      ...(device.binder ? { binder: device.binder } : {}),
      maintenanceMode: device.maintenanceMode,
      checks: device.checks.length,
      items: perItem,
    };
  });
  return { month: file.month, rmm: file.source.rmm, exportedAt: file.source.exportedAt, items, devices };
}

/**
 * The staff overview's note for a client without RMM evidence at or before `month`; undefined
 * when it has some, or is not active (a paused or offboarded client gets no checklist to prove).
 */
export function missingEvidence(
  client: { slug: string; file: string; data: ClientProfile },
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  evidence: readonly EvidenceView[],
  month: string,
): MissingEvidence | undefined {
  if (client.data.status !== 'active' || latestEvidence(evidence, client.slug, month)) return undefined;
  return {
    month,
    profile: client.file,
    items: clientItemsWithGraduated(client.data, templates)
      .filter(isRmmItem)
      .map((item) => ({ id: item.id, text: item.text })),
  };
}

/**
 * What the client's site says: for each kind of check its RMM-judged items name, on how many of
 * the devices it applies to it is watched (every matching check alerting, recent and answered).
 */
export function watchedForClient(evidence: ClientEvidence): WatchLine[] {
  const byType = new Map<RmmCheckType, { watched: Set<string>; devices: Set<string> }>();
  for (const item of evidence.items) {
    for (const requirement of item.rmm) {
      const entry = byType.get(requirement.type) ?? { watched: new Set(), devices: new Set() };
      for (const device of item.judgement.perDevice) {
        entry.devices.add(device.hostname);
        if (device.proven) entry.watched.add(device.hostname);
      }
      byType.set(requirement.type, entry);
    }
  }
  return [...byType]
    .filter(([, entry]) => entry.devices.size > 0)
    .map(([type, entry]) => ({
      words: CHECK_TYPE_WORDS[type],
      watched: entry.watched.size,
      devices: entry.devices.size,
    }));
}

/** Items ready to leave the checklist across active clients, each with its override and command. */
export function readyToLeave(
  clients: readonly { slug: string; file: string; data: ClientProfile }[],
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
  evidence: readonly EvidenceView[],
  msp: Pick<MspSettings, 'graduateAfter'>,
  month: string,
  today: string,
): ReadyToLeave[] {
  const index = indexEvidence(evidence);
  return graduationCandidates(clients, templates, index, msp, month).map((candidate) => {
    const rmm = latestEvidence(evidence, candidate.client, month)?.source.rmm ?? 'RMM';
    return {
      ...candidate,
      profile: clients.find((client) => client.slug === candidate.client)?.file ?? '',
      command: `npm run binder -- graduate --client ${candidate.client} ${candidate.id}`,
      skipEntry: graduationSkipEntry(graduationSkip(candidate, rmm, today)),
    };
  });
}
