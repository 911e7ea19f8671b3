import { extractText, getDocumentProxy } from 'unpdf';

/**
 * Reading PDFs back, with unpdf (PDF.js, packaged to run in Node without a canvas): the page
 * each table-of-contents target landed on, and the text of each page (the print command's own
 * leak check, and the tests).
 */

/** The 1-based page each named destination (an element id a link points at) is on. */
export async function destinationPages(
  pdf: Uint8Array,
  names: readonly string[],
): Promise<Map<string, number>> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const pages = new Map<string, number>();
    for (const name of names) {
      const destination = await document.getDestination(name);
      const ref = destination?.[0];
      if (ref && typeof ref === 'object') pages.set(name, (await document.getPageIndex(ref)) + 1);
    }
    return pages;
  } finally {
    await document.loadingTask.destroy();
  }
}

/** The text of every page, in order. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text;
}
