import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentFile, ContentSet } from '../core/content-model.ts';
import { clientOfPath, contentPaths, isContentFileName } from '../core/content-paths.ts';
import { parseContentSet, parseMspSettingsFile } from '../core/content-set.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import type { MspSettings } from '../schemas/index.ts';

/** Options for reading content. */
export interface ReadContentOptions {
  /**
   * Read only these clients' folders (plus shared files). Client sites use this so that other
   * clients' files are never even opened.
   */
  clients?: readonly string[];
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((dirent) => dirent.isFile() && !dirent.name.startsWith('.'))
    .map((dirent) =>
      path.relative(root, path.join(dirent.parentPath, dirent.name)).split(path.sep).join('/'),
    );
}

/** Lists the content files under `root` that msp-binder reads, repo-relative. */
export async function listContentFiles(root: string, options: ReadContentOptions = {}): Promise<string[]> {
  const only = options.clients ? new Set(options.clients) : undefined;
  const [content, templates] = await Promise.all([
    listFiles(root, contentPaths.contentDir),
    listFiles(root, contentPaths.templatesDir),
  ]);
  return [...content, ...templates]
    .filter(isContentFileName)
    .filter((file) => {
      const client = clientOfPath(file);
      return !only || client === undefined || only.has(client);
    })
    .sort();
}

/** Reads the checklist templates (`templates/checklists/*.md`). */
export async function readTemplateFiles(root: string): Promise<ContentFile[]> {
  const files = await listFiles(root, contentPaths.templatesDir);
  return readContentFiles(root, files.filter((file) => file.endsWith('.md')).sort());
}

/** Reads the given repo-relative files. */
export async function readContentFiles(root: string, files: readonly string[]): Promise<ContentFile[]> {
  return Promise.all(
    files.map(async (file) => ({ path: file, text: await readFile(path.join(root, file), 'utf8') })),
  );
}

/** Reads and parses everything in `content/` and `templates/checklists/` under `root`. */
export async function readContent(root: string, options: ReadContentOptions = {}): Promise<ContentSet> {
  return parseContentSet(await readContentFiles(root, await listContentFiles(root, options)));
}

/**
 * Reads and validates `content/msp.yaml` alone. A missing or invalid file is a UserError that
 * says how to fix it (`init` writes one).
 */
export async function readMspSettings(root: string): Promise<MspSettings> {
  let text: string;
  try {
    text = await readFile(path.join(root, contentPaths.mspSettings), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UserError(
      `${contentPaths.mspSettings} is missing: write it with \`npm run binder -- init --name "…" --repo owner/name --timezone Area/City\`.`,
      { cause: error },
    );
  }
  const { msp, diagnostics } = parseMspSettingsFile({ path: contentPaths.mspSettings, text });
  if (!msp) {
    throw new UserError(
      `${contentPaths.mspSettings} is invalid; fix it first:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  return msp;
}
