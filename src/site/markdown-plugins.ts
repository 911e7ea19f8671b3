import { defineHastPlugin } from 'satteri';

/**
 * Markdown plugins for the site's content. Astro 7 renders Markdown and MDX with Sätteri, which
 * runs its own plugins (not remark/rehype ones): they are passed to `satteri({ hastPlugins })` in
 * astro.config.mjs, and Starlight adds its asides and heading plugins to the same processor.
 */

/**
 * Removes HTML comments from every rendered page. A binder section's `<!-- staff only: … -->`
 * is invisible in the browser but was shipped in the client's HTML for anyone to read.
 */
export const stripHtmlComments = defineHastPlugin({
  name: 'msp-binder-strip-html-comments',
  comment(node, ctx) {
    ctx.removeNode(node);
  },
  // Raw HTML blocks keep their comments inside the raw text: strip those too.
  raw(node, ctx) {
    const value = node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
    if (value !== node.value) ctx.replaceNode(node, { type: 'raw', value });
  },
});

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
