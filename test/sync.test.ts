import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLACEHOLDER_SITE_URL } from '../src/core/adopt.ts';
import { readIssueKey } from '../src/core/checklist-issue.ts';
import { type GitHubStandin, startGitHubStandin } from '../standins/github/server.ts';
import { FIXTURE_MSP_WITH_HISTORY } from './helpers/fixture-msp.ts';
import { FIXTURE_REPOSITORY, standinEnv } from './helpers/standin-env.ts';
import { makeRepo, removeTempRepo, runBinder } from './helpers/temp-repo.ts';

let standin: GitHubStandin;
let root: string;
const env = () => standinEnv(standin, FIXTURE_REPOSITORY);
const sync = (...args: string[]) => runBinder(root, ['sync', '--month', '2026-12', ...args], env());
/** Sync with a short request timeout, for tests that make the stand-in hang. */
const syncWithHangs = () =>
  runBinder(root, ['sync', '--month', '2026-12'], { ...env(), BINDER_REQUEST_TIMEOUT_MS: '1000' });

beforeEach(async () => {
  standin = await startGitHubStandin({ repository: FIXTURE_REPOSITORY });
  root = await makeRepo(FIXTURE_MSP_WITH_HISTORY);
});
afterEach(async () => {
  await standin.close();
  await removeTempRepo(root);
});

async function plannedKeys(): Promise<string[]> {
  const plan = await runBinder(root, ['plan', '--month', '2026-12', '--json']);
  return (JSON.parse(plan.stdout) as { key: string }[]).map((issue) => issue.key).sort();
}

function openKeys(): string[] {
  return standin
    .issues()
    .filter((issue) => issue.state === 'open' && !issue.pullRequest)
    .map((issue) => readIssueKey(issue.body ?? '', issue.labels)?.key ?? `?${issue.number}`)
    .sort();
}

