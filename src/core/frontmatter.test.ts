import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.ts';
import {
  editFrontmatterYaml,
  fillPlaceholders,
  parseMarkdownWithFrontmatter,
  stringifyMarkdown,
} from './frontmatter.ts';

const parse = (text: string) => parseMarkdownWithFrontmatter('page.md', text);

describe('parseMarkdownWithFrontmatter', () => {
  it('splits the frontmatter from the body and says where the body starts', () => {
    const parsed = parse('---\ntitle: Backups\norder: 50\n---\nNightly to the NAS.\n\nSecond paragraph.\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ title: 'Backups', order: 50 });
    expect(parsed.body).toBe('Nightly to the NAS.\n\nSecond paragraph.\n');
    expect(parsed.bodyLine).toBe(5);
  });

  it('keeps a blank line after the closing fence as the first body line', () => {
    const parsed = parse('---\ntitle: A\n---\n\nText.\n');
    expect(parsed.body).toBe('\nText.\n');
    expect(parsed.bodyLine).toBe(4);
  });

  it('names the line and column of each value, and of a missing value’s parent', () => {
    const parsed = parse('---\ntitle: A\nowner:\n  name: jane\n  team: [a, b]\n---\n');
    expect(parsed.positionOf(['title'])).toEqual({ file: 'page.md', line: 2, col: 8 });
    expect(parsed.positionOf(['owner', 'team', 1])).toEqual({ file: 'page.md', line: 5, col: 13 });
    expect(parsed.positionOf(['owner', 'missing'])).toEqual({ file: 'page.md', line: 4, col: 3 });
    expect(parsed.positionOf(['nothing'])).toEqual({ file: 'page.md', line: 2, col: 1 });
  });

  it('reads CRLF files and a byte-order mark with the same lines and a LF body', () => {
    const parsed = parse('\uFEFF---\r\ntitle: A\r\nrole: [x\r\n---\r\nBody\r\nmore\r\n');
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([
      'page.md:3:9: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] Fix: check indentation, colons and quotes on this line; quote text that contains `: ` or starts with `@`, `*`, `&` or `{`',
    ]);
    const clean = parse('---\r\ntitle: A\r\n---\r\nBody\r\nmore\r\n');
    expect(clean.data).toEqual({ title: 'A' });
    expect(clean.body).toBe('Body\nmore\n');
    expect(clean.bodyLine).toBe(4);
  });

  it('treats an empty frontmatter as no fields, positioned on its first line', () => {
    const parsed = parse('---\n---\nBody\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({});
    expect(parsed.positionOf(['title'])).toEqual({ file: 'page.md', line: 2, col: 1 });
    expect(parsed.body).toBe('Body\n');
    expect(parsed.bodyLine).toBe(3);
  });

  it('accepts trailing spaces on the fences and keeps body positions', () => {
    const parsed = parse('--- \ntitle: A\n---  \nBody line\n');
    expect(parsed.data).toEqual({ title: 'A' });
    expect(parsed.body).toBe('Body line\n');
    expect(parsed.bodyLine).toBe(4);
  });

  it('reports a file without frontmatter', () => {
    const parsed = parse('# Just a heading\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.body).toBe('# Just a heading\n');
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([
      'page.md:1:1: missing frontmatter: the file must start with a `---` line, YAML fields, and a closing `---` Fix: add the frontmatter block at the top of the file (see docs/content-format.md)',
    ]);
    expect(parse('----\ntitle: A\n----\n').diagnostics).toHaveLength(1);
  });

  it('reports a frontmatter that is never closed', () => {
    const parsed = parse('---\ntitle: A\nBody without a fence\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.body).toBe('');
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([
      'page.md:1:1: the frontmatter opened on line 1 is never closed Fix: add a line with just `---` after the last YAML field',
    ]);
  });

  it('reports YAML errors at their line in the file, and duplicate keys', () => {
    const parsed = parse('---\ntitle: A\ntitle: B\n---\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.col])).toEqual([[3, 1]]);
  });
});

describe('stringifyMarkdown', () => {
  it('writes YAML through the yaml library between fences, then the body', () => {
    const text = stringifyMarkdown(
      { date: '2026-11-24', title: 'Replaced UPS battery: "B" bank #2', author: 'jane-tech' },
      '\nWhat was done.\n',
    );
    expect(text).toBe(
      '---\ndate: 2026-11-24\ntitle: \'Replaced UPS battery: "B" bank #2\'\nauthor: jane-tech\n---\n\nWhat was done.\n',
    );
    const back = parse(text);
    expect(back.data).toEqual({
      date: '2026-11-24',
      title: 'Replaced UPS battery: "B" bank #2',
      author: 'jane-tech',
    });
    expect(back.body).toBe('\nWhat was done.\n');
  });

  it('never reads a body that starts with `---` as frontmatter', () => {
    const text = stringifyMarkdown({ title: 'A' }, '---\nnot: frontmatter\n---\n');
    expect(parse(text).data).toEqual({ title: 'A' });
    expect(parse(text).body).toBe('---\nnot: frontmatter\n---\n');
  });
});

describe('editFrontmatterYaml', () => {
  it('edits the YAML in place, keeping comments, flow lists, the fences and the body', () => {
    const text = '---\n# who\nname: A\ntags: [x, y]\n---\nBody {{name}}\n';
    const edited = editFrontmatterYaml(text, (document) => {
      document.set('name', 'B: the "second"');
    });
    expect(edited).toBe('---\n# who\nname: \'B: the "second"\'\ntags: [ x, y ]\n---\nBody {{name}}\n');
    expect(parse(edited ?? '').data).toEqual({ name: 'B: the "second"', tags: ['x', 'y'] });
  });

  it('gives undefined for a file without (closed) frontmatter', () => {
    expect(editFrontmatterYaml('no frontmatter', () => {})).toBeUndefined();
    expect(editFrontmatterYaml('---\nname: A\n', () => {})).toBeUndefined();
  });
});

describe('fillPlaceholders', () => {
  it('fills the frontmatter through the YAML library and the body as text', () => {
    const filled = fillPlaceholders(
      '---\nname: "{{name}}"\ntimezone: "{{timezone}}"\n---\n{{name}}: who.\n',
      {
        name: 'O\'Brien & Sons: "Dental" #1 $&',
        timezone: 'Europe/London',
      },
    );
    expect(parse(filled).data).toEqual({
      name: 'O\'Brien & Sons: "Dental" #1 $&',
      timezone: 'Europe/London',
    });
    expect(parse(filled).body).toBe('O\'Brien & Sons: "Dental" #1 $&: who.\n');
  });

  it('leaves unknown placeholders and files without frontmatter as text', () => {
    expect(fillPlaceholders('Hello {{name}} {{other}}', { name: 'A' })).toBe('Hello A {{other}}');
  });
});
