import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readInternalPages } from '../content/internal-pages.ts';
import { contentPaths } from '../core/content-paths.ts';
import { parseClientProfileFile, parseMspSettingsFile } from '../core/content-set.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import { type MspSettings, portalUrl, SlugSchema } from '../schemas/index.ts';
import { readEnvironment } from './environment.ts';

/** What a site build is: the internal (staff) site, or one client's site. */
export interface SiteConfig {
  /** Repository root. */
  root: string;
  /** The MSP's settings. */
  msp: MspSettings;
  /** Set for a client build: only this client's client-visible pages. */
  client?: string;
  /**
   * Where this site is published, for canonical links, `og:url`, the sitemap and the calendar
   * feeds: msp.yaml's `siteUrl` for the staff site; for a client's, its portal
   * (`https://<portal.host>/`), else none. A client's site never names the staff site.
   */
  siteUrl?: string;
  /** The site's title: the MSP's name on the staff site, the client's (from its profile) on a client's. */
  title: SiteTitle;
  /** Where the site is published: the output directory (`dist`, or BINDER_OUT_DIR). */
  outDir: string;
  /** The variant: `internal` (the staff site) or `client-<slug>`. */
  variant: string;
  /**
   * This variant's build cache (Astro's cache directory, our build state): one folder per variant
   * and rendering key (`.cache/site/<variant>-<key>`), so no build can reuse another's content
   * store or pages, and a change of code starts cold.
   */
  cacheDir: string;
  /**
   * This variant's kept output, `<cacheDir>/dist`: Astro builds into it, a warm build rewrites
   * only what changed, and `npm run build` publishes it to `outDir` (src/site/site-build.ts).
   */
  keptDir: string;
  /** The moment treated as now (grid, overdue items). */
  now: Date;
  /** The calendar feeds' path segment under `/calendar/`: '' or a key derived from BINDER_FEED_SECRET. */
  feedKey: string;
}

/** A site's title in two parts: the name, then what the site is (dropped on a phone's header). */
export interface SiteTitle {
  /** The name: the MSP's on the staff site, the client's on a client site. */
  name: string;
  /** What the site is: `staff`, or whose binder it is. */
  suffix: string;
  /** Both, as Starlight's `title` and every page's `<title>` give it. */
  text: string;
}

/** The title of the staff site (no client) or of one client's site. */
export function siteTitle(msp: Pick<MspSettings, 'name'>, clientName?: string): SiteTitle {
  const [name, suffix] =
    clientName === undefined ? [msp.name, 'staff'] : [clientName, `binder by ${msp.name}`];
  return { name, suffix, text: `${name} · ${suffix}` };
}

/**
 * Where a site is published: the staff site at msp.yaml's `siteUrl`; a client's (give its
 * profile) at its portal, `https://<portal.host>/`, or nowhere yet. Never the staff site's URL on
 * a client's site: its canonical links, sitemap and calendar would name the staff site.
 */
export function siteUrlOf(
  msp: Pick<MspSettings, 'siteUrl'>,
  client?: { portal?: { host: string } | undefined },
): string | undefined {
  if (!client) return msp.siteUrl;
  return client.portal ? portalUrl(client.portal) : undefined;
}

/**
 * What a variant's build cache and kept output depend on beyond the content: the code that
 * renders (every file of the product, its dependencies and configuration), and for a client's
 * site which of its pages are internal (links to them render as text). Astro caches rendered
 * Markdown by file content only, and a warm build reuses the pages whose `cacheKey` is unchanged
 * (src/site/cache-keys.ts): both are only true for the same code. So the cache folder is keyed on
 * it, and any change of code, lock file or configuration starts that variant cold instead of
 * serving pages rendered by other code.
 */
export function renderingKey(root: string, client: string | undefined): string {
  const hash = createHash('sha256');
  for (const file of renderingInputs(root)) {
    const source = path.join(root, file);
    hash.update(`${file}\0`).update(existsSync(source) ? readFileSync(source) : '');
  }
  if (client) hash.update([...readInternalPages(root, client)].join('\n'));
  return hash.digest('hex').slice(0, 12);
}

/** Files at the repository root whose change changes what the site build produces. */
const ROOT_INPUTS = ['package-lock.json', 'package.json', 'astro.config.mjs', 'tsconfig.json'];

