import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_LABEL,
  checklistIssueKey,
  claimedIssueKeys,
  issueLabels,
  issueSearchQuery,
  issueSearchUrl,
  keyLabel,
  monthIssueLabels,
  readLabelKey,
  renderMarker,
  resolveIssueKey,
  standardLabels,
} from './checklist-issue.ts';

const SRC = path.resolve(import.meta.dirname, '..');

/** Every product source file under src/ (tests aside), with its repo-relative name. */
async function sourceFiles(): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && /\.(ts|astro)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/\.test\.ts$|\.test-support\.ts$/.test(file));
  return Promise.all(
    names.map(async (file) => ({
      file: path.relative(path.dirname(SRC), file).split(path.sep).join('/'),
      text: await readFile(file, 'utf8'),
    })),
  );
}

describe("a checklist issue's identity", () => {
  it('labels each part of the key, and lists a month by `checklist` and its month label', () => {
    expect(keyLabel.client('harbor-dental')).toBe('client:harbor-dental');
    expect(keyLabel.month('2026-12')).toBe('month:2026-12');
    expect(keyLabel.tier('onsite')).toBe('tier:onsite');
    expect(monthIssueLabels('2026-12')).toEqual([CHECKLIST_LABEL, 'month:2026-12']);
    expect(issueLabels('harbor-dental', 'onsite', '2026-12')).toEqual([
      'checklist',
      'tier:onsite',
      'client:harbor-dental',
      'month:2026-12',
    ]);
    // What the labels say is what reading them back gives.
    expect(readLabelKey(issueLabels('harbor-dental', 'onsite', '2026-12'))?.key).toBe(
      checklistIssueKey('harbor-dental', '2026-12', 'onsite'),
    );
    expect(standardLabels('2026-12').map((label) => label.name)).toEqual([
      'checklist',
      'tier:automatic',
      'tier:remote',
      'tier:onsite',
      'incomplete',
      'month:2026-12',
    ]);
  });

  it('finds an issue on GitHub by its labels', () => {
    expect(issueSearchQuery('harbor-dental', '2026-12', 'onsite')).toBe(
      'is:issue label:"client:harbor-dental" label:"month:2026-12" label:"tier:onsite"',
    );
    expect(issueSearchUrl('tidewater-it/binders', 'harbor-dental', '2026-12', 'onsite')).toBe(
      'https://github.com/tidewater-it/binders/issues?q=is%3Aissue%20label%3A%22client%3Aharbor-dental%22%20label%3A%22month%3A2026-12%22%20label%3A%22tier%3Aonsite%22',
    );
  });

  it('is spelled nowhere else under src/: no hand-built labels or `client/month/tier` keys', async () => {
    const spelled =
      /[`'"](?:client|month|tier):\$\{|label:"(?:client|month|tier):|\$\{[\w.]+\}\/\$\{[\w.]*month\}\/\$\{[\w.]+\}/;
    const offenders = (await sourceFiles())
      .filter(({ file }) => file !== 'src/core/checklist-issue.ts')
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => spelled.test(line))
          .map(({ index }) => `${file}:${index + 1}`),
      );
    expect(offenders).toEqual([]);
  });
});

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
