import { OutsideError, UserError } from '../core/errors.ts';
import type { RmmSource } from '../rmm/rmm-source.ts';
import { createTacticalSource } from '../rmm/tactical.ts';
import type { CommandContext } from './context.ts';

/** The RMMs `evidence fetch --source` knows. */
export const RMM_SOURCES = ['tactical'] as const;

/**
 * The RMM source a fetch uses, configured from the environment (TRMM_API_URL, TRMM_API_KEY, and
 * the shared timeout and back-off settings). A missing setting is one plain sentence and exit 2.
 */
export function rmmSourceFromEnvironment(
  source: (typeof RMM_SOURCES)[number],
  context: CommandContext,
): RmmSource {
  const { env } = context;
  if (source !== 'tactical')
    throw new UserError(`unknown RMM \`${source}\`; sources are: ${RMM_SOURCES.join(', ')}.`);
  if (!env.TRMM_API_URL)
    throw new OutsideError(
      'TRMM_API_URL is not set: give the address of the Tactical RMM API (e.g. https://api.rmm.example).',
    );
  if (!env.TRMM_API_KEY)
    throw new OutsideError(
      'TRMM_API_KEY is not set: make an API key in Tactical RMM (Settings > Global Settings > API Keys).',
    );
  return createTacticalSource({
    baseUrl: env.TRMM_API_URL,
    apiKey: env.TRMM_API_KEY,
    ...(env.BINDER_REQUEST_TIMEOUT_MS === undefined ? {} : { timeoutMs: env.BINDER_REQUEST_TIMEOUT_MS }),
    ...(env.BINDER_RETRY_AFTER_UNIT_MS === undefined
      ? {}
      : { backoffMs: env.BINDER_RETRY_AFTER_UNIT_MS, retryAfterUnitMs: env.BINDER_RETRY_AFTER_UNIT_MS }),
    maxRetryWaitS: env.BINDER_MAX_RETRY_WAIT_S,
    log: (line) => context.stderr(line),
  });
}
