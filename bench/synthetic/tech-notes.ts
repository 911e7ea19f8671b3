import { contentPaths } from '../../src/core/content-paths.ts';
import { slugify } from '../../src/core/text.ts';
import type { GeneratedFile } from './binder-sections.ts';
import type { GeneratedArchive } from './checklist-history.ts';
import { type SyntheticClient, type SyntheticDevice, weekdayInMonth } from './client-model.ts';
import { codeBlock, withFrontmatter } from './markdown.ts';
import { createRandom, type Random } from './random.ts';

/** What tech-note generation needs. */
export interface NotesContext {
  /** The seed. */
  seed: string | number;
  /** The generated months, oldest first. */
  months: readonly string[];
}

interface Note {
  date: string;
  author: string;
  title: string;
  internal: boolean;
  tags: string[];
  body: string;
  issue?: number;
  checklistMonth?: string;
}

interface Topic {
  /** Only for clients that have this device kind. */
  needs?: SyntheticDevice['kind'];
  /** Chance the note is internal. */
  internal: number;
  /** Written by the helpdesk rather than the onsite technician. */
  remote: boolean;
  /** Writes the note from the client's facts and the device it is about. */
  make(facts: {
    client: SyntheticClient;
    random: Random;
    device: SyntheticDevice | undefined;
  }): Omit<Note, 'date' | 'author' | 'internal'>;
}

