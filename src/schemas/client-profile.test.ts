import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalProject, portalUrl } from './client-profile.ts';

describe("a client's portal", () => {
  it('is opened at https://<host>/ and deployed to <client>-binder unless the profile says otherwise', () => {
    expect(portalUrl({ host: 'harbor-dental.portal.example' })).toBe('https://harbor-dental.portal.example/');
    expect(portalProject('harbor-dental', { host: 'x.example' })).toBe('harbor-dental-binder');
    expect(portalProject('harbor-dental', { host: 'x.example', project: 'hd' })).toBe('hd');
  });

  it('has its URL built in one place under src/', async () => {
    const src = path.resolve(import.meta.dirname, '..');
    const built: string[] = [];
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|astro)$/.test(entry.name) || entry.name.includes('.test.')) continue;
      const file = path.join(entry.parentPath, entry.name);
      if ((await readFile(file, 'utf8')).includes('`https://${')) built.push(path.relative(src, file));
    }
    expect(built).toEqual(['schemas/client-profile.ts']);
  });
});
