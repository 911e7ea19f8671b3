import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { readEnvironment } from '../../src/config/environment.ts';

/** A small valid MSP: settings, a template with one item per tier, one client. */
export const BASE_FILES: Record<string, string> = {
  'content/msp.yaml': [
    'name: Test MSP',
    'siteUrl: https://docs.test-msp.example',
    'repo: test-msp/binders',
    'timezone: America/New_York',
    'assignees:',
    '  onsite: [jane-tech]',
    'milestones: true',
    '',
  ].join('\n'),
  'templates/checklists/monthly.md': [
    '---',
    'title: Monthly maintenance',
    '---',
    '',
    '## Checks',
    '',
    '- Confirm disk-space alerting works {#rmm-alert-disk-space automatic}',
    '- Review the system log {#system-log-warnings remote tags=windows-server}',
    '- Run the UPS self-test {#ups-self-test onsite tags=ups}',
    '- Client check-in {#checkin-contact onsite}',
    '- Test-restore a sample of files {#test-restore onsite quarterly}',
    '',
  ].join('\n'),
  'content/clients/acme/index.md': [
    '---',
    'name: Acme Dental',
    'timezone: America/Chicago',
    'tags: [windows-server, ups]',
    'visit: second tuesday',
    'assignees:',
    '  remote: [helpdesk-amy]',
    '---',
    'Acme Dental overview. See [backups](./binder/backups.md).',
    '',
  ].join('\n'),
  'content/clients/acme/binder/backups.md': [
    '---',
    'title: Backups',
    'order: 50',
    '---',
    'Nightly to the NAS. Credentials: password manager entry "Acme / NAS admin".',
    '',
  ].join('\n'),
};

/** Creates a temp repository with BASE_FILES plus `files` (a `null` value deletes a base file). */
export async function makeTempRepo(files: Record<string, string | null> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'binder-test-'));
  const all: Record<string, string | null> = { ...BASE_FILES, ...files };
  for (const [file, text] of Object.entries(all)) {
    if (text === null) continue;
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

/** Creates a temp repository holding exactly `files` (no BASE_FILES), e.g. the fixture MSP. */
export async function makeRepo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'binder-test-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

/** Removes a temp repository. */
export async function removeTempRepo(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

/** Every file under `root` with its contents, to prove a command wrote nothing. */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(root, file)] = await readFile(file, 'utf8');
  }
  return out;
}

/** Runs the CLI in-process against `root`; returns exit code and captured output. */
export async function runBinder(
  root: string,
  args: string[],
  env: Record<string, string> = {},
  now = new Date('2026-11-24T12:00:00Z'),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    root,
    env: readEnvironment(env),
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    now,
    isTTY: false,
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
