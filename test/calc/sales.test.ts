import { describe, expect, it } from 'vitest';
import { reverseFunnel } from '../../src/calc/funnel.js';
import { salesThroughput } from '../../src/calc/sales.js';
import type { SalesAssumptions } from '../../src/model/assumptions.js';
import type { StageCount } from '../../src/model/plan.js';
import { makeAssumptions } from '../support/assumptions.js';

const meetingsToDeals = (deals: number): StageCount[] =>
  reverseFunnel({
    stages: [
      { stage: 'meetings', conversion: null },
      { stage: 'deals', conversion: 0.2 },
    ],
    deals,
  });

const salesWith = (overrides: Partial<SalesAssumptions>): SalesAssumptions => ({
  ...makeAssumptions().sales,
  ...overrides,
});

/** Five reps who start at meetings, two a rep a week: 10 meetings a week. */
const meetingsOnlyTwoAWeek = salesWith({
  attemptsStage: 'meetings',
  meetingsStage: 'meetings',
  meetingsPerRepPerWeek: 2,
});

describe('sales throughput', () => {
  it('takes 10.5 weeks, not 4, for 105 meetings at 5 reps × 2 meetings a week', () => {
    const sales = salesThroughput({
      funnel: meetingsToDeals(21),
      sales: meetingsOnlyTwoAWeek,
      periodWeeks: 13,
    });

    expect(sales.meetingsNeeded).toBe(105);
    expect(sales.meetingsPerWeek).toBe(10);
    expect(sales.weeksToClose).toBeCloseTo(10.5, 9);
    expect(sales.bottleneck).toBe('meetings');
    expect(sales.fitsPeriod).toBe(true);
  });

  it('does not fit 105 meetings into a month (13/3 weeks) and asks for 13 reps', () => {
    const sales = salesThroughput({
      funnel: meetingsToDeals(21),
      sales: meetingsOnlyTwoAWeek,
      periodWeeks: 13 / 3,
    });

    expect(sales.fitsPeriod).toBe(false);
    // 105 / (2 × 13/3) = 12.1 reps, so 13 whole reps.
    expect(sales.repsNeeded).toBe(13);
  });

  it('gives one rep 200 attempts a week at 40 a day over 5 days', () => {
    const sales = salesThroughput({
      funnel: [{ stage: 'attempts', count: 200, conversion: null }],
      sales: salesWith({ reps: 1, meetingsStage: null, meetingsPerRepPerWeek: null }),
      periodWeeks: 13,
    });

    expect(sales.attemptsPerWeek).toBe(200);
    expect(sales.weeksToClose).toBe(1);
  });

  it('plans the agency: 6 250 attempts in 6.25 weeks, 125 meetings in 8.33 weeks', () => {
    const funnel = reverseFunnel({ stages: makeAssumptions().funnel, deals: 25 });
    const sales = salesThroughput({ funnel, sales: makeAssumptions().sales, periodWeeks: 13 });

    expect(sales.attemptsNeeded).toBeCloseTo(6_250, 6);
    expect(sales.meetingsNeeded).toBeCloseTo(125, 9);
    expect(sales.attemptsPerWeek).toBe(1_000);
    expect(sales.meetingsPerWeek).toBe(15);
    expect(sales.weeksToClose).toBeCloseTo(8.3333, 4);
    expect(sales.bottleneck).toBe('meetings');
    // attempts: 6 250 / (200 × 13) = 2.4 → 3; meetings: 125 / (3 × 13) = 3.2 → 4.
    expect(sales.repsNeeded).toBe(4);
  });

  it('fits exactly 13 weeks into a quarter: 195 meetings at 15 a week', () => {
    const sales = salesThroughput({
      funnel: [{ stage: 'meetings', count: 195, conversion: null }],
      sales: salesWith({ attemptsStage: 'meetings' }),
      periodWeeks: 13,
    });

    expect(sales.weeksToClose).toBe(13);
    expect(sales.fitsPeriod).toBe(true);
    expect(sales.repsNeeded).toBe(5);
  });

  it('ignores the meeting norm when the funnel has no meeting stage', () => {
    const sales = salesThroughput({
      funnel: [
        { stage: 'leads', count: 5_000, conversion: null },
        { stage: 'payment', count: 100, conversion: 0.02 },
      ],
      sales: salesWith({
        reps: 2,
        attemptsPerRepPerDay: 100,
        attemptsStage: 'leads',
        meetingsStage: null,
      }),
      periodWeeks: 13,
    });

    expect(sales.meetingsNeeded).toBeNull();
    expect(sales.meetingsPerWeek).toBe(6);
    expect(sales.weeksToClose).toBe(5);
    expect(sales.bottleneck).toBe('attempts');
  });

  it('needs at least one rep even for a tiny plan', () => {
    const sales = salesThroughput({
      funnel: [{ stage: 'attempts', count: 1, conversion: null }],
      sales: salesWith({ meetingsStage: null }),
      periodWeeks: 13,
    });
    expect(sales.repsNeeded).toBe(1);
  });
});
