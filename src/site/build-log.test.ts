import { describe, expect, it } from 'vitest';
import { type LogEvent, withoutPageLines } from './build-log.mjs';

/** What Astro logs while it writes its pages, several at a time (`build.concurrency`). */
const page = (route: string): LogEvent => ({
  level: 'info',
  label: null,
  message: `  ├─ ${route}index.html`,
  newLine: false,
});
const took = (ms: number): LogEvent => ({
  level: 'info',
  label: 'SKIP_FORMAT',
  message: ` (+${ms}ms) `,
  newLine: true,
});

function logged(events: LogEvent[]): string[] {
  const lines: string[] = [];
  const destination = withoutPageLines({
    write: (event) => lines.push(`${event.level} ${event.label} ${event.message}`),
  });
  for (const event of events) destination.write(event);
  return lines;
}

describe("the build's log: Astro's own lines, without one per page", () => {
  it('leaves out each page and its time, however they interleave, and keeps every other line', () => {
    const lines = logged([
      { level: 'info', label: 'content', message: 'Synced content', newLine: true },
      { level: 'info', label: 'SKIP_FORMAT', message: '\n generating static routes ', newLine: true },
      page('/a/'),
      page('/b/'),
      took(12),
      { level: 'warn', label: 'build', message: 'a warning while pages are written', newLine: true },
      page('/c/'),
      took(7),
      took(30),
      { level: 'info', label: 'SKIP_FORMAT', message: ' (cached)', newLine: true },
      { level: 'info', label: null, message: '✓ Completed in 41.78s.\n', newLine: true },
      { level: 'error', label: 'build', message: 'a page failed', newLine: true },
      { level: 'info', label: 'build', message: 'Complete!', newLine: true },
    ]);
    expect(lines).toEqual([
      'info content Synced content',
      'info SKIP_FORMAT \n generating static routes ',
      'warn build a warning while pages are written',
      // A formatted line that answers no page is kept.
      'info SKIP_FORMAT  (cached)',
      'info null ✓ Completed in 41.78s.\n',
      'error build a page failed',
      'info build Complete!',
    ]);
  });

  it('the end of the pages ends what they are owed: the lines after pass', () => {
    expect(
      logged([
        page('/a/'),
        { level: 'info', label: 'build', message: '(+3ms)', newLine: true },
        { level: 'info', label: null, message: '✓ Completed in 1.2s.\n', newLine: true },
        { level: 'info', label: 'SKIP_FORMAT', message: ' generating optimized images ', newLine: true },
      ]),
    ).toEqual([
      'info build (+3ms)',
      'info null ✓ Completed in 1.2s.\n',
      'info SKIP_FORMAT  generating optimized images ',
    ]);
  });

  it('a route that wrote no file is a warning, not left out', () => {
    expect(
      logged([
        page('/feed.ics'),
        page('/a/'),
        took(3),
        {
          level: 'info',
          label: 'SKIP_FORMAT',
          message:
            ' \u001b[2m(+5ms)\u001b[22m \u001b[33m(file not created, response body was empty)\u001b[39m',
          newLine: true,
        },
      ]),
    ).toEqual([
      'warn build a route gave an empty response, so no file was written for it (`npx astro build` names it)',
    ]);
  });

  it('a page a warm build kept (cached or restored) is left out too, coloured as in a terminal', () => {
    expect(
      logged([
        {
          level: 'info',
          label: null,
          message: '  \u001b[32m├─\u001b[39m \u001b[2m/a/index.html\u001b[22m',
          newLine: false,
        },
        { level: 'info', label: 'SKIP_FORMAT', message: ' (cached)', newLine: true },
        { level: 'info', label: null, message: '  └─ /b/index.html', newLine: false },
        { level: 'info', label: 'SKIP_FORMAT', message: ' (restored)', newLine: true },
      ]),
    ).toEqual([]);
  });
});
