import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTacticalStandin, type TacticalStandin } from '../standins/tactical-rmm/server.ts';
import { makeTempRepo, removeTempRepo, runBinder, snapshotTree } from './helpers/temp-repo.ts';

/**
 * `evidence import`, `evidence fetch --source tactical`, `plan --json` verdicts and `graduate`,
 * end to end against temp repositories and the Tactical RMM stand-in. The fixtures are built
 * here: whatever content/ holds does not matter.
 */

const NOW = new Date('2026-12-01T06:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const iso = (date: Date) => date.toISOString().replace(/\.000Z$/, 'Z');

const FILES: Record<string, string> = {
  'templates/checklists/monthly.md': [
    '---',
    'title: Monthly maintenance',
    '---',
    '',
    '## RMM alerting',
    '',
    '- Confirm disk-space alerting works {#rmm-disk automatic rmm=diskspace}',
    '- Confirm the print spooler is watched {#rmm-spooler automatic rmm=winsvc:Spooler}',
    '- Confirm stop errors raise an alert {#rmm-stop automatic}',
    '',
    '## Visit',
    '',
    '- Client check-in {#checkin-contact onsite}',
    '',
  ].join('\n'),
  'content/clients/acme/index.md': [
    '---',
    'name: Acme Dental',
    'timezone: America/Chicago',
    'visit: second tuesday',
    'rmm:',
    '  client: Acme Dental PLLC',
    '  devices:',
    '    rmm-spooler: [AC-SRV01]',
    '---',
    'Acme Dental overview.',
    '',
  ].join('\n'),
  'content/clients/acme/binder/servers.md': [
    '---',
    'title: Servers and workstations',
    'order: 40',
    '---',
    '| Host | Serial | Purpose |',
    '|---|---|---|',
    '| AC-SRV01 | SN-100 | Files |',
    '| AC-PC01 | | Front desk |',
    '| AC-PC02 | | Operatory |',
    '',
  ].join('\n'),
};

/** The RMM's view of Acme, as a Tactical RMM holds it: four agents with the usual gaps. */
function seedTactical(standin: TacticalStandin): void {
  const { store } = standin;
  const acme = store.addClient('Acme Dental PLLC');
  store.addClient('MSP internal');
  // Known to the RMM by an old name; the binder's serial matches it to AC-SRV01.
  const server = store.addAgent(acme, {
    agentId: 'QmVyYWxkU2VydmVyMDE',
    hostname: 'WIN-7Q2JH4',
    serial: 'SN-100',
    lastSeen: minutesAgo(1),
    monitoringType: 'server',
  });
  const serverDisk = store.addCheck(
    { agent: server },
    { checkType: 'diskspace', disk: 'C:', emailAlert: true },
  );
  store.setResult(server, serverDisk, { lastRun: minutesAgo(5) });
  store.addAlert(server, serverDisk, {
    at: new Date('2026-11-28T22:00:00Z'),
    resolvedOn: new Date('2026-11-29T08:00:00Z'),
  });
  // A check with alerting off.
  const spooler = store.addCheck(
    { agent: server },
    { checkType: 'winsvc', svcName: 'Spooler', name: 'Print spooler' },
  );
  store.setResult(server, spooler, { lastRun: minutesAgo(5) });
  // A device without checks.
  store.addAgent(acme, { agentId: 'RnJvbnREZXNrMDE', hostname: 'AC-PC01', lastSeen: minutesAgo(2) });
  // A stale check.
  const operatory = store.addAgent(acme, {
    agentId: 'T3BlcmF0b3J5MDI',
    hostname: 'AC-PC02',
    lastSeen: minutesAgo(2),
  });
  const stale = store.addCheck(
    { agent: operatory },
    { checkType: 'diskspace', disk: 'C:', emailAlert: true, dashboardAlert: true },
  );
  store.setResult(operatory, stale, { lastRun: new Date('2026-11-22T06:00:00Z') });
  // An agent left in maintenance mode.
  const laptop = store.addAgent(acme, {
    agentId: 'TGFwdG9wMDM',
    hostname: 'AC-LT03',
    lastSeen: minutesAgo(3),
    maintenanceMode: true,
  });
  const laptopDisk = store.addCheck(
    { agent: laptop },
    { checkType: 'diskspace', disk: 'C:', emailAlert: true },
  );
  store.setResult(laptop, laptopDisk, { lastRun: minutesAgo(4) });
}

/** The same RMM data as the vendor-neutral export a person would write by hand. */
const NEUTRAL = {
  source: { rmm: 'tactical', exportedAt: iso(NOW) },
  clients: [
    {
      client: 'Acme Dental PLLC',
      devices: [
        {
          id: 'QmVyYWxkU2VydmVyMDE',
          hostname: 'WIN-7Q2JH4',
          serial: 'SN-100',
          site: 'Main office',
          lastSeen: iso(minutesAgo(1)),
          maintenanceMode: false,
          checks: [
            {
              id: 'disk',
              name: 'Disk space check: Drive C:',
              type: 'diskspace',
              target: 'C:',
              alerting: { email: true, sms: false, dashboard: false },
              status: 'passing',
              lastRun: iso(minutesAgo(5)),
              lastAlert: {
                at: '2026-11-28T22:00:00Z',
                severity: 'error',
                resolvedAt: '2026-11-29T08:00:00Z',
              },
            },
            {
              id: 'spooler',
              name: 'Print spooler',
              type: 'service',
              target: 'Spooler',
              alerting: { email: false, sms: false, dashboard: false },
              status: 'passing',
              lastRun: iso(minutesAgo(5)),
            },
          ],
        },
        {
          id: 'RnJvbnREZXNrMDE',
          hostname: 'AC-PC01',
          site: 'Main office',
          lastSeen: iso(minutesAgo(2)),
          maintenanceMode: false,
          checks: [],
        },
        {
          id: 'T3BlcmF0b3J5MDI',
          hostname: 'AC-PC02',
          site: 'Main office',
          lastSeen: iso(minutesAgo(2)),
          maintenanceMode: false,
          checks: [
            {
              id: 'disk2',
              name: 'Disk C:',
              type: 'diskspace',
              target: 'C:',
              alerting: { email: true, sms: false, dashboard: true },
              status: 'passing',
              lastRun: '2026-11-22T06:00:00Z',
            },
          ],
        },
        {
          id: 'TGFwdG9wMDM',
          hostname: 'AC-LT03',
          site: 'Main office',
          lastSeen: iso(minutesAgo(3)),
          maintenanceMode: true,
          checks: [
            {
              id: 'disk3',
              name: 'Disk C:',
              type: 'diskspace',
              target: 'C:',
              alerting: { email: true, sms: false, dashboard: false },
              status: 'passing',
              lastRun: iso(minutesAgo(4)),
            },
          ],
        },
      ],
    },
  ],
};

const EXPECTED_VERDICTS = [
  {
    id: 'rmm-disk',
    evidence: {
      status: 'not-proven',
      rmm: 'tactical',
      exportDate: '2026-12-01',
      devices: 4,
      checks: 3,
      problems: [
        'AC-LT03: in maintenance mode, so its alerts are held back',
        'AC-PC01: no diskspace check',
        'AC-PC02: diskspace check C: last ran 9 days before the export',
      ],
    },
  },
  {
    id: 'rmm-spooler',
    evidence: {
      status: 'not-proven',
      rmm: 'tactical',
      exportDate: '2026-12-01',
      devices: 1,
      checks: 1,
      problems: ['WIN-7Q2JH4: Spooler check has no alerting'],
    },
  },
  { id: 'rmm-stop' },
];

let root: string;
beforeEach(async () => {
  root = await makeTempRepo(FILES);
});
afterEach(async () => {
  await removeTempRepo(root);
});

async function automaticItems(repo: string) {
  const plan = await runBinder(repo, ['plan', '--month', '2026-12', '--json'], {}, NOW);
  expect(plan.code, plan.stderr).toBe(0);
  const issues = JSON.parse(plan.stdout) as { tier: string; items: { id: string; evidence?: unknown }[] }[];
  return issues
    .find((issue) => issue.tier === 'automatic')
    ?.items.map((item) => ({ id: item.id, ...(item.evidence ? { evidence: item.evidence } : {}) }));
}

describe('evidence import', () => {
  it('writes the month’s evidence file, says what it found, and plan --json carries the verdicts', async () => {
    await writeFile(path.join(root, 'export.json'), JSON.stringify(NEUTRAL, null, 2));
    const result = await runBinder(
      root,
      ['evidence', 'import', '--file', 'export.json', '--month', '2026-12'],
      {},
      NOW,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "acme (Acme Dental): 4 devices, 4 checks; 3 in the binder (1 by serial); not in the binder: AC-LT03 → content/evidence/acme/2026-12.json
        rmm-disk: not proven (4 devices, 3 checks): AC-LT03: in maintenance mode, so its alerts are held back; AC-PC01: no diskspace check; AC-PC02: diskspace check C: last ran 9 days before the export
        rmm-spooler: not proven (1 device, 1 check): WIN-7Q2JH4: Spooler check has no alerting
      1 evidence file for 2026-12, 1 changed."
    `);
    const file = JSON.parse(await readFile(path.join(root, 'content/evidence/acme/2026-12.json'), 'utf8'));
    expect(
      file.devices.map((device: { hostname: string; binder?: unknown }) => [device.hostname, device.binder]),
    ).toEqual([
      ['AC-LT03', undefined],
      ['AC-PC01', { section: 'servers', host: 'AC-PC01', by: 'hostname' }],
      ['AC-PC02', { section: 'servers', host: 'AC-PC02', by: 'hostname' }],
      ['WIN-7Q2JH4', { section: 'servers', host: 'AC-SRV01', by: 'serial' }],
    ]);
    expect((await runBinder(root, ['check'], {}, NOW)).code).toBe(0);
    expect(await automaticItems(root)).toEqual(EXPECTED_VERDICTS);
  });

  it('reads the same export as CSV', async () => {
    const header =
      'rmm,exported_at,client,device_id,hostname,serial,site,last_seen,maintenance_mode,check_id,check_name,check_type,target,alert_email,alert_sms,alert_dashboard,status,last_run,last_alert_at,last_alert_severity,last_alert_resolved_at';
    const rows = NEUTRAL.clients[0]?.devices.flatMap((device) => {
      const base = [
        NEUTRAL.source.rmm,
        NEUTRAL.source.exportedAt,
        'Acme Dental PLLC',
        device.id,
        device.hostname,
        device.serial ?? '',
        device.site ?? '',
        device.lastSeen,
        String(device.maintenanceMode),
      ];
      if (device.checks.length === 0)
        return [[...base, '', '', '', '', '', '', '', '', '', '', '', ''].join(',')];
      return device.checks.map((check) =>
        [
          ...base,
          check.id,
          `"${check.name}"`,
          check.type,
          check.target ?? '',
          String(check.alerting.email),
          String(check.alerting.sms),
          String(check.alerting.dashboard),
          check.status,
          check.lastRun,
          'lastAlert' in check ? (check.lastAlert?.at ?? '') : '',
          'lastAlert' in check ? (check.lastAlert?.severity ?? '') : '',
          'lastAlert' in check ? (check.lastAlert?.resolvedAt ?? '') : '',
        ].join(','),
      );
    });
    await writeFile(path.join(root, 'export.csv'), [header, ...(rows ?? [])].join('\r\n'));
    const result = await runBinder(
      root,
      ['evidence', 'import', '--file', 'export.csv', '--month', '2026-12'],
      {},
      NOW,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(await automaticItems(root)).toEqual(EXPECTED_VERDICTS);
  });

  it('a malformed export: file:line for each problem, exit 1, nothing written', async () => {
    const broken = JSON.stringify(NEUTRAL, null, 2)
      .replace('"maintenanceMode": true', '"maintenanceMode": "yes"')
      .replace('"status": "passing"', '"status": "green"');
    await writeFile(path.join(root, 'export.json'), broken);
    const before = await snapshotTree(root);
    const result = await runBinder(root, ['evidence', 'import', '--file', 'export.json'], {}, NOW);
    expect(result.code).toBe(1);
    const lineOf = (needle: string) => broken.split('\n').findIndex((line) => line.includes(needle)) + 1;
    expect(result.stderr.split('\n')).toEqual([
      'error: export.json has 2 problems; nothing was written:',
      `export.json:${lineOf('"green"')}:25: \`clients[0].devices[0].checks[0].status\` must be one of \`passing\`, \`failing\`, \`pending\`; found \`green\` Fix: use one of \`passing\`, \`failing\`, \`pending\``,
      `export.json:${lineOf('"yes"')}:30: \`clients[0].devices[3].maintenanceMode\` must be a boolean; found \`yes\``,
    ]);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses to file an export under a month it was not taken in: exit 1, one sentence with the fix, nothing written', async () => {
    await writeFile(path.join(root, 'export.json'), JSON.stringify(NEUTRAL, null, 2));
    const before = await snapshotTree(root);
    const result = await runBinder(
      root,
      ['evidence', 'import', '--file', 'export.json', '--month', '2027-03'],
      {},
      NOW,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: the tactical export has 1 problem; nothing was written:\nexport.json:4:19: the export was taken on 2026-12-01 (UTC), so it is evidence for 2026-12 only, not 2027-03 Fix: import it with `--month 2026-12`, or take a new export from the RMM during 2027-03',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('a malformed evidence file in content/ fails check with file:line, and import refuses to run on it', async () => {
    await writeFile(path.join(root, 'export.json'), JSON.stringify(NEUTRAL, null, 2));
    await runBinder(root, ['evidence', 'import', '--file', 'export.json', '--month', '2026-12'], {}, NOW);
    const file = path.join(root, 'content/evidence/acme/2026-12.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('"maintenanceMode": true', '"maintenanceMode": 1,\n'),
    );
    const check = await runBinder(root, ['check'], {}, NOW);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^content\/evidence\/acme\/2026-12\.json:\d+:\d+: JSON syntax error/m);
    const before = await snapshotTree(root);
    const again = await runBinder(
      root,
      ['evidence', 'import', '--file', 'export.json', '--month', '2026-12'],
      {},
      NOW,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/evidence\/acme\/2026-12\.json:\d+:\d+: JSON syntax error/);
    expect(await snapshotTree(root)).toEqual(before);
  });
});

