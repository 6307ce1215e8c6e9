import { describe, expect, it } from 'vitest';
import { periodLength } from '../../src/calc/period.js';

describe('period length', () => {
  it('counts a month as 1 month and 13/3 weeks', () => {
    const month = periodLength('month');
    expect(month.months).toBe(1);
    expect(month.weeks).toBeCloseTo(4.3333, 4);
  });

  it('counts a quarter as 3 months and 13 weeks', () => {
    expect(periodLength('quarter')).toEqual({ name: 'quarter', months: 3, weeks: 13 });
  });

  it('counts a year as 12 months and 52 weeks', () => {
    expect(periodLength('year')).toEqual({ name: 'year', months: 12, weeks: 52 });
  });
});
