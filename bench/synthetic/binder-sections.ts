import { addMonths } from '../../src/core/calendar.ts';
import { contentPaths } from '../../src/core/content-paths.ts';
import type { SyntheticClient, SyntheticDevice } from './client-model.ts';
import { weekdayInMonth } from './client-model.ts';
import { codeBlock, table, withFrontmatter } from './markdown.ts';
import { createRandom, type Random } from './random.ts';
import { LINE_OF_BUSINESS } from './word-lists.ts';

/** A generated file: repository-relative path and its text. */
export interface GeneratedFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  /** The file's content. */
  text: string;
}

/** What binder generation needs besides the client. */
export interface BinderContext {
  /** The seed. */
  seed: string | number;
  /** The MSP's name, as clients know it. */
  mspName: string;
  /** The last generated month; binders were reviewed in the months before it. */
  endMonth: string;
}

interface Section {
  slug: string;
  title: string;
  order: number;
  description: string;
  visibility?: 'internal';
  body: string;
  /** What the section documents that expires (its `renewals:`). */
  renewals?: {
    item: string;
    date: string;
    kind: 'licence' | 'contract';
    owner?: 'client';
    autoRenew?: boolean;
  }[];
}

function devicesOf(client: SyntheticClient, ...kinds: SyntheticDevice['kind'][]): SyntheticDevice[] {
  return client.devices.filter((device) => kinds.includes(device.kind));
}

function entry(client: SyntheticClient, what: string): string {
  return `"${client.name} / ${what}"`;
}

function overview(client: SyntheticClient, context: BinderContext, random: Random): Section {
  const server = devicesOf(client, 'server')[0];
  const nas = devicesOf(client, 'nas')[0];
  const ups = devicesOf(client, 'ups')[0];
  const firewall = devicesOf(client, 'firewall')[0];
  const hours = random.pick([
    'Mon-Fri 8:00-17:00',
    'Mon-Thu 7:30-18:00, Fri 7:30-12:00',
    'Mon-Fri 9:00-17:30',
  ]);
  const quiet = random.pick([
    'Wednesday afternoons',
    'Friday after 14:00',
    'the first hour of each day',
    'month-end close (last two working days)',
  ]);
  return {
    slug: 'overview',
    title: 'Overview',
    order: 10,
    description: 'The office at a glance and how to get help',
    body: [
      `${client.name} is ${client.business.description} with ${client.staff} staff. Office hours: ${hours}.`,
      '',
      '## At a glance',
      '',
      table(
        ['Item', 'Value'],
        [
          ['Primary site LAN', `${client.lan}.0/24`],
          [
            'Internet',
            `${client.isp}, ${client.speed}${client.failoverIsp ? `; failover ${client.failoverIsp}` : ''}`,
          ],
          ['Firewall', firewall ? `${firewall.host} (${firewall.model})` : 'none'],
          ['Servers', server ? `${server.host} (${server.model})` : 'none on site; cloud services only'],
          ['Storage', nas ? `${nas.host} (${nas.model})` : 'cloud file storage'],
          ['Power protection', ups ? `${ups.host} (${ups.model})` : 'surge strips only (UPS recommended)'],
          ['Staff', String(client.staff)],
        ],
      ),
      '',
      '## How to get help',
      '',
      `1. Email or call the ${context.mspName} helpdesk; for an outage, call rather than email.`,
      '2. Say who you are, which computer (the label on it, e.g. `' +
        `${client.code}-WS01` +
        '`), and what you see.',
      `3. Disruptive work is scheduled for ${quiet}.`,
      '',
      '## In this binder',
      '',
      '- [Network & ISP](./network-isp.md): circuits, addressing, devices',
      '- [Backups](./backups.md): what is backed up and how to ask for a restore',
      '- [Contacts](./contacts.md): who to call, at the office and at vendors',
    ].join('\n'),
  };
}

