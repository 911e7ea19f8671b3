import type { z } from 'zod';
import { type Diagnostic, errorAt, type SourcePosition } from './diagnostics.ts';
import { closestMatch } from './text.ts';

/** Where a schema's fields are documented, for the "fix" hint. */
const FORMAT_DOC = 'docs/content-format.md';

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return '`null`';
  if (typeof input === 'string') return `\`${input.length > 60 ? `${input.slice(0, 57)}...` : input}\``;
  if (input instanceof Date) return `the date ${input.toISOString().slice(0, 10)}`;
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return `\`${String(input)}\``;
}

function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the frontmatter';
  return `\`${path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`)).join('')}\``;
}

function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  // Walk the schema along the path to list allowed keys (zod 4 exposes `shape` on objects).
  let current: unknown = schema;
  const unwrap = (node: unknown): unknown => {
    let value = node as
      | { def?: { innerType?: unknown; in?: unknown; element?: unknown; type?: string } }
      | undefined;
    for (let guard = 0; guard < 10 && value?.def; guard++) {
      if (value.def.innerType) value = value.def.innerType as typeof value;
      else if (value.def.type === 'pipe' && value.def.in) value = value.def.in as typeof value;
      else break;
    }
    return value;
  };
  for (const key of path) {
    current = unwrap(current);
    const node = current as { shape?: Record<string, unknown>; def?: { element?: unknown } };
    if (typeof key === 'number' && node.def?.element) current = node.def.element;
    else if (node.shape && typeof key === 'string') current = node.shape[key];
    else return [];
  }
  const node = unwrap(current) as { shape?: Record<string, unknown> };
  return node?.shape ? Object.keys(node.shape) : [];
}

/**
 * Turns a zod validation failure into one diagnostic per problem, each at the line of the
 * offending value (or of its parent when the value is missing), in words a technician can act on.
 */
export function diagnosticsFromZodError(
  error: z.ZodError,
  schema: z.ZodType,
  positionOf: (path: readonly PropertyKey[], target?: 'value' | 'key') => SourcePosition,
  what: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    const input = (issue as { input?: unknown }).input;
    const field = fieldName(path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = knownKeys(schema, path);
        for (const key of issue.keys) {
          const guess = closestMatch(key, allowed);
          out.push(
            errorAt(
              positionOf([...path, key], 'key'),
              'schema',
              `unknown field \`${key}\` in ${what}${path.length ? ` under ${field}` : ''}${guess ? `: did you mean \`${guess}\`?` : ''}`,
              guess
                ? `rename it to \`${guess}\` (see ${FORMAT_DOC})`
                : allowed.length
                  ? `remove it or use one of: ${allowed.join(', ')} (see ${FORMAT_DOC})`
                  : `remove it (see ${FORMAT_DOC})`,
            ),
          );
        }
        break;
      }
      case 'invalid_type': {
        if (input === undefined) {
          out.push(
            errorAt(
              positionOf(path.slice(0, -1)),
              'schema',
              `missing required field ${field} in ${what}`,
              `add \`${String(path.at(-1))}:\` (see ${FORMAT_DOC})`,
            ),
          );
        } else {
          out.push(
            errorAt(
              positionOf(path),
              'schema',
              `${field} must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}; found ${describeInput(input)}`,
              issue.expected === 'array' ? 'write a YAML list: `[a, b]` or one `- item` per line' : undefined,
            ),
          );
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((value) => `\`${String(value)}\``).join(', ');
        out.push(
          errorAt(
            positionOf(path),
            'schema',
            `${field} must be one of ${values}; found ${describeInput(input)}`,
            `use one of ${values}`,
          ),
        );
        break;
      }
      default: {
        const detail =
          issue.message.startsWith('Invalid') || issue.message.startsWith('Too')
            ? issue.message.toLowerCase()
            : issue.message;
        out.push(errorAt(positionOf(path), 'schema', `${field} ${detail}; found ${describeInput(input)}`));
      }
    }
  }
  return out;
}

/** Validates `data` with `schema`; returns the parsed value or diagnostics pinned to lines. */
export function validateWithPositions<T extends z.ZodType>(
  schema: T,
  data: unknown,
  positionOf: (path: readonly PropertyKey[], target?: 'value' | 'key') => SourcePosition,
  what: string,
): { value?: z.infer<T>; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(data ?? {}, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics: [] };
  return { diagnostics: diagnosticsFromZodError(result.error, schema, positionOf, what) };
}
