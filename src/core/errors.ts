/**
 * The error types every layer signals with, as `@changesets/errors` does: the CLI's top level is
 * the only place that prints them and turns them into an exit code. Each carries `{ cause }` so
 * nothing is lost between the layer that failed and the sentence a person reads.
 */

/** A mistake the user can fix (bad flag, bad content, bad environment value): exit 1. */
export class UserError extends Error {
  override name = 'UserError';
  /** Exit code for the CLI's top level. */
  readonly exitCode: number = 1;
}

/** Something outside failed (GitHub unreachable after retries, a permission missing, git push refused): exit 2. */
export class OutsideError extends Error {
  override name = 'OutsideError';
  /** Exit code for the CLI's top level. */
  readonly exitCode: number = 2;
}

/** True for the errors the CLI reports as one sentence (anything else is a bug, printed with its stack). */
export function isReportedError(error: unknown): error is UserError | OutsideError {
  return error instanceof UserError || error instanceof OutsideError;
}