function contacts(client: SyntheticClient, context: BinderContext, random: Random): Section {
  const vendors = [
    [client.isp, 'Internet circuit', `business support line, circuit ${client.circuitId}`],
    ...(client.failoverIsp ? [[client.failoverIsp, 'Failover circuit', 'business support line']] : []),
    ...LINE_OF_BUSINESS[client.business.kind].map((app) => [
      `${app.product} vendor`,
      app.purpose,
      random.pick(['support portal', 'phone support, account number on the contract', 'email support']),
    ]),
    ['Copier lessor', 'Printers and copier service', 'service line on the copier sticker'],
  ];
  return {
    slug: 'contacts',
    title: 'Contacts',
    order: 15,
    description: 'People at the office and vendors',
    body: [
      `## At ${client.name}`,
      '',
      table(
        ['Name', 'Role', 'Email', 'Phone', 'Notes'],
        client.contacts.map((contact) => [
          contact.name,
          contact.role ?? '',
          contact.email ?? '',
          contact.phone ?? '',
          [contact.primary ? 'primary contact' : '', contact.authorized ? 'may authorise work' : '']
            .filter(Boolean)
            .join('; '),
        ]),
      ),
      '',
      '## Vendors',
      '',
      table(['Vendor', 'For', 'How to reach'], vendors),
      '',
      '## Escalation',
      '',
      `1. ${context.mspName} helpdesk (${client.helpdesk}) triages within 15 minutes.`,
      `2. Onsite technician (${client.onsiteTech}) for anything needing hands.`,
      '3. Outages longer than two hours: the service manager calls the authorised contact.',
    ].join('\n'),
  };
}

function networkIsp(client: SyntheticClient): Section {
  const wan = client.wanBase;
  const infra = devicesOf(client, 'firewall', 'switch', 'ap', 'server', 'nas', 'ups');
  return {
    slug: 'network-isp',
    title: 'Network & ISP',
    order: 20,
    description: 'Circuits, addressing and network devices',
    body: [
      '## Internet circuits',
      '',
      table(
        ['Circuit', 'Provider', 'Speed', 'Circuit id', 'WAN addressing'],
        [
          [
            'Primary',
            client.isp,
            client.speed,
            client.circuitId,
            `${client.wanNet}.${wan + 1}/29, gateway ${client.wanNet}.${wan + 6}`,
          ],
          ...(client.failoverIsp ? [['Failover', client.failoverIsp, 'LTE', '', 'DHCP']] : []),
        ],
      ),
      '',
      '## Addressing',
      '',
      codeBlock('text', [
        `LAN        ${client.lan}.0/24, gateway ${client.lan}.1`,
        `DHCP       ${client.lan}.100-${client.lan}.199, leases 8 days`,
        `Servers    ${client.lan}.10-${client.lan}.29 (static)`,
        `Printers   ${client.lan}.30-${client.lan}.49 (reserved)`,
        `Domain     ${client.domain}`,
      ]),
      '',
      '## Devices',
      '',
      table(
        ['Host', 'DNS name', 'Address', 'Model', 'Role'],
        infra.map((device) => [device.host, device.dns, device.address, device.model, device.role]),
      ),
      '',
      'Workstations and printers are listed in [Servers & workstations](./servers-workstations.md).',
    ].join('\n'),
  };
}

function lanServices(client: SyntheticClient, random: Random): Section {
  const voice = random.chance(0.6);
  const vlans = [
    ['10', 'STAFF', `${client.lan}.0/24`, 'Workstations, printers, servers'],
    ...(voice ? [['20', 'VOICE', '10.20.0.0/24', 'Desk phones (PoE)']] : []),
    ['30', 'GUEST', '10.30.0.0/24', 'Guest Wi-Fi, internet only'],
    ['99', 'MGMT', '10.99.0.0/24', 'Switch and access point management'],
  ];
  const switchHost = `${client.code}-SW01`;
  return {
    slug: 'lan-dhcp-dns',
    title: 'LAN, DHCP & DNS',
    order: 25,
    description: 'VLANs, address scopes and name resolution',
    body: [
      '## VLANs',
      '',
      table(['VLAN', 'Name', 'Subnet', 'Used for'], vlans),
      '',
      '## DHCP scopes',
      '',
      table(
        ['Scope', 'Range', 'Served by', 'Lease'],
        [
          [
            'STAFF',
            `${client.lan}.100-199`,
            client.tags.includes('windows-server') ? `${client.code}-SRV01` : `${client.code}-FW01`,
            '8 days',
          ],
          ['GUEST', '10.30.0.50-250', `${client.code}-FW01`, '4 hours'],
        ],
      ),
      '',
      '## Switch configuration (excerpt)',
      '',
      codeBlock('text', [
        `hostname "${switchHost}"`,
        'vlan 10',
        '   name "STAFF"',
        '   untagged 1-20',
        ...(voice ? ['vlan 20', '   name "VOICE"', '   tagged 1-20', '   voice'] : []),
        'vlan 99',
        '   name "MGMT"',
        `   ip address 10.99.0.2 255.255.255.0`,
        'spanning-tree',
        'interface 24',
        `   name "Uplink ${client.code}-FW01"`,
      ]),
      '',
      '## DNS',
      '',
      `- Internal zone \`${client.domain}\` on ${client.tags.includes('windows-server') ? `${client.code}-SRV01` : 'the firewall'}.`,
      '- Forwarders: the filtered DNS service configured on the firewall.',
      `- Public zone hosted at the registrar; records in [Email & Microsoft 365](./email-microsoft-365.md).`,
    ].join('\n'),
  };
}

