/** A mistake the user can fix (bad flag, bad content): exit 1. */
export class UserError extends Error {
  override name = 'UserError';
  /** Exit code for the CLI's top level. */
  readonly exitCode = 1;
}

/** Something outside failed (GitHub unreachable after retries, git push refused): exit 2. */
export class OutsideError extends Error {
  override name = 'OutsideError';
  /** Exit code for the CLI's top level. */
  readonly exitCode = 2;
}
