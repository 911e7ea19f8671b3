import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTacticalStandin, type TacticalStandin } from '../../standins/tactical-rmm/server.ts';
import { OutsideError } from '../core/errors.ts';
import { KNOWN_RMMS } from '../core/rmm-requirements.ts';
import { RMM_CHECK_TYPES } from '../schemas/index.ts';
import { createTacticalSource, TACTICAL_CHECK_TYPES } from './tactical.ts';

const NOW = new Date('2026-12-01T06:00:00Z');
let standin: TacticalStandin;
beforeEach(async () => {
  standin = await startTacticalStandin({ now: () => NOW });
});
afterEach(async () => {
  await standin.close();
});

const source = (overrides: Partial<Parameters<typeof createTacticalSource>[0]> = {}) =>
  createTacticalSource({
    baseUrl: `${standin.url}/`,
    apiKey: 'test-trmm-key',
    backoffMs: 1,
    timeoutMs: 500,
    ...overrides,
  });

describe('the Tactical RMM adapter', () => {
  it('maps to every neutral check type but those the judge is told Tactical lacks (patch, backup)', () => {
    const mapped = new Set(Object.values(TACTICAL_CHECK_TYPES));
    expect(RMM_CHECK_TYPES.filter((type) => !mapped.has(type))).toEqual(KNOWN_RMMS.tactical?.lacks);
  });

  it('maps agents, their own and policy checks, and each agent’s alerts to the neutral export', async () => {
    const { store } = standin;
    const client = store.addClient('Harbor Dental PLLC', 'Harbourfront');
    const policy = store.addPolicy(client);
    // One policy check, inherited by both agents with one id: alerts tell them apart by agent.
    const disk = store.addCheck({ policy }, { checkType: 'diskspace', disk: 'C:', emailAlert: true });
    const server = store.addAgent(client, {
      hostname: 'HD-SRV01',
      serial: 'CZ1234',
      lastSeen: new Date('2026-12-01T05:59:30Z'),
    });
    const pc = store.addAgent(client, { hostname: 'HD-OP1', lastSeen: new Date('2026-12-01T05:58:00Z') });
    const sql = store.addCheck(
      { agent: server },
      { checkType: 'winsvc', svcName: 'MSSQLSERVER', textAlert: true },
    );
    const cpu = store.addCheck({ agent: server }, { checkType: 'cpuload', dashboardAlert: true });
    store.addCheck({ agent: pc }, { checkType: 'memory' }); // never ran: `check_result: {}`
    for (const agent of [server, pc])
      store.setResult(agent, disk, { lastRun: new Date('2026-12-01T05:50:00Z') });
    store.setResult(server, sql, {
      lastRun: new Date('2026-12-01T05:51:00Z'),
      status: 'failing',
      failCount: 3,
    });
    store.setResult(server, cpu, { lastRun: new Date('2026-12-01T05:52:00Z') });
    store.addAlert(server, sql, {
      at: new Date('2026-11-30T23:00:00Z'),
      resolvedOn: new Date('2026-12-01T01:00:00Z'),
    });
    store.addAlert(pc, disk, { at: new Date('2026-11-20T10:00:00Z'), severity: 'warning' });
    store.addAlert(pc, disk, { at: new Date('2026-11-29T10:00:00Z'), severity: 'error' });

    const tactical = source();
    const clients = await tactical.listClients();
    expect(clients).toEqual([{ id: String(client.id), name: 'Harbor Dental PLLC' }]);
    const exported = await tactical.exportClients(clients, NOW);
    expect(exported.source).toEqual({ rmm: 'tactical', exportedAt: '2026-12-01T06:00:00Z' });
    const [server1, pc1] = exported.clients[0]?.devices ?? [];
    expect(server1).toMatchObject({
      id: server.agentId,
      hostname: 'HD-SRV01',
      serial: 'CZ1234',
      site: 'Harbourfront',
      lastSeen: '2026-12-01T05:59:30Z',
      maintenanceMode: false,
    });
    expect(
      server1?.checks.map((check) => [
        check.type,
        check.target,
        check.alerting,
        check.status,
        check.lastAlert,
      ]),
    ).toEqual([
      ['diskspace', 'C:', { email: true, sms: false, dashboard: false }, 'passing', undefined],
      [
        'service',
        'MSSQLSERVER',
        { email: false, sms: true, dashboard: false },
        'failing',
        { at: '2026-11-30T23:00:00Z', severity: 'error', resolvedAt: '2026-12-01T01:00:00Z' },
      ],
      ['cpu', undefined, { email: false, sms: false, dashboard: true }, 'passing', undefined],
    ]);
    expect(pc1?.serial).toBeUndefined();
    expect(pc1?.checks.map((check) => [check.type, check.status, check.lastRun, check.lastAlert])).toEqual([
      ['diskspace', 'passing', '2026-12-01T05:50:00Z', { at: '2026-11-29T10:00:00Z', severity: 'error' }],
      ['memory', 'pending', null, undefined],
    ]);
  });

  it("turns alerting on where the agent's alert template always emails, texts or alerts, whatever the check says", async () => {
    const { store } = standin;
    const client = store.addClient('Cedar Ledger LLP');
    const template = store.addAlertTemplate(client, {
      name: 'Servers: always page',
      alwaysEmail: true,
      alwaysText: true,
    });
    const agent = store.addAgent(client, {
      hostname: 'CL-SRV01',
      lastSeen: new Date('2026-12-01T05:59:00Z'),
    });
    const quiet = store.addCheck({ agent }, { checkType: 'diskspace', disk: 'C:' });
    const dashboard = store.addCheck(
      { agent },
      { checkType: 'winsvc', svcName: 'Spooler', dashboardAlert: true },
    );
    for (const check of [quiet, dashboard])
      store.setResult(agent, check, { lastRun: new Date('2026-12-01T05:50:00Z') });
    const other = store.addClient('No Template Inc');
    const plain = store.addAgent(other, { hostname: 'NT-PC01', lastSeen: new Date('2026-12-01T05:59:00Z') });
    store.addCheck({ agent: plain }, { checkType: 'diskspace', disk: 'C:', dashboardAlert: true });

    const tactical = source();
    const exported = await tactical.exportClients(await tactical.listClients(), NOW);
    const alerting = (name: string) =>
      exported.clients
        .find((entry) => entry.client === name)
        ?.devices[0]?.checks.map((check) => [check.type, check.alerting]);
    expect(template.name).toBe('Servers: always page');
    expect(alerting('Cedar Ledger LLP')).toEqual([
      ['diskspace', { email: true, sms: true, dashboard: false }],
      ['service', { email: true, sms: true, dashboard: true }],
    ]);
    expect(alerting('No Template Inc')).toEqual([
      ['diskspace', { email: false, sms: false, dashboard: true }],
    ]);
  });

  it("waits out a 429's Retry-After before asking again", async () => {
    standin.store.addClient('Acme');
    standin.setFaults([{ path: /^\/clients\/$/, kind: '429', retryAfter: 3 }]);
    const lines: string[] = [];
    const started = performance.now();
    // One second of Retry-After is 40 ms here; the back-off alone would be 1 ms.
    const clients = await source({ retryAfterUnitMs: 40, log: (line) => lines.push(line) }).listClients();
    expect(clients).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(lines).toEqual([
      'Tactical RMM: GET /clients/: 429 Request was throttled. Expected available in 3 seconds. (attempt 1 of 3); waiting 3 s as it asks (Retry-After)',
    ]);
  });

  it('gives up at once, saying so, when Retry-After asks for longer than the longest wait allowed', async () => {
    standin.store.addClient('Acme');
    standin.setFaults([{ path: /^\/clients\/$/, kind: '429', retryAfter: 3600 }]);
    const error = await source({ maxRetryWaitS: 600 })
      .listClients()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutsideError);
    expect((error as Error).message).toBe(
      'Tactical RMM asks to wait 3600 s before GET /clients/ (429 Request was throttled. Expected available in 3600 seconds.), longer than the 600 s allowed (BINDER_MAX_RETRY_WAIT_S); nothing was written. Try again later.',
    );
    expect(standin.requests).toHaveLength(1);
  });

  it('times out a request that never answers, retries it, and goes on', async () => {
    standin.store.addClient('Acme');
    standin.setFaults([
      { path: /^\/clients\/$/, kind: 'hang' },
      { path: /^\/clients\/$/, kind: 'drop' },
    ]);
    const lines: string[] = [];
    expect(await source({ log: (line) => lines.push(line) }).listClients()).toHaveLength(1);
    expect(lines).toEqual([
      'Tactical RMM: GET /clients/: no answer in 500 ms (attempt 1 of 3)',
      expect.stringMatching(/^Tactical RMM: GET \/clients\/: .* \(attempt 2 of 3\)$/),
    ]);
  });

  it('a wrong or missing key is refused at once; a 500 that stays ends after three attempts', async () => {
    for (const apiKey of ['nope', '']) {
      const error = await source({ apiKey })
        .listClients()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutsideError);
      expect((error as Error).message).toMatch(/^Tactical RMM refused the API key \(GET \/clients\/: 401 /);
    }
    expect(standin.requests.map((request) => request.apiKey)).toEqual(['nope', '']);
    standin.setFaults(Array.from({ length: 3 }, () => ({ kind: '500' as const })));
    await expect(source().listClients()).rejects.toThrow(
      'Tactical RMM did not answer GET /clients/ after 3 attempts (500 Server Error (500)); nothing was written. Try again later.',
    );
    expect(standin.requests).toHaveLength(5);
  });
});
