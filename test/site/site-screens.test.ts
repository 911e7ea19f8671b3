import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../../scripts/static-server.ts';
import { buildCheckout, makeCheckout, removeCheckout } from '../helpers/temp-checkout.ts';
import { SCREEN_MSP } from './screen-fixture.ts';

let root = '';
let browser: Browser;
const builds = new Map<string, { url: string; output: string; close(): Promise<void> }>();

beforeAll(async () => {
  root = await makeCheckout(SCREEN_MSP, { git: true });
  for (const client of [undefined, 'harbourside-family-orthodontics', 'acme-dental']) {
    const { dist, stdout, stderr } = await buildCheckout(root, client ? { client } : {});
    const server = await serveDirectory(dist);
    builds.set(client ?? 'staff', { ...server, output: `${stdout}\n${stderr}` });
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...builds.values()].map((build) => build.close()));
  if (root) await removeCheckout(root);
});

const urlOf = (site: string, route: string) => `${builds.get(site)?.url}${route}`;

async function open(url: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  return page;
}

/** The page does not scroll sideways as a whole. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The site title's name: its text, and whether any of it is hidden (cut or clamped). */
const siteTitle = (page: Page) =>
  page.locator('.binder-site-title-name').evaluate((element) => ({
    text: element.textContent?.trim(),
    cut: element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1,
  }));

