import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { CONTENT_URL_PROTOCOLS, isTypedInField } from './content-html.ts';

/**
 * Text typed into GitHub (comments, notes, items a technician added) is untrusted: it is
 * rendered to HTML here and only here, never by the site's Markdown pipeline. The sanitizer is
 * rehype-sanitize with its default schema, which is GitHub's own: a comment GitHub renders safely
 * renders the same way here, and `<script>`, event handlers, `<iframe>`, `<form>`, `<svg>` and
 * HTML comments do not survive. On top of GitHub's rules:
 * - links keep only `http`, `https` and `mailto` (no `javascript:`, no `data:`);
 * - typed-in form fields go (only task-list boxes stay);
 * - relative links and every image become plain text: a comment cannot point at a page that may
 *   not exist on this site, make a build resolve a file, or load anything from elsewhere.
 */
const SCHEMA = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, ...CONTENT_URL_PROTOCOLS },
};

/** Replaces images and non-absolute links with text, before sanitizing. */
function textForUnsafeReferences() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'img') {
        const alt = String(node.properties.alt ?? '').trim();
        const replacement: ElementContent = { type: 'text', value: alt ? `[image: ${alt}]` : '[image]' };
        parent.children.splice(index, 1, replacement);
        return [SKIP, index];
      }
      if (node.tagName === 'a') {
        const href = String(node.properties.href ?? '');
        if (!/^(https?:\/\/|mailto:)/i.test(href)) {
          parent.children.splice(index, 1, { type: 'text', value: hastToString(node) });
          return [SKIP, index];
        }
      }
      // Only task-list boxes are inputs; a typed-in `<input>` (a password field) goes.
      if (isTypedInField(node)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return undefined;
    });
  };
}

/** Links leave the site without handing it the reader's session or the page they came from. */
function relOnLinks() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a') node.properties.rel = ['nofollow', 'noopener', 'noreferrer'];
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(textForUnsafeReferences)
  .use(rehypeSanitize, SCHEMA)
  .use(relOnLinks)
  .use(rehypeStringify);

/**
 * Renders untrusted Markdown (one comment, one note) to safe HTML. Each call is its own document,
 * so broken Markdown in one comment (an unclosed `<!--`, a stray `<div>`) cannot hide another.
 */
export function renderSafeMarkdown(markdown: string): string {
  return String(processor.processSync(markdown.replace(/\r\n?/g, '\n')));
}
