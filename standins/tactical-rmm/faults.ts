/**
 * Faults for the Tactical RMM stand-in: scripted, each used once by the first request it
 * matches. `500` answers Django's plain server error; `429` DRF's throttled answer with a
 * `Retry-After`; `hang` never answers (the client's timeout must end the wait); `drop` closes the
 * connection without an answer.
 */

/** A fault the stand-in can inject. */
export type TacticalFaultKind = '500' | '429' | 'hang' | 'drop';

/** One scripted fault. */
export interface TacticalFault {
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path and query match. */
  path?: RegExp;
  /** What happens. */
  kind: TacticalFaultKind;
  /** Seconds in a 429's `Retry-After` (default 1). */
  retryAfter?: number;
}

/** Hands out scripted faults in order. */
export class TacticalFaults {
  private scripted: TacticalFault[] = [];

  /** Replaces the script. */
  set(faults: readonly TacticalFault[]): void {
    this.scripted = [...faults];
  }

  /** The fault for this request, consumed; undefined when none matches. */
  take(method: string, url: string): TacticalFault | undefined {
    const index = this.scripted.findIndex(
      (fault) => (!fault.method || fault.method === method) && (!fault.path || fault.path.test(url)),
    );
    if (index < 0) return undefined;
    return this.scripted.splice(index, 1)[0];
  }
}

/** DRF's answer to a throttled request (`rest_framework/exceptions.py Throttled`). */
export function throttledBody(seconds: number): { detail: string } {
  return {
    detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  };
}

/** Django's answer to an unhandled exception with DEBUG off. */
export const SERVER_ERROR_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';
