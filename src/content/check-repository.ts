import { checkMdxFiles } from '../core/check-mdx.ts';
import { checkContentLinks } from '../core/content-links.ts';
import type { ContentSet } from '../core/content-model.ts';
import { type Diagnostic, sortDiagnostics } from '../core/diagnostics.ts';
import { scanSecrets } from '../core/scan-secrets.ts';
import { validateContentReferences } from '../core/validate-content.ts';
import { readContent } from './read-content.ts';

/** The outcome of `binder check`. */
export interface CheckResult {
  /** The parsed content (usable when there are no errors). */
  content: ContentSet;
  /** Every problem, sorted by file, line, column. */
  diagnostics: Diagnostic[];
  /** Number of files read. */
  fileCount: number;
}

/**
 * Validates everything under `root`: schemas, layout, cross-file references, links between
 * content files, MDX (it must compile and may not run code), and secrets. Reports every problem, never just the first.
 */
export async function checkRepository(root: string): Promise<CheckResult> {
  const content = await readContent(root);
  const diagnostics = [
    ...content.diagnostics,
    ...validateContentReferences(content),
    ...checkContentLinks(content),
    ...checkMdxFiles(content.files),
    ...(await scanSecrets(content.files)),
  ];
  return { content, diagnostics: sortDiagnostics(diagnostics), fileCount: content.files.length };
}
