import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../core/errors.ts';

/** node:util parseArgs with errors a person can act on (exit 1 with the command's usage). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UserError(
      `${(error as Error).message.replace(/\. To specify a positional argument.*$/, '')}. Run \`npm run binder -- ${command} --help\` for usage.`,
      { cause: error },
    );
  }
}

/** Validates `YYYY-MM` and returns it. */
export function requireMonth(value: string, flag = '--month'): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    throw new UserError(`${flag} must be a month written YYYY-MM (e.g. 2026-12); got \`${value}\`.`);
  }
  return value;
}

/** The current month in UTC, `YYYY-MM`. */
export function currentMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}
