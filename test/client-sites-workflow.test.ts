import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/example-repo.ts';
import { PRINT_FIXTURE } from './helpers/print-fixture.ts';
import { makeCheckout, productionEnv, removeCheckout } from './helpers/temp-checkout.ts';

/**
 * client-sites.yml run locally, step by step, as a push with no Cloudflare secrets runs it: its
 * own `run:` scripts in bash, with the environment its `env:` blocks give (matrix values filled
 * in), GITHUB_OUTPUT as a file, and the artifact actions stood in for by a copy. Every client's
 * site is built, leak-checked and "uploaded", and each deploy leg skips with a notice.
 */
const exec = promisify(execFile);

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(
  await readFile(path.join(REPO_ROOT, '.github/workflows/client-sites.yml'), 'utf8'),
) as {
  jobs: Record<'list' | 'build' | 'deploy', Job>;
};

type Matrix = { slug: string; name: string; portal: { host: string; project: string } | null };

/** Fills in `${{ matrix.… }}`, `${{ github.sha }}` and `${{ secrets.… }}` (no secrets: empty). */
function expand(value: string, matrix: Matrix | undefined, secrets: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.sha') return '0123456789abcdef0123456789abcdef01234567';
    const name = /^secrets\.(\w+)$/.exec(expression)?.[1];
    if (name) return secrets[name] ?? '';
    if (/^secrets\.CLOUDFLARE_API_TOKEN != '' && secrets\.CLOUDFLARE_ACCOUNT_ID != ''$/.test(expression))
      return String(Boolean(secrets.CLOUDFLARE_API_TOKEN) && Boolean(secrets.CLOUDFLARE_ACCOUNT_ID));
    const keys = /^matrix\.([\w.]+)$/.exec(expression)?.[1]?.split('.');
    if (keys) {
      let current: unknown = matrix;
      for (const key of keys) current = (current as Record<string, unknown> | null | undefined)?.[key];
      return current == null ? '' : String(current);
    }
    throw new Error(`the test does not evaluate \${{ ${expression} }}`);
  });
}

