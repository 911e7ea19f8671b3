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
