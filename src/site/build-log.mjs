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

/**
 * `out` without the pages' lines. Astro writes up to four pages at once, so their lines and times
 * interleave: each page line owes one formatted (`SKIP_FORMAT`) line after it, which is dropped.
 * @param {LogDestination} out
 * @returns {LogDestination}
 */
export function withoutPageLines(out) {
  let owed = 0;
  return {
    write(event) {
      if (isPageLine(event)) owed += 1;
      else if (owed > 0 && event.label === 'SKIP_FORMAT' && event.level === 'info') owed -= 1;
      else out.write(event);
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
