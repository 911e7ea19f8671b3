import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readContent } from '../content/read-content.ts';
import type { ContentSet } from '../core/content-model.ts';
import { clientOfPath } from '../core/content-paths.ts';
import { checklistForAudience } from './site-model.ts';

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

/** A string that must not appear, where it comes from, and whether it is a token (matched whole). */
export interface ForbiddenString {
  /** The normalised text (tokens as written). */
  text: string;
  /** Where it came from: `client <slug>`, `internal <file>`. */
  source: string;
  /** Tokens (hostnames, addresses) match as whole words; phrases match inside normalised text. */
  token: boolean;
}

/** The text of an archive as the client's site may show it: statuses, items, client-visible notes and comments. */
function clientVisibleArchiveText(archive: ContentSet['archives'][number]): string {
  const visible = checklistForAudience(archive.data, 'client');
  return [
    ...visible.items.flatMap((item) => [item.text, item.note ?? '']),
    ...visible.comments.map((comment) => comment.body),
  ].join('\n');
}

/** What of an archive is staff-only: internal comments and notes drawn from them. */
function internalArchiveText(archive: ContentSet['archives'][number]): string {
  return [
    ...archive.data.items
      .filter((item) => item.note && item.noteVisibility !== 'client')
      .map((item) => item.note ?? ''),
    ...archive.data.comments
      .filter((comment) => comment.visibility !== 'client')
      .map((comment) => comment.body),
  ].join('\n');
}

/**
 * What must never appear in `client`'s site: every other client's name, slug, hostnames,
 * addresses, emails and distinctive phrases; the distinctive phrases of this client's internal
 * sections and notes; and its archives' staff-only comments and notes. What this client's own
 * site may show (its profile, client-visible pages, the client-visible part of its archives)
 * and the shared files are allowed, so a shared word is never a false alarm.
 */
