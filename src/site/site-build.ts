import { spawn } from 'node:child_process';
import type { Stats } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { astroEnvironment } from '../config/environment.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { classifyContentPath, contentPaths } from '../core/content-paths.ts';
import { routeOfContentFile } from '../core/site-links.ts';
import { isAwaitingGoMessage, isOutputsRecordedMessage, isRenderedRoutesMessage } from './build-channel.ts';
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
  staleFiles,
  statFiles,
  statTree,
  type TreeSnapshot,
  walkTree,
} from './kept-output.ts';
import { readLivePages } from './live-pages.ts';
import {
  factsOf,
  isPage,
  type PageFacts,
  readPageFacts,
  updatePageFacts,
  writePageFacts,
} from './page-facts.ts';
import {
  type PrefilledIndex,
  pageFileOfRoute,
  prefill,
  SEARCH_DIR,
  searchInputDigest,
  writeSearchIndex,
} from './search-index.ts';
import { SetAside } from './set-aside.ts';

/**
 * `npm run build` (scripts/build-site.ts): the site of one variant, rebuilt from the previous
 * build's cache and kept output when both are there and intact, cold otherwise.
 *
 * 1. Warm or cold: the variant's folder (`.cache/site/<variant>-<key>`, keyed on the code) holds
 *    Astro's content store and incremental-build manifest, the kept output (`dist/`), the facts
 *    kept per page, and `build-state.v8`, written last by a build that finished. A warm build
 *    needs that record, and the kept output exactly as it recorded it; anything else, or
 *    `--force` / BINDER_COLD=1, empties the folder first.
 * 2. `astro build` into the kept output (the child process, as `astro build` runs it). It starts
 *    at once: the kept output is checked while Astro loads and syncs the content, and Astro writes
 *    nothing until told to go (src/site/build-channel.ts); a kept output found unusable stops it,
 *    and the build starts again, cold. Pages whose cache key is unchanged (src/site/cache-keys.ts)
 *    keep their HTML; the rest render.
 * 3. The search index (one Pagefind index over every searchable page), from the searchable part
 *    kept per page: only the pages this build wrote are read, most of them while Astro still
 *    renders the rest (src/site/live-pages.ts), so Pagefind indexes on the second core. The index
 *    is made as soon as Astro says every page is written, while it writes its sitemap and exits,
 *    and is written into the kept index, where the fragments of unchanged pages stay as they are.
 * 4. Pages that no longer exist and assets no page references are removed (the files neither
 *    reported by Astro for this build's routes nor written by it), and the pages are checked to be
 *    the ones indexed (else they are indexed again).
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
 * Whether the build can start from the cache, as far as can be told without reading the kept
 * output (which `checkKeptOutput` does while Astro starts): the record of a finished build of this
 * variant and Astro's manifest. Returns the record, or why the build starts cold.
 */
async function recordedBuild(
  options: SiteBuildOptions,
  cacheDir: string,
): Promise<{ state: BuildState; reason?: undefined } | { reason: string; state?: undefined }> {
  if (options.cold) return { reason: 'asked for (--force or BINDER_COLD=1)' };
  const state = await readState(cacheDir);
  if (!state) return { reason: 'no finished build of this variant and code in the cache' };
  if (state.variant !== options.config.variant)
    return { reason: `the cache holds the ${state.variant} site` };
  if (!(await exists(path.join(cacheDir, ASTRO_MANIFEST))))
    return { reason: "Astro's incremental-build manifest is missing" };
  return { state };
}

/**
 * Whether the kept output is exactly what the last build recorded (else why not), and, when it is,
 * makes it safe for Astro to rewrite: a kept file that an output published elsewhere shares is
 * given storage of its own. Returns the kept output as it then is and the published files found
 * still sharing a kept file's storage.
 */
async function checkKeptOutput(
  state: BuildState,
  keptDir: string,
  outDir: string,
  log: (line: string) => void,
): Promise<
  | { problem: string; before?: undefined; keptStats?: undefined; published?: undefined }
  | {
      problem?: undefined;
      before: TreeSnapshot;
      keptStats: ReadonlyMap<string, Stats>;
      published: Map<string, Stats>;
    }
