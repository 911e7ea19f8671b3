import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as patternRule } from '@secretlint/secretlint-rule-pattern';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import type { ContentFile } from './content-model.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';

/**
 * A password, PIN or key written in prose: `password: Tr0ub4dor`, `Wi-Fi key = …`, `PIN 4431`.
 * The sanctioned way to mention a credential is to point at the password manager, so values
 * starting with "see", "in the password manager", "stored in", "N/A" and the like are allowed, and
 * so is a redaction archive wrote itself (so redacted text stays stable across re-archiving).
 */
export const PROSE_PASSWORD_PATTERN =
  /\b(?:passwords?|passwd|pwd|pass ?phrase|passcode|pin(?: code)?|(?:alarm|door|gate|safe|lock|keypad|entry|building|garage) code|pre-?shared key|psk|wi-?fi (?:key|password|psk)|wpa2? key|community string|secret key|api key)\b\s*(?:is(?: now)?|(?:was )?(?:changed|set|reset|updated) to|[:=])\s*(?!\s*(?:(?:see|in|on|stored|kept|refer|from|the|our|your|its|their|n\/a|none|unset|not set|tbd|password manager|managed|rotated|changed|required)\b|\[redacted))["'`]?(?<secret>[^\s"'`|,;)]{4,})/i;

/** The secretlint configuration: recommended preset (AWS key ids too) plus prose passwords. */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommendedPreset,
      rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
    },
    {
      id: '@secretlint/secretlint-rule-pattern',
      rule: patternRule,
      options: {
        patterns: [{ name: 'password written in prose', patterns: [PROSE_PASSWORD_PATTERN.toString()] }],
      },
    },
  ],
};

const FIX =
  'remove it (and rotate it: it is in git history now if it was committed), then refer to the password manager entry instead, e.g. `Password manager: "Harbor Dental / Firewall admin"`';

