import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { OutsideError, UserError } from '../core/errors.ts';
import { destinationPages } from './pdf-text.ts';

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Fails, naming the package to install, when there is no Chromium to print with. */
export function requireChromium(executablePath: string = DEFAULT_CHROMIUM): void {
  if (!existsSync(executablePath)) {
    throw new UserError(
      `Chromium is not installed at ${executablePath}: install Debian's \`chromium\` package (sudo apt-get install chromium), or set BINDER_CHROMIUM to a Chromium or Chrome executable.`,
    );
  }
}

/** Launches headless Chromium, or says which package to install. */
export async function launchChromium(executablePath: string = DEFAULT_CHROMIUM): Promise<Browser> {
  requireChromium(executablePath);
  try {
    return await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (error) {
    throw new OutsideError(
      `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
      {
        cause: error,
      },
    );
  }
}

/** What was printed. */
export interface RenderedPdf {
  /** The PDF's bytes. */
  pdf: Uint8Array;
  /** Table-of-contents target → the page it starts on (empty when the page has no contents). */
  tocPages: Map<string, number>;
}

/**
 * Prints a page to PDF with the page's own CSS page size and margin boxes. A page with a table
 * of contents (`[data-toc-page="<id>"]` placeholders next to links to `#<id>`) is printed twice:
 * the first PDF says on which page each target landed (Chromium writes every linked element as a
 * named destination), the numbers are filled in, and the page is printed again; the numbers only
 * fill room the layout kept for them, so they cannot move the pages they name (checked, and
 * printed again if they did).
 */
export async function renderPdf(browser: Browser, url: string): Promise<RenderedPdf> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (!response?.ok())
      throw new OutsideError(`the page to print, ${url}, answered ${response?.status() ?? 'nothing'}`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const print = () =>
      page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    const targets = await page.$$eval('[data-toc-page]', (spans) =>
      spans.map((span) => span.getAttribute('data-toc-page') ?? ''),
    );
    let pdf = await print();
    if (targets.length === 0) return { pdf, tocPages: new Map() };
    let pages = await destinationPages(pdf, targets);
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.evaluate(
        (numbers) => {
          for (const [id, number] of numbers)
            for (const span of document.querySelectorAll(`[data-toc-page="${CSS.escape(id)}"]`))
              span.textContent = String(number);
        },
        [...pages],
      );
      pdf = await print();
      const after = await destinationPages(pdf, targets);
      if ([...after].every(([id, number]) => pages.get(id) === number) && after.size === pages.size)
        return { pdf, tocPages: after };
      pages = after;
    }
    throw new OutsideError(
      'the table of contents did not settle: its page numbers moved the pages they name',
    );
  } finally {
    await context.close();
  }
}
