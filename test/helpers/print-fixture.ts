import { renderArchivedChecklist } from '../../src/core/archive-render.ts';
import { FIXTURE_MSP_WITH_HISTORY } from './fixture-msp.ts';

/**
 * The fixture MSP made ready for what the client receives: a logo, staff names, portals and
 * addresses (so another client's would show if it leaked), and an October remote checklist with
 * a task not done for a reason written for the client, one not done for a staff-only reason, and
 * one that did not apply: template items, since the client reads each item in the template's words.
 */
export const PRINT_FIXTURE: Record<string, string> = {
  ...FIXTURE_MSP_WITH_HISTORY,
  'content/msp.yaml': `${FIXTURE_MSP_WITH_HISTORY['content/msp.yaml']}logo: content/northwind-logo.svg\nstaff:\n  jane-tech: Jane Okafor\n  amy-noc: Amy Chen\n`,
  'templates/checklists/monthly.md': (
    FIXTURE_MSP_WITH_HISTORY['templates/checklists/monthly.md'] ?? ''
  ).replace(
    '- Run the UPS self-test',
    [
      '- Confirm patches are installed on every laptop {#patch-laptops remote}',
      '- Confirm antivirus definitions are current on every device {#antivirus-console remote}',
      '- Check the defragmentation level of spinning disks {#defrag-level remote}',
      '- Run the UPS self-test',
    ].join('\n'),
  ),
  'content/northwind-logo.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b4f6c"/></svg>\n',
  'content/clients/acme-dental/index.md': (
    FIXTURE_MSP_WITH_HISTORY['content/clients/acme-dental/index.md'] ?? ''
  ).replace(
    'since: 2026-01-10\n',
    'since: 2026-01-10\naddress: "12 Harbor Way, Suite 4, Mystic, CT 06355"\nportal: { host: acme-dental.portal.northwind-it.example }\n',
  ),
  'content/clients/globex-law/index.md': (
    FIXTURE_MSP_WITH_HISTORY['content/clients/globex-law/index.md'] ?? ''
  ).replace(
    'visit: last friday\n',
    'visit: last friday\naddress: "77 Courthouse Plaza, Floor 9, Hartford, CT 06103"\nportal: { host: globex-law.portal.northwind-it.example }\n',
  ),
  'content/checklists/acme-dental/2026-10-remote.md': renderArchivedChecklist({
    client: 'acme-dental',
    month: '2026-10',
    tier: 'remote',
    template: 'monthly',
    issue: 40,
    url: 'https://github.com/northwind-it/binders/issues/40',
    state: 'incomplete',
    closedAt: '2026-10-09T15:30:00Z',
    closedBy: 'amy-noc',
    assignees: ['amy-noc'],
    dueDate: '2026-10-13',
    items: [
      { id: 'system-log-warnings', text: 'Review the system event log for warnings', status: 'done' },
      {
        id: 'patch-laptops',
        text: 'Confirm patches are installed on every laptop',
        status: 'not-done',
        note: 'Two laptops were out of the office all week.',
        noteVisibility: 'client',
      },
      {
        id: 'antivirus-console',
        text: 'Confirm antivirus definitions are current on every device',
        status: 'not-done',
        note: 'The antivirus console licence lapsed over a billing dispute with the reseller.',
      },
      {
        id: 'defrag-level',
        text: 'Check the defragmentation level of spinning disks',
        status: 'not-applicable',
      },
    ],
    comments: [
      {
        author: 'amy-noc',
        at: '2026-10-09T15:00:00Z',
        visibility: 'client',
        body: 'For the client: two laptops were out of the office all week.',
      },
      {
        author: 'amy-noc',
        at: '2026-10-09T15:10:00Z',
        visibility: 'internal',
        body: 'The antivirus console licence lapsed over a billing dispute with the reseller.',
      },
    ],
  }),
};
