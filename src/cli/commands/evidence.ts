import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkRepository } from '../../content/check-repository.ts';
import { createRepositoryFiles } from '../../content/repository-files.ts';
import { utcMonth } from '../../core/calendar.ts';
import { type ContentSet, unknownClientError } from '../../core/content-model.ts';
import { parseEvidenceFile } from '../../core/content-set.ts';
import { type Diagnostic, formatDiagnostic } from '../../core/diagnostics.ts';
import { OutsideError, UserError } from '../../core/errors.ts';
import {
  buildEvidenceFiles,
  exportFormatOf,
  type ParsedExport,
  parseCsvExport,
  parseNeutralExport,
} from '../../core/evidence-import.ts';
import { clientVerdicts } from '../../core/evidence-plan.ts';
import { pluralise } from '../../core/text.ts';
import { createGit } from '../../git/git.ts';
import { fetchExport, writeEvidenceFiles } from '../../rmm/evidence-run.ts';
import type { RmmExport } from '../../schemas/index.ts';
import { parseCommandArgs, requireMonth, requireSlug } from '../args.ts';
import type { Command, CommandContext } from '../context.ts';
import { RMM_SOURCES, rmmSourceFromEnvironment } from '../rmm-from-env.ts';

const USAGE = [
  'Usage: npm run binder -- evidence import --file <export.json|export.csv> [--month YYYY-MM] [--dry-run | --commit]',
  '       npm run binder -- evidence fetch --source tactical [--month YYYY-MM] [--client <slug>]... [--if-missing]',
  '                                        [--dry-run | --commit [--push]]',
  '',
  "Writes the month's RMM evidence, content/evidence/<client>/<YYYY-MM>.json, one file per client",
  'the export names (by slug, or by `rmm.client` in the profile), each device matched to the',
  "binder's hosts by serial, then host name. Then says per client what was found and each",
  "automatic item's verdict. Bad input is reported with file and line (or the device): exit 1,",
  'nothing written.',
  '',
  '  import --file F     the vendor-neutral JSON export, or a CSV with one row per device check',
  '                      (docs/content-format.md)',
  "  fetch --source S    read the RMM's API: `tactical` (TRMM_API_URL, TRMM_API_KEY)",
  '  --month YYYY-MM     the checklist month the evidence is for (default: the current month in UTC);',
  '                      it must be the month, in UTC, the export was taken in: fetch takes it now',
  '  --client <slug>     fetch: only this client (repeatable); its RMM data alone is read',
  "  --if-missing        keep a client's evidence file for the month when there is one already (the",
  "                      workflow's follow-up runs keep what the month's issues were judged on)",
  '  --dry-run           read and judge, say what would be written, and write nothing',
  '  --commit            commit the changed evidence files',
  '  --push              push the commit (rebase and retry when the remote moved; never force)',
].join('\n');

