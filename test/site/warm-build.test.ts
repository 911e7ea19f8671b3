import {
  appendFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArchivedChecklist } from '../../src/core/archive-render.ts';
import { compareTrees, describeDifferences } from '../../src/site/compare-trees.ts';
import { snapshotTree } from '../../src/site/kept-output.ts';
import { checkClientSite } from '../../src/site/leak-check.ts';
import { updatePageFacts } from '../../src/site/page-facts.ts';
import { buildSearchIndex } from '../../src/site/search-index.ts';
import { FIXTURE_MSP_WITH_HISTORY } from '../helpers/fixture-msp.ts';
import { buildCheckout, builtRoutes, git, makeCheckout, removeCheckout } from '../helpers/temp-checkout.ts';

/**
 * Warm builds are exactly cold builds. One checkout of the fixture MSP is built cold, then each
 * kind of change is committed and the site rebuilt warm (from the previous warm build: the chain
 * carries on), and the warm `dist` is compared byte for byte with a cold build of the same
 * commit, made with the warm cache moved aside. Any difference fails the step, naming the files.
 */
let root: string;
/** The first (cold) build's log. */
let firstLog: string;
const CACHE = () => path.join(root, '.cache/site');
const ACME = 'content/clients/acme-dental';

interface Built {
  dist: string;
  stdout: string;
  /** Pages in the site, and how many this build wrote. */
  pages: number;
  written: number;
}

function parse(result: { dist: string; stdout: string }): Built {
  const match = /pages: (\d+), (\d+) written by this build/.exec(result.stdout);
  if (!match) throw new Error(`no page count in the build's output:\n${result.stdout.slice(-2000)}`);
  return { dist: result.dist, stdout: result.stdout, pages: Number(match[1]), written: Number(match[2]) };
}

/** A warm build into `dist-warm[-client]`: it must have started from the cache. */
async function warm(client?: string): Promise<Built> {
  const built = parse(
    await buildCheckout(root, {
      outDir: `dist-warm${client ? `-${client}` : ''}`,
      ...(client ? { client } : {}),
    }),
  );
  expect(built.stdout).toMatch(/^warm build of the /m);
  // The search index was made once, from the pages as Astro reported them written (its 404 page
  // and the pages it kept among them).
  expect(built.stdout).not.toMatch(/changed after Astro reported them written/);
  return built;
}

/** A cold build of the same commit into `dist-cold[-client]`, with the warm cache moved aside and put back. */
async function cold(client?: string): Promise<Built> {
  const aside = `${CACHE()}-warm`;
  await rename(CACHE(), aside);
  try {
    const built = parse(
      await buildCheckout(root, {
        outDir: `dist-cold${client ? `-${client}` : ''}`,
        ...(client ? { client } : {}),
      }),
    );
    expect(built.stdout).toMatch(/^cold build of the .*: no finished build/m);
    expect(built.written).toBe(built.pages);
    return built;
  } finally {
    await rm(CACHE(), { recursive: true, force: true });
    await rename(aside, CACHE());
  }
}

/** The warm and the cold build of the current commit are the same, byte for byte. */
async function expectWarmEqualsCold(client?: string): Promise<{ warm: Built; cold: Built }> {
  const [w, c] = [await warm(client), await cold(client)];
  const differences = await compareTrees(w.dist, c.dist);
  expect(differences, `warm and cold builds differ:\n${describeDifferences(differences)}`).toEqual([]);
  return { warm: w, cold: c };
}

