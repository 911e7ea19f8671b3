import { describe, expect, it } from 'vitest';
import { parseContentSet } from './content-set.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { buildEvidenceFiles, parseCsvExport, parseNeutralExport } from './evidence-import.ts';

const client = (slug: string, rmmName?: string) => ({
  slug,
  data: { name: slug, status: 'active', ...(rmmName ? { rmm: { client: rmmName } } : {}) },
  binder: [
    {
      slug: 'servers',
      bodyLine: 7,
      body: '| Host | Serial |\n|---|---|\n| AC-SRV01 | SN-100 |\n| AC-PC01 | |',
    },
  ],
});

const EXPORT = {
  source: { rmm: 'tactical', exportedAt: '2026-12-01T07:00:00+01:00' },
  clients: [
    {
      client: 'Acme Dental PLLC',
      devices: [
        {
          id: 'agent-2',
          hostname: 'DESKTOP-77',
          serial: 'sn-100',
          lastSeen: '2026-12-01T05:59:00Z',
          maintenanceMode: false,
          checks: [
            {
              id: '9',
              name: 'Disk C:',
              type: 'diskspace',
              target: 'C:',
              alerting: { email: true, sms: false, dashboard: true },
              status: 'passing',
              lastRun: '2026-12-01T05:50:00Z',
            },
          ],
        },
        { id: 'agent-1', hostname: 'ac-pc01', lastSeen: null, maintenanceMode: false, checks: [] },
      ],
    },
    { client: 'Somebody Else', devices: [] },
  ],
};

