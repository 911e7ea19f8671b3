#!/usr/bin/env node
/**
 * `npm run bench [-- --clients N --months M --seed S]` (default 100 clients × 36 months): builds a
 * synthetic MSP in a temp dir and measures check, plan, the staff site, one client's site, every
 * client's site with its leak check (what client-sites.yml does), the printed binder and a
 * monthly report for one client, a plain-Astro + Pagefind baseline of the same Markdown, sync and
 * archive against the GitHub stand-in (pacing off), and the warm rebuild of the staff site after
 * one archived checklist changed, compared byte for byte with a cold build (`--site-only`: the
 * staff site's cold and warm figures only). Prints a table, then one line of JSON. A benchmark,
 * not a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { main } from '../src/cli/main.ts';
import { readEnvironment } from '../src/config/environment.ts';
import { siteTitle } from '../src/config/site-config.ts';
import { readContent } from '../src/content/read-content.ts';
import { nextMonth } from '../src/core/calendar.ts';
import { contentPaths } from '../src/core/content-paths.ts';
import { assigneeCalendar, calendarLogins, visitsCalendar } from '../src/site/calendars.ts';
import { compareTrees, describeDifferences } from '../src/site/compare-trees.ts';
import { buildSiteModel, calendarInput } from '../src/site/site-model.ts';
import { startGitHubStandin } from '../standins/github/server.ts';
import { writeSyntheticMsp } from './synthetic/generate-msp.ts';

const repo = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    months: { type: 'string', default: '36' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    /** Client sites built at once in the all-client-sites step (client-sites.yml runs one per runner). */
    parallel: { type: 'string', default: '2' },
    /** Only the staff site: its cold build and the warm rebuild after one archive (for 25 and 300 clients). */
    'site-only': { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const months = Number(values.months);
const endMonth = '2026-10';
const month = nextMonth(endMonth);
const now = `${month}-20T12:00:00Z`;

/** A process and its descendants, each process's children given by `childrenOf`. */
async function descendants(root: number, childrenOf: (pid: number) => Promise<number[]>): Promise<number[]> {
  const tree: number[] = [];
  for (let queue = [root], pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    tree.push(pid);
    queue.push(...(await childrenOf(pid)));
  }
  return tree;
}

/** Every process's children (Linux /proc), from each process's parent in its `stat`. */
async function allChildren(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  return children;
}

/** Sum of VmRSS over the given processes, in MB; a process that has gone counts nothing. */
async function rssMb(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  return total;
}

/** The children a process's main thread started (where Node and Rust start theirs). */
async function mainThreadChildren(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter(Boolean).map(Number);
}

/**
 * Samples a process tree's RSS every 200 ms until stopped; returns the peak in MB. Each sample
 * follows the children the tree's processes started (a handful of small reads), and once a
 * second the whole tree is found again from every process's parent. A sample starts after the
 * last one ended, so slow samples never pile up beside the build they measure. (Reading every
 * process's parent five times a second cost the bench about 50 ms of CPU a second, beside a
 * build using both cores.)
 */
function sampleTreeRss(root: number): { stop(): Promise<number> } {
  let peak = 0;
  let stopped = false;
  const sampling = (async () => {
    for (let tick = 0; !stopped; tick += 1) {
      // Once a second, from every process's parent; else from what the tree's processes started.
      const every = tick % 5 === 0 ? await allChildren() : undefined;
      const childrenOf = every ? async (pid: number) => every.get(pid) ?? [] : mainThreadChildren;
      const tree = await descendants(root, childrenOf);
      peak = Math.max(peak, await rssMb(tree));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await sampling;
      return peak;
    },
  };
}

/** Runs a command; returns wall seconds, peak tree RSS (MB) and output. */
async function measure(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ seconds: number; peakMb: number; output: string }> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const sampler = child.pid ? sampleTreeRss(child.pid) : undefined;
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
  const peakMb = (await sampler?.stop()) ?? 0;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-3000)}`);
  return { seconds: (performance.now() - started) / 1000, peakMb, output };
}

/** Copies a directory tree as hard links (fast, no data copied). */
async function linkTree(from: string, to: string): Promise<void> {
  await measure('cp', ['-al', from, to], path.dirname(to));
}

async function dirStats(dir: string): Promise<{ bytes: number; htmlBytes: number; pages: number }> {
  let bytes = 0;
  let htmlBytes = 0;
  let pages = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const size = (await stat(path.join(entry.parentPath, entry.name))).size;
    bytes += size;
    if (entry.name.endsWith('.html')) {
      htmlBytes += size;
      if (entry.name === 'index.html') pages += 1;
    }
  }
  return { bytes, htmlBytes, pages };
}

const work = await mkdtemp(path.join(os.tmpdir(), 'binder-bench-'));
const site = path.join(work, 'site');
const baseline = path.join(work, 'baseline');
const rows: [string, string][] = [];
const result: Record<string, number | string> = { clients, months };
try {
  // 1. A synthetic MSP, set up as an msp-binder checkout (our sources, the repo's node_modules).
  // Only what `binder` and the site build run from is copied: the product (src, scripts, public
  // and the configs), not the tooling (bench/, standins/, test/), which a real checkout's commands
  // never load.
  const generated = await writeSyntheticMsp(site, {
    clients,
    months,
    seed: values.seed ?? '1',
    endMonth,
    repoRoot: repo,
  });
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    await cp(path.join(repo, entry), path.join(site, entry), { recursive: true });
  }
  // A hard-linked copy of node_modules: Astro mixes real and symlinked paths and fails on a symlink.
  await linkTree(path.join(repo, 'node_modules'), path.join(site, 'node_modules'));
  rows.push(['content files', `${generated.files} (${(generated.bytes / 1e6).toFixed(1)} MB)`]);

  // 2. check and plan, as a user runs them.
  const check = await measure(process.execPath, ['scripts/binder.ts', 'check'], site);
  result.checkSeconds = +check.seconds.toFixed(2);
  const plan = await measure(
    process.execPath,
    ['scripts/binder.ts', 'plan', '--month', month, '--json'],
    site,
  );
  result.planSeconds = +plan.seconds.toFixed(2);
  const plannedIssues = JSON.parse(plan.output.slice(plan.output.indexOf('['))) as {
    items: { id: string }[];
  }[];
  const planned = plannedIssues.length;
  result.renewalItems = plannedIssues
    .flatMap((issue) => issue.items)
    .filter((item) => item.id.startsWith('renew-')).length;

  // Renewals and calendars: the feeds the staff site writes, made in-process from the parsed
  // content (the site build runs the same functions from its collections).
  {
    const content = await readContent(site);
    const msp = content.msp ?? (undefined as never);
    const started = performance.now();
    const model = buildSiteModel({
      config: {
        root: site,
        msp,
        title: siteTitle(msp),
        outDir: 'dist',
        variant: 'internal',
        cacheDir: '.cache',
        keptDir: '.cache/dist',
        now: new Date(now),
        feedKey: '',
      },
      profiles: content.clients,
      sections: content.clients.flatMap((client) => client.binder),
      notes: content.clients.flatMap((client) => client.notes),
      archives: content.archives,
      templates: new Map([...content.templates].map(([name, entry]) => [name, entry.template])),
      lastUpdated: new Map(),
    });
    const input = calendarInput(model);
    let events = (visitsCalendar(input).match(/BEGIN:VEVENT/g) ?? []).length;
    for (const login of calendarLogins(model.clients, input.msp))
      events += (assigneeCalendar(input, login).match(/BEGIN:VEVENT/g) ?? []).length;
    result.renewals = model.renewals.length;
    result.calendarEvents = events;
    result.calendarSeconds = +((performance.now() - started) / 1000).toFixed(2);
  }

  // 3. The staff site and one client's site.
  const build = ['scripts/build-site.ts'];
  const internal = await measure(process.execPath, build, site, { BINDER_NOW: now, BINDER_OUT_DIR: 'dist' });
  const internalStats = await dirStats(path.join(site, 'dist'));
  result.pages = internalStats.pages;
  result.buildSeconds = +internal.seconds.toFixed(1);
  result.pagesPerSecond = +(internalStats.pages / internal.seconds).toFixed(1);
  result.peakRssMB = Math.round(internal.peakMb);
  result.distMB = +(internalStats.bytes / 1e6).toFixed(1);
  result.bytesPerPage = Math.round(internalStats.htmlBytes / internalStats.pages);
  rows.push(
    ['pages (staff site)', String(result.pages)],
    [
      'staff site build',
      `${result.buildSeconds} s, ${result.pagesPerSecond} pages/s, peak RSS ${result.peakRssMB} MB`,
    ],
    ['dist size', `${result.distMB} MB, ${result.bytesPerPage} bytes of HTML per page`],
  );
  const firstClient = (await readdir(path.join(site, contentPaths.clientsDir))).sort()[0] ?? '';

  // 3a. What the archive workflow costs: one archived checklist changed (an item's status
  // corrected, as a reopened and closed issue archives it), the staff site rebuilt warm from the
  // cache the build above left; then a cold build of the same content to compare byte for byte.
  {
    const archives = path.join(site, contentPaths.clientChecklistsDir(firstClient));
    // The newest archive: its first item did not apply after all (a technician's correction).
    const newest = (await readdir(archives))
      .filter((entry) => entry.endsWith('.md'))
      .sort()
      .at(-1);
    if (!newest) throw new Error(`bench: ${firstClient} has no archived checklist`);
    const file = path.join(archives, newest);
    const text = await readFile(file, 'utf8');
    const changed = text.replace(/\bstatus: done\b/, 'status: not-applicable');
    if (changed === text) throw new Error(`bench: no item done in ${file}`);
    await writeFile(file, changed);
    const warm = await measure(process.execPath, build, site, { BINDER_NOW: now, BINDER_OUT_DIR: 'dist' });
    if (!/^warm build of the internal site/m.test(warm.output))
      throw new Error(`bench: the rebuild did not start warm:\n${warm.output.slice(-2000)}`);
    // Where the warm build's time went, as `npm run build` says it.
    const steps = warm.output
      .split('\n')
      .filter((line) => /^(warm build|astro:|search index:|published|links:)/.test(line));
    console.error(`warm rebuild:\n  ${steps.join('\n  ')}`);
    result.warmRebuildSeconds = +warm.seconds.toFixed(1);
    result.warmPeakRssMB = Math.round(warm.peakMb);
    result.warmPagesWritten = Number(/pages: \d+, (\d+) written by this build/.exec(warm.output)?.[1] ?? -1);
    result.warmRebuildShare = +(warm.seconds / internal.seconds).toFixed(2);
    const cold = await measure(process.execPath, [...build, '--force'], site, {
      BINDER_NOW: now,
      BINDER_OUT_DIR: 'dist-cold',
    });
    const differences = await compareTrees(path.join(site, 'dist'), path.join(site, 'dist-cold'));
    result.warmRebuildIdentical = differences.length === 0 ? 'true' : 'false';
    result.coldAgainSeconds = +cold.seconds.toFixed(1);
    if (differences.length > 0)
      console.error(`warm and cold builds differ:\n${describeDifferences(differences.slice(0, 20))}`);
    await rm(path.join(site, 'dist-cold'), { recursive: true, force: true });
    rows.push(
      [
        'warm rebuild after one archive',
        `${result.warmRebuildSeconds} s (${Math.round(result.warmRebuildShare * 100)} % of the cold build), ${result.warmPagesWritten} pages written, peak RSS ${result.warmPeakRssMB} MB`,
      ],
      [
        'warm output = cold output',
        `${result.warmRebuildIdentical} (a cold build of the same content: ${result.coldAgainSeconds} s)`,
      ],
    );
  }
  // --site-only: the staff site's figures only (the other steps take most of an hour at 100 clients).
  if (!values['site-only']) {
    const client = await measure(process.execPath, build, site, {
      BINDER_NOW: now,
      BINDER_OUT_DIR: 'dist-client',
      BINDER_CLIENT: firstClient,
    });
    result.clientBuildSeconds = +client.seconds.toFixed(1);
    result.clientPages = (await dirStats(path.join(site, 'dist-client'))).pages;

    // 3b. Every client's site, each built and leak-checked as a client-sites.yml leg does it, a
    // few at a time; then one client's printed binder and monthly report.
    const slugs = (await readdir(path.join(site, contentPaths.clientsDir))).sort();
    const parallel = Math.max(1, Number(values.parallel));
    const legs: { build: number; check: number }[] = [];
    const allStarted = performance.now();
    let next = 0;
    // The first failure stops new legs; the running ones finish before it is reported (a leg
    // still writing would otherwise race the clean-up and hide the failure behind ENOTEMPTY).
    let failure: unknown;
    await Promise.all(
      Array.from({ length: Math.min(parallel, slugs.length) }, async () => {
        for (let index = next++; index < slugs.length && failure === undefined; index = next++) {
          const slug = slugs[index] ?? '';
          try {
            const out = `dist-sites/${slug}`;
            const built = await measure(process.execPath, build, site, {
              BINDER_NOW: now,
              BINDER_OUT_DIR: out,
              BINDER_CLIENT: slug,
            });
            const checked = await measure(process.execPath, ['scripts/leak-check.ts', out, slug], site);
            if (!checked.output.includes('✓ no leaks'))
              throw new Error(`leak check of ${slug}:\n${checked.output}`);
            legs.push({ build: built.seconds, check: checked.seconds });
            await rm(path.join(site, out), { recursive: true, force: true });
          } catch (error) {
            failure ??= new Error(`client site ${slug}: ${(error as Error).message}`);
          }
        }
      }),
    );
    if (failure !== undefined) throw failure;
    result.allClientSitesSeconds = +((performance.now() - allStarted) / 1000).toFixed(1);
    result.allClientSitesParallel = parallel;
    result.clientSiteBuildMeanSeconds = +(
      legs.reduce((sum, leg) => sum + leg.build, 0) / legs.length
    ).toFixed(1);
    result.clientSiteLeakCheckMeanSeconds = +(
      legs.reduce((sum, leg) => sum + leg.check, 0) / legs.length
    ).toFixed(1);
    const printed = await measure(
      process.execPath,
      ['scripts/binder.ts', 'print', '--client', firstClient],
      site,
    );
    result.printSeconds = +printed.seconds.toFixed(1);
    result.printPages = Number(/, (\d+) pages?,/.exec(printed.output)?.[1] ?? 0);
    const reported = await measure(
      process.execPath,
      ['scripts/binder.ts', 'report', '--client', firstClient, '--month', endMonth],
      site,
    );
    result.reportSeconds = +reported.seconds.toFixed(1);
    result.reportPages = Number(/, (\d+) pages?,/.exec(reported.output)?.[1] ?? 0);

    // 4. The framework's floor: plain Astro rendering the same Markdown, then Pagefind.
    await mkdir(path.join(baseline, 'src/pages'), { recursive: true });
    await linkTree(path.join(repo, 'node_modules'), path.join(baseline, 'node_modules'));
    await writeFile(path.join(baseline, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      path.join(baseline, 'astro.config.mjs'),
      "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
    );
    await writeFile(
      path.join(baseline, 'src/content.config.ts'),
      `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { pages: defineCollection({ loader: glob({ base: ${JSON.stringify(path.join(site, 'content'))}, pattern: '**/*.md', retainBody: false }) }) };\n`,
    );
    await writeFile(
      path.join(baseline, 'src/pages/[...slug].astro'),
      '---\nimport { getCollection, render } from \'astro:content\';\nexport async function getStaticPaths() { return (await getCollection(\'pages\')).map((entry) => ({ params: { slug: entry.id }, props: { entry } })); }\nconst { Content } = await render(Astro.props.entry);\n---\n<html lang="en"><head><meta charset="utf-8"><title>{Astro.props.entry.id}</title></head><body><main data-pagefind-body><Content /></main></body></html>\n',
    );
    const baseBuild = await measure(
      process.execPath,
      [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'],
      baseline,
    );
    const pagefind = await measure(
      process.execPath,
      [path.join(repo, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'dist'],
      baseline,
    );
    const baselineSeconds = baseBuild.seconds + pagefind.seconds;
    result.baselineSeconds = +baselineSeconds.toFixed(1);
    result.baselinePages = (await dirStats(path.join(baseline, 'dist'))).pages;
    // Compare per page: the staff site has more pages than files (timelines, history, print).
    result.ratioToBaseline = +(
      internal.seconds /
      internalStats.pages /
      (baselineSeconds / (result.baselinePages as number))
    ).toFixed(2);

    // 5. sync and archive against the stand-in, pacing off.
    const standin = await startGitHubStandin({ validate: false });
    try {
      const env = readEnvironment({
        GITHUB_TOKEN: 'test-token',
        GITHUB_REPOSITORY: 'test-msp/binders',
        GITHUB_API_URL: standin.url,
        BINDER_CREATE_PACING_MS: '0',
        BINDER_RETRY_AFTER_UNIT_MS: '1',
      });
      const quiet = { root: site, env, stdout: () => {}, stderr: () => {}, now: new Date(now), isTTY: false };
      let started = performance.now();
      if ((await main(['sync', '--month', month], quiet)) !== 0) throw new Error('sync failed');
      const syncSeconds = (performance.now() - started) / 1000;
      const created = standin.issues().length;
      result.syncIssues = created;
      result.syncSeconds = +syncSeconds.toFixed(1);
      result.syncRequestsPerIssue = +(standin.requests.length / created).toFixed(3);
      const writesBefore = standin.writes().length;
      await main(['sync', '--month', month], quiet);
      result.noopSyncWrites = standin.writes().length - writesBefore;
      for (const issue of standin.issues()) {
        standin.editIssueBody(issue.number, (issue.body ?? '').replaceAll('- [ ]', '- [x]'), 'jane-tech');
        standin.closeIssue(issue.number, { reason: 'completed', login: 'jane-tech' });
      }
      started = performance.now();
      if ((await main(['archive', '--month', month], quiet)) !== 0) throw new Error('archive failed');
      result.archiveSecondsPerIssue = +((performance.now() - started) / 1000 / created).toFixed(4);
      if (planned !== created) throw new Error(`plan has ${planned} issues but sync created ${created}`);
    } finally {
      await standin.close();
    }

    rows.push(
      [`one client's site (${firstClient})`, `${result.clientBuildSeconds} s, ${result.clientPages} pages`],
      [
        `all ${slugs.length} client sites + leak checks`,
        `${result.allClientSitesSeconds} s, ${parallel} at a time (per client: build ${result.clientSiteBuildMeanSeconds} s, leak check ${result.clientSiteLeakCheckMeanSeconds} s)`,
      ],
      [`binder print (${firstClient})`, `${result.printSeconds} s, ${result.printPages} pages`],
      [
        `binder report (${firstClient}, ${endMonth})`,
        `${result.reportSeconds} s, ${result.reportPages} pages`,
      ],
      [
        'baseline (plain Astro + Pagefind)',
        `${result.baselineSeconds} s for ${result.baselinePages} pages; ratio per page ${result.ratioToBaseline}`,
      ],
      ['binder check', `${result.checkSeconds} s`],
      ['binder plan', `${result.planSeconds} s (${planned} issues)`],
      [
        'binder sync (pacing off)',
        `${result.syncIssues} issues in ${result.syncSeconds} s, ${result.syncRequestsPerIssue} requests per issue; re-run writes ${result.noopSyncWrites}`,
      ],
      ['binder archive', `${result.archiveSecondsPerIssue} s per issue`],
      [
        'renewals and calendars',
        `${result.renewals} renewals, ${result.renewalItems} renewal items in ${month}'s plan; ${result.calendarEvents} events in all feeds in ${result.calendarSeconds} s`,
      ],
    );
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `msp-binder bench: ${clients} clients × ${months} months (seed ${values.seed}), ${os.cpus().length} cores\n`,
  );
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log('');
  console.log(JSON.stringify(result));
} finally {
  if (!values.keep)
    await rm(work, { recursive: true, force: true, maxRetries: 3 }).catch((error: Error) =>
      console.error(`could not remove ${work}: ${error.message}`),
    );
  else console.error(`kept ${work}`);
}
