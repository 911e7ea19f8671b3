import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyContentPath, contentPaths } from '../core/content-paths.ts';

/**
 * A client's own binder sections and tech notes that are `visibility: internal`: on its site a
 * link to one of them becomes text. Read before Astro starts (astro.config.mjs hands the set to
 * the link plugin, and the build's cache is keyed on it, see site-config.ts); only the
 * frontmatter's `visibility` line is read, and only this client's folder.
 */
export function readInternalPages(root: string, client: string): Set<string> {
  const internal = new Set<string>();
  const dir = contentPaths.clientDir(client);
  let names: string[];
  try {
    names = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' });
  } catch {
    return internal;
  }
  for (const name of names.sort()) {
    const file = `${dir}/${name.split(path.sep).join('/')}`;
    const kind = classifyContentPath(file).kind;
    if (kind !== 'binder-section' && kind !== 'tech-note') continue;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(root, file), 'utf8'))?.[1] ?? '';
    if (/^visibility:\s*['"]?internal['"]?\s*$/m.test(front)) internal.add(file);
  }
  return internal;
}
