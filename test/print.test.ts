import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '../src/content/read-content.ts';
import { renderArchivedChecklist } from '../src/core/archive-render.ts';
import type { ContentSet } from '../src/core/content-model.ts';
import { pdfPageTexts } from '../src/print/pdf-text.ts';
import { compileForbidden, forbiddenStrings } from '../src/site/leak-check.ts';
import { PRINT_FIXTURE } from './helpers/print-fixture.ts';
import { makeCheckout, removeCheckout } from './helpers/temp-checkout.ts';
import { runBinder } from './helpers/temp-repo.ts';

/**
 * `binder print` and `binder report` end to end on a fixture MSP (never the example in content/):
 * real builds of the client's own site, printed by Chromium, the PDFs read back with unpdf
 * (PDF.js; the product reads its contents' page numbers with it too, so no system package is
 * needed for the tests). Text per page, whitespace collapsed: a line break in a PDF is a space.
 */
const CHROMIUM = { BINDER_CHROMIUM: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
let root = '';
let content: ContentSet;
const pdfs = new Map<string, string[]>();
const outputs = new Map<string, string>();

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A page's text without what the page margins print (page number, running foot, "staff only" head). */
const body = (text: string) =>
  text
    .replace(/Page \d+ of \d+/, '')
    .replace(
      /[^·]+ · (?:Network documentation binder|Maintenance report [A-Z][a-z]+ \d{4})(?: · STAFF COPY)?(?: · printed \d{4}-\d{2}-\d{2})?/,
      '',
    )
    .replace('STAFF ONLY · not for the client', '')
    .trim();

async function print(name: string, args: string[]): Promise<void> {
  const out = path.join(root, 'out', `${name}.pdf`);
  const result = await runBinder(root, [...args, '--out', out], CHROMIUM);
  outputs.set(name, `${result.code}\n${result.stdout}\n${result.stderr}`);
  if (result.code !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  pdfs.set(name, (await pdfPageTexts(new Uint8Array(await readFile(out)))).map(flat));
}

beforeAll(async () => {
  root = await makeCheckout(PRINT_FIXTURE, { git: true });
  content = await readContent(root);
  await print('acme-binder', ['print', '--client', 'acme-dental']);
  await print('globex-binder', ['print', '--client', 'globex-law']);
  await print('acme-staff', ['print', '--client', 'acme-dental', '--staff']);
  await print('acme-report', ['report', '--client', 'acme-dental', '--month', '2026-10']);
  await print('globex-report', ['report', '--client', 'globex-law', '--month', '2026-10']);
}, 600_000);

afterAll(async () => {
  if (root) await removeCheckout(root);
});

const pages = (name: string) => pdfs.get(name) ?? [];
const all = (name: string) => pages(name).join('\n');
const client = (slug: string) => {
  const found = content.clients.find((entry) => entry.slug === slug);
  if (!found) throw new Error(slug);
  return found;
};

/** The contents page's entries: `title … page`. */
function contents(name: string): Map<string, number> {
  const page =
    pages(name)
      .map(body)
      .find((text) => text.startsWith('Contents')) ?? '';
  const entries = new Map<string, number>();
  for (const part of content.clients
    .flatMap((entry) => [
      `${entry.data.name} at a glance`,
      ...entry.binder.map((section) => section.data.title),
    ])
    .concat(['Tech notes, last 12 months', 'Staff-only tech notes', 'Maintenance, last 12 months'])) {
    const match = new RegExp(
      `${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: staff only)? (\\d+)`,
      'i',
    ).exec(page);
    if (match) entries.set(part, Number(match[1]));
  }
  return entries;
}

describe('binder print', () => {
  it.each([
    ['acme-binder', 'acme-dental'],
    ['globex-binder', 'globex-law'],
  ])('%s: the cover has the MSP, the client and the date printed', (name, slug) => {
    const cover = pages(name)[0] ?? '';
    expect(cover).toContain('Northwind IT');
    expect(cover).toContain(client(slug).data.name);
    expect(cover).toContain('Network documentation binder');
    expect(cover).toContain('Printed 24 November 2026');
  });

  it.each([
    ['acme-binder', 'acme-dental'],
    ['globex-binder', 'globex-law'],
  ])('%s: every page after the cover carries the client’s name and “Page N of M”', (name, slug) => {
    const texts = pages(name);
    expect(texts.length).toBeGreaterThan(4);
    texts.slice(1).forEach((text, index) => {
      expect(text).toContain(`Page ${index + 2} of ${texts.length}`);
      expect(text).toContain(`${client(slug).data.name} · Network documentation binder`);
    });
  });

  it.each([
    ['acme-binder', 'acme-dental'],
    ['globex-binder', 'globex-law'],
  ])('%s: the contents list every client-visible section with the page it starts on', (name, slug) => {
    const toc = contents(name);
    const visible = client(slug).binder.filter((section) => section.data.visibility === 'client');
    expect(visible.length).toBeGreaterThan(0);
    for (const section of visible) {
      const page = toc.get(section.data.title);
      expect(page, section.data.title).toBeGreaterThan(2);
      // The body: that page starts with the section's heading.
      expect(
        body(pages(name)[(page ?? 0) - 1] ?? '').startsWith(section.data.title),
        section.data.title,
      ).toBe(true);
    }
    // In the binder's order.
    const order = visible.map((section) => toc.get(section.data.title) ?? 0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('the page-number check fails on a contents entry pointing at the wrong page', () => {
    const toc = contents('acme-binder');
    const backups = toc.get('Backups') ?? 0;
    expect(backups).toBeGreaterThan(3);
    expect(body(pages('acme-binder')[backups - 1] ?? '').startsWith('Backups')).toBe(true);
    expect(body(pages('acme-binder')[backups - 2] ?? '').startsWith('Backups')).toBe(false);
  });

  it('the profile page has the address, the contacts and the visit rule', () => {
    const profile =
      pages('acme-binder')[(contents('acme-binder').get('Acme Dental Group at a glance') ?? 0) - 1] ?? '';
    expect(profile).toContain('12 Harbor Way, Suite 4, Mystic, CT 06355');
    expect(profile).toContain('Dana Whitlock');
    expect(profile).toContain('dana@acme-dental.example');
    expect(profile).toContain('the second Tuesday of each month');
    expect(profile).toContain('https://acme-dental.portal.northwind-it.example/');
  });

  it('holds the client-visible tech notes and the maintenance summary', () => {
    expect(all('acme-binder')).toContain('Monthly visit, UPS battery replaced');
    expect(all('acme-binder')).toContain('Maintenance, last 12 months');
    // The visit's day is the day its checklist was closed, in the client's time zone.
    expect(all('acme-binder')).toMatch(/Oct 26 14 October 2026 2 of 3 1 of 3 1 of 1 3/);
    // Globex's October remote maintenance and monitoring were never recorded, and October is over:
    // no task moved on that anyone recorded, not "none", nor "none so far".
    expect(all('globex-binder')).toMatch(/Oct 26 .*not recorded.* none recorded/);
    expect(all('globex-binder')).not.toMatch(/not recorded[^\n]* none\b(?! recorded)/);
    // Words on both sides of an expression keep their space.
    expect(all('acme-binder')).toContain(
      'the onsite visit (done by a technician at your office), remote maintenance (done by our helpdesk from our office) and monitoring.',
    );
  });

  it('prints a section’s renewals with it', () => {
    const backups = pages('acme-binder')[(contents('acme-binder').get('Backups') ?? 0) - 1] ?? '';
    expect(backups).toMatch(
      /Renewals What Expires Kind Who renews NAS AC-NAS01 warranty 10 November 2026 warranty you Offsite backup storage plan \(renews automatically\) 20 December 2026 contract Northwind IT/,
    );
    // The internal section's renewal is the staff copy's only.
    expect(all('acme-binder')).not.toContain('AC-FW01 threat-protection licence');
    expect(all('acme-staff')).toContain('AC-FW01 threat-protection licence');
  });

  it.each([
    ['acme-binder', 'acme-dental'],
    ['globex-binder', 'globex-law'],
    ['acme-report', 'acme-dental'],
    ['globex-report', 'globex-law'],
  ])('%s holds nothing of another client and nothing internal', (name, slug) => {
    const forbidden = forbiddenStrings(content, slug);
    expect(forbidden.length).toBeGreaterThan(10);
    expect(compileForbidden(forbidden).find(all(name))).toEqual([]);
    const other = content.clients.find((entry) => entry.slug !== slug);
    expect(all(name)).not.toContain(other?.data.name);
    expect(all(name)).not.toContain(other?.data.address);
    expect(all(name)).not.toContain(other?.data.portal?.host);
    for (const section of client(slug).binder.filter((entry) => entry.data.visibility === 'internal'))
      expect([...contents(name).keys()]).not.toContain(section.data.title);
  });

  it('the isolation check does find what a client must not see, in the staff copy', () => {
    const found = compileForbidden(forbiddenStrings(content, 'acme-dental')).find(all('acme-staff'));
    expect(found.map((entry) => entry.source)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^internal content\/clients\/acme-dental\/binder\/firewall\.md$/),
      ]),
    );
  });

  it('the staff copy has the internal sections, “staff only” on every page of them and on no other', () => {
    const texts = pages('acme-staff');
    expect(texts[0]).toContain('STAFF COPY');
    const toc = contents('acme-staff');
    const starts = [...toc.values()].sort((a, b) => a - b);
    const internal = ['Firewall', 'Staff-only tech notes'];
    for (const title of internal) expect(toc.has(title), title).toBe(true);
    texts.forEach((text, index) => {
      const page = index + 1;
      const part = [...toc].filter(([, start]) => start <= page).sort((a, b) => b[1] - a[1])[0]?.[0];
      const staffOnly = internal.includes(part ?? '') && page >= (starts[0] ?? 0);
      expect(text.includes('STAFF ONLY · not for the client'), `page ${page} (${part})`).toBe(staffOnly);
    });
    expect(all('acme-staff')).toContain('AC-FW01 management on port 8443');
    expect(all('acme-staff')).toContain('Billing dispute about the after-hours callout');
  });

  it('the staff copy’s cover never says it is the copy kept at the client’s office; the client’s copy does', () => {
    const staff = body(pages('acme-staff')[0] ?? '');
    expect(staff).toContain("It is not the copy kept at the client's office.");
    expect(staff).not.toMatch(/kept at Acme Dental Group's office|This copy is replaced/i);
    expect(staff).toContain(
      "Kept by Northwind IT for its own staff: never hand it over. Acme Dental Group's copy, without the staff-only parts, is kept at their office and replaced at least once a year; its current version is always online at https://acme-dental.portal.northwind-it.example/.",
    );
    const client = body(pages('acme-binder')[0] ?? '');
    expect(client).not.toContain('STAFF COPY');
    expect(client).toContain(
      "Kept at Acme Dental Group's office and looked after by Northwind IT. This copy is replaced at least once a year; the current version is always online at https://acme-dental.portal.northwind-it.example/.",
    );
  });

  it('prints in under a minute and says so', () => {
    expect(outputs.get('acme-binder')).toMatch(
      /✓ wrote .*acme-binder\.pdf: binder, \d+ pages, \d+ KB, in [\d.]+ s/,
    );
  });
});

describe('binder report', () => {
  const archives = (slug: string, month: string) =>
    content.archives.filter((archive) => archive.data.client === slug && archive.data.month === month);

  it.each([
    ['acme-report', 'acme-dental'],
    ['globex-report', 'globex-law'],
  ])('%s lists every archived task of the month, with the client’s name and page numbers', (name, slug) => {
    const text = all(name);
    expect(text).toContain(client(slug).data.name);
    expect(text).toContain('October 2026');
    const items = archives(slug, '2026-10').flatMap((archive) => archive.data.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(text, item.text).toContain(item.text);
    for (const [index, page] of pages(name).entries())
      expect(page).toContain(`Page ${index + 1} of ${pages(name).length}`);
  });

  it('says what could not be done, with the reason only where it was written for the client', () => {
    const text = all('acme-report');
    expect(text).toMatch(/Could not be done \(1\).*Client check-in with the office manager/);
    expect(text).toContain('Two laptops were out of the office all week.');
    expect(text).not.toContain('billing dispute');
    expect(text).not.toContain('Dana was out');
    expect(text).not.toContain('behind the fax machine');
    // The note without its `For the client:` label starts with a capital.
    expect(text).toContain('The UPS battery was replaced and held 41 minutes');
    expect(text).not.toContain('For the client:');
  });

  it('says what did not apply, what moves to next month, the visit and who did the work', () => {
    const text = all('acme-report');
    expect(text).toMatch(/Did not apply \(1\) – Check the defragmentation level of spinning disks/);
    expect(text).toMatch(/Could not be done \(2\).*Confirm patches are installed on every laptop/);
    // Where unfinished tasks go, said once for the month, in the order the report tells it.
    expect(text).toContain(
      'Carried over to November 2026: 1 task of the onsite visit (under “Could not be done” above) and 2 tasks of the remote maintenance (under “Could not be done” above).',
    );
    expect(text.match(/moves? to the November 2026 checklist/g) ?? []).toEqual([]);
    expect(text).toContain('Onsite visit completed Wednesday, 14 October 2026 by Jane Okafor');
    expect(text).toContain('Amy Chen');
    expect(text).not.toContain('amy-noc');
  });

  it('says which part of the month is not recorded yet, does not call the month done, and warns', () => {
    // Globex's October remote maintenance and monitoring were planned and never archived.
    const text = all('globex-report');
    expect(text).toContain('Remote maintenance not recorded yet');
    expect(text).toContain('Monitoring not recorded yet');
    expect(text).toContain(
      'The remote maintenance and the monitoring are not recorded yet, so this report is not complete.',
    );
    expect(text).not.toContain('Everything planned for the month was done');
    expect(text).toContain(
      'Carried over to November 2026: Nothing so far (only part of the month is recorded).',
    );
    expect(outputs.get('globex-report')).toContain(
      "warning: globex-law's 2026-10 is not fully archived: no archived checklist for automatic, remote",
    );
    expect(outputs.get('acme-report')).not.toContain('warning');
  });

  it('refuses a month with no checklist, naming the months there are', async () => {
    const result = await runBinder(
      root,
      ['report', '--client', 'acme-dental', '--month', '2026-06'],
      CHROMIUM,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('acme-dental has no archived checklist for 2026-06');
    expect(result.stderr).toContain('Months with a report: 2026-10.');
  });
});

describe('printing fails closed', () => {
  it('names the Debian package when there is no Chromium, before building anything', async () => {
    const started = performance.now();
    const result = await runBinder(root, ['print', '--client', 'acme-dental', '--out', 'out/none.pdf'], {
      BINDER_CHROMIUM: '/nonexistent/chromium',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("install Debian's `chromium` package (sudo apt-get install chromium)");
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(stat(path.join(root, 'out/none.pdf'))).rejects.toThrow();
  });

  it('writes no PDF when the client’s site would show another client’s data', async () => {
    const copy = await makeCheckout({
      ...PRINT_FIXTURE,
      // An issue labelled for Acme whose comment for the client named Globex's server: what Acme's site shows of it.
      'content/checklists/acme-dental/2026-10-automatic.md': renderArchivedChecklist({
        client: 'acme-dental',
        month: '2026-10',
        tier: 'automatic',
        template: 'monthly',
        issue: 39,
        url: 'https://github.com/northwind-it/binders/issues/39',
        state: 'completed',
        closedAt: '2026-10-14T18:00:00Z',
        closedBy: 'jane-tech',
        assignees: [],
        items: [{ id: 'disk-space-alerting', text: 'Confirm disk-space alerting works', status: 'done' }],
        comments: [
          {
            author: 'jane-tech',
            at: '2026-10-14T17:00:00Z',
            visibility: 'client',
            body: 'For the client: disk-space alerting checked on GX-DC01 too.',
          },
        ],
      }),
    });
    try {
      const result = await runBinder(copy, ['print', '--client', 'acme-dental'], CHROMIUM);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/acme-dental's site holds what it must not/);
      expect(result.stderr).toContain('GX-DC01');
      await expect(stat(path.join(copy, 'dist-print/acme-dental/binder.pdf'))).rejects.toThrow();
    } finally {
      await removeCheckout(copy);
    }
  }, 180_000);

  it('refuses an unknown client and a bad --out', async () => {
    const unknown = await runBinder(root, ['print', '--client', 'initech'], CHROMIUM);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown client `initech`; clients are: acme-dental, globex-law.');
    const out = await runBinder(root, ['print', '--client', 'acme-dental', '--out', 'binder.html'], CHROMIUM);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('--out must name a .pdf file');
  });
});
