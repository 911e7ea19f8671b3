import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/example-repo.ts';
import { makeTempRepo, removeTempRepo } from './helpers/temp-repo.ts';

/**
 * Every entry point (scripts/*.ts, bench/generate-msp.ts) reports a mistake someone can fix as
 * one sentence and exit 1, as the CLI does (issue "One house": "a malformed environment variable
 * no longer prints a stack trace"). Each runs as a real process, as npm runs it.
 */

/** Runs `node <script> …args` in `cwd` with `env` added to a minimal environment. */
async function run(
  script: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [path.join(REPO_ROOT, script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => failure,
  );
}

/** One line, starting `error: `, with no stack frames. */
function expectOneSentence(stderr: string, text: string | RegExp): void {
  expect(stderr).not.toMatch(/\n\s+at |internal error|^\s*\^/m);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(typeof text === 'string' ? `error: ${text}` : text);
}

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(path.join(os.tmpdir(), 'binder-entry-'));
});
afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
});

describe('entry points', () => {
  it('binder: GITHUB_REPOSITORY=nope is one sentence, exit 1', async () => {
    const result = await run('scripts/binder.ts', ['check'], { env: { GITHUB_REPOSITORY: 'nope' } });
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr, 'invalid environment variable: GITHUB_REPOSITORY="nope" must be');
  });

  it('build-site: BINDER_FEED_SECRET=short is one sentence, exit 1, before Astro starts', async () => {
    const result = await run('scripts/build-site.ts', [], { env: { BINDER_FEED_SECRET: 'short' } });
    expect(result.code).toBe(1);
    expectOneSentence(
      result.stderr,
      'invalid environment variable: BINDER_FEED_SECRET="short" must be at least 16 characters (e.g. `openssl rand -hex 24`). Fix or unset it.',
    );
    expect(result.stdout).toBe('');
  });

  it('build-site: outside a binder repository it says where to run it', async () => {
    const result = await run('scripts/build-site.ts', [], { cwd: empty });
    expect(result.code).toBe(1);
    expectOneSentence(
      result.stderr,
      /^error: content\/msp\.yaml is missing in .*: run the build from the repository root/,
    );
  });

  it('leak-check: a client that does not exist, or a site not built, is one sentence, exit 1', async () => {
    // Its own repository (client `acme`), whatever content/ holds.
    const repo = await makeTempRepo();
    try {
      const nobody = await run('scripts/leak-check.ts', ['dist', 'nobody'], { cwd: repo });
      expect(nobody.code).toBe(1);
      expectOneSentence(nobody.stderr, /^error: `nobody` is not a client; clients are: acme\.$/);
      const unbuilt = await run('scripts/leak-check.ts', [path.join(empty, 'dist-client'), 'acme'], {
        cwd: repo,
      });
      expect(unbuilt.code).toBe(1);
      expectOneSentence(
        unbuilt.stderr,
        /^error: there is no built site at .*dist-client: build it first \(BINDER_CLIENT=acme BINDER_OUT_DIR=.* npm run build\)\.$/,
      );
    } finally {
      await removeTempRepo(repo);
    }
    const usage = await run('scripts/leak-check.ts', []);
    expect(usage.code).toBe(1);
    expectOneSentence(
      usage.stderr,
      'give the built site and the client: npm run leak-check -- <distDir> <client>.',
    );
  });

  it('extract-github-openapi and bench/generate-msp: a missing file or argument is one sentence, exit 1', async () => {
    const spec = await run('scripts/extract-github-openapi.ts', [path.join(empty, 'nope.json')]);
    expect(spec.code).toBe(1);
    expectOneSentence(spec.stderr, /^error: cannot read .*nope\.json \(ENOENT\)/);
    const generate = await run('bench/generate-msp.ts', []);
    expect(generate.code).toBe(1);
    expectOneSentence(generate.stderr, 'give exactly one output directory (see --help).');
    const count = await run('bench/generate-msp.ts', [path.join(empty, 'msp'), '--clients', 'ten']);
    expect(count.code).toBe(1);
    expectOneSentence(count.stderr, '--clients must be a whole number; got `ten`.');
  });
});
