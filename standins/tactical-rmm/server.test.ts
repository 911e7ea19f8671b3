import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTacticalStandin, type TacticalStandin } from './server.ts';

/** AgentTableSerializer.Meta.fields in amidaware/tacticalrmm `api/tacticalrmm/agents/serializers.py`. */
const AGENT_TABLE_FIELDS = [
  'agent_id',
  'alert_template',
  'hostname',
  'site_name',
  'client_name',
  'monitoring_type',
  'description',
  'needs_reboot',
  'pending_actions_count',
  'status',
  'overdue_text_alert',
  'overdue_email_alert',
  'overdue_dashboard_alert',
  'last_seen',
  'boot_time',
  'checks',
  'maintenance_mode',
  'logged_username',
  'italic',
  'policy',
  'block_policy_inheritance',
  'plat',
  'goarch',
  'has_patches_pending',
  'version',
  'operating_system',
  'public_ip',
  'cpu_model',
  'graphics',
  'local_ips',
  'make_model',
  'physical_disks',
  'custom_fields',
  'serial_number',
];
/** ClientSerializer.Meta.fields (`api/tacticalrmm/clients/serializers.py`). */
const CLIENT_FIELDS = [
  'id',
  'name',
  'server_policy',
  'workstation_policy',
  'alert_template',
  'block_policy_inheritance',
  'sites',
  'custom_fields',
  'agent_count',
  'maintenance_mode',
  'failing_checks',
];

let standin: TacticalStandin;
beforeEach(async () => {
  standin = await startTacticalStandin({ now: () => new Date('2026-12-01T06:00:00Z') });
});
afterEach(async () => {
  await standin.close();
});

const get = (path: string, key = 'test-trmm-key', init: RequestInit = {}) =>
  fetch(`${standin.url}${path}`, {
    ...init,
    headers: { 'X-API-KEY': key, ...init.headers },
    redirect: 'manual',
  });

describe('Tactical RMM stand-in', () => {
  it("answers in the shapes of Tactical's serializers", async () => {
    const client = standin.store.addClient('Acme');
    const agent = standin.store.addAgent(client, {
      hostname: 'AC-PC01',
      lastSeen: new Date('2026-12-01T05:00:00Z'),
    });
    const check = standin.store.addCheck({ agent }, { checkType: 'diskspace', disk: 'C:' });
    const clients = (await (await get('/clients/')).json()) as Record<string, unknown>[];
    expect(Object.keys(clients[0] ?? {})).toEqual(CLIENT_FIELDS);
    const agents = (await (await get(`/agents/?client=${client.id}`)).json()) as Record<string, unknown>[];
    expect(Object.keys(agents[0] ?? {})).toEqual(AGENT_TABLE_FIELDS);
    expect(agents[0]?.last_seen).toBe('2026-12-01T05:00:00.000000Z');
    const checks = (await (await get(`/agents/${agent.agentId}/checks/`)).json()) as Record<
      string,
      unknown
    >[];
    expect(checks[0]).toMatchObject({ id: check.id, check_type: 'diskspace', disk: 'C:', check_result: {} });
    expect(Object.keys(checks[0] ?? {})).toEqual(
      expect.arrayContaining([
        'readable_desc',
        'alert_template',
        'email_alert',
        'text_alert',
        'dashboard_alert',
        'fails_b4_alert',
        'run_interval',
        'svc_name',
        'policy',
      ]),
    );
  });

  it('filters alerts the way PATCH /alerts/ does', async () => {
    const client = standin.store.addClient('Acme');
    const other = standin.store.addClient('Other');
    const agent = standin.store.addAgent(client, { hostname: 'AC-PC01' });
    const stranger = standin.store.addAgent(other, { hostname: 'OT-PC01' });
    standin.store.addAlert(agent, null, { at: new Date('2026-11-30T00:00:00Z') });
    standin.store.addAlert(agent, null, {
      at: new Date('2026-11-30T00:00:00Z'),
      resolvedOn: new Date('2026-11-30T01:00:00Z'),
    });
    standin.store.addAlert(agent, null, { at: new Date('2026-09-01T00:00:00Z') });
    standin.store.addAlert(stranger, null, { at: new Date('2026-11-30T00:00:00Z') });
    const alerts = async (filters: unknown) =>
      (
        (await (
          await get('/alerts/', 'test-trmm-key', {
            method: 'PATCH',
            body: JSON.stringify(filters),
            headers: { 'content-type': 'application/json' },
          })
        ).json()) as unknown[]
      ).length;
    expect(
      await alerts({ clientFilter: [client.id], timeFilter: 30, resolvedFilter: true, snoozedFilter: true }),
    ).toBe(2);
    expect(await alerts({ clientFilter: [client.id], timeFilter: 30, resolvedFilter: false })).toBe(1);
    expect(await alerts({ clientFilter: [client.id] })).toBe(3);
  });

  it('answers 401 without a valid key, and redirects a path without its slash', async () => {
    expect(await (await fetch(`${standin.url}/clients/`)).json()).toEqual({
      detail: 'Authentication credentials were not provided.',
    });
    const wrong = await get('/clients/', 'wrong');
    expect([wrong.status, await wrong.json()]).toEqual([401, { detail: 'Invalid token.' }]);
    const bare = await get('/clients');
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/clients/']);
  });
});
