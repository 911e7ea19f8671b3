import { readContent } from '../../content/read-content.ts';
import { contentPaths } from '../../core/content-paths.ts';
import { pluralise } from '../../core/text.ts';
import { portalProject, portalUrl } from '../../schemas/index.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

/** One active client as `clients --json` lists it (the client-sites workflow's matrix). */
export interface ClientListing {
  /** Client slug (its folder). */
  slug: string;
  /** The client's name. */
  name: string;
  /** Where its site is published, from the profile's `portal`; null when it is not deployed. */
  portal: { host: string; url: string; project: string } | null;
}

/** `binder clients`: the active clients and where each one's site is published. */
export const clientsCommand: Command = {
  summary: "list the active clients and where each one's site is published",
  usage: [
    'Usage: npm run binder -- clients [--json]',
    '',
    'Lists every active client (status: active) with its name and its portal: the host its own',
    "site is published at and the Cloudflare Pages project it deploys to (the profile's `portal`).",
    'A client folder whose profile is invalid is named on stderr and the exit code is 1; the',
    'other clients are still listed.',
    '',
    'Options:',
    '  --json   print [{ slug, name, portal: { host, url, project } | null }]',
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('clients', args, { json: { type: 'boolean', default: false } });
    const content = await readContent(context.root);
    const listing: ClientListing[] = content.clients
      .filter((client) => client.data.status === 'active')
      .map((client) => ({
        slug: client.slug,
        name: client.data.name,
        portal: client.data.portal
          ? {
              host: client.data.portal.host,
              url: portalUrl(client.data.portal),
              project: portalProject(client.slug, client.data.portal),
            }
          : null,
      }));
    for (const slug of content.invalidClients)
      context.stderr(
        `${contentPaths.clientProfile(slug)}: the profile is invalid, so ${slug} is not listed; run \`npm run binder -- check\`.`,
      );
    if (values.json) context.stdout(JSON.stringify(listing, null, 2));
    else {
      const width = Math.max(0, ...listing.map((client) => client.slug.length));
      for (const client of listing)
        context.stdout(
          `${client.slug.padEnd(width)}  ${client.name}: ${client.portal ? `${client.portal.url} (Pages project ${client.portal.project})` : 'no portal (its site is built, not deployed)'}`,
        );
      context.stdout(
        `${pluralise(listing.length, 'active client')}, ${listing.filter((client) => client.portal).length} with a portal.`,
      );
    }
    return content.invalidClients.length ? 1 : 0;
  },
};
