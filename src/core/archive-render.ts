import { stringify } from 'yaml';
import type { ArchivedChecklist } from '../schemas/index.ts';

/** A technician's comment on a checklist issue. */
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
] as const;

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Renders an archived checklist file: frontmatter in the design's field order, one item per
 * entry, then the technicians' comments oldest first. Deterministic: the same checklist and
 * comments give the same bytes, so re-archiving an issue makes no commit.
 */
export function renderArchivedChecklist(
  checklist: ArchivedChecklist,
  comments: readonly ChecklistComment[],
): string {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) {
    const value = checklist[field];
    if (value === undefined) continue;
    ordered[field] =
      field === 'items'
        ? checklist.items.map((item) => ({
            id: item.id,
            text: item.text,
            status: item.status,
            ...(item.note ? { note: item.note } : {}),
          }))
        : value;
  }
  const yaml = stringify(ordered, {
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    indentSeq: true,
  });
  const sorted = [...comments].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
  const body = sorted
    .map(
      (comment) =>
        `### @${comment.author} · ${formatTime(comment.createdAt)}\n\n${comment.body.replace(/\r\n/g, '\n').trim()}\n`,
    )
    .join('\n');
  return `---\n${yaml}---\n${body ? `\n${body}` : ''}`;
}
