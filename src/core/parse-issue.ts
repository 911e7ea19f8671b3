import type { ArchivedChecklist, ArchivedItem, ChecklistState } from '../schemas/index.ts';
import { PATTERN_SOURCE } from '../schemas/index.ts';
import type { ChecklistComment } from './archive-render.ts';
import { type ChecklistIssueKey, INCOMPLETE_MARKER, readIssueKey } from './checklist-issue.ts';
import { ADDED_ITEM_PREFIX } from './client-checklist.ts';
import { firstParagraph, slugify } from './text.ts';
import { readVerdictLine } from './verdict-line.ts';

/** A closed (or reopened) checklist issue, as the archive needs it. */
export interface IssueSnapshot {
  /** Issue number. */
  number: number;
  /** Web address. */
  url: string;
  /** The body as technicians left it. */
  body: string;
  /** Label names. */
  labels: string[];
  /** open or closed. */
  state: 'open' | 'closed';
  /** completed, not_planned, duplicate, reopened, or null. */
  stateReason: string | null;
  /** When it closed. */
  closedAt: string | null;
  /** Who closed it. */
  closedBy: string | null;
  /** Assignee logins. */
  assignees: string[];
}

/** The result of reading a checklist issue. */
export interface ParsedChecklistIssue {
  /** Its key. */
  key: ChecklistIssueKey;
  /** The archived checklist's frontmatter. */
  checklist: ArchivedChecklist;
  /** Items left not done with no note explaining why. */
  unexplained: ArchivedItem[];
}

/** The start of a task-list line, ticked or not: a bullet, then `[ ]`, `[x]` or `[X]` with its mark captured. */
const TASK_START = String.raw`^\s*[-*+]\s+\[([ xX])\]`;
const TASK = new RegExp(`${TASK_START}\\s+(.*)$`);
/** Any line of a body that starts as a task-list line, wherever it stands (code blocks included). */
const ANY_TASK_LINE = new RegExp(TASK_START, 'm');
const ITEM_ID = new RegExp(`<!--\\s*item:(${PATTERN_SOURCE.slug})\\s*-->`);
const NOT_APPLICABLE = /(^|[^\w/])n\/a([^\w/]|$)/i;
const STOPWORDS = new Set(
  'the and for with from that this their there then than into onto over under when what which while where every each last next month check confirm review note make sure about after before'.split(
    ' ',
  ),
);

