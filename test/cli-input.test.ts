import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, removeTempRepo, runBinder, snapshotTree } from './helpers/temp-repo.ts';

/**
 * Every argument is input: validated with the shared schemas before it names a path, a count or a
 * date (issue "Issue data is untrusted input", CLI input). A refused argument writes nothing.
 */
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});
async function repo() {
  const root = await makeTempRepo({
    'templates/binder/index.md':
      '---\nname: "{{name}}"\ntimezone: America/Chicago\nvisit: second tuesday\n---\n{{name}}.\n',
  });
  roots.push(root);
  return root;
}
const now = new Date('2026-12-08T15:00:00Z');

describe('CLI arguments', () => {
  it.each([
    [['new-note', 'acme', 'Visit', '--author', 'jane-tech', '--date', '2026-02-30'], '--date'],
    [['new-note', '../../templates/binder', 'Visit', '--author', 'jane-tech'], 'client'],
    [['new-note', 'Acme', 'Visit', '--author', 'jane-tech'], 'client'],
    [['new-client', '../escape', '--name', 'Escape'], 'slug'],
    [['archive', '--since', '2026-02-30'], '--since'],
    [['archive', '--month', '2026-13'], '--month'],
    [['sync', '--month', '2026-12', '--max-creates', '1e3'], '--max-creates'],
    [['sync', '--month', '2026-12', '--max-creates', '-1'], '--max-creates'],
    [['plan', '--month', '2026-1'], '--month'],
    [['plan', '--month', '2026-12', '--client', '../x'], 'client'],
  ])('refuses %j with exit 1, naming %s, and writes nothing', async (args, named) => {
    const root = await repo();
    const before = await snapshotTree(root);
    const result = await runBinder(
      root,
      args,
      { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: 'http://127.0.0.1:9' },
      now,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(named);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('says what is missing, and gives one example', async () => {
    const root = await repo();
    const stderr = async (args: string[]) => (await runBinder(root, args, {}, now)).stderr.trim();
    expect(await stderr(['print', '--staff'])).toMatchInlineSnapshot(
      `"error: --client is required, e.g. \`--client harbor-dental\`."`,
    );
    expect(await stderr(['report', '--client', 'acme'])).toMatchInlineSnapshot(
      `"error: --month is required, e.g. \`--month 2026-10\`."`,
    );
    expect(await stderr(['report', '--client', 'Acme', '--month', '2026-10'])).toMatchInlineSnapshot(
      `"error: --client must be a slug: lowercase letters, digits and dashes, e.g. \`harbor-dental\`; got \`Acme\`."`,
    );
    expect(await stderr(['report', '--client', 'acme', '--month', '2026-13'])).toMatchInlineSnapshot(
      `"error: --month must be a month written \`YYYY-MM\`, e.g. \`2026-12\`; got \`2026-13\`."`,
    );
  });

  it('new-client writes a name with YAML-special characters as valid YAML', async () => {
    const root = await repo();
    const result = await runBinder(
      root,
      ['new-client', 'smith-sons', '--name', 'Smith $& Sons: "IT" #1'],
      {},
      now,
    );
    expect(result.code).toBe(0);
    const profile = await readFile(path.join(root, 'content/clients/smith-sons/index.md'), 'utf8');
    expect(profile).toContain('Smith $& Sons');
    const check = await runBinder(root, ['check', '--json']);
    const report = JSON.parse(check.stdout) as { diagnostics: { file: string; message: string }[] };
    expect(report.diagnostics.filter((diagnostic) => diagnostic.file.includes('smith-sons'))).toEqual([]);
  });
});

describe('output cut short', () => {
  it('stops quietly when the reader closes the pipe (EPIPE), with no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const root = await repo();
    // Enough output to outlast the pipe's buffer, so writes are still pending when the reader leaves.
    for (let index = 0; index < 150; index++) {
      const dir = path.join(root, `content/clients/client-${index}`);
      await mkdir(dir, { recursive: true });
      await writeFile(
        path.join(dir, 'index.md'),
        `---\nname: Client ${index}\ntimezone: America/Chicago\nvisit: second tuesday\ntags: [windows-server, ups]\n---\nClient ${index}.\n`,
      );
    }
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        path.resolve('scripts/binder.ts'),
        'plan',
        '--month',
        '2026-12',
        '--json',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Read one chunk, then close our end, as `| head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
