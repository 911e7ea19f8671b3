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
  /\b(?:passwords?|passwd|pwd|pass ?phrase|passcode|pin(?: code)?|pre-?shared key|psk|wi-?fi (?:key|password)|wpa2? key|community string|secret key|api key)\b\s*(?:is|[:=])\s*(?!\s*(?:(?:see|in|on|stored|kept|refer|from|the|our|your|its|their|n\/a|none|unset|not set|tbd|password manager|managed|rotated|changed|required)\b|\[redacted))["'`]?(?<secret>[^\s"'`|,;)]{4,})/i;

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

/** Finds secrets in one text with the same rules as `binder check`. */
export async function findSecrets(text: string): Promise<SecretFinding[]> {
  secretLintProfiler.setEnabled(false);
  const result = await lintSource({
    source: { filePath: 'text', content: text, contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((message) => {
    const [start, end] = message.range;
    if (!message.ruleId.endsWith('rule-pattern'))
      return { range: [start, end], kind: describe(message.ruleId, message.message) };
    // The prose rule matches "password: hunter2"; redact only the value, keep the words around it.
    const slice = text.slice(start, end);
    const secret = PROSE_PASSWORD_PATTERN.exec(slice)?.groups?.secret;
    const offset = secret ? slice.lastIndexOf(secret) : -1;
    return offset < 0 || !secret
      ? { range: [start, end], kind: 'password' }
      : { range: [start + offset, start + offset + secret.length], kind: 'password' };
  });
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

/**
 * Scans content files for secrets with secretlint. Findings name the file, line and column and
 * never repeat the secret (secretlint's `maskSecrets`). Files are scanned a few at a time:
 * secretlint is CPU-bound, so more concurrency only adds memory.
 */
export async function scanSecrets(files: readonly ContentFile[]): Promise<Diagnostic[]> {
  // secretlint profiles by default: a performance mark per rule per file, kept in memory (a
  // million marks at 100 clients). We never read them (secretlint issue #1633).
  secretLintProfiler.setEnabled(false);
  const diagnostics: Diagnostic[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const result = await lintSource({
        source: { filePath: file.path, content: file.text, contentType: 'text' },
        options: { config: CONFIG, maskSecrets: true, noPhysicFilePath: true },
      });
      for (const message of result.messages) {
        diagnostics.push(
          errorAt(
            { file: file.path, line: message.loc.start.line, col: message.loc.start.column + 1 },
            'secret',
            `possible secret: ${describe(message.ruleId, message.message)}`,
            FIX,
          ),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return diagnostics;
}
