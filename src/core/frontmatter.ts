import matter from 'gray-matter';
import {
  type Document,
  isMap,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  parse as parseYaml,
  stringify as stringifyYaml,
  visit,
} from 'yaml';
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
 * gray-matter, with the `yaml` package as its YAML engine: gray-matter's own js-yaml is never
 * used, so parsing and writing follow one YAML dialect, the one `binder check` reports positions in.
 */
function grayMatterOptions(parse: (text: string) => object) {
  return {
    language: 'yaml',
    engines: {
      yaml: { parse, stringify: (data: object) => stringifyYaml(data, { lineWidth: 0 }) },
    },
  };
}

/** A Markdown file's frontmatter block as gray-matter splits it, with offsets to edit it in place. */
interface FrontmatterSplit {
  /** The file without a byte-order mark. */
  source: string;
  /** The YAML between the fences, LF line ends. */
  yaml: string;
  /** Where the YAML starts in `source`: the line after the opening fence. */
  yamlStart: number;
  /** Where the closing fence starts: `source.slice(yamlStart, yamlEnd)` is the YAML as written. */
  yamlEnd: number;
  /** The body after the closing fence, LF line ends. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** The YAML as parsed by gray-matter's engine (undefined when the block was empty). */
  parsed?: ParsedYaml;
}

/**
 * Splits with gray-matter: the opening fence is a first line of just `---` (trailing spaces
 * allowed), the block closes at the next line starting with `---`. `missing` when there is no
 * opening fence, `unclosed` when the block never closes. `file` names positions in the YAML.
 */
function splitFrontmatter(file: string, text: string): FrontmatterSplit | 'missing' | 'unclosed' {
  const source = text.replace(/^\uFEFF/, '');
  if (!FENCE.test(source.split(/\r?\n/, 1)[0] ?? '')) return 'missing';
  // gray-matter gives no sign of a block that never closes (it takes the rest of the file as
  // YAML); its own test, a later line starting with `---`, tells.
  if (source.indexOf('\n---', 3) < 0) return 'unclosed';
  const toYaml = (raw: string) => {
    // gray-matter's block starts with the rest of the opening fence's line: the YAML starts on line 2.
    const newline = raw.indexOf('\n');
    return newline < 0
      ? ''
      : raw
          .slice(newline + 1)
          .replace(/\r\n/g, '\n')
          .replace(/\r$/, '');
  };
  let parsed: ParsedYaml | undefined;
  const split = matter(
    source,
    grayMatterOptions((raw) => {
      parsed = parseYamlWithPositions(file, toYaml(raw), 1);
      return (parsed.data as object | null) ?? {};
    }),
  );
  // The YAML runs from the line after the opening fence to the closing fence's line.
  const yamlStart = source.indexOf('\n') + 1;
  const yamlEnd = 3 + split.matter.length + 1;
  let body = split.content;
  let head = source.slice(0, source.length - body.length);
  // gray-matter leaves the rest of the closing fence's line (`---  `) in the body: drop it.
  const rest = /^[ \t]*\r?\n/.exec(body);
  if (!head.endsWith('\n') && rest) {
    head += rest[0];
    body = body.slice(rest[0].length);
  }
  return {
    source,
    yaml: toYaml(split.matter),
    yamlStart,
    yamlEnd,
    body: body.replace(/\r\n/g, '\n'),
    bodyLine: head.split('\n').length,
    ...(parsed ? { parsed } : {}),
  };
}

/**
 * Splits a Markdown file's `---` frontmatter from its body with gray-matter and parses the YAML
 * with the `yaml` package (gray-matter's engine here), keeping every value's line and column.
 * CRLF line ends and a byte-order mark are accepted.
 */
export function parseMarkdownWithFrontmatter(file: string, text: string): ParsedMarkdown {
  const split = splitFrontmatter(file, text);
  if (split === 'missing') {
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
  if (split === 'unclosed') {
    return {
      data: undefined,
      body: '',
      bodyLine: text.split(/\r?\n/).length + 1,
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
  // gray-matter does not call its engine for a block of only blank lines and comments.
  const parsed = split.parsed ?? parseYamlWithPositions(file, split.yaml, 1);
  return {
    data: parsed.data ?? (parsed.diagnostics.length === 0 ? {} : undefined),
    body: split.body,
    bodyLine: split.bodyLine,
    positionOf: parsed.positionOf,
    diagnostics: parsed.diagnostics,
  };
}

/**
 * Writes a Markdown file with gray-matter: `data` as YAML (through the `yaml` package, so any
 * text stays one valid string) between `---` fences, then `body`.
 */
export function stringifyMarkdown(data: Readonly<Record<string, unknown>>, body: string): string {
  // A file object rather than a string: gray-matter would otherwise read a body that starts
  // with `---` as frontmatter of its own.
  const file = { content: body, data: {} };
  return matter.stringify(
    file,
    data,
    grayMatterOptions((raw) => parseYaml(raw) ?? {}),
  );
}

/** How to edit a Markdown file: its frontmatter through the YAML document model, its body as text. */
export interface MarkdownEdit {
  /** Changes the frontmatter's YAML document in place. */
  frontmatter?: (document: Document) => void;
  /** The new body (what follows the closing fence's line). */
  body?: (body: string) => string;
}

/**
 * Edits a Markdown file in place: the frontmatter through the YAML library's document model, so
 * comments, key order and flow lists (`[a, b]`) survive and any value stays one valid YAML string;
 * the fences, and the YAML when the edit changed nothing, stay byte for byte. `undefined` when
 * the file has no closed frontmatter.
 */
export function editMarkdown(text: string, edit: MarkdownEdit): string | undefined {
  const split = splitFrontmatter('', text);
  if (typeof split === 'string') return undefined;
  let yaml = split.source.slice(split.yamlStart, split.yamlEnd);
  if (edit.frontmatter) {
    const document = parseDocument(split.yaml);
    const before = document.toString({ lineWidth: 0 });
    edit.frontmatter(document);
    const after = document.contents === null ? '' : document.toString({ lineWidth: 0 });
    if (after !== before) yaml = after;
  }
  const rest = split.source.slice(split.yamlEnd);
  const fenceLine = /^[^\n]*(?:\n|$)/.exec(rest)?.[0] ?? '';
  const body = rest.slice(fenceLine.length);
  return `${split.source.slice(0, split.yamlStart)}${yaml}${fenceLine}${edit.body ? edit.body(body) : body}`;
}

/** Edits a Markdown file's frontmatter in place (see editMarkdown); `undefined` without frontmatter. */
export function editFrontmatterYaml(text: string, edit: (document: Document) => void): string | undefined {
  return editMarkdown(text, { frontmatter: edit });
}

/**
 * Fills `{{placeholder}}`s in a scaffold file (`templates/binder/`): inside the YAML frontmatter
 * through the YAML library, so a value with quotes, colons, `#` or `$&` stays one valid string;
 * in the body as plain text. Files without frontmatter are filled as plain text.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  const fill = (source: string) =>
    source.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? (values[key] ?? '') : whole));
  const filled = editMarkdown(text, {
    frontmatter: (document) =>
      visit(document, {
        Scalar(_key, node) {
          if (typeof node.value === 'string' && /\{\{\w+\}\}/.test(node.value)) node.value = fill(node.value);
        },
      }),
    body: fill,
  });
  return filled ?? fill(text);
}
