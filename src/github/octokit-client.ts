import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

/** Settings for the GitHub client. */
export interface GitHubClientOptions {
  /** Token (GITHUB_TOKEN or an App token). */
  token: string;
  /** API root, e.g. https://api.github.com or a local stand-in. */
  baseUrl: string;
  /** Minimum milliseconds between issue creations (octokit's default is 3,000). */
  createPacingMs?: number;
  /** Milliseconds per second of `retry-after` (1,000; tests use less). */
  retryAfterUnitMs?: number;
  /** Longest rate-limit wait, in seconds, before giving up on this run. */
  maxRetryWaitSeconds?: number;
  /** Milliseconds before one request attempt is abandoned as timed out (default 30,000). */
  requestTimeoutMs?: number;
  /** Where to log waits. */
  log?: (message: string) => void;
}

const BinderOctokit = Octokit.plugin(paginateRest, retry, throttling);

/** The octokit type msp-binder uses. */
export type GitHubClient = InstanceType<typeof BinderOctokit>;

/**
 * Builds octokit with throttling and retry. Throttling honours `retry-after` on secondary limits
 * and waits for `x-ratelimit-reset` on primary ones (up to `maxRetryWaitSeconds`, 3 tries).
 * Retry repeats 5xx and network failures for reads; issue creation opts out per request
 * (`request.retries: 0`, see octokit-tracker.ts) because a failed POST may have been applied.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const unit = options.retryAfterUnitMs ?? 1000;
  const maxWait = options.maxRetryWaitSeconds ?? 600;
  const log = options.log ?? (() => {});
  const pacing = options.createPacingMs;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= 3 || retryAfter > maxWait) {
        log(
          `GitHub ${kind} on ${request.method} ${request.url}: giving up after ${retryCount + 1} tries (retry-after ${retryAfter}s)`,
        );
        return false;
      }
      log(`GitHub ${kind} on ${request.method} ${request.url}: waiting ${retryAfter}s as GitHub asks`);
      return true;
    };
  const timeout = options.requestTimeoutMs ?? 30_000;
  // A fresh timer per attempt (a GitHub that accepts the connection and never answers must not
  // hang a run); a timed-out create is then handled like a dropped connection.
  const fetchWithTimeout: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(timeout), ...(init?.signal ? [init.signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  return new BinderOctokit({
    auth: options.token,
    request: { fetch: fetchWithTimeout },
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'msp-binder',
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      // The plugin keeps its Bottleneck groups at module level; pacing is set by passing ours.
      ...(pacing === undefined
        ? {}
        : {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: Math.min(pacing, 1000) }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: pacing }),
            global: new Bottleneck.Group({ maxConcurrent: 10 }),
          }),
    },
  });
}