function fail(what: string, diagnostics: readonly Diagnostic[]): never {
  throw new UserError(
    `${what} has ${pluralise(diagnostics.length, 'problem')}; nothing was written:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
  );
}

async function loadContent(root: string): Promise<ContentSet> {
  const result = await checkRepository(root);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length) fail('the content (npm run binder -- check)', errors);
  return result.content;
}

async function readExport(root: string, file: string): Promise<ParsedExport> {
  const absolute = path.resolve(root, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      {
        cause: error,
      },
    );
  }
  const shown = path.relative(root, absolute).split(path.sep).join('/') || file;
  return exportFormatOf(file) === 'csv' ? parseCsvExport(shown, text) : parseNeutralExport(shown, text);
}

/** The slugs `--client` names, each a binder client. */
function selectedClients(content: ContentSet, named: readonly string[]): string[] {
  const slugs = content.clients.map((client) => client.slug);
  const unknown = named.filter((slug) => !slugs.includes(slug));
  if (unknown.length) throw unknownClientError(unknown, slugs);
  return [...new Set(named)];
}

/** How writeMonth treats what it builds. */
interface WriteOptions {
  /** The binder clients the export was taken for (default: every client). */
  clients?: ContentSet['clients'];
  /** RMM clients a fetch found that name no binder client. */
  unknownClients?: readonly string[];
  /** Keep a client's file for the month when there is one. */
  ifMissing?: boolean;
  /** Build, validate and report, but write nothing. */
  dryRun?: boolean;
}

/** Builds, validates, writes and reports the month's files from an export; the paths written. */
async function writeMonth(
  exported: ParsedExport & { value: RmmExport },
  content: ContentSet,
  month: string,
  context: CommandContext,
  options: WriteOptions = {},
): Promise<string[]> {
  const { unknownClients = [], ifMissing = false, dryRun = false } = options;
  const build = buildEvidenceFiles(exported, options.clients ?? content.clients, month);
  if (ifMissing) {
    const existing = new Set(content.evidence.map((entry) => entry.file));
    const kept = build.files.filter((file) => existing.has(file.path));
    for (const file of kept) context.stdout(`${file.data.client}: kept ${file.path} (--if-missing)`);
    build.files = build.files.filter((file) => !existing.has(file.path));
  }
  const diagnostics = [...build.diagnostics];
  // Each file must pass `check`'s own reading of it before anything is written.
  for (const file of build.files) parseEvidenceFile(file, file.data.client, month, diagnostics);
  if (diagnostics.length) fail(`the ${exported.value.source.rmm} export`, diagnostics);
  const written = dryRun ? [] : await writeEvidenceFiles(build.files, createRepositoryFiles(context.root));
  const templates = new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
  for (const file of build.files) {
    const client = content.clients.find((entry) => entry.slug === file.data.client);
    if (!client) continue;
    const devices = file.data.devices;
    const matched = devices.filter((device) => device.binder);
    const bySerial = matched.filter((device) => device.binder?.by === 'serial').length;
    const checks = devices.reduce((sum, device) => sum + device.checks.length, 0);
    const outside = devices.filter((device) => !device.binder).map((device) => device.hostname);
    context.stdout(
      `${client.slug} (${client.data.name}): ${pluralise(devices.length, 'device')}, ${pluralise(checks, 'check')}; ${matched.length} in the binder${bySerial ? ` (${bySerial} by serial)` : ''}${outside.length ? `; not in the binder: ${outside.join(', ')}` : ''} → ${file.path}${dryRun ? ' (dry run: not written)' : written.includes(file.path) ? '' : ' (unchanged)'}`,
    );
    for (const verdict of clientVerdicts(client, templates, file.data, month)) {
      const { judgement } = verdict;
      const words =
        judgement.status === 'proven' ? 'proven' : judgement.status === 'none' ? 'no evidence' : 'not proven';
      context.stdout(
        `  ${verdict.id}: ${words} (${pluralise(judgement.devices, 'device')}, ${pluralise(judgement.checks, 'check')})${judgement.status === 'proven' ? '' : `: ${judgement.problems.join('; ')}`}`,
      );
    }
  }
  const unknown = [...new Set([...build.unknownClients, ...unknownClients])];
  if (unknown.length)
    context.stdout(
      `Not a binder client (left out): ${unknown.join(', ')}. If one is, set \`rmm: { client: "<its RMM name>" }\` in its profile.`,
    );
  if (build.missingClients.length)
    context.stdout(
      `No RMM data for: ${build.missingClients.join(', ')} (their automatic items have no evidence for ${month}).`,
    );
  context.stdout(
    dryRun
      ? `Dry run: ${pluralise(build.files.length, 'evidence file')} for ${month} would be written; nothing was.`
      : `${pluralise(build.files.length, 'evidence file')} for ${month}, ${written.length} changed.`,
  );
  return written;
}

