import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readInternalPages } from '../content/internal-pages.ts';
import { contentPaths } from '../core/content-paths.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import { parseYamlWithPositions } from '../core/frontmatter.ts';
import { validateWithPositions } from '../core/schema-diagnostics.ts';
import { type MspSettings, MspSettingsSchema, SlugSchema } from '../schemas/index.ts';
import { readEnvironment } from './environment.ts';

/** What a site build is: the internal (staff) site, or one client's site. */
export interface SiteConfig {
  /** Repository root. */
  root: string;
  /** The MSP's settings. */
  msp: MspSettings;
  /** Set for a client build: only this client's client-visible pages. */
  client?: string;
  /** Output directory. */
  outDir: string;
  /** Astro's cache directory: one per variant, so no build can reuse another's content store. */
  cacheDir: string;
  /** The moment treated as now (grid, overdue items). */
  now: Date;
  /** The calendar feeds' path segment under `/calendar/`: '' or a key derived from BINDER_FEED_SECRET. */
  feedKey: string;
}

/**
 * What Astro's cache of rendered Markdown depends on beyond each file's own content: the
 * rendering code and dependencies, and for a client's site which of its pages are internal
 * (links to them render as text). Astro keys rendered entries by file content only, so the cache
 * folder is keyed on the rest: a change starts that variant cold instead of serving stale HTML.
 */
function renderingKey(root: string, client: string | undefined): string {
  const hash = createHash('sha256');
  for (const file of RENDERING_INPUTS) {
    const source = path.join(root, file);
    hash.update(file).update(existsSync(source) ? readFileSync(source) : '');
  }
  if (client) hash.update([...readInternalPages(root, client)].join('\n'));
  return hash.digest('hex').slice(0, 12);
}

/** Files whose change changes how content renders. */
const RENDERING_INPUTS = [
  'package-lock.json',
  'astro.config.mjs',
  'src/content.config.ts',
  'src/site/markdown-plugins.ts',
  'src/core/site-links.ts',
  'src/core/content-paths.ts',
];

/**
 * Reads the site build's settings from the environment and `content/msp.yaml`. An unknown
 * BINDER_CLIENT is an error naming the valid slugs, before Astro reads any content.
 */
export function readSiteConfig(root: string = process.cwd()): SiteConfig {
  const env = readEnvironment();
  const mspFile = path.join(root, contentPaths.mspSettings);
  const parsed = parseYamlWithPositions(contentPaths.mspSettings, readFileSync(mspFile, 'utf8'));
  const result = validateWithPositions(MspSettingsSchema, parsed.data, parsed.positionOf, 'msp.yaml');
  const problems = [...parsed.diagnostics, ...result.diagnostics];
  if (!result.value || problems.length) {
    throw new UserError(
      `${contentPaths.mspSettings} is invalid:\n${problems.map(formatDiagnostic).join('\n')}`,
    );
  }
  const client = env.BINDER_CLIENT;
  if (client !== undefined) {
    const clientsDir = path.join(root, contentPaths.clientsDir);
    const hasProfile = (slug: string) => existsSync(path.join(root, contentPaths.clientProfile(slug)));
    if (!SlugSchema.safeParse(client).success || !hasProfile(client)) {
      const valid = existsSync(clientsDir) ? readdirSync(clientsDir).filter(hasProfile) : [];
      throw new UserError(
        `BINDER_CLIENT=${client} is not a client. Valid clients: ${valid.sort().join(', ') || 'none'}.`,
      );
    }
  }
  const variant = client ? `client-${client}` : 'internal';
  const pipeline = renderingKey(root, client);
  return {
    root,
    msp: result.value,
    ...(client ? { client } : {}),
    outDir: env.BINDER_OUT_DIR ?? 'dist',
    cacheDir: path.join('.cache', 'astro', `${variant}-${pipeline}`),
    now: env.BINDER_NOW ? new Date(env.BINDER_NOW) : new Date(),
    // One secret, a different path per site: a client cannot guess the staff's feeds from its own.
    feedKey: env.BINDER_FEED_SECRET
      ? createHash('sha256').update(`${env.BINDER_FEED_SECRET}\n${variant}`).digest('hex').slice(0, 32)
      : '',
  };
}
