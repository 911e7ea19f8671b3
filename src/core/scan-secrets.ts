import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';
import type { ContentFile } from './content-model.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';

/**
 * Markdown or HTML emphasis around a keyword or a value (`**Password:**`, `<b>password</b>`,
 * `password=**…**`): it changes how the text looks, not what it says, so it hides no secret.
 */
const EMPHASIS = String.raw`(?:[*_~]{1,3}|<\/?(?:b|strong|em|i)>)*`;

/** Words that name a credential. `pass` alone is also a test result, so its value must look like one. */
const CREDENTIAL_WORDS =
  'passwords?|passwort|passwd|pwd|pw|pass ?phrase|passcode|pin(?: code)?|(?:alarm|door|gate|safe|lock|keypad|entry|building|garage) code|pre-?shared key|psk|wi-?fi (?:key|password|psk)|wpa2? key|(?:snmp )?community string|snmp community|secret key|api key|recovery key|encryption key|pass';

/**
 * What a value starting with these words is: a pointer to where the secret is kept, or prose about
 * it (`Password: see the password manager`, `PIN: N/A`), or a redaction archive wrote itself (so
 * redacted text stays stable across re-archiving).
 */
const POINTER_WORDS = String.raw`(?:see|in|on|at|stored|kept|refer|from|the|our|your|its|their|n\/a|none|unset|not|tbd|password|manager|managed|rotated|changed|required|reset|updated|unchanged|same|removed|expired|expires|vault|bitwarden|1password|keeper|lastpass|hudu|itglue|\[redacted)\b`;
const POINTER_VALUE = new RegExp(`^${POINTER_WORDS}`, 'i');

/**
 * A password, PIN or key written in prose: `password: Tr0ub4dor`, `**Wi-Fi password**: …`,
 * `changed the admin password to …`, `PSK is now …`, `password hunter2`, `PIN 4431`. After `:` or
 * `=` any value counts; after words (`is`, `to`, `changed to`) or nothing, only a value that looks
 * like a credential (letters and digits; a PIN's digits), so "password policy reviewed" is prose.
 */
export const PROSE_PASSWORD_PATTERN = new RegExp(
  // Letters around the keyword, not `\b`: `__password__` is emphasis, and `_` is a word character.
  `(?<![A-Za-z0-9])(?<keyword>${CREDENTIAL_WORDS})(?![A-Za-z0-9])${EMPHASIS}` +
    String.raw`(?<separator>[ \t]*[:=：]|[ \t]+(?:(?:(?:was|has been|is) )?(?:changed|set|reset|updated) to|is now|is|was|now|to|[-–—])(?=[ \t]))?` +
    String.raw`${EMPHASIS}[ \t]*(?<open>${EMPHASIS})["'\x60]?(?!${POINTER_WORDS})(?<secret>[^\s"'\x60|,;)]{4,})`,
  'i',
);

// Global, for `matchAll`, which works on its own copy: one regex serves every text scanned.
const PROSE_PASSWORD_GLOBAL = new RegExp(PROSE_PASSWORD_PATTERN, 'gi');

/**
 * Account names that come with a password (`router admin/Hunter2024!`, `RDP: administrator …`);
 * with no keyword, only a value that looks like a chosen password counts.
 */
const ACCOUNT_PASSWORD_PATTERN = new RegExp(
  String.raw`(?<![\w./:@\\-])(?:administrator|admin|root|sa|ubnt|pi|guest|support|operator|supervisor|cisco|sysadmin|localadmin|svc[\w-]*)\b` +
    String.raw`(?:[ \t]*\/[ \t]*|[:,]?[ \t]+)${EMPHASIS}["'\x60]?(?<secret>[^\s"'\x60|,;)/]{6,})(?=[\s"'\x60|,;)]|$)`,
  'gi',
);

/** `Creds: admin / …`, `login admin, pass …`: a user name, then its password. */
const CREDENTIAL_PAIR_PATTERN = new RegExp(
  String.raw`\b(?:creds?|credentials?|log ?in|logon)\b${EMPHASIS}[ \t]*[:=]?${EMPHASIS}[ \t]*[\w.@\\-]+` +
    String.raw`[ \t]*(?<separator>[/,])[ \t]*(?:pass(?:word)?[ \t]*[:=]?[ \t]*)?${EMPHASIS}["'\x60]?(?<secret>[^\s"'\x60|,;)]{4,})`,
  'gi',
);

/** A BitLocker recovery key: 48 digits in eight groups of six. */
const BITLOCKER_RECOVERY_KEY = /(?<!\d)\d{6}(?:-\d{6}){7}(?!\d)/g;

