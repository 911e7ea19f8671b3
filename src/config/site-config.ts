import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
}

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
  return {
    root,
    msp: result.value,
    ...(client ? { client } : {}),
    outDir: env.BINDER_OUT_DIR ?? 'dist',
    cacheDir: path.join('.cache', 'astro', variant),
    now: env.BINDER_NOW ? new Date(env.BINDER_NOW) : new Date(),
  };
}
