import { addMonths, weekdayOf } from '../../src/core/calendar.ts';
import { itemAppliesToTags } from '../../src/core/client-checklist.ts';
import { slugify } from '../../src/core/text.ts';
import type { ChecklistItem, ChecklistItemInput, Contact, Tier } from '../../src/schemas/index.ts';
import { createRandom, type Random } from './random.ts';
import {
  ADDED_ITEMS,
  BUSINESS_TYPES,
  type BusinessType,
  CONTACT_ROLES,
  FIRST_NAMES,
  HARDWARE,
  HELPDESK,
  ISPS,
  LAST_NAMES,
  ONSITE_TECHS,
  PLACE_WORDS,
  TIME_ZONES,
} from './word-lists.ts';

/** A device in a client's binder tables. */
export interface SyntheticDevice {
  /** Short host name, `<CODE>-SRV01`: the client's code keeps it unique across the MSP. */
  host: string;
  /** DNS name under the client's own `<slug>.example` domain. */
  dns: string;
  /** LAN address in a documentation range. */
  address: string;
  /** Make and model. */
  model: string;
  /** What it does. */
  role: string;
  /** What kind of device. */
  kind: 'firewall' | 'switch' | 'ap' | 'server' | 'nas' | 'ups' | 'printer' | 'workstation';
}

/** A `move` override with the month it took effect, so earlier months keep the template's tier. */
export interface SyntheticMove {
  /** Template item id. */
  id: string;
  /** Tier it moves to. */
  tier: Tier;
  /** Why. */
  reason: string;
  /** First `YYYY-MM` the item is in the new tier. */
  fromMonth: string;
}

/** Everything the generator decided about one client. */
export interface SyntheticClient {
  /** Position among the clients, from 0. */
  index: number;
  /** Folder name. */
  slug: string;
  /** Display name, unique. */
  name: string;
  /** Four-letter host-name prefix, unique. */
  code: string;
  /** The client's own DNS domain, `<slug>.example`. */
  domain: string;
  /** What the business is. */
  business: BusinessType;
  /** Number of staff. */
  staff: number;
  /** IANA time zone. */
  timezone: string;
  /** Hours behind UTC in standard time, to put work in office hours. */
  utcOffset: number;
  /** Date the MSP took the client on. */
  since: string;
  /** First month with checklists. */
  firstMonth: string;
  /** Last month with checklists, for paused and offboarded clients. */
  lastMonth?: string;
  /** Profile status. */
  status: 'active' | 'paused' | 'offboarded';
  /** Checklist tags. */
  tags: string[];
  /** Onsite visit rule. */
  visit: string;
  /** Assignees written in the profile (missing tiers fall back to msp.yaml). */
  assignees: Partial<Record<Tier, string[]>>;
  /** The client's technician (binder owner, note author). */
  onsiteTech: string;
  /** The client's helpdesk login. */
  helpdesk: string;
  /** People at the client. */
  contacts: Contact[];
  /** Template overrides. */
  overrides: {
    skip: { id: string; reason: string }[];
    move: SyntheticMove[];
    add: ChecklistItemInput[];
  };
  /** First three octets of the LAN, e.g. `192.0.2`. */
  lan: string;
  /** First three octets of the WAN block. */
  wanNet: string;
  /** First address of the WAN /29. */
  wanBase: number;
  /** Primary internet provider. */
  isp: string;
  /** Failover provider, if any. */
  failoverIsp?: string;
  /** Contracted speed, e.g. `300/300 Mbps`. */
  speed: string;
  /** Circuit id. */
  circuitId: string;
  /** Devices, firewall first. */
  devices: SyntheticDevice[];
}

/** What client generation needs from the rest of the generator. */
export interface ClientModelContext {
  /** The seed. */
  seed: string | number;
  /** The generated months, oldest first. */
  months: readonly string[];
  /** The template's items, to pick overrides that name real items. */
  templateItems: readonly ChecklistItem[];
  /** The MSP's RMM bot login (automatic tier). */
  nocLogin: string;
  /** The MSP's own time zone: most clients are local. */
  homeZone: string;
}

