import type { ArchivedItem } from '../schemas/index.ts';

/** How far a checklist got: items done of the items that apply (not-applicable ones do not count). */
export interface ChecklistProgress {
  /** Items done. */
  done: number;
  /** Items that apply: done plus not done. */
  applicable: number;
}

/** Counts a checklist's progress the one way the grid, the history and the report all show it. */
export function checklistProgress(items: readonly Pick<ArchivedItem, 'status'>[]): ChecklistProgress {
  const applicable = items.filter((item) => item.status !== 'not-applicable');
  return { done: applicable.filter((item) => item.status === 'done').length, applicable: applicable.length };
}
