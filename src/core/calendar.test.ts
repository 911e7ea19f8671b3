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
    expect(localTime(closed, 'Europe/London')).toBe('04:00 BST');
    expect(localTime(closed, 'America/Los_Angeles')).toBe('20:00 PDT');
  });

  it('names a zone by an English short name where one is in use, else by its offset', () => {
    const summer = new Date('2026-07-14T03:00:00Z');
    const winter = new Date('2026-01-14T03:00:00Z');
    expect(localTime(summer, 'Europe/London')).toBe('04:00 BST');
    expect(localTime(winter, 'Europe/London')).toBe('03:00 GMT');
    expect(localTime(summer, 'Europe/Paris')).toBe('05:00 CEST');
    expect(localTime(winter, 'Europe/Berlin')).toBe('04:00 CET');
    expect(localTime(summer, 'Europe/Dublin')).toBe('04:00 IST');
    expect(localTime(winter, 'Australia/Sydney')).toBe('14:00 AEDT');
    expect(localTime(summer, 'Pacific/Auckland')).toBe('15:00 NZST');
    expect(localTime(summer, 'Asia/Kolkata')).toBe('08:30 IST');
    expect(localTime(summer, 'Africa/Johannesburg')).toBe('05:00 SAST');
    expect(localTime(winter, 'America/St_Johns')).toBe('23:30 NST');
    // US zones keep their names; a zone English has no short name for keeps its offset.
    expect(localTime(winter, 'America/Chicago')).toBe('21:00 CST');
    expect(localTime(summer, 'Asia/Tokyo')).toBe('12:00 GMT+9');
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
