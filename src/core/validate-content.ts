import type { ChecklistTemplate } from '../schemas/index.ts';
import { NOTE_AUTHOR_PLACEHOLDER, NOTE_PLACEHOLDER_TEXT } from '../schemas/index.ts';
import { ADDED_ITEM_PREFIX, resolveClientChecklist } from './client-checklist.ts';
import type { ArchiveEntry, ClientEntry, ContentFile, ContentSet } from './content-model.ts';
import { contentPaths } from './content-paths.ts';
import { parseArchiveFile } from './content-set.ts';
import { type Diagnostic, errorAt } from './diagnostics.ts';
import { clientItemsWithGraduated, isRmmItem } from './evidence-plan.ts';
import { RENEWAL_ITEM_PREFIX, renewalItemId } from './renewals.ts';
import { closestMatch } from './text.ts';

/**
 * A client tag must be used by some template item (or declared in msp.yaml's `tags`): a typo
 * such as `windows-sever` would otherwise silently drop every server item for that client.
 */
function checkClientTags(content: ContentSet): Diagnostic[] {
  // With a template that failed to parse, its tags are unknown: its own errors come first.
  if (content.diagnostics.some((diagnostic) => diagnostic.file.startsWith('templates/'))) return [];
  const known = new Set<string>(content.msp?.tags ?? []);
  for (const entry of content.templates.values())
    for (const item of entry.template.items) for (const tag of item.tags) known.add(tag);
  const diagnostics: Diagnostic[] = [];
  for (const client of content.clients) {
    client.data.tags.forEach((tag, index) => {
      if (known.has(tag)) return;
      const guess = closestMatch(tag, known);
      diagnostics.push(
        errorAt(
          client.positionOf(['tags', index]),
          'reference',
          `tag \`${tag}\` is used by no checklist item and not declared in msp.yaml${guess ? `: did you mean \`${guess}\`?` : ''}`,
          guess
            ? `write \`${guess}\`, or declare \`${tag}\` under \`tags:\` in content/msp.yaml if it is meant for search only`
            : `use a tag the template uses (${[...known].sort().join(', ') || 'none'}), or declare it under \`tags:\` in content/msp.yaml`,
        ),
      );
    });
  }
  return diagnostics;
}

/**
 * Two renewals of a client that would be one checklist item (the same words in one section): the
 * issue would hold the item twice and the calendar two events with one UID.
 */
function checkRenewalIds(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const client of content.clients) {
    const seen = new Map<string, number>();
    for (const section of client.binder) {
      section.data.renewals.forEach((renewal, index) => {
        const id = renewalItemId({ section: section.slug, item: renewal.item });
        const first = seen.get(id);
        if (first === undefined) {
          seen.set(id, section.positionOf(['renewals', index, 'item']).line);
          return;
        }
        diagnostics.push(
          errorAt(
            section.positionOf(['renewals', index, 'item']),
            'duplicate',
            `renewal \`${renewal.item}\` is the same checklist item (\`${id}\`) as the renewal on line ${first}`,
            'remove the repeated renewal, or say in `item` what tells the two apart (e.g. the office, the seats or the domain)',
          ),
        );
      });
    }
  }
  return diagnostics;
}

/** A tech note `new-note` created and nobody filled in: the placeholder author or text. */
function checkNotePlaceholders(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const note of content.clients.flatMap((client) => client.notes)) {
    if (note.data.author === NOTE_AUTHOR_PLACEHOLDER)
      diagnostics.push(
        errorAt(
          note.positionOf(['author']),
          'placeholder',
          `\`author\` is still the placeholder \`${NOTE_AUTHOR_PLACEHOLDER}\``,
          'write your GitHub login (without @), or run new-note with --author',
        ),
      );
    const lines = note.body.split('\n');
    const index = lines.findIndex((line) => line.includes(NOTE_PLACEHOLDER_TEXT));
    if (index >= 0)
      diagnostics.push(
        errorAt(
          { file: note.file, line: note.bodyLine + index, col: 1 },
          'placeholder',
          "the note still holds new-note's placeholder text",
          'replace it with what was done, what was found and what is left to do',
        ),
      );
  }
  return diagnostics;
}

/**
 * The item ids an archive of a client may hold: every item of its templates (skipped or not, for
 * any tag: the checklist changes over time) and the items its profile adds. `items` is the
 * client's resolved checklist, passed by a caller that has already resolved it.
 */
