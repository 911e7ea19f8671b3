#!/usr/bin/env node
/**
 * `npm run preview [-- --port N] [--host H]`: serves the site the last `npm run build` published
 * (BINDER_OUT_DIR, default `dist`), on 127.0.0.1:4321 unless told otherwise, and says which site
 * it is. After `BINDER_CLIENT=<slug> npm run build` that is the client's site. `astro preview`
 * would serve Astro's output folder instead, which is the staff site's kept output in the build
 * cache (astro.config.mjs), whatever was built last.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { readSiteConfig } from '../src/config/site-config.ts';
import { UserError } from '../src/core/errors.ts';
import { serveDirectory } from '../src/print/static-server.ts';

await runEntryPoint(async () => {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4321' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError(
      `--port ${values.port} is not a port number: give one from 1 to 65535 (0 for any free port).`,
    );
  const config = readSiteConfig(process.cwd());
  const dir = path.resolve(config.root, config.outDir);
  const home = await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => undefined);
  if (home === undefined)
    throw new UserError(`${config.outDir}/ holds no built site: run \`npm run build\` first.`);
  const title = /<title>([^<]*)<\/title>/.exec(home)?.[1]?.trim() ?? 'untitled';
  const server = await serveDirectory(dir, { host: values.host, port }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new UserError(
          `port ${port} is in use: give another with \`npm run preview -- --port ${port + 1}\`.`,
        );
      throw error;
    },
  );
  console.log(`Serving ${config.outDir}/ (${title}) at ${server.url}/ — Ctrl+C stops it.`);
  // Runs until stopped.
  await new Promise(() => undefined);
});
