import path from 'node:path/posix';
import GithubSlugger from 'github-slugger';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { rawHtmlElements } from './content-html.ts';
import type { ContentSet } from './content-model.ts';
import { clientOfPath } from './content-paths.ts';
import { type Diagnostic, errorAt, warningAt } from './diagnostics.ts';
import { closestMatch, editDistance } from './text.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** A link is checked when it is relative (a file, or `#anchor` on the same page): not a URL with a scheme, not protocol-relative. */
function isRelativeLink(url: string): boolean {
  return url !== '' && url !== '#' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

// Cheap test before paying for a Markdown parse: most files have no relative link at all.
const MAYBE_RELATIVE =
  /\]\(\s*<?(?![a-z][a-z0-9+.-]*:|\/\/)|^\s*\[[^\]]+\]:\s*<?(?![a-z][a-z0-9+.-]*:|\/\/)|<(?:a|img)\s/im;

function nearest(target: string, candidates: readonly string[]): string | undefined {
  const base = path.basename(target);
  const dir = path.dirname(target);
  let best: { file: string; score: number } | undefined;
  for (const candidate of candidates) {
    if (path.dirname(candidate) !== dir) continue;
    const score = editDistance(base, path.basename(candidate));
    if (score <= 3 && (!best || score < best.score)) best = { file: candidate, score };
  }
  return best?.file;
}

/**
 * The ids a content page's headings get on the sites: the Markdown engine's (Astro's heading-ids
 * plugin: github-slugger over the heading's text, `-1`, `-2` for repeats, after smart
 * punctuation turned `--` into a dash the slug drops), Starlight's `_top` for the page title, the
 * `top` every browser knows, and `user-content-<id>` for an `id` or `name` in raw HTML (the sites
 * prefix them, as GitHub does).
 */
export function headingIdsOf(body: string): Set<string> {
  const ids = new Set(['_top', 'top']);
  const slugger = new GithubSlugger();
  visit(parser.parse(body), ['heading', 'html'], (node) => {
    if (node.type === 'heading') {
      const text = mdastToString(node, { includeImageAlt: false, includeHtml: false });
      ids.add(slugger.slug(text.replace(/---/g, '\u2014').replace(/--/g, '\u2013')));
      return;
    }
    for (const { element } of rawHtmlElements((node as { value: string }).value, { line: 1, column: 1 }))
      for (const key of ['id', 'name'])
        if (typeof element.properties[key] === 'string') ids.add(`user-content-${element.properties[key]}`);
  });
  return ids;
}

interface Reference {
  url: string;
  at: { file: string; line: number; col: number };
  /** A raw HTML `<img>`: the build publishes images written in Markdown only. */
  rawImage: boolean;
}

/** Every link and image of a body: Markdown links, images, definitions, and raw HTML `<a href>`/`<img src>`. */
function referencesOf(entry: { file: string; body: string; bodyLine: number }): Reference[] {
  const references: Reference[] = [];
  const at = (line: number, column: number) => ({
    file: entry.file,
    line: entry.bodyLine + line - 1,
    col: column,
  });
  visit(parser.parse(entry.body), ['link', 'image', 'definition', 'html'], (node) => {
    const start = (node as { position?: { start: { line: number; column: number } } }).position?.start ?? {
      line: 1,
      column: 1,
    };
    if (node.type !== 'html') {
      references.push({
        url: (node as { url?: string }).url ?? '',
        at: at(start.line, start.column),
        rawImage: false,
      });
      return;
    }
    for (const { element, line, column } of rawHtmlElements((node as { value: string }).value, start)) {
      const url =
        element.tagName === 'a'
          ? element.properties.href
          : element.tagName === 'img'
            ? element.properties.src
            : undefined;
      if (typeof url === 'string')
        references.push({ url, at: at(line, column), rawImage: element.tagName === 'img' });
    }
  });
  return references;
}

/**
 * Checks every relative link and image between content files, in Markdown and in raw HTML: the
 * target must exist, and a client's page must not link to another client's files (that page is
 * published on the client's own site, where the other client's pages do not exist and must not
 * be named). A raw `<img>` must use an absolute URL (the build publishes images written in
 * Markdown only). A link's `#anchor` must name a heading of its page: a warning otherwise (the
 * link still opens the page, at its top).
 */
