import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../scripts/static-server.ts';
import { REPO_ROOT } from './helpers/example-repo.ts';
import { makeTempRepo, removeTempRepo } from './helpers/temp-repo.ts';

/**
 * `npm run preview` serves what the last build published (`dist/`, or BINDER_OUT_DIR): after a
 * client's build, that client's site, never the staff site the cache also holds.
 */

/** GET with the path sent exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function get(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const page = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body>${title}</body></html>`;

let root: string;
const running: ChildProcess[] = [];
beforeAll(async () => {
  root = await makeTempRepo();
  // The staff site's kept output in the cache, a client's site published to dist/ (as after
  // `BINDER_CLIENT=acme npm run build`), and a folder beside dist/ whose name starts the same.
  const files: Record<string, string> = {
    '.cache/site/internal-0123456789ab/dist/index.html': page('Maintenance status | Test MSP · staff'),
    'dist/index.html': page('Acme Dental | Test MSP'),
    'dist/404.html': page('Not found | Test MSP'),
    'dist/clients/acme/index.html': page('Acme Dental overview'),
    'dist/calendar/visits.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    'dist-staff/secret.txt': 'qzstaffonly',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
});
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});
afterAll(async () => {
  if (root) await removeTempRepo(root);
});

/** Starts `scripts/preview.ts` in the temp repo; resolves with its URL once it says it is serving. */
function startPreview(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; line: string }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/preview.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      if (url) resolve({ url, line: out.trim() });
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) => reject(Object.assign(new Error(err.trim()), { code })));
  });
}

describe('npm run preview', () => {
  it('serves the site last published to dist/ and says which it is', async () => {
    const { url, line } = await startPreview(['--port', '0']);
    expect(line).toContain('dist/');
    expect(line).toContain('Acme Dental | Test MSP');
    expect((await get(url, '/')).body).toContain('Acme Dental | Test MSP');
    expect((await get(url, '/clients/acme/')).body).toContain('Acme Dental overview');
    // Calendar feeds as a calendar app expects them.
    const feed = await new Promise<string | undefined>((resolve, reject) => {
      const u = new URL(url);
      request({ host: u.hostname, port: u.port, path: '/calendar/visits.ics' }, (res) => {
        res.resume();
        resolve(res.headers['content-type']);
      })
        .on('error', reject)
        .end();
    });
    expect(feed).toBe('text/calendar; charset=utf-8');
    const missing = await get(url, '/clients/nope/');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('Not found | Test MSP');
  });

  it('serves BINDER_OUT_DIR when it is set', async () => {
    await mkdir(path.join(root, 'out'), { recursive: true });
    await writeFile(path.join(root, 'out/index.html'), page('Out dir site'));
    const { url } = await startPreview(['--port', '0'], { BINDER_OUT_DIR: 'out' });
    expect((await get(url, '/')).body).toContain('Out dir site');
  });

  it('with nothing published, says to build first: one sentence, exit 1', async () => {
    const failure = await startPreview(['--port', '0'], { BINDER_OUT_DIR: 'never-built' }).then(
      () => undefined,
      (error: Error & { code: number }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.message).toBe('error: never-built/ holds no built site: run `npm run build` first.');
  });
});

describe('the static server', () => {
  it('serves nothing outside its folder, a sibling folder whose name starts the same included', async () => {
    const server = await serveDirectory(path.join(root, 'dist'));
    try {
      for (const attempt of [
        '/%2e%2e/dist-staff/secret.txt',
        '/..%2fdist-staff/secret.txt',
        '/../dist-staff/secret.txt',
      ]) {
        const response = await get(server.url, attempt);
        expect(response.body, attempt).not.toContain('qzstaffonly');
        expect(response.status, attempt).toBeGreaterThanOrEqual(400);
      }
    } finally {
      await server.close();
    }
  });
});
