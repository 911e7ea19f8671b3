import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A file that two built sites do not have alike. */
export interface TreeDifference {
  /** Path relative to the sites' roots, `/`-separated. */
  file: string;
  /** In the first tree only, in the second only, or in both with different bytes. */
  kind: 'only-in-first' | 'only-in-second' | 'differs';
}

/** Every file of a tree, and every folder (with a trailing `/`): an empty folder counts too. */
async function filesOf(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(
    entries.map(
      (entry) =>
        path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/') +
        (entry.isDirectory() ? '/' : ''),
    ),
  );
}

/**
 * Compares two built sites byte for byte: every file of either, sorted. A warm build's output
 * must equal a cold build's of the same content (test/site/warm-build.test.ts, `npm run bench`);
 * an empty list is the proof, anything else names the files (and folders, ending in `/`).
 */
export async function compareTrees(first: string, second: string): Promise<TreeDifference[]> {
  const [a, b] = await Promise.all([filesOf(first), filesOf(second)]);
  const differences: TreeDifference[] = [];
  for (const file of a) if (!b.has(file)) differences.push({ file, kind: 'only-in-first' });
  for (const file of b) if (!a.has(file)) differences.push({ file, kind: 'only-in-second' });
  const both = [...a].filter((file) => b.has(file) && !file.endsWith('/'));
  for (let i = 0; i < both.length; i += 64) {
    const batch = both.slice(i, i + 64);
    const same = await Promise.all(
      batch.map(async (file) => {
        const [x, y] = await Promise.all([
          readFile(path.join(first, file)),
          readFile(path.join(second, file)),
        ]);
        return x.equals(y);
      }),
    );
    batch.forEach((file, index) => {
      if (!same[index]) differences.push({ file, kind: 'differs' });
    });
  }
  return differences.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** The differences in words, one per line, for a failure message. */
export function describeDifferences(differences: readonly TreeDifference[], limit = 30): string {
  const words = {
    'only-in-first': 'only in the first',
    'only-in-second': 'only in the second',
    differs: 'differs',
  };
  const lines = differences
    .slice(0, limit)
    .map((difference) => `${difference.file}: ${words[difference.kind]}`);
  if (differences.length > limit) lines.push(`… and ${differences.length - limit} more`);
  return lines.join('\n');
}
