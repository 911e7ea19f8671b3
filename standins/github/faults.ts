/**
 * Fault injection for the GitHub stand-in: which request gets which fault (scripted ones in
 * order, or a seeded random share), and what GitHub sends for each kind that is an answer. The
 * kinds that act on the connection (drop, hang, and the apply-then-* kinds, which change state
 * first) are carried out by the server, which owns the socket.
 */

/** A fault the stand-in can inject instead of (or after) handling a request. */
export type FaultKind =
  | '500'
  | '502'
  | '429'
  | 'secondary'
  | 'forbidden'
  | 'drop'
  | 'hang'
  | 'apply-then-502'
  | 'apply-then-drop'
  | 'apply-then-hang';

/** Faults: scripted ones (consumed in order when they match) and/or a seeded random rate. */
export interface FaultPlan {
  /** Each is used once, for the first request that matches. */
  scripted?: { method?: string; path?: RegExp; kind: FaultKind }[];
  /** Random faults on this share of matching requests, from a seeded generator. */
  random?: { rate: number; seed: number; kinds: FaultKind[]; method?: string; path?: RegExp };
  /** Seconds in `retry-after` for 429 and secondary limits (default 1). */
  retryAfter?: number;
}

/** A response the stand-in sends in place of handling the request. */
export interface FaultAnswer {
  /** HTTP status. */
  status: number;
  /** JSON body. */
  body: unknown;
  /** Extra headers (on top of the rate-limit headers every answer has). */
  headers?: Record<string, string>;
}

/** A small seeded generator (mulberry32): the same seed gives the same faults on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.';

/**
 * GitHub's answer to a request its token has no permission for, e.g. a write with a
 * `GITHUB_TOKEN` that lacks `issues: write`: 403, no `retry-after`, and (the server sees to it)
 * an `x-ratelimit-remaining` above 0, so a client cannot mistake it for a rate limit and retry.
 * `documentationUrl` is the endpoint's page in GitHub's REST docs, as GitHub links it.
 */
export function forbiddenAnswer(documentationUrl: string): FaultAnswer {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: documentationUrl,
      status: '403',
    },
  };
}

/**
 * What GitHub sends for a fault that replaces the answer (500, 502, 429, secondary limit,
 * forbidden); undefined for the kinds the server carries out on the connection.
 * `documentationUrl` is the endpoint's docs page, which the forbidden answer links.
 */
export function faultAnswer(
  kind: FaultKind,
  context: { retryAfter: number; documentationUrl: string },
): FaultAnswer | undefined {
  switch (kind) {
    case '500':
      return { status: 500, body: { message: 'Internal Server Error' } };
    case '502':
      return { status: 502, body: { message: 'Server Error' } };
    case '429':
      return {
        status: 429,
        body: { message: 'Too many requests' },
        headers: { 'retry-after': String(context.retryAfter) },
      };
    case 'secondary':
      return {
        status: 403,
        body: {
          message: SECONDARY_MESSAGE,
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        },
        headers: { 'retry-after': String(context.retryAfter) },
      };
    case 'forbidden':
      return forbiddenAnswer(context.documentationUrl);
    default:
      return undefined;
  }
}

/** Picks the fault, if any, for each request from the current plan. */
export class FaultInjector {
  #plan: FaultPlan | undefined;
  #random: (() => number) | undefined;

  /** Replaces the plan (a copy: scripted faults are consumed from the copy, not the caller's list). */
  set(plan: FaultPlan | undefined): void {
    this.#plan = plan ? { ...plan, ...(plan.scripted ? { scripted: [...plan.scripted] } : {}) } : undefined;
    this.#random = plan?.random ? mulberry32(plan.random.seed) : undefined;
  }

  /** Seconds for `retry-after` on rate-limit faults. */
  retryAfter(): number {
    return this.#plan?.retryAfter ?? 1;
  }

  /** The fault for this request: the first matching scripted one (used up), else maybe a random one. */
  pick(method: string, path: string): FaultKind | undefined {
    const scripted = this.#plan?.scripted ?? [];
    const index = scripted.findIndex(
      (fault) => (!fault.method || fault.method === method) && (!fault.path || fault.path.test(path)),
    );
    if (index >= 0) return scripted.splice(index, 1)[0]?.kind;
    const plan = this.#plan?.random;
    const random = this.#random;
    if (
      plan &&
      random &&
      (!plan.method || plan.method === method) &&
      (!plan.path || plan.path.test(path)) &&
      random() < plan.rate
    ) {
      return plan.kinds[Math.floor(random() * plan.kinds.length)];
    }
    return undefined;
  }
}
