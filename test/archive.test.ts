import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubStandin, startGitHubStandin } from '../standins/github/server.ts';
import { REPO_ROOT } from './helpers/example-repo.ts';
import { FIXTURE_MSP_WITH_HISTORY } from './helpers/fixture-msp.ts';
import { FIXTURE_REPOSITORY, standinEnv } from './helpers/standin-env.ts';
import { makeRepo, removeTempRepo, runBinder } from './helpers/temp-repo.ts';

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) =>
  exec('git', args, { cwd }).then((result) => result.stdout.trim());

let standin: GitHubStandin;
let root: string;
const env = () => standinEnv(standin, FIXTURE_REPOSITORY);

beforeEach(async () => {
  standin = await startGitHubStandin({ repository: FIXTURE_REPOSITORY });
  root = await makeRepo(FIXTURE_MSP_WITH_HISTORY);
});
afterEach(async () => {
  await standin.close();
  await removeTempRepo(root);
});

/** Syncs December, then works the Harbor Dental onsite issue like a technician. Returns its number. */
async function workOnsiteIssue(): Promise<number> {
  expect((await runBinder(root, ['sync', '--month', '2026-12'], env())).code).toBe(0);
  const issue = standin
    .issues()
    .find((candidate) => candidate.title === 'Acme Dental Group · onsite maintenance · 2026-12');
  if (!issue?.body) throw new Error('no onsite issue');
  let body = issue.body;
  body = body.replace(/- \[ \] (Run the UPS self-test[^\n]*)/, '- [x] $1');
  body = body.replace(/- \[ \] (Client check-in[^\n]*)/, '- [X] $1');
  body = body.replace(/- \[ \] (Label the rotated backup media)([^\n]*?)( <!--)/, '- [ ] ~~$1$2~~$3');
  body = body.replace(/- \[ \] (Update the binder's tech notes[^\n]*)/, '- [x] $1');
  body += '- [x] Replaced the toner in the front-desk printer\n';
  standin.editIssueBody(issue.number, body, 'jane-tech');
  standin.addComment(
    issue.number,
    'Server closet locked, the key holder was out: walkthrough moved to January.',
    'jane-tech',
    new Date('2026-12-08T18:40:00Z'),
  );
  standin.addComment(
    issue.number,
    'UPS self-test passed, 41 minutes runtime.',
    'jane-tech',
    new Date('2026-12-08T18:20:00Z'),
  );
  standin.closeIssue(issue.number, {
    reason: 'completed',
    login: 'jane-tech',
    at: new Date('2026-12-08T19:02:11Z'),
  });
  return issue.number;
}

/** Makes the checkout a git repository with everything in it committed. */
async function commitEverything(root: string): Promise<void> {
  await git(root, 'init', '-q', '-b', 'main');
  await git(root, 'config', 'user.email', 'test@example.com');
  await git(root, 'config', 'user.name', 'Test');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', 'seed');
}

describe('binder archive', () => {
  it('archives a worked issue with statuses, closer and notes; same bytes twice; check passes', async () => {
    const number = await workOnsiteIssue();
    const first = await runBinder(root, ['archive', '--issue', String(number)], env());
    expect(first.code).toBe(0);
    const file = path.join(root, 'content/checklists/acme-dental/2026-12-onsite.md');
    const text = await readFile(file, 'utf8');
    expect(
      text.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT').replace(/sha256:[0-9a-f]{64}/, 'sha256:DIGEST'),
    ).toMatchInlineSnapshot(`
      "---
      client: acme-dental
      month: 2026-12
      tier: onsite
      template: monthly
      issue: 3
      url: http://127.0.0.1:PORT/northwind-it/binders/issues/3
      state: incomplete
      closedAt: 2026-12-08T19:02:11Z
      closedBy: jane-tech
      assignees:
        - jane-tech
      dueDate: 2026-12-08
      items:
        - id: ups-self-test
          text: Run the UPS self-test and note the runtime
          status: done
        - id: checkin-contact
          text: Client check-in with the office manager
          status: done
        - id: backup-verify
          text: Verify last night's backup completed and a sample file opens from it
          status: not-done
        - id: backup-media-offsite
          text: Label the rotated backup media and hand it to the person who takes it offsite
          status: not-applicable
        - id: server-room-walkthrough
          text: "Check the server room: temperature, airflow, dust, cabling"
          status: not-done
          note: "Server closet locked, the key holder was out: walkthrough moved to January."
        - id: update-tech-notes
          text: Update the binder's tech notes with a time-stamped entry for this visit
          status: done
        - id: added-replaced-the-toner-in-the-front-desk-pri
          text: Replaced the toner in the front-desk printer
          status: done
      comments:
        - author: jane-tech
          at: 2026-12-08T18:20:00Z
          visibility: internal
          body: UPS self-test passed, 41 minutes runtime.
        - author: jane-tech
          at: 2026-12-08T18:40:00Z
          visibility: internal
          body: "Server closet locked, the key holder was out: walkthrough moved to January."
      digest: sha256:DIGEST
      ---
      "
    `);
    const second = await runBinder(root, ['archive', '--issue', String(number)], env());
    expect(second.stdout).toMatch(/unchanged/);
    expect(await readFile(file, 'utf8')).toBe(text);
    const check = await runBinder(root, ['check']);
    expect(check.stdout).toMatch(/no errors/);
    expect(standin.specViolations).toEqual([]);
  });

  it('comments once on unexplained unticked items and labels the issue incomplete', async () => {
    const number = await workOnsiteIssue();
    await runBinder(root, ['archive', '--issue', String(number)], env());
    await runBinder(root, ['archive', '--month', '2026-12'], env());
    const bot = standin
      .commentsOf(number)
      .filter((comment) => comment.body.includes('<!-- msp-binder:incomplete -->'));
    expect(bot).toHaveLength(1);
    expect(bot[0]?.body).toMatch(/Verify last night's backup/);
    expect(bot[0]?.body).not.toMatch(/server room/i);
    expect(standin.issues().find((issue) => issue.number === number)?.labels).toContain('incomplete');
    // The bot's own comment does not change the archive.
    const again = await runBinder(root, ['archive', '--issue', String(number)], env());
    expect(again.stdout).toMatch(/unchanged/);
  });

  it('archives a reopened issue as reopened, then as closed again', async () => {
    const number = await workOnsiteIssue();
    await runBinder(root, ['archive', '--issue', String(number)], env());
    standin.reopenIssue(number, 'jane-tech');
    await runBinder(root, ['archive', '--issue', String(number)], env());
    const file = path.join(root, 'content/checklists/acme-dental/2026-12-onsite.md');
    expect(await readFile(file, 'utf8')).toMatch(/state: reopened\nclosedAt: null\nclosedBy: null/);
    const issue = standin.issues().find((candidate) => candidate.number === number);
    standin.editIssueBody(number, (issue?.body ?? '').replaceAll('- [ ]', '- [x]'), 'jane-tech');
    standin.closeIssue(number, {
      reason: 'completed',
      login: 'marco-onsite',
      at: new Date('2026-12-09T10:00:00Z'),
    });
    await runBinder(root, ['archive', '--issue', String(number)], env());
    expect(await readFile(file, 'utf8')).toMatch(
      /state: completed\nclosedAt: 2026-12-09T10:00:00Z\nclosedBy: marco-onsite/,
    );
  });

  it('archives a visit closed as not planned as skipped', async () => {
    expect((await runBinder(root, ['sync', '--month', '2026-12'], env())).code).toBe(0);
    const issue = standin.issues()[0];
    standin.closeIssue(issue?.number ?? 0, { reason: 'not_planned', login: 'helpdesk-amy' });
    await runBinder(root, ['archive', '--month', '2026-12'], env());
    const files = await readdir(path.join(root, 'content/checklists/acme-dental'));
    expect(files).toContain('2026-12-automatic.md');
    const skipped = await readFile(
      path.join(root, 'content/checklists/acme-dental/2026-12-automatic.md'),
      'utf8',
    );
    expect(skipped).toMatch(/state: skipped/);
    // Found by listing, which omits closed_by on GitHub, yet the closer is recorded.
    expect(skipped).toMatch(/closedBy: helpdesk-amy/);
    expect(standin.commentsOf(issue?.number ?? 0)).toEqual([]);
  });

  it('skips issues that are no checklist, and open issues', async () => {
    const other = standin.seedIssue({ title: 'Printer broken', body: 'help', labels: ['bug'] });
    const pr = standin.seedPullRequest('A PR');
    expect((await runBinder(root, ['archive', '--issue', String(other)], env())).stdout).toMatch(
      /not a msp-binder checklist issue/,
    );
    expect((await runBinder(root, ['archive', '--issue', String(pr)], env())).stdout).toMatch(
      /pull request\): skipped/,
    );
    await runBinder(root, ['sync', '--month', '2026-12'], env());
    const result = await runBinder(root, ['archive', '--since', '2026-11-01'], env());
    expect(result.stdout).toMatch(/0 checklist\(s\) archived/);
  });

  it('never writes an archive check would reject (an edited item id): exit 1, the others archived and committed, check passes', async () => {
    await commitEverything(root);
    const number = await workOnsiteIssue();
    const onsite = standin.issues().find((issue) => issue.number === number);
    standin.editIssueBody(
      number,
      (onsite?.body ?? '').replace('<!-- item:ups-self-test -->', '<!-- item:ups-self-tset -->'),
      'jane-tech',
    );
    const remote = standin
      .issues()
      .find((candidate) => candidate.title === 'Acme Dental Group · remote maintenance · 2026-12');
    standin.closeIssue(remote?.number ?? 0, { reason: 'completed', login: 'helpdesk-amy' });

    const named = await runBinder(root, ['archive', '--issue', String(number), '--commit'], env());
    expect(named.code, named.stdout + named.stderr).toBe(1);
    expect(named.stdout).toContain(`#${number} would write an archive that binder check rejects`);
    expect(named.stdout).toContain('did you mean `ups-self-test`?');
    const onsiteFile = path.join(root, 'content/checklists/acme-dental/2026-12-onsite.md');
    await expect(readFile(onsiteFile, 'utf8')).rejects.toThrow();

    const batch = await runBinder(root, ['archive', '--month', '2026-12', '--commit'], env());
    expect(batch.code, batch.stdout + batch.stderr).toBe(1);
    expect(batch.stdout).toMatch(/1 checklist\(s\) archived, 1 changed, 1 refused/);
    expect(await git(root, 'status', '--porcelain')).toBe('');
    expect(await git(root, 'log', '-1', '--name-only', '--format=')).toBe(
      'content/checklists/acme-dental/2026-12-remote.md',
    );
    const check = await runBinder(root, ['check'], env());
    expect(check.code, check.stdout).toBe(0);
  });

  it('refuses bad flags (exit 1) and bad tokens (exit 2)', async () => {
    expect((await runBinder(root, ['archive'], env())).code).toBe(1);
    expect((await runBinder(root, ['archive', '--issue', 'x'], env())).code).toBe(1);
    expect((await runBinder(root, ['archive', '--since', '2026-13-45'], env())).code).toBe(1);
    const bad = await runBinder(root, ['archive', '--issue', '1'], { ...env(), GITHUB_TOKEN: 'nope' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rejected the token/);
  });

  it('30 issues closed at once, archived by 30 racing processes pushing to one bare remote: 30 files, no commit lost', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'binder-race-'));
    try {
      const remote = path.join(work, 'remote.git');
      await git(work, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
      const seed = path.join(work, 'seed');
      await exec('cp', ['-r', root, seed]);
      await git(seed, 'init', '--quiet', '--initial-branch=main');
      await git(seed, 'add', '.');
      await git(
        seed,
        '-c',
        'user.name=seed',
        '-c',
        'user.email=seed@example.com',
        'commit',
        '--quiet',
        '-m',
        'seed',
      );
      await git(seed, 'remote', 'add', 'origin', remote);
      await git(seed, 'push', '--quiet', 'origin', 'main');
      // 30 checklist issues: six months of the fixture's two clients and three tiers.
      for (const month of ['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'])
        await runBinder(root, ['sync', '--month', month], env());
      const issues = standin.issues().slice(0, 30);
      expect(issues).toHaveLength(30);
      for (const issue of issues) {
        standin.editIssueBody(issue.number, (issue.body ?? '').replaceAll('- [ ]', '- [x]'), 'jane-tech');
        standin.closeIssue(issue.number, {
          reason: 'completed',
          login: 'jane-tech',
          at: new Date('2026-12-31T23:00:00Z'),
        });
      }
      const clones = await Promise.all(
        issues.map(async (issue) => {
          const clone = path.join(work, `clone-${issue.number}`);
          await git(work, 'clone', '--quiet', remote, clone);
          await git(clone, 'config', 'user.name', 'github-actions[bot]');
          await git(clone, 'config', 'user.email', '41898282+github-actions[bot]@users.noreply.github.com');
          // No detached background `git gc` still writing into the clone when the test cleans up.
          await git(clone, 'config', 'gc.auto', '0');
          return { clone, number: issue.number };
        }),
      );
      const results = await Promise.all(
        clones.map(({ clone, number }) =>
          exec(
            process.execPath,
            [
              path.join(REPO_ROOT, 'scripts/binder.ts'),
              'archive',
              '--issue',
              String(number),
              '--commit',
              '--push',
            ],
            {
              cwd: clone,
              env: { ...process.env, ...env() },
            },
          ).then(
            () => 0,
            (error: { code: number; stderr: string }) => {
              throw new Error(`archive #${number} failed (${error.code}): ${error.stderr}`);
            },
          ),
        ),
      );
      expect(results).toEqual(Array(30).fill(0));
      const check = path.join(work, 'check');
      await git(work, 'clone', '--quiet', remote, check);
      const archived = (await git(check, 'ls-files', 'content/checklists'))
        .split('\n')
        .filter((file) => /\/(2026-12|2027-0[1-5])-/.test(file));
      expect(archived).toHaveLength(30);
      const log = (await git(check, 'log', '--format=%s')).split('\n');
      expect(log.filter((subject) => subject.startsWith('Archive checklist #'))).toHaveLength(30);
      expect((await runBinder(check, ['check'])).code).toBe(0);
    } finally {
      await rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  }, 240_000);

  it('archive --commit after a plain archive commits the files the first run left', async () => {
    await commitEverything(root);
    const number = await workOnsiteIssue();
    expect((await runBinder(root, ['archive', '--issue', String(number)], env())).code).toBe(0);
    const second = await runBinder(root, ['archive', '--issue', String(number), '--commit'], env());
    expect(second.stdout).toMatch(/Committed: Archive checklist #\d+ \(acme-dental\/2026-12-onsite/);
    expect(await git(root, 'status', '--porcelain')).toBe('');
  });
});
