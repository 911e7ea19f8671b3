import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { UserError } from '../core/errors.ts';
import {
  canonicalTimeZoneCase,
  IsoDateSchema,
  MonthSchema,
  MspSettingsSchema,
  RepoSchema,
  SlugSchema,
  TimeZoneSchema,
  UrlSchema,
} from '../schemas/index.ts';

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

/**
 * Validates an argument with a content schema, so the CLI accepts exactly what the content does.
 * The example is added only when the schema's message does not already give one.
 */
function requireValid<T>(schema: z.ZodType<T>, value: string, what: string, example?: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? 'is not valid';
    const hint = example && !message.includes('e.g.') ? ` (e.g. ${example})` : '';
    throw new UserError(`${what} ${message}${hint}; got \`${value}\`.`);
  }
  return result.data;
}

/** A required option's value; when it is missing, says so (not that an empty value is invalid). */
export function requireOption(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value === '')
    throw new UserError(`${flag} is required, e.g. \`${flag} ${example}\`.`);
  return value;
}

/** Validates `YYYY-MM` (a real month: no `2026-13`) and returns it. */
export function requireMonth(value: string, flag = '--month'): string {
  return requireValid(MonthSchema, value, flag, '2026-12');
}

/** Validates `YYYY-MM-DD` (a real calendar day: no `2026-02-30`) and returns it. */
export function requireDate(value: string, flag: string): string {
  return requireValid(IsoDateSchema as z.ZodType<string>, value, flag, '2026-12-08') as string;
}

/** Validates a client slug: it names a folder, so it can never climb out of one (`../x`). */
export function requireSlug(value: string, what = 'client'): string {
  return requireValid(SlugSchema, value, what, 'harbor-dental');
}

/** Validates a GitHub repository written `owner/name` (no `../x`, no URL). */
export function requireRepo(value: string, flag = '--repo'): string {
  return requireValid(RepoSchema, value, flag);
}

/** Validates an IANA time zone name (`Europe/London`; no offsets like `+01:00`), with its proper capitals. */
export function requireTimeZone(value: string, flag = '--timezone'): string {
  return canonicalTimeZoneCase(requireValid(TimeZoneSchema, value, flag));
}

/** Validates an absolute http(s) URL. */
export function requireUrl(value: string, flag: string): string {
  return requireValid(UrlSchema, value, flag, 'https://docs.northwind-it.example');
}

/** Validates the MSP's name as msp.yaml takes it (not empty once trimmed); returns it trimmed. */
export function requireMspName(value: string, flag = '--name'): string {
  return requireValid(MspSettingsSchema.shape.name, value, flag, '"Northwind IT"');
}

/** Validates a whole number of at least 0, written in digits (no `1e3`, `-1` or `2.5`). */
export function requireCount(value: string, flag: string): number {
  if (!/^\d{1,9}$/.test(value))
    throw new UserError(`${flag} must be a whole number written in digits; got \`${value}\`.`);
  return Number(value);
}
