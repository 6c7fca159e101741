import { describe, expect, it } from 'vitest';
import {
  monthPeriod,
  parsePeriod,
  periodDueAt,
  periodOf,
  previousPeriod,
  recentPeriods,
  weekPeriod,
} from './periods.ts';

describe('report periods', () => {
  it('knows months, leap years and ISO weeks', () => {
    expect(monthPeriod('2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod('2026-13')).toBeNull();
    // 2026-01-01 is a Thursday: week 1 starts on Monday 2025-12-29.
    expect(weekPeriod('2026-W01')).toMatchObject({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekPeriod('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekPeriod('2025-W53')).toBeNull();
    expect(periodOf('weekly', '2027-01-02').key).toBe('2026-W53');
    expect(periodOf('weekly', '2026-11-30').key).toBe('2026-W49');
    expect(parsePeriod('x')).toBeNull();
  });

  it('counts back, and is due at 06:00 station time the day after', () => {
    expect(previousPeriod(monthPeriod('2026-01') as never).key).toBe('2025-12');
    expect(previousPeriod(weekPeriod('2026-W01') as never).key).toBe('2025-W52');
    const months = recentPeriods('monthly', new Date('2026-11-30T17:00:00Z'), 12);
    // 17:00 UTC on 30 November is 01:00 on 1 December in the county.
    expect(months[0]?.key).toBe('2026-12');
    expect(months).toHaveLength(13);
    expect(months[12]?.key).toBe('2025-12');
    expect(periodDueAt(monthPeriod('2026-11') as never).toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });
});
