import type { Period } from '../model/assumptions.js';
import type { PeriodLength } from '../model/plan.js';

const MONTHS: Record<Period, number> = { month: 1, quarter: 3, year: 12 };

/** A year is taken as 52 weeks, so a quarter is 13 and a month 13/3 ≈ 4.33. */
const WEEKS: Record<Period, number> = { month: 13 / 3, quarter: 13, year: 52 };

/**
 * Months and weeks of a period: month = 1 month, 13/3 weeks; quarter = 3 months,
 * 13 weeks; year = 12 months, 52 weeks.
 */
export function periodLength(period: Period): PeriodLength {
  return { name: period, months: MONTHS[period], weeks: WEEKS[period] };
}
