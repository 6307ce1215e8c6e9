import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sensitivity } from '../../src/calc/sensitivity.js';
import { makeAssumptions } from '../support/assumptions.js';

describe('sensitivity of LTV/CAC', () => {
  const result = sensitivity(makeAssumptions(), 'ltv_to_cac');
  const row = (input: string) => result.rows.find((candidate) => candidate.input === input)!;

  it('starts from the plan as given: LTV/CAC 5.06', () => {
    expect(result.base).toBeCloseTo(5.0625, 9);
    expect(result.step).toBe(0.1);
  });

  it('raising churn lowers LTV/CAC: 7.2% gives 5.625, 8.8% gives 4.60', () => {
    const churn = row('churn_monthly');
    expect(churn.lowInput).toBeCloseTo(0.072, 12);
    expect(churn.highInput).toBeCloseTo(0.088, 12);
    expect(churn.metricLow).toBeCloseTo(81_000 / 0.072 / 200_000, 9);
    expect(churn.metricHigh).toBeCloseTo(81_000 / 0.088 / 200_000, 9);
    expect(churn.metricHigh).toBeLessThan(churn.metricLow);
  });

  it('raising the average check raises LTV/CAC in proportion: ±10% gives ±0.506', () => {
    const check = row('average_check');
    expect(check.metricHigh).toBeGreaterThan(check.metricLow);
    expect(check.swing).toBeCloseTo(2 * 0.1 * 5.0625, 9);
  });

  it('raising CAC lowers LTV/CAC', () => {
    const cac = row('sales.cac');
    expect(cac.metricHigh).toBeLessThan(cac.metricLow);
  });

  it('ranks churn first, since 1/churn moves more than a proportional input', () => {
    expect(result.rows[0]?.input).toBe('churn_monthly');
    const swings = result.rows.map((candidate) => candidate.swing);
    expect(swings).toEqual([...swings].sort((x, y) => y - x));
  });

  it('gives inputs that do not affect LTV/CAC zero swing and ranks them last', () => {
    const reps = row('sales.reps');
    expect(reps.swing).toBe(0);
    const firstZero = result.rows.findIndex((candidate) => candidate.swing === 0);
    expect(result.rows.slice(firstZero).every((candidate) => candidate.swing === 0)).toBe(true);
    expect(
      result.rows
        .slice(0, firstZero)
        .map((candidate) => candidate.input)
        .sort(),
    ).toEqual(['average_check', 'churn_monthly', 'gross_margin', 'sales.cac'].sort());
  });

  it('moves whole-number inputs by a whole unit and says so: 5 reps become 4 and 6', () => {
    const reps = row('sales.reps');
    expect([reps.lowInput, reps.highInput]).toEqual([4, 6]);
    expect(reps.variation).toBe('whole_unit');
    expect(row('average_check').variation).toBe('relative');
  });
});

describe('sensitivity options and limits', () => {
  it('keeps a rate within 100%: a 95% conversion moved up 10% stops at 100%', () => {
    const a = makeAssumptions({
      funnel: [
        { stage: 'attempts', conversion: null },
        { stage: 'meetings', conversion: 0.02 },
        { stage: 'deals', conversion: 0.95 },
      ],
    });
    const result = sensitivity(a, 'new_clients', { inputs: ['funnel.deals.conversion'] });
    expect(result.rows[0]?.highInput).toBe(1);
    expect(result.rows[0]?.lowInput).toBeCloseTo(0.855, 12);
  });

  it('never takes a role below one person: 4 account managers moved down 90% stop at 1', () => {
    // Load divides by headcount × quota; a role of nobody has no load to read.
    const result = sensitivity(makeAssumptions(), 'max_load', {
      step: 0.9,
      inputs: ['delivery.roles.account_manager.headcount'],
    });
    expect(result.rows[0]?.lowInput).toBe(1);
    expect(result.rows[0]?.metricLow).toBeGreaterThan(result.base);
  });

  it('lets one monthly cost fall to 0 only while the others keep CAC above 0', () => {
    const withCosts = (tools: number) =>
      makeAssumptions({
        sales: { cac: null, monthlyCosts: { payroll: 600_000, tools, marketing: 0 } },
      });
    const options = { step: 1, inputs: ['sales.monthly_costs.payroll'] };
    const shared = sensitivity(withCosts(50_000), 'ltv_to_cac', options).rows[0]!;
    expect(shared.lowInput).toBe(0);
    // Payroll alone: at 0 there would be no CAC, so LTV/CAC grows without bound instead of
    // reading 0 and failing.
    const alone = sensitivity(withCosts(0), 'ltv_to_cac', options);
    expect(alone.rows[0]!.lowInput).toBeGreaterThan(0);
    expect(alone.rows[0]!.metricLow).toBeGreaterThan(alone.base);
  });

  it('varies only the inputs asked for, by the step asked for', () => {
    const result = sensitivity(makeAssumptions(), 'weeks_to_close', {
      step: 0.2,
      inputs: ['sales.meetings_per_rep_per_week', 'funnel.1.conversion'],
    });
    expect(result.rows.map((row) => row.input)).toEqual([
      'sales.meetings_per_rep_per_week',
      'funnel.meetings.conversion',
    ]);
    // 125 meetings at 15 × 0.8 and 15 × 1.2 a week.
    expect(result.rows[0]?.metricLow).toBeCloseTo(125 / 12, 9);
    expect(result.rows[0]?.metricHigh).toBeCloseTo(125 / 18, 9);
    // The meeting ceiling binds (8.3 weeks against 7.8 for attempts even at 1.6%).
    expect(result.rows[1]?.swing).toBe(0);
  });

  it('raising churn never raises LTV/CAC, at any churn and step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        (churn, step) => {
          const a = makeAssumptions({ churnMonthly: churn });
          const row = sensitivity(a, 'ltv_to_cac', { step, inputs: ['churn_monthly'] }).rows[0]!;
          expect(row.metricHigh).toBeLessThanOrEqual(row.metricLow);
        },
      ),
      { numRuns: 100 },
    );
  });
});
