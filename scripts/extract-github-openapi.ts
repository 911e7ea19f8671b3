#!/usr/bin/env node
/**
 * Extracts the GitHub REST operations msp-binder uses from @octokit/openapi's
 * `generated/api.github.com.json` (13 MB; the package is ~385 MB installed) into the small
 * fixture the GitHub stand-in checks every request and response against.
 *
 *   npm install --prefix /tmp/octo-openapi @octokit/openapi
 *   node scripts/extract-github-openapi.ts /tmp/octo-openapi/node_modules/@octokit/openapi/generated/api.github.com.json
 *
 * Ajv does not accept `nullable: true` without a `type` (135 such nodes): those become
 * `anyOf: [schema, { type: 'null' }]`; nullable enums get `null` among their values.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEntryPoint } from '../src/cli/entry-point.ts';
import { UserError } from '../src/core/errors.ts';

/** The operations msp-binder (and its tests) use. */
export const OPERATIONS: Record<string, string[]> = {
  '/repos/{owner}/{repo}': ['get'],
  '/repos/{owner}/{repo}/issues': ['get', 'post'],
  '/repos/{owner}/{repo}/issues/{issue_number}': ['get', 'patch'],
  '/repos/{owner}/{repo}/issues/{issue_number}/comments': ['get', 'post'],
  '/repos/{owner}/{repo}/issues/{issue_number}/labels': ['post'],
  '/repos/{owner}/{repo}/labels': ['get', 'post'],
  '/repos/{owner}/{repo}/labels/{name}': ['get'],
  '/repos/{owner}/{repo}/milestones': ['get', 'post'],
  '/rate_limit': ['get'],
};

type Json = unknown;

function collectRefs(node: Json, refs: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, refs);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      else collectRefs(value, refs);
    }
  }
}

function resolvePointer(spec: Json, ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>(
      (node, part) => (node as Record<string, Json>)[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      spec,
    );
}

/** Rewrites `nullable: true` without `type` into `anyOf` with null, recursively. */
export function normaliseNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(normaliseNullable);
  if (!node || typeof node !== 'object') return node;
  const object = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, normaliseNullable(value)]),
  );
  if (object.nullable === true && object.type === undefined) {
    const { nullable: _nullable, ...rest } = object;
    return { anyOf: [rest, { type: 'null' }] };
  }
  // A nullable enum (e.g. an issue's `state_reason`) must list null among its values for Ajv.
  if (object.nullable === true && Array.isArray(object.enum) && !object.enum.includes(null)) {
    return { ...object, enum: [...object.enum, null] };
  }
  return object;
}

function sortKeys(node: Json): Json {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((key) => [key, sortKeys((node as Record<string, Json>)[key])]),
  );
}

/** The spec at `source`, or a UserError saying why it cannot be read. */
function readSpec(source: string): Record<string, Json> & { paths: Record<string, Record<string, Json>> } {
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): give the path of @octokit/openapi's generated/api.github.com.json.`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as Record<string, Json> & { paths: Record<string, Record<string, Json>> };
  } catch (error) {
    throw new UserError(`${source} is not JSON: give @octokit/openapi's generated/api.github.com.json.`, {
      cause: error,
    });
  }
}

function main(): void {
  const source = process.argv[2];
  if (!source)
    throw new UserError(
      'give the spec: node scripts/extract-github-openapi.ts <path to api.github.com.json>.',
    );
  const spec = readSpec(source);
  const paths: Record<string, Record<string, Json>> = {};
  for (const [route, methods] of Object.entries(OPERATIONS)) {
    const item = spec.paths?.[route];
    if (!item) throw new UserError(`${route} is not in ${source}: is it GitHub's REST description?`);
    paths[route] = Object.fromEntries(methods.map((method) => [method, item[method]]));
    if (item.parameters) paths[route].parameters = item.parameters;
  }
  const refs = new Set<string>();
  collectRefs(paths, refs);
  const seen = new Set<string>();
  const components: Record<string, Record<string, Json>> = {};
  while (refs.size) {
    const [ref] = refs;
    if (!ref) break;
    refs.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , section = '', name = ''] = ref.split('/');
    const target = resolvePointer(spec, ref);
    components[section] ??= {};
    components[section][name] = target;
    collectRefs(target, refs);
  }
  const out = normaliseNullable(
    sortKeys({ openapi: spec.openapi, info: spec.info, servers: spec.servers, paths, components }),
  );
  const target = path.resolve(import.meta.dirname, '../standins/github/github-openapi.json');
  writeFileSync(target, `${JSON.stringify(out)}\n`);
  console.log(
    `wrote ${target}: ${Object.keys(paths).length} paths, ${seen.size} components, ${(JSON.stringify(out).length / 1024).toFixed(0)} KB`,
  );
}

if (import.meta.main) await runEntryPoint(async () => main());
