import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/example-repo.ts';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

/**
 * `npm ci` refuses a lock that lacks an installed package's optional platform binaries
 * ("Missing: @esbuild/darwin-arm64 from lock file"), on every machine but the one that made it.
 * Every optional dependency must therefore resolve to an entry, nested or hoisted.
 */
describe('package-lock.json', () => {
  it('lists every optional platform package, so npm ci works on every platform', async () => {
    const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    let optional = 0;
    for (const [location, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        optional += 1;
        let base = location;
        let found = false;
        for (;;) {
          if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) {
            found = true;
            break;
          }
          if (!base) break;
          const cut = base.lastIndexOf('/node_modules/');
          base = cut < 0 ? '' : base.slice(0, cut);
        }
        if (!found) missing.push(`${name} (for ${location || 'the project'})`);
      }
    }
    expect(optional).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
