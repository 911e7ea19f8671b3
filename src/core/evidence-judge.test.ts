import { describe, expect, it } from 'vitest';
import type { EvidenceDevice, EvidenceFile, RmmRequirement } from '../schemas/index.ts';
import { judgeItem } from './evidence-judge.ts';

const EXPORTED_AT = '2026-12-01T06:00:00Z';
const on = { email: true, sms: false, dashboard: false };
const off = { email: false, sms: false, dashboard: false };
type Check = EvidenceDevice['checks'][number];

function check(overrides: Partial<Check> = {}): Check {
  return {
    id: 'c1',
    name: 'Disk space C:',
    type: 'diskspace',
    target: 'C:',
    alerting: on,
    status: 'passing',
    lastRun: '2026-12-01T05:50:00Z',
    ...overrides,
  };
}

function device(hostname: string, checks: Check[], overrides: Partial<EvidenceDevice> = {}): EvidenceDevice {
  return {
    id: `id-${hostname}`,
    hostname,
    lastSeen: '2026-12-01T05:59:00Z',
    maintenanceMode: false,
    checks,
    ...overrides,
  };
}

function evidence(devices: EvidenceDevice[]): EvidenceFile {
  return {
    client: 'acme',
    month: '2026-12',
    source: { rmm: 'tactical', exportedAt: EXPORTED_AT },
    devices,
  };
}

const disk: RmmRequirement[] = [{ type: 'diskspace' }];
const judge = (devices: EvidenceDevice[], requirements: RmmRequirement[] = disk, scope?: string[]) =>
  judgeItem({ evidence: evidence(devices), requirements, month: '2026-12', ...(scope ? { scope } : {}) });

