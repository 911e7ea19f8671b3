import { type EvidenceVerdict, EvidenceVerdictSchema } from '../schemas/index.ts';
import { pluralise } from './text.ts';

/**
 * The RMM evidence verdict under an automatic item in a checklist issue (docs/issue-format.md),
 * written by the issue renderer and read back by the archive, so the archive keeps the verdict
 * with the item:
 *
 *   <br><sub>RMM: **proven** by tactical export of 2026-12-01 · 5 devices, 7 checks</sub>
 *   <br><sub>RMM: **not proven** in tactical export of 2026-12-01 · 4 devices, 3 checks · HD-FRONT1: no diskspace check</sub>
 *   <br><sub>RMM: **no evidence** · no RMM evidence for 2026-12 (…)</sub>
 *
 * At most five problems are listed; the rest are counted ("and 3 more on the binder site"),
 * which reads back as `moreProblems`.
 *
 * Host and check names come from the RMM: they are escaped so they cannot become Markdown, HTML
 * or a second task box, and ` · ` only ever separates parts.
 */

/** At most this many problems are listed in the issue; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 5;

const STATUS_WORDS: Record<EvidenceVerdict['status'], string> = {
  proven: 'proven',
  'not-proven': 'not proven',
  none: 'no evidence',
};

/** Escapes text from the RMM for one line of GitHub Markdown inside `<sub>`. */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/·/g, '-')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|#])/g, '\\$1')
    .trim();
}

/** Undoes escapeInline. */
export function unescapeInline(text: string): string {
  return text
    .replace(/\\([\\`*_[\]~|#])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The verdict as its issue line (without indentation). */
export function renderVerdictLine(verdict: EvidenceVerdict): string {
  const parts = [`RMM: **${STATUS_WORDS[verdict.status]}**`];
  if (verdict.status !== 'none' && verdict.rmm && verdict.exportDate)
    parts[0] += ` ${verdict.status === 'proven' ? 'by' : 'in'} ${escapeInline(verdict.rmm)} export of ${verdict.exportDate}`;
  const segments = [parts[0]];
  if (verdict.status !== 'none')
    segments.push(`${pluralise(verdict.devices, 'device')}, ${pluralise(verdict.checks, 'check')}`);
  const listed = verdict.problems.slice(0, MAX_LISTED_PROBLEMS).map(escapeInline);
  const more = verdict.problems.length - listed.length + (verdict.moreProblems ?? 0);
  segments.push(...listed);
  if (more > 0) segments.push(moreSegment(more));
  return `<br><sub>${segments.join(' · ')}</sub>`;
}

/** The last segment when not every problem is listed. */
function moreSegment(count: number): string {
  return `and ${count} more on the binder site`;
}

const VERDICT_LINE =
  /^\s*<br><sub>RMM: \*\*(proven|not proven|no evidence)\*\*(?: (?:by|in) (\S+) export of (\d{4}-\d{2}-\d{2}))?(.*)<\/sub>\s*$/;
const COUNTS = /^(\d+) devices?, (\d+) checks?$/;
const MORE = /^and (\d+) more on the binder site$/;

/** Reads a verdict line back; undefined when the line is not one (or was edited out of shape). */
export function readVerdictLine(line: string): EvidenceVerdict | undefined {
  const match = VERDICT_LINE.exec(line);
  if (!match) return undefined;
  const [, words = '', rmm, exportDate, rest = ''] = match;
  const status = (Object.entries(STATUS_WORDS).find(([, text]) => text === words)?.[0] ??
    'none') as EvidenceVerdict['status'];
  const segments = rest
    .split(' · ')
    .map((segment) => segment.trim())
    .filter(Boolean);
  const counts = COUNTS.exec(segments[0] ?? '');
  if (counts) segments.shift();
  // The count of problems left unlisted is not a problem: keep it as the count it is.
  const more = MORE.exec(segments.at(-1) ?? '');
  if (more) segments.pop();
  const parsed = EvidenceVerdictSchema.safeParse({
    status,
    ...(rmm ? { rmm: unescapeInline(rmm) } : {}),
    ...(exportDate ? { exportDate } : {}),
    devices: counts ? Number(counts[1]) : 0,
    checks: counts ? Number(counts[2]) : 0,
    problems: segments.map(unescapeInline),
    ...(more ? { moreProblems: Number(more[1]) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The line under an item that came back after leaving the checklist on evidence. */
export function renderReturnedLine(graduated: string): string {
  return `<br><sub>Back on the checklist: it left on ${graduated} on RMM evidence, and this month's evidence does not prove it.</sub>`;
}
