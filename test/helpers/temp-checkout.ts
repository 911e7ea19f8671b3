import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { REPO_ROOT } from './example-repo.ts';

const exec = promisify(execFile);

/** What a checkout needs besides content: the product and its dependencies. */
const PRODUCT = ['src', 'scripts', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

/** The fixed "now" every test build uses, so the status grid does not depend on the day CI runs. */
export const BUILD_NOW = '2026-11-24T12:00:00Z';

/**
 * A throwaway msp-binder checkout in the temp dir: this repository's code with `files` as its
 * content (never the example MSP), node_modules hard-linked (Astro fails on a symlinked one), and
 * optionally a git repository with everything committed. Real `astro build`s run in it.
 */
export async function makeCheckout(
  files: Record<string, string>,
  options: { git?: boolean } = {},
): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'binder-checkout-'));
  for (const entry of PRODUCT)
    await cp(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  await exec('cp', ['-al', path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules')]);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  if (options.git) {
    await writeFile(path.join(root, '.gitignore'), 'node_modules/\ndist*/\n.cache/\n.astro/\n');
    await git(root, 'init', '-q', '-b', 'main');
    await git(root, 'config', 'user.email', 'test@example.com');
    await git(root, 'config', 'user.name', 'Test');
    await git(root, 'add', '-A');
    await git(root, 'commit', '-q', '-m', 'Fixture MSP');
  }
  return root;
}

/** Runs git in a checkout; resolves stdout. */
export async function git(root: string, ...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/**
 * The environment for a real build. vitest sets NODE_ENV=test, MODE=test, VITEST and friends,
 * which make Astro build as in development (search then renders "only available in production
 * builds"): a clean environment, as a shell would give.
 */
export function productionEnv(): NodeJS.ProcessEnv {
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

/**
 * Builds a checkout's site (staff, or one client's) into `<root>/<outDir>` with `npm run build`'s
 * script: warm from the checkout's build cache (`.cache/site`) when it holds this variant, cold
 * with `cold`. Returns the dist dir and output (stdout, stderr) as plain text: Astro colours its
 * log when `CI` is set (as on a CI runner), even into a pipe, and the tests read words, not colours.
 */
export async function buildCheckout(
  root: string,
  options: { client?: string; outDir?: string; now?: string; cold?: boolean } = {},
): Promise<{ dist: string; stdout: string; stderr: string }> {
  const outDir = options.outDir ?? `dist-${options.client ?? 'staff'}`;
  const dist = path.join(root, outDir);
  const { stdout, stderr } = await exec(
    process.execPath,
    ['--experimental-strip-types', 'scripts/build-site.ts'],
    {
      cwd: root,
      env: {
        ...productionEnv(),
        BINDER_NOW: options.now ?? BUILD_NOW,
        BINDER_OUT_DIR: outDir,
        BINDER_CLIENT: options.client ?? '',
        BINDER_COLD: options.cold ? '1' : '',
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { dist, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) };
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

/** Removes a checkout. */
export async function removeCheckout(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
