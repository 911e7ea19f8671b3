import { isReportedError } from '../core/errors.ts';

/**
 * The top level of every entry point: the CLI (main.ts) and the scripts under scripts/ and
 * bench/. The only place, with main.ts, that prints an error and chooses the exit code.
 */

/**
 * How an error ends a run: a UserError (exit 1) or OutsideError (exit 2) as one line
 * `error: <sentence>`; anything else is a bug, printed with its stack, exit 2.
 */
export function reportError(error: unknown, stderr: (text: string) => void): number {
  if (isReportedError(error)) {
    stderr(`error: ${error.message}`);
    return error.exitCode;
  }
  stderr(`internal error: ${(error as Error).stack ?? String(error)}`);
  return 2;
}

/**
 * Runs a script's body and sets the process's exit code from what it returns (a number; anything
 * else is 0) or throws, so a mistake someone can fix is one sentence, never a stack trace.
 */
export async function runEntryPoint(body: () => Promise<unknown>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (error) {
    process.exitCode = reportError(error, (text) => process.stderr.write(`${text}\n`));
  }
}
