import { archiveCommand } from './commands/archive.ts';
import { clientsCommand } from './commands/clients.ts';
import { planCommand } from './commands/plan.ts';
import { printCommand } from './commands/print.ts';
import { pushCommand } from './commands/push.ts';
import { reportCommand } from './commands/report.ts';
import { syncCommand } from './commands/sync.ts';
import type { Command } from './context.ts';

/**
 * Commands added by the GitHub-facing parts (plan, sync, archive). Kept apart from main.ts so each
 * part registers itself without editing the top level.
 */
export const commands: Record<string, Command> = {
  plan: planCommand,
  sync: syncCommand,
  archive: archiveCommand,
  push: pushCommand,
  clients: clientsCommand,
  print: printCommand,
  report: reportCommand,
};
