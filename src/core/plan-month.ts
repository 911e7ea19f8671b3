import type {
  ArchivedChecklist,
  BinderSection,
  ChecklistTemplate,
  ClientProfile,
  EvidenceFile,
  EvidenceVerdict,
  MspSettings,
  Tier,
} from '../schemas/index.ts';
import { TIERS } from '../schemas/index.ts';
import { previousMonth } from './calendar.ts';
import { checklistIssueKey, issueLabels, issueTitle } from './checklist-issue.ts';
import { itemsDueInMonth, resolveClientChecklist } from './client-checklist.ts';
import { clientTimeZone } from './client-time-zone.ts';
import { dueDateForMonth } from './due-date.ts';
import { verdictOf } from './evidence-judge.ts';
import {
  evidenceFor,
  graduatedItems,
  indexEvidence,
  isRmmItem,
  judgeClientItem,
  withGraduatedItems,
} from './evidence-plan.ts';
import { collectRenewals, RENEWAL_ITEM_PREFIX, renewalItemsForMonth } from './renewals.ts';
import { firstParagraph } from './text.ts';

/** One item of a planned issue. */
export interface PlannedItem {
  /** Stable item id. */
  id: string;
  /** The instruction. */
  text: string;
  /** Section heading it is grouped under (`Carried over from …` for carried items). */
  section: string;
  /** First paragraph of help text, if any. */
  help?: string;
  /** SOP link, if any. */
  sop?: string;
  /** Set when the item was left not done last month and is not due again: listed under "Carried over". */
  carriedFrom?: string;
  /** Set when the item is due again and was left not done last month. */
  notDoneIn?: string;
  /** Last month's note on the item, when it was left not done with one (staff text from the issue). */
  lastNote?: string;
  /** The binder section the item is about (renewals: where to move the date on). */
  binder?: { section: string; title: string };
  /** For an automatic item that names RMM checks (`rmm=`): this month's evidence verdict. */
  evidence?: EvidenceVerdict;
  /** Set when the item left the checklist on evidence (`binder graduate`) and is back: that day. */
  graduated?: string;
}

/** The person the technician checks in with, as the onsite issue's header shows them. */
export interface PlannedContact {
  /** Full name. */
  name: string;
  /** Role at the client. */
  role?: string;
  /** Phone, as dialled. */
  phone?: string;
  /** Email address. */
  email?: string;
}

/** The issue a client, tier and month get. */
export interface PlannedIssue {
  /** `client/YYYY-MM/tier`: exactly one issue per key. */
  key: string;
  /** Client slug. */
  client: string;
  /** Client name. */
  clientName: string;
  /** `YYYY-MM`. */
  month: string;
  /** Tier. */
  tier: Tier;
  /** The client's primary template. */
  template: string;
  /** Issue title. */
  title: string;
  /** Labels, in a fixed order. */
  labels: string[];
  /** GitHub logins. */
  assignees: string[];
  /** Milestone title, when the MSP groups months in milestones. */
  milestone?: string;
  /** Visit date, `YYYY-MM-DD`, from the client's visit rule. */
  dueDate: string;
  /** The client's visit rule, e.g. `second tuesday`. */
  visit: string;
  /** The client's time zone (its own, else msp.yaml's). */
  timezone: string;
  /** The office's address (onsite issues show it). */
  address?: string;
  /** The primary contact (onsite issues show them). */
  contact?: PlannedContact;
  /** Items in template order, carried-over items last. */
  items: PlannedItem[];
  /** Last month's archived checklist for the same client and tier, for the header link. */
  previous?: { month: string; issue: number; url: string };
}

/** What planning needs to know: the parsed content, without files. */
export interface PlanInput {
  /** The MSP's settings. */
  msp: MspSettings;
  /** Clients with their slug, profile and (for renewals) binder sections. */
  clients: readonly {
    slug: string;
    data: ClientProfile;
    binder?: readonly { slug: string; data: Pick<BinderSection, 'title' | 'visibility' | 'renewals'> }[];
  }[];
  /** Templates by name. */
  templates: ReadonlyMap<string, { template: ChecklistTemplate }>;
  /** Archived checklists (for carry-over and the "last month" link). */
  archives: readonly { data: ArchivedChecklist }[];
  /** RMM evidence files (`content/evidence/`), for the verdicts of automatic items. */
  evidence?: readonly { data: EvidenceFile }[];
}

/**
 * The tiers of a client's month that `plan` makes an issue for (a tier with no item due gets
 * none): what the month's report and the calendar expect to find archived. Empty for a client
 * that is not active.
 */
export function plannedTiers(input: PlanInput, client: string, month: string): Tier[] {
  const issues = planMonth(
    { ...input, clients: input.clients.filter((entry) => entry.slug === client) },
    month,
  );
  return TIERS.filter((tier) => issues.some((issue) => issue.tier === tier));
}

/**
 * The tiers a client's month was planned with that have no archived checklist: still open, or
 * closed and not archived yet. A report of the month must not call it done while any is left.
 */
export function unarchivedTiers(input: PlanInput, client: string, month: string): Tier[] {
  const archived = new Set(
    input.archives
      .filter((archive) => archive.data.client === client && archive.data.month === month)
      .map((archive) => archive.data.tier),
  );
  return plannedTiers(input, client, month).filter((tier) => !archived.has(tier));
}

/**
 * A section's title in a one-tier issue: a template may say `Server health (remote)` for the
 * reader of the template, but an item moved to another tier keeps its section without it.
 */
function sectionTitle(section: string): string {
  return section.replace(/\s*\((?:automatic|remote|onsite)\)\s*$/i, '') || section;
}

