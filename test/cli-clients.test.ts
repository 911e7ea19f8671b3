import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_MSP } from './helpers/fixture-msp.ts';
import { makeRepo, removeTempRepo, runBinder } from './helpers/temp-repo.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTempRepo));
});

async function repo(files: Record<string, string> = {}): Promise<string> {
  const root = await makeRepo({ ...FIXTURE_MSP, ...files });
  roots.push(root);
  return root;
}

const withPortal = (profile: string | undefined, portal: string) =>
  (profile ?? '').replace('visit: ', `portal: ${portal}\nvisit: `);

describe('binder clients', () => {
  it('--json lists the active clients with their portal: host, URL and Pages project', async () => {
    const root = await repo({
      'content/clients/acme-dental/index.md': withPortal(
        FIXTURE_MSP['content/clients/acme-dental/index.md'],
        '{ host: Acme-Dental.Portal.Northwind-IT.example }',
      ),
      'content/clients/globex-law/index.md': withPortal(
        FIXTURE_MSP['content/clients/globex-law/index.md'],
        '{ host: globex.portal.northwind-it.example, project: globex-docs }',
      ),
      'content/clients/initech/index.md':
        '---\nname: Initech\nstatus: paused\ntimezone: UTC\nvisit: day 3\n---\nPaused.\n',
    });
    const result = await runBinder(root, ['clients', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        slug: 'acme-dental',
        name: 'Acme Dental Group',
        portal: {
          host: 'acme-dental.portal.northwind-it.example',
          url: 'https://acme-dental.portal.northwind-it.example/',
          project: 'acme-dental-binder',
        },
      },
      {
        slug: 'globex-law',
        name: 'Globex Legal Partners',
        portal: {
          host: 'globex.portal.northwind-it.example',
          url: 'https://globex.portal.northwind-it.example/',
          project: 'globex-docs',
        },
      },
    ]);
  });

  it('says when a client has no portal, in JSON and in words', async () => {
    const root = await repo();
    const json = await runBinder(root, ['clients', '--json']);
    expect(JSON.parse(json.stdout).map((client: { portal: unknown }) => client.portal)).toEqual([null, null]);
    const text = await runBinder(root, ['clients']);
    expect(text.stdout).toMatchInlineSnapshot(`
      "acme-dental  Acme Dental Group: no portal (its site is built, not deployed)
      globex-law   Globex Legal Partners: no portal (its site is built, not deployed)
      2 active clients, 0 with a portal."
    `);
  });

  it('lists the others and exits 1 when a profile is invalid, naming it', async () => {
    const root = await repo({
      'content/clients/globex-law/index.md': '---\nname: Globex\ntimezone: Mars/Olympus\nvisit: day 2\n---\n',
    });
    const result = await runBinder(root, ['clients', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).map((client: { slug: string }) => client.slug)).toEqual(['acme-dental']);
    expect(result.stderr).toContain('content/clients/globex-law/index.md: the profile is invalid');
  });

  it.each([
    ['https://acme.portal.example/', 'must be a hostname'],
    ['{ host: acme.portal.example/path }', 'must be a hostname'],
    ['{ host: acme.portal.example, project: Acme_Docs }', 'must be a Cloudflare Pages project name'],
  ])('check rejects portal %s', async (portal, message) => {
    const root = await repo({
      'content/clients/acme-dental/index.md': withPortal(
        FIXTURE_MSP['content/clients/acme-dental/index.md'],
        portal.startsWith('{') ? portal : `{ host: ${portal} }`,
      ),
    });
    const result = await runBinder(root, ['check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(message);
  });

  it('check names a logo that does not exist', async () => {
    const root = await repo({
      'content/msp.yaml': `${FIXTURE_MSP['content/msp.yaml']}logo: content/missing.svg\n`,
    });
    const result = await runBinder(root, ['check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/content\/msp\.yaml:\d+:\d+: logo `content\/missing\.svg` does not exist/);
  });
});
