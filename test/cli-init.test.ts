import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readContent } from '../src/content/read-content.ts';
import { resolveClientChecklist } from '../src/core/client-checklist.ts';
import { clientTimeZone } from '../src/core/client-time-zone.ts';
import { dueDateForMonth } from '../src/core/due-date.ts';
import { editFrontmatterYaml } from '../src/core/frontmatter.ts';
import { REPO_ROOT } from './helpers/example-repo.ts';
import { makeTempRepo, removeTempRepo, runBinder, snapshotTree } from './helpers/temp-repo.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});

const INIT = [
  'init',
  '--name',
  'Northwind IT',
  '--repo',
  'northwind-it/binders',
  '--timezone',
  'Europe/London',
];
const NOW = new Date('2026-11-24T12:00:00Z');

/** Every file under `dirs` of `root` whose text mentions `word` (case-insensitive). */
async function filesMentioning(root: string, dirs: string[], word: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.filter((candidate) => candidate.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      if (word.test(await readFile(file, 'utf8'))) found.push(path.relative(root, file));
    }
  }
  return found.sort();
}

/** A repository shaped like the bundled example MSP: its msp.yaml, clients, archives and leftovers. */
async function exampleLikeRepo(): Promise<string> {
  const profile = (name: string) =>
    `---\nname: ${name}\ntimezone: America/New_York\nvisit: second tuesday\n---\n${name}.\n`;
  const root = await makeTempRepo({
    'content/msp.yaml':
      'name: Tidewater IT Services\nlogo: content/tidewater-logo.svg\nsiteUrl: https://docs.tidewater-it.example\nrepo: tidewater-it/binders\ntimezone: America/New_York\nassignees:\n  onsite: [jane-tech]\n',
    'content/tidewater-logo.svg':
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Tidewater IT</title></svg>\n',
    'content/clients/acme/index.md': null,
    'content/clients/acme/binder/backups.md': null,
    'content/clients/harbor-dental/index.md': profile('Harbor Dental'),
    'content/clients/cedar-ledger/index.md': profile('Cedar Ledger'),
    'content/clients/cedar-ledger/notes/2026-10-13-visit.md':
      '---\ndate: 2026-10-13\nauthor: jane-tech\ntitle: Visit\n---\nDone.\n',
    'content/checklists/cedar-ledger/2026-10-onsite.md': [
      '---',
      'client: cedar-ledger',
      'month: 2026-10',
      'tier: onsite',
      'template: monthly',
      'issue: 7',
      'url: https://github.com/tidewater-it/binders/issues/7',
      'state: completed',
      'items:',
      '  - { id: checkin-contact, text: Client check-in, status: done }',
      '---',
      '',
    ].join('\n'),
    'templates/checklists/monthly.md': [
      '---',
      'title: Monthly maintenance',
      "description: Tidewater IT's standard monthly maintenance checklist.",
      '---',
      '',
      '## Checks',
      '',
      '- Review the system log {#system-log-warnings remote}',
      '  SOP: https://wiki.tidewater-it.example/sop/event-log-review',
      '- Client check-in {#checkin-contact onsite}',
      '',
    ].join('\n'),
    '.github/CODEOWNERS': '# Who reviews what.\n/content/clients/   @tidewater-it/technicians\n',
  });
  roots.push(root);
  await cp(path.join(REPO_ROOT, 'templates/binder'), path.join(root, 'templates/binder'), {
    recursive: true,
  });
  return root;
}

