import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers/example-repo.ts';
import { contentOf } from '../core/fixtures.test-support.ts';
import {
  compileForbidden,
  type ForbiddenString,
  findForeignArchiveContent,
  forbiddenStrings,
  normalise,
  readProductWording,
  tokenPattern,
} from './leak-check.ts';

const FILES: Record<string, string> = {
  'content/msp.yaml': 'name: T\nsiteUrl: https://t.example\nrepo: t/b\ntimezone: UTC\n',
  'templates/checklists/monthly.md': '---\ntitle: M\n---\n## A\n\n- Check the UPS {#ups onsite}\n',
  'content/clients/acme/index.md':
    '---\nname: Acme Dental\ntimezone: UTC\nvisit: day 1\n---\nServer AC-SRV01.\n',
  'content/clients/globex/index.md':
    '---\nname: Globex Law\ntimezone: UTC\nvisit: day 2\n---\nFirewall GX-FW01.\n',
};
const archive = (items: string, comments = '') =>
  `---\nclient: acme\nmonth: 2026-12\ntier: onsite\ntemplate: monthly\nissue: 5\nurl: https://github.com/t/b/issues/5\nstate: completed\nclosedAt: 2026-12-08T19:00:00Z\nclosedBy: jane\nitems:\n${items}${comments}---\n`;

describe('the leak check on archives', () => {
  it("finds another client's hosts in what a client's site shows of its archive", () => {
    const content = contentOf({
      ...FILES,
      'content/checklists/acme/2026-12-onsite.md': archive(
        '  - id: ups\n    text: Check the UPS\n    status: done\n',
        'comments:\n  - author: jane\n    at: 2026-12-08T18:00:00Z\n    visibility: client\n    body: "For the client: the UPS matches GX-FW01."\n',
      ),
    });
    expect(findForeignArchiveContent(content, 'acme').map((leak) => leak.found)).toEqual(['GX-FW01']);
  });

  it("an item's text typed into the issue is not what the client's site shows: no leak there", () => {
    const content = contentOf({
      ...FILES,
      'content/checklists/acme/2026-12-onsite.md': archive(
        '  - id: ups\n    text: Check the UPS on GX-FW01\n    status: done\n',
      ),
    });
    expect(findForeignArchiveContent(content, 'acme')).toEqual([]);
  });

  it("allows a staff-only comment naming another client, and forbids its text on the client's site", () => {
    const content = contentOf({
      ...FILES,
      'content/checklists/acme/2026-12-onsite.md': archive(
        '  - id: ups\n    text: Check the UPS\n    status: done\n',
        'comments:\n  - author: jane\n    at: 2026-12-08T18:00:00Z\n    visibility: internal\n    body: Same UPS model as at Globex Law, GX-FW01 closet.\n',
      ),
    });
    expect(findForeignArchiveContent(content, 'acme')).toEqual([]);
    expect(forbiddenStrings(content, 'acme').map((entry) => entry.text)).toContain(
      'same ups model as at globex law, gx-fw01 closet.',
    );
  });
});

describe('the product’s own wording', () => {
  const note = (title: string) =>
    `---\ndate: 2026-10-06\nauthor: jane\ntitle: ${title}\nvisibility: client\n---\nAll done.\n`;
  const files = {
    ...FILES,
    'content/clients/globex/notes/2026-10-06-visit.md': note('Monthly maintenance visit'),
  };

  it('a line of another client’s that is the site’s own wording is no leak (every calendar feed says it)', async () => {
    // Without the product's wording the check forbids it, and every client's feed "leaked" it.
    expect(forbiddenStrings(contentOf(files), 'acme').map((entry) => entry.text)).toContain(
      'monthly maintenance visit',
    );
    const wording = await readProductWording(REPO_ROOT);
    expect(wording).toContain('Monthly maintenance visit (');
    expect(
      forbiddenStrings(contentOf(files), 'acme', { productText: wording }).map((entry) => entry.text),
    ).not.toContain('monthly maintenance visit');
  });

  it('never allows another client’s name, slug, hosts or contacts, even when the product’s text names them', () => {
    const productText = 'new-client globex --name "Globex Law" # GX-FW01, Firewall GX-FW01.';
    const texts = forbiddenStrings(contentOf(files), 'acme', { productText }).map((entry) => entry.text);
    expect(texts).toEqual(expect.arrayContaining(['globex law', 'globex', 'GX-FW01']));
  });
});

describe('the leak check on images', () => {
  it("finds another client's image in a site, by its bytes or by the name Astro keeps", async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { findLeaks, foreignAssets } = await import('./leak-check.ts');
    const root = await mkdtemp(path.join(os.tmpdir(), 'leak-assets-'));
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
    await mkdir(path.join(root, 'content/clients/globex/binder'), { recursive: true });
    await mkdir(path.join(root, 'content/clients/acme/binder'), { recursive: true });
    await writeFile(path.join(root, 'content/clients/globex/binder/rack-photo.png'), photo);
    await writeFile(path.join(root, 'content/clients/acme/binder/floor-plan.png'), Buffer.from([9, 9, 9]));
    const dist = path.join(root, 'dist');
    await mkdir(path.join(dist, '_astro'), { recursive: true });
    await writeFile(path.join(dist, 'copied.png'), photo);
    await writeFile(path.join(dist, '_astro/rack-photo.Bx81a2.webp'), Buffer.from([7, 7]));
    await writeFile(path.join(dist, '_astro/floor-plan.Cc12.webp'), Buffer.from([8, 8]));
    const leaks = await findLeaks(dist, [], await foreignAssets(root, 'acme'));
    expect(leaks.map((leak) => leak.file).sort()).toEqual(['_astro/rack-photo.Bx81a2.webp', 'copied.png']);
  });
});

