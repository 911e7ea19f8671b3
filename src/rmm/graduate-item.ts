import type { RepositoryFiles } from '../content/repository-files.ts';
import { utcMonth } from '../core/calendar.ts';
import { type ClientChecklistItem, resolveClientChecklist } from '../core/client-checklist.ts';
import { type ContentSet, unknownClientError } from '../core/content-model.ts';
import { parseContentSet } from '../core/content-set.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import {
  type EvidenceIndex,
  evidenceFor,
  graduationSkip,
  indexEvidence,
  isRmmItem,
  judgeClientItem,
  latestEvidenceMonth,
  type ProvenStreak,
  provenStreak,
} from '../core/evidence-plan.ts';
import { addSkipOverride } from '../core/profile-edit.ts';
import { validateContentReferences } from '../core/validate-content.ts';
import type { ChecklistTemplate } from '../schemas/index.ts';

/**
 * The graduation use case beside the other evidence use cases (evidence-run.ts): an automatic
 * item its RMM evidence has proven `graduateAfter` months in a row leaves a client's checklist,
 * through an `overrides.skip` entry with a note and the date written into the client's profile.
 * Each refusal is a UserError saying why, and nothing is written.
 */

/** What to graduate. */
export interface GraduationRequest {
  /** Client slug. */
  client: string;
  /** Item id. */
  item: string;
  /** The note to keep with the skip; default: the proof, in one sentence. */
  note?: string;
  /** Now: the month judged and the `graduated:` date (UTC). */
  now: Date;
}

/** What was written. */
export interface Graduation {
  /** The profile written, repo-relative. */
  file: string;
  /** The client's name. */
  clientName: string;
  /** The skip entry added. */
  skip: { id: string; reason: string; graduated: string };
  /** The first month of the proven run. */
  since: string;
  /** Months in a row proven. */
  months: number;
}

type Client = ContentSet['clients'][number];
type Templates = ReadonlyMap<string, ChecklistTemplate>;

/** The client the request names, or a UserError listing the clients. */
function findClient(content: ContentSet, slug: string): Client {
  const client = content.clients.find((entry) => entry.slug === slug);
  if (!client)
    throw unknownClientError(
      [slug],
      content.clients.map((entry) => entry.slug),
      'there is no client',
    );
  return client;
}

/** The item on the client's checklist that the RMM can prove, or a UserError saying why it cannot graduate. */
function findProvableItem(client: Client, templates: Templates, itemId: string): ClientChecklistItem {
  const { items } = resolveClientChecklist(client.data, templates);
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) {
    const skipped = client.data.overrides.skip.find((skip) => skip.id === itemId);
    throw new UserError(
      skipped
        ? `\`${itemId}\` is already off ${client.slug}'s checklist (overrides.skip${skipped.graduated ? `, graduated ${skipped.graduated}` : ''}).`
        : `\`${itemId}\` is not on ${client.slug}'s checklist; automatic items that name RMM checks are: ${
            items
              .filter(isRmmItem)
              .map((candidate) => candidate.id)
              .join(', ') || 'none'
          }.`,
    );
  }
  if (!isRmmItem(item))
    throw new UserError(
      `\`${itemId}\` cannot graduate: ${item.tier === 'automatic' ? 'the template names no RMM checks for it (add `rmm=` to its `{#…}` block)' : `it is in the ${item.tier} tier, and only automatic items are proven by the RMM`}.`,
    );
  return item;
}

/** The item's proven run up to the latest evidence, or a UserError when it is shorter than `graduateAfter`. */
function requireProvenRun(
  client: Client,
  item: ClientChecklistItem,
  index: EvidenceIndex,
  month: string,
  graduateAfter: number,
): ProvenStreak & { since: string } {
  const streak = provenStreak(client, item, index, month);
  if (streak.months >= graduateAfter && streak.since) return { ...streak, since: streak.since };
  const verdict = judgeClientItem(client.data, item, evidenceFor(index, client.slug, month), month);
  throw new UserError(
    `\`${item.id}\` at ${client.slug} is not ready to leave the checklist: proven ${streak.months} of the ${graduateAfter} months in a row it needs (graduateAfter in msp.yaml). ${month}: ${verdict.status === 'proven' ? 'proven' : verdict.problems.slice(0, 3).join('; ')}. Nothing was written.`,
  );
}

/** The profile's text with the skip added, checked by `check`'s own reading of the whole content. */
function profileWithSkip(
  content: ContentSet,
  client: Client,
  before: string,
  skip: Graduation['skip'],
): string {
  const after = addSkipOverride(before, client.file, skip);
  const edited = parseContentSet(
    content.files.map((entry) => (entry.path === client.file ? { path: entry.path, text: after } : entry)),
  );
  const problems = [...edited.diagnostics, ...validateContentReferences(edited)]
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map(formatDiagnostic);
  if (problems.length)
    throw new UserError(`the edited profile would be invalid; nothing was written:\n${problems.join('\n')}`);
  return after;
}

/**
 * Graduates an item: checks it is on the client's checklist and provable, that its evidence has
 * proven it `graduateAfter` months in a row up to the latest month with evidence (this month's,
 * else last month's), adds the skip to the profile, re-validates the content with it, and writes
 * the profile. `content` must be the repository's content, checked without errors.
 */
export async function graduateItem(
  content: ContentSet,
  files: RepositoryFiles,
  request: GraduationRequest,
): Promise<Graduation> {
  const msp = content.msp;
  if (!msp) throw new UserError('content/msp.yaml is invalid: run `npm run binder -- check`.');
  const client = findClient(content, request.client);
  const templates: Templates = new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
  const item = findProvableItem(client, templates, request.item);
  const index = indexEvidence(content.evidence);
  const month = latestEvidenceMonth(index, client.slug, utcMonth(request.now));
  const streak = requireProvenRun(client, item, index, month, msp.graduateAfter);
  const rmm = evidenceFor(index, client.slug, month)?.source.rmm ?? 'RMM';
  const skip = graduationSkip(
    { id: item.id, since: streak.since, months: streak.months },
    rmm,
    request.now.toISOString().slice(0, 10),
  );
  if (request.note?.trim()) skip.reason = request.note.trim();
  const before = await files.read(client.file);
  if (before === undefined) throw new UserError(`${client.file} is gone: run \`npm run binder -- check\`.`);
  await files.write(client.file, profileWithSkip(content, client, before, skip));
  return {
    file: client.file,
    clientName: client.data.name,
    skip,
    since: streak.since,
    months: streak.months,
  };
}
