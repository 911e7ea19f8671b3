import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { pageFileOfRoute } from './search-index.ts';

/**
 * The pages Astro renders, read while it is still building, so the search index and the page facts
 * need not wait for it: on two cores, Astro renders on one while this reads and Pagefind indexes on
 * the other (a cold build at 100 clients left 10 s of that work until after Astro).
 *
 * Astro says nothing when it writes a page. Our middleware (src/site/announce-rendered-route.ts)
 * tells the build process, over the IPC channel `npm run build` opens (src/site/build-channel.ts),
 * each route it has just rendered; the file follows a moment later (Astro writes it twice, the
 * second time as its incremental-build copy, which is the same file here). So a route is read a
 * little after it was announced, and a page is taken only when the file was the same before and
 * after it was read. Everything read here is a hint: once Astro has written every page, a page
 * whose size or time differs from what was read is read again, and the index is given it again,
 * so a page read too early costs time, never correctness.
 */

/** A page read while Astro builds, with the size and time it had when read. */
export interface LivePage {
  /** The page file, relative to the output (`clients/acme/index.html`). */
  file: string;
  html: string;
  size: number;
  mtimeMs: number;
}

export interface LivePageReader {
  /** A route Astro has rendered (its page is written shortly after). */
  announce(route: string): void;
  /** The page files of the routes announced so far. */
  readonly announced: ReadonlySet<string>;
  /** Stops: what is not read by now is read after Astro, with the rest. Resolves once idle. */
  stop(): Promise<void>;
}

/** How long after its announcement a page is first looked for, and how often it is looked for again. */
const FIRST_LOOK_MS = 150;
const LOOKS = 4;

/**
 * Reads each announced page of `dir` once it is written, one at a time, and hands it to `onPage`.
 * Routes that are not pages of `dir` (an endpoint, a page not written yet after a few looks) are
 * skipped.
 */
export function readLivePages(dir: string, onPage: (page: LivePage) => void): LivePageReader {
  const queue: { file: string; due: number; looks: number }[] = [];
  const announced = new Set<string>();
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      const next = queue[0];
      if (!next) {
        await sleep(1000);
        continue;
      }
      const wait = next.due - performance.now();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      queue.shift();
      const page = await readIfSettled(path.join(dir, next.file));
      if (page) onPage({ file: next.file, ...page });
      else if (next.looks < LOOKS)
        queue.push({ ...next, due: performance.now() + 500, looks: next.looks + 1 });
    }
  })();

  return {
    announced,
    announce(route) {
      const file = pageFileOfAnnouncedRoute(route);
      if (file) announced.add(file);
      if (stopped || !file) return;
      queue.push({ file, due: performance.now() + FIRST_LOOK_MS, looks: 1 });
      if (queue.length === 1) wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/**
 * The page file of a rendered route: `/a/b/` and `/a/b` → `a/b/index.html`, `/404.html` →
 * `404.html`, and the status pages `/404` and `/500` (or `/404/`, `/500/`) → `404.html` and
 * `500.html`, as Astro writes them; undefined for a route that is no page (`/calendar/visits.ics`).
 */
export function pageFileOfAnnouncedRoute(route: string): string | undefined {
  const status = route.replace(/\/$/, '');
  if (STATUS_PAGES.has(status)) return `${status.slice(1)}.html`;
  const last = route.slice(route.lastIndexOf('/') + 1);
  if (last.endsWith('.html')) return route.replace(/^\//, '');
  if (last.includes('.')) return undefined;
  return pageFileOfRoute(route.endsWith('/') ? route : `${route}/`);
}

/** The routes Astro writes as `<status>.html` rather than `<status>/index.html`. */
const STATUS_PAGES = new Set(['/404', '/500']);

/** The file's text when it is there and did not change while it was read; else undefined. */
async function readIfSettled(file: string): Promise<Omit<LivePage, 'file'> | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const before = await handle.stat();
    const bytes = await handle.readFile();
    const after = await handle.stat();
    if (before.size !== after.size || before.mtimeMs !== after.mtimeMs || bytes.length !== after.size)
      return undefined;
    return { html: bytes.toString('utf8'), size: after.size, mtimeMs: after.mtimeMs };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
