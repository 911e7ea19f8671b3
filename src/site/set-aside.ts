import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Folders a build no longer wants (a cache of other code, a cache it will not build on), removed
 * without making the build wait for them: each is renamed into a folder kept for the purpose,
 * which takes no time and frees its place at once, and is deleted while the build goes on. A
 * kept output and its cache at 100 clients are 33,000 files: deleting them took 3.6-4 s at the
 * start of every cold build that had a cache to replace. {@link done} waits for the deletions
 * and removes the folder; what a build stopped halfway left in it is deleted with the next one's.
 */
export class SetAside {
  readonly #dir: string;
  readonly #deletions: Promise<void>[] = [];
  #count = 0;
  #swept = false;

  /** `dir`: where folders wait to be deleted, on the same file system as they are. */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Moves `folder` out of its place (nothing when it is not there) and starts deleting it. */
  async remove(folder: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    if (!this.#swept) {
      this.#swept = true;
      for (const left of await readdir(this.#dir)) this.#delete(path.join(this.#dir, left));
    }
    const aside = path.join(this.#dir, `${path.basename(folder)}-${process.pid}-${this.#count++}`);
    try {
      await rename(folder, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      // Another file system, or a rename refused: deleted in place, as before.
      await rm(folder, { recursive: true, force: true });
      return;
    }
    this.#delete(aside);
  }

  #delete(target: string): void {
    const deletion = rm(target, { recursive: true, force: true });
    deletion.catch(() => undefined); // settled in done()
    this.#deletions.push(deletion);
  }

  /** Resolves once every folder set aside is deleted, and the folder they waited in. */
  async done(): Promise<void> {
    await Promise.allSettled(this.#deletions);
    await rm(this.#dir, { recursive: true, force: true });
  }
}
