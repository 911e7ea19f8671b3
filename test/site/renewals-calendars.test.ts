import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import nodeIcal, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MSP_WITH_HISTORY } from '../helpers/fixture-msp.ts';
import { buildCheckout, makeCheckout, removeCheckout } from '../helpers/temp-checkout.ts';

/**
 * Renewals from the binder on the sites, and the calendar feeds, from real builds of the fixture
 * MSP, read back with a calendar parser (node-ical).
 */
const exec = promisify(execFile);
const NOW = '2026-12-02T12:00:00Z';
let root: string;
let first: { staff: string; client: string };
let second: string;

function events(text: string): VEvent[] {
  return Object.values(nodeIcal.sync.parseICS(text)).filter(
    (entry): entry is VEvent => entry?.type === 'VEVENT',
  );
}
const feed = (dist: string, name = 'visits.ics') => readFile(path.join(dist, 'calendar', name), 'utf8');

beforeAll(async () => {
  root = await makeCheckout(FIXTURE_MSP_WITH_HISTORY, { git: true });
  first = {
    staff: (await buildCheckout(root, { now: NOW, outDir: 'dist-first' })).dist,
    client: (await buildCheckout(root, { now: NOW, client: 'acme-dental' })).dist,
  };
  // Acme's visits move from the second Tuesday to the third, in a later commit.
  const profile = path.join(root, 'content/clients/acme-dental/index.md');
  await writeFile(
    profile,
    (await readFile(profile, 'utf8')).replace('visit: second tuesday', 'visit: third tuesday'),
  );
  // A commit an hour after the fixture's own (made now): the profile's last change moves on.
  const later = new Date(Date.now() + 3_600_000).toISOString();
  await exec('git', ['commit', '-qam', 'Acme: visits move to the third Tuesday'], {
    cwd: root,
    env: { ...process.env, GIT_COMMITTER_DATE: later, GIT_AUTHOR_DATE: later },
  });
  second = (await buildCheckout(root, { now: NOW, outDir: 'dist-second' })).dist;
}, 300_000);

afterAll(async () => {
  if (root) await removeCheckout(root);
});

describe('renewals on the sites', () => {
  it('the staff home lists every client’s renewals of the next 90 days and the expired ones, soonest first', async () => {
    const html = await readFile(path.join(first.staff, 'index.html'), 'utf8');
    const panel = html.slice(html.indexOf('id="renewals"'), html.indexOf('id="overdue"'));
    const order = [
      'NAS AC-NAS01 warranty',
      'Offsite backup storage plan',
      'AC-FW01 threat-protection licence',
      'globex-law.example domain',
    ];
    for (const item of order) expect(panel).toContain(item);
    expect(order.map((item) => panel.indexOf(item))).toEqual(
      [...order.map((item) => panel.indexOf(item))].sort((a, b) => a - b),
    );
    expect(panel).toMatch(/expired<\/strong> 2026-11-10/);
    expect(panel).toContain('href="/clients/acme-dental/binder/backups/"');
  });

  it('a client’s site shows the renewals of its client-visible sections only', async () => {
    const html = await readFile(path.join(first.client, 'index.html'), 'utf8');
    expect(html).toContain('Offsite backup storage plan');
    expect(html).toContain('NAS AC-NAS01 warranty');
    expect(html).not.toContain('AC-FW01 threat-protection licence');
    expect(html).not.toContain('globex');
  });
});

