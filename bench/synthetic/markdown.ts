import { stringify } from 'yaml';

/**
 * A Markdown file with YAML frontmatter. Values are written by the `yaml` library so that titles
 * with colons or quotes stay valid; `undefined` fields are left out.
 */
export function withFrontmatter(data: Record<string, unknown>, body: string): string {
  const defined = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
  const yaml = stringify(defined, { lineWidth: 0, indentSeq: true });
  return `---\n${yaml}---\n\n${body.trim()}\n`;
}

/** A GitHub-flavoured Markdown table. Pipes in cells are escaped. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${headers.map((_, index) => cell(row[index] ?? '')).join(' | ')} |`),
  ].join('\n');
}

/** A fenced code block. */
export function codeBlock(language: string, lines: readonly string[]): string {
  return `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
}