function knownItemIds(
  profile: ClientEntry['data'],
  templates: ReadonlyMap<string, ChecklistTemplate>,
  items: readonly { id: string }[] = resolveClientChecklist(profile, templates).items,
): Set<string> {
  const ids = new Set(items.map((item) => item.id));
  for (const template of profile.templates) {
    for (const item of templates.get(template)?.items ?? []) ids.add(item.id);
  }
  return ids;
}

/** The content's templates by name, as resolveClientChecklist takes them. */
function templatesOf(content: ContentSet): Map<string, ChecklistTemplate> {
  return new Map([...content.templates].map(([name, entry]) => [name, entry.template]));
}

/**
 * The cross-file rules for archived checklists: each names a client with a profile and a template
 * that exists, and holds each item once, every id on the client's checklist (or added in the
 * issue, or a renewal). What the rules need from the content (the templates, the clients by slug,
 * each client's item ids) is worked out once here, not once per archive, since an archive run
 * checks many archives against the same content. `knownIds` may hold the clients' ids already
 * worked out; the ids of any other client are added to it as they are first needed.
 */
function archiveReferenceValidator(
  content: ContentSet,
  templates: ReadonlyMap<string, ChecklistTemplate> = templatesOf(content),
  knownIds: Map<string, Set<string>> = new Map(),
): (archive: ArchiveEntry) => Diagnostic[] {
  const byClient = new Map(content.clients.map((client) => [client.slug, client]));
  // A client whose profile is invalid has already been reported; its archives are not orphans.
  const reported = new Set(content.invalidClients);
  return (archive) => {
    const diagnostics: Diagnostic[] = [];
    const { client, items } = archive.data;
    if (reported.has(client)) return diagnostics;
    const entry = byClient.get(client);
    if (!entry) {
      diagnostics.push(
        errorAt(
          archive.positionOf(['client']),
          'reference',
          `archived checklist names client \`${client}\`, which has no profile`,
          `create ${contentPaths.clientProfile(client)} or correct \`client\``,
        ),
      );
      return diagnostics;
    }
    if (!content.templates.has(archive.data.template)) {
      diagnostics.push(
        errorAt(
          archive.positionOf(['template']),
          'reference',
          `archived checklist names template \`${archive.data.template}\`, which does not exist`,
          'correct `template`',
        ),
      );
    }
    let ids = knownIds.get(client);
    if (!ids) {
      ids = knownItemIds(entry.data, templates);
      knownIds.set(client, ids);
    }
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        diagnostics.push(
          errorAt(
            archive.positionOf(['items', index, 'id']),
            'duplicate',
            `item \`${item.id}\` appears twice in this checklist`,
            'remove the repeated item',
          ),
        );
      }
      seen.add(item.id);
      if (
        !ids.has(item.id) &&
        !item.id.startsWith(ADDED_ITEM_PREFIX) &&
        !item.id.startsWith(RENEWAL_ITEM_PREFIX)
      ) {
        // An edited hidden id (`ups-self-tset`) is most often one letter off the real one.
        const guess = closestMatch(item.id, ids);
        diagnostics.push(
          errorAt(
            archive.positionOf(['items', index, 'id']),
            'reference',
            `item \`${item.id}\` is not on ${client}'s checklist (its templates and added items)${guess ? `: did you mean \`${guess}\`?` : ''}`,
            `use ${guess ? `\`${guess}\`` : 'a template item id'}; an item a technician added in the issue has no id of its own and is archived as \`${ADDED_ITEM_PREFIX}…\``,
          ),
        );
      }
    });
    return diagnostics;
  };
}

/**
 * Checks what no single file can: templates a client names, overrides that name real items,
 * duplicate client names, archives that name known clients and items. Pure over a parsed set.
 */
