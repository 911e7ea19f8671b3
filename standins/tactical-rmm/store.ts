/**
 * The Tactical RMM stand-in's state: clients with sites, agents, checks (an agent's own, and
 * policy checks every agent of a client inherits, sharing one id as in Tactical), each agent's
 * check results, and alerts. Tests build a scenario through these methods; the routes render it
 * in the JSON shapes of Tactical's serializers (routes.ts).
 */

/** A client with its sites. */
export interface ClientState {
  /** Primary key. */
  id: number;
  /** Name as shown in Tactical. */
  name: string;
  /** Sites (offices). */
  sites: { id: number; name: string }[];
  /** Policy whose checks every agent of the client gets, if any. */
  policy: number | null;
  /** The alert template its agents get, if any (`Client.alert_template`). */
  alertTemplate: number | null;
}

/**
 * An alert template (`alerts/models.py AlertTemplate`): its "always" check settings send a
 * failing check's alert by email or text, or to the dashboard, whatever the check itself says.
 */
export interface AlertTemplateState {
  /** Primary key. */
  id: number;
  /** Name as shown in Tactical. */
  name: string;
  /** `check_always_email`. */
  alwaysEmail: boolean;
  /** `check_always_sms`. */
  alwaysText: boolean;
  /** `check_always_alert`. */
  alwaysAlert: boolean;
}

/** An agent (a monitored device). */
export interface AgentState {
  /** Primary key (alerts and check results point at it). */
  pk: number;
  /** The agent's long random id, used in URLs. */
  agentId: string;
  /** Host name. */
  hostname: string;
  /** Site primary key. */
  site: number;
  /** Serial number, or `''` as Tactical stores an unknown one. */
  serial: string;
  /** Last check-in. */
  lastSeen: Date | null;
  /** Maintenance mode: alerts held back. */
  maintenanceMode: boolean;
  /** `server` or `workstation`. */
  monitoringType: 'server' | 'workstation';
}

/** A check, an agent's own (`agent`) or a policy's (`policy`). */
export interface CheckState {
  /** Primary key. */
  id: number;
  /** The agent it belongs to, or null for a policy check. */
  agent: number | null;
  /** The policy it belongs to, or null. */
  policy: number | null;
  /** Tactical's check type: diskspace, ping, cpuload, memory, winsvc, script, eventlog. */
  checkType: string;
  /** Optional name. */
  name: string | null;
  /** Drive letter of a disk check, e.g. `C:`. */
  disk: string | null;
  /** Service name of a winsvc check. */
  svcName: string | null;
  /** Event log of an eventlog check. */
  logName: string | null;
  /** Address of a ping check. */
  ip: string | null;
  /** Alert channels. */
  emailAlert: boolean;
  /** Text alerts. */
  textAlert: boolean;
  /** Dashboard alerts. */
  dashboardAlert: boolean;
}

/** A check's result on one agent. */
export interface CheckResultState {
  /** passing, failing or pending. */
  status: 'passing' | 'failing' | 'pending';
  /** Last run. */
  lastRun: Date | null;
  /** Failures in a row. */
  failCount: number;
}

/** An alert. */
export interface AlertState {
  /** Primary key. */
  id: number;
  /** Agent primary key. */
  agent: number;
  /** Check primary key, for check alerts. */
  assignedCheck: number | null;
  /** `check`, `availability`, `task` or `custom`. */
  alertType: string;
  /** info, warning or error. */
  severity: string;
  /** Message. */
  message: string;
  /** When raised. */
  alertTime: Date;
  /** Resolved. */
  resolved: boolean;
  /** When resolved. */
  resolvedOn: Date | null;
  /** Snoozed. */
  snoozed: boolean;
}

/** One request as the stand-in saw it. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path with query. */
  url: string;
  /** The X-API-KEY header sent, if any. */
  apiKey: string | undefined;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** Status sent (0 for a dropped connection). */
  status: number;
}

/** The stand-in's records. */
export class TacticalStore {
  readonly clients: ClientState[] = [];
  readonly agents: AgentState[] = [];
  readonly checks: CheckState[] = [];
  readonly results = new Map<string, CheckResultState>();
  readonly alerts: AlertState[] = [];
  readonly alertTemplates: AlertTemplateState[] = [];
  readonly requests: RecordedRequest[] = [];
  private nextId = 1;

