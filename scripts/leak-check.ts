#!/usr/bin/env node
/**
 * Checks a built client site for anything it must not contain: other clients' data and this
 * client's internal pages, Pagefind's compressed index included. Run it before shipping a site.
 *
 *   node scripts/leak-check.ts <distDir> <client>
 */
import path from 'node:path';
import { readContent } from '../src/content/read-content.ts';
import { findLeaks, forbiddenStrings } from '../src/site/leak-check.ts';

const [distDir, client] = process.argv.slice(2);
if (!distDir || !client) {
  console.error('usage: node scripts/leak-check.ts <distDir> <client>');
  process.exit(1);
}
const root = path.resolve(import.meta.dirname, '..');
const content = await readContent(root);
const forbidden = forbiddenStrings(content, client);
const leaks = await findLeaks(path.resolve(distDir), forbidden);
for (const leak of leaks) console.log(`${leak.file}: "${leak.found}" (from ${leak.source})`);
console.log(
  leaks.length
    ? `✗ ${leaks.length} leak(s) in ${distDir}`
    : `✓ no leaks: ${forbidden.length} forbidden strings checked in ${distDir}`,
);
process.exitCode = leaks.length ? 1 : 0;