/** Runs one `run:` step in bash (`-e`, as Actions does), returning its output and GITHUB_OUTPUT. */
async function runStep(
  cwd: string,
  job: Job,
  step: Step,
  matrix?: Matrix,
  secrets: Record<string, string> = {},
): Promise<{ code: number; output: string; outputs: Record<string, string> }> {
  const outputFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'gh-output-')), 'output');
  await writeFile(outputFile, '');
  const env = Object.fromEntries(
    Object.entries({ ...job.env, ...step.env }).map(([key, value]) => [
      key,
      expand(String(value), matrix, secrets),
    ]),
  );
  const result = await exec('bash', ['-e', '-c', step.run ?? ''], {
    cwd,
    env: { ...productionEnv(), ...env, GITHUB_OUTPUT: outputFile, BINDER_NOW: '2026-11-24T12:00:00Z' },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: `${error.stdout}${error.stderr}`,
    }),
  );
  const outputs = Object.fromEntries(
    (await readFile(outputFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  await rm(path.dirname(outputFile), { recursive: true, force: true });
  return { ...result, outputs };
}

const runSteps = (job: Job) => job.steps.filter((step) => step.run && !/^npm ci\b/.test(step.run));

let root = '';
let artifacts = '';
let listed: Matrix[] = [];
const built = new Map<string, { code: number; output: string }[]>();

beforeAll(async () => {
  // Acme has a portal; Globex gets none, so both kinds of leg run.
  root = await makeCheckout(
    {
      ...PRINT_FIXTURE,
      'content/clients/globex-law/index.md': (
        PRINT_FIXTURE['content/clients/globex-law/index.md'] ?? ''
      ).replace(/^portal: .*\n/m, ''),
    },
    { git: true },
  );
  artifacts = path.join(root, 'artifacts');
  const list = workflow.jobs.list;
  const step = list.steps.find((candidate) => candidate.id === 'list');
  if (!step) throw new Error('no list step');
  const result = await runStep(root, list, step);
  expect(result.code).toBe(0);
  listed = JSON.parse(result.outputs.clients ?? '[]') as Matrix[];
  expect(result.outputs.count).toBe(String(listed.length));
  expect(result.outputs.status).toBe('0');
  for (const matrix of listed) {
    const results: { code: number; output: string }[] = [];
    for (const buildStep of runSteps(workflow.jobs.build)) {
      const outcome = await runStep(root, workflow.jobs.build, buildStep, matrix);
      results.push(outcome);
      if (outcome.code !== 0) break;
    }
    built.set(matrix.slug, results);
    // actions/upload-artifact, only reached when every step before it passed.
    const upload = workflow.jobs.build.steps.find((candidate) =>
      candidate.uses?.startsWith('actions/upload-artifact@'),
    );
    if (results.every((outcome) => outcome.code === 0))
      await cp(
        path.join(root, upload?.with?.path ?? ''),
        path.join(artifacts, expand(upload?.with?.name ?? '', matrix, {})),
        {
          recursive: true,
        },
      );
  }
}, 600_000);

afterAll(async () => {
  if (root) await removeCheckout(root);
});

describe('client-sites.yml, run locally as a push with no secrets runs it', () => {
  it('lists every active client for the matrix', () => {
    expect(listed.map((entry) => entry.slug)).toEqual(['acme-dental', 'globex-law']);
    expect(listed[0]?.portal?.project).toBe('acme-dental-binder');
    expect(listed[1]?.portal).toBeNull();
  });

  it.each(['acme-dental', 'globex-law'])(
    'builds and leak-checks %s’s site, then uploads it',
    async (slug) => {
      const results = built.get(slug) ?? [];
      expect(results.map((outcome) => outcome.code)).toEqual([0, 0]);
      expect(results[1]?.output).toMatch(/✓ no leaks: \d+ forbidden strings checked in dist-client/);
      expect(await readFile(path.join(artifacts, `client-site-${slug}`, 'index.html'), 'utf8')).toContain(
        slug === 'acme-dental' ? 'Acme Dental Group' : 'Globex Legal Partners',
      );
      // No BINDER_FEED_SECRET: the feed is at the plain path, behind the portal's login.
      expect(await readdir(path.join(artifacts, `client-site-${slug}`, 'calendar'))).toEqual(['visits.ics']);
    },
  );

  it('with the BINDER_FEED_SECRET secret, the build step puts the feed under an unguessable key', async () => {
    const matrix = listed.find((entry) => entry.slug === 'acme-dental');
    const build = runSteps(workflow.jobs.build).find((step) => /npm run build/.test(step.run ?? ''));
    if (!build) throw new Error('no build step');
    const result = await runStep(root, workflow.jobs.build, build, matrix, {
      BINDER_FEED_SECRET: 'correct-horse-battery-staple-42',
    });
    expect(result.code).toBe(0);
    const keys = await readdir(path.join(root, 'dist-client', 'calendar'));
    expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
  });

  it.each(['acme-dental', 'globex-law'])(
    '%s’s deploy leg skips with a notice and deploys nothing',
    async (slug) => {
      const matrix = listed.find((entry) => entry.slug === slug);
      const deploy = workflow.jobs.deploy;
      const leg = await mkdtemp(path.join(os.tmpdir(), 'deploy-leg-'));
      try {
        // actions/download-artifact into `site`.
        await cp(path.join(artifacts, `client-site-${slug}`), path.join(leg, 'site'), { recursive: true });
        const ready = deploy.steps.find((step) => step.id === 'ready');
        if (!ready) throw new Error('no ready step');
        const result = await runStep(leg, deploy, ready, matrix);
        expect(result.code).toBe(0);
        expect(result.outputs.deploy).toBe('false');
        expect(result.output).toMatch(new RegExp(`^::notice title=${slug}: not deployed::`, 'm'));
        expect(result.output).toContain(
          slug === 'acme-dental'
            ? 'Add the CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID secrets'
            : 'no portal',
        );
        // With the secrets, the same step lets the deploy run (which is not run here).
        const configured = await runStep(leg, deploy, ready, matrix, {
          CLOUDFLARE_API_TOKEN: 'token',
          CLOUDFLARE_ACCOUNT_ID: 'account',
        });
        expect(configured.outputs.deploy).toBe(slug === 'acme-dental' ? 'true' : 'false');
      } finally {
        await rm(leg, { recursive: true, force: true });
      }
    },
  );

  it('fails closed: a leak stops the leg before the upload', async () => {
    const matrix = listed.find((entry) => entry.slug === 'acme-dental');
    await writeFile(path.join(root, 'dist-client', 'stray.html'), '<p>Globex Legal Partners, GX-FW01</p>');
    const leak = runSteps(workflow.jobs.build).find((step) => /leak-check/.test(step.run ?? ''));
    if (!leak) throw new Error('no leak-check step');
    const result = await runStep(root, workflow.jobs.build, leak, matrix);
    expect(result.code).toBe(1);
    expect(result.output).toContain('stray.html: "GX-FW01"');
  });
});
