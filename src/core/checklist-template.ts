import {
  type ChecklistItem,
  type ChecklistTemplate,
  ChecklistTemplateFrontmatterSchema,
  DEFAULT_MONTHS,
  type Frequency,
  FrequencySchema,
  monthName,
  parseMonthName,
  TagSchema,
  TIERS,
  type Tier,
} from '../schemas/index.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';
import { parseMarkdownWithFrontmatter } from './frontmatter.ts';
import { validateWithPositions } from './schema-diagnostics.ts';

/** A template item with the line it was written on. */
export interface TemplateItemSource {
  /** 1-based line of the item in the template file. */
  line: number;
}

/** A parsed template plus where each item came from. */
export interface ParsedChecklistTemplate {
  /** The template, present when the file parsed well enough to use. */
  template?: ChecklistTemplate;
  /** Item id → line. */
  lines: Map<string, number>;
  /** Every problem found. */
  diagnostics: Diagnostic[];
}

const ITEM_LINE = /^[-*+] (?!\[[ xX]\] )(.*?)\s*\{#([^\s}]*)([^}]*)\}\s*$/;
const LIST_LINE = /^[-*+] /;
const SECTION_LINE = /^##\s+(.+?)\s*#*\s*$/;
const SOP_LINE = /^SOP:\s*(\S+)\s*$/i;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const FREQUENCIES = FrequencySchema.options;

/**
 * Parses a checklist template (see docs/content-format.md): `##` sections, list items ending in
 * `{#id tier [frequency] [in=…] [tags=…]}`, indented help lines and `SOP:` links. Reports every
 * problem with its line and column rather than stopping at the first.
 */
export function parseChecklistTemplate(name: string, file: string, text: string): ParsedChecklistTemplate {
  const parsed = parseMarkdownWithFrontmatter(file, text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const front = validateWithPositions(
    ChecklistTemplateFrontmatterSchema,
    parsed.data,
    parsed.positionOf,
    'a checklist template',
  );
  diagnostics.push(...(parsed.diagnostics.length ? [] : front.diagnostics));

  const items: ChecklistItem[] = [];
  const lines = new Map<string, number>();
  const singleMonths = new Map<number, string>();
  let section: string | undefined;
  let current: { item: ChecklistItem; help: string[] } | undefined;
  let inFence = false;

  const finish = () => {
    if (!current) return;
    const help = current.help.join('\n').trim();
    if (help) current.item.help = help;
    items.push(current.item);
    current = undefined;
  };

  const bodyLines = parsed.body.split('\n');
  bodyLines.forEach((raw, index) => {
    const line = parsed.bodyLine + index;
    const text = raw.replace(/\r$/, '');
    const at = (col: number) => ({ file, line, col });
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) {
      if (current) current.help.push(text.replace(/^ {2}/, ''));
      return;
    }
    const heading = SECTION_LINE.exec(text);
    if (heading) {
      finish();
      section = heading[1];
      return;
    }
    if (/^#\s/.test(text)) {
      finish();
      section = undefined;
      return;
    }
    if (
      current &&
      (/^( {2,}|\t)\S/.test(text) || (text.trim() === '' && bodyLines[index + 1]?.match(/^( {2,}|\t)\S/)))
    ) {
      const helpLine = text.replace(/^( {2}|\t)/, '');
      const sop = SOP_LINE.exec(helpLine.trim());
      if (sop?.[1]) {
        if (/^https?:\/\/\S+$/.test(sop[1])) current.item.sop = sop[1];
        else
          diagnostics.push(
            errorAt(
              at(text.indexOf(sop[1]) + 1),
              'template',
              `SOP link must be an http(s) URL; found \`${sop[1]}\``,
              'write `SOP: https://…`',
            ),
          );
      } else {
        current.help.push(helpLine);
      }
      return;
    }
    if (!LIST_LINE.test(text)) {
      finish();
      return;
    }
    finish();
    const match = ITEM_LINE.exec(text);
    if (!match) {
      const isTask = /^[-*+] \[[ xX]\] /.test(text);
      diagnostics.push(
        errorAt(
          at(1),
          'template',
          isTask
            ? 'a template item must not be a task box (`- [ ]`): the issue adds the boxes'
            : 'list item without an attribute block `{#id tier}`',
          isTask
            ? 'write `- Text {#item-id onsite}` without `[ ]`'
            : 'end the line with e.g. `{#ups-self-test onsite}` (id, tier, optional frequency, in=, tags=), or move the text out of the list',
        ),
      );
      return;
    }
    const [, itemText = '', id = '', attributes = ''] = match;
    const attributeCol = text.lastIndexOf('{#') + 1;
    if (!section) {
      diagnostics.push(
        errorAt(
          at(1),
          'template',
          `item \`${id}\` is not under a \`## Section\` heading`,
          'add a `## Heading` above it',
        ),
      );
      return;
    }
    if (!ID_PATTERN.test(id)) {
      diagnostics.push(
        errorAt(
          at(attributeCol),
          'template',
          `item id \`${id || '(empty)'}\` is not valid`,
          'use lowercase letters, digits and dashes after `#`, e.g. `{#ups-self-test onsite}`',
        ),
      );
      return;
    }
    const previous = lines.get(id);
    if (previous !== undefined) {
      diagnostics.push(
        errorAt(
          at(attributeCol),
          'template',
          `duplicate item id \`${id}\`: already used on line ${previous}`,
          'give each item its own id; ids must stay unique and stable',
        ),
      );
      return;
    }
    let tier: Tier | undefined;
    let frequency: Frequency = 'monthly';
    let months: number[] | undefined;
    let tags: string[] = [];
    let ok = true;
    for (const token of attributes.trim().split(/\s+/).filter(Boolean)) {
      const col = attributeCol + 2 + id.length + attributes.indexOf(token);
      if ((TIERS as readonly string[]).includes(token)) {
        tier = token as Tier;
      } else if ((FREQUENCIES as readonly string[]).includes(token)) {
        frequency = token as Frequency;
      } else if (token.startsWith('in=')) {
        const parts = token.slice(3).split(',').filter(Boolean);
        const parsedMonths = parts.map((part) => parseMonthName(part));
        const bad = parts.filter((_, i) => parsedMonths[i] === undefined);
        if (bad.length || parts.length === 0) {
          diagnostics.push(
            errorAt(
              { file, line, col },
              'template',
              `\`${token}\`: ${bad.length ? `\`${bad.join(', ')}\` is not a month` : 'no months given'}`,
              'write months as `in=jan,apr,jul,oct` or `in=1,4,7,10`',
            ),
          );
          ok = false;
        } else {
          months = [...new Set(parsedMonths as number[])].sort((a, b) => a - b);
        }
      } else if (token.startsWith('tags=')) {
        tags = token.slice(5).split(',').filter(Boolean);
        const bad = tags.filter((tag) => !TagSchema.safeParse(tag).success);
        if (bad.length || tags.length === 0) {
          diagnostics.push(
            errorAt(
              { file, line, col },
              'template',
              `\`${token}\`: tags must be lowercase words with dashes`,
              'write e.g. `tags=ups,windows-server`',
            ),
          );
          ok = false;
        }
      } else {
        diagnostics.push(
          errorAt(
            { file, line, col },
            'template',
            `unknown attribute \`${token}\` on item \`${id}\``,
            `use a tier (${TIERS.join(', ')}), a frequency (${FREQUENCIES.join(', ')}), \`in=…\` or \`tags=…\``,
          ),
        );
        ok = false;
      }
    }
    if (!tier) {
      diagnostics.push(
        errorAt(
          at(attributeCol),
          'template',
          `item \`${id}\` has no tier`,
          `add one of ${TIERS.join(', ')} after the id, e.g. \`{#${id} onsite}\``,
        ),
      );
      ok = false;
    }
    if (frequency === 'single') {
      if (!months || months.length === 0) {
        diagnostics.push(
          errorAt(
            at(attributeCol),
            'template',
            `monthly-single item \`${id}\` needs its month`,
            `add \`in=<month>\`, e.g. \`{#${id} onsite single in=mar}\``,
          ),
        );
        ok = false;
      } else {
        for (const month of months) {
          const other = singleMonths.get(month);
          if (other) {
            diagnostics.push(
              errorAt(
                at(attributeCol),
                'template',
                `monthly-single items \`${other}\` and \`${id}\` both fall in ${monthName(month)}`,
                'give each monthly-single task its own month: one task a month',
              ),
            );
            ok = false;
          } else singleMonths.set(month, id);
        }
      }
    }
    if (!itemText.trim()) {
      diagnostics.push(
        errorAt(
          at(1),
          'template',
          `item \`${id}\` has no text`,
          'write the instruction before the `{#…}` block',
        ),
      );
      ok = false;
    }
    if (!ok || !tier) return;
    lines.set(id, line);
    current = {
      item: {
        id,
        text: itemText.trim(),
        tier,
        frequency,
        months: months ?? [...DEFAULT_MONTHS[frequency]],
        tags,
        section,
      },
      help: [],
    };
  });
  finish();

  if (items.length === 0 && diagnostics.length === 0) {
    diagnostics.push(
      errorAt(
        { file, line: parsed.bodyLine, col: 1 },
        'template',
        'the template has no items',
        'add `## Section` headings with list items ending in `{#id tier}`',
      ),
    );
  }
  const title = front.value?.title;
  return {
    ...(title === undefined
      ? {}
      : {
          template: {
            name,
            title,
            ...(front.value?.description === undefined ? {} : { description: front.value.description }),
            items,
          },
        }),
    lines,
    diagnostics,
  };
}
