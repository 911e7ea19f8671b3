import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { astroEnvironment, readEnvironment } from './environment.ts';

describe('environment', () => {
  it('BINDER_COLD=1 asks for a cold build; unset, 0 or empty does not; anything else is refused', () => {
    expect(readEnvironment({ BINDER_COLD: '1' }).BINDER_COLD).toBe(true);
    expect(readEnvironment({ BINDER_COLD: 'true' }).BINDER_COLD).toBe(true);
    expect(readEnvironment({ BINDER_COLD: '0' }).BINDER_COLD).toBe(false);
    expect(readEnvironment({ BINDER_COLD: '' }).BINDER_COLD).toBeUndefined();
    expect(readEnvironment({}).BINDER_COLD).toBeUndefined();
    expect(() => readEnvironment({ BINDER_COLD: 'yes' })).toThrow(/BINDER_COLD="yes" must be 1 or 0/);
  });

  it('astro build runs without the variables a shell changes from run to run', () => {
    expect(
      astroEnvironment({ _: '/usr/bin/env', OLDPWD: '/tmp', SHLVL: '2', PATH: '/bin', BINDER_NOW: 'x' }),
    ).toEqual({
      PATH: '/bin',
      BINDER_NOW: 'x',
      MIMALLOC_ALLOW_THP: '0',
      MIMALLOC_PURGE_DELAY: '0',
      MIMALLOC_ARENA_EAGER_COMMIT: '0',
    });
  });

  it("astro build's allocator gives back what it frees; a setting the user gives wins", () => {
    const env = astroEnvironment({ PATH: '/bin', MIMALLOC_PURGE_DELAY: '50' });
    expect(env.MIMALLOC_PURGE_DELAY).toBe('50');
    expect(env.MIMALLOC_ALLOW_THP).toBe('0');
  });

  // Rolldown's Linux builds have mimalloc (CI and the workflows run on Linux).
  it.runIf(process.platform === 'linux')(
    "the settings reach the allocator of Rolldown, Vite's bundler in Astro's process",
    async () => {
      // mimalloc prints its options as it starts, with MIMALLOC_VERBOSE=1.
      const { stderr, stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', "await import('rolldown'); console.log('loaded');"],
        { env: { ...astroEnvironment({ PATH: process.env.PATH ?? '' }), MIMALLOC_VERBOSE: '1' } },
      );
      const output = `${stdout}${stderr}`;
      expect(stdout).toContain('loaded');
      const options = (name: string) =>
        [...output.matchAll(new RegExp(`option '${name}': (\\S+)`, 'g'))].map((m) => m[1]);
      expect(options('allow_thp').length).toBeGreaterThanOrEqual(1);
      expect(new Set(options('allow_thp'))).toEqual(new Set(['0']));
      expect(new Set(options('purge_delay'))).toEqual(new Set(['0']));
      expect(new Set(options('arena_eager_commit'))).toEqual(new Set(['0']));
    },
  );
});
