import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listMetrics, metricValue, withInput } from '../../src/calc/paths.js';
import { planPeriod } from '../../src/calc/plan.js';
import { fillSamples, inverseNormal, pointValue, seedState } from '../../src/calc/random.js';
import {
  gatePlan,
  percentiles,
  probabilisticChecks,
  simulate,
  type SimulationResult,
} from '../../src/calc/simulate.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import type { UncertainInput } from '../../src/model/uncertainty.js';
import { assumptionsArb, makeAssumptions } from '../support/assumptions.js';

function range(
  path: string,
  low: number,
  high: number,
  distribution: UncertainInput['distribution'] = 'uniform',
  mode: number | null = null,
): UncertainInput {
  return { path, distribution, low, high, mode };
}

function figure(result: SimulationResult, id: string) {
  const found = result.figures.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
}

function probability(result: SimulationResult, id: string): number {
  return result.checks.find((check) => check.id === id)!.probability;
}

const agency = makeAssumptions();

describe('simulation with ranges of zero width', () => {
  /** A plan with one stage and no roles has 14 figures; the examples have more than 20. */
  function expectPointPlan(a: Assumptions, uncertain: UncertainInput[], moreThan = 20) {
    const result = simulate(a, uncertain, { samples: 300, seed: 7 });
    const plan = planPeriod(a);
    const ids = listMetrics(plan);
    expect(result.figures.length).toBeGreaterThan(moreThan);
    for (const summary of result.figures) {
      expect(ids).toContain(summary.id);
      const value = metricValue(plan, summary.id);
      expect([summary.id, summary.p10, summary.p50, summary.p90, summary.mean]).toEqual([
        summary.id,
        value,
        value,
        value,
        value,
      ]);
    }
    for (const check of plan.checks) {
      expect([check.id, probability(result, check.id)]).toEqual([check.id, check.ok ? 1 : 0]);
    }
  }

  it('reproduce the point plan of the agency in every figure and check', () => {
    expectPointPlan(agency, [
      range('churn_monthly', 0.08, 0.08),
      range('average_check', 180_000, 180_000, 'triangular', 180_000),
      range('funnel.meetings.conversion', 0.02, 0.02, 'lognormal'),
      range('sales.reps', 5, 5),
      range('delivery.roles.0.headcount', 4, 4),
    ]);
  });

  it('reproduce a year with CAC from costs, a horizon, optional thresholds and a partial role', () => {
    const a = makeAssumptions({
      period: 'year',
      churnMonthly: 0.03,
      ltvHorizonMonths: 24,
      sales: { cac: null, monthlyCosts: { payroll: 900_000, tools: 50_000, marketing: 300_000 } },
      thresholds: { ltvToCacMin: 3, paybackMonthsMax: 2, churnMonthlyMax: 0.05 },
      delivery: {
        roles: [
          {
            role: 'account manager',
            headcount: 4,
            clientsPerPerson: 15,
            shareOfClients: 1,
            clientHoursPerWeek: null,
          },
          {
            role: 'designer',
            headcount: 1,
            clientsPerPerson: 20,
            shareOfClients: 0.3,
            clientHoursPerWeek: null,
          },
        ],
      },
    });
    expectPointPlan(a, [
      range('sales.monthly_costs.marketing', 300_000, 300_000),
      range('delivery.max_load', 0.85, 0.85),
      range('delivery.roles.designer.share_of_clients', 0.3, 0.3),
    ]);
  });

  // simulate computes the model column by column for speed, apart from the calculators that
  // planPeriod runs; this holds the two to the same figures on any plan, not only the examples.
  it('reproduce the point plan of any valid plan in every figure and check', () => {
    fc.assert(
      fc.property(assumptionsArb, (a) => {
        expectPointPlan(a, [range('churn_monthly', a.churnMonthly, a.churnMonthly)], 13);
      }),
      { numRuns: 60 },
    );
  });

  it('keep 0% churn at 0 when a horizon caps the lifetime, so a churn ceiling of 0% passes', () => {
    const a = makeAssumptions({
      churnMonthly: 0,
      ltvHorizonMonths: 12,
      thresholds: { ltvToCacMin: 1, paybackMonthsMax: null, churnMonthlyMax: 0 },
    });
    expect(planPeriod(a).checks.find((check) => check.id === 'churn_max')?.ok).toBe(true);
    expectPointPlan(a, [range('churn_monthly', 0, 0)]);
  });

  it('reproduce a plan that fails its checks: two reps and a load above the ceiling', () => {
    const a = makeAssumptions({ sales: { reps: 2 }, delivery: { activeClients: 80 } });
    expect(planPeriod(a).ok).toBe(false);
    expectPointPlan(a, [range('sales.reps', 2, 2)]);
  });
});

