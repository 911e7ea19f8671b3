import { describe, expect, it } from 'vitest';
import { contentOf } from '../core/fixtures.test-support.ts';
import { watchedForClient } from './evidence-model.ts';
import { testSiteConfig } from './site-config.test-support.ts';
import { buildSiteModel, monitoredItemNote, monitoredItems } from './site-model.ts';

const run = (month: string) => `${month}-01T05:50:00Z`;
const disk = (id: string, month: string, alerting = true) => ({
  id,
  name: 'Disk C:',
  type: 'diskspace',
  target: 'C:',
  alerting: { email: alerting, sms: false, dashboard: false },
  status: 'passing',
  lastRun: run(month),
});

function evidence(client: string, month: string, hosts: string[], gap?: string): string {
  return JSON.stringify({
    client,
    month,
    source: { rmm: 'tactical', exportedAt: `${month}-01T06:00:00Z` },
    devices: hosts.map((hostname) => ({
      id: `id-${hostname}`,
      hostname,
      lastSeen: run(month),
      maintenanceMode: false,
      ...(hostname.endsWith('SRV01')
        ? { binder: { section: 'servers', host: hostname, by: 'hostname' } }
        : {}),
      checks: hostname === gap ? [] : [disk(`d-${hostname}`, month)],
    })),
  });
}

const FILES: Record<string, string> = {
  'content/msp.yaml': 'name: MSP\nsiteUrl: https://docs.msp.example\nrepo: msp/binders\ntimezone: UTC\n',
  'templates/checklists/monthly.md':
    '---\ntitle: Monthly\n---\n## RMM\n- Confirm disk alerting {#rmm-disk automatic rmm=diskspace}\n- Test alert {#rmm-stop automatic}\n',
  'content/clients/acme/index.md': '---\nname: Acme Dental\ntimezone: UTC\nvisit: day 1\n---\nAcme.\n',
  'content/clients/globex/index.md': '---\nname: Globex Law\ntimezone: UTC\nvisit: day 1\n---\nGlobex.\n',
  'content/clients/initech/index.md': '---\nname: Initech\ntimezone: UTC\nvisit: day 1\n---\nInitech.\n',
  'content/clients/umbrella/index.md':
    '---\nname: Umbrella\nstatus: paused\ntimezone: UTC\nvisit: day 1\n---\nUmbrella.\n',
  'content/evidence/acme/2026-10.json': evidence('acme', '2026-10', ['AC-SRV01', 'AC-PC01']),
  'content/evidence/acme/2026-11.json': evidence('acme', '2026-11', ['AC-SRV01', 'AC-PC01']),
  'content/evidence/acme/2026-12.json': evidence('acme', '2026-12', ['AC-SRV01', 'AC-PC01']),
  'content/evidence/globex/2026-12.json': evidence(
    'globex',
    '2026-12',
    ['GX-SRV01', 'GX-PC07', 'GX-PC08'],
    'GX-PC07',
  ),
};

function model(client?: string, files: Record<string, string> = FILES) {
  const content = contentOf(files);
  const config = testSiteConfig(content.msp, { client, now: '2026-12-02T12:00:00Z' });
  return buildSiteModel({
    config,
    profiles: content.clients,
    sections: [],
    notes: [],
    archives: [],
    templates: new Map([...content.templates].map(([name, entry]) => [name, entry.template])),
    lastUpdated: new Map(),
    evidence: content.evidence,
  });
}

