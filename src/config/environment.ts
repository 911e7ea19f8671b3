import { z } from 'zod';
import { UserError } from '../core/errors.ts';

/**
 * The one place that reads `process.env` (house style: environment read in one place), for the
 * CLI, the site build and the scripts alike. Values follow GitHub Actions' names so the same CLI
 * runs locally and in a workflow.
 */
export const EnvironmentSchema = z.object({
  /** Token for the GitHub API (the workflow's GITHUB_TOKEN or a GitHub App token). */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /** `owner/name` of the repository that gets the issues. */
  GITHUB_REPOSITORY: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be `owner/name`')
    .optional(),
  /** API root; tests point it at the local stand-in. */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** File that receives a Markdown job summary in Actions. */
  GITHUB_STEP_SUMMARY: z.string().min(1).optional(),
  /** `true` inside GitHub Actions: emit `::error` annotations. */
  GITHUB_ACTIONS: z.string().optional(),
  /** The login of whoever started the workflow run (Actions sets it); `new-note`'s default author. */
  GITHUB_ACTOR: z.string().optional(),
  /** Milliseconds between issue creations (octokit's throttler default is 3,000; tests set 0). */
  BINDER_CREATE_PACING_MS: z.coerce.number().int().min(0).optional(),
  /** Milliseconds per second of GitHub's and the RMM's `retry-after`, and of the RMM's retry back-off (1,000; tests shorten the waits). */
  BINDER_RETRY_AFTER_UNIT_MS: z.coerce.number().int().min(0).optional(),
  /** Tactical RMM's API root (e.g. `https://api.rmm.example`) for `evidence fetch --source tactical`. */
  TRMM_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) address of the Tactical RMM API' })
    .optional(),
  /** A Tactical RMM API key (Settings > Global Settings > API Keys), sent as `X-API-KEY`. */
  TRMM_API_KEY: z.string().min(1).optional(),
  /** Milliseconds before one GitHub or RMM request attempt counts as timed out (default 30,000). */
  BINDER_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).optional(),
  /** Seconds to wait on a GitHub or RMM retry-after before giving up on a run (caps very long waits). */
  BINDER_MAX_RETRY_WAIT_S: z.coerce.number().int().min(0).default(600),
  /** Build only this client's site (a client slug). */
  BINDER_CLIENT: z.string().optional(),
  /** Where the site is built (default `dist`). */
  BINDER_OUT_DIR: z.string().optional(),
  /**
   * A secret that puts each site's calendar feeds under an unguessable path
   * (`/calendar/<key>/visits.ics`): a calendar app cannot log in through Cloudflare Access, so a
   * feed is either public or behind a path only its subscribers know. Unset: `/calendar/visits.ics`.
   */
  BINDER_FEED_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)')
    .optional(),
  /** The moment the site treats as now (ISO 8601), for reproducible builds and tests. */
  BINDER_NOW: z.iso.datetime({ offset: true }).optional(),
  /** The Chromium (or Chrome) executable `binder print` and `binder report` drive (default /usr/bin/chromium). */
  BINDER_CHROMIUM: z.string().min(1).optional(),
  /**
   * `1` (or `true`): the site build starts cold, throwing away the previous build's cache and kept
   * output instead of rebuilding only what changed (as `npm run build -- --force`).
   */
  BINDER_COLD: z
    .enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' })
    .transform((value) => value === '1' || value === 'true')
    .optional(),
  /**
   * Set by `npm run build` for the `astro build` it runs (src/site/build-channel.ts): Astro then
   * waits, before it writes anything to the output, until the build has checked the kept output,
   * and tells the build what it renders over the IPC channel. Not for people to set.
   */
  BINDER_BUILD_CHANNEL: z.literal('1').optional(),
});

/** The typed environment. */
export type Environment = z.infer<typeof EnvironmentSchema>;

/**
 * Parses an environment map (defaults to `process.env`) into typed settings. A malformed value is
 * a UserError naming the variable and what it must be: one sentence, never a stack trace.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  // Actions passes unset inputs and secrets as empty strings: treat them as unset.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvironmentSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${JSON.stringify(present[name] ?? '')} ${issue.message}`;
      })
      .join('; ');
    throw new UserError(`invalid environment variable: ${problems}. Fix or unset it.`, {
      cause: result.error,
    });
  }
  return result.data;
}

/**
 * Shell bookkeeping that differs from one run of the same command to the next: `_` (the last
 * command the shell ran), `OLDPWD`, `SHLVL`.
 */
const VOLATILE = new Set(['_', 'OLDPWD', 'SHLVL']);

/**
 * Two native parts of Astro's process allocate with mimalloc: Rolldown (Vite's bundler) and
 * Astro's compiler. By default it backs its arenas with transparent huge pages and keeps what it
 * frees for a second or more: Astro's process went on holding ~400 MB it no longer used, from its
 * content sync and Vite bundle, through the whole render (at 100 clients: 1.33 GB during the
 * render, 1.58 GB at its peak; with these, 0.95 and 1.06 GB, in the same time; docs/performance.md).
 */
const ALLOCATOR: Readonly<Record<string, string>> = {
  MIMALLOC_ALLOW_THP: '0',
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
};

/**
 * The environment `astro build` runs in: this process's, less the variables that change from run
 * to run, with the allocator settings above where the user has not given their own. Astro inlines,
 * into every module that uses a bare `import.meta.env`, each environment variable whose name occurs
 * in the module's source, and `_` occurs in any: its value (the shell's last command) then changes
 * the module graph's hash, and a warm build renders every page again.
 */
export function astroEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...ALLOCATOR, ...Object.fromEntries(Object.entries(env).filter(([name]) => !VOLATILE.has(name))) };
}

/** Whether this process is an `astro build` that `npm run build` runs and talks to (BINDER_BUILD_CHANNEL). */
export const startedByBuild = (env: NodeJS.ProcessEnv = process.env): boolean =>
  readEnvironment(env).BINDER_BUILD_CHANNEL === '1';

/** What a child process (a site build) inherits: the basics a shell gives, never tokens or test settings. */
const CHILD_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'USER',
  'SHELL',
  'TERM',
  'CI',
  'NODE_EXTRA_CA_CERTS',
  'SystemRoot',
] as const;

/**
 * The environment for a site build the CLI starts (`binder print`, `binder report`): the basics
 * of this process's environment plus `extra`, with NODE_ENV=production. No token is passed on,
 * and nothing a test runner sets (NODE_ENV=test makes Astro build as in development).
 */
export function childProcessEnvironment(
  extra: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const kept = Object.fromEntries(
    CHILD_VARIABLES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name] as string]])),
  );
  return { ...kept, NODE_ENV: 'production', ...extra };
}
