import type { ContentSet } from '../content/content-set.ts';
import type { Diagnostic } from './diagnostics.ts';

/** Checks relative links between content files. (Implemented by the check work; see issue #2.) */
export function checkContentLinks(_content: ContentSet): Diagnostic[] {
  return [];
}