describe('RMM evidence on the sites', () => {
  it('gives the staff overview the latest verdict per item and device', () => {
    const globex = model().evidenceByClient.get('globex');
    expect(globex?.month).toBe('2026-12');
    expect(globex?.items.map((item) => [item.id, item.judgement.status, item.judgement.problems])).toEqual([
      ['rmm-disk', 'not-proven', ['GX-PC07: no diskspace check']],
    ]);
    expect(
      globex?.devices.map((device) => [
        device.hostname,
        device.binder?.section,
        device.items.get('rmm-disk')?.proven,
      ]),
    ).toEqual([
      ['GX-SRV01', 'servers', true],
      ['GX-PC07', undefined, false],
      ['GX-PC08', undefined, true],
    ]);
  });

  it('lists the items ready to leave on the staff home, with the command and the list entry it writes under overrides.skip', () => {
    const [ready] = model().readyToLeave;
    expect(model().readyToLeave).toHaveLength(1);
    expect(ready).toMatchObject({
      client: 'acme',
      id: 'rmm-disk',
      since: '2026-10',
      months: 3,
      profile: 'content/clients/acme/index.md',
      command: 'npm run binder -- graduate --client acme rmm-disk',
      skipEntry:
        '- { id: rmm-disk, reason: "Proven by tactical RMM evidence 3 months in a row since 2026-10; comes back when its evidence stops being proven", graduated: 2026-12-02 }',
    });
    // Never a block starting `overrides:`: pasted into a profile that has one, it would be a duplicate key.
    expect(JSON.stringify(ready)).not.toContain('overrides:');
  });

  it('says on the staff overview when an active client has no evidence, with the items left unproven', () => {
    const staff = model();
    expect(staff.evidenceByClient.has('initech')).toBe(false);
    expect(staff.missingEvidence.get('initech')).toEqual({
      month: '2026-12',
      profile: 'content/clients/initech/index.md',
      items: [{ id: 'rmm-disk', text: 'Confirm disk alerting' }],
    });
    // Clients with evidence, and paused ones (no checklist, so no evidence expected), get no such note.
    expect([...staff.missingEvidence.keys()]).toEqual(['initech']);
    expect(model('initech').missingEvidence.size).toBe(0);
  });

  it("a client's build holds only its own evidence, nothing ready to leave, and plain words without device names", () => {
    const site = model('globex');
    expect([...site.evidenceByClient.keys()]).toEqual(['globex']);
    expect(site.readyToLeave).toEqual([]);
    const lines = watchedForClient(site.evidenceByClient.get('globex') ?? (undefined as never));
    expect(lines).toEqual([{ words: 'Free disk space', watched: 2, devices: 3 }]);
    expect(JSON.stringify(lines)).not.toMatch(/GX-|AC-|diskspace check/);
  });

  it('an item moved off the visit checklist says, beside it, when its latest evidence does not prove it', () => {
    // Globex moved a remote disk check to the automatic tier; its December evidence lacks GX-PC07.
    const files = {
      ...FILES,
      'templates/checklists/monthly.md': `${FILES['templates/checklists/monthly.md']}- Check free disk space {#disk-check remote rmm=diskspace}\n- Review the event log {#event-log remote}\n`,
      'content/clients/globex/index.md':
        '---\nname: Globex Law\ntimezone: UTC\nvisit: day 1\noverrides:\n  move:\n    - { id: disk-check, tier: automatic }\n    - { id: event-log, tier: automatic }\n---\nGlobex.\n',
    };
    for (const client of [undefined, 'globex']) {
      const site = model(client, files);
      const globex = site.bySlug.get('globex') ?? (undefined as never);
      expect(monitoredItems(globex, site.templates, site.evidenceByClient.get('globex'))).toEqual([
        {
          id: 'disk-check',
          text: 'Check free disk space',
          proof: { status: 'not-proven', month: '2026-12', watched: 2, devices: 3 },
        },
        // Not an RMM-judged item: nothing to say either way.
        { id: 'event-log', text: 'Review the event log' },
      ]);
    }
    // Without evidence, no proof either way.
    const site = model(undefined, files);
    expect(
      monitoredItems(site.bySlug.get('globex') ?? (undefined as never), site.templates, undefined),
    ).toEqual([
      { id: 'disk-check', text: 'Check free disk space' },
      { id: 'event-log', text: 'Review the event log' },
    ]);
  });

  it("says how far monitoring watches a moved item only when a count says it: never '3 of your 3' or '0 of your 0'", () => {
    const item = (watched: number, devices: number, status: 'proven' | 'not-proven' = 'not-proven') => ({
      id: 'disk-check',
      text: 'Check free disk space',
      proof: { status, month: '2026-12', watched, devices },
    });
    expect(monitoredItemNote(item(2, 3), 'client')).toBe('watched so far on 2 of your 3 devices');
    expect(monitoredItemNote(item(2, 3), 'staff')).toBe(
      'not proven by the 2026-12 evidence (2 of 3 devices)',
    );
    for (const [watched, devices] of [
      [3, 3],
      [0, 0],
    ] as const) {
      expect(monitoredItemNote(item(watched, devices), 'client')).toBe('not yet confirmed by our monitoring');
      expect(monitoredItemNote(item(watched, devices), 'staff')).toBe('not proven by the 2026-12 evidence');
    }
    expect(monitoredItemNote(item(3, 3, 'proven'), 'client')).toBeUndefined();
    expect(monitoredItemNote({ id: 'x', text: 'X' }, 'staff')).toBeUndefined();
  });
});