async function commitAndPush(
  written: readonly string[],
  subject: string,
  push: boolean,
  context: CommandContext,
): Promise<void> {
  if (written.length === 0) return;
  const git = createGit(context.root);
  try {
    const committed = await git.commitFiles(written, subject);
    if (committed) context.stdout(`Committed: ${subject}`);
    if (committed && push) {
      const attempts = await git.pushWithRetry({ log: (line) => context.stderr(line) });
      context.stdout(`Pushed${attempts > 1 ? ` after ${attempts} attempts` : ''}.`);
    }
  } catch (error) {
    throw new OutsideError(
      `${(error as Error).message}. The evidence files are written: run again to finish.`,
      {
        cause: error,
      },
    );
  }
}

/** `binder evidence import|fetch`: the month's RMM evidence, from a file or an RMM's API. */
export const evidenceCommand: Command = {
  summary: "write the month's RMM evidence from an export file or the RMM's API",
  usage: USAGE,
  async run(args, context) {
    const [action, ...rest] = args;
    if (action !== 'import' && action !== 'fetch')
      throw new UserError(
        `give \`evidence import --file …\` or \`evidence fetch --source tactical\`.\n\n${USAGE}`,
      );
    const { values } = parseCommandArgs(`evidence ${action}`, rest, {
      file: { type: 'string' },
      source: { type: 'string' },
      month: { type: 'string' },
      commit: { type: 'boolean', default: false },
      push: { type: 'boolean', default: false },
      'if-missing': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      client: { type: 'string', multiple: true },
    });
    const month = requireMonth(values.month ?? utcMonth(context.now));
    if (values.push && !values.commit) throw new UserError('--push needs --commit.');
    if (values['dry-run'] && values.commit)
      throw new UserError('--dry-run writes nothing, so there is nothing to --commit.');
    for (const slug of values.client ?? []) requireSlug(slug);
    if (action === 'import') {
      if (!values.file) throw new UserError('give the export with --file export.json (or a .csv).');
      if (values.source)
        throw new UserError('--source is for `evidence fetch`; `evidence import` reads --file.');
      if (values.client)
        throw new UserError(
          '--client is for `evidence fetch`; `evidence import` takes every client in the file.',
        );
      const content = await loadContent(context.root);
      const exported = await readExport(context.root, values.file);
      if (!exported.value) fail(exported.diagnostics[0]?.file ?? values.file, exported.diagnostics);
      const written = await writeMonth({ ...exported, value: exported.value }, content, month, context, {
        ifMissing: values['if-missing'],
        dryRun: values['dry-run'],
      });
      if (values.commit)
        await commitAndPush(
          written,
          `RMM evidence for ${month} from ${exported.value.source.rmm} (import)`,
          values.push,
          context,
        );
      return 0;
    }
    if (values.file) throw new UserError('--file is for `evidence import`; `evidence fetch` reads the RMM.');
    const source = values.source;
    if (!source || !(RMM_SOURCES as readonly string[]).includes(source))
      throw new UserError(
        `give --source with one of: ${RMM_SOURCES.join(', ')}${source ? `; got \`${source}\`` : ''}.`,
      );
    // The export is taken now, so it can only be evidence for this month (evidenceMonthOf).
    const thisMonth = utcMonth(context.now);
    if (month !== thisMonth)
      throw new UserError(
        `evidence fetch takes its export now, on ${context.now.toISOString().slice(0, 10)} (UTC), so it can only be evidence for ${thisMonth}, not ${month}: leave out --month (or give --month ${thisMonth}). For another month, run it during that month, or import an export taken then with \`evidence import --file\`.`,
      );
    const content = await loadContent(context.root);
    const only = values.client?.length ? selectedClients(content, values.client) : undefined;
    const rmm = rmmSourceFromEnvironment(source as (typeof RMM_SOURCES)[number], context);
    const fetched = await fetchExport(rmm, content.clients, context.now, only);
    const written = await writeMonth(fetched.exported, content, month, context, {
      ...(only ? { clients: content.clients.filter((client) => only.includes(client.slug)) } : {}),
      unknownClients: fetched.unknownClients,
      ifMissing: values['if-missing'],
      dryRun: values['dry-run'],
    });
    if (values.commit)
      await commitAndPush(written, `RMM evidence for ${month} from ${rmm.rmm}`, values.push, context);
    return 0;
  },
};
