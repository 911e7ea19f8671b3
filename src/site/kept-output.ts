import type { Dirent, Stats } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A variant's kept output: the previous build's pages, assets and search index, in the variant's
 * own cache folder (`.cache/site/<variant>-<key>/dist`), which Astro builds into and a warm build
 * rewrites only in part. What is recorded about it, how a build tells it is intact, what is stale
 * after a build, and how it is published to the output directory.
 */

/** A file as the build records it: size and modification time. */
export interface FileSignature {
  size: number;
  mtimeMs: number;
}

/** Repo-style relative path (`/`-separated) → signature, for every file of a tree. */
export type TreeSnapshot = Map<string, FileSignature>;

/**
 * Two signatures of the same file are the same when size and whole seconds of mtime agree: a
 * cache restored by `tar` (actions/cache) may keep mtimes to the second only, and anything that
 * rewrites a page does so seconds after the build that recorded it.
 */
export function sameSignature(a: FileSignature | undefined, b: FileSignature | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.size === b.size &&
    Math.floor(a.mtimeMs / 1000) === Math.floor(b.mtimeMs / 1000)
  );
}

/** Every file under `dir` with its `stat`, by relative path; an empty map when `dir` does not exist. */
export async function statTree(dir: string): Promise<Map<string, Stats>> {
  return (await walkTree(dir)).stats;
}

/**
 * {@link statTree}, and the tree's folders (relative), from the same walk; but for the top-level
 * folders in `except`.
 */
export async function walkTree(
  dir: string,
  except: ReadonlySet<string> = new Set(),
): Promise<{ stats: Map<string, Stats>; folders: string[] }> {
  const entries = (await readTree(dir, except)) ?? [];
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => toRelative(dir, path.join(entry.parentPath, entry.name)));
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => toRelative(dir, path.join(entry.parentPath, entry.name)));
  return { stats: await statFiles(dir, files), folders };
}

/**
 * The `stat` of each of `files` (relative to `dir`) that is there, by relative path, many at a
 * time.
 */
export async function statFiles(dir: string, files: readonly string[]): Promise<Map<string, Stats>> {
  const tree = new Map<string, Stats>();
  const statIfThere = (file: string) =>
    stat(path.join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  for (let i = 0; i < files.length; i += 256) {
    const batch = files.slice(i, i + 256);
    const stats = await Promise.all(batch.map(statIfThere));
    batch.forEach((file, index) => {
      const info = stats[index];
      if (info) tree.set(file, info);
    });
  }
  return tree;
}

/** The signatures of a tree's files (see {@link statTree}). */
export const signaturesOf = (stats: ReadonlyMap<string, Stats>): TreeSnapshot =>
  new Map([...stats].map(([file, info]) => [file, { size: info.size, mtimeMs: info.mtimeMs }]));

/** Every file under `dir` with its signature; an empty map when `dir` does not exist. */
export const snapshotTree = async (dir: string): Promise<TreeSnapshot> => signaturesOf(await statTree(dir));

const toRelative = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join('/');

/**
 * Why a kept output cannot be built on, or undefined when it is exactly what the last build
 * recorded: the same files, none changed since. A file added, missing or changed (a crashed
 * build, someone editing the published copy, which shares the kept files' storage) means the
 * kept pages may not be what their keys say, so the build starts cold. Names the first file.
 */
export function keptOutputProblem(
  recorded: ReadonlyMap<string, FileSignature>,
  actual: ReadonlyMap<string, FileSignature>,
): string | undefined {
  for (const [file, signature] of recorded) {
    const now = actual.get(file);
    if (!now) return `${file} is missing`;
    if (!sameSignature(signature, now)) return `${file} changed after the last build`;
  }
  for (const file of actual.keys()) if (!recorded.has(file)) return `${file} was added after the last build`;
  return undefined;
}

/**
 * The files of a kept output that this build did not produce, to be removed: neither among the
 * files Astro reports for this build's routes (`outputs`: rendered and kept pages alike) nor
 * written during this build (new, or changed since `before`). That is pages that no longer exist
 * (a deleted file's, a deleted client's overview) and old assets (`_astro/`, which Vite writes
 * in full on every build, so an asset not written was referenced by no page of this build).
 * Paths under `except` (the search index, synchronised on its own) are left alone.
 */
export function staleFiles(
  before: ReadonlyMap<string, FileSignature>,
  after: ReadonlyMap<string, FileSignature>,
  outputs: ReadonlySet<string>,
  except: readonly string[] = [],
): string[] {
  const stale: string[] = [];
  for (const [file, signature] of after) {
    if (outputs.has(file)) continue;
    if (except.some((prefix) => file.startsWith(prefix))) continue;
    const previous = before.get(file);
    const writtenNow =
      previous === undefined || previous.mtimeMs !== signature.mtimeMs || previous.size !== signature.size;
    if (!writtenNow) stale.push(file);
  }
  return stale.sort();
}

/** Removes files of a tree, then the folders they leave empty (a cold build has none). */
export async function removeFiles(dir: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) {
    await rm(path.join(dir, file), { force: true });
    for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder))
      folders.add(folder);
  }
  // Deepest first; a folder that still holds something stays.
  for (const folder of [...folders].sort((a, b) => b.length - a.length))
    await rmdir(path.join(dir, folder)).catch(() => undefined);
}