describe('the compiled matcher', () => {
  /** The definition the matcher must agree with: one regular expression per token, `includes` per phrase. */
  function reference(raw: string, forbidden: readonly ForbiddenString[]): string[] {
    const text = normalise(raw);
    return forbidden
      .filter((entry) => (entry.token ? tokenPattern(entry.text).test(raw) : text.includes(entry.text)))
      .map((entry) => entry.text);
  }

  const forbidden: ForbiddenString[] = [
    { text: 'GX-FW01', source: 'client globex', token: true },
    { text: 'gx', source: 'client globex', token: true },
    { text: 'a', source: 'client a', token: true },
    { text: '192.168.77.1', source: 'client globex', token: true },
    { text: 'morgan@globex-law.example', source: 'client globex', token: true },
    { text: 'globex.portal.example', source: 'client globex', token: true },
    { text: 'globex legal partners', source: 'client globex', token: false },
    { text: 'sealed envelope held by the partner', source: 'internal x', token: false },
    { text: 'law', source: 'client globex', token: false },
  ];

  it('finds what one regular expression per token and includes per phrase find', () => {
    const cases = [
      'Router GX-FW01.',
      'router gx-fw01 and gx',
      'GX-FW01x is another host',
      'xGX-FW01 too',
      '.GX-FW01 after a dot is inside a name',
      'GX-FW01-B is a longer name',
      'a',
      'ab a-b',
      'ping 192.168.77.1, then 192.168.77.10',
      'mail Morgan@Globex-Law.example today',
      'https://globex.portal.example/clients/',
      'Globex   Legal\nPartners',
      'the <b>sealed</b> envelope held by the partner',
      'LAW',
      '',
    ];
    const matcher = compileForbidden(forbidden);
    for (const raw of cases)
      expect(
        matcher.find(raw).map((entry) => entry.text),
        raw,
      ).toEqual(reference(raw, forbidden));
  });

  it('agrees with the definition on random texts built from the forbidden strings and their neighbours', () => {
    const parts = [
      ...forbidden.map((entry) => entry.text),
      ' ',
      '.',
      '-',
      '_',
      'x',
      'X',
      '\n',
      ', ',
      'GX',
      '@',
      'Law',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const matcher = compileForbidden(forbidden);
    for (let round = 0; round < 2000; round++) {
      const raw = Array.from({ length: 1 + (next() % 8) }, () => parts[next() % parts.length]).join('');
      expect(
        matcher.find(raw).map((entry) => entry.text),
        JSON.stringify(raw),
      ).toEqual(reference(raw, forbidden));
    }
  });

  it('names another client’s address, portal host and contacts from the profile itself', () => {
    const content = contentOf({
      ...FILES,
      'content/clients/globex/index.md':
        '---\nname: Globex Law\ntimezone: UTC\nvisit: day 2\naddress: "12 Court Street, Suite 400, Providence"\nportal: { host: globex.portal.example }\ncontacts:\n  - { name: Morgan Pryce, email: morgan@globex.example }\n---\nFirewall GX-FW01.\n',
    });
    const texts = forbiddenStrings(content, 'acme').map((entry) => entry.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        '12 court street, suite 400, providence',
        'globex.portal.example',
        'morgan pryce',
        'morgan@globex.example',
      ]),
    );
  });
});

describe('the content the leak check reads', () => {
  it('gives the same forbidden strings as the whole content set, parsing only one client', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { readContent } = await import('../content/read-content.ts');
    const { readContentForLeakCheck } = await import('./leak-check.ts');
    const root = await mkdtemp(path.join(os.tmpdir(), 'leak-read-'));
    const files: Record<string, string> = {
      ...FILES,
      'content/clients/globex/binder/network.md':
        '---\ntitle: Network\n---\nThe courthouse tunnel ends at GX-FW02.\n',
      'content/checklists/globex/2026-12-onsite.md': archive(
        '  - id: ups\n    text: Check the UPS in the Globex records room\n    status: done\n',
      ).replace('client: acme', 'client: globex'),
      'content/checklists/acme/2026-12-onsite.md': archive(
        '  - id: ups\n    text: Check the UPS\n    status: not-done\n    note: Key is with the landlord downstairs\n',
      ),
    };
    try {
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), text);
      }
      const partial = await readContentForLeakCheck(root, 'acme');
      expect(partial.archives.map((entry) => entry.file)).toEqual([
        'content/checklists/acme/2026-12-onsite.md',
      ]);
      expect(forbiddenStrings(partial, 'acme')).toEqual(forbiddenStrings(await readContent(root), 'acme'));
      expect(forbiddenStrings(partial, 'acme').map((entry) => entry.text)).toEqual(
        expect.arrayContaining([
          'GX-FW02',
          'check the ups in the globex records room',
          'key is with the landlord downstairs',
        ]),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
