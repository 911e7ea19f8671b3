import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8',
};

/** Whether `file` is `root` or inside it (a sibling such as `dist-staff` beside `dist` is not). */
const isWithin = (root: string, file: string) => file === root || file.startsWith(`${root}${path.sep}`);

/**
 * Serves a built site from `dir` (for printing it to PDF, screenshots, browser tests and `npm run
 * preview`), on 127.0.0.1 and a free port unless told otherwise. A missing page gets the site's
 * own `404.html` when it has one.
 */
export async function serveDirectory(
  dir: string,
  options: { host?: string; port?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(dir);
  const notFound = path.join(root, '404.html');
  const server = createServer(async (req, res) => {
    let file: string;
    try {
      file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!isWithin(root, file)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch {
      const page = await stat(notFound).then(
        () => notFound,
        () => undefined,
      );
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (page) createReadStream(page).pipe(res);
      else res.end('<h1>Not found</h1>');
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
