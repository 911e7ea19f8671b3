import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { type Diagnostic, errorAt, type SourcePosition } from './diagnostics.ts';

/** A Markdown file split into its YAML frontmatter and body, with positions kept. */
export interface ParsedMarkdown {
  /** The frontmatter as plain data (undefined when absent or broken). */
  data: unknown;
  /** The Markdown after the closing `---`. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Where a value (or its key, with `'key'`; or, when missing, its nearest parent) sits in the file. */
  positionOf(path: readonly PropertyKey[], target?: 'value' | 'key'): SourcePosition;
  /** YAML syntax errors and a missing/unclosed frontmatter. */
  diagnostics: Diagnostic[];
}

/** A parsed YAML document that can say where each value came from. */
export interface ParsedYaml {
  /** Plain data. */
  data: unknown;
  /** Where a value (or its key, with `'key'`; or its nearest existing parent) sits. */
  positionOf(path: readonly PropertyKey[], target?: 'value' | 'key'): SourcePosition;
  /** Syntax errors. */
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML with the `yaml` library rather than gray-matter's js-yaml, because only it keeps
 * source ranges: every schema error can then name its line. `lineOffset` is the number of lines
 * before the YAML starts in the file (1 for frontmatter after `---`).
 */
export function parseYamlWithPositions(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: line + lineOffset, col };
  };
  const diagnostics = document.errors.map((error) =>
    errorAt(
      at(error.pos[0]),
      'yaml',
      `YAML syntax error: ${firstLine(error.message)}`,
      'check indentation, colons and quotes on this line; quote text that contains `: ` or starts with `@`, `*`, `&` or `{`',
    ),
  );
  const positionOf = (path: readonly PropertyKey[], target: 'value' | 'key' = 'value'): SourcePosition => {
    let node: unknown = document.contents;
    let best: SourcePosition = at(rangeStart(document.contents) ?? 0);
    for (const [index, key] of path.entries()) {
      if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
      const collection = node as { items: unknown[] };
      let next: unknown;
      let keyNode: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        next = pair?.value;
        keyNode = pair?.key as Node | undefined;
      } else if (typeof key === 'number') {
        next = collection.items[key];
      }
      const last = index === path.length - 1;
      const start =
        last && target === 'key'
          ? (rangeStart(keyNode) ?? rangeStart(next))
          : (rangeStart(next) ?? rangeStart(keyNode));
      if (start === undefined) break;
      best = at(start);
      node = next;
    }
    return best;
  };
  const data = diagnostics.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 });
  return { data, positionOf, diagnostics };
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range ? range[0] : undefined;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

const FENCE = /^---[ \t]*$/;

/**
 * Splits a Markdown file's `---` frontmatter from its body, the way gray-matter and Astro do, and
 * parses the YAML with positions. CRLF line ends are accepted.
 */
export function parseMarkdownWithFrontmatter(file: string, text: string): ParsedMarkdown {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      data: undefined,
      body: text,
      bodyLine: 1,
      positionOf: () => ({ file, line: 1, col: 1 }),
      diagnostics: [
        errorAt(
          { file, line: 1, col: 1 },
          'frontmatter',
          'missing frontmatter: the file must start with a `---` line, YAML fields, and a closing `---`',
          'add the frontmatter block at the top of the file (see docs/content-format.md)',
        ),
      ],
    };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close < 0) {
    return {
      data: undefined,
      body: '',
      bodyLine: lines.length + 1,
      positionOf: () => ({ file, line: 1, col: 1 }),
      diagnostics: [
        errorAt(
          { file, line: 1, col: 1 },
          'frontmatter',
          'the frontmatter opened on line 1 is never closed',
          'add a line with just `---` after the last YAML field',
        ),
      ],
    };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const parsed = parseYamlWithPositions(file, yamlText, 1);
  return {
    data: parsed.data ?? (parsed.diagnostics.length === 0 ? {} : undefined),
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
    positionOf: parsed.positionOf,
    diagnostics: parsed.diagnostics,
  };
}

/**
 * Fills `{{placeholder}}`s in a scaffold file (`templates/binder/`): inside the YAML frontmatter
 * through the YAML library, so a value with quotes, colons, `#` or `$&` stays one valid string;
 * in the body as plain text. Files without frontmatter are filled as plain text.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  const fill = (source: string) =>
    source.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? (values[key] ?? '') : whole));
  const lines = text.split(/\r?\n/);
  const close = FENCE.test(lines[0] ?? '')
    ? lines.findIndex((line, index) => index > 0 && FENCE.test(line))
    : -1;
  if (close < 0) return fill(text);
  const document = parseDocument(lines.slice(1, close).join('\n'));
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /\{\{\w+\}\}/.test(node.value)) node.value = fill(node.value);
    },
  });
  return `---\n${document.toString({ lineWidth: 0 })}---\n${fill(lines.slice(close + 1).join('\n'))}`;
}
