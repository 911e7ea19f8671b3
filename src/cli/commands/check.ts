import { checkRepository } from '../../content/check-repository.ts';
import { formatAnnotation, formatDiagnostic } from '../../core/diagnostics.ts';
import { pluralise } from '../../core/text.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../context.ts';

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
        pluralise(content.clients.length, 'client'),
        pluralise(content.templates.size, 'template'),
        pluralise(content.archives.length, 'archived checklist'),
        ...(content.evidence.length ? [pluralise(content.evidence.length, 'RMM evidence file')] : []),
      ].join(', ');
      context.stdout(
        errors.length === 0
          ? `✓ ${pluralise(result.fileCount, 'file')} checked (${counted}): no errors${warnings ? `, ${pluralise(warnings, 'warning')}` : ''} in ${seconds}s`
          : `✗ ${pluralise(errors.length, 'error')}${warnings ? ` and ${pluralise(warnings, 'warning')}` : ''} in ${pluralise(result.fileCount, 'file')} checked. Fix them and run \`npm run binder -- check\` again.`,
      );
    }
    if (context.env.GITHUB_ACTIONS === 'true') {
      for (const diagnostic of result.diagnostics) context.stdout(formatAnnotation(diagnostic));
    }
    return errors.length === 0 ? 0 : 1;
  },
};
