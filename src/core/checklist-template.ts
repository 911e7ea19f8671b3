import {
  type ChecklistItem,
  type ChecklistTemplate,
  ChecklistTemplateFrontmatterSchema,
  DEFAULT_MONTHS,
  type Frequency,
  FrequencySchema,
  ItemIdSchema,
  monthName,
  parseMonthName,
  RMM_CHECK_TYPES,
  type RmmRequirement,
  TagSchema,
  TIERS,
  type Tier,
} from '../schemas/index.ts';
import { type Diagnostic, errorAt, type SourcePosition } from './diagnostics.ts';
import { parseMarkdownWithFrontmatter } from './frontmatter.ts';
import { parseRmmRequirements } from './rmm-requirements.ts';
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
const FREQUENCIES = FrequencySchema.options;

/** The attributes of one item's `{#id …}` block, once read. */
interface ItemAttributes {
  tier?: Tier;
  frequency: Frequency;
  months?: number[];
  tags: string[];
  /** The RMM checks that prove it (`rmm=`). */
  rmm?: RmmRequirement[];
  /** False when any attribute was wrong (each problem is reported). */
  ok: boolean;
}

/** Reads the tokens after `{#id`: a tier, a frequency, `in=` months, `tags=` and `rmm=`. */
function parseAttributes(
  id: string,
  attributes: string,
  at: (col: number) => SourcePosition,
  attributeCol: number,
  diagnostics: Diagnostic[],
): ItemAttributes {
  const result: ItemAttributes = { frequency: 'monthly', tags: [], ok: true };
  const fail = (col: number, message: string, fix: string) => {
    diagnostics.push(errorAt(at(col), 'template', message, fix));
    result.ok = false;
  };
  for (const token of attributes.trim().split(/\s+/).filter(Boolean)) {
    const col = attributeCol + 2 + id.length + attributes.indexOf(token);
    if ((TIERS as readonly string[]).includes(token)) {
      result.tier = token as Tier;
    } else if ((FREQUENCIES as readonly string[]).includes(token)) {
      result.frequency = token as Frequency;
    } else if (token.startsWith('in=')) {
      const parts = token.slice(3).split(',').filter(Boolean);
      const parsedMonths = parts.map((part) => parseMonthName(part));
      const bad = parts.filter((_, i) => parsedMonths[i] === undefined);
      if (bad.length || parts.length === 0)
        fail(
          col,
          `\`${token}\`: ${bad.length ? `\`${bad.join(', ')}\` is not a month` : 'no months given'}`,
          'write months as `in=jan,apr,jul,oct` or `in=1,4,7,10`',
        );
      else result.months = [...new Set(parsedMonths as number[])].sort((a, b) => a - b);
    } else if (token.startsWith('tags=')) {
      result.tags = token.slice(5).split(',').filter(Boolean);
      const bad = result.tags.filter((tag) => !TagSchema.safeParse(tag).success);
      if (bad.length || result.tags.length === 0)
        fail(
          col,
          `\`${token}\`: tags must be lowercase words with dashes`,
          'write e.g. `tags=ups,windows-server`',
        );
    } else if (token.startsWith('rmm=')) {
      const parsed = parseRmmRequirements(token.slice(4));
      if (parsed.problems.length)
        fail(
          col,
          `\`${token}\`: ${parsed.problems.join('; ')}`,
          `write e.g. \`rmm=diskspace\` or \`rmm=service:Spooler,service:MSSQLSERVER\`; types are ${RMM_CHECK_TYPES.join(', ')}`,
        );
      else result.rmm = parsed.requirements;
    } else {
      fail(
        col,
        `unknown attribute \`${token}\` on item \`${id}\``,
        `use a tier (${TIERS.join(', ')}), a frequency (${FREQUENCIES.join(', ')}), \`in=…\`, \`tags=…\` or \`rmm=…\``,
      );
    }
  }
  if (!result.tier)
    fail(
      attributeCol,
      `item \`${id}\` has no tier`,
      `add one of ${TIERS.join(', ')} after the id, e.g. \`{#${id} onsite}\``,
    );
  return result;
}

/** The monthly single: one task a month. Records the item's month, or reports the clash. */
function claimSingleMonths(
  id: string,
  months: readonly number[] | undefined,
  singleMonths: Map<number, string>,
  at: SourcePosition,
  diagnostics: Diagnostic[],
): boolean {
  if (!months || months.length === 0) {
    diagnostics.push(
      errorAt(
        at,
        'template',
        `monthly-single item \`${id}\` needs its month`,
        `add \`in=<month>\`, e.g. \`{#${id} onsite single in=mar}\``,
      ),
    );
    return false;
  }
  let ok = true;
  for (const month of months) {
    const other = singleMonths.get(month);
    if (other) {
      diagnostics.push(
        errorAt(
          at,
          'template',
          `monthly-single items \`${other}\` and \`${id}\` both fall in ${monthName(month)}`,
          'give each monthly-single task its own month: one task a month',
        ),
      );
      ok = false;
    } else singleMonths.set(month, id);
  }
  return ok;
}

/** The state of a template being read, line by line. */
interface TemplateReader {
  file: string;
  items: ChecklistItem[];
  lines: Map<string, number>;
  singleMonths: Map<number, string>;
  section?: string;
  current?: { item: ChecklistItem; help: string[] };
  diagnostics: Diagnostic[];
}