function firewall(client: SyntheticClient, random: Random): Section {
  const device = devicesOf(client, 'firewall')[0];
  const internal = !client.tags.includes('firewall') || random.chance(0.7);
  const publicIp = `${client.wanNet}.${client.wanBase + 1}`;
  return {
    slug: 'firewall',
    title: 'Firewall',
    order: 30,
    description: internal ? 'Rules, VPN and admin access (staff only)' : 'Rules and remote access',
    ...(internal ? { visibility: 'internal' as const } : {}),
    body: [
      internal ? "Staff only: this section never appears on the client's site.\n" : '',
      `**Device:** ${device?.model ?? 'firewall'}, \`${device?.dns ?? client.domain}\`, managed from the LAN only.`,
      `**Admin credentials:** password manager entry ${entry(client, 'Firewall admin')}. Never write them here.`,
      '',
      '## Inbound rules',
      '',
      table(
        ['#', 'From', 'To', 'Service', 'Why'],
        [
          ['1', 'any', publicIp, 'SSL VPN 443', 'Remote access for staff (MFA enforced)'],
          ['2', 'RMM relay', `${client.code}-FW01`, 'HTTPS 8443', 'Monitoring'],
          ...(client.business.kind === 'design'
            ? [['3', 'Partner office', `${client.code}-SRV01`, 'SFTP 22', 'Drawing exchange']]
            : []),
          ['99', 'any', 'any', 'any', 'deny and log'],
        ],
      ),
      '',
      '## Outbound',
      '',
      '- Web filtering on (category policy "Business standard").',
      '- DNS through the firewall only; DNS over HTTPS blocked.',
      `- Geo-blocking of inbound connections from outside North America.`,
      '',
      '## VPN (excerpt)',
      '',
      codeBlock('text', [
        'config vpn ssl settings',
        `    set servercert "vpn.${client.domain}"`,
        '    set tunnel-ip-pools "SSLVPN_POOL"',
        '    set source-interface "wan1"',
        '    set default-portal "staff-split"',
        'end',
      ]),
    ].join('\n'),
  };
}

function wireless(client: SyntheticClient, random: Random): Section {
  const aps = devicesOf(client, 'ap');
  if (aps.length === 0) {
    return {
      slug: 'wireless',
      title: 'Wireless',
      order: 35,
      description: 'Wi-Fi at the office',
      body: [
        "We do not manage Wi-Fi here: the office uses the building's shared network for guests.",
        '',
        '## If the office wants Wi-Fi',
        '',
        '- One access point per 150 m² of open office, on the MGMT VLAN.',
        '- A staff network on VLAN 10 and a guest network on VLAN 30.',
        '',
        table(
          ['Network', 'Status'],
          [
            ['Staff', 'not deployed'],
            ['Guest', "building's network"],
          ],
        ),
      ].join('\n'),
    };
  }
  const ssid = client.code.toLowerCase();
  return {
    slug: 'wireless',
    title: 'Wireless',
    order: 35,
    description: 'Networks, access points and who has the keys',
    body: [
      '## Networks',
      '',
      table(
        ['SSID', 'VLAN', 'Security', 'Key'],
        [
          [`${ssid}-staff`, '10', 'WPA3-Enterprise via RADIUS', 'none: staff sign in with their account'],
          [`${ssid}-guest`, '30', 'WPA2-Personal', `password manager entry ${entry(client, 'Guest Wi-Fi')}`],
        ],
      ),
      '',
      `The guest key changes every ${random.pick(['July', 'quarter', 'six months'])}; the front desk gets the new one on a printed card.`,
      '',
      '## Access points',
      '',
      table(
        ['Host', 'Address', 'Model', 'Where'],
        aps.map((ap) => [ap.host, ap.address, ap.model, ap.role]),
      ),
    ].join('\n'),
  };
}

