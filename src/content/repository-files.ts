import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Reads and writes repo-relative files under a repository root. */
export interface RepositoryFiles {
  /** The file's text, or undefined when it does not exist. */
  read(file: string): Promise<string | undefined>;
  /** Writes the file, creating its folders. */
  write(file: string, text: string): Promise<void>;
}

/** RepositoryFiles over the file system at `root`. */
export function createRepositoryFiles(root: string): RepositoryFiles {
  return {
    async read(file) {
      try {
        return await readFile(path.join(root, file), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(file, text) {
      const target = path.join(root, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
    },
  };
}
