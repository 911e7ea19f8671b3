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
    });
  });
});