describe('binder sync', () => {
  it('creates exactly the plan, one request per issue, with labels, assignees and milestone', async () => {
    standin.seedPullRequest('Unrelated pull request', ['checklist', 'month:2026-12']);
    const result = await sync();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(openKeys()).toEqual(await plannedKeys());
    const plan = JSON.parse((await runBinder(root, ['plan', '--month', '2026-12', '--json'])).stdout) as {
      key: string;
      title: string;
      labels: string[];
      assignees: string[];
    }[];
    for (const planned of plan) {
      const issue = standin.issues().find((candidate) => candidate.title === planned.title);
      expect(issue?.labels).toEqual(planned.labels);
      expect(issue?.assignees).toEqual(planned.assignees);
      expect(issue?.milestone).toBe(1);
    }
    const creates = standin.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/issues'),
    );
    expect(creates).toHaveLength(plan.length);
    expect(standin.milestoneTitles()).toEqual(['2026-12']);
    expect(standin.labelNames()).toEqual(
      expect.arrayContaining(['checklist', 'tier:onsite', 'month:2026-12', 'client:acme-dental']),
    );
    expect(standin.requests.every((request) => request.path.includes('/search/') === false)).toBe(true);
    expect(result.stdout).toContain(`Done: ${plan.length} created, 0 already there`);
    expect(standin.specViolations).toEqual([]);
  });

  it('makes zero writes on a re-run and never edits an existing issue', async () => {
    await sync();
    const bodies = standin.issues().map((issue) => issue.body);
    standin.editIssueBody(1, (bodies[0] ?? '').replace('- [ ]', '- [x]'), 'jane-tech');
    const writesBefore = standin.writes().length;
    const again = await sync();
    expect(again.code).toBe(0);
    expect(standin.writes().length).toBe(writesBefore);
    expect(standin.issues()[0]?.body).toContain('- [x]');
    expect(again.stdout).toContain(`Done: 0 created, ${(await plannedKeys()).length} already there`);
    expect(standin.specViolations).toEqual([]);
  });

  it('under 25 % injected faults of every kind, repeated runs end with exactly one open issue per key', async () => {
    const kinds = [
      '500',
      '502',
      '429',
      'secondary',
      'drop',
      'hang',
      'apply-then-502',
      'apply-then-drop',
      'apply-then-hang',
    ] as const;
    // Every kind at least once on an issue creation, and 25 % of all requests at random on top.
    standin.setFaults({
      scripted: kinds.map((kind) => ({ method: 'POST', path: /\/issues$/, kind })),
      random: { rate: 0.25, seed: 20261201, kinds: [...kinds] },
      retryAfter: 1,
    });
    const expected = await plannedKeys();
    let runs = 0;
    for (; runs < 10; runs++) {
      await syncWithHangs();
      if (openKeys().join() === expected.join()) break;
    }
    expect(runs).toBeLessThan(10);
    expect(openKeys()).toEqual(expected);
    expect(standin.requests.filter((request) => request.fault).length).toBeGreaterThan(5);
    expect(
      new Set(standin.requests.filter((request) => request.fault).map((request) => request.fault)).size,
    ).toBe(kinds.length);
    // One more quiet run changes nothing.
    standin.setFaults(undefined);
    const writes = standin.writes().length;
    await sync();
    expect(standin.writes().length).toBe(writes);
    expect(standin.specViolations).toEqual([]);
  });

  it('recovers an issue whose POST was applied before the connection dropped, without a duplicate', async () => {
    standin.setFaults({
      scripted: [
        { method: 'POST', path: /\/issues$/, kind: 'apply-then-drop' },
        { method: 'POST', path: /\/issues$/, kind: 'apply-then-502' },
      ],
    });
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/was created despite the error/);
    expect(standin.issues().filter((issue) => !issue.pullRequest)).toHaveLength((await plannedKeys()).length);
    expect(openKeys()).toEqual(await plannedKeys());
  });

  it('times out a create GitHub never answers, and finds it if it was applied, without a duplicate', async () => {
    standin.setFaults({
      scripted: [
        { method: 'POST', path: /\/issues$/, kind: 'hang' },
        { method: 'POST', path: /\/issues$/, kind: 'apply-then-hang' },
      ],
    });
    const result = await syncWithHangs();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/GitHub could not be reached while creating/);
    expect(result.stdout).toMatch(/was created despite the error/);
    expect(standin.issues().filter((issue) => !issue.pullRequest)).toHaveLength((await plannedKeys()).length);
    expect(openKeys()).toEqual(await plannedKeys());
  });

  it('closes duplicates, keeping the lowest number', async () => {
    await sync();
    const first = standin.issues()[0];
    const copy = standin.seedIssue({
      title: first?.title ?? '',
      body: first?.body ?? '',
      labels: first?.labels ?? [],
    });
    const result = await sync();
    expect(result.stdout).toMatch(new RegExp(`closed #${copy} as a duplicate of #1`));
    const duplicate = standin.issues().find((issue) => issue.number === copy);
    expect(duplicate).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
    expect(standin.commentsOf(copy).map((comment) => comment.body)).toEqual([
      expect.stringMatching(/^Duplicate of #1/),
    ]);
    expect(openKeys()).toEqual(await plannedKeys());
  });

  it('stops at --max-creates with exit 0 and a later run finishes', async () => {
    const summary = path.join(os.tmpdir(), `summary-${process.pid}-${Date.now()}.md`);
    await writeFile(summary, '');
    const first = await runBinder(root, ['sync', '--month', '2026-12', '--max-creates', '2'], {
      ...env(),
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `Budget of 2 reached: run sync again to create the remaining ${(await plannedKeys()).length - 2}`,
    );
    expect(standin.issues()).toHaveLength(2);
    const planned = (await plannedKeys()).length;
    expect(await readFile(summary, 'utf8')).toContain(`| ${planned} | 0 | 2 | ${planned - 2} | 0 |`);
    const second = await sync();
    expect(second.stdout).toContain(`Done: ${(await plannedKeys()).length - 2} created, 2 already there`);
    expect(openKeys()).toEqual(await plannedKeys());
  });

  it('--dry-run writes nothing', async () => {
    const result = await sync('--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/would create: Acme Dental Group · onsite maintenance · 2026-12/);
    expect(standin.writes()).toEqual([]);
  });

  it('makes no request at all when a shared file is invalid (exit 1)', async () => {
    const file = path.join(root, 'content/msp.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^timezone: .*$/m, 'timezone: America/Atlantis'),
    );
    const result = await sync();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing was sent to GitHub/);
    expect(result.stderr).toMatch(/content\/msp.yaml:\d+:11:/);
    expect(standin.requests).toEqual([]);
  });

  it.each([
    ['no token', { GITHUB_TOKEN: '' }, /GITHUB_TOKEN is not set/],
    ['a wrong token', { GITHUB_TOKEN: 'wrong' }, /rejected the token \(401/],
    [
      'a wrong repository',
      { GITHUB_REPOSITORY: 'test-msp/nope' },
      /repository test-msp\/nope does not exist or the token cannot see it \(404\)/,
    ],
  ])('says so in one sentence and exits 2 with %s', async (_label, overrides, message) => {
    const result = await runBinder(root, ['sync', '--month', '2026-12'], { ...env(), ...overrides });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').filter((line) => !line.startsWith('warning:'))).toHaveLength(1);
    expect(standin.writes()).toEqual([]);
  });

  it('exits 2 when GitHub stays down', async () => {
    standin.setFaults({ random: { rate: 1, seed: 1, kinds: ['502'] } });
    const result = await sync();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/GitHub failed while reading the repository \(502/);
  });

  it('says what it is doing from its first request, and warns when GITHUB_REPOSITORY is not msp.yaml’s repo', async () => {
    const quiet = await sync('--dry-run');
    expect(quiet.stdout.split('\n').slice(0, 3).join('\n')).toMatch(
      /planned[\s\S]*Checking access[\s\S]*Listing the issues/,
    );
    expect(quiet.stderr).toBe('');
    const file = path.join(root, 'content/msp.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('repo: northwind-it/binders', 'repo: northwind-it/docs'),
    );
    const warned = await sync('--dry-run');
    expect(warned.stderr).toContain(
      'warning: GITHUB_REPOSITORY is northwind-it/binders but content/msp.yaml says repo: northwind-it/docs',
    );
  });

  it('warns once while msp.yaml’s siteUrl is still init’s placeholder: every Binder link would point nowhere', async () => {
    const file = path.join(root, 'content/msp.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^siteUrl: .*$/m, `siteUrl: ${PLACEHOLDER_SITE_URL}`),
    );
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.includes('siteUrl'))).toEqual([
      `warning: content/msp.yaml's siteUrl is still the placeholder ${PLACEHOLDER_SITE_URL}, so each issue's Binder link leads nowhere. Set siteUrl to where staff read the staff site (docs/publishing.md), or run init again with --site-url; issues created before keep the placeholder.`,
    ]);
    const bodies = standin.issues().map((issue) => issue.body ?? '');
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.every((body) => body.includes(PLACEHOLDER_SITE_URL))).toBe(true);
  });

  it('a token that may read but not write issues stops at once: exit 2, one sentence naming the permission', async () => {
    // Labels and milestone exist (a run with a budget of 0 creates just those).
    expect((await sync('--max-creates', '0')).code).toBe(0);
    standin.setPermissions({ issues: 'read' });
    const writesBefore = standin.requests.filter((request) => request.method !== 'GET').length;
    const started = performance.now();
    const result = await sync();
    expect(result.code).toBe(2);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(
      standin.requests.filter((request) => request.method !== 'GET').length - writesBefore,
    ).toBeLessThanOrEqual(3);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/lacks the `issues: write` permission/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
