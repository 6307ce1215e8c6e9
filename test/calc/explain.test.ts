import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { evaluate, explainableMetrics, explainMetric, type Expr } from '../../src/calc/explain.js';
import { planPeriod } from '../../src/calc/plan.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import type { PlanResult } from '../../src/model/plan.js';
import { EXAMPLE_PLANS, planOf } from '../render/plan-fixture.js';

/** The figure a metric names, as the plan computes it. */
function planFigure(plan: PlanResult, metric: string): number | undefined {
  const [head, ...rest] = metric.split('.');
  const item = rest.join('.');
  const role = plan.capacity.find((entry) => entry.role === item);
  const direct: Record<string, number | null | undefined> = {
    client_months: plan.clientMonths,
    new_clients: plan.newClients,
    attempts_per_week: plan.sales.attemptsPerWeek,
    meetings_per_week: plan.sales.meetingsPerWeek,
    weeks_to_close: plan.sales.weeksToClose,
    reps_needed: plan.sales.repsNeeded,
    gross_profit_per_month: plan.unitEconomics.grossProfitPerMonth,
    cac: plan.unitEconomics.cac,
    lifetime_months: plan.unitEconomics.lifetimeMonths,
    ltv: plan.unitEconomics.ltv,
    ltv_to_cac: plan.unitEconomics.ltvToCac,
    payback_months: plan.unitEconomics.paybackMonths,
    direct_cost_per_month: plan.pricing.directCostPerMonth,
    minimum_check_for_margin: plan.pricing.minimumCheckForMargin,
    minimum_check_for_cac: plan.pricing.minimumCheckForCac,
    minimum_check: plan.pricing.minimumCheck,
    hours_budget_at_average_check: plan.pricing.hoursBudgetAtAverageCheck,
    implied_margin: plan.pricing.impliedMargin,
    funnel: plan.funnel.find((stage) => stage.stage === item)?.count,
    capacity: role?.capacity,
    peak_active_clients: role?.peakActiveClients,
    load: role?.load,
    hires_needed: role?.hiresNeeded,
  };
  return direct[head!] ?? undefined;
}

function expectSameAsPlan(assumptions: Assumptions): void {
  const plan = planPeriod(assumptions);
  const metrics = explainableMetrics(assumptions);
  // An empty or short list would let the loop below pass having compared nothing.
  expect(metrics.length).toBeGreaterThan(20);
  for (const metric of metrics) {
    const explained = explainMetric(assumptions, metric)!;
    const figure = planFigure(plan, metric);
    expect(figure, metric).toBeDefined();
    expect(explained.value, metric).toBe(figure);
  }
}

describe('explainMetric', () => {
  const agency = planOf('examples/agency.yaml').loaded.assumptions;

  it('reaches LTV/CAC 5.0625 from 81 000 × 12.5 / 200 000 for the agency', () => {
    const explained = explainMetric(agency, 'ltv_to_cac')!;
    const step = (name: string) => explained.steps.find((entry) => entry.name === name)!.value;
    expect(step('gross_profit_per_month')).toBe(81_000);
    expect(step('lifetime_months')).toBe(12.5);
    expect(step('ltv')).toBe(1_012_500);
    expect(step('cac')).toBe(200_000);
    expect(explained.value).toBe(5.0625);
    expect(explained.inputs.map((input) => input.name)).toEqual([
      'average_check',
      'gross_margin',
      'churn_monthly',
      'sales.cac',
    ]);
  });

  it('ends with the metric itself, after every step it needs', () => {
    const explained = explainMetric(agency, 'funnel.attempts')!;
    expect(explained.steps.map((step) => step.name)).toEqual([
      'client_months',
      'new_clients',
      'funnel.deals',
      'funnel.proposals',
      'funnel.meetings',
      'funnel.attempts',
    ]);
    expect(explained.value).toBe(6250);
  });

  it('gives no explanation for a metric it does not know', () => {
    expect(explainMetric(agency, 'ltv_cac')).toBeNull();
  });

  it.each(EXAMPLE_PLANS)('agrees with the plan on every metric of %s', (file) => {
    expectSameAsPlan(planOf(file).loaded.assumptions);
  });

  it('agrees with the plan whatever the churn, margin, conversions, reps and costs', () => {
    fc.assert(
      fc.property(
        fc.record({
          churn: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.5, noNaN: true })),
          horizon: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
          margin: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
          conversion: fc.double({ min: 0.01, max: 1, noNaN: true }),
          reps: fc.integer({ min: 1, max: 20 }),
          headcount: fc.integer({ min: 1, max: 10 }),
          fromCosts: fc.boolean(),
          period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
        }),
        (v) => {
          const horizon = v.churn === 0 ? (v.horizon ?? 24) : v.horizon;
          const assumptions: Assumptions = {
            ...agency,
            period: v.period,
            churnMonthly: v.churn,
            ltvHorizonMonths: horizon,
            grossMargin: v.margin,
            funnel: agency.funnel.map((stage, index) =>
              index === 1 ? { ...stage, conversion: v.conversion } : stage,
            ),
            sales: {
              ...agency.sales,
              reps: v.reps,
              cac: v.fromCosts ? null : agency.sales.cac,
              monthlyCosts: v.fromCosts
                ? { payroll: 600_000, tools: 50_000, marketing: 400_000 }
                : null,
            },
            delivery: {
              ...agency.delivery,
              roles: agency.delivery.roles.map((role) => ({ ...role, headcount: v.headcount })),
            },
          };
          expectSameAsPlan(assumptions);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('evaluate', () => {
  const values = new Map([['a', 6]]);
  const ref: Expr = { kind: 'ref', name: 'a' };

  it('divides by zero to 0, as the calculators do, never to Infinity', () => {
    expect(
      evaluate({ kind: 'op', op: '/', left: ref, right: { kind: 'number', value: 0 } }, values),
    ).toBe(0);
  });

  it('rounds 105.00000000000001 up to 105, not 106', () => {
    const almost: Expr = { kind: 'number', value: 21 / 0.2 };
    expect(evaluate({ kind: 'call', fn: 'ceil', args: [almost] }, values)).toBe(105);
  });
});
