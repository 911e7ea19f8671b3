import { appendFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubStandin, startGitHubStandin } from '../standins/github/server.ts';
import { standinEnv } from './helpers/standin-env.ts';
import { makeTempRepo, removeTempRepo, runBinder } from './helpers/temp-repo.ts';

/**
 * On the 1st of the month a typo in one client's profile must not stop every other client's
 * issues: problems confined to one client's files skip that client; problems in shared files
 * (msp.yaml, a template) still stop the run before any request.
 */
const BROKEN_GLOBEX = [
  '---',
  'name: Globex Law',
  'timezone: America/Chicago',
  'visit: last friday',
  'asignees:',
  '  onsite: [jane-tech]',
  '---',
  'Globex.',
  '',
].join('\n');

let root: string;
let standin: GitHubStandin;
beforeEach(async () => {
  root = await makeTempRepo({ 'content/clients/globex/index.md': BROKEN_GLOBEX });
  standin = await startGitHubStandin();
});
afterEach(async () => {
  await standin.close();
  await removeTempRepo(root);
});

describe('one client’s mistake blocks only that client', () => {
  it('plan lists every other client’s issues, names the broken file and line, and exits 1', async () => {
    const result = await runBinder(root, ['plan', '--month', '2026-12', '--json']);
    expect(result.code).toBe(1);
    const plan = JSON.parse(result.stdout) as { client: string }[];
    expect(new Set(plan.map((issue) => issue.client))).toEqual(new Set(['acme']));
    expect(result.stderr).toContain('content/clients/globex/index.md:5:1: unknown field `asignees`');
    expect(result.stderr).toMatch(/globex.*skipped/i);
  });

  it('sync creates the other clients’ issues, writes the skipped client to the step summary, and exits 1', async () => {
    const summary = path.join(os.tmpdir(), `summary-${Date.now()}.md`);
    await writeFile(summary, '');
    const result = await runBinder(root, ['sync', '--month', '2026-12'], {
      ...standinEnv(standin),
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.code).toBe(1);
    const titles = standin.issues().map((issue) => issue.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((title) => title.startsWith('Acme Dental'))).toBe(true);
    const text = await readFile(summary, 'utf8');
    expect(text).toContain('globex');
    expect(text).toContain('content/clients/globex/index.md:5');
  });

  it('a problem in a shared file (msp.yaml, a template) still stops the run before any request', async () => {
    await appendFile(
      path.join(root, 'templates/checklists/monthly.md'),
      '- Broken item without attributes\n',
    );
    const result = await runBinder(root, ['sync', '--month', '2026-12'], standinEnv(standin));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('templates/checklists/monthly.md');
    expect(standin.requests).toEqual([]);
  });

  it('naming the broken client with --client is an error for that client', async () => {
    const result = await runBinder(root, ['plan', '--month', '2026-12', '--client', 'globex']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/clients/globex/index.md:5:1');
  });

  it('check still fails on any error', async () => {
    expect((await runBinder(root, ['check'])).code).toBe(1);
  });
});