describe('parseNeutralExport', () => {
  it('reads the export and normalises times to UTC', () => {
    const parsed = parseNeutralExport('export.json', JSON.stringify(EXPORT, null, 2));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value?.source.exportedAt).toBe('2026-12-01T06:00:00Z');
  });

  it('names the file and line of every schema problem', () => {
    const broken = structuredClone(EXPORT) as unknown as {
      clients: { devices: { checks: Record<string, unknown>[]; maintenanceMode?: unknown }[] }[];
    };
    const device = broken.clients[0]?.devices[0];
    if (!device?.checks[0]) throw new Error('fixture');
    device.checks[0].status = 'green';
    device.checks[0].lastRun = 'yesterday';
    device.maintenanceMode = 'no';
    const parsed = parseNeutralExport('export.json', JSON.stringify(broken, null, 2));
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([
      'export.json:15:30: `clients[0].devices[0].maintenanceMode` must be a boolean; found `no`',
      'export.json:27:25: `clients[0].devices[0].checks[0].status` must be one of `passing`, `failing`, `pending`; found `green` Fix: use one of `passing`, `failing`, `pending`',
      'export.json:28:26: `clients[0].devices[0].checks[0].lastRun` must be an ISO 8601 time, e.g. `2026-12-01T06:00:00Z`; found `yesterday`',
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const parsed = parseNeutralExport('export.json', '{\n  "source": {\n    "rmm": "tactical",\n  }\n}\n');
    expect(
      parsed.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.rule}`),
    ).toEqual(['export.json:4 json']);
  });
});

describe('parseCsvExport', () => {
  const header =
    'rmm,exported_at,client,device_id,hostname,serial,site,last_seen,maintenance_mode,check_id,check_name,check_type,target,alert_email,alert_sms,alert_dashboard,status,last_run,last_alert_at,last_alert_severity,last_alert_resolved_at';
  const rows = [
    'tactical,2026-12-01T06:00:00Z,Acme Dental PLLC,agent-2,DESKTOP-77,sn-100,Main,2026-12-01T05:59:00Z,false,9,Disk C:,diskspace,C:,yes,no,yes,passing,2026-12-01T05:50:00Z,,,',
    'tactical,2026-12-01T06:00:00Z,Acme Dental PLLC,agent-1,ac-pc01,,,,false,,,,,,,,,,,,',
  ];

  it('reads one row per device check; a device without checks is one row without a check id', () => {
    const parsed = parseCsvExport('export.csv', [header, ...rows].join('\n'));
    expect(parsed.diagnostics).toEqual([]);
    const json = parseNeutralExport(
      'export.json',
      JSON.stringify({ ...EXPORT, clients: [EXPORT.clients[0]] }),
    );
    const devices = parsed.value?.clients[0]?.devices.map(({ site: _site, ...device }) => device);
    expect(devices).toEqual(json.value?.clients[0]?.devices);
  });

  it('names the line and the column of a bad value, and unknown or missing columns', () => {
    const bad = [
      header,
      rows[0]?.replace(',passing,', ',green,'),
      rows[1]?.replace(',false,', ',maybe,'),
    ].join('\n');
    expect(parseCsvExport('export.csv', bad).diagnostics.map(formatDiagnostic)).toEqual([
      'export.csv:2:1: column `status` must be one of `passing`, `failing`, `pending`; found `green` Fix: use one of `passing`, `failing`, `pending`',
      'export.csv:3:1: column `maintenance_mode` must be a boolean; found `maybe`',
    ]);
    expect(
      parseCsvExport('export.csv', 'rmm,exported_at,client,hostname,colour\nx,y,z,h,red').diagnostics.map(
        formatDiagnostic,
      ),
    ).toEqual([
      'export.csv:1:5: unknown column `colour` Fix: use the columns rmm, exported_at, client, device_id, hostname, serial, site, last_seen, maintenance_mode, check_id, check_name, check_type, target, alert_email, alert_sms, alert_dashboard, status, last_run, last_alert_at, last_alert_severity, last_alert_resolved_at (see docs/content-format.md)',
      'export.csv:1:1: missing column `device_id` Fix: add it to the header row (see docs/content-format.md)',
      'export.csv:1:1: missing column `check_id` Fix: add it to the header row (see docs/content-format.md)',
    ]);
  });
});

describe('parseCsvExport line numbers', () => {
  const header =
    'rmm,exported_at,client,device_id,hostname,serial,site,last_seen,maintenance_mode,check_id,check_name,check_type,target,alert_email,alert_sms,alert_dashboard,status,last_run,last_alert_at,last_alert_severity,last_alert_resolved_at';
  const row = (check: string, name: string, status = 'passing') =>
    `tactical,2026-12-01T06:00:00Z,Acme,agent-1,PC1,,,,false,${check},${name},diskspace,C:,yes,no,no,${status},2026-12-01T05:50:00Z,,,`;

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('name the line a row starts on, after a quoted field over two lines (%s)', (_name, newline) => {
    const text = [
      header,
      row('1', `"Disk C:${newline}(system)"`, 'green'),
      '',
      row('2', 'Disk D:', 'amber'),
      row('3', 'Disk E:'),
      '',
    ].join(newline);
    expect(parseCsvExport('export.csv', text).diagnostics.map((diagnostic) => diagnostic.line)).toEqual([
      2, 5,
    ]);
  });
});

describe('buildEvidenceFiles', () => {
  const exported = parseNeutralExport('export.json', JSON.stringify(EXPORT));
  if (!exported.value) throw new Error('fixture');
  const valid = { ...exported, value: exported.value };

  it("matches clients by the profile's RMM name and devices by serial, then host name", () => {
    const build = buildEvidenceFiles(valid, [client('acme', 'acme dental pllc'), client('other')], '2026-12');
    expect(build.diagnostics).toEqual([]);
    expect(build.unknownClients).toEqual(['Somebody Else']);
    expect(build.missingClients).toEqual(['other']);
    const [file] = build.files;
    expect(file?.path).toBe('content/evidence/acme/2026-12.json');
    expect(file?.data.rmmClient).toBe('Acme Dental PLLC');
    expect(file?.data.devices.map((device) => [device.hostname, device.binder])).toEqual([
      ['ac-pc01', { section: 'servers', host: 'AC-PC01', by: 'hostname' }],
      ['DESKTOP-77', { section: 'servers', host: 'AC-SRV01', by: 'serial' }],
    ]);
    // The file is what `check` reads: it parses without a problem, and the same export gives the same bytes.
    const set = parseContentSet([
      { path: 'content/clients/acme/index.md', text: '---\nname: Acme\ntimezone: UTC\nvisit: day 1\n---\n' },
      { path: file?.path ?? '', text: file?.text ?? '' },
    ]);
    expect(set.diagnostics.filter((diagnostic) => diagnostic.file === file?.path)).toEqual([]);
    expect(buildEvidenceFiles(valid, [client('acme', 'Acme Dental PLLC')], '2026-12').files[0]?.text).toBe(
      file?.text,
    );
  });

  it('reports two export clients naming one binder client, and a device id used twice', () => {
    const twice = structuredClone(EXPORT);
    twice.clients[1] = { client: 'acme', devices: [] };
    const first = twice.clients[0];
    if (!first?.devices[1] || !first.devices[0]) throw new Error('fixture');
    first.devices[1].id = first.devices[0].id;
    const parsed = parseNeutralExport('export.json', JSON.stringify(twice, null, 2));
    if (!parsed.value) throw new Error('fixture');
    const build = buildEvidenceFiles(
      { ...parsed, value: parsed.value },
      [client('acme', 'Acme Dental PLLC')],
      '2026-12',
    );
    expect(build.diagnostics.map(formatDiagnostic)).toEqual([
      'export.json:33:17: device ac-pc01 has the id `agent-2` of DESKTOP-77 Fix: each device once, with its own RMM id: export again from the RMM',
      "export.json:42:17: `acme` and `Acme Dental PLLC` both name client acme Fix: export each client once, or correct `rmm.client` in acme's profile",
    ]);
  });
});

describe('an export is evidence for the month it was taken in (UTC)', () => {
  const exported = parseNeutralExport('export.json', JSON.stringify(EXPORT, null, 2));
  if (!exported.value) throw new Error('fixture');
  const valid = { ...exported, value: exported.value };

  it('refuses another month with the line of exportedAt and the fix; no file is planned', () => {
    const build = buildEvidenceFiles(valid, [client('acme', 'Acme Dental PLLC')], '2027-03');
    expect(build.files).toEqual([]);
    expect(build.diagnostics.map(formatDiagnostic)).toEqual([
      'export.json:4:19: the export was taken on 2026-12-01 (UTC), so it is evidence for 2026-12 only, not 2027-03 Fix: import it with `--month 2026-12`, or take a new export from the RMM during 2027-03',
    ]);
    expect(buildEvidenceFiles(valid, [client('acme', 'Acme Dental PLLC')], '2026-11').files).toEqual([]);
  });

  it('check refuses an evidence file whose export was taken in another month, at file:line', () => {
    const build = buildEvidenceFiles(valid, [client('acme', 'Acme Dental PLLC')], '2026-12');
    const text = build.files[0]?.text.replace('"month": "2026-12"', '"month": "2027-03"') ?? '';
    const set = parseContentSet([
      { path: 'content/clients/acme/index.md', text: '---\nname: Acme\ntimezone: UTC\nvisit: day 1\n---\n' },
      { path: 'content/evidence/acme/2027-03.json', text },
    ]);
    const problems = set.diagnostics.filter((diagnostic) => diagnostic.file.startsWith('content/evidence'));
    expect(problems.map(formatDiagnostic)).toEqual([
      'content/evidence/acme/2027-03.json:6:19: `source.exportedAt` is 2026-12-01T06:00:00Z, but this is the evidence for 2027-03: an export is evidence only for the month (UTC) it was taken in Fix: fetch or import an export taken during 2027-03 (`npm run binder -- evidence fetch` or `evidence import`), or delete this file',
    ]);
  });
});

describe('an evidence file in content/', () => {
  it('is checked: schema errors at their line, folder and file name agreeing', () => {
    const text = JSON.stringify(
      {
        client: 'acme',
        month: '2026-11',
        source: { rmm: 'tactical', exportedAt: '2026-12-01T06:00:00+01:00' },
        devices: [
          { id: 'a', hostname: 'PC1', lastSeen: null, maintenanceMode: false, checks: [], colour: 'red' },
        ],
      },
      null,
      2,
    );
    const set = parseContentSet([{ path: 'content/evidence/acme/2026-12.json', text }]);
    expect(
      set.diagnostics
        .filter((diagnostic) => diagnostic.file.startsWith('content/evidence'))
        .map(formatDiagnostic),
    ).toEqual([
      'content/evidence/acme/2026-12.json:6:19: `source.exportedAt` must be a UTC time written `YYYY-MM-DDTHH:MM:SSZ`, e.g. `2026-10-13T19:02:11Z`; found `2026-12-01T06:00:00+01:00`',
      'content/evidence/acme/2026-12.json:15:7: unknown field `colour` in an evidence file under `devices[0]` Fix: remove it or use one of: id, hostname, serial, site, lastSeen, maintenanceMode, checks, binder (see docs/content-format.md)',
    ]);
  });
});
