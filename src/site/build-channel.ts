import type { AstroIntegration } from 'astro';
import { startedByBuild } from '../config/environment.ts';
import { recordAstroOutputs } from './kept-output.ts';
import { flushRenderedRoutes } from './rendered-routes.ts';

/**
 * What `npm run build` (src/site/site-build.ts) and the `astro build` it runs tell each other, over
 * the IPC channel it opens (BINDER_BUILD_CHANNEL=1 tells Astro the channel is the build's):
 *
 * - Astro → build, `{ awaitingGo }`: Astro has loaded its config and synced the content, and is
 *   about to write to the output. It waits for `{ go }`: the build checks the kept output (and
 *   detaches it from an earlier publish) meanwhile, instead of before starting Astro, so a warm
 *   build does not pay for that check and Astro's start one after the other. Should the check
 *   find the kept output unusable, the build stops Astro and starts it again, cold.
 * - Astro → build, `{ renderedRoutes }`, from our middleware (src/site/announce-rendered-route.ts):
 *   routes Astro has just rendered, so the build reads their pages while Astro renders the next
 *   (in batches: src/site/rendered-routes.ts).
 * - Astro → build, `{ outputsRecorded }`: every page is written and the files of this build's
 *   routes are recorded (`recordAstroOutputs`); the build can index and check the pages while
 *   Astro still writes its sitemap and exits. The last rendered routes are sent before it.
 */
export interface RenderedRoutesMessage {
  renderedRoutes: string[];
}
export interface AwaitingGoMessage {
  awaitingGo: true;
}
export interface OutputsRecordedMessage {
  outputsRecorded: true;
}
export interface GoMessage {
  go: true;
}

const isObject = (message: unknown): message is Record<string, unknown> =>
  typeof message === 'object' && message !== null;

export const isRenderedRoutesMessage = (message: unknown): message is RenderedRoutesMessage =>
  isObject(message) &&
  Array.isArray(message.renderedRoutes) &&
  message.renderedRoutes.every((route) => typeof route === 'string');
export const isAwaitingGoMessage = (message: unknown): message is AwaitingGoMessage =>
  isObject(message) && message.awaitingGo === true;
export const isOutputsRecordedMessage = (message: unknown): message is OutputsRecordedMessage =>
  isObject(message) && message.outputsRecorded === true;
const isGoMessage = (message: unknown): message is GoMessage => isObject(message) && message.go === true;

/** In Astro's process: asks the build whether to go on, and waits for its answer. */
function awaitGo(send: NonNullable<typeof process.send>): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isGoMessage(message)) return;
      done();
      resolve();
    };
    const onDisconnect = () => {
      done();
      reject(new Error('npm run build stopped before the build could go on'));
    };
    const done = () => {
      process.off('message', onMessage);
      process.off('disconnect', onDisconnect);
    };
    process.on('message', onMessage);
    process.on('disconnect', onDisconnect);
    const ask: AwaitingGoMessage = { awaitingGo: true };
    send(ask);
  });
}

/**
 * The Astro integration of a site build (astro.config.mjs): announces each rendered route, waits
 * for the build's go before Astro writes to the output, and records the files of this build's
 * routes (the rest of the kept output is stale) in `cacheDir`. Outside `npm run build` (`astro
 * dev`, a plain `astro build`) it only records the outputs.
 */
export function buildChannelIntegration(cacheDir: string): AstroIntegration {
  const channel = () => (startedByBuild() ? process.send?.bind(process) : undefined);
  return {
    name: 'msp-binder-build-channel',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) =>
        addMiddleware({
          entrypoint: new URL('./announce-rendered-route.ts', import.meta.url),
          order: 'post',
        }),
      'astro:build:start': async () => {
        const send = channel();
        if (send) await awaitGo(send);
      },
      'astro:build:done': async ({ dir, assets }) => {
        await recordAstroOutputs(cacheDir, dir, assets);
        const send = channel();
        if (!send) return;
        flushRenderedRoutes(send);
        const message: OutputsRecordedMessage = { outputsRecorded: true };
        send(message);
      },
    },
  };
}
