import { type ChecklistComment, renderArchivedChecklist } from '../../src/core/archive-render.ts';
import { contentPaths } from '../../src/core/content-paths.ts';
import { type PlannedIssue, planMonth } from '../../src/core/plan-month.ts';
import type {
  ArchivedChecklist,
  ArchivedItem,
  ChecklistTemplate,
  MspSettings,
} from '../../src/schemas/index.ts';
import type { GeneratedFile } from './binder-sections.ts';
import type { SyntheticClient } from './client-model.ts';
import { clientProfileAt } from './client-profile.ts';
import { createRandom, type Random } from './random.ts';

/** What checklist history needs. */
export interface HistoryContext {
  /** The seed. */
  seed: string | number;
  /** The MSP's settings (repo for issue URLs, default assignees). */
  msp: MspSettings;
  /** The generated months, oldest first. */
  months: readonly string[];
  /** Parsed templates by name. */
  templates: ReadonlyMap<string, { template: ChecklistTemplate }>;
}

/** One archived checklist with the comments in its body. */
export interface GeneratedArchive {
  /** The frontmatter. */
  checklist: ArchivedChecklist;
  /** The technicians' comments. */
  comments: ChecklistComment[];
}

/** Why an item could not be done, by a word in its id; `*` for any item. */
const NOT_DONE_REASONS: readonly (readonly [string, readonly string[]])[] = [
  [
    'backup',
    [
      "The backup drive was at the owner's home; checked at the next visit.",
      "Last night's job was still running when I left; the helpdesk will confirm tomorrow.",
    ],
  ],
  ['restore', ['The restore target was full; space freed, test moved to next month.']],
  [
    'ups',
    [
      'The UPS was carrying the server during a brownout; self-test postponed.',
      'The management card did not answer; ticket opened to reset it.',
    ],
  ],
  ['firmware', ['Needs an after-hours window for the reboot; booked for next month.']],
  ['patch', ["Three laptops were out of the office all month; they report in when they're back."]],
  ['checkin', ['The primary contact was out sick; rescheduled with the office manager.']],
  ['server-room', ['The room was locked and the key holder had left for the day.']],
  [
    '*',
    [
      'Ran out of time: a printer outage took most of the visit.',
      "Waiting on the client's approval for the downtime.",
      "The vendor's portal was down; retry next month.",
      'Needs an after-hours window; booked for next month.',
    ],
  ],
];

const AUTOMATIC_FAILURES = [
  'The test alert did not reach the NOC queue; ticket opened with the RMM vendor.',
  'Alert arrived after 40 minutes instead of 5; the RMM policy is being reviewed.',
] as const;

/** Why an item did not apply this month, by item id: only items where that can happen. */
const NOT_APPLICABLE_NOTES: Record<string, string> = {
  'ups-self-test': 'The UPS is away for warranty replacement; a loaner is in place.',
  'ups-runtime-calibration': 'New batteries went in this month; calibration waits a cycle.',
  'backup-media-offsite': 'Rotation paused while the client moves to cloud backup.',
  'defrag-level': 'The last spinning disk was replaced with an SSD this month.',
  'nas-health': 'The NAS is away for repair; backups go to the cloud vault meanwhile.',
  'server-room-walkthrough': "The server room is being renovated; equipment is in the landlord's comms room.",
  'printed-binder': 'The client asked for the PDF only this year.',
  'single-wifi-review': 'The guest Wi-Fi is switched off this year.',
  'internet-speed-test': 'The circuit was being upgraded by the ISP that week.',
};

function notDoneReason(id: string, random: Random): string {
  const match = NOT_DONE_REASONS.find(([word]) => word === '*' || id.includes(word));
  return random.pick(match?.[1] ?? ['Could not be done this month.']);
}

const SKIP_REASONS = [
  'Visit cancelled: the office was closed for a staff training day. Items carry over to next month.',
  'Visit cancelled by the client (month-end close). Items carry over to next month.',
  'Cancelled: the technician was needed at an outage elsewhere and the client asked to skip this month.',
  'Office closed for the holidays; nothing was worked this month.',
] as const;

const COMPLETED_COMMENTS = [
  'All done; nothing to report.',
  'All items done. Event logs quiet, backups green all month.',
  'Done. The primary contact asked about replacing the oldest workstations; noted for the budget review.',
  'Everything ticked; the UPS load is up a little since the new switch went in.',
  'Done, no findings.',
] as const;

const MINUTE = 60_000;

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds for a local wall-clock time on a date, using the zone's standard offset. */
function localTime(date: string, hour: number, minute: number, utcOffset: number): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day, hour + utcOffset, minute, 0);
}

