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
