import { z } from 'zod';
import { OutsideError } from '../core/errors.ts';
import type { RmmCheckType, RmmExport, RmmExportDevice } from '../schemas/index.ts';
import type { RmmClientRef, RmmSource } from './rmm-source.ts';

/**
 * Tactical RMM (open source, Django REST) as an RmmSource. Its API is the one its web UI uses:
 * `X-API-KEY` authentication, URLs ending in `/`, plain (unpaginated) JSON lists. What is read,
 * from its source (docs/decisions.md, ../shared/research.md):
 * - `GET /clients/`: `[{ id, name, sites }]` (ClientSerializer);
 * - `GET /agents/?client=<id>`: agents with `agent_id`, `hostname`, `serial_number`, `site_name`,
 *   `last_seen`, `maintenance_mode` (AgentTableSerializer);
 * - `GET /agents/<agent_id>/checks/`: the agent's checks with policy checks, each with its model
 *   fields, `alert_template` and `check_result` (CheckSerializer);
 * - `PATCH /alerts/` with `{ clientFilter, timeFilter, resolvedFilter, snoozedFilter }`: the
 *   client's alerts (`alerts/views.py GetAddAlerts.patch`), matched to checks by `assigned_check`.
 * Reads time out and are retried (5xx, 429, network errors), after the wait a 429 or 503 asks for
 * in `Retry-After` when it gives one; a refused key is said plainly. Tactical has no patch or
 * backup check types (`CheckType`), so an export from it never has `patch` or `backup` checks.
 */

/**
 * Tactical's check types, mapped to the neutral ones (`tacticalrmm/constants.py CheckType`). It
 * has none for `patch` or `backup`: KNOWN_RMMS (core/rmm-requirements.ts) says so to the judge.
 */
export const TACTICAL_CHECK_TYPES: Readonly<Record<string, RmmCheckType>> = {
  diskspace: 'diskspace',
  ping: 'ping',
  cpuload: 'cpu',
  memory: 'memory',
  winsvc: 'service',
  script: 'script',
  eventlog: 'eventlog',
};

const ClientsSchema = z.array(z.object({ id: z.number().int(), name: z.string() }));

const AgentsSchema = z.array(
  z.object({
    agent_id: z.string().min(1),
    hostname: z.string().min(1),
    site_name: z.string().nullish(),
    client_name: z.string().nullish(),
    serial_number: z.string().nullish(),
    last_seen: z.string().nullish(),
    maintenance_mode: z.boolean(),
  }),
);

const ChecksSchema = z.array(
  z.object({
    id: z.number().int(),
    name: z.string().nullish(),
    readable_desc: z.string().nullish(),
    check_type: z.string(),
    disk: z.string().nullish(),
    svc_name: z.string().nullish(),
    ip: z.string().nullish(),
    log_name: z.string().nullish(),
    email_alert: z.boolean(),
    text_alert: z.boolean(),
    dashboard_alert: z.boolean(),
    alert_template: z
      .object({
        always_email: z.boolean().nullish(),
        always_text: z.boolean().nullish(),
        always_alert: z.boolean().nullish(),
      })
      .nullish(),
    // `{}` when the check has not run on this agent yet.
    check_result: z
      .object({
        status: z.enum(['passing', 'failing', 'pending']).optional(),
        last_run: z.string().nullish(),
      })
      .nullish(),
  }),
);

const AlertsSchema = z.array(
  z.object({
    id: z.number().int(),
    agent_id: z.string().nullish(),
    assigned_check: z.number().int().nullish(),
    alert_type: z.string().nullish(),
    severity: z.string(),
    alert_time: z.string().nullish(),
    resolved: z.boolean(),
    resolved_on: z.string().nullish(),
  }),
);

