import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAwaitingGoMessage } from './build-channel.ts';

/**
 * The hold at `astro:build:start`, against a real child process with an IPC channel, as `npm run
 * build` runs Astro: the integration's hook asks and does not return before it is told to go; an
 * `astro build` not started by the build (no BINDER_BUILD_CHANNEL) never waits.
 */
let tmp: string;
let child: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'build-channel-'));
  child = path.join(tmp, 'astro-stand-in.ts');
  const integration = path.join(import.meta.dirname, 'build-channel.ts');
  await writeFile(
    child,
    `import { buildChannelIntegration } from ${JSON.stringify(integration)};
const { hooks } = buildChannelIntegration(${JSON.stringify(tmp)});
await hooks['astro:build:start']?.({} as never);
process.send?.({ wentOn: true });
process.disconnect?.();
`,
  );
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Runs the stand-in; answers its ask after `delayMs` (or never, with `answer: false`). */
function run(env: NodeJS.ProcessEnv, options: { delayMs: number; answer: boolean }) {
  return new Promise<{ asked: boolean; wentOnAfterGo: boolean | undefined; code: number | null }>(
    (resolve, reject) => {
      const process = fork(child, [], { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      let asked = false;
      let goSent = false;
      let wentOnAfterGo: boolean | undefined;
      process.on('message', (message) => {
        if (isAwaitingGoMessage(message)) {
          asked = true;
          if (options.answer)
            setTimeout(() => {
              goSent = true;
              process.send({ go: true });
            }, options.delayMs);
          else setTimeout(() => process.disconnect(), options.delayMs);
        } else if ((message as { wentOn?: boolean }).wentOn) wentOnAfterGo = goSent;
      });
      process.on('error', reject);
      process.on('exit', (code) => resolve({ asked, wentOnAfterGo, code }));
    },
  );
}

describe('the build channel', { timeout: 30_000 }, () => {
  it('holds Astro at build start until the build says go', async () => {
    const result = await run({ ...process.env, BINDER_BUILD_CHANNEL: '1' }, { delayMs: 300, answer: true });
    expect(result).toEqual({ asked: true, wentOnAfterGo: true, code: 0 });
  });

  it('fails the build start when the build goes away without an answer', async () => {
    const result = await run({ ...process.env, BINDER_BUILD_CHANNEL: '1' }, { delayMs: 100, answer: false });
    expect(result.asked).toBe(true);
    expect(result.wentOnAfterGo).toBeUndefined();
    expect(result.code).not.toBe(0);
  });

  it('never waits in an astro build not started by `npm run build`', async () => {
    const { BINDER_BUILD_CHANNEL: _, ...env } = process.env;
    const result = await run(env, { delayMs: 0, answer: true });
    expect(result).toEqual({ asked: false, wentOnAfterGo: false, code: 0 });
  });
});