function serversWorkstations(client: SyntheticClient, random: Random): Section {
  const servers = devicesOf(client, 'server', 'nas');
  const workstations = devicesOf(client, 'workstation');
  const runbook = servers.find((device) => device.kind === 'server');
  return {
    slug: 'servers-workstations',
    title: 'Servers & workstations',
    order: 40,
    description: 'What runs where, and the computers staff use',
    body: [
      '## Servers and appliances',
      '',
      servers.length
        ? table(
            ['Host', 'Address', 'Hardware / OS', 'Purpose'],
            servers.map((d) => [d.host, d.address, d.model, d.role]),
          )
        : 'No servers on site: files and email are in Microsoft 365.',
      '',
      '## Workstations',
      '',
      table(
        ['Host', 'Address', 'Model', 'Used by'],
        workstations.map((d) => [d.host, d.address, d.model, d.role]),
      ),
      '',
      '## Lifecycle',
      '',
      `- Workstations are replaced after ${random.pick(['four', 'five'])} years; the oldest are listed in the annual budget review.`,
      '- Every device is enrolled in the RMM and the EDR before it reaches a desk.',
      ...(runbook
        ? [
            '',
            '## Restarting the line-of-business service',
            '',
            `If the ${LINE_OF_BUSINESS[client.business.kind][0]?.product ?? 'main'} application stops answering, on ${runbook.host}:`,
            '',
            codeBlock('powershell', [
              "Get-Service -DisplayName '*LOB*' | Format-Table Name, Status",
              "Restart-Service -DisplayName '*LOB*' -Force",
              "Get-EventLog -LogName Application -Newest 20 | Where-Object EntryType -eq 'Error'",
            ]),
          ]
        : []),
    ].join('\n'),
  };
}

function backups(client: SyntheticClient, context: BinderContext, random: Random): Section {
  const server = devicesOf(client, 'server')[0];
  const nas = devicesOf(client, 'nas')[0];
  const media = client.tags.includes('tape-backup')
    ? 'tape'
    : client.tags.includes('usb-backup')
      ? 'usb'
      : 'cloud';
  const primaryContact = client.contacts.find((contact) => contact.primary) ?? client.contacts[0];
  const jobs: string[][] = [];
  if (server)
    jobs.push([
      `Nightly image of ${server.host}`,
      nas ? `Image backup to ${nas.host}` : 'Image backup to the cloud vault',
      '23:00',
      '30 days',
    ]);
  if (nas) jobs.push([`${nas.host} shares`, 'Replication to the cloud bucket', '01:00', '90 days']);
  if (media === 'usb')
    jobs.push([
      'Weekly rotation',
      `USB drives ${client.code}-USB-A/B/C, one always offsite`,
      'Friday 18:00',
      '3 weeks',
    ]);
  if (media === 'tape')
    jobs.push([
      'Weekly full',
      `LTO tapes ${client.code}-T1..T8, offsite in the bank box`,
      'Friday 20:00',
      '8 weeks',
    ]);
  jobs.push([
    'Microsoft 365',
    'Cloud-to-cloud backup of mail, OneDrive, SharePoint',
    '3 times a day',
    '1 year',
  ]);
  return {
    slug: 'backups',
    title: 'Backups',
    order: 50,
    description: 'What is backed up, where, and how often',
    body: [
      'We follow 3-2-1: three copies of your data, on two kinds of media, one of them offsite.',
      '',
      table(['Job', 'How', 'When', 'Kept'], jobs),
      '',
      ...(media !== 'cloud'
        ? [
            '## Offsite rotation',
            '',
            `1. On the visit, the technician labels the ${media === 'tape' ? 'tape' : 'drive'} with the date and set number.`,
            `2. ${primaryContact?.name ?? 'The office manager'} takes it offsite and brings back the oldest one.`,
            "3. The swap is recorded in the visit's tech note.",
            '',
          ]
        : []),
      '## Restore tests',
      '',
      `A sample restore is tested every quarter and recorded in the tech notes. Ask ${context.mspName} for a restore at any time; most files come back within ${random.pick(['an hour', 'two hours', 'the same day'])}.`,
      '',
      codeBlock('text', [
        'Schedule (local time)',
        `  23:00  ${server ? 'server image' : 'endpoint backup'}`,
        `  01:00  ${nas ? 'NAS replication' : 'cloud sync check'}`,
        '  06:00  job report to the NOC queue',
      ]),
    ].join('\n'),
  };
}