describe('simulation', () => {
  const uncertain = [
    range('churn_monthly', 0.05, 0.12),
    range('funnel.meetings.conversion', 0.015, 0.02),
    range('average_check', 150_000, 220_000, 'triangular', 180_000),
    range('sales.cac', 150_000, 260_000, 'lognormal'),
    range('sales.reps', 4, 6),
  ];

  it('gives the same result twice with the same seed', () => {
    const first = simulate(agency, uncertain, { samples: 20_000, seed: 42 });
    const second = simulate(agency, uncertain, { samples: 20_000, seed: 42 });
    expect(second).toEqual(first);
  });

  it('gives a different result with a different seed', () => {
    const first = simulate(agency, uncertain, { samples: 20_000, seed: 42 });
    const second = simulate(agency, uncertain, { samples: 20_000, seed: 43 });
    expect(figure(second, 'ltv_to_cac').p50).not.toBe(figure(first, 'ltv_to_cac').p50);
  });

  it('keeps probabilities in [0, 1] and percentiles in order', () => {
    const result = simulate(agency, uncertain, { samples: 20_000, seed: 1 });
    for (const check of result.checks) {
      expect(check.probability).toBeGreaterThanOrEqual(0);
      expect(check.probability).toBeLessThanOrEqual(1);
    }
    for (const summary of result.figures) {
      expect(summary.min).toBeLessThanOrEqual(summary.p10);
      expect(summary.p10).toBeLessThanOrEqual(summary.p50);
      expect(summary.p50).toBeLessThanOrEqual(summary.p90);
      expect(summary.p90).toBeLessThanOrEqual(summary.max);
    }
  });

  it('draws whole reps only, each of 4, 5 and 6 about a third of the time', () => {
    // 125 meetings at 3 a rep a week: 4 reps take 10.42 weeks, 5 take 8.33, 6 take 6.94.
    const result = simulate(agency, [range('sales.reps', 4, 6)], { samples: 30_000, seed: 3 });
    const weeks = figure(result, 'weeks_to_close');
    expect(weeks.min).toBeCloseTo(125 / 18, 9);
    expect(weeks.max).toBeCloseTo(125 / 12, 9);
    expect(weeks.p50).toBeCloseTo(125 / 15, 9);
    expect(weeks.mean).toBeCloseTo((125 / 12 + 125 / 15 + 125 / 18) / 3, 1);
  });

  it('reports progress and ends at the total', () => {
    const seen: number[] = [];
    simulate(agency, uncertain, {
      samples: 100_000,
      seed: 1,
      onProgress: (done, total) => {
        expect(total).toBe(100_000);
        seen.push(done);
      },
    });
    expect(seen.at(-1)).toBe(100_000);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
  });
});

describe('the chance of LTV/CAC ≥ 3 against the analytic share', () => {
  // LTV/CAC = 81 000 / churn / 200 000 ≥ 3 exactly when churn ≤ 0.135.
  it('is 1 with churn uniform on 4%..12%, all below 13.5%', () => {
    const result = simulate(agency, [range('churn_monthly', 0.04, 0.12)], {
      samples: 50_000,
      seed: 11,
    });
    expect(probability(result, 'ltv_to_cac')).toBe(1);
  });

  it('is (0.135 − 0.10) / (0.16 − 0.10) = 58.3% with churn uniform on 10%..16%', () => {
    const samples = 200_000;
    const result = simulate(agency, [range('churn_monthly', 0.1, 0.16)], { samples, seed: 5 });
    const expected = (0.135 - 0.1) / 0.06;
    const standardError = Math.sqrt((expected * (1 - expected)) / samples);
    expect(Math.abs(probability(result, 'ltv_to_cac') - expected)).toBeLessThan(4 * standardError);
  });

  it('P50 of LTV/CAC over churn uniform on 10%..16% is the plan at the median churn of 13%', () => {
    const result = simulate(agency, [range('churn_monthly', 0.1, 0.16)], {
      samples: 200_000,
      seed: 5,
    });
    const atMedian = planPeriod(withInput(agency, 'churn_monthly', 0.13)).unitEconomics.ltvToCac;
    expect(figure(result, 'ltv_to_cac').p50).toBeCloseTo(atMedian, 2);
  });
});

describe('probabilistic checks', () => {
  const result = simulate(agency, [range('churn_monthly', 0.1, 0.16)], {
    samples: 100_000,
    seed: 9,
  });

  it('pass when the chance is at least the limit and fail below it', () => {
    const [loose, strict] = probabilisticChecks(result, [
      { checkId: 'ltv_to_cac', minProbability: 0.5 },
      { checkId: 'ltv_to_cac', minProbability: 0.8 },
    ]);
    expect(loose).toMatchObject({ id: 'ltv_to_cac', ok: true, limit: 0.5 });
    expect(strict).toMatchObject({ id: 'ltv_to_cac', ok: false, limit: 0.8 });
    expect(strict?.probability).toBeCloseTo(0.583, 1);
  });

  it('refuse a check the plan does not have', () => {
    expect(() =>
      probabilisticChecks(result, [{ checkId: 'payback_max', minProbability: 0.9 }]),
    ).toThrow(/payback_max/);
  });
});

