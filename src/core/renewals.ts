import { createHash } from 'node:crypto';
import type { ArchivedChecklist, BinderSection, Renewal, RenewalKind, Visibility } from '../schemas/index.ts';
import { addDays, daysBetween, lastDayOfMonth } from './calendar.ts';
import { slugify } from './text.ts';

/**
 * Renewals come from the binder itself (a section's `renewals:`), so the documentation and the
 * reminder can never disagree: the month's remote checklist lists each before it lapses, the
 * staff home shows what is coming and what lapsed, and the calendars carry them.
 */

/** A renewal with where it is written. */
export interface RenewalEntry extends Renewal {
  /** Client slug. */
  client: string;
  /** Client name. */
  clientName: string;
  /** The binder section's slug (its page). */
  section: string;
  /** The binder section's title. */
  sectionTitle: string;
  /** The binder section's file, when known (the calendar's SEQUENCE follows its last commit). */
  sectionFile?: string;
  /** The section's visibility: a client's site shows only its client-visible sections' renewals. */
  visibility: Visibility;
}

/** The renewals written in clients' binder sections, soonest first. */
export function collectRenewals(
  clients: readonly {
    slug: string;
    data: { name: string };
    binder: readonly {
      slug: string;
      file?: string;
      data: Pick<BinderSection, 'title' | 'visibility' | 'renewals'>;
    }[];
  }[],
): RenewalEntry[] {
  return clients
    .flatMap((client) =>
      client.binder.flatMap((section) =>
        section.data.renewals.map((renewal) => ({
          ...renewal,
          client: client.slug,
          clientName: client.data.name,
          section: section.slug,
          sectionTitle: section.data.title,
          ...(section.file ? { sectionFile: section.file } : {}),
          visibility: section.data.visibility,
        })),
      ),
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.item.localeCompare(b.item)));
}

/** Checklist items made from renewals have ids starting with this. */
export const RENEWAL_ITEM_PREFIX = 'renew-';

/** Characters of an item's slug kept whole in its id; a longer one is cut and gets a digest. */
const ITEM_SLUG_MAX = 40;
/** The longest id, unless the section's own slug leaves no room. */
const ITEM_ID_MAX = 80;
/** Hex digits of the digest that keeps long items apart. */
const DIGEST_LENGTH = 6;

/**
 * The checklist item id of a renewal, stable while the item's words are (the archive follows an
 * item by it): `renew-<section>-<slug of item>` when the slug has at most 40 characters. A longer
 * item is cut to fit and ends in six hex digits of a digest of its whole slug, so two items that
 * start alike ("… licences for the main office", "… for the branch office") get different ids.
 * Two renewals with the same words in one section are the same id: `binder check` reports them
 * (validate-content.ts).
 */
export function renewalItemId(renewal: Pick<RenewalEntry, 'section' | 'item'>): string {
  const head = `${RENEWAL_ITEM_PREFIX}${renewal.section}-`;
  const whole = slugify(renewal.item, Number.POSITIVE_INFINITY) || 'item';
  if (whole.length <= ITEM_SLUG_MAX && head.length + whole.length <= ITEM_ID_MAX) return `${head}${whole}`;
  const digest = createHash('sha256').update(whole).digest('hex').slice(0, DIGEST_LENGTH);
  const room = Math.max(1, Math.min(ITEM_SLUG_MAX, ITEM_ID_MAX - head.length) - DIGEST_LENGTH - 1);
  return `${head}${whole.slice(0, room).replace(/-+$/, '')}-${digest}`;
}

/** The day a renewal's warning window opens: `date - notice`. */
export function windowOpens(renewal: Pick<Renewal, 'date' | 'notice'>): string {
  return addDays(renewal.date, -renewal.notice);
}

/** Where a renewal stands in a month. */
export type RenewalStatus = 'upcoming' | 'expired';

/**
 * Whether a renewal belongs on a month's checklist: `upcoming` once its window (`date - notice`)
 * has opened by the end of that month and its date has not passed before the month starts;
 * `expired` once its date is before the month starts, until the section's date is moved on.
 */
