import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/content/check-repository.ts';
import { monthsEndingAt } from '../../src/core/calendar.ts';
import { parseContentSet } from '../../src/core/content-set.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { BUILTIN_MONTHLY_TEMPLATE } from './builtin-template.ts';
import { DEFAULT_END_MONTH, generateSyntheticMsp, writeSyntheticMsp } from './generate-msp.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const small = { clients: 3, months: 4, seed: 7 } as const;

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'msp-synthetic-'));
  temps.push(dir);
  return dir;
}

function pathsMatching(files: readonly { path: string }[], pattern: RegExp): string[] {
  return files.map((file) => file.path).filter((file) => pattern.test(file));
}

describe('generateSyntheticMsp', () => {
  it('gives the same bytes for the same seed and different ones for another seed', () => {
    const first = generateSyntheticMsp(small);
    const again = generateSyntheticMsp({ ...small, seed: '7' });
    const other = generateSyntheticMsp({ ...small, seed: 8 });
    expect(again.files).toEqual(first.files);
    expect(other.files).not.toEqual(first.files);
  });

  it('keeps a client binder the same when more months or clients are asked for', () => {
    const base = generateSyntheticMsp(small);
    const bigger = generateSyntheticMsp({ ...small, clients: 5, months: 6 });
    const binder = (files: typeof base.files) =>
      files.filter((file) => /^content\/clients\/[^/]+\/(index|binder\/)/.test(file.path));
    const biggerPaths = new Map(bigger.files.map((file) => [file.path, file.text]));
    for (const file of binder(base.files)) expect(biggerPaths.get(file.path)).toBe(file.text);
  });

  it('makes as many clients and months as asked, ending at the end month', () => {
    const { files } = generateSyntheticMsp({ ...small, clients: 4, months: 5, endMonth: '2025-02' });
    expect(pathsMatching(files, /^content\/clients\/[^/]+\/index\.md$/)).toHaveLength(4);
    const months = new Set(
      pathsMatching(files, /^content\/checklists\//).map((file) => /(\d{4}-\d{2})-\w+\.md$/.exec(file)?.[1]),
    );
    expect([...months].sort()).toEqual(monthsEndingAt('2025-02', 5).filter((month) => months.has(month)));
    expect(months.has('2025-02')).toBe(true);
    expect(pathsMatching(files, /^(content\/msp\.yaml|templates\/checklists\/monthly\.md)$/)).toHaveLength(2);
  });

  it('defaults the end month to the month before 2026-11', () => {
    expect(DEFAULT_END_MONTH).toBe('2026-10');
    const { files } = generateSyntheticMsp({ ...small, months: 1 });
    const months = new Set(
      pathsMatching(files, /^content\/checklists\//).map((file) => file.split('/')[3]?.slice(0, 7)),
    );
    expect([...months]).toEqual(['2026-10']);
  });

  it('gives every client about twelve binder sections, one or two internal, with tables', () => {
    const content = parseContentSet(generateSyntheticMsp({ ...small, clients: 6 }).files);
    expect(content.diagnostics).toEqual([]);
    expect(content.clients).toHaveLength(6);
    for (const client of content.clients) {
      expect(client.binder.length).toBeGreaterThanOrEqual(12);
      expect(client.binder.length).toBeLessThanOrEqual(13);
      const internal = client.binder.filter((section) => section.data.visibility === 'internal');
      expect(internal.length).toBeGreaterThanOrEqual(1);
      expect(internal.length).toBeLessThanOrEqual(2);
      for (const section of client.binder) expect(section.body).toMatch(/^\|.*\|$/m);
      // A client's pages name no other client: its site is published on its own.
      const text = [client.body, ...client.binder.map((section) => section.body)].join('\n');
      for (const other of content.clients) {
        if (other === client) continue;
        expect(text).not.toContain(other.slug);
        expect(text).not.toContain(other.data.name);
      }
    }
  });

  it('numbers issues uniquely and closes each checklist after its due date', () => {
    const content = parseContentSet(generateSyntheticMsp({ ...small, months: 6 }).files);
    const numbers = content.archives.map((archive) => archive.data.issue);
    expect(new Set(numbers).size).toBe(numbers.length);
    const byCreation = [...content.archives].sort(
      (a, b) => a.data.month.localeCompare(b.data.month) || a.data.issue - b.data.issue,
    );
    expect(byCreation.map((archive) => archive.data.issue)).toEqual([...numbers].sort((a, b) => a - b));
    for (const { data } of content.archives) {
      expect(data.url).toMatch(new RegExp(`/issues/${data.issue}$`));
      expect((data.closedAt ?? '').slice(0, 10) >= (data.dueDate ?? '')).toBe(true);
    }
    const states = new Set(content.archives.map((archive) => archive.data.state));
    expect(states.has('completed')).toBe(true);
  });

  it('writes tech notes with unique dated names, some of them internal', () => {
    const content = parseContentSet(generateSyntheticMsp({ ...small, clients: 4, months: 12 }).files);
    const notes = content.clients.flatMap((client) => client.notes);
    expect(notes.length).toBeGreaterThan(4 * 4);
    expect(notes.some((note) => note.data.visibility === 'internal')).toBe(true);
    for (const note of notes) expect(note.slug.startsWith(note.data.date)).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateSyntheticMsp({ ...small, endMonth: '2026-13' })).toThrow(/end month/);
    expect(() => generateSyntheticMsp({ ...small, clients: 1.5 })).toThrow(/clients/);
    expect(() => generateSyntheticMsp({ ...small, template: '# no frontmatter\n' })).toThrow(/not valid/);
  });
});

describe('writeSyntheticMsp', () => {
  it('writes a repository that binder check passes with zero problems', async () => {
    const dir = await tempDir();
    const written = await writeSyntheticMsp(dir, small);
    const result = await checkRepository(dir);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.fileCount).toBe(written.files);
  });

  it("passes binder check with this checkout's checklist and binder templates too", async () => {
    const dir = await tempDir();
    await writeSyntheticMsp(dir, { ...small, seed: 'repo-template', repoRoot });
    const result = await checkRepository(dir);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('passes binder check with a template whose tags are the MSP’s own (ups renamed ups-battery, a new one)', async () => {
    const template = BUILTIN_MONTHLY_TEMPLATE.replaceAll('tags=ups}', 'tags=ups-battery}').replace(
      '{#checkin-contact onsite}',
      '{#checkin-contact onsite tags=dental}',
    );
    expect(template).toContain('tags=ups-battery}');
    const dir = await tempDir();
    await writeSyntheticMsp(dir, { ...small, clients: 6, seed: 'own-tags', template });
    const result = await checkRepository(dir);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    // The template's own tags are given to clients too, so their items are planned and archived.
    const tags = result.content.clients.flatMap((client) => client.data.tags);
    expect(tags).toEqual(expect.arrayContaining(['ups-battery', 'dental']));
  });

  it('refuses a non-empty directory unless forced', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'README.md'), 'mine\n');
    await expect(writeSyntheticMsp(dir, small)).rejects.toThrow(/not empty/);
    await writeSyntheticMsp(dir, { ...small, force: true });
    expect((await checkRepository(dir)).diagnostics).toEqual([]);
  });
});