describe('gatePlan', () => {
  // Churn 10%..16%: the point plan at 13% has LTV/CAC 3.12, and 58% of the samples reach 3.
  const a = withInput(agency, 'churn_monthly', 0.13);
  const point = planPeriod(a);
  const gate = (minProbability: number, ltvToCacMin = 3) => {
    const plan = { ...a, thresholds: { ...a.thresholds, ltvToCacMin } };
    const churn = [range('churn_monthly', 0.1, 0.16)];
    const result = simulate(plan, churn, { samples: 50_000, seed: 9 });
    const requirements = [{ checkId: 'ltv_to_cac' as const, minProbability }];
    return gatePlan(planPeriod(plan), probabilisticChecks(result, requirements));
  };

  it('fails a check the point plan passes when its chance is under the one required', () => {
    expect(point.checks.find((check) => check.id === 'ltv_to_cac')?.ok).toBe(true);
    const gated = gate(0.9);
    const check = gated.checks.find((entry) => entry.id === 'ltv_to_cac')!;
    expect(check.ok).toBe(false);
    expect(check.gate).toMatchObject({ minProbability: 0.9, pointOk: true });
    expect(check.gate?.probability).toBeCloseTo(0.58, 1);
    expect(gated.ok).toBe(false);
  });

  it('passes a check the point plan fails when its chance is enough', () => {
    // LTV/CAC 3.12 against a minimum of 3.2 fails at the point. 0.405 / churn ≥ 3.2 holds for
    // churn ≤ 12.66%: (12.66 − 10) / 6 = 44% of the samples, over the 10% required.
    const gated = gate(0.1, 3.2);
    const check = gated.checks.find((entry) => entry.id === 'ltv_to_cac')!;
    expect(check.gate?.pointOk).toBe(false);
    expect(check.gate?.probability).toBeCloseTo(0.443, 1);
    expect(check.ok).toBe(true);
    expect(gated.ok).toBe(gated.checks.every((entry) => entry.ok));
  });

  it('leaves the plan as it is without requirements, and the other checks as they are', () => {
    expect(gatePlan(point, [])).toBe(point);
    const gated = gate(0.9);
    for (const check of gated.checks.filter((entry) => entry.id !== 'ltv_to_cac')) {
      expect(check).toEqual(point.checks.find((entry) => entry.id === check.id));
    }
  });
});

describe('draws', () => {
  function draws(input: Parameters<typeof fillSamples>[0], count = 100_000): Float64Array {
    const out = new Float64Array(count);
    fillSamples(input, seedState(1), out, count);
    return out;
  }
  const base = { mode: null, integer: false, min: 0, max: Infinity };

  it('lognormal ranges put 5% below low and 5% above high; the median is √(low × high)', () => {
    const values = draws({ ...base, distribution: 'lognormal', low: 100, high: 400 });
    const [p5, p50, p95] = percentiles(values, [0.05, 0.5, 0.95]);
    expect(p5! / 100).toBeCloseTo(1, 1);
    expect(p50! / 200).toBeCloseTo(1, 1);
    expect(p95! / 400).toBeCloseTo(1, 1);
    expect(pointValue(range('x', 100, 400, 'lognormal'))).toBe(200);
  });

  it('triangular ranges peak at the mode: the mean is (low + mode + high) / 3', () => {
    const values = draws({ ...base, distribution: 'triangular', low: 0, high: 10, mode: 2 });
    const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
    expect(mean).toBeCloseTo(4, 1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(10);
  });

  it('stay within the input’s domain: a lognormal rate never passes 100%', () => {
    const values = draws({ ...base, distribution: 'lognormal', low: 0.5, high: 0.99, max: 1 });
    expect(Math.max(...values)).toBe(1);
  });

  it('the normal quantile matches known values', () => {
    expect(inverseNormal(0.5)).toBeCloseTo(0, 12);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959963985, 8);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232306, 8);
  });
});

describe('percentiles', () => {
  it('interpolate between order statistics: 0..100 has P10 = 10, P50 = 50, P90 = 90', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentiles(values, [0.1, 0.5, 0.9])).toEqual([10, 50, 90]);
  });

  it('agree with a full sort on large arrays of any shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 9_000, max: 30_000 }),
        fc.integer(),
        fc.constantFrom('spread', 'steps', 'skewed'),
        (n, seed, shape) => {
          const values = new Float64Array(n);
          fillSamples(
            {
              distribution: 'uniform',
              low: 0,
              high: 1,
              mode: null,
              integer: false,
              min: 0,
              max: 1,
            },
            seedState(seed),
            values,
            n,
          );
          for (let i = 0; i < n; i++) {
            const u = values[i]!;
            values[i] = shape === 'steps' ? Math.floor(u * 3) : shape === 'skewed' ? u ** 40 : u;
          }
          const sorted = values.slice().sort();
          const ps = [0.1, 0.5, 0.9];
          const expected = ps.map((p) => {
            const h = p * (n - 1);
            const lo = sorted[Math.floor(h)]!;
            const hi = sorted[Math.min(n - 1, Math.floor(h) + 1)]!;
            return lo + (h - Math.floor(h)) * (hi - lo);
          });
          expect(percentiles(values, ps)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });
});
