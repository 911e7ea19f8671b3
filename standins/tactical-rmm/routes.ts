import type {
  AgentState,
  AlertState,
  AlertTemplateState,
  CheckState,
  ClientState,
  TacticalStore,
} from './store.ts';

/**
 * The stand-in's handlers: the four reads msp-binder makes, answering in the JSON shapes of
 * Tactical RMM's serializers (read from amidaware/tacticalrmm: ClientSerializer,
 * AgentTableSerializer, CheckSerializer with CheckResultSerializer, AlertSerializer), with
 * fields msp-binder ignores present too, so the adapter is tested against the real shape.
 */

/** An answer. */
export interface RouteAnswer {
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
}

/** DRF renders datetimes as ISO 8601 with microseconds and `Z`. */
function drfTime(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null;
}

const notFound: RouteAnswer = { status: 404, body: { detail: 'Not found.' } };

/** How CheckSerializer and AgentTableSerializer render an alert template: its name and "always" settings. */
function renderAlertTemplate(template: AlertTemplateState | undefined): unknown {
  return template
    ? {
        name: template.name,
        always_email: template.alwaysEmail,
        always_text: template.alwaysText,
        always_alert: template.alwaysAlert,
      }
    : null;
}

function renderClient(store: TacticalStore, client: ClientState): unknown {
  const agents = store.agents.filter((agent) => client.sites.some((site) => site.id === agent.site));
  return {
    id: client.id,
    name: client.name,
    server_policy: client.policy,
    workstation_policy: client.policy,
    alert_template: client.alertTemplate,
    block_policy_inheritance: false,
    sites: client.sites.map((site) => ({
      id: site.id,
      name: site.name,
      server_policy: null,
      workstation_policy: null,
      alert_template: null,
      client_name: client.name,
      client: client.id,
      custom_fields: [],
      agent_count: agents.filter((agent) => agent.site === site.id).length,
      block_policy_inheritance: false,
      maintenance_mode: agents.some((agent) => agent.site === site.id && agent.maintenanceMode),
      failing_checks: { error: false, warning: false },
    })),
    custom_fields: [],
    agent_count: agents.length,
    maintenance_mode: agents.some((agent) => agent.maintenanceMode),
    failing_checks: { error: false, warning: false },
  };
}

function renderAgent(store: TacticalStore, agent: AgentState): unknown {
  const client = store.clientOfAgent(agent);
  const site = client?.sites.find((candidate) => candidate.id === agent.site);
  const checks = store.checksOf(agent).map((check) => store.results.get(`${agent.pk}/${check.id}`));
  return {
    agent_id: agent.agentId,
    alert_template: renderAlertTemplate(store.alertTemplateOf(agent)),
    hostname: agent.hostname,
    site_name: site?.name ?? null,
    client_name: client?.name ?? null,
    monitoring_type: agent.monitoringType,
    description: '',
    needs_reboot: false,
    pending_actions_count: 0,
    status: 'online',
    overdue_text_alert: false,
    overdue_email_alert: false,
    overdue_dashboard_alert: false,
    last_seen: drfTime(agent.lastSeen),
    boot_time: 1764540000,
    checks: {
      total: checks.length,
      passing: checks.filter((result) => result?.status === 'passing').length,
      failing: checks.filter((result) => result?.status === 'failing').length,
      warning: 0,
      info: 0,
      has_failing_checks: checks.some((result) => result?.status === 'failing'),
    },
    maintenance_mode: agent.maintenanceMode,
    logged_username: '-',
    italic: false,
    policy: null,
    block_policy_inheritance: false,
    plat: 'windows',
    goarch: 'amd64',
    has_patches_pending: false,
    version: '2.9.1',
    operating_system: 'Windows Server 2022 Standard, 64 bit v21H2 (build 20348.2849)',
    public_ip: '203.0.113.7',
    cpu_model: ['Intel(R) Xeon(R) E-2336 CPU @ 2.90GHz'],
    graphics: 'Matrox G200eR2',
    local_ips: '192.0.2.10',
    make_model: 'Dell Inc. PowerEdge T350',
    physical_disks: ['PERC H355 Front 931 GB SCSI'],
    custom_fields: [],
    serial_number: agent.serial,
  };
}

function readableDescription(check: CheckState): string {
  switch (check.checkType) {
    case 'diskspace':
      return `Disk space check: Drive ${check.disk}`;
    case 'winsvc':
      return `Service check: ${check.svcName}`;
    case 'eventlog':
      return `Event log check: ${check.logName}`;
    case 'ping':
      return `Ping ${check.ip}`;
    default:
      return `${check.checkType} check`;
  }
}

