import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_LABEL,
  checklistIssueKey,
  issueLabels,
  issueSearchQuery,
  keyLabel,
  monthIssueLabels,
  readLabelKey,
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