  /** Adds a client with one site; returns it. */
  addClient(name: string, siteName = 'Main office'): ClientState {
    const client: ClientState = {
      id: this.nextId++,
      name,
      sites: [{ id: this.nextId++, name: siteName }],
      policy: null,
      alertTemplate: null,
    };
    this.clients.push(client);
    return client;
  }

  /** Adds an agent at the client's first site. */
  addAgent(
    client: ClientState,
    agent: Partial<Omit<AgentState, 'pk' | 'site'>> & { hostname: string },
  ): AgentState {
    const pk = this.nextId++;
    const state: AgentState = {
      pk,
      agentId: agent.agentId ?? `agent${String(pk).padStart(4, '0')}RjXkWqPzLmNvBcTy`,
      hostname: agent.hostname,
      site: client.sites[0]?.id ?? 0,
      serial: agent.serial ?? '',
      lastSeen: agent.lastSeen ?? null,
      maintenanceMode: agent.maintenanceMode ?? false,
      monitoringType: agent.monitoringType ?? 'workstation',
    };
    this.agents.push(state);
    return state;
  }

  /** Gives a client a policy (its checks apply to every agent of the client); returns the policy id. */
  addPolicy(client: ClientState): number {
    client.policy = this.nextId++;
    return client.policy;
  }

  /** Gives a client an alert template (its agents, and so their checks, get it); returns the template. */
  addAlertTemplate(
    client: ClientState,
    template: Partial<Omit<AlertTemplateState, 'id'>> & { name: string },
  ): AlertTemplateState {
    const state: AlertTemplateState = {
      id: this.nextId++,
      alwaysEmail: false,
      alwaysText: false,
      alwaysAlert: false,
      ...template,
    };
    this.alertTemplates.push(state);
    client.alertTemplate = state.id;
    return state;
  }

  /** The alert template an agent gets: its client's, if any (Tactical also resolves policies and sites). */
  alertTemplateOf(agent: AgentState): AlertTemplateState | undefined {
    const id = this.clientOfAgent(agent)?.alertTemplate;
    return this.alertTemplates.find((template) => template.id === id);
  }

  /** Adds a check to an agent, or (with `policy`) to a policy. */
  addCheck(
    owner: { agent: AgentState } | { policy: number },
    check: Partial<Omit<CheckState, 'id' | 'agent' | 'policy'>> & { checkType: string },
  ): CheckState {
    const state: CheckState = {
      id: this.nextId++,
      agent: 'agent' in owner ? owner.agent.pk : null,
      policy: 'policy' in owner ? owner.policy : null,
      name: null,
      disk: null,
      svcName: null,
      logName: null,
      ip: null,
      emailAlert: false,
      textAlert: false,
      dashboardAlert: false,
      ...check,
    };
    this.checks.push(state);
    return state;
  }

  /** Records a check's result on an agent (a check with none shows `check_result: {}`). */
  setResult(
    agent: AgentState,
    check: CheckState,
    result: Partial<CheckResultState> & { lastRun: Date | null },
  ): void {
    this.results.set(`${agent.pk}/${check.id}`, { status: 'passing', failCount: 0, ...result });
  }

  /** Raises an alert for a check on an agent. */
  addAlert(
    agent: AgentState,
    check: CheckState | null,
    alert: { at: Date; severity?: string; resolvedOn?: Date; message?: string },
  ): AlertState {
    const state: AlertState = {
      id: this.nextId++,
      agent: agent.pk,
      assignedCheck: check?.id ?? null,
      alertType: check ? 'check' : 'availability',
      severity: alert.severity ?? 'error',
      message: alert.message ?? `${agent.hostname} ${check ? `check ${check.checkType}` : 'is offline'}`,
      alertTime: alert.at,
      resolved: alert.resolvedOn !== undefined,
      resolvedOn: alert.resolvedOn ?? null,
      snoozed: false,
    };
    this.alerts.push(state);
    return state;
  }

  /** The checks an agent has: its own and its client's policy's (`get_checks_with_policies`). */
  checksOf(agent: AgentState): CheckState[] {
    const client = this.clientOfAgent(agent);
    return this.checks.filter(
      (check) => check.agent === agent.pk || (client?.policy !== null && check.policy === client?.policy),
    );
  }

  /** The client an agent's site belongs to. */
  clientOfAgent(agent: AgentState): ClientState | undefined {
    return this.clients.find((client) => client.sites.some((site) => site.id === agent.site));
  }
}