export function forbiddenStrings(
  content: ContentSet,
  client: string,
  options: { allowArchives?: boolean } = {},
): ForbiddenString[] {
  const own = content.clients.find((entry) => entry.slug === client);
  if (!own) throw new Error(`no client ${client}`);
  const ownVisibleFiles = new Set([
    own.file,
    ...own.binder.filter((section) => section.data.visibility === 'client').map((section) => section.file),
    ...own.notes.filter((note) => note.data.visibility === 'client').map((note) => note.file),
  ]);
  const ownArchives = content.archives.filter((archive) => archive.data.client === client);
  const allowedTexts = [
    ...content.files.filter((file) => ownVisibleFiles.has(file.path)).map((file) => file.text),
    // An archive is checked against the rest (findForeignArchiveContent), so it cannot vouch for itself there.
    ...(options.allowArchives === false ? [] : ownArchives.map(clientVisibleArchiveText)),
    ...content.files.filter((file) => clientOfPath(file.path) === undefined).map((file) => file.text),
  ];
  const allowed = normalise(allowedTexts.join('\n'));
  const allowedTokens = new Set(tokens(allowedTexts.join('\n')));
  const out = new Map<string, ForbiddenString>();
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
    for (const file of content.files.filter((candidate) => clientOfPath(candidate.path) === other.slug)) {
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
  for (const archive of ownArchives) {
    const text = internalArchiveText(archive);
    for (const phrase of phrases(text, 24)) add(phrase, `internal comments of ${archive.file}`, false);
    for (const token of tokens(text)) add(token, `internal comments of ${archive.file}`, true);
  }
  return [...out.values()];
}

/**
 * An archive is published on its folder's client site, so what that site shows of it (items,
 * client-visible notes and comments) must hold nothing of another client: an issue labelled for
 * one client whose marker named another once wrote one client's hosts into the other's history.
 * Staff-only comments may mention another client; they never reach the client's site.
 */
export function findForeignArchiveContent(content: ContentSet, client: string): Leak[] {
  const foreign = forbiddenStrings(content, client, { allowArchives: false }).filter((entry) =>
    entry.source.startsWith('client '),
  );
  const leaks: Leak[] = [];
  for (const archive of content.archives.filter((entry) => clientOfPath(entry.file) === client)) {
    const raw = clientVisibleArchiveText(archive);
    leaks.push(
      ...matchForbidden(raw, foreign).map((entry) => ({
        file: archive.file,
        found: entry.text,
        source: entry.source,
      })),
    );
  }
  return leaks;
}

/** The forbidden strings found in a text. */
function matchForbidden(raw: string, forbidden: readonly ForbiddenString[]): ForbiddenString[] {
  const text = normalise(raw);
  return forbidden.filter((entry) =>
    entry.token
      ? new RegExp(`(^|[^\\w.-])${entry.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`, 'i').test(
          raw,
        )
      : text.includes(entry.text),
  );
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

/** Images and other binary files of other clients, by content hash and by file-name stem. */
export interface ForeignAssets {
  /** sha256 of the bytes → where the file came from. */
  hashes: Map<string, string>;
  /** File name without extension (`rack-photo`) → where it came from; Astro keeps it in `_astro/`. */
  stems: Map<string, string>;
}

const BINARY = /\.(png|jpe?g|gif|webp|avif|svg|ico|pdf|woff2?|wasm|zip)$/i;

function stemOf(file: string): string {
  return path.basename(file).split('.')[0]?.toLowerCase() ?? '';
}

/**
 * Every binary file under other clients' folders: a client's site must contain none of them, not
 * even re-encoded (Astro keeps the original name before the hash in `_astro/`).
 */
export async function foreignAssets(root: string, client: string): Promise<ForeignAssets> {
  const hashes = new Map<string, string>();
  const stems = new Map<string, string>();
  const ownStems = new Set<string>();
  for (const dir of ['content/clients', 'content/checklists']) {
    const files = await listFiles(path.join(root, dir)).catch(() => [] as string[]);
    for (const file of files.filter((candidate) => BINARY.test(candidate))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const owner = clientOfPath(relative);
      if (owner === client) {
        ownStems.add(stemOf(file));
        continue;
      }
      const source = `client ${owner} (${relative})`;
      hashes.set(
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
        source,
      );
      stems.set(stemOf(file), source);
    }
  }
  for (const stem of ownStems) stems.delete(stem);
  return { hashes, stems };
}

/** Scans every file of a built site for the forbidden strings; returns what it found. */
export async function findLeaks(
  distDir: string,
  forbidden: readonly ForbiddenString[],
  assets: ForeignAssets = { hashes: new Map(), stems: new Map() },
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
    const relative = path.relative(distDir, file);
    if (BINARY.test(file) && !file.endsWith('.svg')) {
      const hash = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
      const source = assets.hashes.get(hash) ?? assets.stems.get(stemOf(file));
      if (source) leaks.push({ file: relative, found: path.basename(file), source });
      continue;
    }
    const raw = await readBuiltText(file);
    const text = normalise(raw);
    for (const { entry, pattern } of tokenPatterns)
      if (pattern.test(raw)) leaks.push({ file: relative, found: entry.text, source: entry.source });
    for (const entry of phrases)
      if (text.includes(entry.text)) leaks.push({ file: relative, found: entry.text, source: entry.source });
  }
  return leaks;
}

/**
 * Everything the leak check proves about one client's built site: no other client's strings or
 * assets in `distDir` (Pagefind's compressed index included), nothing staff-only, and nothing of
 * another client in the archives the site is built from.
 */
export async function checkClientSite(
  root: string,
  distDir: string,
  client: string,
): Promise<{ leaks: Leak[]; forbidden: number }> {
  const content = await readContent(root);
  const forbidden = forbiddenStrings(content, client);
  const leaks = [
    ...(await findLeaks(distDir, forbidden, await foreignAssets(root, client))),
    ...findForeignArchiveContent(content, client),
  ];
  return { leaks, forbidden: forbidden.length };
}
