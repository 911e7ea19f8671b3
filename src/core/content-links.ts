import path from 'node:path/posix';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { ContentSet } from './content-model.ts';
import { clientOfPath } from './content-paths.ts';
import { type Diagnostic, errorAt, warningAt } from './diagnostics.ts';
import { editDistance } from './text.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** A link is checked when it is relative: not a URL with a scheme, not protocol-relative, not a bare #anchor. */
function isRelativeLink(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('#');
}

// Cheap test before paying for a Markdown parse: most files have no relative link at all.
const MAYBE_RELATIVE =
  /\]\(\s*<?(?![a-z][a-z0-9+.-]*:|#|\/\/)|^\s*\[[^\]]+\]:\s*<?(?![a-z][a-z0-9+.-]*:|#|\/\/)/im;

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
 * Checks every relative link and image between content files: the target must exist, and a
 * client's page must not link to another client's files (that page is published on the client's
 * own site, where the other client's pages do not exist and must not be named).
 */
export function checkContentLinks(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = new Set(content.files.map((file) => file.path));
  const entries: { file: string; body: string; bodyLine: number; clientVisible: boolean }[] = [
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
    ...content.archives.map((archive) => ({ ...archive, clientVisible: false })),
  ];
  const internalPages = new Set(
    content.clients.flatMap((client) =>
      [...client.binder, ...client.notes]
        .filter((entry) => entry.data.visibility === 'internal')
        .map((entry) => entry.file),
    ),
  );
  for (const entry of entries) {
    if (!MAYBE_RELATIVE.test(entry.body)) continue;
    const tree = parser.parse(entry.body);
    visit(tree, ['link', 'image', 'definition'], (node) => {
      const url = (node as { url?: string }).url ?? '';
      if (!isRelativeLink(url)) return;
      const position = (node as { position?: { start: { line: number; column: number } } }).position;
      const at = {
        file: entry.file,
        line: entry.bodyLine + (position?.start.line ?? 1) - 1,
        col: position?.start.column ?? 1,
      };
      const [target = ''] = decodeURI(url).split('#');
      if (!target) return;
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
        return;
      }
      if (known.has(resolved)) {
        if (entry.clientVisible && internalPages.has(resolved))
          diagnostics.push(
            warningAt(
              at,
              'link',
              `link \`${url}\` goes to a staff-only page: on the client's site it shows as plain text`,
              'link to a client-visible page instead, or keep it if the text alone is enough for the client',
            ),
          );
        return;
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
    });
  }
  return diagnostics;
}
