import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTrees, describeDifferences } from './compare-trees.ts';
import {
  detachKeptFiles,
  keptOutputProblem,
  publishTree,
  removeEmptyFolders,
  removeFiles,
  sameSignature,
  snapshotTree,
  staleFiles,
} from './kept-output.ts';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kept-output-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const sig = (size: number, mtimeMs: number) => ({ size, mtimeMs });

describe('kept output', () => {
  it('a signature is the same to the second, as a cache restored by tar keeps it', () => {
    expect(sameSignature(sig(10, 1_700_000_000_123), sig(10, 1_700_000_000_000))).toBe(true);
    expect(sameSignature(sig(10, 1_700_000_000_123), sig(11, 1_700_000_000_123))).toBe(false);
    expect(sameSignature(sig(10, 1_700_000_001_000), sig(10, 1_700_000_000_999))).toBe(false);
    expect(sameSignature(undefined, sig(1, 1))).toBe(false);
  });

  it('a kept output is built on only when it is exactly as the last build left it', () => {
    const recorded = new Map([
      ['index.html', sig(10, 5_000)],
      ['a/index.html', sig(20, 5_000)],
    ]);
    expect(keptOutputProblem(recorded, new Map(recorded))).toBeUndefined();
    expect(keptOutputProblem(recorded, new Map([['index.html', sig(10, 5_000)]]))).toBe(
      'a/index.html is missing',
    );
    expect(keptOutputProblem(recorded, new Map([...recorded, ['a/index.html', sig(20, 9_000)]]))).toBe(
      'a/index.html changed after the last build',
    );
    expect(keptOutputProblem(recorded, new Map([...recorded, ['b.html', sig(1, 1)]]))).toBe(
      'b.html was added after the last build',
    );
  });

  it('stale: neither reported by Astro nor written by this build; the search bundle is left alone', () => {
    const before = new Map([
      ['kept/index.html', sig(10, 1_000)],
      ['gone/index.html', sig(10, 1_000)],
      ['_astro/old.css', sig(5, 1_000)],
      ['_astro/same.css', sig(5, 1_000)],
      ['pagefind/old.pf_fragment', sig(5, 1_000)],
    ]);
    const after = new Map([
      ['kept/index.html', sig(10, 1_000)],
      ['gone/index.html', sig(10, 1_000)],
      ['_astro/old.css', sig(5, 1_000)],
      ['_astro/same.css', sig(5, 2_000)],
      ['_astro/new.css', sig(6, 2_000)],
      ['pagefind/old.pf_fragment', sig(5, 1_000)],
    ]);
    expect(staleFiles(before, after, new Set(['kept/index.html']), ['pagefind/'])).toEqual([
      '_astro/old.css',
      'gone/index.html',
    ]);
  });

  it('removes files and the folders they leave empty; publishes linked copies, then only what changed', async () => {
    const dir = await tree({ 'a/b/c.html': 'c', 'a/d.html': 'd', 'e.html': 'e', 'f/g.html': 'g' });
    const out = `${dir}-published`;
    try {
      await removeFiles(dir, ['a/b/c.html', 'e.html']);
      expect([...(await snapshotTree(dir)).keys()].sort()).toEqual(['a/d.html', 'f/g.html']);
      await expect(stat(path.join(dir, 'a/b'))).rejects.toThrow();
      expect(await publishTree(dir, out)).toEqual({ how: 'linked', changed: 2 });
      expect(await readFile(path.join(out, 'a/d.html'), 'utf8')).toBe('d');
      expect((await stat(path.join(out, 'a/d.html'))).ino).toBe((await stat(path.join(dir, 'a/d.html'))).ino);
      expect(await compareTrees(dir, out)).toEqual([]);
      // Again, after a page went, one came and a folder was left empty: only those change.
      await rm(path.join(dir, 'f/g.html'));
      await writeFile(path.join(dir, 'h.html'), 'h');
      await removeEmptyFolders(dir, (await snapshotTree(dir)).keys());
      await expect(stat(path.join(dir, 'f'))).rejects.toThrow();
      await writeFile(path.join(out, 'stray.html'), 'not ours');
      expect(await publishTree(dir, out)).toEqual({ how: 'linked', changed: 3 });
      expect(await compareTrees(dir, out)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });

  it('publishes all but a folder, leaving that folder alone on both sides, then the folder on its own', async () => {
    const kept = await tree({
      'page.html': 'p',
      'pagefind/new.pf_index': 'new',
      'pagefind/fragment/a.pf': 'a',
    });
    const out = `${kept}-published`;
    try {
      await mkdir(path.join(out, 'pagefind'), { recursive: true });
      await writeFile(path.join(out, 'pagefind/old.pf_index'), 'old');
      await writeFile(path.join(out, 'stray.html'), 'not ours');
      expect(await publishTree(kept, out, { except: ['pagefind'] })).toEqual({ how: 'linked', changed: 2 });
      expect(await readFile(path.join(out, 'page.html'), 'utf8')).toBe('p');
      await expect(stat(path.join(out, 'stray.html'))).rejects.toThrow();
      // The search folder is as it was: its old file stays, the new ones are not there yet.
      expect(await readFile(path.join(out, 'pagefind/old.pf_index'), 'utf8')).toBe('old');
      await expect(stat(path.join(out, 'pagefind/new.pf_index'))).rejects.toThrow();
      expect(await publishTree(path.join(kept, 'pagefind'), path.join(out, 'pagefind'))).toEqual({
        how: 'linked',
        changed: 3,
      });
      expect(await compareTrees(kept, out)).toEqual([]);
    } finally {
      await rm(kept, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });

  it('a build published elsewhere keeps its bytes when the kept output is rewritten in place; the current output stays linked', async () => {
    const kept = await tree({ 'page.html': 'first build', 'other.html': 'o' });
    const [earlier, current] = [`${kept}-earlier`, `${kept}-current`];
    try {
      await publishTree(kept, earlier);
      // The next build publishes to another folder: before it rewrites pages (as Astro does, in
      // place), the kept files that the earlier folder shares get storage of their own.
      const before = await snapshotTree(kept);
      expect(await detachKeptFiles(kept, current)).toBe(2);
      expect(keptOutputProblem(before, await snapshotTree(kept))).toBeUndefined();
      await writeFile(path.join(kept, 'page.html'), 'second build');
      expect(await readFile(path.join(earlier, 'page.html'), 'utf8')).toBe('first build');
      await publishTree(kept, current);
      expect(await readFile(path.join(current, 'page.html'), 'utf8')).toBe('second build');
      // Publishing to the same folder again: nothing to detach, the links stay.
      expect(await detachKeptFiles(kept, current)).toBe(0);
      expect((await stat(path.join(current, 'other.html'))).ino).toBe(
        (await stat(path.join(kept, 'other.html'))).ino,
      );
    } finally {
      for (const dir of [kept, earlier, current]) await rm(dir, { recursive: true, force: true });
    }
  });

  it('the byte comparison names every file that differs, is missing or is extra', async () => {
    const first = await tree({
      'same.html': 'x',
      'differs.html': 'aaaa',
      'extra.html': 'e',
      'sub/a.css': 'a',
    });
    const second = await tree({
      'same.html': 'x',
      'differs.html': 'aaab',
      'sub/a.css': 'a',
      'sub/b.css': 'b',
    });
    try {
      const differences = await compareTrees(first, second);
      expect(differences).toEqual([
        { file: 'differs.html', kind: 'differs' },
        { file: 'extra.html', kind: 'only-in-first' },
        { file: 'sub/b.css', kind: 'only-in-second' },
      ]);
      expect(describeDifferences(differences)).toContain('differs.html: differs');
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });
});
