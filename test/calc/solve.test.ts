import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/model/problem.js';
import { getInput, listMetrics, listNumericInputs, slug, withInput } from '../../src/calc/paths.js';
import { planPeriod } from '../../src/calc/plan.js';
import { metricValue, presetRequest, solveFor } from '../../src/calc/solve.js';
import { makeAssumptions } from '../support/assumptions.js';

function thrownBy(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('input paths', () => {
  const a = makeAssumptions();

  it('read the snake_case keys of the file', () => {
    expect(getInput(a, 'average_check')).toBe(180_000);
    expect(getInput(a, 'churn_monthly')).toBe(0.08);
    expect(getInput(a, 'sales.cac')).toBe(200_000);
    expect(getInput(a, 'delivery.max_load')).toBe(0.85);
    expect(getInput(a, 'thresholds.ltv_to_cac_min')).toBe(3);
  });

  it('name funnel stages and roles by index or by name', () => {
    expect(getInput(a, 'funnel.1.conversion')).toBe(0.02);
    expect(getInput(a, 'funnel.meetings.conversion')).toBe(0.02);
    expect(getInput(a, 'delivery.roles.0.headcount')).toBe(4);
    expect(getInput(a, 'delivery.roles.account_manager.headcount')).toBe(4);
    expect(getInput(a, 'delivery.roles.Targeting Specialist.clients_per_person')).toBe(10);
  });

  it('change one input in a copy and leave the original alone', () => {
    const changed = withInput(a, 'funnel.proposals.conversion', 0.6);
    expect(changed.funnel[2]?.conversion).toBe(0.6);
    expect(a.funnel[2]?.conversion).toBe(0.5);

    const hired = withInput(a, 'delivery.roles.1.headcount', 7);
    expect(hired.delivery.roles[1]?.headcount).toBe(7);
    expect(a.delivery.roles[1]?.headcount).toBe(6);
  });

  it('setting a monthly cost on a file without costs starts the others at zero', () => {
    const changed = withInput(a, 'sales.monthly_costs.payroll', 500_000);
    expect(changed.sales.monthlyCosts).toEqual({ payroll: 500_000, tools: 0, marketing: 0 });
  });

  it('reject an unknown path and name the nearest known one', () => {
    const error = thrownBy(() => getInput(a, 'churn_montly'));
    expect(error.problems[0]?.code).toBe('unknown_input');
    expect(error.problems[0]?.hint).toBe('did you mean churn_monthly?');

    const stage = thrownBy(() => getInput(a, 'funnel.meeting.conversion'));
    expect(stage.problems[0]?.hint).toBe('did you mean funnel.meetings.conversion?');
  });

  it('reject the first stage, which has no conversion', () => {
    expect(thrownBy(() => getInput(a, 'funnel.attempts.conversion')).problems[0]?.code).toBe(
      'input_not_set',
    );
  });

  it('list every numeric input the file sets, without thresholds', () => {
    const inputs = listNumericInputs(a);
    expect(inputs).toContain('average_check');
    expect(inputs).toContain('funnel.deals.conversion');
    expect(inputs).toContain('delivery.roles.context_ads_specialist.share_of_clients');
    expect(inputs).not.toContain('funnel.attempts.conversion');
    expect(inputs).not.toContain('ltv_horizon_months');
    expect(inputs).not.toContain('sales.monthly_costs.payroll');
    expect(inputs.some((path) => path.startsWith('thresholds.'))).toBe(false);
    for (const path of inputs) expect(Number.isFinite(getInput(a, path))).toBe(true);
  });

  it('slug list item names into path segments, Russian names included', () => {
    expect(slug('Context ads specialist')).toBe('context_ads_specialist');
    expect(slug('Аккаунт-менеджер')).toBe('аккаунт_менеджер');
  });
});

describe('plan figures by id', () => {
  const plan = planPeriod(makeAssumptions());

  it('read the figures of the worked examples', () => {
    expect(metricValue(plan, 'new_clients')).toBeCloseTo(25, 9);
    expect(metricValue(plan, 'ltv')).toBeCloseTo(1_012_500, 6);
    expect(metricValue(plan, 'ltv_to_cac')).toBeCloseTo(5.0625, 9);
    expect(metricValue(plan, 'payback_months')).toBeCloseTo(200_000 / 81_000, 9);
    expect(metricValue(plan, 'funnel.meetings.count')).toBeCloseTo(125, 9);
    expect(metricValue(plan, 'roles.account_manager.capacity')).toBe(60);
  });

  it('list ids that all resolve', () => {
    const ids = listMetrics(plan);
    expect(ids).toContain('max_load');
    expect(ids).toContain('roles.targeting_specialist.hires_needed');
    for (const id of ids) expect(Number.isFinite(metricValue(plan, id))).toBe(true);
  });

  it('reject an unknown figure and name the nearest one', () => {
    const error = thrownBy(() => metricValue(plan, 'ltv_cac'));
    expect(error.problems[0]?.code).toBe('unknown_metric');
    expect(error.problems[0]?.hint).toBe('did you mean ltv_to_cac?');
  });
});

describe('goal seek', () => {
  const agency = makeAssumptions();

  it('finds the check that gives LTV/CAC exactly 3: 3 × 200 000 × 8% / 45% = 106 666.67', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'average_check',
      metric: 'ltv_to_cac',
      target: 3,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeCloseTo((3 * 200_000 * 0.08) / 0.45, 4);
    expect(result.metricAtValue).toBeCloseTo(3, 9);
    expect(result.iterations).toBeLessThanOrEqual(260);
  });

  it('finds the highest churn that keeps LTV/CAC at 3: 0.45 × 180 000 / (3 × 200 000) = 0.135', () => {
    const result = solveFor(presetRequest(agency, 'highest_churn'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeCloseTo(0.135, 8);
    const plan = planPeriod(withInput(agency, 'churn_monthly', result.value));
    expect(plan.checks.find((check) => check.id === 'ltv_to_cac')?.ok).toBe(true);
  });

  it('the minimum check preset gives the lowest check with LTV/CAC of at least 3', () => {
    const result = solveFor(presetRequest(agency, 'minimum_check'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeCloseTo(106_666.6667, 3);
    expect(result.current).toEqual({
      value: 180_000,
      metric: expect.closeTo(5.0625, 9),
      meets: true,
    });
  });

  it('the reps preset finds the fewest whole reps that close in 13 weeks: 4, since 3 take 13.9', () => {
    // 125 meetings at 3 a rep a week: 4 reps take 10.4 weeks, 3 reps 13.9.
    const result = solveFor(presetRequest(agency, 'reps_to_close'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBe(4);
    expect(planPeriod(withInput(agency, 'sales.reps', 3)).sales.fitsPeriod).toBe(false);
  });

  it('the reps preset raises reps when the team is too small: 125 meetings need 7 reps at 1.5 a week', () => {
    const slow = makeAssumptions({ sales: { meetingsPerRepPerWeek: 1.5, reps: 2 } });
    const result = solveFor(presetRequest(slow, 'reps_to_close'));
    expect(result.ok && result.value).toBe(Math.ceil(125 / (1.5 * 13)));
  });

  it('the conversion preset finds the attempt-to-meeting conversion the current team needs', () => {
    // Ten attempts a day: the team makes 250 attempts a week, 3 250 in the quarter.
    const team = makeAssumptions({ sales: { attemptsPerRepPerDay: 10 } });
    const result = solveFor(presetRequest(team, 'conversion_needed', 'meetings'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeCloseTo(125 / 3_250, 8);
  });

  it('whole-number targets on a step figure give the smallest input that meets them', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'sales.meetings_per_rep_per_week',
      metric: 'reps_needed',
      target: 4,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 125 meetings over 13 weeks with 4 reps: 2.404 meetings a rep a week.
    expect(result.value).toBeCloseTo(125 / (4 * 13), 8);
    expect(result.metricAtValue).toBe(4);
  });

  it('reports no_bracket with the closest point when no value reaches the target', () => {
    // LTV/CAC rises with the check without bound, but churn is capped at 100%:
    // at churn 1 the lifetime is one month, LTV/CAC = 81 000 / 200 000 = 0.405.
    const result = solveFor({
      assumptions: agency,
      input: 'churn_monthly',
      metric: 'ltv_to_cac',
      target: 0.1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('no_bracket');
    expect(result.closest.value).toBe(1);
    expect(result.closest.metric).toBeCloseTo(0.405, 9);
  });

  it('reports no_bracket when the meeting ceiling binds and no conversion helps', () => {
    const result = solveFor(
      presetRequest(makeAssumptions({ sales: { reps: 3 } }), 'conversion_needed'),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('no_bracket');
  });

  it('reports always_met when every value meets an at_least target', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'sales.reps',
      metric: 'ltv_to_cac',
      target: 3,
      direction: 'at_least',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('always_met');
  });

  it('stays within a given range', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'average_check',
      metric: 'ltv_to_cac',
      target: 3,
      low: 150_000,
      high: 300_000,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.closest.value).toBe(150_000);
    expect([result.low, result.high]).toEqual([150_000, 300_000]);
  });

  it('reports the plan as written even when the range leaves its value out', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'average_check',
      metric: 'ltv_to_cac',
      target: 3,
      direction: 'at_least',
      low: 100_000,
      high: 150_000,
    });
    expect(result.current.value).toBe(180_000);
    expect(result.current.metric).toBeCloseTo(5.0625, 9);
    expect(result.current.meets).toBe(true);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeGreaterThanOrEqual(100_000);
    expect(result.value).toBeLessThanOrEqual(150_000);
    expect(result.value).toBeCloseTo(106_666.67, 2);
  });

  it('any reachable LTV/CAC target is met by the check that gives it analytically', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 20, noNaN: true }), (target) => {
        const result = solveFor({
          assumptions: agency,
          input: 'average_check',
          metric: 'ltv_to_cac',
          target,
        });
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.value / ((target * 200_000 * 0.08) / 0.45)).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 50 },
    );
  });
});
