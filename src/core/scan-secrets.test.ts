import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROSE_PASSWORD_PATTERN, redactSecrets, scanSecrets } from './scan-secrets.ts';

// The corpus is assembled at run time so that no real-format secret is ever committed (GitHub's
// push protection would rightly block the push of an MSP that adopts this repository).
const join = (...parts: string[]) => parts.join('');
const privateKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

const SECRETS: Record<string, string> = {
  'AWS access key id': `Backup bucket key ${join('AKIA', 'Z7XQ4Y3W2V5U6T8R')} for the offsite copy`,
  'AWS secret access key': `aws_secret_access_key = ${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzzzKEYabcd')}`,
  'GitHub token': `RMM script uses ${join('ghp_', '1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R')}`,
  'GitHub fine-grained token': `token ${join('github_pat_', '11ABCDEFG0123456789abc_', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW')}`,
  'private key': privateKey,
  'Slack token': `Alerts bot ${join('xoxb-', '123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx')}`,
  'npm token': `publish with ${join('npm_', 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  'database URL with password': `PMS database: ${join('postgres://pmsadmin:', 's3cr3tPassw0rd', '@hd-srv01.harbordental.example:5432/pms')}`,
  'prose password': 'The firewall admin password: Tr0ub4dor&3 (changed last year).',
  'prose password with equals': 'pwd=Winter2026!',
  'Wi-Fi key': 'Guest Wi-Fi key = CorrectHorse99',
  PIN: 'Alarm PIN: 4431',
  'passphrase in backticks': 'Backup encryption passphrase is `blue-otter-lamp-42`',
  // As people really write them (issue "Adopted by a real MSP"): each passed check before.
  'door alarm code': 'Door alarm code: 4471',
  'PSK that "is now"': 'Guest Wi-Fi PSK is now WoofWoof-7781',
  'password "changed to"': 'wifi password changed to Harbor2026Guest!',
  'user / password in a table cell': '| Firewall | admin / Kibble#2024 | web UI on 8443 |',
  'a Password column': '| Device | User | Password |\n|---|---|---|\n| NAS | admin | Sn0wfall-22 |',
  'AWS secret access key on its own': `Offsite bucket: ${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYQQQKEYabcd')}`,
};

const CLEAN = [
  'Admin credentials: password manager entry "Harbor Dental / Firewall admin".',
  'Password: see password manager entry "Harbor Dental / NAS admin"',
  'Password: in the password manager ("Cedar Ledger / Veeam")',
  'The password policy requires 14 characters and MFA.',
  'Wi-Fi password: rotated each July (monthly single); stored in the password manager.',
  'PIN: N/A (badge reader uses cards)',
  '| HD-SRV01 | 192.0.2.10 | Dell PowerEdge T350 | serial 7XK2M93 |',
  'MAC 00:1A:2B:3C:4D:5E on port 12; licence key in the vendor portal.',
  'Example key from AWS docs is not used here.',
  // Harmless lines that look a little like the above.
  'Door alarm code: in the password manager ("Harbor Dental / Alarm").',
  'The Wi-Fi password is changed every July.',
  '| Device | User | Password |',
  '|---|---|---|',
  '| NAS | admin | see password manager: Acme / NAS |',
  '| Switch | admin | — |',
  '',
  '| UPS / model | SMT1500RM2U |',
  '| Server | HD-SRV01 / 192.0.2.10 |',
  'Commit 3f786850e387550fdab836ed7e6dc881de23001b fixed the backup job.',
  'Serial numbers: 7XK2M93, JX1R2B7; PIN pad at the front door.',
].join('\n');

describe('scanSecrets', () => {
  for (const [kind, text] of Object.entries(SECRETS)) {
    it(`finds a ${kind}, at its line, without echoing it`, async () => {
      const file = {
        path: 'content/clients/acme/binder/notes.md',
        text: `---\ntitle: Notes\n---\nIntro line.\n${text}\n`,
      };
      const diagnostics = await scanSecrets([file]);
      expect(diagnostics.length).toBeGreaterThanOrEqual(1);
      const secretPart = text.match(/[A-Za-z0-9/+_&!#-]{4,}/g)?.at(-1) ?? '';
      const line =
        5 +
        Math.max(
          0,
          text.split('\n').findIndex((entry) => entry.includes(secretPart)),
        );
      expect(diagnostics[0]).toMatchObject({ file: file.path, line, rule: 'secret', severity: 'error' });
      expect(diagnostics[0]?.fix).toContain('password manager entry');
      for (const diagnostic of diagnostics)
        expect(`${diagnostic.message} ${diagnostic.fix}`).not.toContain(secretPart);
    });
  }

  it('accepts references to the password manager and look-alikes', async () => {
    expect(await scanSecrets([{ path: 'content/clients/acme/binder/clean.md', text: CLEAN }])).toEqual([]);
  });

  it('pins the message', async () => {
    const [diagnostic] = await scanSecrets([{ path: 'content/x.md', text: SECRETS['prose password'] ?? '' }]);
    expect(diagnostic).toMatchInlineSnapshot(`
      {
        "col": 30,
        "file": "content/x.md",
        "fix": "remove it (and rotate it: it is in git history now if it was committed), then refer to the password manager entry instead, e.g. \`Password manager: "Harbor Dental / Firewall admin"\`",
        "line": 1,
        "message": "possible secret: a password, PIN or key written in the text",
        "rule": "secret",
        "severity": "error",
      }
    `);
  });

  it('scans many files and reports each', async () => {
    const files = Array.from({ length: 50 }, (_, index) => ({
      path: `content/f${index}.md`,
      text: index % 10 === 0 ? `x\npassword: Hunter2${index}` : 'nothing to see',
    }));
    const diagnostics = await scanSecrets(files);
    expect(diagnostics.map((diagnostic) => diagnostic.file).sort()).toEqual(
      ['content/f0.md', 'content/f10.md', 'content/f20.md', 'content/f30.md', 'content/f40.md'].sort(),
    );
  });

  it('the prose pattern is a plain regular expression a reviewer can read', () => {
    expect(PROSE_PASSWORD_PATTERN.test('password: hunter22')).toBe(true);
    expect(PROSE_PASSWORD_PATTERN.test('password: see the manager')).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces each secret with a visible redaction, keeps the words around it, and is stable', async () => {
    const github = `ghp_${'Ab1'.repeat(12)}`;
    const aws = ['AKIA', 'IOSFODNN7', 'EXAMPLQ'].join('');
    const text = `Reset the firewall. Admin password: Tr0ub4dor&3 for now.\nToken ${github} and key ${aws}.`;
    const first = await redactSecrets(text);
    expect(first.text).not.toContain('Tr0ub4dor');
    expect(first.text).not.toContain(github);
    expect(first.text).not.toContain(aws);
    expect(first.text).toContain(
      'Admin password: [redacted: looks like a password; store it in the password manager] for now.',
    );
    expect(first.text).toContain('Reset the firewall.');
    expect(first.kinds.length).toBeGreaterThanOrEqual(3);
    const second = await redactSecrets(first.text);
    expect(second.text).toBe(first.text);
    expect(second.kinds).toEqual([]);
  });
});
