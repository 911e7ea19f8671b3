import { parse as parseCsv } from 'csv-parse/sync';
import {
  type EvidenceDevice,
  type EvidenceFile,
  EvidenceFileSchema,
  type RmmExport,
  RmmExportSchema,
} from '../schemas/index.ts';
import { findBinderHosts, matchBinderHost } from './binder-hosts.ts';
import { utcMonth } from './calendar.ts';
import { evidencePathFor } from './content-paths.ts';
import { type Diagnostic, errorAt, type SourcePosition } from './diagnostics.ts';
import { parseJsonWithPositions } from './json-positions.ts';
import { diagnosticsFromZodError } from './schema-diagnostics.ts';

/**
 * From an RMM export to the repository's evidence files, pure: read the vendor-neutral JSON or
 * the CSV (one row per device check), match each export client to a binder client (its slug, or
 * the profile's `rmm.client`) and each device to a binder host (serial, then host name), and
 * render one `content/evidence/<client>/<YYYY-MM>.json` per client, validated. Every problem is
 * reported with the file and line (or the device); the caller writes nothing when there is any.
 */

/** An export read from a file, with where its parts sit. */
export interface ParsedExport {
  /** The export, when it is valid. */
  value?: RmmExport;
  /** Where a part of the export sits (for problems found later, e.g. a client named twice). */
  positionOf(path: readonly PropertyKey[]): SourcePosition;
  /** Every problem. */
  diagnostics: Diagnostic[];
}

/** Reads the vendor-neutral JSON export. */
export function parseNeutralExport(file: string, text: string): ParsedExport {
  const parsed = parseJsonWithPositions(file, text);
  if (parsed.diagnostics.length) return { positionOf: parsed.positionOf, diagnostics: parsed.diagnostics };
  const result = RmmExportSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success)
    return {
      positionOf: parsed.positionOf,
      diagnostics: diagnosticsFromZodError(
        result.error,
        RmmExportSchema,
        parsed.positionOf,
        'the RMM export',
      ),
    };
  return { value: result.data, positionOf: parsed.positionOf, diagnostics: [] };
}

/** The CSV's columns, in the order docs/content-format.md lists them. */
export const CSV_COLUMNS = [
  'rmm',
  'exported_at',
  'client',
  'device_id',
  'hostname',
  'serial',
  'site',
  'last_seen',
  'maintenance_mode',
  'check_id',
  'check_name',
  'check_type',
  'target',
  'alert_email',
  'alert_sms',
  'alert_dashboard',
  'status',
  'last_run',
  'last_alert_at',
  'last_alert_severity',
  'last_alert_resolved_at',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: CsvColumn[] = ['rmm', 'exported_at', 'client', 'device_id', 'hostname', 'check_id'];

/** The export field each CSV column fills, to name the column in schema errors. */
const COLUMN_OF_FIELD: Record<string, CsvColumn> = {
  rmm: 'rmm',
  exportedAt: 'exported_at',
  client: 'client',
  hostname: 'hostname',
  serial: 'serial',
  site: 'site',
  lastSeen: 'last_seen',
  maintenanceMode: 'maintenance_mode',
  name: 'check_name',
  type: 'check_type',
  target: 'target',
  email: 'alert_email',
  sms: 'alert_sms',
  dashboard: 'alert_dashboard',
  status: 'status',
  lastRun: 'last_run',
  at: 'last_alert_at',
  severity: 'last_alert_severity',
  resolvedAt: 'last_alert_resolved_at',
};

function csvBoolean(value: string): boolean | string {
  const word = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on', 'y'].includes(word)) return true;
  if (['false', 'no', '0', 'off', 'n', ''].includes(word)) return false;
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return `\`${path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`)).join('')}\``;
}

/** One CSV data row with the line it is on. */
interface CsvRow {
  /** The row's value for a column (empty when the column is absent). */
  value(column: CsvColumn): string;
  /** Its 1-based line in the file. */
  line: number;
}

/**
 * The line a record starts on. csv-parse gives the line it ends on (`info.lines`), and its raw
 * text starts with the empty lines skipped before it: the record's own line breaks, counted in
 * its raw text without those, lead back to its first line.
 */