/** Settings of the Tactical RMM source. */
export interface TacticalOptions {
  /** The API's root, e.g. `https://api.rmm.example` (TRMM_API_URL). */
  baseUrl: string;
  /** An API key made in Tactical RMM (TRMM_API_KEY). */
  apiKey: string;
  /** Milliseconds before one request counts as timed out (default 30,000). */
  timeoutMs?: number;
  /** Attempts per read (default 3). */
  attempts?: number;
  /** Milliseconds to wait before the second attempt; doubled each time (default 1,000). */
  backoffMs?: number;
  /** Milliseconds per second of a `Retry-After` (default 1,000; tests shorten it). */
  retryAfterUnitMs?: number;
  /** The longest `Retry-After` waited, in seconds (default 600): a longer one ends the run. */
  maxRetryWaitS?: number;
  /** Days of alerts to read (default 45). */
  alertDays?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tactical RMM's API as an RmmSource. */
export function createTacticalSource(options: TacticalOptions): RmmSource {
  const base = options.baseUrl.replace(/\/+$/, '');
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 1000;
  const alertDays = options.alertDays ?? 45;
  const retryAfterUnitMs = options.retryAfterUnitMs ?? 1000;
  const maxRetryWaitS = options.maxRetryWaitS ?? 600;

  async function request<T>(
    method: 'GET' | 'PATCH',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const what = `${method} ${path}`;
    let lastProblem = '';
    // The server's own Retry-After, in seconds, when its last answer gave one.
    let asked: number | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1)
        await sleep(asked === undefined ? backoffMs * 2 ** (attempt - 2) : asked * retryAfterUnitMs);
      asked = undefined;
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            'X-API-KEY': options.apiKey,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error as Error;
        lastProblem = cause.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : cause.message;
        options.log?.(`Tactical RMM: ${what}: ${lastProblem} (attempt ${attempt} of ${attempts})`);
        continue;
      }
      const text = await response.text();
      if (response.status === 401)
        throw new OutsideError(
          `Tactical RMM refused the API key (${what}: 401 ${detailOf(text)}). Make a key under Settings > Global Settings > API Keys and set TRMM_API_KEY; nothing was written.`,
        );
      if (response.status === 403)
        throw new OutsideError(
          `Tactical RMM's key may not read this (${what}: 403 ${detailOf(text)}). Give the key's user permission to list clients, agents, checks and alerts; nothing was written.`,
        );
      if (response.status >= 500 || response.status === 429) {
        lastProblem = `${response.status} ${detailOf(text)}`;
        asked = retryAfterSeconds(response.headers.get('retry-after'), Date.now());
        if (asked !== undefined && asked > maxRetryWaitS)
          throw new OutsideError(
            `Tactical RMM asks to wait ${asked} s before ${what} (${lastProblem}), longer than the ${maxRetryWaitS} s allowed (BINDER_MAX_RETRY_WAIT_S); nothing was written. Try again later.`,
          );
        const waiting =
          asked === undefined || attempt === attempts ? '' : `; waiting ${asked} s as it asks (Retry-After)`;
        options.log?.(`Tactical RMM: ${what}: ${lastProblem} (attempt ${attempt} of ${attempts})${waiting}`);
        continue;
      }
      if (!response.ok)
        throw new OutsideError(
          `Tactical RMM answered ${what} with ${response.status} ${detailOf(text)}; nothing was written.`,
        );
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new OutsideError(
          `Tactical RMM answered ${what} with something that is not JSON; is TRMM_API_URL the API's address?`,
          {
            cause: error,
          },
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new OutsideError(
          `Tactical RMM's answer to ${what} is not what msp-binder reads: \`${issue?.path.join('.')}\` ${issue?.message}. Is this a supported Tactical RMM version?`,
          { cause: parsed.error },
        );
      }
      return parsed.data;
    }
    throw new OutsideError(
      `Tactical RMM did not answer ${what} after ${attempts} attempts (${lastProblem}); nothing was written. Try again later.`,
    );
  }

  return {
    rmm: 'tactical',
    async listClients(): Promise<RmmClientRef[]> {
      const clients = await request('GET', '/clients/', ClientsSchema);
      return clients.map((client) => ({ id: String(client.id), name: client.name }));
    },
    async exportClients(clients, now): Promise<RmmExport> {
      const out: RmmExport['clients'] = [];
      for (const client of clients) {
        const agents = await request('GET', `/agents/?client=${encodeURIComponent(client.id)}`, AgentsSchema);
        const alerts = await request('PATCH', '/alerts/', AlertsSchema, {
          clientFilter: [Number(client.id)],
          timeFilter: alertDays,
          resolvedFilter: true,
          snoozedFilter: true,
        });
        const devices: RmmExportDevice[] = [];
        for (const agent of agents) {
          const checks = await request(
            'GET',
            `/agents/${encodeURIComponent(agent.agent_id)}/checks/`,
            ChecksSchema,
          );
          devices.push(deviceOf(agent, checks, alerts));
        }
        options.log?.(`Tactical RMM: ${client.name}: ${agents.length} agent(s)`);
        out.push({ client: client.name, devices });
      }
      return {
        source: { rmm: 'tactical', exportedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
        clients: out,
      };
    },
  };
}

