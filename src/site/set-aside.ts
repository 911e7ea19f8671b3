import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Folders a build no longer wants (a cache of other code, a cache it will not build on), removed
 * without making the build wait for them: each is renamed into a folder kept for the purpose,
 * which takes no time and frees its place at once, and is deleted while the build goes on. A
 * kept output and its cache at 100 clients are 33,000 files: deleting them took 3.6-4 s at the
 * start of every cold build that had a cache to replace. {@link done} waits for the deletions
 * and removes the folder, with whatever a build stopped halfway left in it.
 */
export class SetAside {
  readonly #dir: string;
  readonly #deletions: Promise<void>[] = [];

  /** `dir`: where folders wait to be deleted, on the same file system as they are. */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Moves `folder` out of its place (nothing when it is not there) and starts deleting it. */
  async remove(folder: string): Promise<void> {
    const aside = path.join(this.#dir, `${path.basename(folder)}-${randomUUID()}`);
    try {
      await mkdir(this.#dir, { recursive: true });
      await rename(folder, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(folder)) return;
      // No folder to wait in, another file system, a rename refused: deleted in place, as before.
      await rm(folder, { recursive: true, force: true });
      return;
    }
    const deletion = rm(aside, { recursive: true, force: true });
    deletion.catch(() => undefined); // settled in done()
    this.#deletions.push(deletion);
  }

  /**
   * Resolves once every folder set aside is deleted, and the folder they waited in. Never
   * rejects: a folder that could not be deleted is tried again by the next build, and must not
   * fail this one or hide its own error.
   */
  async done(): Promise<void> {
    await Promise.allSettled(this.#deletions);
    await rm(this.#dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
