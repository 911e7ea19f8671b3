import { spawn } from 'node:child_process';
import type { Stats } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { astroEnvironment } from '../config/environment.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { classifyContentPath, contentPaths } from '../core/content-paths.ts';
import { routeOfContentFile } from '../core/site-links.ts';
import { type DeadLink, deadLinksIn } from './dead-links.ts';
import {
  ASTRO_OUTPUTS_FILE,
  detachKeptFiles,
  keptOutputProblem,
  publishTree,
  readAstroOutputs,
  removeEmptyFolders,
  removeFiles,
  signaturesOf,
  snapshotTree,
  staleFiles,
  statTree,
  type TreeSnapshot,
  walkTree,
} from './kept-output.ts';
import { isRenderedRouteMessage, readLivePages } from './live-pages.ts';
import { factsOf, type PageFacts, readPageFacts, updatePageFacts, writePageFacts } from './page-facts.ts';
import {
  buildSearchIndex,
  type PrefilledIndex,
  pageFileOfRoute,
  prefill,
  SEARCH_DIR,
  searchInputDigest,
  syncSearchBundle,
} from './search-index.ts';

/**
 * `npm run build` (scripts/build-site.ts): the site of one variant, rebuilt from the previous
 * build's cache and kept output when both are there and intact, cold otherwise.
 *
 * 1. Warm or cold: the variant's folder (`.cache/site/<variant>-<key>`, keyed on the code) holds
 *    Astro's content store and incremental-build manifest, the kept output (`dist/`), the facts
 *    kept per page, and `build-state.json`, written last by a build that finished. A warm build
 *    needs that record, and the kept output exactly as it recorded it; anything else, or
 *    `--force` / BINDER_COLD=1, empties the folder first.
 * 2. `astro build` into the kept output (the child process, as `astro build` runs it). Pages
 *    whose cache key is unchanged (src/site/cache-keys.ts) keep their HTML; the rest render.
 * 3. Pages that no longer exist and assets no page references are removed (the files neither
 *    reported by Astro for this build's routes nor written by it).
 * 4. The search index (one Pagefind index over every searchable page), from the searchable part
 *    kept per page: only the pages this build wrote are read, most of them while Astro still
 *    renders the rest (src/site/live-pages.ts), so Pagefind indexes on the second core.
 * 5. The link check over every page, from the links kept per page: a dead link fails the build.
 * 6. The record of this build, then the kept output is published to the output directory.
 */
export interface SiteBuildOptions {
  /** The build's settings (readSiteConfig). */
  config: SiteConfig;
  /** Start cold whatever the cache holds. */
  cold: boolean;
  /** The repository root's node_modules (astro's binary). */
  astroBin: string;
  /** Arguments passed on to `astro build`. */
  astroArgs?: readonly string[];
  /** Progress and results. */
  log: (line: string) => void;
  /** Failures (dead links). */
  error: (line: string) => void;
}

/** What a build did, for its caller and the tests. */
export interface SiteBuildResult {
  /** 0 when the site was built and every link resolves. */
  code: number;
  /** Warm: built on the previous build; else why it started cold. */
  start: { warm: true } | { warm: false; reason: string };
  /** Pages in the site, and how many of them this build wrote. */
  pages: number;
  pagesWritten: number;
  /** Files of the kept output removed as stale. */
  pruned: number;
  deadLinks: DeadLink[];
}

/** What a finished build records for the next one. */
interface BuildState {
  version: number;
  /** The variant the kept output is of. */
  variant: string;
  /** Every file of the kept output as the build left it. */
  files: TreeSnapshot;
  /** What its search index was made from (`searchInputDigest`). */
  search: string;
}

const STATE_VERSION = 1;
const STATE_FILE = 'build-state.v8';
/** Astro's record of the pages it may skip (`experimental.incrementalBuild`). */
const ASTRO_MANIFEST = 'incremental-build.json';