function describe(ruleId: string, message: string): string {
  if (ruleId.endsWith('rule-pattern')) return 'a password, PIN or key written in the text';
  // secretlint's messages are already masked (maskSecrets); keep what kind of secret it is.
  const kind = (message.split(/(?<=\.)\s/)[0] ?? message)
    .replace(/^found\s+/i, '')
    .replace(/[:(].*$/s, '')
    .trim();
  return kind || ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

/** One secret found in a text: where it is and what kind it looks like. */
export interface SecretFinding {
  /** Offsets `[start, end)` of the secret itself in the text. */
  range: [number, number];
  /** What it looks like, e.g. `AWS Access Key ID`, `password`. */
  kind: string;
}

/** Words in a table header that make a column hold credentials. */
const SECRET_COLUMN =
  /^(?:passwords?|passwd|pwd|pass|passcode|pin|psk|pre-?shared key|wi-?fi (?:key|password)|secret|key|code)$/i;
/** Cell values that only point at where the secret is kept. */
const POINTER =
  /^(?:|[-–—]|n\/a\b.*|none\b.*|not set\b.*|see\b.*|.*password manager.*|in\b.*|stored\b.*|kept\b.*|\[redacted.*|`?\*+`?)$/i;

/** A cell of three or more words is prose about a credential, not the credential itself. */
const PROSE = /^\S+(?:\s+\S+){2,}$/;

/** True for text that looks like a chosen password: mixed case or symbols, with digits. */
function looksLikePassword(value: string): boolean {
  return value.length >= 6 && /[a-z]/.test(value) && /\d/.test(value) && /[A-Z]|[^\w\s]/.test(value);
}

/**
 * Secrets as people write them where no keyword precedes them: a table column headed
 * "Password", a `user / password` pair in a table cell, an AWS secret access key on its own.
 */
function findWrittenSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  let offset = 0;
  let secretColumns: number[] = [];
  for (const line of text.split('\n')) {
    const cells = line.trim().startsWith('|') ? line.split('|').slice(1, -1) : undefined;
    if (!cells) secretColumns = [];
    else if (cells.every((cell) => /^\s*:?-{3,}:?\s*$/.test(cell))) {
      // the header's separator row: the columns were chosen on the row before
    } else {
      const headers = cells.map((cell) => cell.trim());
      const isHeader = secretColumns.length === 0 && headers.some((header) => SECRET_COLUMN.test(header));
      if (isHeader)
        secretColumns = headers.flatMap((header, index) => (SECRET_COLUMN.test(header) ? [index] : []));
      let cellStart = offset + line.indexOf('|') + 1;
      cells.forEach((cell, index) => {
        const value = cell.trim();
        const start = cellStart + cell.indexOf(value);
        if (!isHeader && secretColumns.includes(index) && !POINTER.test(value) && !PROSE.test(value))
          findings.push({ range: [start, start + value.length], kind: 'password in a Password column' });
        const pair = /^([\w.@-]{2,})\s*\/\s*(\S{6,})$/.exec(value);
        if (!isHeader && pair?.[2] && looksLikePassword(pair[2]) && !POINTER.test(pair[2])) {
          const secretStart = start + value.lastIndexOf(pair[2]);
          findings.push({
            range: [secretStart, secretStart + pair[2].length],
            kind: 'user name and password pair',
          });
        }
        cellStart += cell.length + 1;
      });
    }
    // An AWS secret access key is 40 characters of base64; alone it has no keyword to find it by.
    for (const match of line.matchAll(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g)) {
      const key = match[0];
      if (/^[0-9a-f]{40}$/i.test(key) || !/[A-Z]/.test(key) || !/[a-z]/.test(key) || !/\d/.test(key))
        continue;
      const start = offset + (match.index ?? 0);
      findings.push({ range: [start, start + key.length], kind: 'AWS secret access key' });
    }
    offset += line.length + 1;
  }
  return findings;
}

/** Finds secrets in one text with the same rules as `binder check`. */
export async function findSecrets(text: string): Promise<SecretFinding[]> {
  secretLintProfiler.setEnabled(false);
  const result = await lintSource({
    source: { filePath: 'text', content: text, contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  const linted = result.messages.map((message): SecretFinding => {
    const [start, end] = message.range;
    if (!message.ruleId.endsWith('rule-pattern'))
      return { range: [start, end], kind: describe(message.ruleId, message.message) };
    // The prose rule matches "password: hunter2"; redact only the value, keep the words around it.
    const slice = text.slice(start, end);
    const secret = PROSE_PASSWORD_PATTERN.exec(slice)?.groups?.secret;
    const at = secret ? slice.lastIndexOf(secret) : -1;
    return at < 0 || !secret
      ? { range: [start, end], kind: 'password' }
      : { range: [start + at, start + at + secret.length], kind: 'password' };
  });
  // A finding inside one already made (secretlint's AWS rule and ours on the same key) is one.
  const extra = findWrittenSecrets(text).filter(
    (finding) =>
      !linted.some((other) => other.range[0] <= finding.range[0] && finding.range[1] <= other.range[1]),
  );
  return [...linted, ...extra].sort((a, b) => a.range[0] - b.range[0]);
}

/** The visible text that replaces a secret in an archive. */
export function redactionFor(kind: string): string {
  const article = /^[aeiou]/i.test(kind) ? 'an' : 'a';
  return `[redacted: looks like ${article} ${kind}; store it in the password manager]`;
}

/**
 * Replaces every secret in a text with a visible redaction. Deterministic, and stable: the
 * redaction itself is no finding, so redacting twice gives the same bytes.
 */
export async function redactSecrets(text: string): Promise<{ text: string; kinds: string[] }> {
  const findings = (await findSecrets(text)).sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const finding of findings) {
    const [start, end] = finding.range;
    if (end > lastStart) continue; // overlapping findings: the later one already covers it
    out = `${out.slice(0, start)}${redactionFor(finding.kind)}${out.slice(end)}`;
    lastStart = start;
  }
  return { text: out, kinds: [...new Set(findings.map((finding) => finding.kind))].sort() };
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Scans content files for secrets (secretlint's rules and ours, see findSecrets). Findings name
 * the file, line and column and never repeat the secret. Files are scanned a few at a time:
 * secretlint is CPU-bound, so more concurrency only adds memory.
 */
export async function scanSecrets(files: readonly ContentFile[]): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      for (const finding of await findSecrets(file.text)) {
        diagnostics.push(
          errorAt(
            { file: file.path, ...lineAndColumn(file.text, finding.range[0]) },
            'secret',
            `possible secret: ${finding.kind === 'password' ? 'a password, PIN or key written in the text' : finding.kind}`,
            FIX,
          ),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return diagnostics;
}