const DOC_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** Tag → probability a client has it. */
const TAG_ODDS: readonly (readonly [string, number])[] = [
  ['windows-server', 0.65],
  ['ups', 0.75],
  ['nas', 0.45],
  ['firewall', 0.9],
  ['microsoft-365', 0.8],
  ['wifi', 0.7],
  ['hdd', 0.3],
];

/** The tags the generator knows as facts about a client (they decide its devices and binder). */
export const FACT_TAGS: readonly string[] = [...TAG_ODDS.map(([tag]) => tag), 'usb-backup', 'tape-backup'];

/** Why an item moves to another tier, by id; `{host}` and `{date}` are filled in. */
const MOVE_REASONS: Record<string, string> = {
  'disk-space-check': 'RMM disk-space alert proven on {host} on {date}',
  'system-log-warnings': 'RMM event-log monitor proven on {host} on {date}',
  'backup-job-status': 'Backup failure alerts reach the NOC queue, proven {date}',
  'patch-status-os': 'Patch compliance alerting proven {date}; non-compliant devices open a ticket',
  'patch-status-third-party': 'Third-party patch policy alerts proven {date}',
  'antivirus-edr-status': 'EDR health alerts proven {date}',
  'nas-health': 'NAS disk and RAID alerts forwarded to the RMM, proven {date}',
  'firewall-log-review': 'Firewall log alerts forwarded to the NOC, proven {date}',
  'backup-verify': 'Backup verification checked in the backup console since {date}',
};

/** Why an item is skipped, by id. */
const SKIP_REASONS: Record<string, string> = {
  'defrag-level': 'Only the archive disks spin, and they sit in the NAS, which manages itself',
  'backup-verify': 'No local backup: the cloud backup is verified remotely',
  'backup-media-offsite': 'The offsite copy is a cloud replica; no media leave the office',
  'server-room-walkthrough': "Equipment is in the building's shared comms room, checked by the landlord",
  'internet-speed-test': "The circuit is monitored by the ISP's managed service",
  'unauthorised-software': 'Application allow-listing is enforced by the EDR',
  'checkin-open-tickets': 'Open tickets are reviewed on the monthly call instead',
  'm365-review': "The client's parent company manages the tenant",
  'inventory-review': 'The client keeps its own asset register, reviewed at the annual meeting',
};

