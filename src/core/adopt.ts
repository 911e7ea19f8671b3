import { Document, isScalar, visit } from 'yaml';
import type { MspSettings } from '../schemas/index.ts';
import { editMarkdown } from './frontmatter.ts';

/**
 * What the bundled example MSP is made of, so `init` can tell it from an MSP's own content and
 * remove what it leaves behind. Change it together with the example under `content/`.
 */
export const EXAMPLE_MSP = {
  /** `repo` in the example's `content/msp.yaml`. */
  repo: 'tidewater-it/binders',
  /** The example's clients (folders under `content/clients/` and `content/checklists/`). */
  clients: ['cedar-ledger', 'harbor-dental', 'whitfield-law'],
  /** The example MSP's name as its files write it, longest first. */
  names: ['Tidewater IT Services', 'Tidewater IT'],
  /** The GitHub organisation of the example's CODEOWNERS teams. */
  githubOwner: 'tidewater-it',
  /** The example's own domain: its wiki's SOP links end up in every issue. */
  domain: 'tidewater-it.example',
} as const;

/**
 * `siteUrl` until the MSP says where its staff site lives: `.invalid` never resolves (RFC 2606),
 * so a link built from it is visibly a placeholder rather than someone else's site.
 */
export const PLACEHOLDER_SITE_URL = 'https://staff-site.invalid';

/** Whether a siteUrl is still init's placeholder (any path or trailing slash on its host). */
export function isPlaceholderSiteUrl(siteUrl: string): boolean {
  return URL.canParse(siteUrl) && new URL(siteUrl).host === new URL(PLACEHOLDER_SITE_URL).host;
}

/** What is in the repository before `init`: the folders of clients and archives, and msp.yaml's repo. */
export interface ExistingContent {
  /** `repo` of the current `content/msp.yaml`, when it has one. */
  mspRepo?: string;
  /** Folders under `content/clients/`. */
  clientFolders: readonly string[];
  /** Folders under `content/checklists/`. */
  archiveFolders: readonly string[];
}

/**
 * Why `init` must not run over this content without `--force`, or undefined when it may: the
 * content is the untouched example (its msp.yaml and only its clients), or holds no clients
 * and no archives at all (an MSP that ran `init` before and added nothing).
 */
export function adoptionRefusal(existing: ExistingContent): string | undefined {
  const folders = [...new Set([...existing.clientFolders, ...existing.archiveFolders])].sort();
  if (folders.length === 0) return undefined;
  const isExample = existing.mspRepo === EXAMPLE_MSP.repo;
  const own = isExample
    ? folders.filter((folder) => !(EXAMPLE_MSP.clients as readonly string[]).includes(folder))
    : folders;
  if (own.length === 0) return undefined;
  const list = own.length > 5 ? `${own.slice(0, 5).join(', ')} and ${own.length - 5} more` : own.join(', ');
  return `content/ already holds ${own.length === 1 ? 'a client' : 'clients'} of your own (${list}): init would delete ${own.length === 1 ? 'it' : 'them'}, with every binder, note and archived checklist. Nothing was changed. To start over anyway, run init again with --force.`;
}

/** `content/msp.yaml` for a new MSP, written through the YAML library with a comment per field. */
export function renderMspSettings(settings: MspSettings): string {
  const document = new Document({
    name: settings.name,
    siteUrl: settings.siteUrl,
    repo: settings.repo,
    timezone: settings.timezone,
    assignees: settings.assignees,
    milestones: settings.milestones,
    paper: settings.paper,
  });
  document.commentBefore = " The MSP's own settings (see docs/content-format.md). Written by `binder init`.";
  const comments: Record<string, string> = {
    siteUrl: ' Where staff read the staff site; issue links point there (docs/publishing.md).',
    repo: ' The GitHub repository that holds this content and gets the checklist issues.',
    timezone: ' IANA time zone for due dates; a client profile may set its own.',
    assignees: ' Default GitHub logins per tier, e.g. `onsite: [jane-tech]`; a client may set its own.',
    milestones: " Group each month's issues under a milestone named YYYY-MM.",
    paper: ' Paper size of the printed binder and the monthly reports: letter or a4.',
  };
  visit(document, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const comment = comments[key];
      if (comment && isScalar(pair.key)) pair.key.commentBefore = comment;
      return visit.SKIP;
    },
  });
  return document.toString({ lineWidth: 0 });
}

/**
 * `Tidewater IT's` → `Northwind IT's` (a name ending in `s` takes a bare apostrophe); `count`
 * says how many were replaced.
 */
function replaceExampleName(text: string, name: string): { text: string; count: number } {
  const names = EXAMPLE_MSP.names.map((entry) => entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  let count = 0;
  const replaced = text.replace(new RegExp(`(?:${names})('s)?`, 'g'), (_whole, possessive?: string) => {
    count += 1;
    return possessive ? `${name}${name.endsWith('s') ? "'" : "'s"}` : name;
  });
  return { text: replaced, count };
}

const EXAMPLE_SOP_LINE = new RegExp(
  `^[ \\t]+SOP:[ \\t]*https?://(?:[a-z0-9-]+\\.)*${EXAMPLE_MSP.domain.replace(/\./g, '\\.')}(?:[/?#]\\S*)?[ \\t]*$`,
  'i',
);

/**
 * A checklist template or binder scaffold with the example MSP's leftovers removed: its name (in
 * the frontmatter, edited through the YAML library, and in the text) becomes `mspName`, and help
 * lines `SOP: https://wiki.tidewater-it.example/…` are dropped (the items stay). Counts what changed.
 */
export function resetTemplateLeftovers(
  text: string,
  mspName: string,
): { text: string; names: number; sopLinks: number } {
  let names = 0;
  let sopLinks = 0;
  const renameIn = (value: string) => {
    const replaced = replaceExampleName(value, mspName);
    names += replaced.count;
    return replaced.text;
  };
  const body = (source: string) =>
    source
      .split('\n')
      .filter((line) => {
        const drop = EXAMPLE_SOP_LINE.test(line.replace(/\r$/, ''));
        if (drop) sopLinks += 1;
        return !drop;
      })
      .map(renameIn)
      .join('\n');
  const edited =
    editMarkdown(text, {
      frontmatter: (document) =>
        visit(document, {
          Scalar(_key, node) {
            if (typeof node.value === 'string') node.value = renameIn(node.value);
          },
        }),
      body,
    }) ?? body(text);
  return { text: edited, names, sopLinks };
}

/**
 * `.github/CODEOWNERS` without the example's teams: each rule naming `@tidewater-it/…` is kept
 * with the new owner's name but commented out (GitHub ignores owners it does not know, and the
 * teams must be created first), under a line saying so. Returns the rules changed.
 */
export function resetCodeowners(text: string, owner: string): { text: string; rules: number } {
  const team = new RegExp(`@${EXAMPLE_MSP.githubOwner}/`, 'g');
  let rules = 0;
  const lines = text.split('\n').map((line) => {
    if (line.trimStart().startsWith('#') || !team.test(line)) return line;
    team.lastIndex = 0;
    rules += 1;
    return `# ${line.replace(team, `@${owner}/`)}`;
  });
  if (rules === 0) return { text, rules };
  const note = `# Commented out by \`binder init\`: create these teams in @${owner} (or name people, @login), then remove the \`# \`.`;
  const firstRule = lines.findIndex((line) => line.startsWith('# /') || line.startsWith('# *'));
  lines.splice(Math.max(firstRule, 0), 0, note);
  return { text: lines.join('\n'), rules };
}