function recordStartLine(endLine: number, raw: string): number {
  const own = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (own.match(/\n/g)?.length ?? 0);
}

/** The rows of a CSV text and its header row, or the syntax error that stopped the reading. */
function readCsvRows(
  source: string,
): { rows: CsvRow[]; header: string[] } | { syntaxError: Error; line: number } {
  // csv-parse counts a CRLF inside a quoted field as two lines (every later line number is then
  // one too far down), so CRLF and lone CR become LF first; a field's own line breaks become LF.
  const text = source.replace(/\r\n?/g, '\n');
  let records: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    return { syntaxError: error as Error, line: (error as { lines?: number }).lines ?? 1 };
  }
  const [headerRow = []] = parseCsv(text, { bom: true, to_line: 1, trim: true }) as string[][];
  return {
    header: headerRow.map((name) => name.toLowerCase()),
    rows: records.map(({ record, info, raw }) => ({
      value: (column) => record[column] ?? '',
      line: recordStartLine(info.lines, raw),
    })),
  };
}

/** Unknown and missing columns, and a file without rows: the header's problems. */
function checkCsvHeader(
  at: (line: number, col?: number) => SourcePosition,
  header: string[],
  rows: number,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const name of header.filter((entry) => entry && !(CSV_COLUMNS as readonly string[]).includes(entry)))
    diagnostics.push(
      errorAt(
        at(1, header.indexOf(name) + 1),
        'csv',
        `unknown column \`${name}\``,
        `use the columns ${CSV_COLUMNS.join(', ')} (see docs/content-format.md)`,
      ),
    );
  for (const name of REQUIRED_COLUMNS.filter((column) => !header.includes(column)))
    diagnostics.push(
      errorAt(
        at(1),
        'csv',
        `missing column \`${name}\``,
        'add it to the header row (see docs/content-format.md)',
      ),
    );
  if (rows === 0)
    diagnostics.push(errorAt(at(1), 'csv', 'the CSV has no rows', 'export at least one device'));
  return diagnostics;
}

/** A device as a CSV row describes it, before the schema has seen it. */
function deviceOfRow(row: CsvRow): Record<string, unknown> {
  const value = row.value;
  return {
    id: value('device_id'),
    hostname: value('hostname'),
    ...(value('serial') ? { serial: value('serial') } : {}),
    ...(value('site') ? { site: value('site') } : {}),
    lastSeen: value('last_seen') || null,
    maintenanceMode: csvBoolean(value('maintenance_mode')),
    checks: [],
  };
}

/** A check as a CSV row describes it, before the schema has seen it. */
function checkOfRow(row: CsvRow): Record<string, unknown> {
  const value = row.value;
  return {
    id: value('check_id'),
    name: value('check_name') || value('check_id'),
    type: value('check_type'),
    ...(value('target') ? { target: value('target') } : {}),
    alerting: {
      email: csvBoolean(value('alert_email')),
      sms: csvBoolean(value('alert_sms')),
      dashboard: csvBoolean(value('alert_dashboard')),
    },
    status: value('status') || 'pending',
    lastRun: value('last_run') || null,
    ...(value('last_alert_at')
      ? {
          lastAlert: {
            at: value('last_alert_at'),
            severity: value('last_alert_severity') || 'error',
            ...(value('last_alert_resolved_at') ? { resolvedAt: value('last_alert_resolved_at') } : {}),
          },
        }
      : {}),
  };
}

/** The neutral export's shape built from CSV rows, the line of each part, and the rows' own problems. */
interface CsvExportDraft {
  /** `{ source, clients }`, for the schema to validate. */
  data: {
    source: { rmm: string; exportedAt: string };
    clients: { client: string; devices: Record<string, unknown>[] }[];
  };
  /** `source`, `<client>`, `<client>/<device>` or `<client>/<device>/<check>` → its line. */
  lines: Map<string, number>;
  /** A row that disagrees with the first on the RMM or the time, or a device id with two host names. */
  diagnostics: Diagnostic[];
}

