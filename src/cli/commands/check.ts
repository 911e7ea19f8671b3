import { checkRepository } from '../../content/check-repository.ts';
import { formatAnnotation, formatDiagnostic } from '../../core/diagnostics.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

/** `1 warning`, `2 warnings`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `binder check`: validate all content and templates. */
export const checkCommand: Command = {
  summary: 'validate all content and templates (schemas, references, links, secrets)',
  usage: [
    'Usage: npm run binder -- check [--json]',
    '',
    'Validates content/ and templates/checklists/ and reports every problem as',
    '`path:line:col: message`, then a summary. Exit 1 when there is any error.',
    'Under GitHub Actions it also emits ::error annotations so a pull request shows them inline.',
    '',
    'Options:',
    '  --json   print {"ok", "files", "errors", "warnings", "diagnostics": [...]} instead',
  ].join('\n'),
  async run(args, context) {
    const { values } = parseCommandArgs('check', args, { json: { type: 'boolean', default: false } });
    const started = performance.now();
    const result = await checkRepository(context.root);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    const warnings = result.diagnostics.length - errors.length;
    if (values.json) {
      context.stdout(
        JSON.stringify(
          {
            ok: errors.length === 0,
            files: result.fileCount,
            errors: errors.length,
            warnings,
            diagnostics: result.diagnostics,
          },
          null,
          2,
        ),
      );
    } else {
      for (const diagnostic of result.diagnostics) context.stdout(formatDiagnostic(diagnostic));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const { content } = result;
      const counted = [
        count(content.clients.length, 'client'),
        count(content.templates.size, 'template'),
        count(content.archives.length, 'archived checklist'),
        ...(content.evidence.length ? [count(content.evidence.length, 'RMM evidence file')] : []),
      ].join(', ');
      context.stdout(
        errors.length === 0
          ? `✓ ${count(result.fileCount, 'file')} checked (${counted}): no errors${warnings ? `, ${count(warnings, 'warning')}` : ''} in ${seconds}s`
          : `✗ ${count(errors.length, 'error')}${warnings ? ` and ${count(warnings, 'warning')}` : ''} in ${count(result.fileCount, 'file')} checked. Fix them and run \`npm run binder -- check\` again.`,
      );
    }
    if (context.env.GITHUB_ACTIONS === 'true') {
      for (const diagnostic of result.diagnostics) context.stdout(formatAnnotation(diagnostic));
    }
    return errors.length === 0 ? 0 : 1;
  },
};
