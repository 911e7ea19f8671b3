import { describe, expect, it } from 'vitest';
import { checkContentHtml } from './check-content-html.ts';
import { parseContentSet } from './content-set.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { SMALL_MSP } from './fixtures.test-support.ts';

const check = (body: string) =>
  checkContentHtml(
    parseContentSet(
      Object.entries({
        ...SMALL_MSP,
        'content/clients/acme/binder/network.md': `---\ntitle: Network\n---\n${body}\n`,
      }).map(([path, text]) => ({ path, text })),
    ),
  ).map(formatDiagnostic);

describe('checkContentHtml', () => {
  it('accepts the HTML people use in binders, comments and Markdown links to allowed URLs', () => {
    expect(
      check(
        [
          '<!-- staff only: the closet key is with Dana -->',
          '| Port | Use |',
          '|---|---|',
          '| 443 | <kbd>HTTPS</kbd><br>admin |',
          '',
          '<details>',
          '<summary>Old rules</summary>',
          '',
          'Kept for <abbr title="reference">ref</abbr>, x<sup>2</sup>.',
          '',
          '</details>',
          '',
          '[docs](https://example.com/) [mail](mailto:help@example.com) [here](./backups.md) <https://example.com>',
          '<img src="https://example.com/rack.png" alt="Rack"> <a href="#wan" title="WAN">WAN</a>',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('pins each problem in a multi-line HTML block to its own line and column', () => {
    expect(
      check(
        [
          'Intro.',
          '',
          '<div>',
          '  <p>Call us</p>',
          '  <button onclick="alert(1)">Go</button>',
          '</div>',
          '',
          '![chart](data:image/svg+xml;base64,PHN2Zz4=)',
        ].join('\n'),
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/clients/acme/binder/network.md:8:3: \`<button>\` is not allowed in content: the sites drop it Fix: remove it; content may use Markdown and simple HTML: tables, \`<br>\`, \`<details>\`/\`<summary>\`, \`<kbd>\`, \`<abbr>\`, \`<sup>\`/\`<sub>\` (docs/content-format.md lists it)",
        "content/clients/acme/binder/network.md:11:1: image \`data:image/svg+xml;base64,PHN2Zz4=\`: the sites show images only from http, https or relative URLs, and drop this one Fix: use an https:// image or a file next to this one",
      ]
    `);
  });
});
