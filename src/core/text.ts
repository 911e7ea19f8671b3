/**
 * Small text helpers the domain uses in several places (file names from titles, ids for items a
 * technician added, the first paragraph of help text or a comment). One definition each.
 */

/**
 * Turns text into a slug: lowercase ASCII letters, digits and single dashes, accents folded
 * (`Café Wi-Fi` → `cafe-wi-fi`), cut to `maxLength` without a trailing dash. Empty when nothing
 * is left; callers choose their own fallback.
 */
export function slugify(text: string, maxLength = 50): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * The first paragraph of Markdown text, its lines joined by spaces; undefined when empty. With
 * `maxLength`, a longer paragraph is cut and ends in `...`.
 */
export function firstParagraph(text: string | undefined, maxLength?: number): string | undefined {
  const paragraph = text
    ?.replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)[0]
    ?.replace(/\s*\n\s*/g, ' ')
    .trim();
  if (!paragraph) return undefined;
  return maxLength !== undefined && paragraph.length > maxLength
    ? `${paragraph.slice(0, maxLength - 3)}...`
    : paragraph;
}
