import { generateKeyPairSync, randomBytes } from 'node:crypto';
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
    expect(PROSE_PASSWORD_PATTERN.test('**Password:** hunter22')).toBe(true);
    expect(PROSE_PASSWORD_PATTERN.test('password: see the manager')).toBe(false);
  });
});

/**
 * An OpenSSH private key block as `ssh-keygen` writes it (`openssh-key-v1` and key bytes, in
 * base64 lines of 70), made at run time; `bodyLength` bytes of key material after the magic.
 */
function openSshKey(bodyLength: number): { block: string; firstLine: string } {
  const base64 = Buffer.concat([Buffer.from('openssh-key-v1\0'), randomBytes(bodyLength)]).toString('base64');
  const lines = base64.match(/.{1,70}/g) ?? [];
  return {
    block: ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----'].join('\n'),
    firstLine: lines[0] ?? '',
  };
}
const shortKey = openSshKey(30);
const quotedKey = openSshKey(300);
const cutKey = openSshKey(300);

/**
 * Secrets as technicians really write them in comments, notes and binder sections (audit of issue
 * "Issue data is untrusted input"): each text and the secret in it, which must be found by
 * `check` and be gone after the archive's redaction.
 */
const AS_PEOPLE_WRITE_THEM: [string, string][] = [
  ['**Password:** Kibble#2024', 'Kibble#2024'],
  ['Reset the NAS; **Wi-Fi password**: WoofWoof-7781.', 'WoofWoof-7781'],
  ['__Admin password__ = `Tr0ub4dor&3`', 'Tr0ub4dor&3'],
  ['<b>password</b>: Kibble#2024', 'Kibble#2024'],
  ['Changed the admin password to Tr0ub4dor&3 today.', 'Tr0ub4dor&3'],
  ['changed the password to Kibble#2024', 'Kibble#2024'],
  ['router admin/Hunter2024! (web UI on 8443)', 'Hunter2024!'],
  ['RDP: administrator Kibble#2024', 'Kibble#2024'],
  [
    'BitLocker recovery key 123456-654321-111111-222222-333333-444444-555555-666666',
    '123456-654321-111111-222222-333333-444444-555555-666666',
  ],
  ['- [x] Run the UPS self-test — n/a: UPS web admin pw: Kibble#2024', 'Kibble#2024'],
  ['pw: hunter2x', 'hunter2x'],
  ['admin pw is Kibble#2024', 'Kibble#2024'],
  ['pass: Kibble#2024', 'Kibble#2024'],
  ['login admin, pass Kibble#2024', 'Kibble#2024'],
  ['password hunter2', 'hunter2'],
  ['new password Kibble#2024', 'Kibble#2024'],
  ['Password - Kibble#2024', 'Kibble#2024'],
  ['Creds: admin / Kibble#2024', 'Kibble#2024'],
  ['**Credentials:** svc-backup / Summer2026', 'Summer2026'],
  ['SNMP community: Publ1cStr!ng', 'Publ1cStr!ng'],
  ['SNMP community string is n0tpublic', 'n0tpublic'],
  ['PIN 4431 for the side door', '4431'],
  [shortKey.block, shortKey.firstLine],
  [quotedKey.block.replace(/^/gm, '> '), quotedKey.firstLine],
  [cutKey.block.split('\n').slice(0, 4).join('\n'), cutKey.firstLine],
];

/** Harmless lines that look a little like the secrets above: none may be reported or redacted. */
const HARMLESS = [
  'see the password manager entry',
  '**Password:** see the password manager entry "Acme / NAS"',
  'Password: *in the password manager*',
  '**Password manager:** "Harbor Dental / Firewall admin"',
  'password policy reviewed',
  'Password policy reviewed with the office manager; 14 characters minimum.',
  "reset the user's password via the portal",
  'Reset the front desk password via the Microsoft 365 portal.',
  'The admin password was changed to meet the new policy.',
  'Password changed, stored in the password manager.',
  'Password reset for 3 users after the phishing test.',
  'Passwords expire every 90 days; password-protected PDFs go by email.',
  'pass: all tests',
  'pass: 14/14 checks',
  'All tests pass: backup, restore, UPS.',
  'Commit 3f786850e387550fdab836ed7e6dc881de23001b fixed the backup job (short: 3f78685).',
  '| UPS / SMT1500 |',
  '| UPS / model | SMT1500RM2U |',
  '| Device | User | Password |\n|---|---|---|',
  '| **Device** | **Password** |\n|---|---|\n| NAS | see the password manager |',
  '| Check | Pass |\n|---|---|\n| UPS self-test | yes |\n| Restore test | no |',
  'Door code: in the password manager ("Acme / Alarm").',
  'BitLocker recovery keys are escrowed in Entra ID.',
  'Recovery key: stored in Entra ID',
  'SNMP community: see the password manager',
  'Credentials: admin / see the password manager',
  'Login: admin (password in the password manager)',
  'admin/user accounts reviewed; root / sudo access unchanged',
  'Phone 555-0142, ext 12; ticket 4411; firmware 2.1.4',
  '-----BEGIN PUBLIC KEY----- is what the vendor asked for; we sent the public key only.',
];

describe('secrets as people write them', () => {
  it.each(AS_PEOPLE_WRITE_THEM)('finds and redacts the secret in %j', async (text, secret) => {
    const diagnostics = await scanSecrets([{ path: 'content/clients/acme/binder/notes.md', text }]);
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    for (const diagnostic of diagnostics)
      expect(`${diagnostic.message} ${diagnostic.fix}`).not.toContain(secret);
    const redacted = await redactSecrets(text);
    expect(redacted.text).not.toContain(secret);
    expect(redacted.text).toContain('[redacted: looks like');
    expect((await redactSecrets(redacted.text)).text).toBe(redacted.text);
  });

  it.each(HARMLESS)('leaves %j alone', async (text) => {
    expect(await scanSecrets([{ path: 'content/clients/acme/binder/notes.md', text }])).toEqual([]);
    expect((await redactSecrets(text)).text).toBe(text);
  });

  it('keeps the words and the emphasis around a redacted password', async () => {
    expect((await redactSecrets('**Password:** Kibble#2024 (front desk)')).text).toBe(
      '**Password:** [redacted: looks like a password; store it in the password manager] (front desk)',
    );
    expect((await redactSecrets('password=**Kibble#2024**')).text).toBe(
      'password=**[redacted: looks like a password; store it in the password manager]**',
    );
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
