import { describe, expect, it } from 'vitest';
import {
  lastDayOfMonth,
  localDate,
  localTime,
  monthsEndingAt,
  nextMonth,
  previousMonth,
} from './calendar.ts';
import { dueDateForMonth, isOverdue } from './due-date.ts';

describe('dueDateForMonth', () => {
  it.each([
    ['second tuesday', '2026-10', '2026-10-13'],
    ['second tuesday', '2026-12', '2026-12-08'],
    ['first monday', '2026-06', '2026-06-01'],
    ['2nd tuesday', '2026-09', '2026-09-08'],
    ['fourth thursday', '2026-11', '2026-11-26'],
    ['last friday', '2026-10', '2026-10-30'],
    ['last friday', '2026-07', '2026-07-31'],
    ['day 15', '2026-10', '2026-10-15'],
  ])('%s of %s is %s', (rule, month, expected) => {
    expect(dueDateForMonth(rule, month)).toBe(expected);
  });

  it('clamps a day that does not exist to the last day of the month', () => {
    const everyDay = { workingDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const };
    expect(dueDateForMonth('day 31', '2026-04', everyDay)).toBe('2026-04-30');
    expect(dueDateForMonth('day 31', '2026-02', everyDay)).toBe('2026-02-28');
    expect(dueDateForMonth('day 30', '2028-02', everyDay)).toBe('2028-02-29');
    expect(dueDateForMonth('day 29', '2100-02', everyDay)).toBe('2100-02-28');
    expect(dueDateForMonth('day 31', '2026-12', everyDay)).toBe('2026-12-31');
  });

  it('a visit on a day that is not a working day moves to the next working day (default Monday to Friday)', () => {
    // Cedar Ledger's `day 15`: Saturday 15 May and Sunday 15 August 2027.
    expect(dueDateForMonth('day 15', '2027-05')).toBe('2027-05-17');
    expect(dueDateForMonth('day 15', '2027-08')).toBe('2027-08-16');
    expect(dueDateForMonth('last sunday', '2026-02')).toBe('2026-02-23');
    const sixDays = { workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const };
    expect(dueDateForMonth('day 15', '2027-05', sixDays)).toBe('2027-05-15');
    expect(dueDateForMonth('day 15', '2027-08', sixDays)).toBe('2027-08-16');
    expect(dueDateForMonth('last sunday', '2026-02', { workingDays: ['sun'] })).toBe('2026-02-22');
  });

  it('skips closed days and days off together', () => {
    // Friday 25 December 2026 closed, the weekend off, Monday 28 closed: Tuesday 29.
    expect(dueDateForMonth('last friday', '2026-12', { closedDays: ['2026-12-25', '2026-12-28'] })).toBe(
      '2026-12-29',
    );
    // Working Tuesday to Saturday: a Monday visit moves to Tuesday.
    expect(
      dueDateForMonth('first monday', '2026-06', { workingDays: ['tue', 'wed', 'thu', 'fri', 'sat'] }),
    ).toBe('2026-06-02');
  });

  it('rejects a rule it does not know', () => {
    expect(() => dueDateForMonth('fifth tuesday', '2026-10')).toThrow(/not a visit rule/);
  });
});

describe('time zones', () => {
  it('reads the calendar date in the client time zone', () => {
    const now = new Date('2026-12-09T03:30:00Z');
    expect(localDate(now, 'America/Los_Angeles')).toBe('2026-12-08');
    expect(localDate(now, 'Europe/London')).toBe('2026-12-09');
    expect(localDate(now, 'Pacific/Auckland')).toBe('2026-12-09');
  });

  it('reads the time of day in the client time zone, on a 24-hour clock, the zone named', () => {
    const now = new Date('2026-12-09T03:30:00Z');
    expect(localTime(now, 'America/Los_Angeles')).toBe('19:30 PST');
    expect(localTime(now, 'America/New_York')).toBe('22:30 EST');
    expect(localTime(new Date('2026-08-11T15:20:00Z'), 'America/New_York')).toBe('11:20 EDT');
    expect(localTime(new Date('2026-12-09T00:05:00Z'), 'Europe/London')).toBe('00:05 GMT');
  });

  it('is overdue only once the visit day has passed locally', () => {
    const now = new Date('2026-12-09T03:30:00Z');
    expect(isOverdue('2026-12-08', now, 'America/Los_Angeles')).toBe(false);
    expect(isOverdue('2026-12-08', now, 'America/New_York')).toBe(false);
    expect(isOverdue('2026-12-08', now, 'Europe/London')).toBe(true);
    expect(isOverdue('2026-12-08', new Date('2026-12-08T23:59:00Z'), 'UTC')).toBe(false);
  });
});

describe('month arithmetic', () => {
  it('steps across years', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthsEndingAt('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
  });
});