async function commit(message: string): Promise<void> {
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', message);
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(path.join(root, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(path.join(root, file), text.replace(from, to));
}

const archive = (month: string, tier: 'remote' | 'onsite', issue: number) =>
  renderArchivedChecklist({
    client: 'acme-dental',
    month,
    tier,
    template: 'monthly',
    issue,
    url: `https://github.com/northwind-it/binders/issues/${issue}`,
    state: 'completed',
    closedAt: `${month}-14T18:00:00Z`,
    closedBy: 'jane-tech',
    assignees: ['jane-tech'],
    dueDate: `${month}-13`,
    items: [{ id: 'system-log-warnings', text: 'Review the system event log for warnings', status: 'done' }],
    comments: [
      {
        author: 'jane-tech',
        at: `${month}-13T10:00:00Z`,
        visibility: 'client',
        body: 'For the client: all quiet.',
      },
    ],
  });

beforeAll(async () => {
  root = await makeCheckout(FIXTURE_MSP_WITH_HISTORY, { git: true });
  const first = parse(await buildCheckout(root, { outDir: 'dist-warm' }));
  expect(first.stdout).toMatch(/^cold build of the internal site/m);
  firstLog = first.stdout;
}, 300_000);

afterAll(async () => {
  if (root) await removeCheckout(root);
});

describe('a warm build equals a cold build of the same content, byte for byte', () => {
  /** Each kind of change, and whether every page must render again (else only some may). */
  const changes: [string, () => Promise<void>, 'some' | 'all'][] = [
    [
      'an archived checklist added',
      () =>
        writeFile(
          path.join(root, 'content/checklists/acme-dental/2026-11-remote.md'),
          archive('2026-11', 'remote', 50),
        ),
      'some',
    ],
    [
      'an archived checklist changed',
      () => edit('content/checklists/acme-dental/2026-10-onsite.md', 'status: not-done', 'status: done'),
      'some',
    ],
    [
      'a binder section edited',
      () => edit(`${ACME}/binder/backups.md`, 'Nightly image', 'Hourly image'),
      'some',
    ],
    [
      'a section added (every sidebar of the client changes)',
      () =>
        writeFile(
          path.join(root, `${ACME}/binder/printers.md`),
          '---\ntitle: Printers\norder: 25\n---\nThe front-desk printer is AC-PRN01. Back to [backups](./backups.md).\n',
        ),
      'some',
    ],
    [
      'a file deleted',
      () => unlink(path.join(root, 'content/clients/globex-law/binder/admin-access.md')),
      'some',
    ],
    [
      'a tech note added',
      () =>
        writeFile(
          path.join(root, `${ACME}/notes/2026-11-03-printer.md`),
          '---\ndate: 2026-11-03\nauthor: jane-tech\ntitle: Printer replaced\n---\nAC-PRN01 replaced under warranty.\n',
        ),
      'some',
    ],
    [
      'msp.yaml changed',
      () => edit('content/msp.yaml', 'name: Northwind IT', 'name: Northwind IT Services'),
      'all',
    ],
    [
      'the checklist template changed',
      () =>
        edit(
          'templates/checklists/monthly.md',
          'Run the UPS self-test and note the runtime',
          'Run the UPS self-test',
        ),
      'some',
    ],
  ];

  it.each(changes)(
    '%s',
    async (name, change, renders) => {
      await change();
      await commit(name);
      const { warm: built } = await expectWarmEqualsCold();
      if (renders === 'all') expect(built.written).toBe(built.pages);
      else expect(built.written).toBeLessThan(built.pages);
    },
    180_000,
  );

  it('only what changed is rendered: an archived checklist changed rewrites the pages that show it and the always-rendered ones', async () => {
    // The archive this test changes (the first change above adds it; run alone, this test does).
    const archived = 'content/checklists/acme-dental/2026-11-remote.md';
    if (!(await stat(path.join(root, archived)).catch(() => undefined))) {
      await writeFile(path.join(root, archived), archive('2026-11', 'remote', 50));
      await commit('The archive this test changes');
      await warm();
    }
    await edit(archived, 'all quiet', 'all quiet again');
    await commit('Another archive change');
    // What Astro renders it writes into the kept output; what it keeps it leaves as it was. (Its
    // log, which named each page, leaves pages out: src/site/build-log.mjs.) The kept output here
    // shares no file with another output, so no kept page is detached (copied, its time set
    // again to the millisecond) and a time that moved is a page written.
    const kept = path.join(CACHE(), await variantFolder('internal'), 'dist');
    const before = await snapshotTree(kept);
    const built = await warm();
    const after = await snapshotTree(kept);
    const rendered = [...after]
      .filter(([file, signature]) => {
        const was = before.get(file);
        return file.endsWith('.html') && (was?.mtimeMs !== signature.mtimeMs || was.size !== signature.size);
      })
      .map(([file]) => `/${file}`)
      .sort();
    expect(rendered).toEqual(
      [
        // What shows the comment that changed: the archive's page and its month's report, and
        // the lists of both (keyed on every archive's digest, on every report whole). The
        // printed binder's maintenance table counts items only, so it is kept.
        '/clients/acme-dental/checklists/2026-11-remote/index.html',
        '/clients/acme-dental/reports/2026-11/index.html',
        '/clients/acme-dental/checklists/index.html',
        '/clients/acme-dental/reports/index.html',
        // Pages without a key, rendered on every build: the staff home and each client's overview.
        '/index.html',
        '/clients/acme-dental/index.html',
        '/clients/globex-law/index.html',
        // The not-found page, which Starlight's own route renders (it has no key).
        '/404.html',
      ].sort(),
    );
    for (const page of [
      'clients/acme-dental/binder/backups/index.html',
      'clients/acme-dental/print/index.html',
      'clients/globex-law/checklists/index.html',
    ])
      expect(after.get(page), page).toEqual(before.get(page));
    expect(built.written).toBe(rendered.length);
  }, 180_000);
});

describe('a cold build reads its pages while Astro renders them', () => {
  it('its search index, fed as Astro wrote the pages, is the one Pagefind makes from the finished pages in route order', async () => {
    const built = await cold();
    // Astro announced every route it rendered (the pages and the 404; how many were read before
    // it exited depends on timing: src/site/live-pages.test.ts tests the reading).
    const live =
      /pages: \d+, \d+ written by this build \((\d+) route\(s\) announced by Astro, (\d+) page\(s\) read after it\)/.exec(
        built.stdout,
      );
    expect(live, built.stdout.slice(-2000)).not.toBeNull();
    expect(Number(live?.[1])).toBeGreaterThanOrEqual(built.pages);
    expect(Number(live?.[2])).toBeLessThanOrEqual(built.pages);
    // The index fed page by page as Astro wrote them, against one fed once from the finished site.
    const { facts } = await updatePageFacts(built.dist, await snapshotTree(built.dist), new Map());
    const fresh = await buildSearchIndex(facts, (file) => readFile(path.join(built.dist, file), 'utf8'));
    expect(fresh.fedAgain).toBe('all');
    const differing = [];
    for (const [file, content] of fresh.files) {
      const onDisk = await readFile(path.join(built.dist, 'pagefind', file)).catch(() => undefined);
      if (!onDisk || Buffer.compare(onDisk, Buffer.from(content)) !== 0) differing.push(file);
    }
    expect(differing).toEqual([]);
    const bundle = await readdir(path.join(built.dist, 'pagefind'), { recursive: true, withFileTypes: true });
    expect(bundle.filter((entry) => entry.isFile())).toHaveLength(fresh.files.size);
  }, 120_000);
});

describe("the build's log", () => {
  /** Astro's line for a page it wrote (`├─ /route/index.html (+12ms)`) or kept (`(cached)`). */
  const PAGE_LINE = /[├└]─ |\(\+[\d.]+m?s\)|\((?:cached|restored)\)/;

  it("has Astro's own lines and the build's, and no line per page, cold or warm", async () => {
    const warmLog = (await buildCheckout(root, { outDir: 'dist-log' })).stdout;
    expect(warmLog).toMatch(/^warm build of the internal site/m);
    for (const log of [firstLog, warmLog]) {
      expect(log).toContain('[content] Synced content');
      expect(log).toContain('[build] Complete!');
      expect(log).toMatch(/^astro: [\d.]+ s; pages: \d+, \d+ written by this build/m);
      expect(log.split('\n').filter((line) => PAGE_LINE.test(line))).toEqual([]);
    }
  }, 120_000);
});

describe('each variant keeps its own cache and output', () => {
  it('a client build into the folder of a staff build holds nothing else, and passes the leak check', async () => {
    const shared = 'dist-shared';
    const staff = await buildCheckout(root, { outDir: shared });
    expect(staff.stdout).toMatch(/^warm build of the internal site/m);
    expect(await builtRoutes(path.join(root, shared))).toContain('/clients/globex-law/');
    const client = await buildCheckout(root, { outDir: shared, client: 'acme-dental' });
    expect(client.stdout).toMatch(/^cold build of the client-acme-dental site/m);
    const reference = await cold('acme-dental');
    const differences = await compareTrees(path.join(root, shared), reference.dist);
    expect(differences, describeDifferences(differences)).toEqual([]);
    expect((await checkClientSite(root, path.join(root, shared), 'acme-dental')).leaks).toEqual([]);
    // The staff site's cache was not touched: it is still warm.
    expect((await buildCheckout(root, { outDir: shared })).stdout).toMatch(
      /^warm build of the internal site/m,
    );
  }, 240_000);

  it('a client’s warm build equals its cold build after a change it shows', async () => {
    await edit(`${ACME}/binder/backups.md`, 'Hourly image', 'Hourly image (verified)');
    await commit('Client-visible edit');
    const { warm: built } = await expectWarmEqualsCold('acme-dental');
    expect(built.written).toBeLessThan(built.pages);
    expect((await checkClientSite(root, built.dist, 'acme-dental')).leaks).toEqual([]);
  }, 240_000);
});

describe('what a warm build will not build on', () => {
  it('the comparison finds a planted stale page, naming it', async () => {
    // A kept page changed behind the build's back, keeping its size and time: the build cannot
    // tell, keeps it (its key is unchanged), and only the comparison with a cold build shows it.
    const file = path.join(
      CACHE(),
      await variantFolder('internal'),
      'dist/clients/acme-dental/binder/overview/index.html',
    );
    const kept = await readFile(file, 'utf8');
    const { mtime } = await stat(file);
    expect(kept).toContain('AC-SRV01');
    await writeFile(file, kept.replace('AC-SRV01', 'AC-SRV99'));
    await utimes(file, mtime, mtime);
    const built = await warm();
    const reference = await cold();
    const differences = await compareTrees(built.dist, reference.dist);
    expect(differences).toEqual([
      { file: 'clients/acme-dental/binder/overview/index.html', kind: 'differs' },
    ]);
    expect(describeDifferences(differences)).toBe('clients/acme-dental/binder/overview/index.html: differs');
  }, 240_000);

  it('a published file edited in place (it shares its storage with the kept output) starts the next build cold', async () => {
    await appendFile(
      path.join(root, 'dist-warm/clients/acme-dental/binder/overview/index.html'),
      '<!-- edited -->',
    );
    const built = parse(await buildCheckout(root, { outDir: 'dist-warm' }));
    expect(built.stdout).toContain(
      'cold build of the internal site: the kept output is not as the last build left it (clients/acme-dental/binder/overview/index.html changed after the last build)',
    );
    expect(built.written).toBe(built.pages);
    const reference = await cold();
    expect(await compareTrees(built.dist, reference.dist)).toEqual([]);
  }, 240_000);

  it('BINDER_COLD=1 starts cold; what it replaces, and caches of other code, are gone when it ends', async () => {
    const current = await variantFolder('internal');
    const kept = path.join(CACHE(), current, 'dist/index.html');
    const keptBefore = await stat(kept);
    // A cache of other code, the cache folder of earlier versions, what a build stopped halfway
    // left being deleted, and another variant's cache, which stays.
    for (const file of [
      'site/internal-0123456789ab/dist/index.html',
      'astro/data-store.json',
      'site/internal.deleting/internal-aaaaaaaaaaaa-99-0/dist/index.html',
      'site/client-globex-law-0123456789ab/dist/index.html',
    ]) {
      await mkdir(path.dirname(path.join(root, '.cache', file)), { recursive: true });
      await writeFile(path.join(root, '.cache', file), 'left');
    }
    const otherVariants = (await readdir(CACHE())).filter((name) => !name.startsWith('internal'));
    expect(otherVariants).toContain('client-globex-law-0123456789ab');
    const built = parse(await buildCheckout(root, { outDir: 'dist-warm', cold: true }));
    expect(built.stdout).toMatch(/^cold build of the internal site: asked for/m);
    expect(built.written).toBe(built.pages);
    expect((await readdir(CACHE())).sort()).toEqual([...otherVariants, current].sort());
    expect(await readdir(path.join(root, '.cache'))).toEqual(['site']);
    // The kept output is the new build's, not the last one's.
    expect((await stat(kept)).ino).not.toBe(keptBefore.ino);
  }, 240_000);
});

/** The cache folder of a variant (`internal-<key>`). */
async function variantFolder(variant: string): Promise<string> {
  const found = (await readdir(CACHE())).find((name) => name.startsWith(`${variant}-`));
  if (!found) throw new Error(`no cache folder for ${variant}`);
  return found;
}
