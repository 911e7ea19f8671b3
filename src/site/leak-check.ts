import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listContentFiles, readContentFiles } from '../content/read-content.ts';
import type { ContentSet } from '../core/content-model.ts';
import { classifyContentPath, clientOfPath, contentPaths } from '../core/content-paths.ts';
import { parseContentSet } from '../core/content-set.ts';
import { collectRenewals } from '../core/renewals.ts';
import { checklistForAudience, clientItemTexts } from './site-model.ts';

/** A forbidden string found in a built site. */
export interface Leak {
  /** File in dist, relative. */
  file: string;
  /** What was found. */
  found: string;
  /** Where it came from (e.g. `client whitfield-law`, `internal section firewall`). */
  source: string;
}

/** A text as the leak check compares it: links as their text, no Markdown marks, entities decoded, spaces collapsed, lowercase. */
export function normalise(text: string): string {
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
  // Frontmatter values without their keys, nested ones too (`    text: …`, `  - name: …`).
  const body = text.replace(/^---[\s\S]*?\n---/, (front) =>
    front.replace(/^[ \t]*(?:- )?[\w-]+:[ \t]*/gm, ''),
  );
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

/** The words the client's site shows for the items of a client's archives (clientItemTexts), from the content. */
function itemTextsFor(content: ContentSet, client: string): Map<string, string> {
  const own = content.clients.find((entry) => entry.slug === client);
  if (!own) return new Map();
  const templates = new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
  return clientItemTexts(own, templates, collectRenewals([own]));
}

/** The text of an archive as the client's site may show it: statuses, items, client-visible notes and comments. */
function clientVisibleArchiveText(
  archive: ContentSet['archives'][number],
  itemTexts: ReadonlyMap<string, string>,
): string {
  const visible = checklistForAudience(archive.data, 'client', itemTexts);
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
 * sections and notes; its archives' staff-only comments and notes; and the staff site's host. What this client's own
 * site may show (its profile, client-visible pages, the client-visible part of its archives)
 * and the shared files are allowed, so a shared word is never a false alarm.
 */
export function forbiddenStrings(
  content: ContentSet,
  client: string,
  options: { allowArchives?: boolean; productText?: string } = {},
): ForbiddenString[] {
  const own = content.clients.find((entry) => entry.slug === client);
  if (!own) throw new Error(`no client ${client}`);
  const ownVisibleFiles = new Set([
    own.file,
    ...own.binder.filter((section) => section.data.visibility === 'client').map((section) => section.file),
    ...own.notes.filter((note) => note.data.visibility === 'client').map((note) => note.file),
  ]);
  const ownArchives = content.archives.filter((archive) => archive.data.client === client);
  const itemTexts = itemTextsFor(content, client);
  const allowedTexts = [
    ...content.files.filter((file) => ownVisibleFiles.has(file.path)).map((file) => file.text),
    // An archive is checked against the rest (findForeignArchiveContent), so it cannot vouch for itself there.
    ...(options.allowArchives === false
      ? []
      : ownArchives.map((archive) => clientVisibleArchiveText(archive, itemTexts))),
    ...content.files.filter((file) => clientOfPath(file.path) === undefined).map((file) => file.text),
  ];
  const allowedTokens = new Set(tokens(allowedTexts.join('\n')));
  // Every candidate in order first; then which phrases the allowed text holds, in one pass (not
  // one search of it per phrase); then the candidates kept in order, first source winning.
  const candidates: ForbiddenString[] = [];
  /** Phrases that are a whole line of a file (not a name, address or contact): see `productText`. */
  const lines = new Set<string>();
  const add = (text: string, source: string, token: boolean, line = false) => {
    const key = token ? text : normalise(text);
    if (!key) return;
    candidates.push({ text: key, source, token });
    if (line) lines.add(key);
  };
  for (const other of content.clients) {
    if (other.slug === client) continue;
    const source = `client ${other.slug}`;
    add(other.data.name, source, false);
    add(other.slug, source, true);
    // What the profile says outright, as the pages print it (the file's YAML may quote it).
    if (other.data.address) add(other.data.address, source, false);
    if (other.data.portal) add(other.data.portal.host, source, true);
    for (const contact of other.data.contacts) {
      if (contact.name.length >= 6) add(contact.name, source, false);
      if (contact.email) add(contact.email, source, true);
    }
    for (const file of content.files.filter((candidate) => clientOfPath(candidate.path) === other.slug)) {
      for (const token of tokens(file.text)) add(token, source, true);
      for (const phrase of phrases(file.text, 20)) add(phrase, source, false, true);
    }
  }
  const internal = [
    ...own.binder.filter((section) => section.data.visibility === 'internal'),
    ...own.notes.filter((note) => note.data.visibility === 'internal'),
  ];
  for (const entry of internal) {
    const file = content.files.find((candidate) => candidate.path === entry.file);
    for (const phrase of phrases(file?.text ?? '', 24)) add(phrase, `internal ${entry.file}`, false, true);
    for (const token of tokens(file?.text ?? '')) add(token, `internal ${entry.file}`, true);
  }
  for (const archive of ownArchives) {
    const text = internalArchiveText(archive);
    for (const phrase of phrases(text, 24)) add(phrase, `internal comments of ${archive.file}`, false, true);
    for (const token of tokens(text)) add(token, `internal comments of ${archive.file}`, true);
  }
  const phrasesByText = new Map(
    candidates.filter((entry) => !entry.token).map((entry) => [entry.text, entry]),
  );
  const allowedPhrases = new Set(
    compileForbidden([...phrasesByText.values()])
      .find(allowedTexts.join('\n'))
      .map((entry) => entry.text),
  );
  // A line of content that is the site's own wording (a note titled "Monthly maintenance visit",
  // which every calendar feed says) is on every site anyway. Names, slugs, hosts, addresses and
  // contacts are never allowed this way, even where the product's code or comments mention them.
  const productPhrases = options.productText
    ? new Set(
        compileForbidden([...phrasesByText.values()].filter((entry) => lines.has(entry.text)))
          .find(options.productText)
          .map((entry) => entry.text),
      )
    : new Set<string>();
  const out = new Map<string, ForbiddenString>();
  // The staff site's host: a client's site links to its own portal or nowhere, never to the staff
  // site (msp.yaml, a shared file, names it, so it is not allowed by the shared text).
  const staffHost = content.msp ? new URL(content.msp.siteUrl).host.toLowerCase() : undefined;
  if (staffHost && staffHost !== own.data.portal?.host.toLowerCase())
    out.set(staffHost, { text: staffHost, source: 'staff site', token: true });
  for (const entry of candidates) {
    if (out.has(entry.text)) continue;
    if (entry.token ? allowedTokens.has(entry.text) : allowedPhrases.has(entry.text)) continue;
    if (!entry.token && productPhrases.has(entry.text)) continue;
    out.set(entry.text, entry);
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
  const matcher = compileForbidden(foreign);
  const itemTexts = itemTextsFor(content, client);
  for (const archive of content.archives.filter((entry) => clientOfPath(entry.file) === client)) {
    const raw = clientVisibleArchiveText(archive, itemTexts);
    leaks.push(
      ...matcher.find(raw).map((entry) => ({
        file: archive.file,
        found: entry.text,
        source: entry.source,
      })),
    );
  }
  return leaks;
}

/** ASCII letters lowercased, every other character kept: the string keeps its length. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** `\w` and the characters a token's neighbours may not be (see `tokenPattern`). */
const BEFORE_TOKEN = /[\w.-]/;
const AFTER_TOKEN = /[\w-]/;

/** The regular expression a token is matched with: whole, case-insensitively, not inside a longer name. */
export function tokenPattern(token: string): RegExp {
  return new RegExp(`(^|[^\\w.-])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`, 'i');
}

/** Phrases of at least this length are found through an index of their first characters. */
const PREFIX = 12;

/** The forbidden strings, compiled once to be looked for in many texts. */
export interface ForbiddenMatcher {
  /** The forbidden strings found in a text (raw: tokens are matched in it; phrases in its normalised form). */
  find(raw: string): ForbiddenString[];
}

/**
 * Compiles the forbidden strings for fast matching: a site at 100 clients has some 30,000 of
 * them and hundreds of files, and one regular expression per token per file took a minute per
 * client. The result is the same as testing `tokenPattern(token)` on the raw text for every
 * token and `normalise(raw).includes(phrase)` for every phrase: a token is looked up by its exact
 * (ASCII-lowercased) spelling at each place a token may start and end; a phrase through a map of
 * its first 12 characters (shorter phrases are searched for directly).
 */
export function compileForbidden(forbidden: readonly ForbiddenString[]): ForbiddenMatcher {
  const tokens = new Map<string, ForbiddenString>();
  const irregularTokens: { entry: ForbiddenString; pattern: RegExp }[] = [];
  for (const entry of forbidden.filter((candidate) => candidate.token)) {
    // Tokens are ASCII (hosts, addresses, slugs); anything else is matched by its regular expression.
    if (/^[\x21-\x7e]+$/.test(entry.text) && !tokens.has(asciiLower(entry.text)))
      tokens.set(asciiLower(entry.text), entry);
    else irregularTokens.push({ entry, pattern: tokenPattern(entry.text) });
  }
  const lengths = [...new Set([...tokens.keys()].map((key) => key.length))].sort((a, b) => a - b);
  // Where a token may start, by its first two characters (one, when a token is one character long).
  const head = Math.min(2, lengths[0] ?? 2);
  const starts = new Set([...tokens.keys()].map((key) => key.slice(0, head)));
  const byPrefix = new Map<string, ForbiddenString[]>();
  const shortPhrases: ForbiddenString[] = [];
  for (const entry of forbidden.filter((candidate) => !candidate.token)) {
    if (entry.text.length < PREFIX) {
      shortPhrases.push(entry);
      continue;
    }
    const prefix = entry.text.slice(0, PREFIX);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), entry]);
  }
  return {
    find(raw) {
      const found = new Set<ForbiddenString>();
      if (tokens.size > 0) {
        const lower = asciiLower(raw);
        for (let start = 0; start < lower.length; start++) {
          if (start > 0 && BEFORE_TOKEN.test(lower[start - 1] ?? '')) continue;
          if (!starts.has(lower.slice(start, start + head))) continue;
          for (const length of lengths) {
            const end = start + length;
            if (end > lower.length) break;
            if (end < lower.length && AFTER_TOKEN.test(lower[end] ?? '')) continue;
            const entry = tokens.get(lower.slice(start, end));
            if (entry) found.add(entry);
          }
        }
      }
      for (const { entry, pattern } of irregularTokens) if (pattern.test(raw)) found.add(entry);
      const text = normalise(raw);
      for (let index = 0; index + PREFIX <= text.length; index++) {
        const candidates = byPrefix.get(text.slice(index, index + PREFIX));
        if (!candidates) continue;
        for (const entry of candidates) if (text.startsWith(entry.text, index)) found.add(entry);
      }
      for (const entry of shortPhrases) if (text.includes(entry.text)) found.add(entry);
      return forbidden.filter((entry) => found.has(entry));
    },
  };
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
  for (const dir of [contentPaths.clientsDir, contentPaths.checklistsDir, contentPaths.evidenceDir]) {
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
  const matcher = compileForbidden(forbidden);
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
    for (const entry of matcher.find(await readBuiltText(file)))
      leaks.push({ file: relative, found: entry.text, source: entry.source });
  }
  return leaks;
}

