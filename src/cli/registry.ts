import { archiveCommand } from './commands/archive.ts';
import { clientsCommand } from './commands/clients.ts';
import { evidenceCommand } from './commands/evidence.ts';
import { graduateCommand } from './commands/graduate.ts';
import { planCommand } from './commands/plan.ts';
import { printCommand } from './commands/print.ts';
import { pushCommand } from './commands/push.ts';
import { reportCommand } from './commands/report.ts';
import { syncCommand } from './commands/sync.ts';
import type { Command } from './context.ts';

/**
 * Commands added by the GitHub-facing and RMM parts (plan, sync, archive, evidence, graduate). Kept apart from main.ts so each
 * part registers itself without editing the top level.
 */
export const commands: Record<string, Command> = {
  plan: planCommand,
  sync: syncCommand,
  archive: archiveCommand,
  push: pushCommand,
  evidence: evidenceCommand,
  graduate: graduateCommand,
  clients: clientsCommand,
  print: printCommand,
  report: reportCommand,
};