describe('the sites on real screens', () => {
  it('builds without a single warning (no empty docs or i18n collection, no missing folder)', () => {
    for (const [site, build] of builds) {
      expect({ site, warnings: build.output.split('\n').filter((line) => /\[WARN\]/.test(line)) }).toEqual({
        site,
        warnings: [],
      });
    }
  });

  it('the staff home fits twelve months on a 1366 px screen; on a phone the client column stays put', async () => {
    const laptop = await open(urlOf('staff', '/'), 1366, 900);
    expect(await pageOverflow(laptop)).toBe(0);
    const fit = await laptop.locator('.status-grid-scroll').evaluate((box) => ({
      months: box.querySelectorAll('thead th').length - 1,
      overflow: box.scrollWidth - box.clientWidth,
    }));
    expect(fit).toEqual({ months: 12, overflow: 0 });

    const phone = await open(urlOf('staff', '/'), 390, 844);
    expect(await pageOverflow(phone)).toBe(0);
    const box = phone.locator('.status-grid-scroll');
    const firstClient = phone.locator('.status-grid tbody th').first();
    const before = await firstClient.boundingBox();
    await box.evaluate((element) => {
      element.scrollLeft = 400;
    });
    const after = await firstClient.boundingBox();
    expect(await box.evaluate((element) => element.scrollLeft)).toBe(400);
    expect(after?.x).toBe(before?.x);
  });

  it.each([
    ['staff', 'Northwind IT', '/'],
    ['harbourside-family-orthodontics', 'Harbourside Family Orthodontics', '/'],
    ['acme-dental', 'Acme Dental Group', '/clients/acme-dental/binder/network/'],
  ])(
    '%s site on a phone: the title says %s in full, and wide tables scroll in their box (%s)',
    async (site, name, route) => {
      const page = await open(urlOf(site, route), 390, 844);
      expect(await siteTitle(page)).toEqual({ text: name, cut: false });
      expect(await pageOverflow(page)).toBe(0);
      const tables = await page.locator('main table').evaluateAll((elements: HTMLElement[]) =>
        elements.map((table) => {
          let box: HTMLElement | null = table;
          while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
          return {
            wide: table.getBoundingClientRect().width > document.documentElement.clientWidth - 32,
            scrolls: box !== null && box.scrollWidth > box.clientWidth,
            boxFits:
              box !== null && box.getBoundingClientRect().right <= document.documentElement.clientWidth,
          };
        }),
      );
      expect(tables.some((table) => table.scrolls)).toBe(true);
      for (const table of tables)
        expect(table).toMatchObject({ boxFits: true, ...(table.wide ? { scrolls: true } : {}) });
      const axe = await new AxeBuilder({ page }).exclude('button[data-open-modal]').analyze();
      expect(
        axe.violations
          .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
          .map((v) => v.id),
      ).toEqual([]);
    },
  );

  it('a client site is titled with the client’s name from its profile', async () => {
    const page = await open(urlOf('harbourside-family-orthodontics', '/'), 1366, 900);
    expect(await page.title()).toBe(
      'Harbourside Family Orthodontics | Harbourside Family Orthodontics · binder by Northwind IT',
    );
    expect((await page.locator('.binder-site-title').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Harbourside Family Orthodontics · binder by Northwind IT',
    );
    // No time zone in the profile: msp.yaml's.
    expect(await page.locator('main').textContent()).toContain('(America/New York time)');
    const staff = await open(urlOf('staff', '/'), 1366, 900);
    expect(await staff.title()).toBe('Maintenance status | Northwind IT · staff');
  });

  it('a client’s monthly report reads on a phone: no sideways scroll, tasks in one column (two on a laptop)', async () => {
    const route = '/clients/acme-dental/reports/2026-10/';
    const columns = (page: Page) =>
      page
        .locator('.report-list')
        .first()
        .evaluate((list) => getComputedStyle(list).gridTemplateColumns.split(' ').length);
    const phone = await open(urlOf('acme-dental', route), 390, 844);
    expect(await pageOverflow(phone)).toBe(0);
    expect(await columns(phone)).toBe(1);
    // The renewals table scrolls in its own box, if it is wider than the phone.
    expect(
      await phone.locator('table.report-renewals').evaluate((table) => !!table.closest('.table-scroll')),
    ).toBe(true);
    const laptop = await open(urlOf('acme-dental', route), 1366, 900);
    expect(await pageOverflow(laptop)).toBe(0);
    expect(await columns(laptop)).toBe(2);
    // On paper the renewals table is whole: no box clips or scrolls it.
    await phone.emulateMedia({ media: 'print' });
    const clippedBy = await phone.locator('table.report-renewals').evaluate((table) => {
      const boxes: string[] = [];
      for (let box = table.parentElement; box; box = box.parentElement)
        if (getComputedStyle(box).overflowX !== 'visible') boxes.push(box.className);
      return boxes;
    });
    expect(clippedBy).toEqual([]);
  });

  it('on a phone, the staff home’s renewals show what and when first, nothing behind a sideways scroll', async () => {
    const phone = await open(urlOf('staff', '/'), 390, 844);
    expect(await pageOverflow(phone)).toBe(0);
    const row = phone.locator('.renewals-table tbody tr').first();
    for (const cell of ['.renewal-what', '.renewal-date']) {
      const box = await row.locator(cell).boundingBox();
      expect(box?.x ?? -1, cell).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0), cell).toBeLessThanOrEqual(390);
    }
    const what = await row.locator('.renewal-what').boundingBox();
    const when = await row.locator('.renewal-date').boundingBox();
    expect(what?.y ?? 0).toBeLessThan(when?.y ?? 0);
    expect(
      await phone
        .locator('.renewals-table')
        .evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0)),
    ).toBeLessThanOrEqual(0);
  });

  it.each([
    ['staff', 'acme-dental'],
    ['acme-dental', 'acme-dental'],
    ['staff', 'harbourside-family-orthodontics'],
    ['harbourside-family-orthodontics', 'harbourside-family-orthodontics'],
  ])(
    '%s site: the printable binder of %s fits a phone and a laptop (a Markdown table too wide for the phone scrolls in its own box) and prints every table whole',
    async (site, client) => {
      const route = `/clients/${client}/print/`;
      for (const [width, height] of [
        [390, 844],
        [1366, 900],
      ] as const) {
        const page = await open(urlOf(site, route), width, height);
        // Nothing past the screen's edge (cut off, as "Who renews" was): all of it is read by
        // scrolling down. The one box that scrolls sideways is the fixture's six-column Markdown
        // table's, on the phone: its words kept whole, it cannot fit 390 px.
        const sideways = await page.evaluate(() => {
          const right = document.documentElement.clientWidth;
          const all = [...document.body.querySelectorAll('*')];
          // A box of 1 px is text for screen readers only, hidden by clipping.
          const boxes = all.filter(
            (element) =>
              element.clientWidth > 1 &&
              element.scrollWidth > element.clientWidth + 1 &&
              getComputedStyle(element).overflowX !== 'visible',
          );
          const past = all.filter((element) => {
            if (boxes.some((box) => box !== element && box.contains(element))) return false;
            const rect = element.getBoundingClientRect();
            return rect.width > 0 && (rect.right > right + 0.5 || rect.left < -0.5);
          });
          return {
            past: past.map(
              (element) =>
                `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().width)} px: ${(element.textContent ?? '').trim().slice(0, 40)}`,
            ),
            boxes: boxes.map((box) => `${box.className}: ${box.querySelector('th')?.textContent}`),
          };
        });
        expect(sideways, `${width} px`).toEqual({
          past: [],
          boxes: width === 390 && client === 'acme-dental' ? ['table-scroll: Host'] : [],
        });
        expect(await pageOverflow(page), `${width} px`).toBe(0);
      }
      // The fixture's widest renewals table is on the page (Acme's Network section).
      const phone = await open(urlOf(site, route), 390, 844);
      if (client === 'acme-dental')
        expect(await phone.locator('.doc-renewals').allInnerTexts()).toContainEqual(
          expect.stringContaining('TLS certificate for the patient portal (portal.acmedentalgroup.example)'),
        );
      // The stacked renewals and the table boxes keep the page accessible.
      const axe = await new AxeBuilder({ page: phone }).analyze();
      expect(
        axe.violations
          .filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
          .map((violation) => violation.id),
      ).toEqual([]);
      // On paper every table is a table, whole: nothing clips it or scrolls it.
      await phone.emulateMedia({ media: 'print' });
      const tables = await phone.locator('table').evaluateAll((elements: HTMLElement[]) =>
        elements.map((table) => {
          const clippedBy: string[] = [];
          for (let box = table.parentElement; box; box = box.parentElement)
            if (getComputedStyle(box).overflowX !== 'visible') clippedBy.push(box.className);
          return {
            display: getComputedStyle(table).display,
            head: getComputedStyle(table.querySelector('thead') ?? table).position,
            clippedBy,
          };
        }),
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) expect(table).toEqual({ display: 'table', head: 'static', clippedBy: [] });
    },
  );

  it('a missing page is the binder’s own not-found page', async () => {
    const page = await open(urlOf('acme-dental', '/404.html'), 390, 844);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('main').textContent()).not.toMatch(/draft/i);
  });
});