/** Ends the item being read: its help lines become its help text. */
function finishItem(reader: TemplateReader): void {
  if (!reader.current) return;
  const help = reader.current.help.join('\n').trim();
  if (help) reader.current.item.help = help;
  reader.items.push(reader.current.item);
  reader.current = undefined;
}

/** An indented line under an item: help text, or its `SOP:` link. */
function readHelpLine(reader: TemplateReader, text: string, line: number): void {
  const helpLine = text.replace(/^( {2}|\t)/, '');
  const sop = SOP_LINE.exec(helpLine.trim());
  if (!sop?.[1]) {
    reader.current?.help.push(helpLine);
    return;
  }
  if (/^https?:\/\/\S+$/.test(sop[1])) {
    if (reader.current) reader.current.item.sop = sop[1];
  } else
    reader.diagnostics.push(
      errorAt(
        { file: reader.file, line, col: text.indexOf(sop[1]) + 1 },
        'template',
        `SOP link must be an http(s) URL; found \`${sop[1]}\``,
        'write `SOP: https://…`',
      ),
    );
}

/** A list line: an item with its `{#id …}` block, or a reported mistake. */
function readItemLine(reader: TemplateReader, text: string, line: number): void {
  const at = (col: number): SourcePosition => ({ file: reader.file, line, col });
  const report = (col: number, message: string, fix: string): void => {
    reader.diagnostics.push(errorAt(at(col), 'template', message, fix));
  };
  const match = ITEM_LINE.exec(text);
  if (!match) {
    const isTask = /^[-*+] \[[ xX]\] /.test(text);
    report(
      1,
      isTask
        ? 'a template item must not be a task box (`- [ ]`): the issue adds the boxes'
        : 'list item without an attribute block `{#id tier}`',
      isTask
        ? 'write `- Text {#item-id onsite}` without `[ ]`'
        : 'end the line with e.g. `{#ups-self-test onsite}` (id, tier, optional frequency, in=, tags=), or move the text out of the list',
    );
    return;
  }
  const [, itemText = '', id = '', attributes = ''] = match;
  const attributeCol = text.lastIndexOf('{#') + 1;
  const section = reader.section;
  if (!section) {
    report(1, `item \`${id}\` is not under a \`## Section\` heading`, 'add a `## Heading` above it');
    return;
  }
  if (!ItemIdSchema.safeParse(id).success) {
    report(
      attributeCol,
      `item id \`${id || '(empty)'}\` is not valid`,
      'use lowercase letters, digits and dashes after `#`, e.g. `{#ups-self-test onsite}`',
    );
    return;
  }
  const previous = reader.lines.get(id);
  if (previous !== undefined) {
    report(
      attributeCol,
      `duplicate item id \`${id}\`: already used on line ${previous}`,
      'give each item its own id; ids must stay unique and stable',
    );
    return;
  }
  const parsed = parseAttributes(id, attributes, at, attributeCol, reader.diagnostics);
  let ok = parsed.ok;
  if (parsed.frequency === 'single')
    ok =
      claimSingleMonths(id, parsed.months, reader.singleMonths, at(attributeCol), reader.diagnostics) && ok;
  if (!itemText.trim()) {
    report(1, `item \`${id}\` has no text`, 'write the instruction before the `{#…}` block');
    ok = false;
  }
  if (!ok || !parsed.tier) return;
  reader.lines.set(id, line);
  reader.current = {
    item: {
      id,
      text: itemText.trim(),
      tier: parsed.tier,
      frequency: parsed.frequency,
      months: parsed.months ?? [...DEFAULT_MONTHS[parsed.frequency]],
      tags: parsed.tags,
      section,
      ...(parsed.rmm ? { rmm: parsed.rmm } : {}),
    },
    help: [],
  };
}

/**
 * Parses a checklist template (see docs/content-format.md): `##` sections, list items ending in
 * `{#id tier [frequency] [in=…] [tags=…] [rmm=…]}`, indented help lines and `SOP:` links. Reports every
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
  const reader: TemplateReader = { file, items: [], lines: new Map(), singleMonths: new Map(), diagnostics };
  let inFence = false;
  const bodyLines = parsed.body.split('\n');
  bodyLines.forEach((raw, index) => {
    const line = parsed.bodyLine + index;
    const text = raw.replace(/\r$/, '');
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) {
      reader.current?.help.push(text.replace(/^ {2}/, ''));
      return;
    }
    const heading = SECTION_LINE.exec(text);
    if (heading || /^#\s/.test(text)) {
      finishItem(reader);
      reader.section = heading?.[1];
      return;
    }
    const isHelp =
      /^( {2,}|\t)\S/.test(text) || (text.trim() === '' && /^( {2,}|\t)\S/.test(bodyLines[index + 1] ?? ''));
    if (reader.current && isHelp) {
      readHelpLine(reader, text, line);
      return;
    }
    finishItem(reader);
    if (LIST_LINE.test(text)) readItemLine(reader, text, line);
  });
  finishItem(reader);

  if (reader.items.length === 0 && diagnostics.length === 0) {
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
            items: reader.items,
          },
        }),
    lines: reader.lines,
    diagnostics,
  };
}
