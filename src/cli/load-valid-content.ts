import { checkRepository } from '../content/check-repository.ts';
import type { ContentSet } from '../core/content-model.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { UserError } from '../core/errors.ts';
import type { MspSettings } from '../schemas/index.ts';

/**
 * Reads and fully checks the content; throws a UserError listing every problem when any. Commands
 * that talk to GitHub call it first, so invalid content makes no request at all.
 */
export async function loadValidContent(root: string): Promise<ContentSet & { msp: MspSettings }> {
  const result = await checkRepository(root);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0 || !result.content.msp) {
    throw new UserError(
      `the content has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was sent to GitHub. Fix them (npm run binder -- check):\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  return { ...result.content, msp: result.content.msp };
}