const TOPICS: readonly Topic[] = [
  {
    needs: 'ups',
    internal: 0.1,
    remote: false,
    make: ({ random, device: ups }) => ({
      title: `Replaced the UPS battery in ${ups?.host ?? 'the UPS'}`,
      tags: ['ups'],
      body: [
        `The management card reported the battery at ${random.int(55, 75)} % health, so the cartridge was replaced.`,
        '',
        `- Self-test after the swap: passed, runtime ${random.int(25, 60)} minutes at ${random.int(20, 45)} % load.`,
        '- The old battery went to the recycler; the install date is updated in [Power & UPS](../binder/power-ups.md).',
      ].join('\n'),
    }),
  },
  {
    internal: 0.2,
    remote: true,
    make: ({ client, random }) => {
      const minutes = random.int(12, 240);
      return {
        title: `Internet outage: ${client.isp} circuit down ${minutes} minutes`,
        tags: ['isp', 'outage'],
        body: [
          `The primary circuit (${client.circuitId}) dropped at ${String(random.int(8, 16)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')} local time.`,
          client.failoverIsp
            ? `Traffic failed over to ${client.failoverIsp} within a minute; staff noticed slower video calls only.`
            : 'There is no failover circuit; staff worked offline until it came back.',
          '',
          `- ISP ticket opened; cause given as ${random.pick(['a fibre cut in the street', 'maintenance that overran', 'a failed line card at the exchange'])}.`,
          '- Monitoring confirmed the circuit stable for 24 hours afterwards.',
        ].join('\n'),
      };
    },
  },
  {
    needs: 'workstation',
    internal: 0,
    remote: false,
    make: ({ random, device: pc }) => ({
      title: `Replaced ${pc?.host ?? 'a workstation'} with a new ${pc?.model.split(',')[0] ?? 'PC'}`,
      tags: ['workstation'],
      body: [
        `The old ${pc?.host ?? 'PC'} had a failing ${random.pick(['disk', 'power supply', 'motherboard'])}. The new one was imaged, enrolled in the RMM and EDR, and user data moved over.`,
        '',
        '1. Profile and mapped drives copied.',
        '2. Printers re-added; test page printed.',
        '3. Old disk wiped and the unit sent for recycling.',
      ].join('\n'),
    }),
  },
  {
    needs: 'printer',
    internal: 0,
    remote: true,
    make: ({ random, device: printer }) => ({
      title: `Updated the driver for ${printer?.host ?? 'the printer'}`,
      tags: ['printer'],
      body: [
        `Staff reported ${random.pick(['jobs stuck in the queue', 'garbled PDFs', 'scans not arriving'])} on ${printer?.host ?? 'the printer'} (${printer?.model ?? ''}).`,
        'The vendor driver was updated on all workstations through the RMM.',
        '',
        codeBlock('text', [
          `Printer      ${printer?.host ?? ''}`,
          `Address      ${printer?.address ?? ''}`,
          'Driver       universal PCL6, latest release',
          'Result       test pages OK from three desks',
        ]),
      ].join('\n'),
    }),
  },
  {
    internal: 0.6,
    remote: true,
    make: ({ random }) => ({
      title: 'Phishing email reported by staff',
      tags: ['security', 'email'],
      body: [
        `A staff member forwarded a message impersonating ${random.pick(['a courier', 'the bank', 'a software vendor', 'a client'])}. Nobody entered credentials.`,
        '',
        '- The message was purged from every mailbox with a compliance search.',
        '- The sender domain is blocked in the mail filter.',
        '- A reminder about checking links went to all staff.',
      ].join('\n'),
    }),
  },
  {
    needs: 'firewall',
    internal: 0.8,
    remote: true,
    make: ({ random, device }) => {
      const version = `7.${random.int(0, 4)}.${random.int(1, 15)}`;
      return {
        title: `Firewall firmware updated to ${version}`,
        tags: ['firewall'],
        body: [
          `${device?.host ?? 'The firewall'} (${device?.model ?? ''}) updated in the maintenance window. Configuration backed up before and after.`,
          '',
          codeBlock('text', [
            `before   7.${random.int(0, 2)}.${random.int(1, 9)}`,
            `after    ${version}`,
            'reboot   4 min',
            'VPN      tested from outside, OK',
          ]),
        ].join('\n'),
      };
    },
  },
  {
    needs: 'server',
    internal: 0.3,
    remote: true,
    make: ({ random, device: server }) => ({
      title: `Backup failures on ${server?.host ?? 'the server'} fixed`,
      tags: ['backup'],
      body: [
        `Two nights of failed image backups: ${random.pick(['the VSS writer for the database was stuck', 'the backup target was full', 'an expired service account certificate'])}.`,
        'Fixed, and a manual job ran clean. See [Backups](../binder/backups.md).',
        '',
        codeBlock('powershell', [
          'vssadmin list writers | Select-String -Pattern "State"',
          'Get-Service -Name *backup* | Format-Table Name, Status',
        ]),
      ].join('\n'),
    }),
  },
  {
    internal: 0.1,
    remote: true,
    make: ({ random }) => ({
      title: 'New staff member set up',
      tags: ['onboarding'],
      body: [
        `A new ${random.pick(['front desk', 'billing', 'junior', 'part-time'])} starter joined. Account, mailbox, MFA and laptop ready on day one.`,
        '',
        '- Added to the staff groups and the shared mailbox.',
        '- Line-of-business application access requested from the vendor.',
      ].join('\n'),
    }),
  },
  {
    internal: 0.5,
    remote: true,
    make: () => ({
      title: 'Account disabled for a departing employee',
      tags: ['offboarding', 'security'],
      body: [
        'The office manager asked to close the account of a leaver at end of day.',
        '',
        '- Sign-in blocked, sessions revoked, mailbox converted to shared.',
        '- Laptop collected and wiped; licence freed.',
      ].join('\n'),
    }),
  },
  {
    internal: 0,
    remote: true,
    make: ({ client, random }) => {
      const [down = '100', up = '20'] = client.speed.split(' ')[0]?.split('/') ?? [];
      return {
        title: 'Speed test results after the ISP complaint',
        tags: ['isp'],
        body: [
          'Staff found video calls choppy in the afternoons. Tests from the office over a week:',
          '',
          codeBlock('text', [
            `contract    ${down}/${up} Mbps`,
            `morning     ${Math.round(Number(down) * 0.95)}/${Math.round(Number(up) * 0.9)} Mbps, ${random.int(6, 12)} ms`,
            `afternoon   ${Math.round(Number(down) * 0.6)}/${Math.round(Number(up) * 0.7)} Mbps, ${random.int(20, 60)} ms`,
          ]),
          '',
          'Afternoon results are under 70 % of contract; the ISP has been asked to investigate.',
        ].join('\n'),
      };
    },
  },
  {
    needs: 'ap',
    internal: 0,
    remote: false,
    make: ({ random, device: ap }) => ({
      title: `Replaced access point ${ap?.host ?? ''}`.trim(),
      tags: ['wifi'],
      body: [
        `${ap?.host ?? 'The access point'} stopped answering and would not power on from the switch. Replaced with a spare of the same model and adopted into the controller.`,
        '',
        `- Coverage checked in ${random.pick(['the back office', 'the conference room', 'reception'])}: good.`,
        '- Faulty unit returned under warranty.',
      ].join('\n'),
    }),
  },
  {
    needs: 'nas',
    internal: 0.2,
    remote: false,
    make: ({ random, device: nas }) => ({
      title: `Replaced a failing disk in ${nas?.host ?? 'the NAS'}`,
      tags: ['nas', 'backup'],
      body: [
        `Disk ${random.int(1, 4)} reported reallocated sectors. Hot-swapped with a spare; the array rebuilt overnight.`,
        '',
        codeBlock('text', [
          'Storage pool 1   Healthy',
          `Disk ${random.int(1, 4)}           new, SMART OK`,
          'Rebuild          9 h 40 min',
        ]),
      ].join('\n'),
    }),
  },
];

