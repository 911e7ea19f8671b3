import type { Tier } from '../schemas/index.ts';
import { weekdayName } from './calendar.ts';
import { renderMarker } from './checklist-issue.ts';
import { contentPaths } from './content-paths.ts';
import { UserError } from './errors.ts';
import type { PlannedIssue, PlannedItem } from './plan-month.ts';
import { siteRoutes, siteUrl } from './site-links.ts';
import { renderReturnedLine, renderVerdictLine } from './verdict-line.ts';

/** GitHub rejects issue bodies over this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;

/** How to close the issue, in the words of its tier: only the onsite issue has a visit. */
const CLOSE: Record<Tier, string> = {
  onsite: '> Close as *completed* after the visit, or as *not planned* if the visit did not happen.',
  remote:
    '> Close as *completed* when the remote checks are done, or as *not planned* if they were skipped this month.',
  automatic:
    "> Close as *completed* once each alert is confirmed in the RMM, or as *not planned* if this month's review was skipped.",
};

function howTo(tier: Tier): string[] {
  return [
    '> **How to work this checklist:** tick a box when the item is done. If it could not be done,',
    '> leave it unticked and comment why. If it does not apply, strike it through (`~~text~~`) or',
    '> write "N/A".',
    CLOSE[tier],
    "> Comments are for staff; start one with **For the client:** to show it on the client's site.",
    '> Never paste a password here: name its password manager entry instead.',
  ];
}

/** Text from an earlier issue, put back in a new one: no HTML, so it cannot fake an item's hidden id. */
function inert(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

type Detail = 'full' | 'no-help' | 'ids-only';

function itemLine(item: PlannedItem, detail: Detail, binderUrl: (section: string) => string): string[] {
  const suffix = item.notDoneIn ? ` _(not done in ${item.notDoneIn})_` : '';
  const text = detail === 'ids-only' ? `\`${item.id}\`` : item.text.replace(/\s*\n\s*/g, ' ');
  // Proven by the RMM: pre-ticked, so the NOC confirms rather than re-does (docs/issue-format.md).
  const box = item.evidence?.status === 'proven' ? '[x]' : '[ ]';
  const lines = [`- ${box} ${text}${suffix} <!-- item:${item.id} -->`];
  if (detail !== 'ids-only' && item.graduated) lines.push(`  ${renderReturnedLine(item.graduated)}`);
  if (detail !== 'ids-only' && item.evidence) lines.push(`  ${renderVerdictLine(item.evidence)}`);
  if (detail === 'full' && (item.help || item.sop || item.lastNote || item.binder)) {
    const parts = [
      item.lastNote ? `Last month: ${inert(item.lastNote)}` : undefined,
      item.help,
      item.binder ? `[${inert(item.binder.title)}](${binderUrl(item.binder.section)})` : undefined,
      item.sop ? `[SOP](${item.sop})` : undefined,
    ].filter(Boolean);
    lines.push(`  <br><sub>${parts.join(' · ')}</sub>`);
  }
  return lines;
}

function renderWith(issue: PlannedIssue, baseUrl: string, detail: Detail): string {
  const header = [
    renderMarker({ key: issue.key, template: issue.template, dueDate: issue.dueDate }),
    `**Client:** ${issue.clientName} · **Tier:** ${issue.tier} · **Due:** ${weekdayName(issue.dueDate)} ${issue.dueDate} (${issue.visit}, ${issue.timezone})`,
    `**Binder:** ${siteUrl(baseUrl, siteRoutes.client(issue.client))}${
      issue.previous
        ? ` · **Last month:** [${issue.previous.month} ${issue.tier}](${siteUrl(baseUrl, siteRoutes.checklist(issue.client, issue.previous.month, issue.tier))}) (#${issue.previous.issue})`
        : ''
    }`,
    ...(issue.tier === 'onsite' && (issue.address || issue.contact)
      ? [
          [
            issue.address ? `**Where:** ${inert(issue.address)}` : undefined,
            issue.contact
              ? `**Contact:** ${inert([`${issue.contact.name}${issue.contact.role ? ` (${issue.contact.role})` : ''}`, issue.contact.phone, issue.contact.email].filter(Boolean).join(', '))}`
              : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        ]
      : []),
    '',
    ...howTo(issue.tier),
  ];
  const sections = new Map<string, PlannedItem[]>();
  for (const item of issue.items) {
    const list = sections.get(item.section) ?? [];
    list.push(item);
    sections.set(item.section, list);
  }
  // Carried-over work comes first: it is last month's promise.
  const ordered = [...sections].sort(
    ([a], [b]) => Number(b.startsWith('Carried over')) - Number(a.startsWith('Carried over')),
  );
  const body = [...header];
  for (const [section, items] of ordered) {
    body.push('', `### ${section}`, '');
    for (const item of items)
      body.push(
        ...itemLine(item, detail, (section) =>
          siteUrl(baseUrl, siteRoutes.binderSection(issue.client, section)),
        ),
      );
  }
  if (detail === 'ids-only') {
    body.push(
      '',
      `_This checklist is too long for one GitHub issue; item texts are on the binder site: ${siteUrl(baseUrl, siteRoutes.client(issue.client))}_`,
    );
  }
  return `${body.join('\n')}\n`;
}

/**
 * Renders a checklist issue body (docs/issue-format.md). Always under GitHub's 65,536-character
 * limit: help lines go first, then item texts (ids stay, so the archive still works).
 */
export function renderIssueBody(issue: PlannedIssue, baseUrl: string): string {
  for (const detail of ['full', 'no-help', 'ids-only'] as const) {
    const body = renderWith(issue, baseUrl, detail);
    if (body.length <= GITHUB_BODY_LIMIT) return body;
  }
  throw new UserError(
    `${issue.client}'s ${issue.tier} checklist for ${issue.month} has ${issue.items.length} items from ${contentPaths.template(issue.template)}: too many for one GitHub issue (${GITHUB_BODY_LIMIT.toLocaleString('en-US')} characters) even with the item texts left out. Make it shorter: give items a frequency (\`quarterly\`, \`yearly\`) or \`tags=\` so fewer fall due in one month, or skip what does not apply to the client (\`overrides.skip\` in its profile).`,
  );
}