/** A private key's first line (PEM, OpenSSH, PGP): what follows it up to its END line is the key. */
const PRIVATE_KEY_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;

/** Markdown emphasis closing a value that opened with it (`**Kibble#2024**`): not part of the secret. */
const CLOSING_EMPHASIS = /(?:[*_~]{1,3}|<\/(?:b|strong|em|i)>)+$/;

/** Text that looks like a credential with no keyword to say so: letters and digits; a PIN's digits. */
function looksLikeCredential(value: string, digitsSuffice: boolean): boolean {
  if (digitsSuffice && /^\d{4,}[.!?]?$/.test(value)) return true;
  return value.length >= 5 && /[a-z]/i.test(value) && /\d/.test(value);
}

/**
 * The prose rules (PROSE_PASSWORD_PATTERN, the account and credential pairs) over one text: the
 * value of each match that is not a pointer and, where no `:`/`=` says so, looks like a credential.
 */
function findProseSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const add = (match: RegExpMatchArray, accept: (secret: string) => boolean) => {
    let secret = match.groups?.secret ?? '';
    const start = (match.index ?? 0) + match[0].length - secret.length;
    const lineStart = text.lastIndexOf('\n', start) + 1;
    // `**Password: Kibble#2024**`: the closing emphasis is Markdown, not password.
    if (/[*_~]|<(?:b|strong|em|i)>/.test(text.slice(lineStart, start)))
      secret = secret.replace(CLOSING_EMPHASIS, '') || secret;
    if (POINTER_VALUE.test(secret) || !accept(secret)) return;
    findings.push({ range: [start, start + secret.length], kind: 'password' });
  };
  for (const match of text.matchAll(PROSE_PASSWORD_GLOBAL)) {
    const keyword = match.groups?.keyword?.toLowerCase() ?? '';
    const separator = match.groups?.separator ?? '';
    const value = match.groups?.secret ?? '';
    const digitsSuffice = /\b(?:pin|code)\b/.test(keyword);
    const gap = match[0].slice(keyword.length, match[0].length - value.length);
    add(match, (secret) =>
      /[:=：]/.test(separator) && keyword !== 'pass'
        ? secret.length >= 4
        : /\s/.test(gap) && looksLikeCredential(secret, digitsSuffice),
    );
  }
  for (const match of text.matchAll(ACCOUNT_PASSWORD_PATTERN)) add(match, looksLikePassword);
  for (const match of text.matchAll(CREDENTIAL_PAIR_PATTERN))
    add(match, (secret) => match.groups?.separator === '/' || looksLikeCredential(secret, false));
  return findings;
}

/**
 * Private key blocks secretlint does not take for keys: too short to be a whole key, quoted
 * (`> `), or cut off before their END line. From the BEGIN line to the END line, or else to the
 * last line that looks like key material.
 */
function findPrivateKeyBlocks(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const begin of text.matchAll(PRIVATE_KEY_BEGIN)) {
    const start = begin.index ?? 0;
    const afterBegin = start + begin[0].length;
    const endLine = `-----END ${begin[1] ?? ''}PRIVATE KEY${begin[2] ?? ''}-----`;
    const endAt = text.indexOf(endLine, afterBegin);
    if (
      endAt >= 0 &&
      endAt - afterBegin < 16_384 &&
      /[A-Za-z0-9+/]{16}/.test(text.slice(afterBegin, endAt))
    ) {
      findings.push({ range: [start, endAt + endLine.length], kind: 'private key' });
      continue;
    }
    let end = afterBegin;
    let material = false;
    for (const line of text.slice(afterBegin).split('\n')) {
      const bare = line.replace(/^[\s>]*/, '').trim();
      if (/^(?:[A-Za-z0-9+/=]{16,}\s*)+$/.test(bare)) material = true;
      else if (bare !== '' && !/^[\w-]+: /.test(bare)) break; // PEM headers (`Proc-Type: …`) are part of it
      end += line.length + 1;
    }
    if (material) findings.push({ range: [start, Math.min(end, text.length)], kind: 'private key' });
  }
  return findings;
}

/** The secretlint configuration: the recommended preset, AWS key ids too. */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommendedPreset,
      rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
    },
  ],
};

const FIX =
  'remove it (and rotate it: it is in git history now if it was committed), then refer to the password manager entry instead, e.g. `Password manager: "Harbor Dental / Firewall admin"`';