/** Groups the rows into clients, devices and checks, remembering each part's line. */
function draftExportOfRows(at: (line: number) => SourcePosition, rows: readonly CsvRow[]): CsvExportDraft {
  const diagnostics: Diagnostic[] = [];
  const lines = new Map<string, number>();
  const first = rows[0];
  const source = { rmm: first?.value('rmm') ?? '', exportedAt: first?.value('exported_at') ?? '' };
  lines.set('source', first?.line ?? 2);
  const clients: CsvExportDraft['data']['clients'] = [];
  const deviceIndex = new Map<string, { device: number; line: number; hostname: string }>();
  for (const row of rows) {
    const { value, line } = row;
    for (const [column, expected] of [
      ['rmm', source.rmm],
      ['exported_at', source.exportedAt],
    ] as const)
      if (value(column) !== expected)
        diagnostics.push(
          errorAt(
            at(line),
            'csv',
            `\`${column}\` is \`${value(column)}\`, but line ${lines.get('source')} says \`${expected}\``,
            'one export, one RMM and one time: give every row the same',
          ),
        );
    let clientIndex = clients.findIndex((entry) => entry.client === value('client'));
    if (clientIndex < 0) {
      clientIndex = clients.push({ client: value('client'), devices: [] }) - 1;
      lines.set(`${clientIndex}`, line);
    }
    const client = clients[clientIndex];
    if (!client) continue;
    const key = `${clientIndex}/${value('device_id')}`;
    let known = deviceIndex.get(key);
    if (!known) {
      known = { device: client.devices.push(deviceOfRow(row)) - 1, line, hostname: value('hostname') };
      deviceIndex.set(key, known);
      lines.set(`${clientIndex}/${known.device}`, line);
    } else if (known.hostname !== value('hostname'))
      diagnostics.push(
        errorAt(
          at(line),
          'csv',
          `device \`${value('device_id')}\` is \`${value('hostname')}\` here but \`${known.hostname}\` on line ${known.line}`,
          'one device id, one host name',
        ),
      );
    if (!value('check_id')) continue;
    const device = client.devices[known.device] as { checks: Record<string, unknown>[] };
    const checkIndex = device.checks.push(checkOfRow(row)) - 1;
    lines.set(`${clientIndex}/${known.device}/${checkIndex}`, line);
  }
  return { data: { source, clients }, lines, diagnostics };
}

/** Where a part of the export sits: the line of its check, else its device, else its client. */
function csvPositionOf(
  at: (line: number) => SourcePosition,
  lines: ReadonlyMap<string, number>,
): (path: readonly PropertyKey[]) => SourcePosition {
  return (path) => {
    if (path[0] === 'source') return at(lines.get('source') ?? 2);
    const [, client, , device, , check] = path;
    for (const key of [
      `${String(client)}/${String(device)}/${String(check)}`,
      `${String(client)}/${String(device)}`,
      `${String(client)}`,
    ]) {
      const line = lines.get(key);
      if (line !== undefined) return at(line);
    }
    return at(1);
  };
}

/** Validates the drafted export with the schema, naming the CSV column rather than the JSON path. */
function validateCsvExport(
  data: CsvExportDraft['data'],
  positionOf: (path: readonly PropertyKey[]) => SourcePosition,
): ParsedExport {
  const result = RmmExportSchema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data, positionOf, diagnostics: [] };
  const problems = diagnosticsFromZodError(result.error, RmmExportSchema, positionOf, 'the CSV export');
  result.error.issues.forEach((issue, index) => {
    const problem = problems[index];
    const key = [...issue.path].reverse().find((part) => typeof part === 'string');
    const column = key === undefined ? undefined : COLUMN_OF_FIELD[String(key)];
    if (problem && column)
      problem.message = problem.message.replace(
        fieldName(issue.path as PropertyKey[]),
        `column \`${column}\``,
      );
  });
  return { positionOf, diagnostics: problems };
}

/**
 * Reads the CSV export: a header row with the columns above (any order; unknown columns are an
 * error), then one row per device check; a device without checks is one row with `check_id` empty.
 */
