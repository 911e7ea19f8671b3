import { describe, expect, it } from 'vitest';
import { localDate, localTime } from './calendar.ts';

/**
 * Dates and times in a zone are worked out once per instant and zone (a page, its cache key, the
 * history and the report format the same instants): the same instant in another zone, or another
 * instant, is never given a remembered answer.
 */
describe('the day and time an instant falls on in a time zone', () => {
  const closed = new Date('2026-10-14T03:00:00Z');

  it('is the day and time in that zone, asked again and again', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(localDate(closed, 'America/Chicago')).toBe('2026-10-13');
      expect(localTime(closed, 'America/Chicago')).toBe('22:00 CDT');
    }
  });

  it('differs by zone for the same instant, whichever zone is asked first', () => {
    expect(localDate(closed, 'Europe/London')).toBe('2026-10-14');
    expect(localDate(closed, 'America/Chicago')).toBe('2026-10-13');
    expect(localDate(closed, 'Pacific/Auckland')).toBe('2026-10-14');
    expect(localTime(closed, 'Europe/London')).toBe('04:00 GMT+1');
    expect(localTime(closed, 'America/Los_Angeles')).toBe('20:00 PDT');
  });

  it('differs by instant in the same zone, across a change of clocks', () => {
    expect(localTime(new Date('2026-11-01T06:30:00Z'), 'America/Chicago')).toBe('01:30 CDT');
    expect(localTime(new Date('2026-11-01T07:30:00Z'), 'America/Chicago')).toBe('01:30 CST');
    expect(localDate(new Date('2026-11-01T04:59:00Z'), 'America/Chicago')).toBe('2026-10-31');
    expect(localDate(new Date('2026-11-01T05:00:00Z'), 'America/Chicago')).toBe('2026-11-01');
  });

  it('refuses an instant that is not one, every time', () => {
    expect(() => localDate(new Date('not a date'), 'America/Chicago')).toThrow(RangeError);
    expect(() => localDate(new Date('not a date'), 'America/Chicago')).toThrow(RangeError);
  });
});
