import { describe, expect, it } from 'vitest';
import { checkMdxFiles } from './check-mdx.ts';
import { formatDiagnostic } from './diagnostics.ts';

const check = (text: string) =>
  checkMdxFiles([{ path: 'content/clients/acme/binder/page.mdx', text }]).map(formatDiagnostic);
const FRONT = '---\ntitle: Page\n---\n';

describe('checkMdxFiles', () => {
  it("accepts Starlight's components with literal attributes, and comments", () => {
    expect(
      check(
        `${FRONT}import { Aside, Tabs, TabItem } from '@astrojs/starlight/components';\n\n{/* reviewed by jane */}\n\n<Aside type="caution">Fragile.</Aside>\n`,
      ),
    ).toEqual([]);
  });

  it('rejects an import of another file, an export and expressions, each at its line', () => {
    const found = check(
      `${FRONT}import Firewall from '../../whitfield-law/binder/firewall.mdx';\nexport const home = process.env.HOME;\n\nToken: {process.env.GITHUB_TOKEN}\n\n<Aside type={(() => 'note')()}>x</Aside>\n`,
    );
    expect(found.join('\n')).toMatchInlineSnapshot(`
      "content/clients/acme/binder/page.mdx:4:1: MDX may only import from \`@astrojs/starlight/components\`; found an import from \`../../whitfield-law/binder/firewall.mdx\` Fix: remove the import: link to another page instead of importing it (a client's page must never include another client's)
      content/clients/acme/binder/page.mdx:4:1: MDX content may not use \`export\` statements: they run code when the site is built Fix: remove it; write the content as Markdown
      content/clients/acme/binder/page.mdx:7:8: MDX expression \`{process.env.GITHUB_TOKEN}\` runs code when the site is built Fix: write the value as text; use \`{/* … */}\` only for comments
      content/clients/acme/binder/page.mdx:9:1: \`<Aside>\` has an attribute expression, which runs code when the site is built Fix: give attributes literal values, e.g. \`type="note"\`"
    `);
  });

  it('reports HTML the sites drop, as in Markdown: scripts, handlers, frames, javascript: links', () => {
    const found = check(
      `${FRONT}import { LinkCard } from '@astrojs/starlight/components';\n\n<kbd>Ctrl</kbd> <img src="x.png" onerror="alert(1)" />\n\n<script>alert(2)</script>\n\n<iframe src="https://evil.example/" />\n\n[portal](javascript:alert(3)) and <a href="https://example.com/">fine</a>\n\n<LinkCard title="Portal" href="javascript:alert(4)" />\n`,
    );
    expect(found.join('\n')).toMatchInlineSnapshot(`
      "content/clients/acme/binder/page.mdx:6:17: \`<img>\` has attribute \`onerror\`, which the sites drop Fix: remove it: content cannot run code on the sites
      content/clients/acme/binder/page.mdx:8:1: \`<script>\` is not allowed in content: the sites drop it and what it holds Fix: remove it: the sites never run scripts or styles from content
      content/clients/acme/binder/page.mdx:10:1: \`<iframe>\` is not allowed in content: the sites drop it Fix: remove it; content may use Markdown and simple HTML: tables, \`<br>\`, \`<details>\`/\`<summary>\`, \`<kbd>\`, \`<abbr>\`, \`<sup>\`/\`<sub>\` (docs/content-format.md lists it)
      content/clients/acme/binder/page.mdx:12:1: link \`javascript:alert(3)\`: the sites keep only http, https, mailto and relative links, and drop this one Fix: link to an http(s) page, a mailto: address or another file in content/
      content/clients/acme/binder/page.mdx:14:1: link \`javascript:alert(4)\`: the sites keep only http, https, mailto and relative links, and drop this one Fix: link to an http(s) page, a mailto: address or another file in content/"
    `);
  });

  it('reports MDX that does not compile at its line (it would fail the build later)', () => {
    expect(check(`${FRONT}# Rack\n\n<div>\nunclosed\n`)).toEqual([
      expect.stringMatching(
        /^content\/clients\/acme\/binder\/page\.mdx:6:1: MDX does not compile: Expected a closing tag for `<div>`/,
      ),
    ]);
  });

  it('leaves .md files alone', () => {
    expect(checkMdxFiles([{ path: 'content/clients/acme/binder/page.md', text: `${FRONT}<div>\n` }])).toEqual(
      [],
    );
  });
});
