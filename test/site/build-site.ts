import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/example-repo.ts';

const exec = promisify(execFile);

/** The fixed "now" every test build uses, so the status grid does not depend on the day CI runs. */
export const BUILD_NOW = '2026-11-24T12:00:00Z';

/**
 * The environment for a real build. vitest sets NODE_ENV=test, MODE=test, VITEST and friends, which make
 * Astro build as in development (search then renders "only available in production builds").
 */
export function productionEnv(): NodeJS.ProcessEnv {
  // A clean environment, as a shell would give: nothing of vitest's may reach the build.
  const keep = [
    'PATH',
    'HOME',
    'TMPDIR',
    'LANG',
    'USER',
    'SHELL',
    'TERM',
    'CI',
    'NODE_EXTRA_CA_CERTS',
    'SystemRoot',
  ];
  const env = Object.fromEntries(
    keep.flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key]]])),
  );
  return { ...env, NODE_ENV: 'production' };
}

/** Builds the site (internal, or one client's) into test/.tmp/site-<variant><label>; returns the dist dir and output. */
export async function buildSite(client?: string, label = ''): Promise<{ dist: string; stdout: string }> {
  const dist = path.join(REPO_ROOT, 'test/.tmp', `site-${client ?? 'internal'}${label}`);
  await rm(dist, { recursive: true, force: true });
  const { stdout } = await exec(process.execPath, [path.join(REPO_ROOT, 'scripts/build-site.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...productionEnv(),
      BINDER_NOW: BUILD_NOW,
      BINDER_OUT_DIR: dist,
      ...(client ? { BINDER_CLIENT: client } : { BINDER_CLIENT: '' }),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { dist, stdout };
}

/** Every built page (index.html files), as routes. */
export async function builtRoutes(dist: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map((entry) =>
      `/${path.relative(dist, entry.parentPath).split(path.sep).join('/')}/`.replace(/\/+/g, '/'),
    )
    .sort();
}
