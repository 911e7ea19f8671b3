import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { ArchivedChecklist } from '../schemas/index.ts';

/** A technician's comment on a checklist issue, as read from GitHub. */
export interface ChecklistComment {
  /** GitHub login. */
  author: string;
  /** UTC time, ISO 8601. */
  createdAt: string;
  /** Markdown text. */
  body: string;
}

const FIELD_ORDER = [
  'client',
  'month',
  'tier',
  'template',
  'issue',
  'url',
  'state',
  'closedAt',
  'closedBy',
  'assignees',
  'dueDate',
  'items',
  'comments',
] as const;

const DIGEST_LINE = /^digest: (sha256:[0-9a-f]{64})\n/m;

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * Renders an archived checklist file: frontmatter in the design's field order, one item per
 * entry, the technicians' comments oldest first, and last the digest of everything above it.
 * Deterministic: the same checklist gives the same bytes, so re-archiving makes no commit.
 */
export function renderArchivedChecklist(checklist: ArchivedChecklist): string {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    const value = checklist[field];
    if (value === undefined) continue;
    if (field === 'comments' && checklist.comments.length === 0) continue;
    ordered[field] =
      field === 'items'
        ? checklist.items.map((item) => ({
            id: item.id,
            text: item.text,
            status: item.status,
            ...(item.note ? { note: item.note } : {}),
            ...(item.note && item.noteVisibility === 'client' ? { noteVisibility: 'client' } : {}),
            ...(item.evidence ? { evidence: item.evidence } : {}),
          }))
        : field === 'comments'
          ? [...checklist.comments]
              .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
              .map((comment) => ({
                author: comment.author,
                at: comment.at,
                visibility: comment.visibility,
                body: comment.body.replace(/\r\n?/g, '\n').trim(),
              }))
          : value;
  }
  const yaml = stringify(ordered, {
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    indentSeq: true,
    blockQuote: 'literal',
  });
  return `---\n${yaml}digest: ${sha256(yaml)}\n---\n`;
}

/**
 * Whether an archive file is as `binder archive` wrote it: `intact` when its digest matches,
 * `edited` when a person changed it since, `none` when it has no digest (written by hand or by
 * an older version). Only an intact file may be overwritten.
 */
export function archiveDigestState(text: string): 'intact' | 'edited' | 'none' {
  const normal = text.replace(/\r\n/g, '\n');
  const match = DIGEST_LINE.exec(normal);
  if (!match || !normal.startsWith('---\n')) return 'none';
  const yaml = normal.slice(4, match.index);
  const rest = normal.slice(match.index + match[0].length);
  return match[1] === sha256(yaml) && rest === '---\n' ? 'intact' : 'edited';
}