/**
 * The content the leak check of one client needs, without parsing what it only reads as text:
 * this client's files and the shared ones parsed, every client's profile parsed (names,
 * addresses, portals, contacts), and every other file as raw text. At 100 clients with three
 * years of history that skips parsing some 10,000 other clients' archives per client checked.
 * `forbiddenStrings` gives the same result on it as on the whole content set.
 */
export async function readContentForLeakCheck(root: string, client: string): Promise<ContentSet> {
  const paths = await listContentFiles(root);
  const files = await readContentFiles(root, paths);
  const parsed = parseContentSet(
    files.filter((file) => {
      const owner = clientOfPath(file.path);
      return (
        owner === undefined || owner === client || classifyContentPath(file.path).kind === 'client-profile'
      );
    }),
  );
  return { ...parsed, files };
}

/**
 * The wording the site itself prints, whatever the content: the text of the site's code
 * (`src/`: pages, components, the calendar feeds, Starlight's wording in `src/content/i18n`),
 * tests left out. Lines of content that are this wording are no leak (see `forbiddenStrings`).
 */
export async function readProductWording(root: string): Promise<string> {
  const dir = path.join(root, 'src');
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const files = names
    .filter((name) => /\.(astro|ts|json|md)$/.test(name) && !/\.test(-support)?\.ts$/.test(name))
    .sort();
  const texts = await Promise.all(files.map((name) => readFile(path.join(dir, name), 'utf8')));
  return texts.join('\n');
}

/**
 * Everything the leak check proves about one client's built site: no other client's strings or
 * assets in `distDir` (Pagefind's compressed index included), nothing staff-only, and nothing of
 * another client in the archives the site is built from. Returns the leaks and the strings it
 * looked for (a PDF printed from the site is checked for the same).
 */
export async function checkClientSite(
  root: string,
  distDir: string,
  client: string,
): Promise<{ leaks: Leak[]; forbidden: ForbiddenString[] }> {
  const content = await readContentForLeakCheck(root, client);
  const forbidden = forbiddenStrings(content, client, { productText: await readProductWording(root) });
  const leaks = [
    ...(await findLeaks(distDir, forbidden, await foreignAssets(root, client))),
    ...findForeignArchiveContent(content, client),
  ];
  return { leaks, forbidden };
}
