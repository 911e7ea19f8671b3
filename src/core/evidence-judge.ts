import type { EvidenceDevice, EvidenceFile, EvidenceVerdict, RmmRequirement } from '../schemas/index.ts';
import { normalHostname } from './binder-hosts.ts';
import { KNOWN_RMMS } from './rmm-requirements.ts';

/**
 * The judge: does a month's RMM evidence prove an automatic checklist item? Pure. An item is
 * *proven* when every monitored device it applies to has, for each check the item names
 * (`rmm=`), a matching check that alerts a person (email or SMS), ran within a day before the
 * export (and not after it, beyond a few minutes of clock skew), and passes (or fails with an
 * alert raised for this failure and resolved), with no alert left open, on a device not left in
 * maintenance mode. Otherwise it is *not proven*, with one line per device and reason (a check
 * type the RMM does not have at all is one line for the item, e.g. "Tactical RMM has no patch
 * checks", and marks every device unproven). With no
 * evidence file for the month (or no `rmm=` checks named) there is *no evidence*. The bar is the
 * practice's own: "we'll never miss a critical alert" (docs/content-format.md, RMM evidence).
 */

/** A day in milliseconds: a check must have run within one day of the export. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** How far a check's last run may lie after the export: the RMM's and the exporter's clocks differ a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * How long before a failing check's last run its alert may have been raised and still count as
 * this failure's: an RMM alerts within minutes of a failure (after `fails_b4_alert` runs), so an
 * older alert was raised for an earlier failure, and this one has raised none.
 */
const FAILURE_ALERT_WINDOW_MS = DAY_MS;

/** How one device fared for one item. */
export interface DeviceJudgement {
  /** The device's host name as the RMM reports it. */
  hostname: string;
  /** Its binder page, when the binder lists it. */
  binder?: EvidenceDevice['binder'];
  /** True when every check the item needs is there and sound on this device. */
  proven: boolean;
  /** Matching checks found on it. */
  checks: number;
  /** Why it is not proven, each line starting with the host name. */
  problems: string[];
}

/** A verdict plus the per-device detail the staff site shows. */
export interface ItemJudgement extends EvidenceVerdict {
  /** Each device the item applies to, in the evidence file's order. */
  perDevice: DeviceJudgement[];
}

/** What the judge needs for one item. */
export interface JudgeInput {
  /** The month's evidence file for the client; undefined when there is none. */
  evidence: EvidenceFile | undefined;
  /** The checks the item names (`rmm=`); empty when it names none. */
  requirements: readonly RmmRequirement[];
  /** Host names the item is limited to (the profile's `rmm.devices`); every device when absent. */
  scope?: readonly string[];
  /** The month judged, for the "no evidence" line. */
  month: string;
}

type Check = EvidenceDevice['checks'][number];

function checkLabel(check: Check): string {
  if (check.type === 'service' && check.target) return `${check.target} check`;
  return `${check.type} check${check.target ? ` ${check.target}` : ''}`;
}

function requirementLabel(requirement: RmmRequirement): string {
  return requirement.target
    ? `no ${requirement.type} check for ${requirement.target}`
    : `no ${requirement.type} check`;
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
}

/** `9 days` or `30 hours`: how long before the export a check last ran. */
function ago(ms: number): string {
  const hours = Math.floor(ms / (60 * 60 * 1000));
  return hours < 48 ? `${hours} hours` : `${Math.floor(ms / DAY_MS)} days`;
}

/**
 * What is wrong with one matching check, or undefined when it is sound. The first problem found
 * is said: alerting, then how recent its last run is, then its result and its alert.
 */
export function checkProblem(check: Check, exportedAt: string): string | undefined {
  const label = checkLabel(check);
  const { email, sms, dashboard } = check.alerting;
  if (!email && !sms && !dashboard) return `${label} has no alerting`;
  // An alert nobody is sent is only seen by someone who happens to look at the dashboard.
  if (!email && !sms)
    return `${label} alerts only on the RMM's dashboard, so nobody is told (turn on email or SMS)`;
  if (check.lastRun === null) return `${label} has never run`;
  const lastRun = Date.parse(check.lastRun);
  const age = Date.parse(exportedAt) - lastRun;
  if (age > DAY_MS) return `${label} last ran ${ago(age)} before the export`;
  if (-age > CLOCK_SKEW_MS)
    return `${label} last ran ${ago(-age)} after the export, so the RMM's or the export's clock is wrong`;
  if (check.status === 'pending') return `${label} has no result yet (pending)`;
  const alert = check.lastAlert;
  if (check.status === 'failing' && !alert) return `${label} is failing and raised no alert`;
  if (alert && !alert.resolvedAt)
    return check.status === 'failing'
      ? `${label} is failing and its alert of ${alert.at.slice(0, 10)} is not resolved`
      : `${label} has an open alert from ${alert.at.slice(0, 10)}`;
  if (check.status === 'failing' && alert && Date.parse(alert.at) < lastRun - FAILURE_ALERT_WINDOW_MS)
    return `${label} is failing, and its last alert (${alert.at.slice(0, 10)}, resolved) is from before this failure: nothing was raised for it`;
  return undefined;
}

