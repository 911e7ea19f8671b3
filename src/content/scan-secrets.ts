import type { Diagnostic } from '../core/diagnostics.ts';
import type { ContentFile } from './content-set.ts';

/** Scans content for secrets. (Implemented by the check work; see issue #2.) */
export async function scanSecrets(_files: readonly ContentFile[]): Promise<Diagnostic[]> {
  return [];
}
