import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ContentSet } from '../core/content-model.ts';
import { clientOfPath } from '../core/content-paths.ts';

/** A forbidden string found in a built site. */
export interface Leak {
  /** File in dist, relative. */
  file: string;
  /** What was found. */
  found: string;
  /** Where it came from (e.g. `client whitfield-law`, `internal section firewall`). */
  source: string;
}

function normalise(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#|~]/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const TOKEN_PATTERNS = [
  /\b[A-Z]{2,4}-[A-Z0-9]{2,}(?:-[A-Z0-9]+)*\b/g, // hostnames and circuit ids: HD-SRV01, BF-44817-HD
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g, // IPv4 addresses
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, // email addresses
  /\b[a-z0-9-]+\.example\b/gi, // the client's domains
];

/** Distinctive phrases of a text: lines and table cells of some length, normalised. */
function phrases(text: string, minLength: number): string[] {
  const body = text.replace(/^---[\s\S]*?\n---/, (front) => front.replace(/^[\w-]+:\s*/gm, ''));
  return body
    .split(/\n|\|/)
    .map(normalise)
    .filter((phrase) => phrase.length >= minLength && /[a-z]{3}/.test(phrase));
}

function tokens(text: string): string[] {
  return TOKEN_PATTERNS.flatMap((pattern) => text.match(pattern) ?? []);
}

/**
 * What must never appear in `client`'s site: every other client's name, slug, hostnames,
 * addresses, emails and distinctive phrases, and the distinctive phrases of this client's
 * internal sections and notes. Phrases this client's own visible pages (or shared files) also
 * contain are dropped, so a shared word is never a false alarm.
 */
export function forbiddenStrings(
  content: ContentSet,
  client: string,
): { text: string; source: string; token: boolean }[] {
  const own = content.clients.find((entry) => entry.slug === client);
  if (!own) throw new Error(`no client ${client}`);
  const ownVisible = [
    own.file,
    ...own.binder.filter((section) => section.data.visibility === 'client').map((section) => section.file),
    ...own.notes.filter((note) => note.data.visibility === 'client').map((note) => note.file),
    ...content.archives.filter((archive) => archive.data.client === client).map((archive) => archive.file),
  ];
  const shared = content.files
    .filter((file) => clientOfPath(file.path) === undefined)
    .map((file) => file.text);
  const allowed = normalise(
    [
      ...content.files.filter((file) => ownVisible.includes(file.path)).map((file) => file.text),
      ...shared,
    ].join('\n'),
  );
  const allowedTokens = new Set(
    tokens(
      [
        ...content.files.filter((file) => ownVisible.includes(file.path)).map((file) => file.text),
        ...shared,
      ].join('\n'),
    ),
  );
  const out = new Map<string, { text: string; source: string; token: boolean }>();
  const add = (text: string, source: string, token: boolean) => {
    const key = token ? text : normalise(text);
    if (!key || out.has(key) || (token ? allowedTokens.has(key) : allowed.includes(key))) return;
    out.set(key, { text: key, source, token });
  };
  for (const other of content.clients) {
    if (other.slug === client) continue;
    const source = `client ${other.slug}`;
    add(other.data.name, source, false);
    add(other.slug, source, true);
    const files = content.files.filter((file) => clientOfPath(file.path) === other.slug);
    for (const file of files) {
      for (const token of tokens(file.text)) add(token, source, true);
      for (const phrase of phrases(file.text, 20)) add(phrase, source, false);
    }
  }
  const internal = [
    ...own.binder.filter((section) => section.data.visibility === 'internal'),
    ...own.notes.filter((note) => note.data.visibility === 'internal'),
  ];
  for (const entry of internal) {
    const file = content.files.find((candidate) => candidate.path === entry.file);
    for (const phrase of phrases(file?.text ?? '', 24)) add(phrase, `internal ${entry.file}`, false);
    for (const token of tokens(file?.text ?? '')) add(token, `internal ${entry.file}`, true);
  }
  return [...out.values()];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The text of a built file, with Pagefind's gzip files decompressed and HTML tags stripped. */
async function readBuiltText(file: string): Promise<string> {
  const bytes = await readFile(file);
  let text: string;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) text = gunzipSync(bytes).toString('latin1');
  else if (/\.pf_/.test(file)) text = bytes.toString('latin1');
  else text = bytes.toString('utf8');
  // Pagefind stores content as JSON strings, HTML as markup: search the raw text and its text form.
  return `${text}\n${text.replace(/<[^>]+>/g, ' ')}`;
}

/** Scans every file of a built site for the forbidden strings; returns what it found. */
export async function findLeaks(
  distDir: string,
  forbidden: readonly { text: string; source: string; token: boolean }[],
): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const tokenPatterns = forbidden
    .filter((entry) => entry.token)
    .map((entry) => ({
      entry,
      pattern: new RegExp(`(^|[^\\w.-])${entry.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`, 'i'),
    }));
  const phrases = forbidden.filter((entry) => !entry.token);
  for (const file of await listFiles(distDir)) {
    if (/\.(png|jpe?g|gif|ico|woff2?|wasm)$/.test(file)) continue;
    const raw = await readBuiltText(file);
    const text = normalise(raw);
    const relative = path.relative(distDir, file);
    for (const { entry, pattern } of tokenPatterns)
      if (pattern.test(raw)) leaks.push({ file: relative, found: entry.text, source: entry.source });
    for (const entry of phrases)
      if (text.includes(entry.text)) leaks.push({ file: relative, found: entry.text, source: entry.source });
  }
  return leaks;
}
