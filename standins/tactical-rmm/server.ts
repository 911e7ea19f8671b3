import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SERVER_ERROR_HTML, type TacticalFault, TacticalFaults, throttledBody } from './faults.ts';
import { route } from './routes.ts';
import { type RecordedRequest, TacticalStore } from './store.ts';

/**
 * A stateful stand-in for the parts of Tactical RMM's API msp-binder reads, on 127.0.0.1:
 * `X-API-KEY` authentication as `tacticalrmm/auth.py` does it (DRF's 401 `{"detail": …}`), the
 * routes of routes.ts, and scripted faults. The store (store.ts) holds the scenario.
 */

export type { TacticalFault } from './faults.ts';

/** Options for the stand-in. */
export interface TacticalStandinOptions {
  /** The API key it accepts (default `test-trmm-key`). */
  apiKey?: string;
  /** The stand-in's clock (alerts' `timeFilter` counts back from it). */
  now?: () => Date;
}

/** A running stand-in. */
export interface TacticalStandin {
  /** Base URL for TRMM_API_URL. */
  url: string;
  /** The scenario: add clients, agents, checks, results and alerts. */
  store: TacticalStore;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** Replaces the scripted faults. */
  setFaults(faults: readonly TacticalFault[]): void;
  /** Stops the server. */
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts a stand-in on a random port of 127.0.0.1. */
export async function startTacticalStandin(options: TacticalStandinOptions = {}): Promise<TacticalStandin> {
  const apiKey = options.apiKey ?? 'test-trmm-key';
  const now = options.now ?? (() => new Date());
  const store = new TacticalStore();
  const faults = new TacticalFaults();
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const key = req.headers['x-api-key'];
    const record: RecordedRequest = {
      method,
      url: `${url.pathname}${url.search}`,
      apiKey: typeof key === 'string' ? key : undefined,
      body,
      status: 0,
    };
    store.requests.push(record);
    const send = (
      status: number,
      payload: unknown,
      type = 'application/json',
      headers: Record<string, string> = {},
    ) => {
      record.status = status;
      res.writeHead(status, {
        'content-type': type,
        ...(status === 401 ? { 'www-authenticate': 'Token' } : {}),
        ...headers,
      });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const fault = faults.take(method, record.url);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === '500') return send(500, SERVER_ERROR_HTML, 'text/html; charset=utf-8');
    if (fault?.kind === '429') {
      const seconds = fault.retryAfter ?? 1;
      return send(429, throttledBody(seconds), 'application/json', { 'retry-after': String(seconds) });
    }
    if (record.apiKey === undefined)
      return send(401, { detail: 'Authentication credentials were not provided.' });
    if (record.apiKey !== apiKey) return send(401, { detail: 'Invalid token.' });
    // Django's APPEND_SLASH: a GET without the slash is redirected; msp-binder never relies on it.
    if (!url.pathname.endsWith('/')) {
      record.status = 301;
      res.writeHead(301, { location: `${url.pathname}/${url.search}` });
      res.end();
      return;
    }
    try {
      const answer = route(store, method, url, body, now());
      send(answer.status, answer.body);
    } catch (error) {
      send(500, { detail: (error as Error).message });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: (error as Error).message }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    requests: store.requests,
    setFaults: (list) => faults.set(list),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
