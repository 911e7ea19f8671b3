import { describe, expect, it } from 'vitest';
import type { EvidenceVerdict } from '../schemas/index.ts';
import { MAX_LISTED_PROBLEMS, readVerdictLine, renderVerdictLine } from './verdict-line.ts';

const verdict = (problems: number): EvidenceVerdict => ({
  status: 'not-proven',
  rmm: 'tactical',
  exportDate: '2026-12-01',
  devices: 9,
  checks: 4,
  problems: Array.from({ length: problems }, (_, index) => `PC-${index + 1}: no diskspace check`),
});

describe('the verdict line', () => {
  it('reads back what it wrote', () => {
    expect(readVerdictLine(renderVerdictLine(verdict(2)))).toEqual(verdict(2));
  });

  it('reads "and N more on the binder site" back as a count, not as a problem', () => {
    const line = renderVerdictLine(verdict(MAX_LISTED_PROBLEMS + 3));
    expect(line).toMatch(/ · PC-5: no diskspace check · and 3 more on the binder site<\/sub>$/);
    const read = readVerdictLine(line);
    expect(read).toEqual({
      ...verdict(MAX_LISTED_PROBLEMS),
      moreProblems: 3,
    });
    // Written again (an archive's verdict in a later issue), it says the same.
    expect(renderVerdictLine(read as EvidenceVerdict)).toBe(line);
  });
});