function cleanText(raw: string): string {
  return raw
    .replace(ITEM_ID, '')
    .replace(/\s*_\(not done in \d{4}-\d{2}\)_\s*/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Key words of an item's text, cut to 5-letter stems so `verified` matches `Verify`. */
function significantStems(text: string): string[] {
  const words = (text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []).filter((word) => !STOPWORDS.has(word));
  return [...new Set(words.map((word) => word.slice(0, 5)))];
}

/**
 * `For the client:` at the start of a comment, also in bold or italics (`**For the client:**`,
 * `_For the client_:`), as the issue body itself shows the phrase.
 */
const FOR_THE_CLIENT =
  /^\s*(?<open>\*{1,3}|_{1,3})?\s*for the client\s*(?:\k<open>)?\s*:\s*(?:\k<open>)?\s*/i;

/** A comment whose first line starts with `For the client:` (emphasis allowed) is shown on the client's site. */
export function isForTheClient(body: string): boolean {
  return FOR_THE_CLIENT.test(body);
}

/** The comment without its `For the client:` label. */
export function stripClientPrefix(body: string): string {
  return body.replace(FOR_THE_CLIENT, '');
}

/**
 * Whether a body still holds a task-list line. Archive asks before the body is parsed, to tell an
 * emptied body from one whose marker and labels disagree; it is the same line shape that
 * parseChecklistIssue reads items from, so the two cannot drift apart.
 */
export function hasTaskList(body: string): boolean {
  return ANY_TASK_LINE.test(body);
}

/** Finds the first comment that explains an item: it names the id, or shares two key words with the text. */
function noteFor(
  item: { id: string; text: string },
  comments: readonly ChecklistComment[],
): ChecklistComment | undefined {
  // The id's words count too (`server-room-walkthrough`): technicians often use the short name.
  const words = [
    ...new Set([...significantStems(item.text), ...significantStems(item.id.replace(/-/g, ' '))]),
  ];
  const needed = Math.min(2, words.length);
  for (const comment of comments) {
    const body = comment.body.toLowerCase();
    if (body.includes(item.id)) return comment;
    if (needed > 0 && words.filter((word) => body.includes(word)).length >= needed) return comment;
  }
  return undefined;
}

/**
 * Reads a checklist issue back into an archived checklist. Ticked (`[x]`/`[X]`) is done; text
 * wholly struck through (`~~…~~`) or marked N/A is not applicable (struck-through wins over a
 * tick); anything else is not done, with a note from the first comment that mentions it. Items
 * are found by their hidden id, so reworded or reordered lines still match; a task line without
 * an id is an item the technician added (`added-<slug>`). CRLF line ends are accepted. Undefined
 * when it is no checklist whose marker and labels agree (see resolveIssueKey).
 */
export function parseChecklistIssue(
  issue: IssueSnapshot,
  rawComments: readonly ChecklistComment[],
): ParsedChecklistIssue | undefined {
  const body = issue.body.replace(/\r\n?/g, '\n');
  const key = readIssueKey(body, issue.labels);
  if (!key) return undefined;
  // Comments arrive already limited to people whose words are archived (see archiveIssues); one
  // that quotes the hidden marker is a person's comment like any other and is kept.
  const comments = [...rawComments].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
  const items: ArchivedItem[] = [];
  const seen = new Set<string>();
  let inFence = false;
  let lastItem: ArchivedItem | undefined;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const task = TASK.exec(line);
    if (!task) {
      // The RMM verdict under an automatic item stays with the item in the archive.
      const verdict = lastItem && !lastItem.evidence ? readVerdictLine(line) : undefined;
      if (lastItem && verdict) lastItem.evidence = verdict;
      else if (!/^\s+\S/.test(line)) lastItem = undefined;
      continue;
    }
    lastItem = undefined;
    const [, mark = ' ', rest = ''] = task;
    const text = cleanText(rest);
    if (!text) continue;
    // A line without an id is an item the technician added; the same text twice is one item.
    const id =
      ITEM_ID.exec(rest)?.[1] ?? `${ADDED_ITEM_PREFIX}${slugify(text.replace(/~~/g, ''), 40) || 'item'}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const struck = /^~~.+~~$/.test(text);
    const notApplicable = struck || NOT_APPLICABLE.test(text);
    const plain = struck ? text.slice(2, -2).trim() : text;
    const inlineNote = notApplicable ? /n\/a\s*[:—–-]\s*(.+)$/i.exec(plain)?.[1]?.trim() : undefined;
    const status: ArchivedItem['status'] = notApplicable
      ? 'not-applicable'
      : mark.toLowerCase() === 'x'
        ? 'done'
        : 'not-done';
    const itemText = plain.replace(/\s*[—–-]?\s*\(?n\/a\)?\s*[:—–-]?.*$/i, '').trim() || plain;
    lastItem = {
      id,
      text: notApplicable ? itemText : plain,
      status,
      ...(inlineNote ? { note: inlineNote } : {}),
    };
    items.push(lastItem);
  }
  for (const item of items) {
    if (item.status === 'done' || item.note) continue;
    const comment = noteFor(item, comments);
    const note = comment ? firstParagraph(stripClientPrefix(comment.body), 300) : undefined;
    if (!comment || !note) continue;
    item.note = note;
    if (isForTheClient(comment.body)) item.noteVisibility = 'client';
  }
  const reopened = issue.state === 'open';
  let state: ChecklistState;
  if (reopened) state = 'reopened';
  else if (issue.stateReason === 'not_planned') state = 'skipped';
  else state = items.every((item) => item.status !== 'not-done') ? 'completed' : 'incomplete';
  const checklist: ArchivedChecklist = {
    client: key.client,
    month: key.month,
    tier: key.tier,
    template: key.template ?? 'monthly',
    issue: issue.number,
    url: issue.url,
    state,
    closedAt: reopened ? null : issue.closedAt,
    closedBy: reopened ? null : issue.closedBy,
    assignees: [...issue.assignees].sort(),
    ...(key.dueDate ? { dueDate: key.dueDate } : {}),
    items,
    comments: comments.map((comment) => ({
      author: comment.author,
      at: comment.createdAt,
      visibility: isForTheClient(comment.body) ? 'client' : 'internal',
      body: comment.body.replace(/\r\n?/g, '\n').trim(),
    })),
  };
  const unexplained =
    state === 'incomplete' ? items.filter((item) => item.status === 'not-done' && !item.note) : [];
  return { key, checklist, unexplained };
}

/** Renders that comment. */
export function renderIncompleteComment(items: readonly ArchivedItem[], nextMonth: string): string {
  return [
    INCOMPLETE_MARKER,
    `This checklist was closed with ${items.length} item${items.length === 1 ? '' : 's'} neither ticked nor explained:`,
    '',
    ...items.map((item) => `- ${item.text}`),
    '',
    `They will be carried over to ${nextMonth}. If an item was done, reopen the issue, tick it and close it again; if it could not be done or does not apply, say why in a comment.`,
  ].join('\n');
}
