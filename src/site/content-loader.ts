import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { glob as tinyglobby } from 'tinyglobby';

/**
 * A loader context whose Markdown is read for its frontmatter only: `glob()` then stores each
 * entry's data without rendering its body. For the archived checklists, whose pages are made
 * from their data and whose body is empty: rendered, each stored a second copy of its
 * frontmatter (as the render's metadata), which was half of the 27 MB content store that Astro
 * writes and bundles on every build.
 */
function dataOnly(context: LoaderContext): LoaderContext {
  // Astro hands loaders its content entry types (`glob()` reads them), though not in their type.
  const { entryTypes } = context as LoaderContext & { entryTypes?: Map<string, { getEntryInfo: unknown }> };
  if (!entryTypes) return context;
  const frontmatterOnly = new Map(
    [...entryTypes].map(([extension, type]) => [extension, { getEntryInfo: type.getEntryInfo }]),
  );
  return { ...context, entryTypes: frontmatterOnly } as LoaderContext;
}

/** Where a collection's files are: a folder relative to the root and a pattern in it. */
export interface CollectionSource {
  base: string;
  pattern: string;
}

/**
 * Astro's `glob()` loader, that first tells which files changed. `glob()` parses every file's
 * frontmatter before it looks at the digest it keeps, so a warm build parsed the YAML of all
 * 15,000 files (archived checklists are mostly frontmatter) to find one changed: 5 of the 7 s its
 * content sync took at 100 clients. This loader reads each file and digests it as `glob()` does;
 * when the store already holds that file with that digest, the entry stays as it is. The files
 * that are new or changed go through `glob()` itself, so they are parsed, validated and rendered
 * exactly as before; entries of files that are gone are deleted. With no entries yet (a cold
 * build), or under a dev server, it is `glob()`.
 */
export function digestFirstGlob(source: CollectionSource, options: { render: boolean }): Loader {
  const full = glob({ base: `./${source.base}`, pattern: source.pattern, retainBody: false });
  return {
    name: 'binder-digest-first-glob',
    load: async (given) => {
      const context = options.render ? given : dataOnly(given);
      // A dev server (`astro dev` watches files) is `glob()`: it is `glob()` that starts watching the
      // collection's files, and skipping it left a restarted dev server deaf to every edit.
      if (context.watcher) return full.load(context);
      const { store, generateDigest, config } = context;
      const root = fileURLToPath(config.root);
      const byFile = new Map<string, { id: string; digest: string | undefined }>();
      for (const [id, entry] of store.entries())
        if (entry.filePath) byFile.set(entry.filePath, { id, digest: entry.digest?.toString() });
      if (byFile.size === 0) return full.load(context);
      const base = path.join(root, source.base);
      // The files `glob()` would load: the same library, the same options.
      const files = (await tinyglobby(source.pattern, { cwd: base, expandDirectories: false })).sort();
      const changed: string[] = [];
      // The store's ids of the changed files it already holds (a new file has none yet).
      const changedIds = new Set<string>();
      const seen = new Set<string>();
      // Read one after another, synchronously: the files are small and cached, and a promised read
      // is four trips to libuv's threads (open, stat, read, close). The checklists' 9,873 files at
      // 100 clients took 1.6 s so, and 0.3 s now. Their pauses also let Astro's debounced write of
      // its content store (500 ms after the last change; the sync's own changes come first) serialize
      // all 18 MB of it once more in the middle of the sync, half a second of a warm build.
      const folder = source.base.split(path.sep).join('/');
      for (const file of files) {
        const filePath = path.posix.join(folder, file);
        seen.add(filePath);
        const known = byFile.get(filePath);
        if (known && known.digest === generateDigest(readFileSync(path.join(base, file), 'utf8'))) continue;
        changed.push(file);
        if (known) changedIds.add(known.id);
      }
      for (const [filePath, { id }] of byFile) if (!seen.has(filePath)) store.delete(id);
      if (changed.length === 0) return;
      // A name `glob()` would read as a pattern: let it load everything, as it does.
      if (changed.some((file) => /[*?[\]{}()!\\]/.test(file))) return full.load(context);
      // `glob()` deletes the entries it did not see: let it see only the changed files' entries.
      const scoped: LoaderContext['store'] = Object.create(store);
      scoped.keys = () => store.keys().filter((id) => changedIds.has(id));
      const only = glob({ base: `./${source.base}`, pattern: changed, retainBody: false });
      await only.load({ ...context, store: scoped });
    },
  };
}
