import type { RepositoryFiles } from '../content/repository-files.ts';
import type { SourcePosition } from '../core/diagnostics.ts';
import { binderClientFor, type EvidenceClient, type ParsedExport } from '../core/evidence-import.ts';
import type { RmmExport } from '../schemas/index.ts';
import type { RmmSource } from './rmm-source.ts';

/**
 * The evidence use cases beside the commands: fetching an export from an RMM (only the clients the
 * binder knows, so the MSP's other RMM clients are never read), and writing the month's files.
 */

/** What a fetch found. */
export interface FetchedExport {
  /** The export, shaped as if read from a file (positions name the RMM). */
  exported: ParsedExport & { value: RmmExport };
  /** RMM clients that match no binder client. */
  unknownClients: string[];
}

/**
 * Lists the RMM's clients, keeps those a binder client names (of them, only the binder clients
 * in `only`, when given), and exports them. RMM clients that name no binder client are listed as
 * unknown; those left out by `only` are not (they are binder clients, just not asked for).
 */
export async function fetchExport(
  source: RmmSource,
  clients: readonly EvidenceClient[],
  now: Date,
  only?: readonly string[],
): Promise<FetchedExport> {
  const listed = (await source.listClients()).map((client) => ({
    client,
    binder: binderClientFor(client.name, clients),
  }));
  const known = listed.filter(({ binder }) => binder).map(({ client }) => client);
  const wanted = only
    ? listed.filter(({ binder }) => binder && only.includes(binder.slug)).map(({ client }) => client)
    : known;
  const value = await source.exportClients(wanted, now);
  const where: SourcePosition = { file: `${source.rmm} RMM`, line: 1, col: 1 };
  return {
    exported: { value, positionOf: () => where, diagnostics: [] },
    unknownClients: only ? [] : listed.filter(({ binder }) => !binder).map(({ client }) => client.name),
  };
}

/** Writes the files whose text changed; resolves the paths written. */
export async function writeEvidenceFiles(
  planned: readonly { path: string; text: string }[],
  files: RepositoryFiles,
): Promise<string[]> {
  const written: string[] = [];
  for (const file of planned) {
    if ((await files.read(file.path)) === file.text) continue;
    await files.write(file.path, file.text);
    written.push(file.path);
  }
  return written;
}