export function parseCsvExport(file: string, text: string): ParsedExport {
  const at = (line: number, col = 1): SourcePosition => ({ file, line, col });
  const read = readCsvRows(text);
  if ('syntaxError' in read)
    return {
      positionOf: () => at(read.line),
      diagnostics: [
        errorAt(
          at(read.line),
          'csv',
          `CSV syntax error: ${read.syntaxError.message}`,
          'check the quotes and the number of fields on this line',
        ),
      ],
    };
  const headerProblems = checkCsvHeader(at, read.header, read.rows.length);
  if (headerProblems.length) return { positionOf: () => at(1), diagnostics: headerProblems };
  const draft = draftExportOfRows(at, read.rows);
  const positionOf = csvPositionOf(at, draft.lines);
  if (draft.diagnostics.length) return { positionOf, diagnostics: draft.diagnostics };
  return validateCsvExport(draft.data, positionOf);
}

/** What matching an export to the binder needs of a client. */
export interface EvidenceClient {
  /** Slug. */
  slug: string;
  /** Profile fields used: the name, and the RMM's name for it. */
  data: { name: string; status: string; rmm?: { client?: string | undefined } | undefined };
  /** Binder sections with their bodies (for the host tables). */
  binder: readonly { slug: string; body: string; bodyLine: number }[];
}

/** One evidence file to write. */
export interface PlannedEvidenceFile {
  /** Repository-relative path. */
  path: string;
  /** Its contents. */
  data: EvidenceFile;
  /** The rendered text. */
  text: string;
}

/** The outcome of matching an export to the binder. */
export interface EvidenceBuild {
  /** One file per matched client. */
  files: PlannedEvidenceFile[];
  /** Export clients that match no binder client, by the name the export gives. */
  unknownClients: string[];
  /** Active binder clients the export does not mention. */
  missingClients: string[];
  /** Every problem; nothing may be written when there is one. */
  diagnostics: Diagnostic[];
}

/**
 * The month an export is evidence for: the month, in UTC, it was taken in. One export stands for
 * one month only, so it cannot be filed again under later months to fake a run of proven months.
 * UTC, not the MSP's time zone, because every other "current month" the evidence meets is UTC:
 * `--month`'s default, `exportedAt` itself, and the monthly workflow's 06:17 UTC run on the 1st
 * (in the MSP's zone, that run would still be in the previous month west of UTC-6).
 */
export function evidenceMonthOf(exportedAt: string): string {
  return utcMonth(new Date(exportedAt));
}

/** Export client names compare trimmed and without case. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The binder client an export's client names: by slug, or by the profile's `rmm.client`. */
export function binderClientFor<C extends EvidenceClient>(
  name: string,
  clients: readonly C[],
): C | undefined {
  return (
    clients.find((client) => client.slug === name.trim()) ??
    clients.find((client) => client.data.rmm?.client !== undefined && sameName(client.data.rmm.client, name))
  );
}

