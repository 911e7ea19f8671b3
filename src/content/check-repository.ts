import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkContentHtml } from '../core/check-content-html.ts';
import { checkMdxFiles } from '../core/check-mdx.ts';
import { checkContentLinks } from '../core/content-links.ts';
import type { ContentSet } from '../core/content-model.ts';
import { contentPaths } from '../core/content-paths.ts';
import { type Diagnostic, errorAt, sortDiagnostics } from '../core/diagnostics.ts';
import { parseYamlWithPositions } from '../core/frontmatter.ts';
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
 * content files, HTML the sites would drop (scripts, event handlers, frames, forms, other URLs),
 * MDX (it must compile and may not run code), and secrets. Reports every problem, never just the first.
 */
export async function checkRepository(root: string): Promise<CheckResult> {
  const content = await readContent(root);
  const diagnostics = [
    ...content.diagnostics,
    ...validateContentReferences(content),
    ...checkContentLinks(content),
    ...checkContentHtml(content),
    ...checkMdxFiles(content.files),
    ...(await scanSecrets(content.files)),
    ...checkLogo(root, content),
  ];
  return { content, diagnostics: sortDiagnostics(diagnostics), fileCount: content.files.length };
}

/** msp.yaml's `logo` must name a file that exists: the printed binder and reports show it. */
function checkLogo(root: string, content: ContentSet): Diagnostic[] {
  const logo = content.msp?.logo;
  if (!logo || existsSync(path.join(root, logo))) return [];
  const file = content.files.find((entry) => entry.path === contentPaths.mspSettings);
  const at = parseYamlWithPositions(contentPaths.mspSettings, file?.text ?? '').positionOf(['logo']);
  return [
    errorAt(
      at,
      'msp-logo',
      `logo \`${logo}\` does not exist`,
      'give the path of the logo file from the repository root (e.g. `content/logo.svg`), or remove `logo`',
    ),
  ];
}
