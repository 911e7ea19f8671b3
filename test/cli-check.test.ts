import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, removeTempRepo, runBinder, snapshotTree } from './helpers/temp-repo.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});

/** Runs `check` on BASE_FILES + files; returns the diagnostic lines (summary dropped). */
async function checkWith(files: Record<string, string | null>) {
  const root = await makeTempRepo(files);
  roots.push(root);
  const before = await snapshotTree(root);
  const result = await runBinder(root, ['check']);
  expect(await snapshotTree(root)).toEqual(before);
  const lines = result.stdout.split('\n');
  return { code: result.code, lines: lines.slice(0, -1), summary: lines.at(-1) };
}

const profile = (frontmatter: string) => `---\n${frontmatter}\n---\nOverview.\n`;

describe('binder check', () => {
  // The one test that looks at content/ on purpose: the bundled example must stay valid. An MSP
  // that adopted the tool deleted it (README step 3), and then this checks its own content.
  const example = existsSync(path.join(repoRoot, 'content/clients/harbor-dental/index.md'));
  it.skipIf(!example)(
    `passes the bundled example MSP${example ? '' : ' (skipped: the example MSP was removed from content/; `npm run binder -- check` checks yours)'}`,
    async () => {
      const result = await runBinder(repoRoot, ['check']);
      expect(result.stdout).toMatch(/no errors/);
      expect(result.code).toBe(0);
    },
  );

  it('passes the minimal valid repository', async () => {
    const { code, lines } = await checkWith({});
    expect(lines).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports a YAML syntax error at its line', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/index.md': profile(
        'name: Acme Dental\ntimezone: America/Chicago\nvisit: [second tuesday\ntags: []',
      ),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/index.md:5:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] Fix: check indentation, colons and quotes on this line; quote text that contains \`: \` or starts with \`@\`, \`*\`, \`&\` or \`{\`",
      ]
    `);
  });

  it('reports missing, unknown and mistyped fields, each at its line', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/index.md': profile(
        'name: Acme Dental\nvisit: second tuesday\ncolour: blue\ntags: ups',
      ),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/index.md:4:1: unknown field \`colour\` in a client profile Fix: remove it or use one of: name, status, timezone, address, portal, since, tags, templates, visit, visitTime, assignees, contacts, overrides, owner, rmm (see docs/content-format.md)",
        "content/clients/acme/index.md:5:7: \`tags\` must be a list; found \`ups\` Fix: write a YAML list: \`[a, b]\` or one \`- item\` per line",
      ]
    `);
  });

  it('accepts a profile without a time zone (msp.yaml’s applies) and names a missing visit rule', async () => {
    const withoutZone = await checkWith({
      'content/clients/acme/index.md': profile('name: Acme Dental\nvisit: second tuesday'),
    });
    expect(withoutZone.lines).toEqual([]);
    expect(withoutZone.code).toBe(0);
    const withoutVisit = await checkWith({
      'content/clients/acme/index.md': profile('name: Acme Dental\ntags: [ups]'),
    });
    expect(withoutVisit.lines).toEqual([
      'content/clients/acme/index.md:2:1: missing required field `visit` in a client profile Fix: add `visit:` (see docs/content-format.md)',
    ]);
    expect(withoutVisit.code).toBe(1);
  });

  it('reports an impossible date and a malformed GitHub login', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/notes/2026-02-30-visit.md':
        '---\ndate: 2026-02-30\nauthor: "@jane"\ntitle: Visit\n---\nText.\n',
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/notes/2026-02-30-visit.md:2:7: \`date\` is not a real date: February 2026 has 28 days; found \`2026-02-30\`",
        "content/clients/acme/notes/2026-02-30-visit.md:3:9: \`author\` must be a GitHub login: letters, digits and single dashes, at most 39 characters, no \`@\` (e.g. \`jane-tech\`); found \`@jane\`",
      ]
    `);
  });

  it('reports an invalid IANA time zone and an unknown tier in an override', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/index.md': profile(
        'name: Acme Dental\ntimezone: America/Springfield\nvisit: second tuesday\noverrides:\n  move:\n    - { id: ups-self-test, tier: rmm }',
      ),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/index.md:3:11: \`timezone\` is not an IANA time zone name; use one like \`America/Chicago\` or \`Europe/London\`; found \`America/Springfield\`",
        "content/clients/acme/index.md:7:34: \`overrides.move[0].tier\` must be one of \`automatic\`, \`remote\`, \`onsite\`; found \`rmm\` Fix: use one of \`automatic\`, \`remote\`, \`onsite\`",
      ]
    `);
  });

  it('reports an unknown tier and a duplicate item id in a template', async () => {
    const { code, lines } = await checkWith({
      'templates/checklists/monthly.md':
        '---\ntitle: Monthly\n---\n\n## Checks\n\n- Client check-in {#checkin-contact onsite}\n- Run the UPS self-test {#ups-self-test offsite}\n- Ask about problems {#checkin-contact onsite}\n',
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "templates/checklists/monthly.md:8:25: item \`ups-self-test\` has no tier Fix: add one of automatic, remote, onsite after the id, e.g. \`{#ups-self-test onsite}\`",
        "templates/checklists/monthly.md:8:41: unknown attribute \`offsite\` on item \`ups-self-test\` Fix: use a tier (automatic, remote, onsite), a frequency (monthly, quarterly, semiannual, annual, single), \`in=…\`, \`tags=…\` or \`rmm=…\`",
        "templates/checklists/monthly.md:9:22: duplicate item id \`checkin-contact\`: already used on line 7 Fix: give each item its own id; ids must stay unique and stable",
      ]
    `);
  });

  it('reports duplicate clients and overrides that name no item', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme-2/index.md': profile(
        'name: acme dental\ntimezone: America/Chicago\nvisit: day 31\noverrides:\n  skip:\n    - { id: ups-selftest }',
      ),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme-2/index.md:2:7: client name \`acme dental\` is already used by \`acme\` Fix: each client needs its own name: merge the two folders or rename one",
        "content/clients/acme-2/index.md:7:13: \`overrides.skip\` names item \`ups-selftest\`, which is in none of this client's templates (monthly) Fix: use an item id from the template (the \`#id\` in its \`{…}\` block)",
      ]
    `);
  });

  it('reports archived checklists naming an unknown client or item', async () => {
    const archive = (client: string, itemId: string) =>
      `---\nclient: ${client}\nmonth: 2026-10\ntier: onsite\ntemplate: monthly\nissue: 12\nurl: https://github.com/test-msp/binders/issues/12\nstate: completed\nclosedAt: 2026-10-13T19:02:11Z\nclosedBy: jane-tech\nitems:\n  - { id: ${itemId}, text: Something, status: done }\n---\n`;
    const { code, lines } = await checkWith({
      'content/checklists/globex/2026-10-onsite.md': archive('globex', 'ups-self-test'),
      'content/checklists/acme/2026-10-onsite.md': archive('acme', 'ups-selftest'),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/checklists/acme/2026-10-onsite.md:12:11: item \`ups-selftest\` is not on acme's checklist (its templates and added items): did you mean \`ups-self-test\`? Fix: use \`ups-self-test\`; an item a technician added in the issue has no id of its own and is archived as \`added-…\`",
        "content/checklists/globex/2026-10-onsite.md:2:9: archived checklist names client \`globex\`, which has no profile Fix: create content/clients/globex/index.md or correct \`client\`",
      ]
    `);
  });

  /** A second client with a network page, for links into another client's folder. */
  const globexWithNetwork = () => ({
    'content/clients/globex/index.md': profile(
      'name: Globex\ntimezone: America/Chicago\nvisit: first monday',
    ),
    'content/clients/globex/binder/network.md': '---\ntitle: Network\n---\nGlobex network.\n',
  });

  it('reports broken links and links into another client', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/binder/backups.md':
        '---\ntitle: Backups\n---\nSee [the NAS](./nas.md) and [network](./network.md).\n',
      'content/clients/acme/binder/network.md':
        '---\ntitle: Network\n---\nLike [Globex](../../globex/binder/network.md).\n',
      ...globexWithNetwork(),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/backups.md:4:5: broken link \`./nas.md\`: no such file content/clients/acme/binder/nas.md Fix: correct the path (relative to this file) or remove the link",
        "content/clients/acme/binder/network.md:4:6: link \`../../globex/binder/network.md\` points into another client's folder (\`globex\`) Fix: a client's pages must not name or link other clients: their sites are published separately. Remove the link",
      ]
    `);
  });

  it('checks raw HTML links and images like Markdown links (a dead one failed the build)', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/binder/network.md': [
        '---',
        'title: Network',
        '---',
        'See <a href="./backups.md">backups</a>, <a href="./overview.md">the overview</a> and',
        '<a href="../../globex/binder/network.md">Globex</a>.',
        '',
        '<img src="./rack.jpg" alt="Rack"> <img src="./backups.md" alt="drawn"> <img src="https://example.com/rack.png" alt="Rack">',
        '',
      ].join('\n'),
      ...globexWithNetwork(),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/network.md:4:41: broken link \`./overview.md\`: no such file content/clients/acme/binder/overview.md Fix: correct the path (relative to this file) or remove the link",
        "content/clients/acme/binder/network.md:5:1: link \`../../globex/binder/network.md\` points into another client's folder (\`globex\`) Fix: a client's pages must not name or link other clients: their sites are published separately. Remove the link",
        "content/clients/acme/binder/network.md:7:1: broken link \`./rack.jpg\`: no such file content/clients/acme/binder/rack.jpg Fix: correct the path (relative to this file) or remove the link",
        "content/clients/acme/binder/network.md:7:35: raw HTML image \`<img src="./backups.md">\`: the sites publish images written in Markdown only, so this one would be missing Fix: write it as a Markdown image: \`![description](./backups.md)\`",
      ]
    `);
  });

  it('warns about a link whose #anchor names no heading of its page', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/binder/contacts.md': [
        '---',
        'title: Contacts',
        '---',
        '## After-hours support',
        '',
        "## Who's who at the front desk",
        '',
        '## Notes',
        '',
        '## Notes',
        '',
        'Back to [the top](#_top), [top](#top), [the second notes](#notes-1), [nope](#nope).',
        '',
      ].join('\n'),
      'content/clients/acme/binder/network.md': [
        '---',
        'title: Network',
        '---',
        'Call [after hours](./contacts.md#after-hours-support), [the desk](./contacts.md#whos-who-at-the-front-desk)',
        'or [someone](./contacts.md#no-such-heading); <a href="./contacts.md#gone">raw</a>.',
        '',
      ].join('\n'),
    });
    expect(code).toBe(0);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/contacts.md:12:70: warning: link \`#nope\`: this page has no heading \`#nope\` (the link opens the page at its top) Fix: use one of its headings' anchors: \`#after-hours-support\`, \`#whos-who-at-the-front-desk\`, \`#notes\`, \`#notes-1\`",
        "content/clients/acme/binder/network.md:5:4: warning: link \`./contacts.md#no-such-heading\`: content/clients/acme/binder/contacts.md has no heading \`#no-such-heading\` (the link opens the page at its top) Fix: use one of its headings' anchors: \`#after-hours-support\`, \`#whos-who-at-the-front-desk\`, \`#notes\`, \`#notes-1\`",
        "content/clients/acme/binder/network.md:5:46: warning: link \`./contacts.md#gone\`: content/clients/acme/binder/contacts.md has no heading \`#gone\` (the link opens the page at its top) Fix: use one of its headings' anchors: \`#after-hours-support\`, \`#whos-who-at-the-front-desk\`, \`#notes\`, \`#notes-1\`",
      ]
    `);
  });

  it('reports secrets without echoing them', async () => {
    const { code, lines } = await checkWith({
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\n---\nNAS admin password: Winter2026!\n',
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toContain('Winter2026');
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/backups.md:4:21: possible secret: a password, PIN or key written in the text Fix: remove it (and rotate it: it is in git history now if it was committed), then refer to the password manager entry instead, e.g. \`Password manager: "Harbor Dental / Firewall admin"\`",
      ]
    `);
  });

  it('reports every problem in every file, not just the first', async () => {
    const { code, lines, summary } = await checkWith({
      'content/msp.yaml':
        'name: Test MSP\nsiteUrl: not a url\nrepo: test-msp/binders\ntimezone: Mars/Olympus\n',
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\nvisibility: public\n---\nText.\n',
      'content/clients/acme/notes/2026-10-13-visit.md':
        '---\ndate: 2026-10-14\nauthor: jane-tech\ntitle: Visit\n---\nText.\n',
    });
    expect(code).toBe(1);
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'content/clients/acme/binder/backups.md',
      'content/clients/acme/notes/2026-10-13-visit.md',
      'content/msp.yaml',
      'content/msp.yaml',
    ]);
    expect(summary).toMatchInlineSnapshot(
      `"✗ 4 errors in 5 files checked. Fix them and run \`npm run binder -- check\` again."`,
    );
  });

  it('counts in words that agree with the number', async () => {
    const { code, summary } = await checkWith({
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\nvisibility: internal\n---\nText.\n',
    });
    expect(code).toBe(0);
    expect(summary?.replace(/in [\d.]+s$/, 'in …s')).toMatchInlineSnapshot(
      `"✓ 4 files checked (1 client, 1 template, 0 archived checklists): no errors, 1 warning in …s"`,
    );
  });

  it('prints machine-readable JSON with --json', async () => {
    const root = await makeTempRepo({
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\norder: first\n---\n',
    });
    roots.push(root);
    const result = await runBinder(root, ['check', '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ ok: false, errors: 1, warnings: 0, files: 4 });
    expect(json.diagnostics).toMatchInlineSnapshot(`
      [
        {
          "col": 8,
          "file": "content/clients/acme/binder/backups.md",
          "line": 3,
          "message": "\`order\` must be a number; found \`first\`",
          "rule": "schema",
          "severity": "error",
        },
      ]
    `);
  });

  it('emits GitHub annotations under Actions', async () => {
    const root = await makeTempRepo({
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\norder: first\n---\n',
    });
    roots.push(root);
    const result = await runBinder(root, ['check'], { GITHUB_ACTIONS: 'true' });
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toMatchInlineSnapshot(`
      [
        "::error file=content/clients/acme/binder/backups.md,line=3,col=8,title=binder check (schema)::\`order\` must be a number; found \`first\`",
      ]
    `);
  });

  it('exits 1 from a real process, with path:line:col output', async () => {
    const root = await makeTempRepo({
      'content/clients/acme/binder/backups.md': '---\ntitle: Backups\norder: first\n---\n',
    });
    roots.push(root);
    const run = promisify(execFile);
    const error = await run(process.execPath, [path.join(repoRoot, 'scripts/binder.ts'), 'check'], {
      cwd: root,
    }).then(
      () => undefined,
      (failure: { code: number; stdout: string }) => failure,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toMatch(/^content\/clients\/acme\/binder\/backups\.md:3:8: /m);
  });

  it('refuses unknown flags with exit 1', async () => {
    const root = await makeTempRepo();
    roots.push(root);
    const result = await runBinder(root, ['check', '--jsn']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(
      `"error: Unknown option '--jsn'. Run \`npm run binder -- check --help\` for usage."`,
    );
  });
});