function power(client: SyntheticClient, context: BinderContext, random: Random): Section {
  const ups = devicesOf(client, 'ups')[0];
  if (!ups) {
    return {
      slug: 'power-ups',
      title: 'Power & UPS',
      order: 55,
      description: 'Power protection',
      body: [
        'No UPS protects the network equipment yet. A power cut drops the internet and the phones.',
        '',
        '## Recommendation',
        '',
        table(
          ['Where', 'Suggested', 'Why'],
          [['Network cabinet', 'Line-interactive UPS, 1500 VA', 'Ride through short cuts; clean shutdown']],
        ),
        '',
        `- Quoted by ${context.mspName}; waiting for the client's decision.`,
      ].join('\n'),
    };
  }
  const batteryYear = Number(context.endMonth.slice(0, 4)) - random.int(0, 4);
  return {
    slug: 'power-ups',
    title: 'Power & UPS',
    order: 55,
    description: 'UPS, runtime and battery age',
    body: [
      table(
        ['Host', 'Model', 'Protects', 'Battery installed', 'Runtime at load'],
        [
          [
            ups.host,
            ups.model,
            devicesOf(client, 'firewall', 'switch', 'server', 'nas')
              .map((device) => device.host)
              .join(', '),
            `${batteryYear}-${String(random.int(1, 12)).padStart(2, '0')}`,
            `${random.int(18, 55)} min at ${random.int(20, 60)} %`,
          ],
        ],
      ),
      '',
      '## Shutdown order',
      '',
      '1. Servers shut down at 10 minutes of runtime left (the network card signals them).',
      '2. The NAS follows at 8 minutes.',
      '3. Network equipment stays up until the battery is empty.',
      '',
      `Management card: \`https://${ups.dns}\`, alerts to the NOC queue.`,
    ].join('\n'),
  };
}

function printers(client: SyntheticClient): Section {
  const devices = devicesOf(client, 'printer');
  return {
    slug: 'printers-scanning',
    title: 'Printers & scanning',
    order: 58,
    description: 'Printers, copiers and scan-to-email',
    body: [
      table(
        ['Host', 'Address', 'Model', 'Use'],
        devices.map((d) => [d.host, d.address, d.model, d.role]),
      ),
      '',
      '## Scan to email',
      '',
      'Printers send scans through the Microsoft 365 SMTP relay; no mailbox sign-in is stored on them.',
      '',
      codeBlock('text', [
        `SMTP server   ${client.slug}.mail.protection.outlook.com`,
        'Port          25 (connector restricted to the office public address)',
        `From          scanner@${client.domain}`,
      ]),
    ].join('\n'),
  };
}

function software(client: SyntheticClient, context: BinderContext, random: Random): Section {
  const renew = (offset: number) =>
    `${addMonths(context.endMonth, offset)}-${String(random.int(1, 28)).padStart(2, '0')}`;
  const rows = [
    ['Microsoft 365 Business Premium', String(client.staff), 'monthly, through us', renew(random.int(1, 11))],
    ['EDR', String(client.devices.length), 'annual', renew(random.int(1, 11))],
    ['Backup', 'per device', 'annual', renew(random.int(1, 11))],
    ...LINE_OF_BUSINESS[client.business.kind].map((app) => [
      app.product,
      random.pick(['site licence', String(client.staff)]),
      'annual, client-held',
      renew(random.int(1, 11)),
    ]),
  ];
  // The table's own dates become the section's renewals (no further random draws: the rest of the
  // generated MSP stays byte-identical).
  const renewals = rows.map(([product = '', , terms = '', date = ''], index) => ({
    item: product,
    date,
    kind: index === 2 ? ('contract' as const) : ('licence' as const),
    ...(terms.includes('client-held') ? { owner: 'client' as const } : {}),
    ...(index === 0 ? { autoRenew: true } : {}),
  }));
  return {
    slug: 'software-licences',
    title: 'Software & licences',
    order: 60,
    description: 'What is licensed, how many, and when it renews',
    renewals,
    body: [
      table(['Product', 'Quantity', 'Terms', 'Renews / expires'], rows),
      '',
      '## Line-of-business applications',
      '',
      ...LINE_OF_BUSINESS[client.business.kind].map((app) => `- **${app.product}**: ${app.purpose}.`),
      '',
      'Licence keys and portal sign-ins are in the password manager, never in this binder.',
    ].join('\n'),
  };
}