/**
 * Plans a month: for every active client (or the ones named), the items its templates make due
 * that month after tags and overrides, grouped into one issue per tier, with the visit's due date
 * and last month's unfinished items carried over. A tier with no items gets no issue. Automatic
 * items that name RMM checks carry the month's evidence verdict; an item that left the checklist
 * on evidence (`binder graduate`) comes back in a month whose evidence does not prove it. Pure.
 */
export function planMonth(input: PlanInput, month: string, only?: readonly string[]): PlannedIssue[] {
  const monthNumber = Number(month.slice(5, 7));
  const last = previousMonth(month);
  const templates = new Map([...input.templates].map(([name, entry]) => [name, entry.template]));
  const lastArchives = new Map<string, ArchivedChecklist>();
  for (const { data } of input.archives) {
    if (data.month === last) lastArchives.set(`${data.client}/${data.tier}`, data);
  }
  const evidence = indexEvidence(input.evidence);
  const wanted = only && only.length > 0 ? new Set(only) : undefined;
  const issues: PlannedIssue[] = [];
  for (const client of input.clients) {
    if (wanted ? !wanted.has(client.slug) : client.data.status !== 'active') continue;
    const graduated = graduatedItems(client.data);
    const { items } = resolveClientChecklist(withGraduatedItems(client.data), templates);
    const monthEvidence = evidenceFor(evidence, client.slug, month);
    const verdicts = new Map(
      items
        .filter(isRmmItem)
        .map((item) => [item.id, verdictOf(judgeClientItem(client.data, item, monthEvidence, month))]),
    );
    // A graduated item stays off while its evidence proves it; any other month it is back.
    const due = itemsDueInMonth(items, monthNumber).filter(
      (item) => !graduated.has(item.id) || (isRmmItem(item) && verdicts.get(item.id)?.status !== 'proven'),
    );
    const dueDate = dueDateForMonth(client.data.visit, month, input.msp);
    const byId = new Map(items.map((item) => [item.id, item]));
    // Help written for every client says `<client>` where the client's own slug belongs.
    const helpOf = (text: string | undefined) => firstParagraph(text)?.replaceAll('<client>', client.slug);
    const primary = client.data.contacts.find((contact) => contact.primary) ?? client.data.contacts[0];
    const renewals = collectRenewals([{ slug: client.slug, data: client.data, binder: client.binder ?? [] }]);
    for (const tier of TIERS) {
      const previous = lastArchives.get(`${client.slug}/${tier}`);
      const notDone = new Map(
        (previous?.items ?? []).filter((item) => item.status === 'not-done').map((item) => [item.id, item]),
      );
      const planned: PlannedItem[] = due
        .filter((item) => item.tier === tier)
        .map((item) => {
          const help = helpOf(item.help);
          const lastNote = notDone.get(item.id)?.note;
          return {
            id: item.id,
            text: item.text,
            section: sectionTitle(item.section),
            ...(help ? { help } : {}),
            ...(item.sop ? { sop: item.sop } : {}),
            ...(notDone.has(item.id) ? { notDoneIn: last } : {}),
            ...(lastNote ? { lastNote } : {}),
            ...(verdicts.has(item.id) ? { evidence: verdicts.get(item.id) } : {}),
            ...(graduated.has(item.id) ? { graduated: graduated.get(item.id) } : {}),
          };
        });
      if (tier === 'remote')
        for (const renewal of renewalItemsForMonth(renewals, month, dueDate, previous)) {
          planned.push({
            id: renewal.id,
            text: renewal.text,
            section: renewal.section,
            help: renewal.help,
            binder: renewal.binder,
            ...(notDone.has(renewal.id) ? { notDoneIn: last } : {}),
          });
        }
      const dueIds = new Set(planned.map((item) => item.id));
      for (const item of notDone.values()) {
        // A renewal no longer due was renewed (its date moved on): nothing to carry over.
        if (item.id.startsWith(RENEWAL_ITEM_PREFIX)) continue;
        if (!dueIds.has(item.id)) {
          const template = byId.get(item.id);
          const help = helpOf(template?.help);
          planned.push({
            id: item.id,
            text: item.text,
            section: `Carried over from ${last}`,
            carriedFrom: last,
            ...(help ? { help } : {}),
            ...(template?.sop ? { sop: template.sop } : {}),
            ...(item.note ? { lastNote: item.note } : {}),
          });
        }
      }
      if (planned.length === 0) continue;
      const assignees = client.data.assignees[tier] ?? input.msp.assignees[tier] ?? [];
      issues.push({
        key: checklistIssueKey(client.slug, month, tier),
        client: client.slug,
        clientName: client.data.name,
        month,
        tier,
        template: client.data.templates[0] ?? 'monthly',
        title: issueTitle(client.data.name, tier, month),
        labels: issueLabels(client.slug, tier, month),
        assignees: [...assignees],
        ...(input.msp.milestones ? { milestone: month } : {}),
        dueDate,
        visit: client.data.visit,
        timezone: clientTimeZone(client.data, input.msp),
        ...(client.data.address ? { address: client.data.address } : {}),
        ...(primary
          ? {
              contact: {
                name: primary.name,
                ...(primary.role ? { role: primary.role } : {}),
                ...(primary.phone ? { phone: primary.phone } : {}),
                ...(primary.email ? { email: primary.email } : {}),
              },
            }
          : {}),
        items: planned,
        ...(previous ? { previous: { month: last, issue: previous.issue, url: previous.url } } : {}),
      });
    }
  }
  return issues;
}
