import { describe, expect, it } from 'vitest';
import { claimedIssueKeys, renderMarker, resolveIssueKey } from './checklist-issue.ts';

const marker = (key: string) => renderMarker({ key, template: 'monthly', dueDate: '2026-12-08' });
const LABELS = ['checklist', 'tier:onsite', 'client:acme', 'month:2026-12'];

describe('resolveIssueKey', () => {
  it('trusts a key only when the marker and the labels both give it', () => {
    expect(resolveIssueKey(`${marker('acme/2026-12/onsite')}\n- [ ] A`, LABELS)).toMatchObject({
      status: 'key',
      key: { key: 'acme/2026-12/onsite', template: 'monthly', dueDate: '2026-12-08' },
    });
    expect(resolveIssueKey('It jams.', ['checklist'])).toEqual({ status: 'not-a-checklist' });
  });

  it('says why it cannot trust the rest', () => {
    const problem = (body: string, labels: string[]) => {
      const resolution = resolveIssueKey(body, labels);
      return resolution.status === 'conflict' ? resolution.problem : resolution.status;
    };
    const body = `${marker('acme/2026-12/onsite')}\n- [ ] A`;
    expect([
      problem(body, ['checklist']),
      problem('- [ ] A', LABELS),
      problem('<!-- msp-binder {"key": broken} -->\n- [ ] A', LABELS),
      problem(body, [...LABELS, 'client:globex']),
      problem(body, [...LABELS, 'month:2026-11', 'tier:remote']),
      problem(body, ['checklist', 'client:ACME', 'month:2026-12', 'tier:onsite']),
      problem(body, LABELS.slice(1)),
      problem(`${marker('globex/2026-12/onsite')}\n- [ ] A`, LABELS),
    ]).toMatchInlineSnapshot(`
      [
        "its \`client:\`, \`month:\` and \`tier:\` labels are missing, so the marker's \`acme/2026-12/onsite\` cannot be confirmed",
        "its hidden marker is missing (its labels say \`acme/2026-12/onsite\`), so its labels cannot be confirmed",
        "its hidden marker is not readable (its labels say \`acme/2026-12/onsite\`), so its labels cannot be confirmed",
        "it has more than one \`client:\` label (client:acme, client:globex)",
        "it has more than one \`month:\` label and more than one \`tier:\` label (tier:onsite, month:2026-12, month:2026-11, tier:remote)",
        "its labels (client:ACME, month:2026-12, tier:onsite) are not a valid client, month and tier, so the marker's \`acme/2026-12/onsite\` cannot be confirmed",
        "it has no \`checklist\` label, so the marker's \`acme/2026-12/onsite\` cannot be confirmed",
        "its hidden marker says \`globex/2026-12/onsite\` but its labels say \`acme/2026-12/onsite\`",
      ]
    `);
  });

  it('sync counts an issue by its marker or by its labels, each on its own', () => {
    expect(claimedIssueKeys('- [ ] A', LABELS)).toEqual(['acme/2026-12/onsite']);
    expect(claimedIssueKeys(`${marker('acme/2026-12/onsite')}\n`, ['checklist'])).toEqual([
      'acme/2026-12/onsite',
    ]);
    expect(claimedIssueKeys(`${marker('globex/2026-12/onsite')}\n`, LABELS)).toEqual([
      'globex/2026-12/onsite',
      'acme/2026-12/onsite',
    ]);
  });
});
