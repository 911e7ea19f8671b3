import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { minimumFromEngines, nodeVersionProblem } from '../scripts/preflight.mjs';
import { REPO_ROOT } from './helpers/example-repo.ts';

const exec = promisify(execFile);
const PREFLIGHT = 'node scripts/preflight.mjs && ';

interface Manifest {
  engines: { node: string };
  scripts: Record<string, string>;
}
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}

const manifest = async () =>
  JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

describe('the Node.js version', () => {
  it('on an old Node, says in one sentence which version is needed and how to get it', async () => {
    const minimum = minimumFromEngines((await manifest()).engines.node);
    const problem = nodeVersionProblem('v20.20.2', minimum) as string;
    expect(problem).toBe(
      'msp-binder needs Node.js 22.19 or newer and this is Node.js 20.20.2: install Node.js 24 (`nvm install` reads .nvmrc, or download it from https://nodejs.org), then run `npm ci` again.',
    );
    expect(problem.split('\n')).toHaveLength(1);
    expect(nodeVersionProblem('22.18.9', minimum)).toBeDefined();
    expect(nodeVersionProblem('22.19.0', minimum)).toBeUndefined();
    expect(nodeVersionProblem('24.0.0', minimum)).toBeUndefined();
    expect(nodeVersionProblem('100.0.0', minimum)).toBeUndefined();
  });

  it('passes silently on this Node (the preflight prints nothing and exits 0)', async () => {
    const { stdout, stderr } = await exec(process.execPath, ['scripts/preflight.mjs'], { cwd: REPO_ROOT });
    expect(stdout + stderr).toBe('');
  });

  it('runs first in every npm script', async () => {
    const { scripts } = await manifest();
    const missing = Object.entries(scripts)
      .filter(([, command]) => !command.startsWith(PREFLIGHT))
      .map(([name]) => name);
    expect(Object.keys(scripts).length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('is the version every installed package accepts, so engine-strict never refuses a supported Node', async () => {
    const { engines } = await manifest();
    const [major, minor, patch] = minimumFromEngines(engines.node) as number[];
    const minimum = `${major}.${minor}.${patch}`;
    const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const refusing = Object.entries(lock.packages)
      // Optional packages are other platforms' binaries: npm skips those that do not fit.
      .filter(([, entry]) => !entry.optional && entry.engines && !Array.isArray(entry.engines))
      .filter(([, entry]) => {
        const range = (entry.engines as { node?: string }).node;
        return range !== undefined && !semver.satisfies(minimum, range);
      })
      .map(([location, entry]) => `${location || 'msp-binder'}@${entry.version}`);
    expect(refusing).toEqual([]);
    expect(await readFile(path.join(REPO_ROOT, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
    expect(await readFile(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toContain(
      `a>${major}||(a===${major}&&b>=${minor})`,
    );
  });
});
