import { defineMdastPlugin, mdxToJs } from 'satteri';
import {
  droppedUrlDiagnostic,
  strippedFromOpeningTag,
  strippedPartDiagnostic,
  urlDiagnostic,
} from './check-content-html.ts';
import {
  isDroppedComponentUrl,
  isHtmlJsxName,
  jsxOpeningTag,
  type MdxJsxElementLike,
} from './content-html.ts';
import type { ContentFile } from './content-model.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';

/**
 * What content `.mdx` may use. MDX is code: an `import` can pull in another client's files (and
 * put them on the wrong client's site), and an `export` or a `{…}` expression runs JavaScript at
 * build time, in pull-request builds too. Content may import Starlight's components and nothing
 * else, use them with literal attributes, and write `{/* comments *\/}`.
 */
export const ALLOWED_MDX_IMPORTS: readonly string[] = ['@astrojs/starlight/components'];

const IMPORT = /^\s*import\s+(?:[\w*{}\s,]+\s+from\s+)?(['"])([^'"]+)\1\s*;?\s*$/;

interface Position {
  start?: { line?: number; column?: number };
}

/** Splits an ESM block into statements (MDX puts each run of `import`/`export` lines in one node). */
function statements(block: string): string[] {
  return block
    .split(/;\s*\n|\n(?=\s*(?:import|export)\b)/)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/**
 * Compiles each content `.mdx` file (so one that will not build fails `check`, at its line) and
 * reports imports outside the allow-list, exports, expressions and attribute expressions, and, as
 * for Markdown (check-content-html.ts), HTML elements, attributes and links the sites drop.
 */
export function checkMdxFiles(files: readonly ContentFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (!file.path.startsWith('content/') || !file.path.endsWith('.mdx')) continue;
    const at = (position: Position | undefined) => ({
      file: file.path,
      line: position?.start?.line ?? 1,
      col: position?.start?.column ?? 1,
    });
    const reportExpression = (node: { value: string; position?: unknown }) => {
      if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) return;
      diagnostics.push(
        errorAt(
          at(node.position as Position),
          'mdx',
          `MDX expression \`{${node.value.trim().slice(0, 40)}}\` runs code when the site is built`,
          'write the value as text; use `{/* … */}` only for comments',
        ),
      );
    };
    const reportAttributeExpressions = (node: {
      name?: string | null;
      attributes?: readonly { type: string; value?: unknown }[];
      position?: unknown;
    }) => {
      const expression = (node.attributes ?? []).some(
        (attribute) =>
          attribute.type !== 'mdxJsxAttribute' ||
          (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string'),
      );
      if (!expression) return;
      diagnostics.push(
        errorAt(
          at(node.position as Position),
          'mdx',
          `\`<${node.name ?? ''}>\` has an attribute expression, which runs code when the site is built`,
          'give attributes literal values, e.g. `type="note"`',
        ),
      );
    };
    // An HTML element (`<img onerror>`) is judged as raw HTML in Markdown is; a component's link
    // (`<LinkCard href>`) as a link.
    const reportDroppedHtml = (node: MdxJsxElementLike & { position?: unknown }) => {
      const where = at(node.position as Position);
      if (isHtmlJsxName(node.name)) {
        for (const part of strippedFromOpeningTag(jsxOpeningTag(node)))
          diagnostics.push(strippedPartDiagnostic(where, part));
        return;
      }
      for (const attribute of node.attributes ?? [])
        if (isDroppedComponentUrl(attribute))
          diagnostics.push(urlDiagnostic(where, attribute.value, attribute.name === 'src'));
    };
    const reportDroppedUrl = (node: { url: string; position?: unknown }, image: boolean) => {
      const diagnostic = droppedUrlDiagnostic(at(node.position as Position), node.url, image);
      if (diagnostic) diagnostics.push(diagnostic);
    };
    const inspect = defineMdastPlugin({
      name: 'msp-binder-check-mdx',
      options: { position: true },
      mdxjsEsm(node) {
        for (const statement of statements(node.value)) {
          const source = IMPORT.exec(statement)?.[2];
          if (source && ALLOWED_MDX_IMPORTS.includes(source)) continue;
          diagnostics.push(
            errorAt(
              at(node.position as Position),
              'mdx',
              source
                ? `MDX may only import from ${ALLOWED_MDX_IMPORTS.map((name) => `\`${name}\``).join(', ')}; found an import from \`${source}\``
                : `MDX content may not use \`${statement.split(/\s/)[0]}\` statements: they run code when the site is built`,
              source
                ? "remove the import: link to another page instead of importing it (a client's page must never include another client's)"
                : 'remove it; write the content as Markdown',
            ),
          );
        }
      },
      mdxFlowExpression: (node) => reportExpression(node),
      mdxTextExpression: (node) => reportExpression(node),
      mdxJsxFlowElement: (node) => {
        reportAttributeExpressions(node);
        reportDroppedHtml(node as MdxJsxElementLike & { position?: unknown });
      },
      mdxJsxTextElement: (node) => {
        reportAttributeExpressions(node);
        reportDroppedHtml(node as MdxJsxElementLike & { position?: unknown });
      },
      link: (node) => reportDroppedUrl(node, false),
      image: (node) => reportDroppedUrl(node, true),
      definition: (node) => reportDroppedUrl(node, false),
    });
    try {
      mdxToJs(file.text, { mdastPlugins: [inspect] });
    } catch (error) {
      const message = (error as Error).message;
      const [, line, col] = /^(\d+):(\d+)/.exec(message) ?? [];
      diagnostics.push(
        errorAt(
          { file: file.path, line: Number(line ?? 1), col: Number(col ?? 1) },
          'mdx',
          `MDX does not compile: ${message.replace(/^\d+:\d+:\s*/, '')}`,
          'close every tag (`<div>` … `</div>`), escape a literal `<` or `{` as `\\<` or `\\{`, or rename the file to `.md`',
        ),
      );
    }
  }
  return diagnostics;
}