describe('evidence fetch --source tactical', () => {
  let standin: TacticalStandin;
  beforeEach(async () => {
    standin = await startTacticalStandin({ now: () => NOW });
    seedTactical(standin);
  });
  afterEach(async () => {
    await standin.close();
  });
  const env = (key = 'test-trmm-key') => ({
    TRMM_API_URL: standin.url,
    TRMM_API_KEY: key,
    BINDER_RETRY_AFTER_UNIT_MS: '5',
    BINDER_REQUEST_TIMEOUT_MS: '2000',
  });
  /** `binder evidence fetch --source tactical …` against the stand-in, as of NOW. */
  const fetchEvidence = (args: string[]) =>
    runBinder(root, ['evidence', 'fetch', '--source', 'tactical', ...args], env(), NOW);

  it('writes the same verdicts as the equivalent neutral file', async () => {
    const result = await fetchEvidence(['--month', '2026-12']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Not a binder client (left out): MSP internal.');
    const fetched = await automaticItems(root);
    expect(fetched).toEqual(EXPECTED_VERDICTS);

    const other = await makeTempRepo(FILES);
    try {
      await writeFile(path.join(other, 'export.json'), JSON.stringify(NEUTRAL, null, 2));
      expect(
        (
          await runBinder(
            other,
            ['evidence', 'import', '--file', 'export.json', '--month', '2026-12'],
            {},
            NOW,
          )
        ).code,
      ).toBe(0);
      expect(await automaticItems(other)).toEqual(fetched);
      // Device for device, check for check, the two files say the same (the RMM's own ids aside).
      const read = async (repo: string) => {
        const data = JSON.parse(
          await readFile(path.join(repo, 'content/evidence/acme/2026-12.json'), 'utf8'),
        );
        for (const device of data.devices) for (const check of device.checks) delete check.id;
        for (const device of data.devices) for (const check of device.checks) delete check.name;
        return data;
      };
      expect(await read(root)).toEqual(await read(other));
    } finally {
      await removeTempRepo(other);
    }
    // Only the binder's clients are read; every read carries the key and ends in a slash.
    expect(standin.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /clients/',
      'GET /agents/?client=1',
      'PATCH /alerts/',
      'GET /agents/QmVyYWxkU2VydmVyMDE/checks/',
      'GET /agents/RnJvbnREZXNrMDE/checks/',
      'GET /agents/T3BlcmF0b3J5MDI/checks/',
      'GET /agents/TGFwdG9wMDM/checks/',
    ]);
    expect(standin.requests.every((request) => request.apiKey === 'test-trmm-key')).toBe(true);
    expect(standin.requests[2]?.body).toEqual({
      clientFilter: [1],
      timeFilter: 45,
      resolvedFilter: true,
      snoozedFilter: true,
    });
  });

  it('refuses --month other than the month it fetches in (UTC), before asking the RMM anything', async () => {
    const before = await snapshotTree(root);
    const result = await fetchEvidence(['--month', '2027-03']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: evidence fetch takes its export now, on 2026-12-01 (UTC), so it can only be evidence for 2026-12, not 2027-03: leave out --month (or give --month 2026-12). For another month, run it during that month, or import an export taken then with `evidence import --file`.',
    );
    expect(standin.requests).toEqual([]);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('--dry-run fetches and shows the verdicts, and writes and commits nothing', async () => {
    const before = await snapshotTree(root);
    const result = await fetchEvidence(['--month', '2026-12', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'acme (Acme Dental): 4 devices, 4 checks; 3 in the binder (1 by serial); not in the binder: AC-LT03 → content/evidence/acme/2026-12.json (dry run: not written)',
    );
    expect(result.stdout).toContain(
      '  rmm-spooler: not proven (1 device, 1 check): WIN-7Q2JH4: Spooler check has no alerting',
    );
    expect(result.stdout).toContain('Dry run: 1 evidence file for 2026-12 would be written; nothing was.');
    expect(standin.requests.map((request) => request.url)).toContain('/agents/?client=1');
    expect(await snapshotTree(root)).toEqual(before);
    const both = await fetchEvidence(['--dry-run', '--commit']);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('error: --dry-run writes nothing, so there is nothing to --commit.');
  });

  it('--client reads and writes only the clients named', async () => {
    await mkdir(path.join(root, 'content/clients/globex'));
    await writeFile(
      path.join(root, 'content/clients/globex/index.md'),
      '---\nname: Globex Law\ntimezone: America/Chicago\nvisit: second tuesday\n---\nGlobex.\n',
    );
    const globex = standin.store.addClient('globex');
    standin.store.addAgent(globex, { hostname: 'GX-PC01', lastSeen: minutesAgo(1) });
    const result = await fetchEvidence(['--month', '2026-12', '--client', 'globex']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('globex (Globex Law): 1 device, 0 checks');
    expect(result.stdout).not.toMatch(/No RMM data for|Not a binder client/);
    expect(standin.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /clients/',
      `GET /agents/?client=${globex.id}`,
      'PATCH /alerts/',
      expect.stringMatching(/^GET \/agents\/.*\/checks\/$/),
    ]);
    expect((await snapshotTree(root))['content/evidence/acme/2026-12.json']).toBeUndefined();
    expect((await snapshotTree(root))['content/evidence/globex/2026-12.json']).toBeDefined();
    const unknown = await fetchEvidence(['--client', 'initech']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: unknown client `initech`; clients are: acme, globex.');
  });

  it('--if-missing keeps the evidence a month already has (the follow-up runs of the workflow)', async () => {
    const args = ['evidence', 'fetch', '--source', 'tactical', '--month', '2026-12', '--if-missing'];
    expect((await runBinder(root, args, env(), NOW)).code).toBe(0);
    const file = path.join(root, 'content/evidence/acme/2026-12.json');
    const first = await readFile(file, 'utf8');
    const later = await runBinder(root, args, env(), new Date('2026-12-02T06:17:00Z'));
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain('acme: kept content/evidence/acme/2026-12.json (--if-missing)');
    expect(await readFile(file, 'utf8')).toBe(first);
    const replaced = await runBinder(root, args.slice(0, -1), env(), new Date('2026-12-02T06:17:00Z'));
    expect(replaced.code).toBe(0);
    expect(await readFile(file, 'utf8')).not.toBe(first);
  });

  it('a bad key: 401 said plainly, exit 2, nothing written', async () => {
    const before = await snapshotTree(root);
    const result = await runBinder(
      root,
      ['evidence', 'fetch', '--source', 'tactical'],
      env('wrong-key'),
      NOW,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: Tactical RMM refused the API key (GET /clients/: 401 Invalid token.)',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('retries a 500 and goes on; a 500 that stays is exit 2 with nothing written', async () => {
    standin.setFaults([{ path: /checks/, kind: '500' }]);
    const once = await fetchEvidence(['--month', '2026-12']);
    expect(once.code, once.stderr).toBe(0);
    expect(once.stderr).toContain('checks/: 500 Server Error (500) (attempt 1 of 3)');

    const fresh = await makeTempRepo(FILES);
    try {
      standin.setFaults(
        Array.from({ length: 3 }, () => ({ path: /agents\/\?client/, kind: '500' as const })),
      );
      const before = await snapshotTree(fresh);
      const result = await runBinder(fresh, ['evidence', 'fetch', '--source', 'tactical'], env(), NOW);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Tactical RMM did not answer GET /agents/?client=1 after 3 attempts');
      expect(await snapshotTree(fresh)).toEqual(before);
    } finally {
      await removeTempRepo(fresh);
    }
  });

  it('without TRMM_API_URL it says what to set', async () => {
    const result = await runBinder(root, ['evidence', 'fetch', '--source', 'tactical'], {}, NOW);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TRMM_API_URL is not set');
  });
});

describe('graduate', () => {
  /** Acme fully proven for `months` months ending in 2026-12 (disk checks only). */
  async function provenMonths(months: string[]) {
    for (const month of months) {
      const exported = structuredClone(NEUTRAL);
      const devices = exported.clients[0]?.devices ?? [];
      for (const device of devices) {
        device.maintenanceMode = false;
        device.checks = [
          {
            id: `disk-${device.id}`,
            name: 'Disk C:',
            type: 'diskspace',
            target: 'C:',
            alerting: { email: true, sms: false, dashboard: false },
            status: 'passing',
            lastRun: `${month}-01T05:50:00Z`,
          },
        ];
      }
      exported.source.exportedAt = `${month}-01T06:00:00Z`;
      await writeFile(path.join(root, 'export.json'), JSON.stringify(exported));
      const result = await runBinder(
        root,
        ['evidence', 'import', '--file', 'export.json', '--month', month],
        {},
        NOW,
      );
      expect(result.code, result.stderr).toBe(0);
    }
  }

  it('writes the override for an item proven graduateAfter months, which check accepts; the item leaves the plan', async () => {
    await provenMonths(['2026-10', '2026-11', '2026-12']);
    const now = new Date('2026-12-02T12:00:00Z');
    const result = await runBinder(root, ['graduate', '--client', 'acme', 'rmm-disk'], {}, now);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Wrote content/clients/acme/index.md: overrides.skip += { id: rmm-disk, graduated: 2026-12-02 }.
      rmm-disk leaves Acme Dental's automatic checklist, proven since 2026-10 (3 months). It comes back in any month whose RMM evidence does not prove it. Check and commit: \`npm run binder -- check\`."
    `);
    const profile = await readFile(path.join(root, 'content/clients/acme/index.md'), 'utf8');
    expect(profile).toContain(
      'overrides:\n  skip:\n    - { id: rmm-disk, reason: "Proven by tactical RMM evidence 3 months in a row since 2026-10; comes back when its evidence stops being proven", graduated: 2026-12-02 }\n---\nAcme Dental overview.',
    );
    expect((await runBinder(root, ['check'], {}, now)).code).toBe(0);
    expect((await automaticItems(root))?.map((item) => item.id)).toEqual(['rmm-spooler', 'rmm-stop']);
  });

  it('refuses an item that is not ready, or not provable, with exit 1 and nothing written', async () => {
    await provenMonths(['2026-11', '2026-12']);
    const before = await snapshotTree(root);
    const early = await runBinder(root, ['graduate', '--client', 'acme', 'rmm-disk'], {}, NOW);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(
      'is not ready to leave the checklist: proven 2 of the 3 months in a row it needs',
    );
    const manual = await runBinder(root, ['graduate', '--client', 'acme', 'rmm-stop'], {}, NOW);
    expect(manual.code).toBe(1);
    expect(manual.stderr).toContain('the template names no RMM checks for it');
    expect(await snapshotTree(root)).toEqual(before);
  });
});
