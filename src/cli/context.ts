import type { Environment } from '../config/environment.ts';

/** What a command gets from the outside world; tests pass their own. */
export interface CommandContext {
  /** Repository root (where `content/` lives). */
  root: string;
  /** Typed environment. */
  env: Environment;
  /** Standard output. */
  stdout: (text: string) => void;
  /** Standard error. */
  stderr: (text: string) => void;
  /** The current time: the core never reads the clock itself. */
  now: Date;
  /** Whether stdout is a terminal (for progress lines). */
  isTTY: boolean;
}

/** A subcommand: its help text and how to run it. */
export interface Command {
  /** One line for `binder --help`. */
  summary: string;
  /** Full usage text for `binder <command> --help`. */
  usage: string;
  /** Runs it; returns the exit code (0) or throws UserError/OutsideError. */
  run(args: string[], context: CommandContext): Promise<number>;
}
