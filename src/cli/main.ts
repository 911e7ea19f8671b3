import { readEnvironment } from '../config/environment.ts';
import { checkCommand } from './commands/check.ts';
import { initCommand } from './commands/init.ts';
import { newClientCommand } from './commands/new-client.ts';
import { newNoteCommand } from './commands/new-note.ts';
import type { Command, CommandContext } from './context.ts';
import { reportError } from './entry-point.ts';
import { commands as extraCommands } from './registry.ts';

const COMMANDS: Record<string, Command> = {
  init: initCommand,
  check: checkCommand,
  'new-client': newClientCommand,
  'new-note': newNoteCommand,
  ...extraCommands,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'msp-binder: client network documentation binders and monthly maintenance checklists.',
    '',
    'Usage: npm run binder -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `npm run binder -- <command> --help` for a command's options.",
  ].join('\n');
}

/**
 * The CLI's top level: the only place that prints errors and chooses the exit code
 * (0 ok, 1 user error, 2 outside failure).
 */
export async function main(argv: string[], partial: Partial<CommandContext> = {}): Promise<number> {
  const stderr = partial.stderr ?? ((text: string) => process.stderr.write(`${text}\n`));
  try {
    const context: CommandContext = {
      root: partial.root ?? process.cwd(),
      env: partial.env ?? readEnvironment(),
      stdout: partial.stdout ?? ((text) => process.stdout.write(`${text}\n`)),
      stderr,
      now: partial.now ?? new Date(),
      isTTY: partial.isTTY ?? Boolean(process.stdout.isTTY),
    };
    return await runCommand(argv, context);
  } catch (error) {
    return reportError(error, stderr);
  }
}

async function runCommand(argv: string[], context: CommandContext): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.stdout(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    context.stderr(`error: unknown command \`${name}\`.\n\n${usage()}`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout(command.usage);
    return 0;
  }
  return command.run(args, context);
}
