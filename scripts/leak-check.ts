#!/usr/bin/env node
/**
 * Checks a built client site for anything it must not contain: other clients' data (text, images,
 * Pagefind's compressed index) and this client's staff-only pages and comments. Run it from the
 * repository root before shipping a site; exit 1 on any leak.
 *
 *   node scripts/leak-check.ts <distDir> <client>
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { clientsWithProfile, hasClientProfile } from '../src/config/site-config.ts';
import { UserError } from '../src/core/errors.ts';
import { checkClientSite } from '../src/site/leak-check.ts';

await runEntryPoint(async () => {
  const [distDir, client] = process.argv.slice(2);
  if (!distDir || !client)
    throw new UserError('give the built site and the client: npm run leak-check -- <distDir> <client>.');
  const root = process.cwd();
  if (!hasClientProfile(root, client))
    throw new UserError(
      `\`${client}\` is not a client; clients are: ${clientsWithProfile(root).join(', ') || 'none'}.`,
    );
  const dist = path.resolve(distDir);
  if (!existsSync(dist))
    throw new UserError(
      `there is no built site at ${dist}: build it first (BINDER_CLIENT=${client} BINDER_OUT_DIR=${distDir} npm run build).`,
    );
  const { leaks, forbidden } = await checkClientSite(root, dist, client);
  for (const leak of leaks) console.log(`${leak.file}: "${leak.found}" (from ${leak.source})`);
  console.log(
    leaks.length
      ? `✗ ${leaks.length} leak(s) in ${distDir}`
      : `✓ no leaks: ${forbidden.length} forbidden strings checked in ${distDir}`,
  );
  return leaks.length ? 1 : 0;
});