const VISIT_FINDINGS = [
  'Event logs quiet apart from the usual print spooler warnings.',
  'Server room warm ({temp} °C); asked the office to keep the door open until the AC is serviced.',
  'Primary contact reported no problems since the last visit.',
  'Two workstations were pending a restart for updates; restarted with the users.',
  'Cable tidy in the network cabinet; one patch lead relabelled.',
  'UPS self-test passed, load {load} %.',
] as const;

/**
 * Note file names are cut at 60 characters, not core's default 50: the longest title the word
 * lists make (an ISP outage, 58 characters as a slug) must keep its full name, as it always has.
 */
const NOTE_SLUG_LENGTH = 60;

function visitNote(client: SyntheticClient, archive: GeneratedArchive, random: Random): Note {
  const { checklist } = archive;
  const done = checklist.items.filter((item) => item.status === 'done');
  const notDone = checklist.items.filter((item) => item.status === 'not-done');
  const start = random.int(8, 13);
  const findings = random
    .sample(VISIT_FINDINGS, random.int(1, 3))
    .map((text) =>
      text.replace('{temp}', String(random.int(27, 31))).replace('{load}', String(random.int(20, 55))),
    );
  const restore = checklist.items.find((item) => item.id === 'test-restore' && item.status === 'done');
  return {
    date: checklist.dueDate ?? `${checklist.month}-15`,
    author: checklist.closedBy ?? client.onsiteTech,
    title: restore
      ? 'Monthly visit and quarterly restore test'
      : random.pick(['Monthly visit', 'Monthly onsite visit', 'Monthly maintenance visit']),
    internal: random.chance(0.1),
    tags: ['visit', ...(restore ? ['backup'] : [])],
    issue: checklist.issue,
    checklistMonth: checklist.month,
    body: [
      `Monthly onsite visit, ${String(start).padStart(2, '0')}:00-${String(start + random.int(2, 4)).padStart(2, '0')}:30. ${done.length} of ${checklist.items.length} checklist items done.`,
      '',
      ...findings.map((finding) => `- ${finding}`),
      ...notDone.map((item) =>
        `- Not done: ${item.text}. ${(item.note ?? '').replace(/^`[^`]+` not done: /, '')}`.trim(),
      ),
      ...(restore
        ? [
            '',
            `Restore test: ${random.int(40, 400)} files (${random.int(50, 900)} MB) restored to an alternate folder in ${random.int(3, 15)} minutes; files open.`,
          ]
        : []),
    ].join('\n'),
  };
}

/**
 * Tech notes for a client: a visit note for about half of the onsite checklists (linked to the
 * issue), plus other work a few times a quarter: outages, replacements, security events. About a
 * fifth are internal. File names are `YYYY-MM-DD-slug.md`, unique within the client.
 */
export function generateTechNotes(
  client: SyntheticClient,
  archives: readonly GeneratedArchive[],
  context: NotesContext,
): GeneratedFile[] {
  const random = createRandom(context.seed, 'notes', client.slug);
  const onsite = new Map(
    archives
      .filter((archive) => archive.checklist.tier === 'onsite' && archive.checklist.state !== 'skipped')
      .map((archive) => [archive.checklist.month, archive]),
  );
  const notes: Note[] = [];
  const end = client.lastMonth ?? context.months.at(-1) ?? '';
  for (const month of context.months) {
    if (month < client.firstMonth || month > end) continue;
    const visit = onsite.get(month);
    if (visit && random.chance(0.55)) notes.push(visitNote(client, visit, random));
    const others = random.weighted([0, 1, 2], [5, 4, 1]);
    for (let count = 0; count < others; count++) {
      const topic = random.pick(TOPICS);
      const candidates = topic.needs ? client.devices.filter((device) => device.kind === topic.needs) : [];
      if (topic.needs && candidates.length === 0) continue;
      const device = candidates.length ? random.pick(candidates) : undefined;
      // Clients that joined during the history start the month after `since`, so any day is after it.
      const date = weekdayInMonth(random, month);
      notes.push({
        ...topic.make({ client, random, device }),
        date,
        author: topic.remote ? client.helpdesk : client.onsiteTech,
        internal: random.chance(topic.internal),
      });
    }
  }
  const used = new Set<string>();
  return notes.map((note) => {
    const base = slugify(note.title, NOTE_SLUG_LENGTH);
    let slug = base;
    for (let suffix = 2; used.has(`${note.date}-${slug}`); suffix++) slug = `${base}-${suffix}`;
    used.add(`${note.date}-${slug}`);
    return {
      path: contentPaths.techNote(client.slug, note.date, slug),
      text: withFrontmatter(
        {
          date: note.date,
          author: note.author,
          title: note.title,
          visibility: note.internal ? 'internal' : 'client',
          issue: note.issue,
          checklist: note.checklistMonth ? { month: note.checklistMonth, tier: 'onsite' } : undefined,
          tags: note.tags,
        },
        note.body,
      ),
    };
  });
}