/** A `Retry-After` in whole seconds (it may be seconds or an HTTP date); undefined without a usable one. */
function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** DRF's `{"detail": "…"}`, or the start of the text. */
function detailOf(text: string): string {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    if (typeof detail === 'string') return detail;
  } catch {
    // not JSON: fall through
  }
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text.replace(/<[^>]*>/g, ' ')).slice(0, 120).replace(/\s+/g, ' ').trim();
}

/** Tactical writes times as ISO 8601 (`…Z` or `+00:00`); an empty one is none. */
function timeOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type Agent = z.infer<typeof AgentsSchema>[number];
type Check = z.infer<typeof ChecksSchema>[number];
type Alert = z.infer<typeof AlertsSchema>[number];

/** One agent as a neutral device. Checks of a type the neutral set lacks are left out. */
function deviceOf(agent: Agent, checks: readonly Check[], alerts: readonly Alert[]): RmmExportDevice {
  const serial = agent.serial_number?.trim();
  return {
    id: agent.agent_id,
    hostname: agent.hostname,
    ...(serial ? { serial } : {}),
    ...(agent.site_name ? { site: agent.site_name } : {}),
    lastSeen: timeOf(agent.last_seen),
    maintenanceMode: agent.maintenance_mode,
    checks: checks.flatMap((check) => {
      const type = TACTICAL_CHECK_TYPES[check.check_type];
      if (!type) return [];
      const target =
        (type === 'diskspace' && check.disk) ||
        (type === 'service' && check.svc_name) ||
        (type === 'ping' && check.ip) ||
        (type === 'eventlog' && check.log_name) ||
        undefined;
      // Policy checks share one id across agents: the alert is the agent's and the check's.
      const alert = alerts
        .filter((candidate) => candidate.assigned_check === check.id && candidate.agent_id === agent.agent_id)
        .sort((a, b) => (a.alert_time ?? '').localeCompare(b.alert_time ?? ''))
        .at(-1);
      const alertAt = timeOf(alert?.alert_time);
      const resolvedAt = alert?.resolved ? timeOf(alert.resolved_on) : null;
      // An alert template's "always" settings turn alerting on whatever the check says.
      const template = check.alert_template;
      return [
        {
          id: String(check.id),
          name: check.name || check.readable_desc || `${check.check_type} ${check.id}`,
          type,
          ...(target ? { target } : {}),
          alerting: {
            email: check.email_alert || template?.always_email === true,
            sms: check.text_alert || template?.always_text === true,
            dashboard: check.dashboard_alert || template?.always_alert === true,
          },
          status: check.check_result?.status ?? 'pending',
          lastRun: timeOf(check.check_result?.last_run),
          ...(alert && alertAt
            ? { lastAlert: { at: alertAt, severity: alert.severity, ...(resolvedAt ? { resolvedAt } : {}) } }
            : {}),
        },
      ];
    }),
  };
}
