import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The repository root (where the example MSP lives). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A temp copy of the example MSP's content and templates, to run commands that write against. */
export async function copyExampleRepo(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'binder-example-'));
  await cp(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
  return root;
}
