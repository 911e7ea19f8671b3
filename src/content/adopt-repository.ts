import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  adoptionRefusal,
  EXAMPLE_MSP,
  renderMspSettings,
  resetCodeowners,
  resetTemplateLeftovers,
} from '../core/adopt.ts';
import { contentPaths } from '../core/content-paths.ts';
import { parseMspSettingsFile } from '../core/content-set.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import { parseYamlWithPositions } from '../core/frontmatter.ts';
import { DEFAULT_WORKING_DAYS, type MspSettings } from '../schemas/index.ts';
import { createRepositoryFiles } from './repository-files.ts';

/** What `init` is told. */
export interface AdoptionRequest {
  /** The MSP's settings, already validated argument by argument. */
  name: string;
  repo: string;
  timezone: string;
  siteUrl: string;
  /** Delete clients and archives of the MSP's own too. */
  force: boolean;
}

/** What `init` did, for its report. */
export interface AdoptionSummary {
  /** The settings written to content/msp.yaml. */
  msp: MspSettings;
  /** Client folders removed from content/clients/ (the example's, or with --force any). */
  removedClients: string[];
  /** Archived checklist files removed from content/checklists/. */
  removedArchives: number;
  /** Files whose example leftovers were reset, with what changed in each. */
  reset: { file: string; what: string }[];
  /** The example's logo file, removed with the settings that named it. */
  removedLogo?: string;
}

async function folders(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function filesUnder(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Turns the repository into a blank MSP (`binder init`): writes content/msp.yaml, removes every
 * client and archived checklist, and resets the example's leftovers in the templates and
 * CODEOWNERS. Refuses (UserError, nothing changed) when content/ holds clients of the MSP's own,
 * unless `force`. Everything is worked out before the first file is touched.
 */
export async function adoptRepository(root: string, request: AdoptionRequest): Promise<AdoptionSummary> {
  const repository = createRepositoryFiles(root);
  const settingsText = renderMspSettings({
    name: request.name,
    siteUrl: request.siteUrl,
    repo: request.repo,
    timezone: request.timezone,
    assignees: {},
    tags: [],
    closedDays: [],
    workingDays: [...DEFAULT_WORKING_DAYS],
    milestones: true,
    graduateAfter: 3,
    staff: {},
    paper: 'letter',
  });
  // The file as `check` will read it: the arguments were validated one by one, this proves the whole.
  const written = parseMspSettingsFile({ path: contentPaths.mspSettings, text: settingsText });
  if (!written.msp) {
    throw new UserError(
      `the settings do not make a valid msp.yaml:\n${written.diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  const current = await repository.read(contentPaths.mspSettings);
  const currentSettings = current
    ? (parseYamlWithPositions(contentPaths.mspSettings, current).data as
        | { repo?: unknown; logo?: unknown }
        | undefined)
    : undefined;
  const currentRepo = currentSettings?.repo;
  // The example's logo goes with the example's settings; an MSP's own logo (its repo, not the
  // example's) stays where it is, and the new msp.yaml simply does not name it yet.
  const exampleLogo =
    currentRepo === EXAMPLE_MSP.repo && typeof currentSettings?.logo === 'string'
      ? path.posix.normalize(currentSettings.logo)
      : undefined;
  const removedLogo =
    exampleLogo?.startsWith(`${contentPaths.contentDir}/`) && !exampleLogo.includes('..')
      ? exampleLogo
      : undefined;
  const clientFolders = await folders(root, contentPaths.clientsDir);
  const archiveFolders = await folders(root, contentPaths.checklistsDir);
  // The example's RMM evidence is the example's too: it goes with its clients.
  const evidenceFolders = await folders(root, contentPaths.evidenceDir);
  const refusal = adoptionRefusal({
    ...(typeof currentRepo === 'string' ? { mspRepo: currentRepo } : {}),
    clientFolders,
    archiveFolders: [...archiveFolders, ...evidenceFolders],
  });
  if (refusal && !request.force) throw new UserError(refusal);

  const rewrites: { file: string; text: string; what: string }[] = [];
  for (const file of [
    ...(await filesUnder(root, contentPaths.templatesDir)),
    ...(await filesUnder(root, contentPaths.binderScaffoldDir)),
  ]) {
    if (!file.endsWith('.md') && !file.endsWith('.mdx')) continue;
    const text = await readFile(path.join(root, file), 'utf8');
    const reset = resetTemplateLeftovers(text, request.name);
    if (reset.text === text) continue;
    const what = [
      reset.names ? `the example MSP's name (${reset.names}×)` : '',
      reset.sopLinks ? `${reset.sopLinks} SOP link${reset.sopLinks === 1 ? '' : 's'} to its wiki` : '',
    ].filter(Boolean);
    rewrites.push({ file, text: reset.text, what: what.join(', ') });
  }
  const owners = await repository.read(contentPaths.codeowners);
  if (owners !== undefined) {
    const owner = request.repo.split('/')[0] ?? request.repo;
    const reset = resetCodeowners(owners, owner);
    if (reset.rules > 0) {
      rewrites.push({
        file: contentPaths.codeowners,
        text: reset.text,
        what: `${reset.rules} rule${reset.rules === 1 ? '' : 's'} naming @${EXAMPLE_MSP.githubOwner} teams, commented out for @${owner}`,
      });
    }
  }
  const removedArchives = (await filesUnder(root, contentPaths.checklistsDir)).filter((file) =>
    file.endsWith('.md'),
  ).length;

  await mkdir(path.join(root, contentPaths.contentDir), { recursive: true });
  await writeFile(path.join(root, contentPaths.mspSettings), settingsText);
  for (const rewrite of rewrites) await writeFile(path.join(root, rewrite.file), rewrite.text);
  for (const dir of [contentPaths.clientsDir, contentPaths.checklistsDir, contentPaths.evidenceDir]) {
    await rm(path.join(root, dir), { recursive: true, force: true });
    await mkdir(path.join(root, dir), { recursive: true });
    // git keeps no empty folder; the site's collections expect both to exist.
    await writeFile(path.join(root, dir, '.gitkeep'), '');
  }
  if (removedLogo) await rm(path.join(root, removedLogo), { force: true });
  return {
    ...(removedLogo ? { removedLogo } : {}),
    msp: written.msp,
    removedClients: clientFolders,
    removedArchives,
    reset: rewrites.map(({ file, what }) => ({ file, what })),
  };
}