/**
 * Removes the folders of a tree that hold no file (Astro deletes a page that went, not its
 * folder; a cold build has none). `files` are the tree's files, relative; `folders` its folders,
 * when the caller has just walked it (else it is walked here).
 */
export async function removeEmptyFolders(
  dir: string,
  files: Iterable<string>,
  except: ReadonlySet<string> = new Set(),
  folders?: readonly string[],
): Promise<void> {
  const used = new Set<string>();
  for (const file of files)
    for (
      let folder = path.posix.dirname(file);
      folder !== '.' && !used.has(folder);
      folder = path.posix.dirname(folder)
    )
      used.add(folder);
  const all =
    folders?.filter((folder) => !except.has(folder.split('/')[0] ?? '')) ??
    ((await readTree(dir, except)) ?? [])
      .filter((entry) => entry.isDirectory())
      .map((entry) => toRelative(dir, path.join(entry.parentPath, entry.name)));
  const empty = all.filter((folder) => !used.has(folder)).sort((a, b) => b.length - a.length);
  for (const folder of empty) await rmdir(path.join(dir, folder)).catch(() => undefined);
}

/** Where the build records the output files Astro reported (the `astro:build:done` hook). */
export const ASTRO_OUTPUTS_FILE = 'astro-outputs.json';

/**
 * Records, from `astro:build:done`, every file Astro wrote or kept for this build's routes
 * (pages and endpoints), relative to the output directory. Run inside Astro's process by the
 * integration (src/site/build-channel.ts); read by the build once Astro says it has recorded them.
 */
export async function recordAstroOutputs(
  cacheDir: string,
  outDir: URL,
  assets: ReadonlyMap<string, readonly URL[]>,
): Promise<void> {
  const root = fileURLToPath(outDir);
  const files = new Set<string>();
  for (const urls of assets.values()) for (const url of urls) files.add(toRelative(root, fileURLToPath(url)));
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, ASTRO_OUTPUTS_FILE), `${JSON.stringify([...files].sort())}\n`);
}

/** The files Astro reported for the last build, or undefined when it recorded none. */
export async function readAstroOutputs(cacheDir: string): Promise<Set<string> | undefined> {
  try {
    return new Set(JSON.parse(await readFile(path.join(cacheDir, ASTRO_OUTPUTS_FILE), 'utf8')) as string[]);
  } catch {
    return undefined;
  }
}

/** Makes a folder, replacing a file that is in its way. */
async function mkdirReplacing(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    for (let up = folder; up !== path.dirname(up); up = path.dirname(up))
      if ((await stat(up).catch(() => undefined))?.isFile()) await rm(up, { force: true });
    await mkdir(folder, { recursive: true });
  }
}

/**
 * Before a warm build rewrites kept pages: gives a kept file a storage of its own when it shares
 * it with anything but this build's output directory. A publish links the kept output into the
 * output directory, and Astro rewrites a page in place, so without this an earlier build
 * published elsewhere (`dist-before/`, kept to compare) would change under its owner's eyes. A
 * kept file linked only from the same place in `outDir` stays shared: that copy is republished
 * by this build anyway. The copy keeps the file's bytes and times, so the kept output is still
 * exactly what the last build recorded. `kept`: the kept files' stats, when the caller has just
 * taken them (else they are taken here). `published`, when given, receives the stats of the files
 * of `outDir` found still sharing a kept file's storage (a later publish need not stat them
 * again). Returns how many files were given their own storage.
 */
export async function detachKeptFiles(
  keptDir: string,
  outDir: string,
  kept?: ReadonlyMap<string, Stats>,
  published?: Map<string, Stats>,
): Promise<number> {
  const files = [...(kept ?? (await statTree(keptDir)))];
  let detached = 0;
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(
      files.slice(i, i + 256).map(async ([relative, info]) => {
        if (info.nlink < 2) return;
        if (info.nlink === 2) {
          const copy = await stat(path.join(outDir, relative)).catch(() => undefined);
          if (copy && copy.ino === info.ino && copy.dev === info.dev) {
            published?.set(relative, copy);
            return;
          }
        }
        const file = path.join(keptDir, relative);
        const copy = `${file}.detach-${process.pid}`;
        await copyFile(file, copy);
        await utimes(copy, info.atime, info.mtime);
        await rename(copy, file);
        detached += 1;
      }),
    );
  }
  return detached;
}