describe('binder init', () => {
  it('turns the example into a blank MSP, says what it did and what to do next', async () => {
    const root = await exampleLikeRepo();
    const result = await runBinder(root, INIT, {}, NOW);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Set up msp-binder for Northwind IT (northwind-it/binders, due dates in Europe/London):
        wrote    content/msp.yaml
        removed  2 clients (cedar-ledger, harbor-dental) and 1 archived checklist
        removed  content/tidewater-logo.svg, the example's logo (add yours as \`logo:\` in content/msp.yaml for the printed binder and reports)
        reset    templates/checklists/monthly.md: the example MSP's name (1×), 1 SOP link to its wiki
        reset    .github/CODEOWNERS: 1 rule naming @tidewater-it teams, commented out for @northwind-it
        siteUrl  is a placeholder (https://staff-site.invalid): set it in content/msp.yaml to where staff will read the site (docs/publishing.md), or run init again with --site-url.

      Next steps:
        1. Add your clients, one by one:
             npm run binder -- new-client harbor-dental --name "Harbor Dental"
           then fill in content/clients/harbor-dental/index.md (tags, visit, assignees, contacts)
           and its binder/ sections.
        2. Tune templates/checklists/monthly.md: your items, and \`SOP:\` links to your own procedures.
           Default assignees per tier go in content/msp.yaml.
        3. Check everything, until it is clean:  npm run binder -- check
        4. See the issues a month would get:     npm run binder -- plan --month 2026-11
        5. Commit and push:
             git add -A && git commit -m "Adopt msp-binder for Northwind IT" && npm run binder -- push
        6. Switch the workflows on, in northwind-it/binders on GitHub: the Actions tab (enable workflows if
           GitHub asks; they need no secret). They open the checklist issues on the 1st; try one now:
           Actions → Monthly checklists → Run workflow, with "Only show what would be created" ticked.
           Before the site workflow publishes the staff site, read docs/publishing.md: Pages sites are public."
    `);
    const tree = await snapshotTree(root);
    expect(
      Object.keys(tree)
        .filter((file) => file.startsWith('content/'))
        .sort(),
    ).toEqual([
      'content/checklists/.gitkeep',
      'content/clients/.gitkeep',
      'content/evidence/.gitkeep',
      'content/msp.yaml',
    ]);
    expect(tree['content/msp.yaml']).toContain('name: Northwind IT\n');
    expect(tree['.github/CODEOWNERS']).toContain('# /content/clients/   @northwind-it/technicians');
    expect(await filesMentioning(root, ['content', 'templates', '.github'], /tidewater/i)).toEqual([]);
    expect((await runBinder(root, ['check'], {}, NOW)).code).toBe(0);
  });

  it('refuses to run over clients of the MSP’s own, changing nothing, unless --force', async () => {
    const root = await exampleLikeRepo();
    expect((await runBinder(root, INIT, {}, NOW)).code).toBe(0);
    expect((await runBinder(root, ['new-client', 'acme', '--name', 'Acme'], {}, NOW)).code).toBe(0);
    const before = await snapshotTree(root);
    const again = await runBinder(root, [...INIT.slice(0, 2), 'Other IT', ...INIT.slice(3)], {}, NOW);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'error: content/ already holds a client of your own (acme): init would delete it, with every binder, note and archived checklist. Nothing was changed. To start over anyway, run init again with --force.',
    );
    expect(await snapshotTree(root)).toEqual(before);
    const forced = await runBinder(root, [...INIT, '--force'], {}, NOW);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('removed  1 client (acme) and 0 archived checklists');
  });

  it('keeps a logo of the MSP’s own when run again with --force', async () => {
    const root = await exampleLikeRepo();
    expect((await runBinder(root, INIT, {}, NOW)).code).toBe(0);
    const own =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Northwind</title></svg>\n';
    await writeFile(path.join(root, 'content/northwind-logo.svg'), own);
    const settings = await readFile(path.join(root, 'content/msp.yaml'), 'utf8');
    await writeFile(path.join(root, 'content/msp.yaml'), `${settings}logo: content/northwind-logo.svg\n`);
    const again = await runBinder(root, [...INIT, '--force'], {}, NOW);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('logo');
    expect(await readFile(path.join(root, 'content/northwind-logo.svg'), 'utf8')).toBe(own);
  });

  it('runs again over a blank MSP (no clients yet), e.g. to set the site URL', async () => {
    const root = await exampleLikeRepo();
    expect((await runBinder(root, INIT, {}, NOW)).code).toBe(0);
    const again = await runBinder(
      root,
      [...INIT, '--site-url', 'https://binders.northwind-it.example'],
      {},
      NOW,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('placeholder');
    expect(await readFile(path.join(root, 'content/msp.yaml'), 'utf8')).toContain(
      'siteUrl: https://binders.northwind-it.example\n',
    );
  });

  it.each([
    [
      ['init'],
      'error: give --name, --repo, --timezone: npm run binder -- init --name "Northwind IT" --repo northwind-it/binders --timezone Europe/London (run `npm run binder -- init --help` for more).',
    ],
    [
      [...INIT.slice(0, 3), '--repo', '../..', ...INIT.slice(5)],
      'error: --repo must be `owner/name`, e.g. `northwind-it/binders`; got `../..`.',
    ],
    [
      [...INIT.slice(0, 3), '--repo', 'https://github.com/northwind-it/binders', ...INIT.slice(5)],
      'error: --repo must be `owner/name`, e.g. `northwind-it/binders`; got `https://github.com/northwind-it/binders`.',
    ],
    [
      [...INIT.slice(0, 3), '--repo', 'northwind-it/binders/extra', ...INIT.slice(5)],
      'error: --repo must be `owner/name`, e.g. `northwind-it/binders`; got `northwind-it/binders/extra`.',
    ],
    [
      [...INIT.slice(0, 5), '--timezone', '+01:00'],
      'error: --timezone is not an IANA time zone name; use one like `America/Chicago` or `Europe/London`; got `+01:00`.',
    ],
    [
      [...INIT.slice(0, 5), '--timezone', 'Mars/Olympus'],
      'error: --timezone is not an IANA time zone name; use one like `America/Chicago` or `Europe/London`; got `Mars/Olympus`.',
    ],
    [
      ['init', '--name', '  ', ...INIT.slice(3)],
      'error: --name must not be empty (e.g. "Northwind IT"); got `  `.',
    ],
    [
      [...INIT, '--site-url', 'docs.northwind-it.example'],
      'error: --site-url must be an http(s) URL (e.g. https://docs.northwind-it.example); got `docs.northwind-it.example`.',
    ],
    [
      [...INIT, 'extra'],
      'error: init takes no positional arguments (got `extra`): npm run binder -- init --name "Northwind IT" --repo northwind-it/binders --timezone Europe/London',
    ],
    [
      [...INIT, '--colour', 'blue'],
      "error: Unknown option '--colour'. Run `npm run binder -- init --help` for usage.",
    ],
  ])('refuses %j with one line, exit 1, writing nothing', async (args, message) => {
    const root = await exampleLikeRepo();
    const before = await snapshotTree(root);
    const result = await runBinder(root, args, {}, NOW);
    expect(result.stderr).toBe(message);
    expect(result.code).toBe(1);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('writes the time zone with the database’s capitals', async () => {
    const root = await exampleLikeRepo();
    expect((await runBinder(root, [...INIT.slice(0, 5), '--timezone', 'europe/london'], {}, NOW)).code).toBe(
      0,
    );
    expect(await readFile(path.join(root, 'content/msp.yaml'), 'utf8')).toContain(
      'timezone: Europe/London\n',
    );
  });
});

describe('adopting this repository as the README says', () => {
  it('init, new-client, check and plan work on a copy of it, and nothing of Tidewater’s is left', async () => {
    const root = await makeTempRepo();
    roots.push(root);
    for (const dir of ['content', 'templates', '.github']) {
      await mkdir(path.join(root, dir), { recursive: true });
      await cp(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
    }
    // --force: this copy holds whatever content/ this checkout has (the example, or an MSP's own).
    const init = await runBinder(root, [...INIT, '--force'], {}, NOW);
    expect(init.code).toBe(0);
    expect(await filesMentioning(root, ['content', 'templates', '.github'], /tidewater/i)).toEqual([]);
    const created = await runBinder(
      root,
      ['new-client', 'harbor-dental', '--name', 'Harbor Dental'],
      {},
      NOW,
    );
    expect(created.code).toBe(0);
    // The templates are this checkout's, as the MSP tuned them (README step 4: its own items,
    // tags, visit rule and sections): the client gets every tag they use, so every item applies.
    const templateTags = [
      ...new Set(
        [...(await readContent(root)).templates.values()].flatMap((entry) =>
          entry.template.items.flatMap((item) => item.tags),
        ),
      ),
    ].sort();
    const profileFile = path.join(root, 'content/clients/harbor-dental/index.md');
    const profile = editFrontmatterYaml(await readFile(profileFile, 'utf8'), (document) =>
      document.set('tags', document.createNode(templateTags, { flow: true })),
    );
    await writeFile(profileFile, profile ?? '');
    const check = await runBinder(root, ['check'], {}, NOW);
    expect(check.stdout).toMatch(/no errors/);
    expect(check.code).toBe(0);
    const plan = await runBinder(root, ['plan', '--month', '2026-12', '--json'], {}, NOW);
    expect(plan.code).toBe(0);
    const issues = JSON.parse(plan.stdout) as { key: string; dueDate: string; items: { id: string }[] }[];
    // What the plan must hold follows from the templates and the profile: each item of the
    // client's checklist that falls in December, in its tier's issue, on the visit rule's date.
    const content = await readContent(root);
    const client = content.clients.find((entry) => entry.slug === 'harbor-dental');
    if (!client) throw new Error('harbor-dental was not created');
    const templates = new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
    const expected: Record<string, string[]> = {};
    for (const item of resolveClientChecklist(client.data, templates).items) {
      if (!item.months.includes(12)) continue;
      const key = `harbor-dental/2026-12/${item.tier}`;
      expected[key] = [...(expected[key] ?? []), item.id];
    }
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(
      Object.fromEntries(issues.map((issue) => [issue.key, issue.items.map((item) => item.id)])),
    ).toEqual(expected);
    expect(new Set(issues.map((issue) => issue.dueDate))).toEqual(
      new Set([dueDateForMonth(client.data.visit, '2026-12', content.msp)]),
    );
    // The client is in msp.yaml's time zone (the scaffold writes it into the profile).
    expect(content.msp && clientTimeZone(client.data, content.msp)).toBe('Europe/London');
    expect(plan.stdout).not.toMatch(/tidewater/i);
  });
});
