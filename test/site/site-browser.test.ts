import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../../scripts/static-server.ts';
import { FIXTURE_MSP_WITH_HISTORY } from '../helpers/fixture-msp.ts';
import { buildCheckout, makeCheckout, removeCheckout } from '../helpers/temp-checkout.ts';

let browser: Browser;
const servers: { url: string; close(): Promise<void> }[] = [];
let internal = '';
let clientSite = '';
let root = '';

beforeAll(async () => {
  root = await makeCheckout(FIXTURE_MSP_WITH_HISTORY, { git: true });
  const [a, b] = [await buildCheckout(root), await buildCheckout(root, { client: 'acme-dental' })];
  const [sa, sb] = await Promise.all([serveDirectory(a.dist), serveDirectory(b.dist)]);
  servers.push(sa, sb);
  internal = sa.url;
  clientSite = sb.url;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
  if (root) await removeCheckout(root);
});

/** Opens a page in a fresh context, recording console errors and uncaught exceptions. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, errors };
}

async function search(page: Page, query: string) {
  await page.locator('button[data-open-modal]').first().click();
  const input = page.locator('#starlight__search input.pagefind-ui__search-input');
  await input.fill(query);
  await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
}

describe('the sites in Chromium', () => {
  it('search finds the page that documents a host', async () => {
    const { page, errors } = await open(`${internal}/`);
    await search(page, 'AC-NAS01');
    const titles = await page.locator('.pagefind-ui__result-title').allInnerTexts();
    expect(titles.some((title) => title.startsWith('Acme Dental Group ·'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a filter narrows the results to one client', async () => {
    const { page } = await open(`${internal}/`);
    await search(page, 'office');
    const count = async () =>
      Number(((await page.locator('.pagefind-ui__message').textContent()) ?? '').match(/\d+/)?.[0] ?? 0);
    await expect.poll(count).toBeGreaterThan(0);
    const before = await count();
    // The filters render after the first results, each block closed (there are three): wait for
    // the client block's name, then open it unless it is open (a click on an open block closes it).
    const clientFilter = page
      .locator('details.pagefind-ui__filter-block')
      .filter({ has: page.locator('summary', { hasText: /^client$/i }) });
    await clientFilter.locator('summary').waitFor({ state: 'visible', timeout: 60_000 });
    if (!(await clientFilter.evaluate((block) => (block as HTMLDetailsElement).open)))
      await clientFilter.locator('summary').click();
    await clientFilter.getByLabel(/Globex Legal Partners/).check();
    await expect.poll(count).toBeLessThan(before);
    const after = await count();
    expect(after).toBeGreaterThan(0);
    // The message comes first; each result shows its title, a link, once its page's data has
    // loaded: wait for all of them.
    const results = page.locator('.pagefind-ui__result');
    await expect.poll(() => results.count()).toBe(after);
    await expect.poll(() => results.locator('.pagefind-ui__loading').count()).toBe(0);
    // Every result (and sub-result) now links into Globex Legal Partners' pages.
    const links = await page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toContain('/clients/globex-law/');
  });

  it("a result's text is the page's own words: the filter values are not run into it", async () => {
    const { page, errors } = await open(`${internal}/`);
    // Pagefind's own API, as the search dialog uses it: every result's indexed text and filters.
    // A string, so the test runner's transform leaves its import() alone.
    const results = (await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      const found = await pagefind.search('Acme Dental Group');
      return Promise.all(found.results.map(async (result) => {
        const { url, content, filters } = await result.data();
        return { url, content, filters };
      }));
    })()`)) as { url: string; content: string; filters: Record<string, string[]> }[];
    const filtered = results.filter((result) => result.filters.kind?.length);
    expect(filtered.length).toBeGreaterThan(2);
    for (const { url, content, filters } of filtered) {
      const [client] = filters.client ?? [];
      const [kind] = filters.kind ?? [];
      const [tier] = filters.tier ?? [];
      expect(content, url).not.toContain(`${client}${kind}`);
      if (tier) expect(content, url).not.toContain(`${kind}${tier}`);
    }
    expect(errors).toEqual([]);
  });

  it("a client site's search lists its overview once, though the site's home shows it too", async () => {
    const { page, errors } = await open(`${clientSite}/`);
    const results = (await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      const found = await pagefind.search('Acme Dental Group');
      return Promise.all(found.results.map(async (result) => (await result.data()).url));
    })()`)) as string[];
    expect(results).toContain('/clients/acme-dental/');
    expect(results).not.toContain('/');
    expect(new Set(results).size).toBe(results.length);
    expect(errors).toEqual([]);
  });

  it("a client site's search speaks to the client: no client filter or name on every result, maintenance in its words", async () => {
    const { page, errors } = await open(`${clientSite}/`);
    const found = (await page.evaluate(`(async () => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      const filters = await pagefind.filters();
      const search = await pagefind.search('Acme');
      const titles = await Promise.all(search.results.map(async (result) => (await result.data()).meta.title));
      return { filters, titles };
    })()`)) as { filters: Record<string, Record<string, number>>; titles: string[] };
    expect(Object.keys(found.filters).sort()).toEqual(['kind', 'maintenance']);
    expect(Object.keys(found.filters.maintenance ?? {}).length).toBeGreaterThan(0);
    for (const value of Object.keys(found.filters.maintenance ?? {}))
      expect(['Monitoring', 'Remote maintenance', 'Onsite visit']).toContain(value);
    expect(found.titles.length).toBeGreaterThan(0);
    for (const title of found.titles) expect(title.startsWith('Acme Dental Group ·'), title).toBe(false);
    // The staff site keeps its filters by client and tier.
    const staff = await open(`${internal}/`);
    const staffFilters = (await staff.page.evaluate(`(async () => {
      const pagefind = await import(location.origin + '/pagefind/pagefind.js');
      return pagefind.filters();
    })()`)) as Record<string, Record<string, number>>;
    expect(Object.keys(staffFilters).sort()).toEqual(['client', 'kind', 'tier']);
    expect(errors).toEqual([]);
  });

  it('on a phone the staff site still says it is the staff site, beside a name that is not cut', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${internal}/`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.binder-site-title-suffix').isVisible()).toBe(true);
    expect(await page.locator('.binder-site-title-suffix').textContent()).toContain('staff');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await context.close();
  });

  it('the grid leads to a checklist page and on to its GitHub issue', async () => {
    const { page } = await open(`${internal}/`);
    await page.locator('table.status-grid a.cell').first().click();
    await page.waitForURL(/\/clients\/[^/]+\/checklists\/\d{4}-\d{2}-(automatic|remote|onsite)\/$/);
    const issue = page.locator('a.issue-link');
    await expect
      .poll(() => issue.getAttribute('href'))
      .toMatch(/^https:\/\/github\.com\/northwind-it\/binders\/issues\/\d+$/);
    expect(await page.locator('table.history-table tbody tr').count()).toBeGreaterThan(0);
  });

  it('the printable binder is a document of its own: cover, contents, every section, no site navigation', async () => {
    const { page, errors } = await open(`${clientSite}/clients/acme-dental/print/`);
    await page.emulateMedia({ media: 'print' });
    // Acme's client-visible sections (Overview, Backups) after its profile, then notes and maintenance.
    expect(await page.locator('section.doc-part[id^="section-"]').count()).toBe(2);
    expect(await page.locator('section.doc-part.staff-only').count()).toBe(0);
    expect(await page.locator('nav.doc-toc li').allInnerTexts()).toEqual([
      'Acme Dental Group at a glance',
      'Overview',
      'Backups',
      'Tech notes, last 12 months',
      'Maintenance, last 12 months',
    ]);
    expect(await page.locator('header, nav[aria-label="Main"], .sidebar-pane').count()).toBe(0);
    expect(await page.locator('.doc-back').isVisible()).toBe(false);
    await expect
      .poll(async () => (await page.locator('.doc-cover').textContent()) ?? '')
      .toMatch(/Northwind IT[\s\S]*Acme Dental Group/);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });

  const pages = [
    ['staff home (status grid)', () => `${internal}/`],
    ['client overview', () => `${internal}/clients/acme-dental/`],
    ['binder section', () => `${internal}/clients/acme-dental/binder/overview/`],
    ['tech notes', () => `${internal}/clients/acme-dental/notes/`],
    ['tech note', () => `${internal}/clients/acme-dental/notes/2026-10-13-monthly-visit/`],
    ['maintenance history', () => `${internal}/clients/acme-dental/checklists/`],
    ['archived checklist', () => `${internal}/clients/acme-dental/checklists/2026-10-onsite/`],
    ['printable binder', () => `${internal}/clients/globex-law/print/`],
    ['monthly reports', () => `${clientSite}/clients/acme-dental/reports/`],
    ['monthly report', () => `${clientSite}/clients/acme-dental/reports/2026-10/`],
    ['client site home', () => `${clientSite}/`],
    ['client site binder section', () => `${clientSite}/clients/acme-dental/binder/backups/`],
    ['client site archived checklist', () => `${clientSite}/clients/acme-dental/checklists/2026-10-onsite/`],
  ] as const;

  it.each(pages)('%s: no console errors and no serious or critical axe violations', async (_name, url) => {
    const { page, errors } = await open(url());
    // Starlight's own search button shows a keyboard hint ("Ctrl K") outside its aria-label, which
    // axe reports as label-content-name-mismatch; it is upstream markup, not ours.
    const results = await new AxeBuilder({ page }).exclude('button[data-open-modal]').analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      );
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
  });
});