/**
 * Publishes a kept output to the output directory as hard links (15,000 pages in a second, where
 * copying 330 MB took ten), or as copies where links are not possible (another file system). An
 * output directory that already links to the kept output is brought up to date: a file that is
 * the same inode is left, any other is replaced, files the kept output lacks are removed. A
 * published copy must not be edited in place: it shares its files with the kept output (the next
 * build would find them changed, and start cold). An output directory published earlier and
 * left elsewhere is not changed by later builds: they detach from it first (`detachKeptFiles`).
 * `except` names top-level folders this publish leaves alone on both sides (not read, not
 * linked, not removed): the build publishes the pages while the search index is still being
 * written into its folder, then that folder on its own. `sourceStats` and `targetStats`: the
 * files' stats on either side, when the caller has taken them since either last changed (the
 * build has: the kept files' to find what is stale, the published ones' before Astro).
 */
export async function publishTree(
  from: string,
  to: string,
  options: {
    except?: string[];
    sourceStats?: ReadonlyMap<string, Stats>;
    targetStats?: ReadonlyMap<string, Stats>;
  } = {},
): Promise<{ how: 'linked' | 'copied'; changed: number }> {
  const except = new Set(options.except ?? []);
  const source = await readTree(from, except);
  if (!source) throw new Error(`no output to publish in ${from}`);
  const published = new Map<string, number>();
  const publishedFolders = new Set<string>([to]);
  for (const entry of (await readTree(to, except)) ?? []) {
    const target = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) publishedFolders.add(target);
    else published.set(toRelative(to, target), 0);
  }
  await mkdir(to, { recursive: true });
  const folders = source
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(to, path.relative(from, path.join(entry.parentPath, entry.name))))
    .filter((folder) => !publishedFolders.has(folder))
    .sort();
  // Folder by folder, a level at a time (a parent before its children), many at once; a warm
  // build's output has them all already.
  const levels = Map.groupBy(folders, (folder) => folder.split(path.sep).length);
  for (const depth of [...levels.keys()].sort((a, b) => a - b)) {
    const level = levels.get(depth) ?? [];
    for (let i = 0; i < level.length; i += 128)
      await Promise.all(level.slice(i, i + 128).map(mkdirReplacing));
  }
  const files = source
    .filter((entry) => entry.isFile())
    .map((entry) => toRelative(from, path.join(entry.parentPath, entry.name)));
  /** The kept file's stats: the caller's when it has just taken them, else read now. */
  const sourceStat = (file: string) => options.sourceStats?.get(file) ?? stat(path.join(from, file));
  const targetStat = (file: string) => options.targetStats?.get(file) ?? stat(path.join(to, file));
  let how: 'linked' | 'copied' = 'linked';
  let changed = 0;
  for (let i = 0; i < files.length; i += 128) {
    await Promise.all(
      files.slice(i, i + 128).map(async (file) => {
        const [target, origin] = [path.join(to, file), path.join(from, file)];
        if (published.has(file)) {
          published.delete(file);
          if (how === 'linked') {
            const [a, b] = await Promise.all([sourceStat(file), targetStat(file)]);
            if (a.ino === b.ino && a.dev === b.dev) return;
          }
          await rm(target, { force: true, recursive: true });
        }
        changed += 1;
        if (how === 'linked') {
          try {
            await link(origin, target);
            return;
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
            how = 'copied';
          }
        }
        await copyFile(origin, target);
      }),
    );
  }
  await removeFiles(to, [...published.keys()]);
  await removeEmptyFolders(to, files, except);
  return { how, changed: changed + published.size };
}

/**
 * Every entry under `dir`, recursively, but for the top-level folders in `except`; undefined when
 * `dir` does not exist (or is not a folder).
 */
async function readTree(dir: string, except: ReadonlySet<string> = new Set()): Promise<Dirent[] | undefined> {
  let top: Dirent[];
  try {
    top = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  const entries: Dirent[] = [];
  for (const entry of top) {
    if (entry.isDirectory() && except.has(entry.name)) continue;
    entries.push(entry);
    if (entry.isDirectory())
      entries.push(...(await readdir(path.join(dir, entry.name), { recursive: true, withFileTypes: true })));
  }
  return entries;
}
