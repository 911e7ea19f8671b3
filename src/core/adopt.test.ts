import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_DAYS, MspSettingsSchema } from '../schemas/index.ts';
import {
  adoptionRefusal,
  EXAMPLE_MSP,
  renderMspSettings,
  resetCodeowners,
  resetTemplateLeftovers,
} from './adopt.ts';
import { parseChecklistTemplate } from './checklist-template.ts';
import { parseMarkdownWithFrontmatter, parseYamlWithPositions } from './frontmatter.ts';

const TEMPLATE = [
  '---',
  'title: Monthly maintenance',
  "description: Tidewater IT's standard monthly checklist. Tidewater IT Services runs it for every client.",
  '---',
  '',
  '## Server health',
  '',
  '- Review the event logs {#system-log-warnings remote}',
  '  Filter the last 30 days.',
  '  SOP: https://wiki.tidewater-it.example/sop/event-log-review',
  '- Confirm patches {#patch-status-os remote}',
  '  SOP: https://learn.microsoft.example/patching',
  '- Calibrate the UPS {#ups-runtime-calibration onsite semiannual}',
  '  SOP: https://wiki.tidewater-it.example/sop/ups-calibration ',
  '',
].join('\n');

describe('resetTemplateLeftovers', () => {
  it('puts the new name in for the example’s, drops SOP links to its wiki, and keeps every item', () => {
    const reset = resetTemplateLeftovers(TEMPLATE, 'Northwind IT');
    expect(reset).toMatchObject({ names: 2, sopLinks: 2 });
    expect(reset.text).not.toMatch(/tidewater/i);
    expect(parseMarkdownWithFrontmatter('t.md', reset.text).data).toEqual({
      title: 'Monthly maintenance',
      description: "Northwind IT's standard monthly checklist. Northwind IT runs it for every client.",
    });
    expect(reset.text).toContain('  SOP: https://learn.microsoft.example/patching\n');
    const before = parseChecklistTemplate('monthly', 't.md', TEMPLATE).template?.items ?? [];
    const after = parseChecklistTemplate('monthly', 't.md', reset.text).template?.items ?? [];
    expect(after.map((item) => [item.id, item.text, item.help])).toEqual(
      before.map((item) => [item.id, item.text, item.help]),
    );
    expect(before.map((item) => item.sop)).toEqual([
      'https://wiki.tidewater-it.example/sop/event-log-review',
      'https://learn.microsoft.example/patching',
      'https://wiki.tidewater-it.example/sop/ups-calibration',
    ]);
    expect(after.map((item) => item.sop)).toEqual([
      undefined,
      'https://learn.microsoft.example/patching',
      undefined,
    ]);
  });

  it('keeps the YAML valid whatever the name holds, and writes `Services’` for a name ending in s', () => {
    const reset = resetTemplateLeftovers(TEMPLATE, 'Harbor: "IT" # Services');
    expect(
      (parseMarkdownWithFrontmatter('t.md', reset.text).data as { description: string }).description,
    ).toBe(
      'Harbor: "IT" # Services\' standard monthly checklist. Harbor: "IT" # Services runs it for every client.',
    );
  });

  it('leaves a file with nothing of the example’s byte for byte', () => {
    const own =
      '---\ntitle: Ours\ntags: [a, b]\n---\n- Item {#x remote}\n  SOP: https://wiki.ours.example/x\n';
    expect(resetTemplateLeftovers(own, 'Northwind IT')).toEqual({ text: own, names: 0, sopLinks: 0 });
  });
});

describe('resetCodeowners', () => {
  it('comments out the example’s team rules under the new owner, with a line saying why', () => {
    const text = [
      '# Who reviews what.',
      '/content/clients/        @tidewater-it/technicians',
      '/templates/              @tidewater-it/service-managers @jane',
      '/docs/                   @someone-else',
      '',
    ].join('\n');
    const reset = resetCodeowners(text, 'northwind-it');
    expect(reset.rules).toBe(2);
    expect(reset.text).toBe(
      [
        '# Who reviews what.',
        '# Commented out by `binder init`: create these teams in @northwind-it (or name people, @login), then remove the `# `.',
        '# /content/clients/        @northwind-it/technicians',
        '# /templates/              @northwind-it/service-managers @jane',
        '/docs/                   @someone-else',
        '',
      ].join('\n'),
    );
    expect(resetCodeowners(reset.text, 'northwind-it')).toEqual({ text: reset.text, rules: 0 });
  });
});

describe('adoptionRefusal', () => {
  const example = { mspRepo: EXAMPLE_MSP.repo, clientFolders: [...EXAMPLE_MSP.clients], archiveFolders: [] };

  it('lets init run over the untouched example, or over a blank MSP', () => {
    expect(adoptionRefusal(example)).toBeUndefined();
    expect(
      adoptionRefusal({ mspRepo: 'northwind-it/binders', clientFolders: [], archiveFolders: [] }),
    ).toBeUndefined();
    expect(adoptionRefusal({ clientFolders: [], archiveFolders: [] })).toBeUndefined();
  });

  it('refuses when clients of the MSP’s own exist, naming them', () => {
    expect(adoptionRefusal({ ...example, clientFolders: [...example.clientFolders, 'acme'] })).toBe(
      'content/ already holds a client of your own (acme): init would delete it, with every binder, note and archived checklist. Nothing was changed. To start over anyway, run init again with --force.',
    );
    // After init, the example's slugs are the MSP's own (the README's first client is harbor-dental).
    expect(
      adoptionRefusal({
        mspRepo: 'northwind-it/binders',
        clientFolders: ['harbor-dental'],
        archiveFolders: ['x'],
      }),
    ).toMatch(/^content\/ already holds clients of your own \(harbor-dental, x\): init would delete them/);
    expect(
      adoptionRefusal({
        clientFolders: Array.from({ length: 7 }, (_, index) => `c${index}`),
        archiveFolders: [],
      }),
    ).toMatch(/\(c0, c1, c2, c3, c4 and 2 more\)/);
  });
});

describe('renderMspSettings', () => {
  it('writes msp.yaml through the YAML library, with comments, valid by MspSettingsSchema', () => {
    const settings = {
      name: 'Northwind IT: "North" #1',
      siteUrl: 'https://docs.northwind-it.example',
      repo: 'northwind-it/binders',
      timezone: 'Europe/London',
      assignees: {},
      tags: [],
      closedDays: [],
      workingDays: [...DEFAULT_WORKING_DAYS],
      milestones: true,
      graduateAfter: 3,
      staff: {},
      paper: 'letter' as const,
    };
    const text = renderMspSettings(settings);
    expect(text).toMatch(/^# The MSP's own settings/);
    expect(text).toContain(
      '\n# IANA time zone for due dates; a client profile may set its own.\ntimezone: Europe/London\n',
    );
    expect(MspSettingsSchema.parse(parseYamlWithPositions('content/msp.yaml', text).data)).toEqual(settings);
  });
});
