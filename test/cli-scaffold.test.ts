import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, removeTempRepo, runBinder, snapshotTree } from './helpers/temp-repo.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});

async function repoWithBinderTemplate() {
  const root = await makeTempRepo();
  roots.push(root);
  await cp(path.join(repoRoot, 'templates/binder'), path.join(root, 'templates/binder'), { recursive: true });
  return root;
}

const exec = promisify(execFile);

describe('binder new-client', () => {
  // This checkout's scaffold, as the MSP tuned it (README step 4): whatever files it holds.
  it('scaffolds a client from every file of templates/binder/, and it passes check', async () => {
    const root = await repoWithBinderTemplate();
    const scaffold = (
      await readdir(path.join(repoRoot, 'templates/binder'), { recursive: true, withFileTypes: true })
    )
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(path.join(repoRoot, 'templates/binder'), path.join(entry.parentPath, entry.name)),
      )
      .map((file) => `content/clients/globex-law/${file.split(path.sep).join('/')}`)
      .sort();
    const result = await runBinder(root, ['new-client', 'globex-law', '--name', 'Globex: "Law" & Co']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Created content/clients/globex-law/ with ${scaffold.length} files. Next: fill in index.md (tags, visit, assignees, contacts), then run \`npm run binder -- check\`.`,
    );
    expect(
      Object.keys(await snapshotTree(root))
        .filter((file) => file.startsWith('content/clients/globex-law/'))
        .sort(),
    ).toEqual(scaffold);
    const profile = await readFile(path.join(root, 'content/clients/globex-law/index.md'), 'utf8');
    expect(profile).toContain('name: "Globex: \\"Law\\" & Co"');
    expect(profile).not.toContain('{{');
    const check = await runBinder(root, ['check']);
    expect(check.stdout).toMatch(/no errors/);
    expect(check.code).toBe(0);
  });

  it('writes msp.yaml’s time zone into the new profile', async () => {
    const root = await repoWithBinderTemplate();
    await writeFile(
      path.join(root, 'content/msp.yaml'),
      'name: Test MSP\nsiteUrl: https://docs.test-msp.example\nrepo: test-msp/binders\ntimezone: Europe/London\n',
    );
    expect((await runBinder(root, ['new-client', 'globex', '--name', 'Globex'])).code).toBe(0);
    const profile = await readFile(path.join(root, 'content/clients/globex/index.md'), 'utf8');
    expect(profile).toMatch(/^timezone: "Europe\/London"$/m);
    expect(profile).not.toContain('America/Chicago');
  });

  it('refuses without a valid msp.yaml, saying how to write one, and writes nothing', async () => {
    const root = await repoWithBinderTemplate();
    await rm(path.join(root, 'content/msp.yaml'));
    const before = await snapshotTree(root);
    const missing = await runBinder(root, ['new-client', 'globex', '--name', 'Globex']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: content/msp.yaml is missing: write it with `npm run binder -- init --name "…" --repo owner/name --timezone Area/City`.',
    );
    await writeFile(path.join(root, 'content/msp.yaml'), 'name: Test MSP\ntimezone: Mars/Olympus\n');
    const invalid = await runBinder(root, ['new-client', 'globex', '--name', 'Globex']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^error: content\/msp\.yaml is invalid; fix it first:\ncontent\/msp\.yaml:/,
    );
    expect(await snapshotTree(root)).toEqual({
      ...before,
      'content/msp.yaml': 'name: Test MSP\ntimezone: Mars/Olympus\n',
    });
  });

  it.each([
    [['new-client', 'Globex', '--name', 'Globex'], 'malformed slug'],
    [['new-client', 'acme', '--name', 'Acme again'], 'existing slug'],
    [['new-client', 'globex'], 'missing name'],
    [['new-client', '--name', 'Globex'], 'missing slug'],
  ])('refuses %j (%s), exit 1, writing nothing', async (args, _label) => {
    const root = await repoWithBinderTemplate();
    const before = await snapshotTree(root);
    const result = await runBinder(root, args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: /);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('pins the refusal messages', async () => {
    const root = await repoWithBinderTemplate();
    expect((await runBinder(root, ['new-client', 'Globex', '--name', 'G'])).stderr).toMatchInlineSnapshot(
      `"error: \`Globex\` is not a valid client slug: use lowercase letters, digits and dashes, starting with a letter or digit (e.g. \`harbor-dental\`)."`,
    );
    expect((await runBinder(root, ['new-client', 'acme', '--name', 'A'])).stderr).toMatchInlineSnapshot(
      `"error: client \`acme\` already exists (content/clients/acme/); choose another slug or edit that client."`,
    );
  });
});

describe('binder new-note', () => {
  it("creates today's note, which passes check", async () => {
    const root = await repoWithBinderTemplate();
    const result = await runBinder(
      root,
      ['new-note', 'acme', 'Replaced the UPS battery!', '--author', 'jane-tech'],
      {},
      new Date('2026-12-08T15:00:00Z'),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(
      `"Created content/clients/acme/notes/2026-12-08-replaced-the-ups-battery.md. Write the note, then open a pull request."`,
    );
    const note = await readFile(
      path.join(root, 'content/clients/acme/notes/2026-12-08-replaced-the-ups-battery.md'),
      'utf8',
    );
    expect(note).toMatchInlineSnapshot(`
      "---
      date: 2026-12-08
      author: jane-tech
      title: Replaced the UPS battery!
      visibility: client
      ---

      What was done, what was found, what is left to do.
      "
    `);
    // Left as new-note wrote it, the note is an error; written, it passes.
    expect((await runBinder(root, ['check'])).code).toBe(1);
    const file = path.join(root, 'content/clients/acme/notes/2026-12-08-replaced-the-ups-battery.md');
    await writeFile(
      file,
      note.replace('What was done, what was found, what is left to do.', 'Swapped the battery.'),
    );
    expect((await runBinder(root, ['check'])).code).toBe(0);
  });

  it('refuses an unknown client and an existing note', async () => {
    const root = await repoWithBinderTemplate();
    const now = new Date('2026-12-08T15:00:00Z');
    const unknown = await runBinder(root, ['new-note', 'globex', 'Visit', '--author', 'jane-tech'], {}, now);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatchInlineSnapshot(
      `"error: there is no client \`globex\` (no content/clients/globex/index.md). Clients are: acme."`,
    );
    expect(
      (await runBinder(root, ['new-note', 'acme', 'Visit', '--author', 'jane-tech'], {}, now)).code,
    ).toBe(0);
    const again = await runBinder(root, ['new-note', 'acme', 'Visit', '--author', 'jane-tech'], {}, now);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatchInlineSnapshot(
      `"error: content/clients/acme/notes/2026-12-08-visit.md already exists: give the note another title or edit that file."`,
    );
  });

  it('takes the author from GITHUB_ACTOR, else git config github.user, else a GitHub noreply email', async () => {
    const root = await repoWithBinderTemplate();
    const now = new Date('2026-12-08T15:00:00Z');
    const authorOf = async (title: string, env: Record<string, string> = {}) => {
      expect((await runBinder(root, ['new-note', 'acme', title], env, now)).code).toBe(0);
      const text = await readFile(
        path.join(root, `content/clients/acme/notes/2026-12-08-${title}.md`),
        'utf8',
      );
      return /^author: (.*)$/m.exec(text)?.[1];
    };
    await exec('git', ['init', '-q'], { cwd: root });
    await exec('git', ['config', 'user.email', '12345+amy-noc@users.noreply.github.com'], { cwd: root });
    expect(await authorOf('by-actor', { GITHUB_ACTOR: 'jane-tech' })).toBe('jane-tech');
    expect(await authorOf('by-email')).toBe('amy-noc');
    await exec('git', ['config', 'github.user', 'bob-onsite'], { cwd: root });
    expect(await authorOf('by-config')).toBe('bob-onsite');
  });
  it('takes the author from git config user.name when it is a GitHub login, never from a display name', async () => {
    const root = await repoWithBinderTemplate();
    const now = new Date('2026-12-08T15:00:00Z');
    const authorOf = async (title: string) => {
      const result = await runBinder(root, ['new-note', 'acme', title], {}, now);
      expect(result.code).toBe(0);
      const text = await readFile(
        path.join(root, `content/clients/acme/notes/2026-12-08-${title}.md`),
        'utf8',
      );
      return { author: /^author: (.*)$/m.exec(text)?.[1], stdout: result.stdout };
    };
    await exec('git', ['init', '-q'], { cwd: root });
    // This repository's own settings, whatever the machine's global ones say.
    await exec('git', ['config', 'user.email', 'jane@acme-msp.example'], { cwd: root });
    await exec('git', ['config', 'user.name', 'Jane Tech'], { cwd: root });
    expect(await authorOf('display-name')).toEqual({
      author: 'your-github-login',
      stdout:
        'Created content/clients/acme/notes/2026-12-08-display-name.md (set `author:` to your GitHub login). Write the note, then open a pull request.',
    });
    await exec('git', ['config', 'user.name', 'jane-tech'], { cwd: root });
    expect((await authorOf('login-name')).author).toBe('jane-tech');
    // A GitHub noreply address names the login for certain: it comes first.
    await exec('git', ['config', 'user.email', '12345+amy-noc@users.noreply.github.com'], { cwd: root });
    expect((await authorOf('noreply-first')).author).toBe('amy-noc');
  });

  it('says in its usage where the author comes from, in the order it looks', async () => {
    const result = await runBinder(await repoWithBinderTemplate(), ['new-note', '--help']);
    expect(result.stdout).toContain(
      'The author is --author, else $GITHUB_ACTOR, else `git config github.user`, else the login in a\nGitHub noreply `git config user.email` (<id>+<login>@users.noreply.github.com), else\n`git config user.name` when it is a GitHub login (`jane-tech`, not `Jane Tech`).',
    );
  });
});

describe('binder new-note --issue', () => {
  it('links the note to its checklist issue, and the note passes check once written', async () => {
    const root = await repoWithBinderTemplate();
    const now = new Date('2026-12-08T15:00:00Z');
    expect(
      (
        await runBinder(
          root,
          ['new-note', 'acme', 'Visit', '--author', 'jane-tech', '--issue', '412'],
          {},
          now,
        )
      ).code,
    ).toBe(0);
    const file = path.join(root, 'content/clients/acme/notes/2026-12-08-visit.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('issue: 412');
    await writeFile(file, text.replace('What was done, what was found, what is left to do.', 'UPS tested.'));
    expect((await runBinder(root, ['check'])).code).toBe(0);
    for (const bad of ['0', '-3', 'abc'])
      expect(
        (
          await runBinder(
            root,
            ['new-note', 'acme', `Visit ${bad}`, '--author', 'jane-tech', '--issue', bad],
            {},
            now,
          )
        ).code,
      ).toBe(1);
  });
});