describe('calendar feeds', () => {
  it('the staff feed holds twelve months of visits for every active client, at their local time', async () => {
    const visits = events(await feed(first.staff)).filter((event) => String(event.uid).startsWith('visit-'));
    expect(visits).toHaveLength(24);
    const december = visits.find(
      (event) => event.uid === 'visit-acme-dental-2026-12@docs.northwind-it.example',
    );
    expect(december?.start.tz).toBe('America/Chicago');
    // 09:00 in Chicago on the second Tuesday of December 2026 is 15:00 UTC.
    expect(december?.start.toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(december?.location).toBe(undefined);
    expect(String(december?.description)).toMatch(
      /onsite: https:\/\/github\.com\/northwind-it\/binders\/issues\?q=/,
    );
  });

  it('lists renewals as all-day events, and asks for a daily refresh', async () => {
    const text = await feed(first.staff);
    expect(text).toContain('X-PUBLISHED-TTL:P1D');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:P1D');
    const renewal = events(text).find((event) =>
      String(event.summary).startsWith('Expires: globex-law.example domain'),
    );
    expect(renewal?.datetype).toBe('date');
    expect(renewal?.start.toISOString().slice(0, 10)).toBe('2027-01-25');
  });

  it('UIDs are stable across builds; a moved visit keeps its UID with a higher SEQUENCE', async () => {
    const before = events(await feed(first.staff));
    const after = events(await feed(second));
    expect(after.map((event) => event.uid).sort()).toEqual(before.map((event) => event.uid).sort());
    const uid = 'visit-acme-dental-2026-12@docs.northwind-it.example';
    const was = before.find((event) => event.uid === uid);
    const now = after.find((event) => event.uid === uid);
    expect(was?.start.toISOString()).toBe('2026-12-08T15:00:00.000Z');
    expect(now?.start.toISOString()).toBe('2026-12-15T15:00:00.000Z');
    expect(Number(now?.sequence)).toBeGreaterThan(Number(was?.sequence));
    const globex = (list: VEvent[]) =>
      list.find((event) => event.uid === 'visit-globex-law-2026-12@docs.northwind-it.example');
    expect(globex(after)?.sequence).toBe(globex(before)?.sequence);
  });

  it('each technician gets a feed of the clients assigned to them', async () => {
    const jane = events(await feed(first.staff, 'jane-tech.ics'));
    expect(
      new Set(
        jane
          .filter((event) => String(event.uid).startsWith('visit-'))
          .map((event) => String(event.uid).replace(/-\d{4}-\d{2}@.*$/, '')),
      ),
    ).toEqual(new Set(['visit-acme-dental', 'visit-globex-law']));
  });

  it("the staff home links to the visits feed and to each technician's, and says how to subscribe", async () => {
    const home = await readFile(path.join(first.staff, 'index.html'), 'utf8');
    expect(home).toContain('href="/calendar/visits.ics"');
    expect(home).toContain('href="/calendar/jane-tech.ics"');
    expect(home).toContain('From URL');
    // No path into the repository, which a reader of the site cannot follow.
    expect(home).not.toContain('docs/calendars.md');
    expect(home).not.toContain('&lt;login&gt;');
  });

  it('a client’s feed holds only that client: its visits and client-visible renewals', async () => {
    const text = await feed(first.client);
    const list = events(text);
    expect(list.filter((event) => String(event.uid).startsWith('visit-'))).toHaveLength(12);
    expect(list.every((event) => String(event.uid).includes('acme-dental'))).toBe(true);
    expect(text).not.toMatch(/globex|AC-FW01|github\.com/i);
    // Acme has no portal: nothing in its feed names the staff site.
    expect(text).not.toContain('docs.northwind-it.example');
  });
});

describe('feeds at an unguessable URL', () => {
  it('with BINDER_FEED_SECRET, each site puts its feeds under a key of its own, and links to it', async () => {
    const { execFile: run } = await import('node:child_process');
    const { productionEnv } = await import('../helpers/temp-checkout.ts');
    const { readdir } = await import('node:fs/promises');
    const build = (client: string) =>
      promisify(run)(process.execPath, ['--experimental-strip-types', 'scripts/build-site.ts'], {
        cwd: root,
        env: {
          ...productionEnv(),
          BINDER_NOW: NOW,
          BINDER_OUT_DIR: `dist-key-${client || 'staff'}`,
          BINDER_CLIENT: client,
          BINDER_FEED_SECRET: 'correct-horse-battery-staple-42',
        },
      });
    await build('');
    const [staffKey] = await readdir(path.join(root, 'dist-key-staff/calendar'));
    const staffHome = await readFile(path.join(root, 'dist-key-staff/index.html'), 'utf8');
    expect(staffHome).toContain(`href="/calendar/${staffKey}/jane-tech.ics"`);
    await build('acme-dental');
    const keys = await readdir(path.join(root, 'dist-key-acme-dental/calendar'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    const html = await readFile(path.join(root, 'dist-key-acme-dental/index.html'), 'utf8');
    expect(html).toContain(`href="/calendar/${keys[0]}/visits.ics"`);
    expect(
      events(await readFile(path.join(root, `dist-key-acme-dental/calendar/${keys[0]}/visits.ics`), 'utf8'))
        .length,
    ).toBeGreaterThan(12);
  });
});