describe('judgeItem', () => {
  it('proves an item when every device has a sound matching check, and counts devices and checks', () => {
    const verdict = judge([
      device('SRV01', [check(), check({ id: 'c2', target: 'D:' })]),
      device('PC01', [check()]),
    ]);
    expect(verdict).toMatchObject({
      status: 'proven',
      rmm: 'tactical',
      exportDate: '2026-12-01',
      devices: 2,
      checks: 3,
      problems: [],
    });
    expect(verdict.perDevice.map((entry) => [entry.hostname, entry.proven, entry.checks])).toEqual([
      ['SRV01', true, 2],
      ['PC01', true, 1],
    ]);
  });

  it('a device without the check: not proven, naming the device', () => {
    const verdict = judge([device('SRV01', [check()]), device('PC-FRONT01', [])]);
    expect(verdict.status).toBe('not-proven');
    expect(verdict.problems).toEqual(['PC-FRONT01: no diskspace check']);
    expect(verdict.perDevice.find((entry) => entry.hostname === 'SRV01')?.proven).toBe(true);
  });

  it('a check with alerting off is no proof', () => {
    const verdict = judge(
      [device('HD-SRV01', [check({ type: 'service', target: 'Spooler', alerting: off })])],
      [{ type: 'service', target: 'Spooler' }],
    );
    expect(verdict.problems).toEqual(['HD-SRV01: Spooler check has no alerting']);
  });

  it('alerting means a person is told: email or SMS counts, the dashboard alone does not', () => {
    for (const alerting of [
      { ...off, email: true },
      { ...off, sms: true },
      { email: true, sms: true, dashboard: true },
    ])
      expect(judge([device('SRV01', [check({ alerting })])]).status).toBe('proven');
    expect(judge([device('SRV01', [check({ alerting: { ...off, dashboard: true } })])]).problems).toEqual([
      "SRV01: diskspace check C: alerts only on the RMM's dashboard, so nobody is told (turn on email or SMS)",
    ]);
  });

  it('a check must have run within a day of the export', () => {
    expect(judge([device('SRV01', [check({ lastRun: '2026-11-30T06:00:00Z' })])]).status).toBe('proven');
    expect(judge([device('SRV01', [check({ lastRun: '2026-11-22T06:00:00Z' })])]).problems).toEqual([
      'SRV01: diskspace check C: last ran 9 days before the export',
    ]);
    expect(judge([device('SRV01', [check({ lastRun: '2026-11-30T04:00:00Z' })])]).problems).toEqual([
      'SRV01: diskspace check C: last ran 26 hours before the export',
    ]);
    expect(judge([device('SRV01', [check({ lastRun: null })])]).problems).toEqual([
      'SRV01: diskspace check C: has never run',
    ]);
  });

  it('a run after the export is allowed a few minutes of clock skew, and is a problem beyond them', () => {
    expect(judge([device('SRV01', [check({ lastRun: '2026-12-01T06:04:00Z' })])]).status).toBe('proven');
    expect(judge([device('SRV01', [check({ lastRun: '2026-12-01T09:00:00Z' })])]).problems).toEqual([
      "SRV01: diskspace check C: last ran 3 hours after the export, so the RMM's or the export's clock is wrong",
    ]);
    expect(judge([device('SRV01', [check({ lastRun: '2026-12-05T06:00:00Z' })])]).problems).toEqual([
      "SRV01: diskspace check C: last ran 4 days after the export, so the RMM's or the export's clock is wrong",
    ]);
  });

  it('a failing check counts only with its alert raised and resolved', () => {
    const failing = (lastAlert?: Check['lastAlert']) =>
      judge([device('SRV01', [check({ status: 'failing', ...(lastAlert ? { lastAlert } : {}) })])]);
    expect(failing().problems).toEqual(['SRV01: diskspace check C: is failing and raised no alert']);
    expect(failing({ at: '2026-11-30T22:00:00Z', severity: 'error' }).problems).toEqual([
      'SRV01: diskspace check C: is failing and its alert of 2026-11-30 is not resolved',
    ]);
    expect(
      failing({ at: '2026-11-30T22:00:00Z', severity: 'error', resolvedAt: '2026-12-01T01:00:00Z' }).status,
    ).toBe('proven');
  });

  it('the resolved alert of a failing check must belong to this failure: raised at most a day before its last run', () => {
    const failing = (at: string) =>
      judge([
        device('SRV01', [
          check({
            status: 'failing',
            lastAlert: { at, severity: 'error', resolvedAt: '2026-12-01T01:00:00Z' },
          }),
        ]),
      ]);
    // The last run is 2026-12-01T05:50:00Z.
    expect(failing('2026-11-30T05:50:00Z').status).toBe('proven');
    expect(failing('2026-12-01T05:55:00Z').status).toBe('proven');
    expect(failing('2026-11-30T05:49:00Z').problems).toEqual([
      'SRV01: diskspace check C: is failing, and its last alert (2026-11-30, resolved) is from before this failure: nothing was raised for it',
    ]);
    expect(failing('2026-09-03T10:00:00Z').problems).toEqual([
      'SRV01: diskspace check C: is failing, and its last alert (2026-09-03, resolved) is from before this failure: nothing was raised for it',
    ]);
  });

  it('a passing check with its last alert still open is not proven; a pending one neither', () => {
    expect(
      judge([device('SRV01', [check({ lastAlert: { at: '2026-11-29T10:00:00Z', severity: 'warning' } })])])
        .problems,
    ).toEqual(['SRV01: diskspace check C: has an open alert from 2026-11-29']);
    expect(judge([device('SRV01', [check({ status: 'pending' })])]).problems).toEqual([
      'SRV01: diskspace check C: has no result yet (pending)',
    ]);
  });

  it('a device left in maintenance mode is not proven, whatever its checks say', () => {
    const verdict = judge([device('SRV01', [check()], { maintenanceMode: true })]);
    expect(verdict.problems).toEqual(['SRV01: in maintenance mode, so its alerts are held back']);
  });

  it('every matching check is a promise: a second disk with alerting off is a gap', () => {
    expect(
      judge([device('SRV01', [check(), check({ id: 'c2', target: 'D:', alerting: off })])]).problems,
    ).toEqual(['SRV01: diskspace check D: has no alerting']);
  });

  it('a target must match (case ignored); every requirement is needed', () => {
    const checks = [check({ type: 'service', target: 'spooler', name: 'Print spooler' })];
    expect(judge([device('SRV01', checks)], [{ type: 'service', target: 'Spooler' }]).status).toBe('proven');
    expect(
      judge(
        [device('SRV01', checks)],
        [
          { type: 'service', target: 'Spooler' },
          { type: 'service', target: 'MSSQLSERVER' },
        ],
      ).problems,
    ).toEqual(['SRV01: no service check for MSSQLSERVER']);
  });

  it('a scope limits the devices, and a scoped host missing from the export is a problem', () => {
    const devices = [
      device('HD-SRV01', [check({ type: 'service', target: 'MSSQLSERVER' })]),
      device('HD-PC1', []),
    ];
    const sql = [{ type: 'service' as const, target: 'MSSQLSERVER' }];
    expect(judge(devices, sql, ['hd-srv01'])).toMatchObject({ status: 'proven', devices: 1 });
    expect(judge(devices, sql, ['HD-SRV01', 'HD-SQL02']).problems).toEqual([
      'HD-SQL02: not in the tactical export',
    ]);
  });

  it('an item naming a check type the RMM does not have is not proven, and the verdict says why', () => {
    const patch: RmmRequirement[] = [{ type: 'patch' }];
    const verdict = judge([device('SRV01', [check()]), device('PC01', [check()])], patch);
    expect(verdict).toMatchObject({ status: 'not-proven', devices: 2, checks: 0 });
    expect(verdict.problems).toEqual([
      'Tactical RMM has no patch checks, so its export cannot prove this item',
    ]);
    // Per device too, so the sites never count a device as watched for it.
    expect(verdict.perDevice.map((entry) => [entry.hostname, entry.proven, entry.problems])).toEqual([
      ['SRV01', false, ['SRV01: no patch check (Tactical RMM has none)']],
      ['PC01', false, ['PC01: no patch check (Tactical RMM has none)']],
    ]);
    // Next to a check it does have, only the missing type is the RMM's fault.
    expect(judge([device('SRV01', [])], [{ type: 'diskspace' }, { type: 'backup' }]).problems).toEqual([
      'Tactical RMM has no backup checks, so its export cannot prove this item',
      'SRV01: no diskspace check',
    ]);
    // Another RMM's export is judged check by check.
    const other = judgeItem({
      evidence: { ...evidence([device('SRV01', [])]), source: { rmm: 'ninjaone', exportedAt: EXPORTED_AT } },
      requirements: patch,
      month: '2026-12',
    });
    expect(other.problems).toEqual(['SRV01: no patch check']);
  });

  it('no devices at all is not proof', () => {
    expect(judge([]).problems).toEqual(['no devices in the tactical export for this client']);
  });

  it('no evidence file, or no rmm= checks named: no evidence', () => {
    expect(judgeItem({ evidence: undefined, requirements: disk, month: '2026-12' })).toMatchObject({
      status: 'none',
      problems: ['no RMM evidence for 2026-12 (npm run binder -- evidence fetch, or evidence import)'],
    });
    expect(judgeItem({ evidence: evidence([]), requirements: [], month: '2026-12' }).status).toBe('none');
  });
});
