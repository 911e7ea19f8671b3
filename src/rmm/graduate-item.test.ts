import { describe, expect, it } from 'vitest';
import type { RepositoryFiles } from '../content/repository-files.ts';
import { parseContentSet } from '../core/content-set.ts';
import { UserError } from '../core/errors.ts';
import { graduateItem } from './graduate-item.ts';

/**
 * The graduation use case in process: content in memory, the profile written to a map. The CLI's
 * end-to-end tests are in test/evidence.test.ts.
 */

const PROFILE =
  '---\nname: Acme Dental\ntimezone: UTC\nvisit: day 1\noverrides:\n  move:\n    - { id: checkin, tier: remote, reason: by phone }\n---\nAcme.\n';

function evidence(month: string): string {
  return JSON.stringify({
    client: 'acme',
    month,
    source: { rmm: 'tactical', exportedAt: `${month}-01T06:00:00Z` },
    devices: [
      {
        id: 'a1',
        hostname: 'AC-SRV01',
        lastSeen: `${month}-01T05:59:00Z`,
        maintenanceMode: false,
        checks: [
          {
            id: 'd',
            name: 'Disk C:',
            type: 'diskspace',
            target: 'C:',
            alerting: { email: true, sms: false, dashboard: false },
            status: 'passing',
            lastRun: `${month}-01T05:50:00Z`,
          },
        ],
      },
    ],
  });
}

function repository(months: string[]) {
  const files = new Map<string, string>(
    Object.entries({
      'content/msp.yaml': 'name: MSP\nsiteUrl: https://docs.msp.example\nrepo: msp/binders\ntimezone: UTC\n',
      'templates/checklists/monthly.md':
        '---\ntitle: Monthly\n---\n## RMM\n- Confirm disk alerting {#rmm-disk automatic rmm=diskspace}\n- Test alert {#rmm-stop automatic}\n- Check in {#checkin onsite}\n',
      'content/clients/acme/index.md': PROFILE,
      ...Object.fromEntries(months.map((month) => [`content/evidence/acme/${month}.json`, evidence(month)])),
    }),
  );
  const content = parseContentSet([...files].map(([path, text]) => ({ path, text })));
  const store: RepositoryFiles = {
    read: async (file) => files.get(file),
    write: async (file, text) => {
      files.set(file, text);
    },
  };
  return { content, files, store };
}

const now = new Date('2026-12-02T12:00:00Z');

describe('graduateItem', () => {
  it('adds the skip under the profile’s existing overrides and says what it wrote', async () => {
    const { content, files, store } = repository(['2026-10', '2026-11', '2026-12']);
    const graduation = await graduateItem(content, store, { client: 'acme', item: 'rmm-disk', now });
    expect(graduation).toEqual({
      file: 'content/clients/acme/index.md',
      clientName: 'Acme Dental',
      skip: {
        id: 'rmm-disk',
        reason:
          'Proven by tactical RMM evidence 3 months in a row since 2026-10; comes back when its evidence stops being proven',
        graduated: '2026-12-02',
      },
      since: '2026-10',
      months: 3,
    });
    const written = files.get('content/clients/acme/index.md') ?? '';
    expect(written.match(/^overrides:/gm)).toHaveLength(1);
    const reread = parseContentSet([...files].map(([path, text]) => ({ path, text })));
    expect(reread.clients[0]?.data.overrides.skip).toEqual([graduation.skip]);
  });

  it('refuses, writing nothing, an item not proven long enough, one the RMM cannot prove, or an unknown client', async () => {
    const { content, files, store } = repository(['2026-11', '2026-12']);
    const attempt = (client: string, item: string) =>
      graduateItem(content, store, { client, item, now }).catch((error: unknown) => error);
    const early = await attempt('acme', 'rmm-disk');
    expect(early).toBeInstanceOf(UserError);
    expect((early as Error).message).toMatch(/^`rmm-disk` at acme is not ready .* proven 2 of the 3 months/);
    expect(((await attempt('acme', 'rmm-stop')) as Error).message).toContain(
      'the template names no RMM checks',
    );
    expect(((await attempt('acme', 'checkin')) as Error).message).toContain('it is in the remote tier');
    expect(((await attempt('globex', 'rmm-disk')) as Error).message).toBe(
      'there is no client `globex`; clients are: acme.',
    );
    expect(files.get('content/clients/acme/index.md')).toBe(PROFILE);
  });
});
