import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import { defineHastPlugin, type PluginFactoryContext } from 'satteri';
import { isAllowedImageUrl, isAllowedUrl, sanitizeContentTree } from '../core/content-html.ts';
import { contentPaths } from '../core/content-paths.ts';
import { resolveContentLink } from '../core/site-links.ts';

/**
 * Markdown plugins for the site's content. Astro 7 renders Markdown and MDX with Sätteri, which
 * runs its own plugins (not remark/rehype ones): they are passed to `satteri({ hastPlugins })` in
 * astro.config.mjs, and Starlight adds its asides and heading plugins to the same processor.
 */

/** The whole tree through the content sanitizer (raw HTML parsed first; MDX nodes kept). */
export const sanitizeContentHtmlFully = defineHastPlugin({
  name: 'msp-binder-sanitize-content-html',
  before(root, ctx) {
    ctx.replaceNode(root, sanitizeContentTree(root as Root));
  },
});

/**
 * Sanitizes every page's HTML with the content schema (src/core/content-html.ts): content arrives
 * by pull request, and a `<script>`, an `onerror`, an `<iframe>`, a `<form>` or a `javascript:`
 * link in a binder section would otherwise run on the staff site, where every client's pages share
 * one origin. Raw HTML is parsed into elements first (the link plugin then sees raw `<a href>`),
 * and HTML comments go with it (a client-visible section's `<!-- staff only: … -->` was shipped in
 * the client's HTML). Listed first: Starlight's and Expressive Code's plugins run after it, so
 * what they add (heading ids, code frames and their styles) is theirs, not the content's.
 *
 * A factory, called per document. Reading the whole tree out of the Markdown engine costs about a
 * millisecond a page, and a Markdown page without raw HTML (most of them) can hold nothing the
 * schema drops but a link's or image's URL: such a page only has those checked, with the same
 * rule (`isAllowedUrl`); a test compares the two paths. A page with raw HTML (an aside's icon
 * counts), and every MDX page, goes through the sanitizer whole.
 */
export function sanitizeContentHtml({ sourceFormat }: Pick<PluginFactoryContext, 'sourceFormat'>) {
  if (sourceFormat === 'mdx') return sanitizeContentHtmlFully;
  let raw = false;
  return defineHastPlugin({
    name: 'msp-binder-sanitize-content-html',
    raw() {
      raw = true;
    },
    element: {
      filter: ['a', 'img'],
      visit(node, ctx) {
        const [key, allowed] =
          node.tagName === 'a' ? (['href', isAllowedUrl] as const) : (['src', isAllowedImageUrl] as const);
        const url = node.properties?.[key];
        if (typeof url === 'string' && !allowed(url)) ctx.setProperty(node, key, null);
      },
    },
    after(root, ctx) {
      if (raw) ctx.replaceNode(root, sanitizeContentTree(root as Root));
    },
  });
}

/**
 * Resolves links between content files (`[Backups](./backups.md)`) to the pages they become, on
 * the staff site, a client's site and the printable binder. Written as files so they work in
 * GitHub's preview; without this they were dead links on every site. On a client's site a link to
 * an internal page (or another client's) becomes its text: `internal` lists the client's internal
 * pages (content/internal-pages.ts). `root` turns a document's file URL into a repo path. Raw
 * HTML links (`<a href="./overview.md">`) are elements here too: sanitizeContentHtml, listed
 * before this plugin, parsed them.
 */
export function resolveContentLinks(options: {
  root: string;
  internal: ReadonlySet<string>;
  client?: string;
  base?: string;
}) {
  return ({ fileURL }: { fileURL: URL | undefined }) => {
    if (!fileURL) return undefined;
    const file = path.relative(options.root, fileURLToPath(fileURL)).split(path.sep).join('/');
    if (!file.startsWith(`${contentPaths.contentDir}/`)) return undefined;
    return defineHastPlugin({
      name: 'msp-binder-resolve-content-links',
      element: {
        filter: ['a'],
        visit(node, ctx) {
          const href = typeof node.properties?.href === 'string' ? node.properties.href : undefined;
          if (href === undefined) return;
          const resolved = resolveContentLink(href, file, options.internal, options);
          if (resolved.kind === 'route') ctx.setProperty(node, 'href', resolved.href);
          else if (resolved.kind === 'text')
            ctx.replaceNode(node, { type: 'text', value: ctx.textContent(node) });
        },
      },
    });
  };
}

/**
 * Puts every Markdown table in a scroll box (`.table-scroll`, as src/components/TableScroll.astro
 * does for the pages' own tables): on a phone a wide table scrolls sideways in it, and the box is
 * focusable and named after the section's heading, so it can be scrolled from the keyboard. A
 * factory: Sätteri calls it once per document, so the heading it remembers is that document's.
 */
export function scrollableTables() {
  let heading: string | undefined;
  return defineHastPlugin({
    name: 'msp-binder-scrollable-tables',
    element: {
      filter: ['h2', 'h3', 'h4', 'h5', 'h6', 'table'],
      visit(node, ctx) {
        if (node.tagName !== 'table') {
          heading = ctx.textContent(node).trim() || undefined;
          return;
        }
        ctx.wrapNode(node, {
          type: 'element',
          tagName: 'div',
          properties: {
            className: ['table-scroll'],
            tabIndex: 0,
            role: 'region',
            ariaLabel: heading ?? 'Table',
          },
          children: [],
        });
      },
    },
  });
}