/** A random weekday date in a month (days 1-28, so it exists in every month). */
export function weekdayInMonth(random: Random, month: string): string {
  for (;;) {
    const date = `${month}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const weekday = weekdayOf(date);
    if (weekday !== 0 && weekday !== 6) return date;
  }
}

/**
 * Client names: a place word and a business type, unique, and no slug contained in another
 * (so `cedar-law` never appears inside a longer slug and a client site never names another
 * client by accident). Drawn in a seeded order, so the first N are stable as N grows.
 */
export function pickClientNames(seed: string | number, count: number): { name: string; slug: string }[] {
  const capacity = PLACE_WORDS.length * BUSINESS_TYPES.length;
  if (count > capacity) {
    throw new RangeError(`the synthetic MSP has names for at most ${capacity} clients; asked for ${count}`);
  }
  const random = createRandom(seed, 'client-names');
  // Core's slug at its default length (50), which never cuts here: the longest name a place word
  // and a business type make is 32 characters, all ASCII.
  const all = PLACE_WORDS.flatMap((place) =>
    BUSINESS_TYPES.map((business) => {
      const name = `${place} ${business.label}`;
      return { name, slug: slugify(name) };
    }),
  );
  const order = random.sample(all, all.length);
  const chosen: { name: string; slug: string }[] = [];
  for (const candidate of order) {
    if (chosen.length === count) break;
    if (chosen.some((other) => other.slug.includes(candidate.slug) || candidate.slug.includes(other.slug)))
      continue;
    chosen.push(candidate);
  }
  if (chosen.length < count) throw new RangeError(`could only find ${chosen.length} distinct client names`);
  return chosen;
}

function hostCode(name: string, used: Set<string>): string {
  const [place = 'X', ...rest] = name
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .split(/\s+/);
  const business = rest.join('');
  const candidates = [
    place.slice(0, 2) + business.slice(0, 2),
    place.slice(0, 1) + place.slice(2, 3) + business.slice(0, 2),
    place.slice(0, 2) + business.slice(0, 1) + business.slice(2, 3),
    place.slice(0, 3) + business.slice(0, 1),
  ];
  for (const candidate of candidates) {
    if (candidate.length === 4 && !used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
  for (let number = 10; ; number++) {
    const candidate = `${place.slice(0, 1)}${business.slice(0, 1)}${number}`.slice(0, 4);
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function makeDevices(
  random: Random,
  code: string,
  domain: string,
  lan: string,
  tags: Set<string>,
  staff: number,
): SyntheticDevice[] {
  const devices: SyntheticDevice[] = [];
  const add = (kind: SyntheticDevice['kind'], suffix: string, octet: number, model: string, role: string) =>
    devices.push({
      kind,
      host: `${code}-${suffix}`,
      dns: `${suffix.toLowerCase()}.${domain}`,
      address: `${lan}.${octet}`,
      model,
      role,
    });
  add(
    'firewall',
    'FW01',
    1,
    random.pick(HARDWARE.firewall),
    tags.has('firewall') ? 'Firewall, VPN, DHCP relay' : 'ISP-supplied router',
  );
  add('switch', 'SW01', 2, random.pick(HARDWARE.switch), 'Core switch, PoE for phones and access points');
  if (tags.has('wifi')) {
    const apModel = random.pick(HARDWARE.accessPoint);
    for (let ap = 1; ap <= random.int(1, 3); ap++)
      add('ap', `AP0${ap}`, 4 + ap, apModel, ap === 1 ? 'Wi-Fi, front office' : `Wi-Fi, area ${ap}`);
  }
  if (tags.has('windows-server')) {
    add(
      'server',
      'SRV01',
      10,
      `${random.pick(HARDWARE.server)}, ${random.pick(HARDWARE.serverOs)}`,
      'Domain controller, file shares, line-of-business database',
    );
    if (staff > 18 && random.chance(0.5))
      add(
        'server',
        'SRV02',
        11,
        `${random.pick(HARDWARE.server)}, ${random.pick(HARDWARE.serverOs)}`,
        'Second domain controller, print server',
      );
  }
  if (tags.has('nas'))
    add(
      'nas',
      'NAS01',
      12,
      `${random.pick(HARDWARE.nas)}, ${random.pick([2, 4])} x ${random.pick([4, 8, 12])} TB`,
      'Backup target, archive share',
    );
  if (tags.has('ups')) add('ups', 'UPS01', 20, random.pick(HARDWARE.ups), 'Protects the rack; network card');
  const printers = Math.max(1, Math.min(4, Math.round(staff / 8)));
  for (let printer = 1; printer <= printers; printer++)
    add('printer', `PRN0${printer}`, 30 + printer, random.pick(HARDWARE.printer), 'Print, scan to email');
  const workstations = Math.min(12, Math.max(3, Math.round(staff / 2)));
  const workstationModel = random.pick(HARDWARE.workstation);
  for (let pc = 1; pc <= workstations; pc++)
    add(
      'workstation',
      `WS${String(pc).padStart(2, '0')}`,
      100 + pc,
      `${workstationModel}, Windows 11`,
      pc === 1 ? 'Front desk' : 'Staff',
    );
  return devices;
}

/**
 * Decides every client's facts: name, tags, time zone, visit rule, people, network, devices and
 * overrides. Overrides only name items the template really has, so any template works.
 */
export function generateClients(context: ClientModelContext, count: number): SyntheticClient[] {
  const names = pickClientNames(context.seed, count);
  const codes = new Set<string>();
  const people = new Set<string>();
  const phones = new Set<string>();
  const firstMonth = context.months[0] ?? '2026-10';
  const lastMonth = context.months.at(-1) ?? firstMonth;
  const templateIds = new Set(context.templateItems.map((item) => item.id));
  // Tags of the MSP's own template that are no fact the generator knows (`ups-battery`, `dental`):
  // each client gets each with even odds, so their items are planned and archived too.
  const ownTags = [...new Set(context.templateItems.flatMap((item) => item.tags))]
    .filter((tag) => !FACT_TAGS.includes(tag))
    .sort();

  return names.map(({ name, slug }, index) => {
    const random = createRandom(context.seed, 'client', index);
    const business = BUSINESS_TYPES.find((type) => name.endsWith(` ${type.label}`)) ?? BUSINESS_TYPES[0];
    if (!business) throw new Error('no business types');
    const code = hostCode(name, codes);
    const domain = `${slug}.example`;
    const staff = random.int(4, 40);
    const home = TIME_ZONES.find((entry) => entry.zone === context.homeZone);
    const zone =
      home && random.chance(0.7)
        ? home
        : random.weighted(
            TIME_ZONES,
            TIME_ZONES.map((entry) => entry.weight),
          );

    const tagSet = new Set(TAG_ODDS.filter(([, odds]) => random.chance(odds)).map(([tag]) => tag));
    if (tagSet.has('windows-server') || tagSet.has('nas')) {
      const media = random.weighted(['usb-backup', 'tape-backup', 'none'], [5, 1, 3]);
      if (media !== 'none') tagSet.add(media);
    }
    // From a stream of their own: with the built-in template (no own tags) nothing else changes.
    const ownRandom = createRandom(context.seed, 'client-own-tags', index);
    for (const tag of ownTags) if (ownRandom.chance(0.5)) tagSet.add(tag);
    const tags = [...FACT_TAGS, ...ownTags].filter((tag) => tagSet.has(tag));

    const visit = random.chance(0.8)
      ? `${random.pick(ORDINALS)} ${random.pick(WEEKDAYS)}`
      : `day ${random.weighted([random.int(1, 28), 31], [9, 1])}`;

    // Most clients were taken on before the generated history; some join during it.
    let since: string;
    let clientFirst = firstMonth;
    if (context.months.length > 2 && random.chance(0.2)) {
      const joined = random.int(1, context.months.length - 1);
      const joinMonth = context.months[joined - 1] ?? firstMonth;
      since = `${joinMonth}-${String(random.int(1, 28)).padStart(2, '0')}`;
      clientFirst = context.months[joined] ?? firstMonth;
    } else {
      const year = random.int(2012, Number(firstMonth.slice(0, 4)) - 1);
      const month = String(random.int(1, 12)).padStart(2, '0');
      since = `${year}-${month}-${String(random.int(1, 28)).padStart(2, '0')}`;
    }
    let status: SyntheticClient['status'] = 'active';
    let clientLast: string | undefined;
    const roll = random.next();
    if (roll < 0.04) {
      status = 'paused';
      clientLast = addMonths(lastMonth, -random.int(1, 3));
    } else if (roll < 0.07) {
      status = 'offboarded';
      clientLast = addMonths(lastMonth, -random.int(2, 12));
    }

    const onsiteTech = random.pick(ONSITE_TECHS);
    const helpdesk = random.pick(HELPDESK);
    const style = random.weighted(['all', 'onsite', 'none'], [7, 2, 1]);
    const assignees: SyntheticClient['assignees'] =
      style === 'all'
        ? { automatic: [context.nocLogin], remote: [helpdesk], onsite: [onsiteTech] }
        : style === 'onsite'
          ? { onsite: random.chance(0.2) ? [onsiteTech, random.pick(ONSITE_TECHS)] : [onsiteTech] }
          : {};
    if (assignees.onsite) assignees.onsite = [...new Set(assignees.onsite)];

    const roles = CONTACT_ROLES[business.kind];
    const contactCount = random.int(2, 4);
    const contacts: Contact[] = [];
    const primary = random.int(0, Math.min(1, contactCount - 1));
    for (let person = 0; person < contactCount; person++) {
      let first = '';
      let last = '';
      for (let attempt = 0; attempt < 10_000; attempt++) {
        first = random.pick(FIRST_NAMES);
        last = random.pick(LAST_NAMES);
        if (!people.has(`${first} ${last}`)) break;
      }
      people.add(`${first} ${last}`);
      let phone = '';
      do phone = `+1 ${random.int(201, 989)} 555 01${String(random.int(0, 99)).padStart(2, '0')}`;
      while (phones.has(phone));
      phones.add(phone);
      contacts.push({
        name:
          person === 0 && business.kind !== 'trades' && random.chance(0.4)
            ? `Dr. ${first} ${last}`
            : `${first} ${last}`,
        role: roles[person] ?? 'Staff',
        email: `${first.toLowerCase()}.${last.toLowerCase()}@${domain}`,
        phone,
        primary: person === primary,
        authorized: person === 0 || (person === primary && random.chance(0.7)),
      });
    }

    const lanNet = random.pick(DOC_NETS);
    const wanNet = random.pick(DOC_NETS.filter((net) => net !== lanNet));
    const devices = makeDevices(random, code, domain, lanNet, tagSet, staff);
    const serverHost = devices.find((device) => device.kind === 'server' || device.kind === 'nas')?.host;

    // Overrides, from the items that apply to this client.
    const applicable = context.templateItems.filter(
      (item) => itemAppliesToTags(item, tagSet) && item.frequency !== 'single',
    );
    const move: SyntheticMove[] = [];
    if (random.chance(0.35)) {
      const candidates = applicable.filter(
        (item) => item.tier === 'remote' && item.frequency === 'monthly' && MOVE_REASONS[item.id],
      );
      for (const item of random.sample(candidates, random.int(1, 2))) {
        // Proven some time during the history (or before it): earlier months keep the old tier.
        const offset = random.int(-6, Math.max(0, context.months.length - 1));
        const fromMonth = addMonths(firstMonth, offset);
        const date = weekdayInMonth(random, addMonths(fromMonth, -1));
        move.push({
          id: item.id,
          tier: 'automatic',
          fromMonth,
          reason: (MOVE_REASONS[item.id] ?? 'RMM alerting proven {date}')
            .replace('{host}', serverHost ?? `${code}-FW01`)
            .replace('{date}', date),
        });
      }
    }
    const skip: { id: string; reason: string }[] = [];
    if (random.chance(0.25)) {
      const candidates = applicable.filter(
        (item) => SKIP_REASONS[item.id] && !move.some((moved) => moved.id === item.id),
      );
      for (const item of random.sample(candidates, 1))
        skip.push({ id: item.id, reason: SKIP_REASONS[item.id] ?? 'Not part of this contract' });
    }
    const add: ChecklistItemInput[] = [];
    if (random.chance(0.45)) {
      for (const item of ADDED_ITEMS[business.kind]) {
        if (templateIds.has(item.id)) continue;
        add.push({
          id: item.id,
          text: item.text,
          tier: item.tier,
          frequency: item.frequency,
          section: 'Client-specific',
        });
      }
    }

    const isp = random.pick(ISPS);
    const failoverIsp = random.chance(0.5) ? random.pick(ISPS.filter((other) => other !== isp)) : undefined;
    const speed = random.pick([
      '100/20 Mbps cable',
      '300/300 Mbps fibre',
      '500/500 Mbps fibre',
      '1000/1000 Mbps fibre',
      '200/10 Mbps cable',
    ]);

    return {
      index,
      slug,
      name,
      code,
      domain,
      business,
      staff,
      timezone: zone.zone,
      utcOffset: zone.offset,
      since,
      firstMonth: clientFirst,
      ...(clientLast === undefined ? {} : { lastMonth: clientLast }),
      status,
      tags,
      visit,
      assignees,
      onsiteTech,
      helpdesk,
      contacts,
      overrides: { skip, move, add },
      lan: lanNet,
      wanNet,
      wanBase: random.int(0, 30) * 8,
      isp,
      ...(failoverIsp === undefined ? {} : { failoverIsp }),
      speed,
      circuitId: `${isp
        .split(' ')
        .map((word) => word[0])
        .join('')}-${random.int(10000, 99999)}-${code}`,
      devices,
    };
  });
}
