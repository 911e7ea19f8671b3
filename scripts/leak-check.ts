#!/usr/bin/env node
/**
 * Checks a built client site for anything it must not contain: other clients' data (text, images,
 * Pagefind's compressed index) and this client's staff-only pages and comments. Run it from the
 * repository root before shipping a site; exit 1 on any leak.
 *
 *   node scripts/leak-check.ts <distDir> <client>
 */
import path from 'node:path';
import { checkClientSite } from '../src/site/leak-check.ts';

const [distDir, client] = process.argv.slice(2);
if (!distDir || !client) {
  console.error('usage: npm run leak-check -- <distDir> <client>');
  process.exit(1);
}
const { leaks, forbidden } = await checkClientSite(process.cwd(), path.resolve(distDir), client);
for (const leak of leaks) console.log(`${leak.file}: "${leak.found}" (from ${leak.source})`);
console.log(
  leaks.length
    ? `✗ ${leaks.length} leak(s) in ${distDir}`
    : `✓ no leaks: ${forbidden.length} forbidden strings checked in ${distDir}`,
);
process.exitCode = leaks.length ? 1 : 0;
