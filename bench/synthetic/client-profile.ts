import { contentPaths } from '../../src/core/content-paths.ts';
import type { ClientProfile } from '../../src/schemas/index.ts';
import type { GeneratedFile } from './binder-sections.ts';
import type { SyntheticClient } from './client-model.ts';
import { withFrontmatter } from './markdown.ts';

/**
 * The client's profile as `binder` reads it, as of a month: `move` overrides proven after that
 * month are left out, so earlier checklists keep the template's tier (the seed practice: an item
 * leaves the remote list only once its RMM alert is proven). Without a month: today's profile.
 */
export function clientProfileAt(client: SyntheticClient, month?: string): ClientProfile {
  return {
    name: client.name,
    status: client.status,
    timezone: client.timezone,
    since: client.since,
    tags: [...client.tags],
    templates: ['monthly'],
    visit: client.visit,
    assignees: client.assignees,
    contacts: client.contacts,
    overrides: {
      skip: client.overrides.skip,
      move: client.overrides.move
        .filter((move) => month === undefined || move.fromMonth <= month)
        .map(({ id, tier, reason }) => ({ id, tier, reason })),
      add: client.overrides.add,
    },
    owner: client.onsiteTech,
  };
}

/** `content/clients/<slug>/index.md`: the profile's frontmatter and a short overview. */
export function renderClientProfile(client: SyntheticClient, mspName: string): GeneratedFile {
  const profile = clientProfileAt(client);
  const server = client.devices.find((device) => device.kind === 'server');
  const nas = client.devices.find((device) => device.kind === 'nas');
  const where = server
    ? `Files and the line-of-business database live on **${server.host}**${nas ? `, with backups on **${nas.host}**` : ''}.`
    : 'There is no server: files and email are in Microsoft 365.';
  const statusLine =
    client.status === 'paused'
      ? `\n\nMaintenance is paused since ${client.lastMonth ?? 'recently'} at the client's request; the binder stays current.`
      : client.status === 'offboarded'
        ? `\n\nThe client left ${mspName} after ${client.lastMonth ?? 'the contract ended'}; the binder is kept for the handover.`
        : '';
  const body = `${client.name} is ${client.business.description} with ${client.staff} staff. ${where}${statusLine}

See [Backups](./binder/backups.md) for the backup rotation and [Network & ISP](./binder/network-isp.md)
for the circuits.`;
  return {
    path: contentPaths.clientProfile(client.slug),
    text: withFrontmatter(
      {
        name: profile.name,
        status: profile.status,
        timezone: profile.timezone,
        since: profile.since,
        tags: profile.tags,
        templates: profile.templates,
        visit: profile.visit,
        assignees: profile.assignees,
        // Defaults (`primary: false`) left out, as a person would write the profile.
        contacts: profile.contacts.map((contact) => ({
          ...contact,
          primary: contact.primary || undefined,
          authorized: contact.authorized || undefined,
        })),
        overrides: {
          skip: profile.overrides.skip,
          move: profile.overrides.move,
          add: profile.overrides.add,
        },
        owner: profile.owner,
      },
      body,
    ),
  };
}
