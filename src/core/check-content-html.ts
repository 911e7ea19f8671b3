import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import {
  isAllowedImageUrl,
  isAllowedUrl,
  rawHtmlElements,
  type StrippedPart,
  strippedFromElement,
} from './content-html.ts';
import type { ContentSet } from './content-model.ts';
import { type Diagnostic, errorAt, type SourcePosition } from './diagnostics.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

// Cheap test before paying for a Markdown parse: raw HTML needs a `<`; a link to a URL the sites
// refuse needs a scheme other than http, https or mailto.
const MAYBE_UNSAFE =
  /<|\]\(\s*<?(?!https?:|mailto:)[a-z][a-z0-9+.-]*:|\]:\s*<?(?!https?:|mailto:)[a-z][a-z0-9+.-]*:/i;

const ALLOWED_HTML =
  'content may use Markdown and simple HTML: tables, `<br>`, `<details>`/`<summary>`, `<kbd>`, `<abbr>`, `<sup>`/`<sub>` (docs/content-format.md lists it)';

/** The diagnostic for one thing the sites drop from content HTML. */
export function strippedPartDiagnostic(at: SourcePosition, part: StrippedPart): Diagnostic {
  switch (part.kind) {
    case 'tag':
      return errorAt(
        at,
        'html',
        `\`<${part.tag}>\` is not allowed in content: the sites drop it${part.withContent ? ' and what it holds' : ''}`,
        part.tag === 'script' || part.tag === 'style'
          ? 'remove it: the sites never run scripts or styles from content'
          : `remove it; ${ALLOWED_HTML}`,
      );
    case 'attribute':
      return errorAt(
        at,
        'html',
        `\`<${part.tag}>\` has attribute \`${part.attribute}\`, which the sites drop`,
        /^on/i.test(part.attribute)
          ? 'remove it: content cannot run code on the sites'
          : `remove the attribute; ${ALLOWED_HTML}`,
      );
    case 'url':
      return urlDiagnostic(at, part.url, part.tag === 'img' || part.attribute === 'src');
  }
}

/** A link or image to a URL the sites refuse (`javascript:`, `data:`, `file:` …). */
export function urlDiagnostic(at: SourcePosition, url: string, image: boolean): Diagnostic {
  const shown = url.length > 40 ? `${url.slice(0, 40)}…` : url;
  return errorAt(
    at,
    'html',
    image
      ? `image \`${shown}\`: the sites show images only from http, https or relative URLs, and drop this one`
      : `link \`${shown}\`: the sites keep only http, https, mailto and relative links, and drop this one`,
    image
      ? 'use an https:// image or a file next to this one'
      : 'link to an http(s) page, a mailto: address or another file in content/',
  );
}

/**
 * The diagnostic for a Markdown link, image or link definition whose URL the sites drop, or
 * nothing when they keep it. Markdown pages (`checkContentHtml`) and `.mdx` pages
 * (`checkMdxFiles`) report it alike.
 */
export function droppedUrlDiagnostic(
  at: SourcePosition,
  url: string,
  image: boolean,
): Diagnostic | undefined {
  const kept = image ? isAllowedImageUrl(url) : isAllowedUrl(url);
  return kept ? undefined : urlDiagnostic(at, url, image);
}

/**
 * Reports, at its line, everything in a Markdown content page's HTML that the sites drop (the
 * site's Markdown pipeline sanitizes with the same schema, src/core/content-html.ts): scripts,
 * styles, frames, forms and fields, event handlers, other unknown tags and attributes, and links
 * or images to URLs other than http(s), mailto and relative ones, in raw HTML and in Markdown
 * links alike. `.mdx` files are checked by `checkMdxFiles`.
 */
export function checkContentHtml(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const pages = [
    ...content.clients.map((client) => ({ file: client.file, body: client.body, bodyLine: client.bodyLine })),
    ...content.clients.flatMap((client) => [...client.binder, ...client.notes]),
  ];
  for (const page of pages) {
    if (page.file.endsWith('.mdx') || !MAYBE_UNSAFE.test(page.body)) continue;
    const tree = parser.parse(page.body);
    const at = (position: { start: { line: number; column: number } } | undefined) => ({
      file: page.file,
      line: page.bodyLine + (position?.start.line ?? 1) - 1,
      col: position?.start.column ?? 1,
    });
    visit(tree, ['html', 'link', 'image', 'definition'], (node) => {
      const position = (node as { position?: { start: { line: number; column: number } } }).position;
      if (node.type === 'html') {
        const start = position?.start ?? { line: 1, column: 1 };
        for (const { element, line, column } of rawHtmlElements((node as { value: string }).value, start))
          for (const part of strippedFromElement(element))
            diagnostics.push(strippedPartDiagnostic(at({ start: { line, column } }), part));
        return;
      }
      const url = (node as { url?: string }).url ?? '';
      const image = node.type === 'image';
      const diagnostic = droppedUrlDiagnostic(at(position), url, image);
      if (diagnostic) diagnostics.push(diagnostic);
    });
  }
  return diagnostics;
}

/** What the sites drop of an MDX HTML element, given its opening tag, for `checkMdxFiles`. */
export function strippedFromOpeningTag(openingTag: string): StrippedPart[] {
  const [element] = rawHtmlElements(openingTag, { line: 1, column: 1 });
  return element ? strippedFromElement(element.element) : [];
}
