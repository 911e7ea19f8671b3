import { checkRepository } from '../content/check-repository.ts';
import { type ClientEntry, type ContentSet, unknownClientError } from '../core/content-model.ts';
import { clientOfPath } from '../core/content-paths.ts';
import { type Diagnostic, formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import { pluralise } from '../core/text.ts';
import type { MspSettings } from '../schemas/index.ts';

/** A client left out of a run because its own files have errors. */
export interface SkippedClient {
  /** Client slug (its folder). */
  client: string;
  /** Its errors, file:line each. */
  errors: Diagnostic[];
}

/** Content fit to plan from: the clients without errors, and those left out with why. */
export interface PlannableContent {
  /** The content, with only the clients whose files are clean. */
  content: ContentSet & { msp: MspSettings };
  /** Clients skipped because their own files have errors, by slug. */
  skipped: SkippedClient[];
}

/**
 * Reads and checks the content for a run that talks to GitHub (plan, sync). A problem in a shared
 * file (msp.yaml, a template) stops the run before any request: every client depends on it. A
 * problem confined to one client's files (its profile, binder, notes, archives) skips that client
 * only, so one typo never stops everyone else's month; the caller reports the skipped clients
 * and exits 1 at the end. `binder check` still fails on any error.
 */
export async function loadPlannableContent(root: string): Promise<PlannableContent> {
  const result = await checkRepository(root);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const shared = errors.filter((diagnostic) => clientOfPath(diagnostic.file) === undefined);
  if (shared.length > 0 || !result.content.msp) {
    throw new UserError(
      `shared files have ${pluralise(shared.length, 'error')}; every client depends on them, so nothing was sent to GitHub. Fix them (npm run binder -- check):\n${shared.map(formatDiagnostic).join('\n')}`,
    );
  }
  const byClient = new Map<string, Diagnostic[]>();
  for (const diagnostic of errors) {
    const client = clientOfPath(diagnostic.file) ?? '';
    byClient.set(client, [...(byClient.get(client) ?? []), diagnostic]);
  }
  const skipped = [...byClient]
    .map(([client, list]) => ({ client, errors: list }))
    .sort((a, b) => (a.client < b.client ? -1 : 1));
  const blocked = new Set(skipped.map((entry) => entry.client));
  const clients: ClientEntry[] = result.content.clients.filter((client) => !blocked.has(client.slug));
  return {
    content: {
      ...result.content,
      clients,
      archives: result.content.archives.filter((archive) => !blocked.has(archive.data.client)),
      msp: result.content.msp,
    },
    skipped,
  };
}

/** The lines that tell a person which clients were skipped and why. */
export function describeSkippedClients(skipped: readonly SkippedClient[]): string[] {
  return skipped.flatMap((entry) => [
    `${entry.client}: skipped this run, its files have ${pluralise(entry.errors.length, 'error')} (the other clients went ahead):`,
    ...entry.errors.map((error) => `  ${formatDiagnostic(error)}`),
  ]);
}

/** The same as Markdown, for `$GITHUB_STEP_SUMMARY`. */
export function renderSkippedSummary(skipped: readonly SkippedClient[]): string {
  if (skipped.length === 0) return '';
  return [
    '',
    '### Clients skipped: their files have errors',
    '',
    ...skipped.flatMap((entry) => [
      `- **${entry.client}**`,
      ...entry.errors.map((error) => `  - \`${formatDiagnostic(error).replace(/`/g, "'")}\``),
    ]),
    '',
  ].join('\n');
}

/**
 * The clients a run covers: the ones named with `--client` (which must exist), else every active
 * client. A named client that was skipped stays skipped (the run exits 1); an unknown one is an
 * error before anything happens.
 */
export function selectClients(
  plannable: PlannableContent,
  named: readonly string[] | undefined,
): {
  clients: string[] | undefined;
  skipped: SkippedClient[];
} {
  const valid = plannable.content.clients.map((client) => client.slug);
  const skippedNames = new Set(plannable.skipped.map((entry) => entry.client));
  if (!named || named.length === 0) return { clients: undefined, skipped: plannable.skipped };
  const unknown = named.filter((slug) => !valid.includes(slug) && !skippedNames.has(slug));
  if (unknown.length) throw unknownClientError(unknown, [...valid, ...skippedNames]);
  return {
    clients: named.filter((slug) => valid.includes(slug)),
    skipped: plannable.skipped.filter((entry) => named.includes(entry.client)),
  };
}
