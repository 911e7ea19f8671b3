import { describe, expect, it } from 'vitest';
import { parseChecklistTemplate } from './checklist-template.ts';

const FILE = 'templates/checklists/monthly.md';
const parse = (body: string, front = 'title: Monthly') =>
  parseChecklistTemplate('monthly', FILE, `---\n${front}\n---\n${body}`);
const errors = (body: string) =>
  parse(body).diagnostics.map((d) => `${d.line}:${d.col} ${d.message} | ${d.fix ?? ''}`);

describe('parseChecklistTemplate', () => {
  it('reads sections, tiers, frequencies, months, tags, help and SOP links', () => {
    const { template, diagnostics, lines } = parse(
      [
        'Intro prose is ignored.',
        '',
        '## Server health',
        '',
        '- Review the system log: 100 a day means a problem {#system-log-warnings remote tags=windows-server,nas}',
        '  Filter to the last 30 days.',
        '',
        '  Recurring errors get a ticket.',
        '  SOP: https://wiki.example/sop/logs',
        '- Test-restore a sample {#test-restore onsite quarterly}',
        '* Calibrate the UPS {#ups-calibration onsite semiannual in=mar,9}',
        '',
        '## Monthly single',
        '',
        '- Firewall firmware {#single-firewall onsite single in=jan tags=firewall}',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(lines.get('test-restore')).toBe(13);
    expect(template?.items).toMatchInlineSnapshot(`
      [
        {
          "frequency": "monthly",
          "help": "Filter to the last 30 days.

      Recurring errors get a ticket.",
          "id": "system-log-warnings",
          "months": [
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8,
            9,
            10,
            11,
            12,
          ],
          "section": "Server health",
          "sop": "https://wiki.example/sop/logs",
          "tags": [
            "windows-server",
            "nas",
          ],
          "text": "Review the system log: 100 a day means a problem",
          "tier": "remote",
        },
        {
          "frequency": "quarterly",
          "id": "test-restore",
          "months": [
            1,
            4,
            7,
            10,
          ],
          "section": "Server health",
          "tags": [],
          "text": "Test-restore a sample",
          "tier": "onsite",
        },
        {
          "frequency": "semiannual",
          "id": "ups-calibration",
          "months": [
            3,
            9,
          ],
          "section": "Server health",
          "tags": [],
          "text": "Calibrate the UPS",
          "tier": "onsite",
        },
        {
          "frequency": "single",
          "id": "single-firewall",
          "months": [
            1,
          ],
          "section": "Monthly single",
          "tags": [
            "firewall",
          ],
          "text": "Firewall firmware",
          "tier": "onsite",
        },
      ]
    `);
  });

  it('accepts CRLF line ends', () => {
    const result = parseChecklistTemplate(
      'monthly',
      FILE,
      '---\r\ntitle: M\r\n---\r\n## A\r\n- Do it {#do-it onsite}\r\n  Help.\r\n',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.template?.items[0]).toMatchObject({ id: 'do-it', help: 'Help.' });
  });

  it('keeps help text inside fenced code blocks verbatim', () => {
    const { template } = parse('## A\n- Check defrag {#defrag onsite}\n  ```\n  defrag C: /A\n  ```\n');
    expect(template?.items[0]?.help).toBe('```\ndefrag C: /A\n```');
  });

  it('reports every problem with line, column and fix', () => {
    expect(
      errors(
        [
          '- Outside any section {#outside onsite}',
          '## Checks',
          '- No block at all',
          '- [ ] A task box {#boxed onsite}',
          '- Bad id {#Bad_Id onsite}',
          '- No tier {#no-tier monthly}',
          '- Two {#two remote}',
          '- Two again {#two onsite}',
          '- Odd attribute {#odd onsite every=2}',
          '- Bad months {#bad-months onsite quarterly in=jan,smarch}',
          '- Bad tags {#bad-tags onsite tags=UPS}',
          '- Single without month {#s0 onsite single}',
          '- Single jan {#s1 onsite single in=jan}',
          '- Single jan too {#s2 remote single in=1}',
          '- {#no-text onsite}',
          '- SOP that is not a URL {#sop-bad onsite}',
          '  SOP: wiki/sop',
        ].join('\n'),
      ),
    ).toMatchInlineSnapshot(`
      [
        "4:1 item \`outside\` is not under a \`## Section\` heading | add a \`## Heading\` above it",
        "6:1 list item without an attribute block \`{#id tier}\` | end the line with e.g. \`{#ups-self-test onsite}\` (id, tier, optional frequency, in=, tags=), or move the text out of the list",
        "7:1 a template item must not be a task box (\`- [ ]\`): the issue adds the boxes | write \`- Text {#item-id onsite}\` without \`[ ]\`",
        "8:10 item id \`Bad_Id\` is not valid | use lowercase letters, digits and dashes after \`#\`, e.g. \`{#ups-self-test onsite}\`",
        "9:11 item \`no-tier\` has no tier | add one of automatic, remote, onsite after the id, e.g. \`{#no-tier onsite}\`",
        "11:13 duplicate item id \`two\`: already used on line 10 | give each item its own id; ids must stay unique and stable",
        "12:30 unknown attribute \`every=2\` on item \`odd\` | use a tier (automatic, remote, onsite), a frequency (monthly, quarterly, semiannual, annual, single), \`in=…\`, \`tags=…\` or \`rmm=…\`",
        "13:44 \`in=jan,smarch\`: \`smarch\` is not a month | write months as \`in=jan,apr,jul,oct\` or \`in=1,4,7,10\`",
        "14:30 \`tags=UPS\`: tags must be lowercase words with dashes | write e.g. \`tags=ups,windows-server\`",
        "15:24 monthly-single item \`s0\` needs its month | add \`in=<month>\`, e.g. \`{#s0 onsite single in=mar}\`",
        "17:18 monthly-single items \`s1\` and \`s2\` both fall in jan | give each monthly-single task its own month: one task a month",
        "18:1 item \`no-text\` has no text | write the instruction before the \`{#…}\` block",
        "20:8 SOP link must be an http(s) URL; found \`wiki/sop\` | write \`SOP: https://…\`",
      ]
    `);
  });

  it('reports a template without items and bad frontmatter', () => {
    expect(parse('Just prose.\n').diagnostics.map((d) => d.message)).toEqual(['the template has no items']);
    expect(
      parse('## A\n- x {#x onsite}\n', 'titel: Monthly').diagnostics.map((d) => d.message),
    ).toMatchInlineSnapshot(`
      [
        "missing required field \`title\` in a checklist template",
        "unknown field \`titel\` in a checklist template",
      ]
    `);
  });

  it('reads `rmm=`: the RMM checks that prove an item, with RMM spellings normalised', () => {
    const { template, diagnostics } = parse(
      [
        '## RMM',
        '- Disk alerting {#disk automatic rmm=diskspace}',
        '- Services {#services automatic rmm=winsvc:Spooler,service:MSSQLSERVER,service:spooler}',
        '- No checks named {#plain automatic}',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(template?.items.map((item) => [item.id, item.rmm])).toEqual([
      ['disk', [{ type: 'diskspace' }]],
      [
        'services',
        [
          { type: 'service', target: 'Spooler' },
          { type: 'service', target: 'MSSQLSERVER' },
        ],
      ],
      ['plain', undefined],
    ]);
  });

  it('reports an unknown RMM check type at its column, with the valid types', () => {
    expect(errors('## RMM\n- Disk alerting {#disk automatic rmm=diskspace,smart:C:,service:}')).toEqual([
      '5:34 `rmm=diskspace,smart:C:,service:`: `smart` is not an RMM check type; `service:` has a colon but no target | write e.g. `rmm=diskspace` or `rmm=service:Spooler,service:MSSQLSERVER`; types are diskspace, service, ping, cpu, memory, eventlog, script, backup, patch',
    ]);
  });
});
