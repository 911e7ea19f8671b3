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
 * starting with "see", "in the password manager", "stored in", "N/A" and the like are allowed.
 */
export const PROSE_PASSWORD_PATTERN =
  /\b(?:passwords?|passwd|pwd|pass ?phrase|passcode|pin(?: code)?|pre-?shared key|psk|wi-?fi (?:key|password)|wpa2? key|community string|secret key|api key)\b\s*(?:is|[:=])\s*(?!\s*(?:see|in|on|stored|kept|refer|from|the|our|your|its|their|n\/a|none|unset|not set|tbd|password manager|managed|rotated|changed|required)\b)["'`]?(?<secret>[^\s"'`|,;)]{4,})/i;

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