> {
  let keptStats = await statTree(keptDir);
  let before = signaturesOf(keptStats);
  const problem = keptOutputProblem(state.files, before);
  if (problem) return { problem: `the kept output is not as the last build left it (${problem})` };
  // Astro rewrites pages in place: an earlier build published elsewhere must not change with them.
  const published = new Map<string, Stats>();
  const detached = await detachKeptFiles(keptDir, outDir, keptStats, published);
  if (detached > 0) {
    log(`${detached} kept file(s) copied apart from an output published elsewhere`);
    // Same bytes and times to the second, not to the nanosecond: what this build wrote is told by those.
    keptStats = await statTree(keptDir);
    before = signaturesOf(keptStats);
  }
  return { before, keptStats, published };
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

/** An `astro build` running (src/site/build-channel.ts). */
interface AstroRun {
  /** Resolves with its exit code. */
  exit: Promise<number>;
  /**
   * Resolves once Astro has written every page and recorded the files of this build's routes
   * (it then writes its sitemap and exits), or has exited.
   */
  outputsRecorded: Promise<void>;
  /** Lets it write to the output (now, or as soon as it asks). */
  go(): void;
  /** Stops it; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `astro build`, which holds before it writes to the output until told to `go`. Each route
 * Astro renders is passed to `onRendered`.
 */
function startAstro(options: SiteBuildOptions, onRendered: (route: string) => void): AstroRun {
  const astro = spawn(process.execPath, [options.astroBin, 'build', ...(options.astroArgs ?? [])], {
    cwd: options.config.root,
    env: { ...astroEnvironment(), BINDER_BUILD_CHANNEL: '1' },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  let asked = false;
  let allowed = false;
  let allRecorded = () => {};
  const outputsRecorded = new Promise<void>((resolve) => {
    allRecorded = resolve;
  });
  const answer = () => {
    // A failed send means Astro has gone: its exit tells the build.
    if (asked && allowed && astro.connected) astro.send({ go: true }, () => undefined);
  };
  astro.on('message', (message) => {
    if (isRenderedRoutesMessage(message)) for (const route of message.renderedRoutes) onRendered(route);
    else if (isOutputsRecordedMessage(message)) allRecorded();
    else if (isAwaitingGoMessage(message)) {
      asked = true;
      answer();
    }
  });
  const exit = new Promise<number>((resolve) => {
    astro.on('close', (code) => resolve(code ?? 1));
    // Not started, or not to be signalled: a failed build, not a crash of this one.
    astro.on('error', () => resolve(1));
  });
  void exit.then(allRecorded);
  return {
    exit,
    outputsRecorded,
    go() {
      allowed = true;
      answer();
    },
    async stop() {
      astro.kill();
      await exit;
    },
  };
}

/**
 * Writes the search index over `facts`' pages into the kept output, where the index made from
 * `kept` (the pages it was made from, and their digest) is: nothing to do when that is this one.
 * Returns the files written and removed, or undefined when the kept index was this one.
 */
async function indexSearch(
  facts: ReadonlyMap<string, PageFacts>,
  keptDir: string,
  kept: { pages: ReadonlyMap<string, PageFacts>; digest?: string },
  prefilled?: PrefilledIndex,
): Promise<Awaited<ReturnType<typeof writeSearchIndex>> | undefined> {
  if (kept.digest !== undefined && kept.digest === searchInputDigest(facts)) {
    // No searchable page changed: the kept index (checked intact before Astro) is this one.
    await prefilled?.cancel();
    return undefined;
  }
  const readPage = (file: string) => readFile(path.join(keptDir, file), 'utf8');
  return writeSearchIndex(keptDir, facts, readPage, prefilled, kept.pages);
}

/** The entries of a site's stats under the search bundle's folder, relative to it. */
const withinSearchDir = (stats: ReadonlyMap<string, Stats>): Map<string, Stats> =>
  new Map(
    [...stats]
      .filter(([file]) => file.startsWith(`${SEARCH_DIR}/`))
      .map(([file, info]) => [file.slice(SEARCH_DIR.length + 1), info]),
  );

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Builds one variant of the site; see {@link SiteBuildOptions}. */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  // Caches replaced are deleted while the build goes on, and are gone when it ends.
  const cacheDir = path.resolve(options.config.root, options.config.cacheDir);
  const setAside = new SetAside(path.join(path.dirname(cacheDir), `${options.config.variant}.deleting`));
  try {
    return await buildVariant(options, setAside);
  } finally {
    await setAside.done();
  }
}

async function buildVariant(options: SiteBuildOptions, setAside: SetAside): Promise<SiteBuildResult> {
  const { config, log } = options;
  const started = performance.now();
  const cacheDir = path.resolve(config.root, config.cacheDir);
  const keptDir = path.resolve(config.root, config.keptDir);
  const outDir = path.resolve(config.root, config.outDir);
  const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${path.sep}`);
  if (inside(keptDir, outDir) || inside(outDir, cacheDir))
    throw new Error(`the output directory ${config.outDir} must not hold, or be inside, the build cache`);
  await removeOtherCaches(cacheDir, config.variant, setAside);

  const recorded = await recordedBuild(options, cacheDir);
  let reason = recorded.reason;
  let before: TreeSnapshot = new Map();
  /** The published files that still share a kept file's storage, as found before Astro (warm only). */
  let publishedStats = new Map<string, Stats>();
  /** The kept output's files as found before Astro (warm only). */
  let keptAtStart: ReadonlyMap<string, Stats> = new Map();
  const startCold = async (why: string) => {
    log(`cold build of the ${config.variant} site: ${why}`);
    await setAside.remove(cacheDir);
    await mkdir(keptDir, { recursive: true });
  };
  if (reason !== undefined) await startCold(reason);
  // Until this build finishes, the cache holds no finished build: a crash starts the next one cold.
  await rm(path.join(cacheDir, STATE_FILE), { force: true });
  await rm(path.join(cacheDir, ASTRO_OUTPUTS_FILE), { force: true });

  // While Astro builds: the last build's page facts are read, and Pagefind is given the pages of
  // the site in route order (the last build's, a placeholder for each page the content will make);
  // then each page Astro writes is read and given again in its place. After Astro, only what was
  // not read in time, or changed since, is read and fed.
  let prefilled: PrefilledIndex | undefined;
  const livePages = new Map<string, PageFacts>();
  const reader = readLivePages(keptDir, (page) => {
    const facts = factsOf(page.html, page);
    livePages.set(page.file, facts);
    if (facts.search.kind !== 'none') prefilled?.feed(page.file, facts.search.html);
  });
  let announced = 0;
  const onRendered = (route: string) => {
    announced += 1;
    reader.announce(route);
  };
  // Astro starts at once. A warm build checks its kept output while Astro loads and syncs the
  // content, which Astro does before it writes to the output; it writes only once told to go. A
  // kept output found unusable stops it, and it starts again, cold.
  let astroStarted = performance.now();
  let astro = startAstro(options, onRendered);
  try {
    const expected = expectedPages(config);
    let previousFacts = new Map<string, PageFacts>();
    if (recorded.state) {
      const checking = checkKeptOutput(recorded.state, keptDir, outDir, log);
      checking.catch(() => undefined); // awaited below, after the facts are read
      previousFacts = await readPageFacts(cacheDir);
      prefilled = prefill(previousFacts, await expected);
      const checked = await checking;
      if (checked.problem === undefined) {
        before = checked.before;
        keptAtStart = checked.keptStats;
        publishedStats = checked.published;
        log(
          `warm build of the ${config.variant} site, from ${config.cacheDir} (checked in ${seconds(started)})`,
        );
      } else {
        reason = checked.problem;
        await Promise.all([astro.stop(), prefilled?.cancel()]);
        await startCold(reason);
        previousFacts = new Map();
        astroStarted = performance.now();
        astro = startAstro(options, onRendered);
      }
    }
    if (reason !== undefined) prefilled = prefill(previousFacts, await expected);
    astro.go();

    // Astro says when every page is written and the files of this build's routes are recorded; it
    // then writes its sitemap and exits. The pages are read and the search index made meanwhile;
    // once Astro has exited, what is stale is removed and the pages are checked to be the ones
    // indexed (else they are indexed again).
    await astro.outputsRecorded;
    await reader.stop();
    const start = reason === undefined ? ({ warm: true } as const) : ({ warm: false, reason } as const);
    const failed = async (code: number): Promise<SiteBuildResult> => {
      await prefilled?.cancel();
      return { code, start, pages: 0, pagesWritten: 0, pruned: 0, deadLinks: [] };
    };
    const outputs = await readAstroOutputs(cacheDir);
    if (!outputs) {
      const code = await astro.exit;
      if (code !== 0) return failed(code);
      throw new Error('astro build recorded no outputs (the msp-binder integration in astro.config.mjs)');
    }
    const astroSeconds = seconds(astroStarted);
    const afterStarted = performance.now();
    // The pages as Astro left them: those it did not render as the last build recorded them (the
    // kept output was checked to be as it left it), the others as read while Astro built them when
    // they are still the same, else read now. Checked against the pages on disk once Astro has exited.
    const early = { facts: new Map<string, PageFacts>(), read: 0 };
    const rendered: string[] = [];
    for (const file of outputs) {
      if (!isPage(file)) continue;
      const kept = reader.announced.has(file) ? undefined : previousFacts.get(file);
      if (kept) early.facts.set(file, kept);
      else rendered.push(file);
    }
    const readNow = await updatePageFacts(
      keptDir,
      signaturesOf(await statFiles(keptDir, rendered)),
      livePages,
    );
    for (const [file, page] of readNow.facts) early.facts.set(file, page);
    early.read = readNow.read;
    const keptSearch = reason === undefined ? recorded.state?.search : undefined;
    const indexStarted = performance.now();
    // A warm build makes the index beside Astro's last steps. A cold one waits for Astro to exit:
    // making an index over every page, Pagefind holds a gigabyte, and with Astro's 1.3 GB beside it
    // the build's peak went from 2.0 to 2.4 GB, to save about a second.
    const indexing = (async () => {
      if (reason !== undefined && (await astro.exit) !== 0) return undefined;
      return indexSearch(early.facts, keptDir, { pages: previousFacts, digest: keptSearch }, prefilled);
    })();
    indexing.catch(() => undefined); // awaited below, once Astro has exited
    const code = await astro.exit;
    if (code !== 0) {
      await indexing.catch(() => undefined);
      return failed(code);
    }

    // Pages that no longer exist, assets no page references (the search index's folder is kept in
    // step with the index below).
    const { stats: keptStats, folders } = await walkTree(keptDir, new Set([SEARCH_DIR]));
    const files = signaturesOf(keptStats);
    const stale = staleFiles(before, files, outputs, [`${SEARCH_DIR}/`]);
    await removeFiles(keptDir, stale);
    for (const file of stale) files.delete(file);
    await removeEmptyFolders(keptDir, files.keys(), new Set(), folders);
    const { facts, read } = await updatePageFacts(keptDir, files, early.facts);
    /** Pages that are not as they were indexed (none, as a rule). */
    const notAsIndexed = [
      ...[...facts].filter(([file, page]) => early.facts.get(file) !== page).map(([file]) => file),
      ...[...early.facts.keys()].filter((file) => !facts.has(file)),
    ];
    // Written by this build: every page whose facts are not the last build's.
    const written = [...facts].filter(([file, page]) => page !== previousFacts.get(file)).length;
    log(
      `astro: ${astroSeconds}; pages: ${facts.size}, ${written} written by this build (${announced} route(s) announced by Astro, ${early.read + read} page(s) read after it)${stale.length ? `; ${stale.length} stale file(s) removed` : ''} (${seconds(afterStarted)})`,
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
    const index = await indexing;
    const search = searchInputDigest(facts);
    /** The search index's files (within its folder) and their stats, as it now is. */
    const searchDir = path.join(keptDir, SEARCH_DIR);
    const searchStats = new Map(withinSearchDir(keptAtStart));
    if (notAsIndexed.length > 0) {
      log(
        `${notAsIndexed.length} page(s) changed after Astro reported them written (${notAsIndexed.slice(0, 3).join(', ')}): the search index is made again`,
      );
      await indexSearch(facts, keptDir, { pages: index ? early.facts : previousFacts });
      // Written twice: the folder's files as they now are.
      searchStats.clear();
      for (const [file, info] of await statTree(searchDir)) searchStats.set(file, info);
    } else if (!index) log(`search index: unchanged (${seconds(indexStarted)})`);
    else {
      for (const file of index.removed) searchStats.delete(file);
      for (const [file, info] of await statFiles(searchDir, index.written)) searchStats.set(file, info);
      log(
        `search index: ${index.pages} pages in ${seconds(indexStarted)}, ${index.fedAgain === 'all' ? 'all' : index.fedAgain} fed after Astro (${index.written.length} file(s) written, ${index.removed.length} removed)`,
      );
    }
    for (const [file, info] of searchStats)
      files.set(`${SEARCH_DIR}/${file}`, { size: info.size, mtimeMs: info.mtimeMs });

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
    const searchBundle = await publishTree(searchDir, path.join(outDir, SEARCH_DIR), {
      sourceStats: searchStats,
      targetStats: withinSearchDir(publishedStats),
    });
    const how = pages.how === 'copied' || searchBundle.how === 'copied' ? 'copied' : 'linked';
    log(
      `published to ${config.outDir} (${how}, ${pages.changed + searchBundle.changed} file(s) changed; ${seconds(publishStarted)} beside the search index), finished in ${seconds(finishStarted)}; site built in ${seconds(started)}`,
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
  } catch (error) {
    // Nothing is left running: Astro (held, or building), the page reader, Pagefind.
    await Promise.allSettled([astro.stop(), reader.stop(), prefilled?.cancel()]);
    throw error;
  }
}

/**
 * Caches of this variant keyed on other code will never be used again: sets them aside to be
 * deleted (and the cache folder of earlier versions, `.cache/astro`).
 */
async function removeOtherCaches(cacheDir: string, variant: string, setAside: SetAside): Promise<void> {
  const parent = path.dirname(cacheDir);
  const name = path.basename(cacheDir);
  /** `<variant>-<key>`: a cache of this variant (the key, 12 hex digits, names the code). */
  const ofVariant = (other: string) =>
    other.startsWith(`${variant}-`) && /^[0-9a-f]{12}$/.test(other.slice(variant.length + 1));
  for (const other of await readdir(parent).catch(() => [] as string[]))
    if (other !== name && ofVariant(other)) await setAside.remove(path.join(parent, other));
  await setAside.remove(path.join(path.dirname(parent), 'astro'));
}