function describe(message: string, ruleId: string): string {
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
  /^(?:passwords?|passwd|pwd|pw|pass|passcode|pin|psk|pre-?shared key|wi-?fi (?:key|password)|secret|key|code)$/i;
/** Column headers that also mean something else (`Pass` as in pass/fail): their values must look like credentials. */
const AMBIGUOUS_COLUMN = /^(?:pass|key|code)$/i;
/** Cell values that only point at where the secret is kept. */
const POINTER =
  /^(?:|[-–—]|n\/a\b.*|none\b.*|not set\b.*|see\b.*|.*password manager.*|in\b.*|stored\b.*|kept\b.*|\[redacted.*|`?\*+`?)$/i;

/** A cell of three or more words is prose about a credential, not the credential itself. */
const PROSE = /^\S+(?:\s+\S+){2,}$/;

/** True for text that looks like a chosen password: mixed case or symbols, with digits. */
function looksLikePassword(value: string): boolean {
  return value.length >= 6 && /[a-z]/.test(value) && /\d/.test(value) && /[A-Z]|[^\w\s]/.test(value);
}

/** A table cell without its Markdown emphasis. */
function plainCell(cell: string): string {
  return cell.trim().replace(/^(?:[*_~]{1,3}|`)+|(?:[*_~]{1,3}|`)+$/g, '');
}

/**
 * Secrets as people write them: in prose (see findProseSecrets), a table column headed
 * "Password", a `user / password` pair in a table cell, a BitLocker recovery key, an AWS secret
 * access key on its own, a private key block.
 */
function findWrittenSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [...findProseSecrets(text), ...findPrivateKeyBlocks(text)];
  for (const match of text.matchAll(BITLOCKER_RECOVERY_KEY)) {
    const start = match.index ?? 0;
    findings.push({ range: [start, start + match[0].length], kind: 'BitLocker recovery key' });
  }
  let offset = 0;
  let secretColumns: number[] = [];
  let ambiguousColumns: number[] = [];
  for (const line of text.split('\n')) {
    const cells = line.trim().startsWith('|') ? line.split('|').slice(1, -1) : undefined;
    if (!cells) secretColumns = [];
    else if (cells.every((cell) => /^\s*:?-{3,}:?\s*$/.test(cell))) {
      // the header's separator row: the columns were chosen on the row before
    } else {
      const headers = cells.map(plainCell);
      const isHeader = secretColumns.length === 0 && headers.some((header) => SECRET_COLUMN.test(header));
      if (isHeader) {
        secretColumns = headers.flatMap((header, index) => (SECRET_COLUMN.test(header) ? [index] : []));
        ambiguousColumns = headers.flatMap((header, index) => (AMBIGUOUS_COLUMN.test(header) ? [index] : []));
      }
      let cellStart = offset + line.indexOf('|') + 1;
      cells.forEach((cell, index) => {
        const value = cell.trim();
        const start = cellStart + cell.indexOf(value);
        const plain = plainCell(value);
        if (
          !isHeader &&
          secretColumns.includes(index) &&
          !POINTER.test(plain) &&
          !PROSE.test(plain) &&
          (!ambiguousColumns.includes(index) || looksLikeCredential(plain, true))
        )
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

/**
 * Findings that overlap (secretlint's AWS rule and ours on the same key, a password that two
 * prose rules match) are one: the first, widened to cover them all, so a redaction leaves nothing.
 */
function mergeOverlapping(findings: readonly SecretFinding[]): SecretFinding[] {
  const sorted = [...findings].sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  const merged: SecretFinding[] = [];
  for (const finding of sorted) {
    const last = merged.at(-1);
    if (last && finding.range[0] < last.range[1])
      last.range = [last.range[0], Math.max(last.range[1], finding.range[1])];
    else merged.push({ range: [...finding.range], kind: finding.kind });
  }
  return merged;
}

/** Finds secrets in one text with the same rules as `binder check`. */
export async function findSecrets(text: string): Promise<SecretFinding[]> {
  secretLintProfiler.setEnabled(false);
  const result = await lintSource({
    source: { filePath: 'text', content: text, contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  const linted = result.messages.map(
    (message): SecretFinding => ({
      range: [message.range[0], message.range[1]],
      kind: describe(message.message, message.ruleId),
    }),
  );
  return mergeOverlapping([...linted, ...findWrittenSecrets(text)]);
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
  // Findings never overlap (findSecrets merges them): replace from the last one back.
  const findings = (await findSecrets(text)).sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  for (const finding of findings) {
    const [start, end] = finding.range;
    out = `${out.slice(0, start)}${redactionFor(finding.kind)}${out.slice(end)}`;
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
