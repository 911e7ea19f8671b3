import type { ContentFile } from './content-model.ts';
import { parseContentSet } from './content-set.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { type PlannedIssue, planMonth } from './plan-month.ts';

/**
 * A small MSP for in-process tests of the GitHub use cases: two clients, one item per tier.
 * Kept beside the tests that use it; it never depends on the example MSP in content/.
 */
export const SMALL_MSP: Record<string, string> = {
  'content/msp.yaml': [
    'name: Test MSP',
    'siteUrl: https://docs.test-msp.example',
    'repo: test-msp/binders',
    'timezone: America/New_York',
    'assignees:',
    '  onsite: [jane-tech]',
    '',
  ].join('\n'),
  'templates/checklists/monthly.md': [
    '---',
    'title: Monthly maintenance',
    '---',
    '',
    '## Checks',
    '',
    '- Confirm disk-space alerting works {#rmm-alert-disk-space automatic}',
    '- Review the system log for warnings {#system-log-warnings remote}',
    '- Run the UPS self-test {#ups-self-test onsite}',
    '- Client check-in with the office manager {#checkin-contact onsite}',
    '',
  ].join('\n'),
  'content/clients/acme/index.md': [
    '---',
    'name: Acme Dental',
    'timezone: America/Chicago',
    'visit: second tuesday',
    '---',
    'Acme Dental.',
    '',
  ].join('\n'),
  'content/clients/globex/index.md': [
    '---',
    'name: Globex Law',
    'timezone: America/Chicago',
    'visit: last friday',
    '---',
    'Globex Law.',
    '',
  ].join('\n'),
};

/** Parses files into content, failing loudly when the fixture itself is wrong. */
export function contentOf(files: Record<string, string>) {
  const list: ContentFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const content = parseContentSet(list);
  if (content.diagnostics.length || !content.msp)
    throw new Error(`fixture is invalid:\n${content.diagnostics.map(formatDiagnostic).join('\n')}`);
  return { ...content, msp: content.msp };
}

/** The plan of a month for the small MSP (or `files`). */
export function planOf(month: string, files: Record<string, string> = SMALL_MSP): PlannedIssue[] {
  return planMonth(contentOf(files), month);
}