function simulate(
  issue: PlannedIssue,
  client: SyntheticClient,
  number: number,
  context: HistoryContext,
  random: Random,
): GeneratedArchive {
  const fallback = context.msp.assignees[issue.tier] ?? [];
  const people = issue.assignees.length ? issue.assignees : fallback;
  const closedBy = people.length ? random.pick(people) : client.onsiteTech;
  const roll = random.next();
  // Cumulative odds of [skipped, incomplete]: visits get cancelled, RMM checks hardly ever.
  const odds: Record<typeof issue.tier, readonly [number, number]> = {
    automatic: [0, 0.04],
    remote: [0.01, 0.09],
    onsite: [0.03, 0.17],
  };
  const [skippedOdds, incompleteOdds] = odds[issue.tier];
  const state: ArchivedChecklist['state'] =
    roll < skippedOdds ? 'skipped' : roll < incompleteOdds ? 'incomplete' : 'completed';

  // Closed on the due date (onsite) or within a few days of it (remote, automatic), in office hours.
  const lateDays =
    issue.tier === 'onsite'
      ? random.chance(0.15)
        ? random.int(1, 4)
        : 0
      : random.int(0, issue.tier === 'remote' ? 6 : 3);
  const closedMs =
    localTime(
      issue.dueDate,
      issue.tier === 'onsite' ? random.int(14, 18) : random.int(9, 16),
      random.int(0, 59),
      client.utcOffset,
    ) +
    lateDays * 24 * 60 * MINUTE +
    random.int(0, 59) * 1000;

  const items: ArchivedItem[] = issue.items.map((item) => ({ id: item.id, text: item.text, status: 'done' }));
  const comments: ChecklistComment[] = [];
  let minutesBefore = random.int(5, 30);
  const comment = (body: string) => {
    comments.push({ author: closedBy, createdAt: isoSeconds(closedMs - minutesBefore * MINUTE), body });
    minutesBefore += random.int(10, 90);
  };

  if (state === 'skipped') {
    for (const item of items) item.status = 'not-done';
    comment(random.pick(SKIP_REASONS));
  } else {
    for (const item of items) {
      const note = NOT_APPLICABLE_NOTES[item.id];
      if (note && random.chance(0.04)) {
        item.status = 'not-applicable';
        item.note = note;
      }
    }
    if (state === 'incomplete') {
      const candidates = items.filter((item) => item.status === 'done');
      const failed = random.sample(candidates, random.chance(0.75) ? 1 : 2);
      // A checklist whose items all turned out N/A cannot be incomplete; the roll stands otherwise.
      for (const item of failed) {
        item.status = 'not-done';
        const reason =
          issue.tier === 'automatic' ? random.pick(AUTOMATIC_FAILURES) : notDoneReason(item.id, random);
        // `binder archive` takes an item's note from the first comment that names its id.
        item.note = `\`${item.id}\` not done: ${reason}`;
        comment(item.note);
      }
    } else if (random.chance(0.3)) {
      comment(random.pick(COMPLETED_COMMENTS));
    }
  }
  const finalState: ArchivedChecklist['state'] =
    state === 'incomplete' && !items.some((item) => item.status === 'not-done') ? 'completed' : state;

  return {
    checklist: {
      client: issue.client,
      month: issue.month,
      tier: issue.tier,
      template: issue.template,
      issue: number,
      url: `https://github.com/${context.msp.repo}/issues/${number}`,
      state: finalState,
      closedAt: isoSeconds(closedMs),
      closedBy,
      assignees: [...issue.assignees].sort(),
      dueDate: issue.dueDate,
      items,
      comments: comments.map((entry) => ({
        author: entry.author,
        at: entry.createdAt,
        visibility: 'internal' as const,
        body: entry.body,
      })),
    },
    comments,
  };
}

/**
 * Every month's archived checklists, as `binder sync` would have planned them (the real
 * `planMonth`: tags, overrides, due dates, carry-over of last month's unfinished items) and as
 * `binder archive` would have written them (the real renderer). Issue numbers rise in the order
 * sync creates issues, with gaps for the other issues and pull requests of a real repository.
 */
export function generateChecklistHistory(
  clients: readonly SyntheticClient[],
  context: HistoryContext,
): { files: GeneratedFile[]; archives: GeneratedArchive[] } {
  const numbers = createRandom(context.seed, 'issue-numbers');
  let next = numbers.int(20, 120);
  const bySlug = new Map(clients.map((client) => [client.slug, client]));
  const endMonth = context.months.at(-1) ?? '';
  const files: GeneratedFile[] = [];
  const archives: GeneratedArchive[] = [];
  let previous: GeneratedArchive[] = [];
  for (const month of context.months) {
    const inService = clients.filter(
      (client) => client.firstMonth <= month && month <= (client.lastMonth ?? endMonth),
    );
    if (inService.length === 0) {
      previous = [];
      continue;
    }
    const planned = planMonth(
      {
        msp: context.msp,
        clients: inService.map((client) => ({ slug: client.slug, data: clientProfileAt(client, month) })),
        templates: context.templates,
        archives: previous.map((archive) => ({ data: archive.checklist })),
      },
      month,
      inService.map((client) => client.slug),
    );
    const current: GeneratedArchive[] = [];
    for (const issue of planned) {
      const client = bySlug.get(issue.client);
      if (!client) continue;
      const archive = simulate(
        issue,
        client,
        next,
        context,
        createRandom(context.seed, 'checklist', issue.key),
      );
      next += 1 + (numbers.chance(0.2) ? numbers.int(1, 4) : 0);
      current.push(archive);
      files.push({
        path: contentPaths.archive(issue.client, issue.month, issue.tier),
        text: renderArchivedChecklist(archive.checklist),
      });
    }
    archives.push(...current);
    previous = current;
  }
  return { files, archives };
}
