import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_NAME, EVIDENCE_NAME, TECH_NOTE_NAME } from './content-paths.ts';
import { parseContentSet } from './content-set.ts';
import { formatDiagnostic } from './diagnostics.ts';

describe('file-name rules', () => {
  it('a tech note, an archive and an evidence file are named with real months', () => {
    expect(TECH_NOTE_NAME.exec('2026-12-08-ups-battery')?.[1]).toBe('2026-12-08');
    for (const name of [
      '2026-13-08-ups',
      '2026-00-08-ups',
      '2026-12-32-ups',
      '2026-12-08-UPS',
      '2026-12-08-',
    ])
      expect(TECH_NOTE_NAME.test(name), name).toBe(false);
    expect(ARCHIVE_NAME.test('2026-12-onsite')).toBe(true);
    expect(ARCHIVE_NAME.test('2026-13-onsite')).toBe(false);
    expect(EVIDENCE_NAME.test('2026-12')).toBe(true);
    expect(EVIDENCE_NAME.test('2026-13')).toBe(false);
  });

  it('a tech note whose file name has no real date says so, not that the date disagrees', () => {
    const note = (name: string, date: string) =>
      parseContentSet([
        {
          path: 'content/clients/acme/index.md',
          text: '---\nname: Acme\ntimezone: UTC\nvisit: day 1\n---\n',
        },
        {
          path: `content/clients/acme/notes/${name}.md`,
          text: `---\ndate: ${date}\nauthor: jane-tech\ntitle: UPS\n---\nSwapped the battery.\n`,
        },
      ]).diagnostics.filter((diagnostic) => diagnostic.file.includes('/notes/'));
    expect(note('2026-13-45-x', '2026-12-01').map(formatDiagnostic)).toEqual([
      'content/clients/acme/notes/2026-13-45-x.md:1:1: tech note file name `2026-13-45-x` starts with 2026-13-45, which is not a real date: there is no month 13 Fix: rename it to start with the note’s date, e.g. `2026-12-01-x.md`',
    ]);
    expect(note('2026-02-30-x', '2026-02-28').map(formatDiagnostic)).toEqual([
      'content/clients/acme/notes/2026-02-30-x.md:1:1: tech note file name `2026-02-30-x` starts with 2026-02-30, which is not a real date: February 2026 has 28 days Fix: rename it to start with the note’s date, e.g. `2026-02-28-x.md`',
    ]);
    expect(note('ups-battery', '2026-12-01').map(formatDiagnostic)).toEqual([
      'content/clients/acme/notes/ups-battery.md:1:1: tech note file name `ups-battery` must be `YYYY-MM-DD-short-title` Fix: rename it, e.g. `2026-10-13-ups-battery.md` (or use `npm run binder -- new-note`)',
    ]);
    expect(note('2026-12-01-x', '2026-12-01')).toEqual([]);
  });
});

describe('the slug and month rules', () => {
  it('are written once under src/ (src/schemas/common.ts) and composed everywhere else', async () => {
    const src = path.resolve(import.meta.dirname, '..');
    const files = (await readdir(src, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && /\.(ts|astro)$/.test(entry.name) && !entry.name.includes('.test'))
      .map((entry) => path.join(entry.parentPath, entry.name));
    const found = (needle: string) =>
      Promise.all(
        files.map(async (file) =>
          (await readFile(file, 'utf8')).split(needle).length > 1 ? [path.relative(src, file)] : [],
        ),
      ).then((lists) => lists.flat());
    expect(await found('[a-z0-9][a-z0-9-]*')).toEqual(['schemas/common.ts']);
    expect(await found('0[1-9]|1[0-2]')).toEqual(['schemas/common.ts']);
  });
});