/** Folders of code (every file but tests) whose change changes what the site build produces. */
const CODE_DIRS = ['src', 'scripts', 'public'];

/** The repo-relative files the rendering key covers, sorted: the root's configuration and all code. */
export function renderingInputs(root: string): string[] {
  const files = [...ROOT_INPUTS];
  for (const dir of CODE_DIRS) {
    let names: string[];
    try {
      names = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) {
      const file = `${dir}/${name.split(path.sep).join('/')}`;
      if (/\.test(-support)?\.ts$/.test(file)) continue;
      if (statSync(path.join(root, file)).isFile()) files.push(file);
    }
  }
  return files.sort();
}

/** Whether a client's profile file is in the repository (whatever the folder's name). */
function profileExists(root: string, slug: string): boolean {
  return existsSync(path.join(root, contentPaths.clientProfile(slug)));
}

/**
 * Whether `slug` names a client of this repository: a valid slug (checked first, so text someone
 * typed never becomes a path) whose folder holds a profile. The site build and the leak check
 * refuse anything else, each in its own words.
 */
export function hasClientProfile(root: string, slug: string): boolean {
  return SlugSchema.safeParse(slug).success && profileExists(root, slug);
}

/** The client folders that hold a profile, sorted: the clients to suggest when a name is wrong. */
export function clientsWithProfile(root: string): string[] {
  const clientsDir = path.join(root, contentPaths.clientsDir);
  if (!existsSync(clientsDir)) return [];
  return readdirSync(clientsDir)
    .filter((slug) => profileExists(root, slug))
    .sort();
}

/** Where every variant's build cache and kept output live (repo-relative); the workflows cache it. */
export const SITE_CACHE_DIR = path.join('.cache', 'site');

/**
 * Reads the site build's settings from the environment and `content/msp.yaml`. An unknown
 * BINDER_CLIENT is an error naming the valid slugs, before Astro reads any content.
 */
export function readSiteConfig(root: string = process.cwd()): SiteConfig {
  const env = readEnvironment();
  const mspFile = path.join(root, contentPaths.mspSettings);
  if (!existsSync(mspFile))
    throw new UserError(
      `${contentPaths.mspSettings} is missing in ${root}: run the build from the repository root (where content/ is).`,
    );
  const { msp, diagnostics } = parseMspSettingsFile({
    path: contentPaths.mspSettings,
    text: readFileSync(mspFile, 'utf8'),
  });
  if (!msp) {
    throw new UserError(
      `${contentPaths.mspSettings} is invalid:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
    );
  }
  const client = env.BINDER_CLIENT;
  let clientName: string | undefined;
  let siteUrl = siteUrlOf(msp);
  if (client !== undefined) {
    if (!hasClientProfile(root, client)) {
      throw new UserError(
        `BINDER_CLIENT=${client} is not a client. Valid clients: ${clientsWithProfile(root).join(', ') || 'none'}.`,
      );
    }
    const file = contentPaths.clientProfile(client);
    const parsed = parseClientProfileFile({ path: file, text: readFileSync(path.join(root, file), 'utf8') });
    if (!parsed.profile) {
      throw new UserError(`${file} is invalid:\n${parsed.diagnostics.map(formatDiagnostic).join('\n')}`);
    }
    clientName = parsed.profile.name;
    siteUrl = siteUrlOf(msp, parsed.profile);
  }
  const variant = client ? `client-${client}` : 'internal';
  const pipeline = renderingKey(root, client);
  return {
    root,
    msp,
    ...(client ? { client } : {}),
    ...(siteUrl ? { siteUrl } : {}),
    title: siteTitle(msp, clientName),
    outDir: env.BINDER_OUT_DIR ?? 'dist',
    variant,
    cacheDir: path.join(SITE_CACHE_DIR, `${variant}-${pipeline}`),
    keptDir: path.join(SITE_CACHE_DIR, `${variant}-${pipeline}`, 'dist'),
    now: env.BINDER_NOW ? new Date(env.BINDER_NOW) : new Date(),
    // One secret, a different path per site: a client cannot guess the staff's feeds from its own.
    feedKey: env.BINDER_FEED_SECRET
      ? createHash('sha256').update(`${env.BINDER_FEED_SECRET}\n${variant}`).digest('hex').slice(0, 32)
      : '',
  };
}
