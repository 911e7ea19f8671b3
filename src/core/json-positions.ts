import { type Diagnostic, errorAt } from './diagnostics.ts';
import { type ParsedYaml, parseYamlWithPositions } from './frontmatter.ts';

/**
 * Parses JSON keeping where each value sits, so a schema error names its line. `JSON.parse` is
 * the judge of syntax (YAML would accept things JSON does not, like single quotes); the `yaml`
 * library, which reads JSON as the YAML subset it is, then supplies the positions.
 */
export function parseJsonWithPositions(file: string, text: string): ParsedYaml {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    JSON.parse(clean);
  } catch (error) {
    return {
      data: undefined,
      positionOf: () => ({ file, line: 1, col: 1 }),
      diagnostics: [syntaxError(file, clean, error)],
    };
  }
  return parseYamlWithPositions(file, clean);
}

/** A JSON syntax error at its line: V8 says `… (line 3 column 5)` or `… at position 42`. */
function syntaxError(file: string, text: string, error: unknown): Diagnostic {
  const message = (error as Error).message;
  let line = 1;
  let col = 1;
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  if (lineCol) {
    line = Number(lineCol[1]);
    col = Number(lineCol[2]);
  } else if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    line = before.length;
    col = (before.at(-1)?.length ?? 0) + 1;
  } else if (/end of JSON input/.test(message)) {
    const lines = text.split('\n');
    line = lines.length;
    col = (lines.at(-1)?.length ?? 0) + 1;
  }
  return errorAt(
    { file, line, col },
    'json',
    `JSON syntax error: ${message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')}`,
    'check the commas, quotes and brackets on this line (JSON allows no trailing commas and no comments)',
  );
}
