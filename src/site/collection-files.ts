import { globSync } from 'node:fs';
import path from 'node:path';
import { collectionGlobs, contentPaths } from '../core/content-paths.ts';

/** The site's content collections (src/content.config.ts). */
export type ContentCollection = 'clients' | 'binder' | 'notes' | 'checklists' | 'evidence';

/** Where each content collection's files are, repo-relative, for one client's build or all. */
export function collectionSources(
  client?: string,
): Record<ContentCollection, { base: string; pattern: string }> {
  const globs = collectionGlobs(client);
  return {
    clients: { base: contentPaths.clientsDir, pattern: globs.clients },
    binder: { base: contentPaths.clientsDir, pattern: globs.binder },
    notes: { base: contentPaths.clientsDir, pattern: globs.notes },
    checklists: { base: contentPaths.checklistsDir, pattern: globs.checklists },
    evidence: { base: contentPaths.evidenceDir, pattern: globs.evidence },
  };
}

/**
 * The collections that have at least one file. A new MSP has no notes and no archived
 * checklists yet: Astro warns about an empty glob and again about reading an empty collection,
 * so an empty collection is neither globbed nor read.
 */
export function collectionsWithFiles(root: string, client?: string): Set<ContentCollection> {
  const found = new Set<ContentCollection>();
  for (const [name, source] of Object.entries(collectionSources(client)) as [
    ContentCollection,
    { base: string; pattern: string },
  ][]) {
    const dir = path.join(root, source.base);
    if (globSync(source.pattern, { cwd: dir }).length > 0) found.add(name);
  }
  return found;
}