async function readState(cacheDir: string): Promise<BuildState | undefined> {
  try {
    const state = deserialize(await readFile(path.join(cacheDir, STATE_FILE))) as BuildState;
    return state.version === STATE_VERSION && state.files instanceof Map ? state : undefined;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Whether the build can start from the cache: the kept output as it is now, and why it cannot
 * (undefined when it can).
 */
async function startingPoint(
  options: SiteBuildOptions,
  cacheDir: string,
  keptDir: string,
): Promise<
  | { kept: TreeSnapshot; reason: string; state?: undefined }
  | { kept: TreeSnapshot; keptStats: ReadonlyMap<string, Stats>; state: BuildState; reason?: undefined }
> {
  const keptStats = await statTree(keptDir);
  const kept = signaturesOf(keptStats);
  if (options.cold) return { kept, reason: 'asked for (--force or BINDER_COLD=1)' };
  const state = await readState(cacheDir);
  if (!state) return { kept, reason: 'no finished build of this variant and code in the cache' };
  if (state.variant !== options.config.variant)
    return { kept, reason: `the cache holds the ${state.variant} site` };
  if (!(await exists(path.join(cacheDir, ASTRO_MANIFEST))))
    return { kept, reason: "Astro's incremental-build manifest is missing" };
  const problem = keptOutputProblem(state.files, kept);
  return problem
    ? { kept, reason: `the kept output is not as the last build left it (${problem})` }
    : { kept, keptStats, state };
}

/**
 * The page files the site will have that a page can be predicted for (the home page; a binder
 * section, tech note, archive or client overview per content file, of this build's client only on
 * a client's site), so the search index can hold their place.
 */
async function expectedPages(config: SiteConfig): Promise<string[]> {
  const names = await readdir(path.join(config.root, contentPaths.contentDir), { recursive: true }).catch(
    () => [],
  );
  const pages = names.flatMap((name) => {
    const kind = classifyContentPath(`${contentPaths.contentDir}/${name.split(path.sep).join('/')}`);
    if (config.client && (!('client' in kind) || kind.client !== config.client)) return [];
    const route = routeOfContentFile(kind);
    return route ? [pageFileOfRoute(route)] : [];
  });
  return [pageFileOfRoute('/'), ...pages];
}

/**
 * Runs `astro build`; resolves its exit code. Each route Astro renders is passed to `onRendered`
 * (over an IPC channel: src/site/announce-rendered-route.ts).
 */
function runAstro(options: SiteBuildOptions, onRendered: (route: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const astro = spawn(process.execPath, [options.astroBin, 'build', ...(options.astroArgs ?? [])], {
      cwd: options.config.root,
      env: astroEnvironment(),
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    astro.on('message', (message) => {
      if (isRenderedRouteMessage(message)) onRendered(message.renderedRoute);
    });
    astro.on('close', (exit) => resolve(exit ?? 1));
  });
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Builds one variant of the site; see {@link SiteBuildOptions}. */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const { config, log } = options;
  const started = performance.now();
  const cacheDir = path.resolve(config.root, config.cacheDir);
  const keptDir = path.resolve(config.root, config.keptDir);
  const outDir = path.resolve(config.root, config.outDir);
  const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${path.sep}`);
  if (inside(keptDir, outDir) || inside(outDir, cacheDir))
    throw new Error(`the output directory ${config.outDir} must not hold, or be inside, the build cache`);
  await removeOtherCaches(cacheDir);

  const starting = await startingPoint(options, cacheDir, keptDir);
  const { reason } = starting;
  let before = starting.kept;
  let previousFacts = new Map<string, PageFacts>();
  let prefilled: PrefilledIndex | undefined;
  /** The published files that still share a kept file's storage, as found before Astro (warm only). */
  const publishedStats = new Map<string, Stats>();
  if (reason !== undefined) {
    log(`cold build of the ${config.variant} site: ${reason}`);
    await rm(cacheDir, { recursive: true, force: true });
    before = new Map();
  } else {
    // Astro rewrites pages in place: an earlier build published elsewhere must not change with them.
    const detached = await detachKeptFiles(keptDir, outDir, starting.keptStats, publishedStats);
    if (detached > 0) {
      log(`${detached} kept file(s) copied apart from an output published elsewhere`);
      // Same bytes and times to the second, not to the nanosecond: what this build wrote is told by those.
      before = await snapshotTree(keptDir);
    }
    log(`warm build of the ${config.variant} site, from ${config.cacheDir} (checked in ${seconds(started)})`);
  }
  await mkdir(keptDir, { recursive: true });
  // Until this build finishes, the cache holds no finished build: a crash starts the next one cold.
  await rm(path.join(cacheDir, STATE_FILE), { force: true });
  await rm(path.join(cacheDir, ASTRO_OUTPUTS_FILE), { force: true });

  // While Astro builds: the last build's page facts are read, and Pagefind is given the pages of
  // the site in route order (the last build's, a placeholder for each page the content will make);
  // then each page Astro writes is read and given again in its place. After Astro, only what was
  // not read in time, or changed since, is read and fed.
  const livePages = new Map<string, PageFacts>();
  const reader = readLivePages(keptDir, (page) => {
    const facts = factsOf(page.html, page);
    livePages.set(page.file, facts);
    if (facts.search.kind !== 'none') prefilled?.feed(page.file, facts.search.html);
  });
  const astroStarted = performance.now();
  let announced = 0;
  const astro = runAstro(options, (route) => {
    announced += 1;
    reader.announce(route);
  });
  if (reason === undefined) previousFacts = await readPageFacts(cacheDir);
  prefilled = prefill(previousFacts, await expectedPages(config));
  const code = await astro;
  await reader.stop();
  const start = reason === undefined ? ({ warm: true } as const) : ({ warm: false, reason } as const);
  if (code !== 0) {
    await prefilled?.cancel();
    return { code, start, pages: 0, pagesWritten: 0, pruned: 0, deadLinks: [] };
  }
  const outputs = await readAstroOutputs(cacheDir);
  if (!outputs)
    throw new Error('astro build recorded no outputs (the msp-binder integration in astro.config.mjs)');
  const astroSeconds = seconds(astroStarted);

  // Pages that no longer exist, assets no page references.
  const afterStarted = performance.now();
  const { stats: keptStats, folders } = await walkTree(keptDir);
  const files = signaturesOf(keptStats);
  const stale = staleFiles(before, files, outputs, [`${SEARCH_DIR}/`]);
  await removeFiles(keptDir, stale);
  for (const file of stale) files.delete(file);
  await removeEmptyFolders(keptDir, files.keys(), new Set(), folders);
  const { facts, read } = await updatePageFacts(keptDir, files, new Map([...previousFacts, ...livePages]));
  // Written by this build: every page whose facts are not the last build's.
  const written = [...facts].filter(([file, page]) => page !== previousFacts.get(file)).length;
  log(
    `astro: ${astroSeconds}; pages: ${facts.size}, ${written} written by this build (${announced} route(s) announced by Astro, ${read} page(s) read after it)${stale.length ? `; ${stale.length} stale file(s) removed` : ''} (${seconds(afterStarted)})`,
  );

  // The pages go out to the output directory while the search index is made: it writes only
  // into its own folder, which is published once it is finished.
  const publishStarted = performance.now();
  const publishingPages = publishTree(keptDir, outDir, {
    except: [SEARCH_DIR],
    sourceStats: keptStats,
    targetStats: publishedStats,
  });
  publishingPages.catch(() => undefined); // awaited below, after the index (which may fail first)
  // The page facts are kept for the next build meanwhile too (the build is finished only once its
  // state is written, last).
  const keepingFacts = writePageFacts(cacheDir, facts);
  keepingFacts.catch(() => undefined);

  // One search index over the whole site, fed the searchable part of each page.
  const indexStarted = performance.now();
  const search = searchInputDigest(facts);
  if (starting.state?.search === search) {
    // No searchable page changed: the kept index (checked intact above) is this one.
    await prefilled?.cancel();
    log(`search index: unchanged (${seconds(indexStarted)})`);
  } else {
    const index = await buildSearchIndex(
      facts,
      (file) => readFile(path.join(keptDir, file), 'utf8'),
      prefilled,
    );
    const bundle = await syncSearchBundle(keptDir, index.files);
    for (const file of bundle.removed) files.delete(`${SEARCH_DIR}/${file}`);
    for (const file of bundle.written) {
      const info = await stat(path.join(keptDir, SEARCH_DIR, file));
      files.set(`${SEARCH_DIR}/${file}`, { size: info.size, mtimeMs: info.mtimeMs });
    }
    log(
      `search index: ${index.pages} pages in ${seconds(indexStarted)}, ${index.fedAgain === 'all' ? 'all' : index.fedAgain} fed after Astro (${bundle.written.length} file(s) written, ${bundle.removed.length} removed)`,
    );
  }

  // Every site-local link must lead somewhere.
  const finishStarted = performance.now();
  const deadLinks = deadLinksIn(
    [...facts].map(([file, page]) => ({ file, links: page.links })),
    new Set(files.keys()),
  );
  await keepingFacts;
  const state: BuildState = { version: STATE_VERSION, variant: config.variant, files, search };
  await writeFile(path.join(cacheDir, STATE_FILE), serialize(state));
  const pages = await publishingPages;
  const inSearchDir = (stats: ReadonlyMap<string, Stats>) =>
    new Map(
      [...stats]
        .filter(([file]) => file.startsWith(`${SEARCH_DIR}/`))
        .map(([file, info]) => [file.slice(SEARCH_DIR.length + 1), info]),
    );
  const index = await publishTree(path.join(keptDir, SEARCH_DIR), path.join(outDir, SEARCH_DIR), {
    sourceStats: inSearchDir(keptStats),
    targetStats: inSearchDir(publishedStats),
  });
  const how = pages.how === 'copied' || index.how === 'copied' ? 'copied' : 'linked';
  log(
    `published to ${config.outDir} (${how}, ${pages.changed + index.changed} file(s) changed; ${seconds(publishStarted)} beside the search index), finished in ${seconds(finishStarted)}; site built in ${seconds(started)}`,
  );

  if (deadLinks.length > 0) {
    for (const link of deadLinks.slice(0, 50)) options.error(`dead link on ${link.page}: ${link.href}`);
    options.error(
      `✗ ${deadLinks.length} dead link(s) in ${config.outDir}${deadLinks.length > 50 ? ' (first 50 shown)' : ''}. A link between content files is written relative to the file (\`./backups.md\`); \`npm run binder -- check\` names broken ones.`,
    );
  } else log('links: every site-local link resolves');
  return {
    code: deadLinks.length ? 1 : 0,
    start,
    pages: facts.size,
    pagesWritten: written,
    pruned: stale.length,
    deadLinks,
  };
}

/**
 * Caches of this variant keyed on other code will never be used again: removes them (and the
 * cache folder of earlier versions, `.cache/astro`).
 */
async function removeOtherCaches(cacheDir: string): Promise<void> {
  const parent = path.dirname(cacheDir);
  const name = path.basename(cacheDir);
  const variant = name.replace(/-[0-9a-f]{12}$/, '');
  for (const other of await readdir(parent).catch(() => [] as string[]))
    if (other !== name && other.replace(/-[0-9a-f]{12}$/, '') === variant && /-[0-9a-f]{12}$/.test(other))
      await rm(path.join(parent, other), { recursive: true, force: true });
  await rm(path.join(path.dirname(parent), 'astro'), { recursive: true, force: true });
}
