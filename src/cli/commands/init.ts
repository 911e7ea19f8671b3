import { adoptRepository } from '../../content/adopt-repository.ts';
import { PLACEHOLDER_SITE_URL } from '../../core/adopt.ts';
import { utcMonth } from '../../core/calendar.ts';
import { contentPaths } from '../../core/content-paths.ts';
import { UserError } from '../../core/errors.ts';
import { pluralise } from '../../core/text.ts';
import { parseCommandArgs, requireMspName, requireRepo, requireTimeZone, requireUrl } from '../args.ts';
import type { Command } from '../context.ts';

const EXAMPLE =
  'npm run binder -- init --name "Northwind IT" --repo northwind-it/binders --timezone Europe/London';

/** `binder init`: turn the bundled example into a blank MSP of one's own. */
export const initCommand: Command = {
  summary: "start your own MSP: write msp.yaml, remove the example's clients and leftovers",
  usage: [
    'Usage: npm run binder -- init --name "Your MSP" --repo owner/name --timezone Area/City',
    '                             [--site-url https://…] [--force]',
    '',
    'Turns the example MSP into a blank one of your own: writes content/msp.yaml (your name, the',
    'GitHub repository that gets the checklist issues, your IANA time zone, the staff site URL),',
    "removes the example's clients and archived checklists, removes the example's SOP links and name",
    'from the templates and its teams from .github/CODEOWNERS, then prints the next steps.',
    '',
    'Refuses when content/ already holds clients of your own, unless --force (which deletes them).',
    `Without --site-url, siteUrl is ${PLACEHOLDER_SITE_URL} until you set it.`,
    '',
    `Example: ${EXAMPLE}`,
  ].join('\n'),
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(
      'init',
      args,
      {
        name: { type: 'string' },
        repo: { type: 'string' },
        timezone: { type: 'string' },
        'site-url': { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      true,
    );
    if (positionals.length > 0) {
      throw new UserError(
        `init takes no positional arguments (got \`${positionals.join(' ')}\`): ${EXAMPLE}`,
      );
    }
    const missing = (['name', 'repo', 'timezone'] as const).filter((flag) => values[flag] === undefined);
    if (missing.length > 0) {
      throw new UserError(
        `give ${missing.map((flag) => `--${flag}`).join(', ')}: ${EXAMPLE} (run \`npm run binder -- init --help\` for more).`,
      );
    }
    const name = requireMspName(values.name ?? '');
    const repo = requireRepo(values.repo ?? '');
    const timezone = requireTimeZone(values.timezone ?? '');
    const siteUrl =
      values['site-url'] === undefined ? undefined : requireUrl(values['site-url'], '--site-url');

    const summary = await adoptRepository(context.root, {
      name,
      repo,
      timezone,
      siteUrl: siteUrl ?? PLACEHOLDER_SITE_URL,
      force: values.force ?? false,
    });
    const month = utcMonth(context.now);
    const clients = summary.removedClients;
    const out = context.stdout;
    out(
      `Set up msp-binder for ${summary.msp.name} (${summary.msp.repo}, due dates in ${summary.msp.timezone}):`,
    );
    out(`  wrote    ${contentPaths.mspSettings}`);
    out(
      `  removed  ${pluralise(clients.length, 'client')}${clients.length ? ` (${clients.join(', ')})` : ''} and ${pluralise(summary.removedArchives, 'archived checklist')}`,
    );
    if (summary.removedLogo) {
      out(
        `  removed  ${summary.removedLogo}, the example's logo (add yours as \`logo:\` in ${contentPaths.mspSettings} for the printed binder and reports)`,
      );
    }
    for (const reset of summary.reset) out(`  reset    ${reset.file}: ${reset.what}`);
    if (!siteUrl) {
      out(
        `  siteUrl  is a placeholder (${PLACEHOLDER_SITE_URL}): set it in ${contentPaths.mspSettings} to where staff will read the site (docs/publishing.md), or run init again with --site-url.`,
      );
    }
    out('');
    out('Next steps:');
    out('  1. Add your clients, one by one:');
    out('       npm run binder -- new-client harbor-dental --name "Harbor Dental"');
    out('     then fill in content/clients/harbor-dental/index.md (tags, visit, assignees, contacts)');
    out('     and its binder/ sections.');
    out('  2. Tune templates/checklists/monthly.md: your items, and `SOP:` links to your own procedures.');
    out(`     Default assignees per tier go in ${contentPaths.mspSettings}.`);
    out('  3. Check everything, until it is clean:  npm run binder -- check');
    out(`  4. See the issues a month would get:     npm run binder -- plan --month ${month}`);
    out('  5. Commit and push:');
    out(
      `       git add -A && git commit -m "Adopt msp-binder for ${summary.msp.name.replaceAll('"', "'")}" && npm run binder -- push`,
    );
    out(
      `  6. Switch the workflows on, in ${summary.msp.repo} on GitHub: the Actions tab (enable workflows if`,
    );
    out('     GitHub asks; they need no secret). They open the checklist issues on the 1st; try one now:');
    out('     Actions → Monthly checklists → Run workflow, with "Only show what would be created" ticked.');
    out(
      '     Before the site workflow publishes the staff site, read docs/publishing.md: Pages sites are public.',
    );
    return 0;
  },
};
