#!/usr/bin/env node
/**
 * Runs first in every npm script (package.json): on a Node.js too old for msp-binder, one sentence
 * saying which version is needed and how to get it, and exit 1, instead of a page of engine
 * warnings and `node: bad option: --experimental-strip-types`. Plain JavaScript with no imports
 * but node's own, so that any Node.js can run it. `npm ci` itself refuses early through
 * `engine-strict=true` in .npmrc.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `>=22.19` → [22, 19, 0]: the only form package.json's `engines.node` is written in. */
export function minimumFromEngines(range) {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(range).trim());
  if (!match)
    throw new Error(`package.json engines.node must be written \`>=MAJOR.MINOR\`; found \`${range}\``);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** The sentence to print when `version` (e.g. `20.20.2`) is older than `minimum`, else undefined. */
export function nodeVersionProblem(version, minimum) {
  const parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const have = parts[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have > need) return undefined;
    if (have < need) {
      const wanted = `${minimum[0]}.${minimum[1]}`;
      return `msp-binder needs Node.js ${wanted} or newer and this is Node.js ${String(version).replace(/^v/, '')}: install Node.js 24 (\`nvm install\` reads .nvmrc, or download it from https://nodejs.org), then run \`npm ci\` again.`;
    }
  }
  return undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const problem = nodeVersionProblem(process.versions.node, minimumFromEngines(manifest.engines.node));
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