export function checkContentLinks(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Set(content.files.map((file) => file.path));
  type Entry = { file: string; body: string; bodyLine: number; clientVisible: boolean };
  // The pages whose headings an anchor may name (not archives: their page is made from the data).
  const pages: Entry[] = [
    ...content.clients.map((client) => ({
      file: client.file,
      body: client.body,
      bodyLine: client.bodyLine,
      clientVisible: true,
    })),
    ...content.clients.flatMap((client) =>
      [...client.binder, ...client.notes].map((entry) => ({
        ...entry,
        clientVisible: entry.data.visibility === 'client',
      })),
    ),
  ];
  const entries: Entry[] = [
    ...pages,
    ...content.archives.map((archive) => ({ ...archive, clientVisible: false })),
  ];
  const internalPages = new Set(
    content.clients.flatMap((client) =>
      [...client.binder, ...client.notes]
        .filter((entry) => entry.data.visibility === 'internal')
        .map((entry) => entry.file),
    ),
  );
  const pageBodies = new Map(pages.map((page) => [page.file, page.body]));
  const idsByFile = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    const ids = idsByFile.get(file) ?? headingIdsOf(pageBodies.get(file) ?? '');
    idsByFile.set(file, ids);
    return ids;
  };
  const checkAnchor = (reference: Reference, target: string, fragment: string | undefined) => {
    if (!fragment || !pageBodies.has(target)) return;
    let id: string;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      id = fragment;
    }
    const ids = idsOf(target);
    if (ids.has(id)) return;
    const headings = [...ids].filter((candidate) => !['_top', 'top'].includes(candidate));
    const guess = closestMatch(id, headings);
    diagnostics.push(
      warningAt(
        reference.at,
        'link',
        `link \`${reference.url}\`: ${target === reference.at.file ? 'this page' : target} has no heading \`#${id}\` (the link opens the page at its top)`,
        guess
          ? `did you mean \`#${guess}\`?`
          : headings.length
            ? `use one of its headings' anchors: ${headings
                .slice(0, 8)
                .map((heading) => `\`#${heading}\``)
                .join(', ')}${headings.length > 8 ? ', …' : ''}`
            : 'remove the `#…` part, or add the heading to that page',
      ),
    );
  };
  for (const entry of entries) {
    if (!MAYBE_RELATIVE.test(entry.body)) continue;
    for (const reference of referencesOf(entry)) {
      const { url, at } = reference;
      if (!isRelativeLink(url)) continue;
      let decoded: string;
      try {
        decoded = decodeURI(url);
      } catch {
        decoded = url;
      }
      const [target = '', fragment] = decoded.split('#', 2);
      if (!target) {
        checkAnchor(reference, entry.file, fragment);
        continue;
      }
      const resolved = target.startsWith('/')
        ? path.normalize(target.slice(1))
        : path.normalize(path.join(path.dirname(entry.file), target));
      const from = clientOfPath(entry.file);
      const to = clientOfPath(resolved);
      if (from && to && from !== to) {
        diagnostics.push(
          errorAt(
            at,
            'link',
            `link \`${url}\` points into another client's folder (\`${to}\`)`,
            "a client's pages must not name or link other clients: their sites are published separately. Remove the link",
          ),
        );
        continue;
      }
      if (known.has(resolved)) {
        if (reference.rawImage)
          diagnostics.push(
            errorAt(
              at,
              'link',
              `raw HTML image \`<img src="${url}">\`: the sites publish images written in Markdown only, so this one would be missing`,
              `write it as a Markdown image: \`![description](${url})\``,
            ),
          );
        else if (entry.clientVisible && internalPages.has(resolved))
          diagnostics.push(
            warningAt(
              at,
              'link',
              `link \`${url}\` goes to a staff-only page: on the client's site it shows as plain text`,
              'link to a client-visible page instead, or keep it if the text alone is enough for the client',
            ),
          );
        checkAnchor(reference, resolved, fragment);
        continue;
      }
      const guess = nearest(resolved, [...known]);
      diagnostics.push(
        errorAt(
          at,
          'link',
          `broken link \`${url}\`: no such file ${resolved}`,
          guess
            ? `did you mean \`${path.relative(path.dirname(entry.file), guess)}\`?`
            : 'correct the path (relative to this file) or remove the link',
        ),
      );
    }
  }
  return diagnostics;
}