function renderCheck(store: TacticalStore, agent: AgentState, check: CheckState): unknown {
  const result = store.results.get(`${agent.pk}/${check.id}`);
  return {
    id: check.id,
    readable_desc: readableDescription(check),
    assignedtasks: [],
    alert_template: renderAlertTemplate(store.alertTemplateOf(agent)),
    check_result: result
      ? {
          id: agent.pk * 10_000 + check.id,
          status: result.status,
          alert_severity: 'warning',
          more_info: null,
          last_run: drfTime(result.lastRun),
          fail_count: result.failCount,
          outage_history: null,
          extra_details: null,
          stdout: null,
          stderr: null,
          retcode: null,
          execution_time: null,
          history: [],
          agent: agent.pk,
          assigned_check: check.id,
        }
      : {},
    created_by: 'tactical',
    created_time: '2026-01-05T10:00:00.000000Z',
    modified_by: null,
    modified_time: null,
    overridden_by_policy: false,
    name: check.name,
    check_type: check.checkType,
    email_alert: check.emailAlert,
    text_alert: check.textAlert,
    dashboard_alert: check.dashboardAlert,
    fails_b4_alert: 1,
    run_interval: 120,
    alert_severity: 'warning',
    error_threshold: check.checkType === 'diskspace' ? 10 : 0,
    warning_threshold: check.checkType === 'diskspace' ? 15 : 0,
    disk: check.disk,
    ip: check.ip,
    script_args: [],
    env_vars: [],
    info_return_codes: [],
    warning_return_codes: [],
    timeout: null,
    svc_name: check.svcName,
    svc_display_name: check.svcName,
    pass_if_start_pending: null,
    pass_if_svc_not_exist: false,
    restart_if_stopped: null,
    svc_policy_mode: null,
    log_name: check.logName,
    event_id: null,
    event_id_is_wildcard: false,
    event_type: null,
    event_source: null,
    event_message: null,
    fail_when: null,
    search_last_days: null,
    number_of_events_b4_alert: 1,
    managed_by_policy: check.policy !== null,
    agent: check.agent,
    policy: check.policy,
    parent_check: null,
    script: null,
  };
}

function renderAlert(store: TacticalStore, alert: AlertState): unknown {
  const agent = store.agents.find((candidate) => candidate.pk === alert.agent);
  const client = agent ? store.clientOfAgent(agent) : undefined;
  return {
    id: alert.id,
    hostname: agent?.hostname ?? null,
    agent_id: agent?.agentId ?? null,
    client: client?.name ?? null,
    site: client?.sites.find((site) => site.id === agent?.site)?.name ?? null,
    alert_time: drfTime(alert.alertTime),
    alert_type: alert.alertType,
    message: alert.message,
    snoozed: alert.snoozed,
    snooze_until: null,
    resolved: alert.resolved,
    resolved_on: drfTime(alert.resolvedOn),
    severity: alert.severity,
    email_sent: null,
    resolved_email_sent: null,
    sms_sent: null,
    resolved_sms_sent: null,
    hidden: false,
    action_run: null,
    action_stdout: null,
    action_stderr: null,
    action_retcode: null,
    action_execution_time: null,
    resolved_action_run: null,
    resolved_action_stdout: null,
    resolved_action_stderr: null,
    resolved_action_retcode: null,
    resolved_action_execution_time: null,
    agent: alert.agent,
    assigned_check: alert.assignedCheck,
    assigned_task: null,
  };
}

/** `PATCH /alerts/` with filters, as `GetAddAlerts.patch` applies them. */
function filterAlerts(store: TacticalStore, body: Record<string, unknown>, now: Date): AlertState[] {
  let alerts = [...store.alerts];
  if (Array.isArray(body.clientFilter)) {
    const clients = new Set((body.clientFilter as unknown[]).map(Number));
    alerts = alerts.filter((alert) => {
      const agent = store.agents.find((candidate) => candidate.pk === alert.agent);
      const client = agent ? store.clientOfAgent(agent) : undefined;
      return client !== undefined && clients.has(client.id);
    });
  }
  if ('resolvedFilter' in body && !body.resolvedFilter) alerts = alerts.filter((alert) => !alert.resolved);
  if ('snoozedFilter' in body && !body.snoozedFilter) alerts = alerts.filter((alert) => !alert.snoozed);
  if (Array.isArray(body.severityFilter)) {
    const severities = new Set(body.severityFilter as unknown[]);
    alerts = alerts.filter((alert) => severities.has(alert.severity));
  }
  if (body.timeFilter !== undefined) {
    const since = now.getTime() - Number(body.timeFilter) * 24 * 60 * 60 * 1000;
    alerts = alerts.filter((alert) => alert.alertTime.getTime() > since && alert.alertTime <= now);
  }
  return alerts;
}

/** Routes one authenticated request. */
export function route(store: TacticalStore, method: string, url: URL, body: unknown, now: Date): RouteAnswer {
  const path = url.pathname;
  if (method === 'GET' && path === '/clients/')
    return {
      status: 200,
      body: [...store.clients]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((client) => renderClient(store, client)),
    };
  if (method === 'GET' && path === '/agents/') {
    const clientId = url.searchParams.get('client');
    const siteId = url.searchParams.get('site');
    const agents = store.agents.filter((agent) =>
      siteId !== null
        ? String(agent.site) === siteId
        : clientId !== null
          ? String(store.clientOfAgent(agent)?.id) === clientId
          : true,
    );
    return { status: 200, body: agents.map((agent) => renderAgent(store, agent)) };
  }
  const checks = /^\/agents\/([^/]+)\/checks\/$/.exec(path);
  if (method === 'GET' && checks) {
    const agent = store.agents.find((candidate) => candidate.agentId === decodeURIComponent(checks[1] ?? ''));
    if (!agent) return { status: 404, body: { detail: 'No Agent matches the given query.' } };
    return { status: 200, body: store.checksOf(agent).map((check) => renderCheck(store, agent, check)) };
  }
  if (method === 'PATCH' && path === '/alerts/') {
    const filters = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return { status: 200, body: filterAlerts(store, filters, now).map((alert) => renderAlert(store, alert)) };
  }
  return notFound;
}
