import {
  type ChecklistItem,
  type ChecklistTemplate,
  type ClientProfile,
  itemFromInput,
  type Tier,
} from '../schemas/index.ts';

/** A checklist item as it applies to one client, after tags and overrides. */
export interface ClientChecklistItem extends ChecklistItem {
  /** The template it came from (for `add` overrides: the client's first template). */
  template: string;
  /** `template` for template items, `added` for the client's own items. */
  origin: 'template' | 'added';
  /** The template's tier when a `move` override changed it. */
  movedFrom?: Tier;
}

/** Ids used in a client's overrides that do not exist, for the checker. */
export interface OverrideProblem {
  /** Which override list. */
  kind: 'skip' | 'move' | 'add-duplicate' | 'unknown-template';
  /** Index in that list (or in `templates`). */
  index: number;
  /** The id or template name. */
  id: string;
}

/** Items a technician added to an issue by hand are archived with ids starting with this. */
export const ADDED_ITEM_PREFIX = 'added-';

/** The tag rule: an item with tags applies to a client with at least one of them; no tags, every client. */
export function itemAppliesToTags(item: Pick<ChecklistItem, 'tags'>, tags: ReadonlySet<string>): boolean {
  return item.tags.length === 0 || item.tags.some((tag) => tags.has(tag));
}

/**
 * Resolves the items that apply to a client: its templates' items whose tags match (an item with
 * tags applies when the client has at least one of them), minus `skip`, with `move` applied, plus
 * `add`. Returns the items in template order and any override that names nothing.
 */
export function resolveClientChecklist(
  profile: Pick<ClientProfile, 'tags' | 'templates' | 'overrides'>,
  templates: ReadonlyMap<string, Pick<ChecklistTemplate, 'items'>>,
): { items: ClientChecklistItem[]; problems: OverrideProblem[] } {
  const problems: OverrideProblem[] = [];
  const tags = new Set(profile.tags);
  const known = new Map<string, ChecklistItem & { template: string }>();
  profile.templates.forEach((name, index) => {
    const template = templates.get(name);
    if (!template) {
      problems.push({ kind: 'unknown-template', index, id: name });
      return;
    }
    for (const item of template.items)
      if (!known.has(item.id)) known.set(item.id, { ...item, template: name });
  });
  const skip = new Set<string>();
  profile.overrides.skip.forEach((override, index) => {
    if (!known.has(override.id)) problems.push({ kind: 'skip', index, id: override.id });
    skip.add(override.id);
  });
  const move = new Map<string, Tier>();
  profile.overrides.move.forEach((override, index) => {
    if (!known.has(override.id)) problems.push({ kind: 'move', index, id: override.id });
    move.set(override.id, override.tier);
  });
  const items: ClientChecklistItem[] = [];
  for (const item of known.values()) {
    if (skip.has(item.id)) continue;
    if (!itemAppliesToTags(item, tags)) continue;
    const tier = move.get(item.id);
    items.push({
      ...item,
      origin: 'template',
      ...(tier && tier !== item.tier ? { tier, movedFrom: item.tier } : {}),
    });
  }
  const primary = profile.templates[0] ?? 'monthly';
  profile.overrides.add.forEach((input, index) => {
    if (known.has(input.id) || items.some((item) => item.id === input.id)) {
      problems.push({ kind: 'add-duplicate', index, id: input.id });
      return;
    }
    items.push({ ...itemFromInput(input), template: primary, origin: 'added' });
  });
  return { items, problems };
}

/** The items of a resolved checklist that fall due in a month (1..12). */
export function itemsDueInMonth<T extends Pick<ChecklistItem, 'months'>>(
  items: readonly T[],
  month: number,
): T[] {
  return items.filter((item) => item.months.includes(month));
}
