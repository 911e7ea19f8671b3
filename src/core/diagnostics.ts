/** A problem found in content, pinned to a place a person can open. */
export interface Diagnostic {
  /** Repository-relative path with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** What is wrong: expected versus found. */
  message: string;
  /** How to fix it, when there is something specific to say. */
  fix?: string;
  /** A short rule name, e.g. `schema`, `yaml`, `secret`, `link`. */
  rule: string;
  /** Errors fail `binder check`; warnings are printed. */
  severity: 'error' | 'warning';
}

/** A place in a file. */
export interface SourcePosition {
  /** Repository-relative path. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

/** Makes an error diagnostic. */
export function errorAt(at: SourcePosition, rule: string, message: string, fix?: string): Diagnostic {
  return { ...at, rule, message, severity: 'error', ...(fix === undefined ? {} : { fix }) };
}

/** Makes a warning: printed by `check`, but it does not fail it. */
export function warningAt(at: SourcePosition, rule: string, message: string, fix?: string): Diagnostic {
  return { ...errorAt(at, rule, message, fix), severity: 'warning' };
}

/** `path:line:col: message (fix)` — the form editors and CI logs link to. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const fix = diagnostic.fix ? ` Fix: ${diagnostic.fix}` : '';
  const level = diagnostic.severity === 'warning' ? 'warning: ' : '';
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.col}: ${level}${diagnostic.message}${fix}`;
}

/** A GitHub Actions workflow command that shows the diagnostic inline on a pull request. */
export function formatAnnotation(diagnostic: Diagnostic): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command = diagnostic.severity === 'warning' ? 'warning' : 'error';
  const fix = diagnostic.fix ? ` Fix: ${diagnostic.fix}` : '';
  return `::${command} file=${escapeProperty(diagnostic.file)},line=${diagnostic.line},col=${diagnostic.col},title=${escapeProperty(`binder check (${diagnostic.rule})`)}::${escapeData(diagnostic.message + fix)}`;
}

/** Orders diagnostics by file, line, column so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      a.message.localeCompare(b.message),
  );
}