/** Sorts devices and their checks so the same export always gives the same bytes. */
function sortedDevices(devices: EvidenceDevice[]): EvidenceDevice[] {
  const text = (value: string | undefined) => value ?? '';
  return [...devices]
    .map((device) => ({
      ...device,
      checks: [...device.checks].sort(
        (a, b) =>
          a.type.localeCompare(b.type) ||
          text(a.target).localeCompare(text(b.target)) ||
          a.id.localeCompare(b.id),
      ),
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
}

/** An evidence file's text: JSON in a fixed key order, two-space indent, a final newline. */
export function renderEvidenceFile(data: EvidenceFile): string {
  const ordered: EvidenceFile = {
    client: data.client,
    month: data.month,
    source: { rmm: data.source.rmm, exportedAt: data.source.exportedAt },
    ...(data.rmmClient ? { rmmClient: data.rmmClient } : {}),
    devices: data.devices.map((device) => ({
      id: device.id,
      hostname: device.hostname,
      ...(device.serial ? { serial: device.serial } : {}),
      ...(device.site ? { site: device.site } : {}),
      lastSeen: device.lastSeen,
      maintenanceMode: device.maintenanceMode,
      ...(device.binder
        ? { binder: { section: device.binder.section, host: device.binder.host, by: device.binder.by } }
        : {}),
      checks: device.checks.map((check) => ({
        id: check.id,
        name: check.name,
        type: check.type,
        ...(check.target ? { target: check.target } : {}),
        alerting: {
          email: check.alerting.email,
          sms: check.alerting.sms,
          dashboard: check.alerting.dashboard,
        },
        status: check.status,
        lastRun: check.lastRun,
        ...(check.lastAlert
          ? {
              lastAlert: {
                at: check.lastAlert.at,
                severity: check.lastAlert.severity,
                ...(check.lastAlert.resolvedAt ? { resolvedAt: check.lastAlert.resolvedAt } : {}),
              },
            }
          : {}),
      })),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Matches an export to the binder and renders the month's evidence files. An export client that
 * names no binder client is listed (the RMM may watch the MSP's own machines too); two export
 * clients naming one binder client, or one device id twice, is an error naming them.
 */
export function buildEvidenceFiles(
  exported: ParsedExport & { value: RmmExport },
  clients: readonly EvidenceClient[],
  month: string,
): EvidenceBuild {
  const diagnostics: Diagnostic[] = [];
  const unknownClients: string[] = [];
  const files: PlannedEvidenceFile[] = [];
  const claimed = new Map<string, number>();
  const { exportedAt } = exported.value.source;
  const taken = evidenceMonthOf(exportedAt);
  if (taken !== month)
    return {
      files,
      unknownClients,
      missingClients: [],
      diagnostics: [
        errorAt(
          exported.positionOf(['source', 'exportedAt']),
          'evidence',
          `the export was taken on ${exportedAt.slice(0, 10)} (UTC), so it is evidence for ${taken} only, not ${month}`,
          `import it with \`--month ${taken}\`, or take a new export from the RMM during ${month}`,
        ),
      ],
    };
  exported.value.clients.forEach((entry, index) => {
    const client = binderClientFor(entry.client, clients);
    if (!client) {
      unknownClients.push(entry.client);
      return;
    }
    const earlier = claimed.get(client.slug);
    if (earlier !== undefined) {
      diagnostics.push(
        errorAt(
          exported.positionOf(['clients', index, 'client']),
          'evidence',
          `\`${entry.client}\` and \`${exported.value.clients[earlier]?.client}\` both name client ${client.slug}`,
          `export each client once, or correct \`rmm.client\` in ${client.slug}'s profile`,
        ),
      );
      return;
    }
    claimed.set(client.slug, index);
    const seen = new Map<string, number>();
    entry.devices.forEach((device, deviceIndex) => {
      const first = seen.get(device.id);
      if (first !== undefined)
        diagnostics.push(
          errorAt(
            exported.positionOf(['clients', index, 'devices', deviceIndex, 'id']),
            'evidence',
            `device ${device.hostname} has the id \`${device.id}\` of ${entry.devices[first]?.hostname}`,
            'each device once, with its own RMM id: export again from the RMM',
          ),
        );
      else seen.set(device.id, deviceIndex);
    });
    const hosts = findBinderHosts(client.binder);
    const devices = entry.devices.map((device): EvidenceDevice => {
      const binder = matchBinderHost(device, hosts);
      return { ...device, ...(binder ? { binder } : {}) };
    });
    const data: EvidenceFile = {
      client: client.slug,
      month,
      source: exported.value.source,
      ...(entry.client.trim() !== client.slug ? { rmmClient: entry.client.trim() } : {}),
      devices: sortedDevices(devices),
    };
    const path = evidencePathFor(client.slug, month);
    const text = renderEvidenceFile(data);
    // Validate what is about to be written with the checker's own rules.
    const check = EvidenceFileSchema.safeParse(JSON.parse(text));
    if (!check.success)
      diagnostics.push(
        errorAt(
          { file: path, line: 1, col: 1 },
          'evidence',
          `would write an invalid evidence file: ${check.error.issues[0]?.message}`,
        ),
      );
    files.push({ path, data, text });
  });
  const mentioned = new Set(files.map((file) => file.data.client));
  const missingClients = clients
    .filter((client) => client.data.status === 'active' && !mentioned.has(client.slug))
    .map((client) => client.slug);
  return { files, unknownClients, missingClients, diagnostics };
}

/** The export file's format, from its name: `.csv` is CSV, anything else the neutral JSON. */
export function exportFormatOf(file: string): 'csv' | 'json' {
  return /\.csv$/i.test(file) ? 'csv' : 'json';
}
