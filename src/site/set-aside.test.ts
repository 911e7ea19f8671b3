import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SetAside } from './set-aside.ts';

let root: string;

/** A folder of `files` files in `folders` subfolders. */
async function tree(dir: string, folders = 20, files = 50): Promise<void> {
  for (let f = 0; f < folders; f += 1) {
    await mkdir(path.join(dir, `f${f}`), { recursive: true });
    await Promise.all(
      Array.from({ length: files }, (_, i) =>
        writeFile(path.join(dir, `f${f}`, `${i}.html`), 'x'.repeat(500)),
      ),
    );
  }
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'set-aside-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a folder set aside is gone from its place at once and deleted meanwhile', () => {
  it('moves the folder out of the way before it returns, and deletes it by the time all is done', async () => {
    const cache = path.join(root, 'internal-0123456789ab');
    await tree(cache);
    const setAside = new SetAside(path.join(root, 'internal.deleting'));
    await setAside.remove(cache);
    // The place is free at once: a cold build can make its folder there.
    expect(existsSync(cache)).toBe(false);
    await mkdir(path.join(cache, 'dist'), { recursive: true });
    await setAside.done();
    expect((await readdir(root)).sort()).toEqual(['internal-0123456789ab']);
    expect(await readdir(cache)).toEqual(['dist']);
  });

  it('a folder that is not there is nothing to do; several are deleted together', async () => {
    const setAside = new SetAside(path.join(root, 'internal.deleting'));
    await setAside.remove(path.join(root, 'missing'));
    for (const name of ['a', 'b', 'c']) await tree(path.join(root, name), 3, 10);
    await Promise.all(['a', 'b', 'c'].map((name) => setAside.remove(path.join(root, name))));
    expect(await readdir(root)).toEqual(['internal.deleting']);
    await setAside.done();
    expect(await readdir(root)).toEqual([]);
  });

  it('a folder that cannot be set aside is deleted in place; done never fails the build', async () => {
    const setAside = new SetAside(path.join(root, 'internal.deleting'));
    // The holding folder's place is taken by a file: no rename into it can work.
    await writeFile(path.join(root, 'internal.deleting'), 'not a folder');
    const cache = path.join(root, 'internal-0123456789ab');
    await tree(cache, 2, 5);
    await setAside.remove(cache);
    expect(existsSync(cache)).toBe(false);
    await expect(setAside.done()).resolves.toBeUndefined();
  });

  it('what an earlier build left being deleted (it stopped halfway) is deleted too', async () => {
    await tree(path.join(root, 'internal.deleting', 'internal-aaaaaaaaaaaa-1234-0'), 2, 5);
    const setAside = new SetAside(path.join(root, 'internal.deleting'));
    await setAside.remove(path.join(root, 'missing'));
    await setAside.done();
    expect(await readdir(root)).toEqual([]);
  });
});