export function renewalStatusInMonth(
  renewal: Pick<Renewal, 'date' | 'notice'>,
  month: string,
): RenewalStatus | undefined {
  if (renewal.date < `${month}-01`) return 'expired';
  return windowOpens(renewal) <= lastDayOfMonth(month) ? 'upcoming' : undefined;
}

/** A renewal as an item of the month's remote checklist. */
export interface RenewalItem {
  /** `renew-<section>-<slug>`. */
  id: string;
  /** What the technician reads. */
  text: string;
  /** Its section in the issue. */
  section: 'Renewals';
  /** What to do next, in a line under the item. */
  help: string;
  /** The binder section to update once renewed. */
  binder: { section: string; title: string };
}

const KIND_WORD: Record<RenewalKind, string> = {
  licence: 'licence',
  domain: 'domain',
  certificate: 'certificate',
  warranty: 'warranty',
  contract: 'contract',
  other: 'renewal',
};

/**
 * A renewal item as the client reads it in its archives: what the binder section names and its
 * kind, never the words of the issue (dates that have moved on, a note to the technician).
 */
export function renewalTextForClient(renewal: Pick<Renewal, 'item' | 'kind'>): string {
  return `Renew: ${renewal.item} (${KIND_WORD[renewal.kind]})`;
}

function daysFromDue(date: string, dueDate: string): string {
  const days = daysBetween(dueDate, date);
  if (days === 0) return 'on the due date';
  return `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'} ${days > 0 ? 'after' : 'before'} the due date`;
}

/**
 * The renewal items of a client's remote checklist for a month. A renewal ticked as done last
 * month whose date was not moved on in the binder comes back as a reminder to update the date.
 */
export function renewalItemsForMonth(
  renewals: readonly RenewalEntry[],
  month: string,
  dueDate: string,
  lastMonthRemote?: Pick<ArchivedChecklist, 'items'>,
): RenewalItem[] {
  const doneLastMonth = new Set(
    (lastMonthRemote?.items ?? []).filter((item) => item.status === 'done').map((item) => item.id),
  );
  const items: RenewalItem[] = [];
  for (const renewal of renewals) {
    const status = renewalStatusInMonth(renewal, month);
    if (!status) continue;
    const id = renewalItemId(renewal);
    const kind = KIND_WORD[renewal.kind];
    const who = renewal.owner === 'client' ? ' (the client renews it: remind them)' : '';
    const binder = { section: renewal.section, title: renewal.sectionTitle };
    let text: string;
    let help: string;
    if (doneLastMonth.has(id)) {
      text = `Renewed? Update the date in ${renewal.sectionTitle}: ${renewal.item} (${kind}, still says ${renewal.date})`;
      help = `It was ticked last month, but the binder still says it expires ${renewal.date}: move the date on in ${renewal.sectionTitle}.`;
    } else if (status === 'expired') {
      text = `Expired: ${renewal.item} (${kind}, expired ${renewal.date})${who}`;
      help = `Renew it now, or if it was renewed, move the date on in ${renewal.sectionTitle}.`;
    } else {
      text = `Renew: ${renewal.item} (${kind}, expires ${renewal.date}, ${daysFromDue(renewal.date, dueDate)})${who}`;
      help = renewal.autoRenew
        ? `Renews automatically: check that the payment method on file is current, then move the date on in ${renewal.sectionTitle}.`
        : `Once renewed, move the date on in ${renewal.sectionTitle}.`;
    }
    items.push({ id, text, section: 'Renewals', help, binder });
  }
  return items;
}

/** The staff home's and a client overview's list: the next `days` days and everything expired, soonest first. */
export function renewalsDueWithin(
  renewals: readonly RenewalEntry[],
  today: string,
  days: number,
): RenewalEntry[] {
  const horizon = addDays(today, days);
  return renewals.filter((renewal) => renewal.date <= horizon);
}
