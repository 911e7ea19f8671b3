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

/** The text with its first letter a capital (`the UPS passed` → `The UPS passed`), e.g. once a label is cut off. */
export function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A count and its noun, the noun given an `s` unless the count is one: `1 warning`, `2 warnings`,
 * `0 devices`. Only for nouns whose plural is a plain `s`.
 */
export function pluralise(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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

/** Levenshtein distance: insertions, deletions and substitutions to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? Number.POSITIVE_INFINITY;
}

/**
 * The candidate a typo most likely meant ("did you mean"): the nearest by edit distance, within
 * a third of the word's length (at least 1, at most 3). Undefined when nothing is that close.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word) return candidate;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
