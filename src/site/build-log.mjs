// @ts-check
/**
 * The log of an `astro build` that `npm run build` runs (astro.config.mjs): Astro's own lines
 * (content sync, Vite, warnings, errors, "Complete!"), without its line and time for every page it
 * writes or keeps. At 100 clients those were 18,470 lines: a CI log in which nobody finds the
 * error, and two synchronous writes to the pipe for each page. `npm run build` says how many pages
 * there are and how many this build wrote. A plain `astro build` or `astro dev` logs as Astro does.
 *
 * Plain JavaScript: Astro imports a logger with Node's own `import()`, before Vite.
 */
import { stripVTControlCharacters } from 'node:util';
import node from 'astro/logger/node';

/** @typedef {import('astro').AstroLoggerMessage} LogEvent */
/** @typedef {import('astro').AstroLoggerDestination} LogDestination */

/**
 * A page's line, `  ├─ /route/index.html` (coloured in a terminal): Astro writes its time (or
 * `(cached)`) after it.
 */
const isPageLine = (/** @type {LogEvent} */ event) =>
  event.level === 'info' &&
  event.label === null &&
  !event.newLine &&
  /^\s*[├└]─ /.test(stripVTControlCharacters(event.message));

/** What Astro adds to a page's time when the route gave no body, so no file was written. */
const NOT_WRITTEN = 'file not created';

/**
 * `out` without the pages' lines. Astro writes several pages at once (`build.concurrency`), so their
 * lines and times interleave: each page line owes one formatted (`SKIP_FORMAT`) line after it, which is dropped,
 * unless it says the route wrote no file: that becomes a warning (which route, the interleaving
 * does not tell; `npx astro build` lists them all).
 * @param {LogDestination} out
 * @returns {LogDestination}
 */
export function withoutPageLines(out) {
  let owed = 0;
  return {
    write(event) {
      if (isPageLine(event)) owed += 1;
      else if (owed > 0 && event.label === 'SKIP_FORMAT' && event.level === 'info') {
        owed -= 1;
        if (stripVTControlCharacters(event.message).includes(NOT_WRITTEN))
          out.write({
            level: 'warn',
            label: 'build',
            message:
              'a route gave an empty response, so no file was written for it (`npx astro build` names it)',
            newLine: true,
          });
      } else {
        // "✓ Completed in …" ends the pages: should Astro ever write a page's time otherwise,
        // what a page was owed is not taken from the lines after it.
        if (event.label === null && event.newLine) owed = 0;
        out.write(event);
      }
    },
  };
}

/**
 * Astro's logger entry point: its Node logger (same options), without the pages' lines.
 * @param {Parameters<typeof node>[0]} options
 */
export default function buildLog(options) {
  return withoutPageLines(node(options));
}