function email(client: SyntheticClient): Section {
  const m365 = client.tags.includes('microsoft-365');
  return {
    slug: 'email-microsoft-365',
    title: 'Email & Microsoft 365',
    order: 65,
    description: 'Mail, the tenant, and public DNS records',
    body: [
      table(
        ['Item', 'Value'],
        [
          ['Mail service', m365 ? 'Exchange Online' : 'Hosted mail at the registrar'],
          ['Tenant', m365 ? `${client.slug}.onmicrosoft.example` : 'none'],
          ['MFA', m365 ? 'Required for every account (authenticator app)' : 'Registrar default'],
          ['Public DNS', 'At the registrar, changed only by us'],
        ],
      ),
      '',
      '## Public DNS records',
      '',
      codeBlock('text', [
        `${client.domain}.          MX     0 ${client.slug}.mail.protection.outlook.com.`,
        `${client.domain}.          TXT    "v=spf1 include:spf.protection.outlook.com -all"`,
        `_dmarc.${client.domain}.   TXT    "v=DMARC1; p=quarantine; rua=mailto:dmarc@${client.domain}"`,
        `autodiscover.${client.domain}. CNAME autodiscover.outlook.com.`,
      ]),
      '',
      '## Shared mailboxes',
      '',
      `- \`office@${client.domain}\`: the front desk.`,
      `- \`billing@${client.domain}\`: invoices and statements.`,
    ].join('\n'),
  };
}

function adminAccess(client: SyntheticClient, context: BinderContext): Section {
  const systems = [
    [
      'Domain / tenant admin',
      entry(client, 'Global admin (break-glass)'),
      'Two-person rule; sealed copy in the office safe',
    ],
    [`${client.code}-FW01`, entry(client, 'Firewall admin'), 'Local admin only; MFA on the cloud portal'],
    ['Backup console', entry(client, 'Backup console'), ''],
    ['ISP portal', entry(client, `${client.isp} portal`), `Circuit ${client.circuitId}`],
    ...devicesOf(client, 'server', 'nas').map((device) => [
      device.host,
      entry(client, `${device.host} local admin`),
      'LAPS-managed where possible',
    ]),
  ];
  return {
    slug: 'admin-access',
    title: 'Admin access & escalation',
    order: 80,
    visibility: 'internal',
    description: 'Where the keys are (staff only)',
    body: [
      'Staff only. Every credential is in the password manager; this page says which entry.',
      '',
      table(['System', 'Password manager entry', 'Notes'], systems),
      '',
      '## Escalation',
      '',
      `1. Helpdesk (${client.helpdesk}) triages within 15 minutes.`,
      `2. Onsite technician (${client.onsiteTech}) for anything needing hands.`,
      `3. ${context.mspName} service manager for outages longer than 2 hours.`,
    ].join('\n'),
  };
}

/**
 * The client's binder: about twelve sections (one or two of them internal), each with tables,
 * headings and lists, most with a code block. Credentials appear only as password manager
 * entries; host names carry the client's code and live under its own `<slug>.example` domain.
 */
export function generateBinder(client: SyntheticClient, context: BinderContext): GeneratedFile[] {
  const random = createRandom(context.seed, 'binder', client.slug);
  const sections: Section[] = [
    overview(client, context, random),
    contacts(client, context, random),
    networkIsp(client),
    lanServices(client, random),
    firewall(client, random),
    wireless(client, random),
    serversWorkstations(client, random),
    backups(client, context, random),
    power(client, context, random),
    ...(random.chance(0.5) ? [printers(client)] : []),
    software(client, context, random),
    email(client),
    adminAccess(client, context),
  ];
  const lastMonth = client.lastMonth ?? context.endMonth;
  return sections.map((section) => {
    let reviewMonth = addMonths(lastMonth, -random.int(0, 5));
    // Not reviewed before the MSP took the client on.
    if (reviewMonth < client.since.slice(0, 7)) reviewMonth = client.since.slice(0, 7);
    const reviewed = weekdayInMonth(random, reviewMonth);
    return {
      path: contentPaths.binderSection(client.slug, section.slug),
      text: withFrontmatter(
        {
          title: section.title,
          order: section.order,
          visibility: section.visibility ?? 'client',
          reviewed,
          owner: client.onsiteTech,
          description: section.description,
          ...(section.renewals?.length ? { renewals: section.renewals } : {}),
        },
        section.body,
      ),
    };
  });
}