export function validateContentReferences(content: ContentSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const templates = templatesOf(content);
  const byName = new Map<string, string>();
  const knownIds = new Map<string, Set<string>>();
  for (const client of content.clients) {
    const key = client.data.name.trim().toLowerCase();
    const other = byName.get(key);
    if (other) {
      diagnostics.push(
        errorAt(
          client.positionOf(['name']),
          'duplicate',
          `client name \`${client.data.name}\` is already used by \`${other}\``,
          'each client needs its own name: merge the two folders or rename one',
        ),
      );
    } else byName.set(key, client.slug);

    const { items, problems } = resolveClientChecklist(client.data, templates);
    knownIds.set(client.slug, knownItemIds(client.data, templates, items));
    const available = [...content.templates.keys()].join(', ') || 'none';
    for (const problem of problems) {
      if (problem.kind === 'unknown-template') {
        diagnostics.push(
          errorAt(
            client.positionOf(['templates', problem.index]),
            'reference',
            `checklist template \`${problem.id}\` does not exist`,
            `use one of: ${available} (files in templates/checklists/)`,
          ),
        );
      } else if (problem.kind === 'add-duplicate') {
        diagnostics.push(
          errorAt(
            client.positionOf(['overrides', 'add', problem.index, 'id']),
            'reference',
            `added item \`${problem.id}\` has the id of an existing item`,
            'give the added item its own id',
          ),
        );
      } else {
        diagnostics.push(
          errorAt(
            client.positionOf(['overrides', problem.kind, problem.index, 'id']),
            'reference',
            `\`overrides.${problem.kind}\` names item \`${problem.id}\`, which is in none of this client's templates (${client.data.templates.join(', ')})`,
            'use an item id from the template (the `#id` in its `{…}` block)',
          ),
        );
      }
    }
  }

  diagnostics.push(
    ...checkClientTags(content),
    ...checkNotePlaceholders(content),
    ...checkRenewalIds(content),
  );
  diagnostics.push(...validateRmmReferences(content, templates));

  diagnostics.push(...content.archives.flatMap(archiveReferenceValidator(content, templates, knownIds)));
  return diagnostics;
}

/**
 * The RMM parts: `rmm.devices` names real items; a graduated skip names an item that RMM evidence
 * can prove (automatic, with `rmm=`), or it could never come back; an evidence file's device names
 * a binder section that exists (a warning: the binder may have moved on since the import).
 */
function validateRmmReferences(
  content: ContentSet,
  templates: ReadonlyMap<string, ChecklistTemplate>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const client of content.clients) {
    const items = clientItemsWithGraduated(client.data, templates);
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const id of Object.keys(client.data.rmm?.devices ?? {})) {
      if (!byId.has(id))
        diagnostics.push(
          errorAt(
            client.positionOf(['rmm', 'devices', id]),
            'reference',
            `\`rmm.devices\` names item \`${id}\`, which is not on ${client.slug}'s checklist`,
            'use the id of an automatic item with `rmm=` in the template',
          ),
        );
    }
    client.data.overrides.skip.forEach((skip, index) => {
      if (!skip.graduated) return;
      const item = byId.get(skip.id);
      if (item && !isRmmItem(item))
        diagnostics.push(
          errorAt(
            client.positionOf(['overrides', 'skip', index, 'graduated']),
            'reference',
            `item \`${skip.id}\` is graduated, but RMM evidence cannot prove it: it is ${item.tier === 'automatic' ? 'automatic but names no RMM checks (`rmm=`)' : `in the ${item.tier} tier`}`,
            'remove `graduated` (a plain skip), or give the item `rmm=` checks in the template and keep it automatic',
          ),
        );
    });
  }
  const sections = new Map(
    content.clients.map((client) => [client.slug, new Set(client.binder.map((section) => section.slug))]),
  );
  for (const entry of content.evidence) {
    const known = sections.get(entry.data.client);
    if (!known) continue;
    entry.data.devices.forEach((device, index) => {
      if (device.binder && !known.has(device.binder.section))
        diagnostics.push({
          ...errorAt(
            entry.positionOf(['devices', index, 'binder', 'section']),
            'reference',
            `device ${device.hostname} names binder section \`${device.binder.section}\`, which ${entry.data.client}'s binder no longer has`,
            'import or fetch the evidence again to match the devices to the binder as it is now',
          ),
          severity: 'warning',
        });
    });
  }
  return diagnostics;
}

/**
 * What `binder check` would report about an archived checklist about to be written into a
 * repository whose content is `content`: its frontmatter and schema, its folder and name, and the
 * cross-file rules of archiveReferenceValidator. Secrets are scanned apart (scanSecrets is async).
 * Returns a check to call once per file: what it needs from the content is worked out once, so an
 * archive run builds it once and checks every issue's archive with it.
 */
export function archiveCandidateValidator(content: ContentSet): (file: ContentFile) => Diagnostic[] {
  const validateReferences = archiveReferenceValidator(content);
  return (file) => {
    const { archive, diagnostics } = parseArchiveFile(file);
    if (!archive) return diagnostics;
    return [...diagnostics, ...validateReferences(archive)];
  };
}