/** Judges one device against the item's requirements. */
function judgeDevice(
  device: EvidenceDevice,
  requirements: readonly RmmRequirement[],
  exportedAt: string,
): DeviceJudgement {
  const problems: string[] = [];
  let checks = 0;
  if (device.maintenanceMode)
    problems.push(`${device.hostname}: in maintenance mode, so its alerts are held back`);
  for (const requirement of requirements) {
    const matching = device.checks.filter(
      (check) =>
        check.type === requirement.type &&
        (requirement.target === undefined || sameText(check.target, requirement.target)),
    );
    checks += matching.length;
    if (matching.length === 0) {
      problems.push(`${device.hostname}: ${requirementLabel(requirement)}`);
      continue;
    }
    // Every matching check is a promise: a second disk check with alerting off is a gap too.
    for (const check of matching) {
      const problem = checkProblem(check, exportedAt);
      if (problem) problems.push(`${device.hostname}: ${problem}`);
    }
  }
  return {
    hostname: device.hostname,
    ...(device.binder ? { binder: device.binder } : {}),
    proven: problems.length === 0,
    checks,
    problems,
  };
}

/** A device judgement with the checks the RMM has no type for added: never proven, each said. */
function withChecksItLacks(
  device: DeviceJudgement,
  lacking: readonly RmmRequirement[],
  rmmName: string,
): DeviceJudgement {
  return {
    ...device,
    proven: false,
    problems: [
      ...device.problems,
      ...lacking.map(
        (requirement) => `${device.hostname}: ${requirementLabel(requirement)} (${rmmName} has none)`,
      ),
    ],
  };
}

/** True when `device` is the host `name` names (its RMM host name or the binder's, case and domain ignored). */
export function deviceIsNamed(device: EvidenceDevice, name: string): boolean {
  const wanted = normalHostname(name);
  return (
    normalHostname(device.hostname) === wanted ||
    (device.binder !== undefined && normalHostname(device.binder.host) === wanted)
  );
}

/** Judges one automatic item against a month's evidence. */
export function judgeItem(input: JudgeInput): ItemJudgement {
  const { evidence, requirements, month } = input;
  if (requirements.length === 0)
    return {
      status: 'none',
      devices: 0,
      checks: 0,
      problems: ['the template names no RMM checks for this item (add `rmm=` to it)'],
      perDevice: [],
    };
  if (!evidence)
    return {
      status: 'none',
      devices: 0,
      checks: 0,
      problems: [`no RMM evidence for ${month} (npm run binder -- evidence fetch, or evidence import)`],
      perDevice: [],
    };
  const source = { rmm: evidence.source.rmm, exportDate: evidence.source.exportedAt.slice(0, 10) };
  const problems: string[] = [];
  let devices = evidence.devices;
  if (input.scope) {
    const scope = input.scope;
    devices = devices.filter((device) => scope.some((name) => deviceIsNamed(device, name)));
    for (const name of scope)
      if (!evidence.devices.some((device) => deviceIsNamed(device, name)))
        problems.push(`${name}: not in the ${evidence.source.rmm} export`);
  }
  // Check types the RMM has no check for are the RMM's gap, said once, not each device's.
  const rmm = KNOWN_RMMS[evidence.source.rmm];
  const lacking = requirements.filter((requirement) => rmm?.lacks.includes(requirement.type));
  const provable = requirements.filter((requirement) => !lacking.includes(requirement));
  const judged = devices.map((device) => judgeDevice(device, provable, evidence.source.exportedAt));
  problems.unshift(
    ...[...new Set(lacking.map((requirement) => requirement.type))].map(
      (type) => `${rmm?.name} has no ${type} checks, so its export cannot prove this item`,
    ),
  );
  if (devices.length === 0 && problems.length === 0)
    problems.push(`no devices in the ${evidence.source.rmm} export for this client`);
  for (const device of judged) problems.push(...device.problems);
  const perDevice = lacking.length
    ? judged.map((device) => withChecksItLacks(device, lacking, rmm?.name ?? ''))
    : judged;
  return {
    status: problems.length === 0 ? 'proven' : 'not-proven',
    ...source,
    devices: perDevice.length,
    checks: perDevice.reduce((sum, device) => sum + device.checks, 0),
    problems,
    perDevice,
  };
}

/** The verdict without the per-device detail, as the plan, the issue and the archive carry it. */
export function verdictOf(judgement: ItemJudgement): EvidenceVerdict {
  const { perDevice: _perDevice, ...verdict } = judgement;
  return verdict;
}
