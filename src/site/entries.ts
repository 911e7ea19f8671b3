import { type CollectionEntry, getCollection } from 'astro:content';

type Name = 'clients' | 'binder' | 'notes' | 'checklists';
const memo = new Map<Name, Promise<Map<string, CollectionEntry<Name>>>>();

/**
 * The collection entry for a repo-relative file (e.g. `content/clients/acme/binder/backups.md`).
 * Each collection is read once per build and indexed by file, not fetched per page.
 */
export async function entryForFile<N extends Name>(
  collection: N,
  file: string,
): Promise<CollectionEntry<N> | undefined> {
  let index = memo.get(collection);
  if (!index) {
    index = getCollection(collection).then(
      (entries) =>
        new Map(
          entries.map((entry) => [
            (entry.filePath ?? '').replace(/^\.\//, ''),
            entry as CollectionEntry<Name>,
          ]),
        ),
    );
    memo.set(collection, index);
  }
  return (await index).get(file) as CollectionEntry<N> | undefined;
}
