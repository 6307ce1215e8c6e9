import { describe, expect, it } from 'vitest';
import { planChecks, planWarnings } from '../../src/calc/checks.js';
import { planPeriod } from '../../src/calc/plan.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import type { CheckId } from '../../src/model/plan.js';
import { makeAssumptions } from '../support/assumptions.js';
import type { DeepPartial } from '../support/assumptions.js';

const checksOf = (overrides: DeepPartial<Assumptions>) => {
  const assumptions = makeAssumptions(overrides);
  const plan = planPeriod(assumptions);
  return planChecks({
    assumptions,
    sales: plan.sales,
    unitEconomics: plan.unitEconomics,
    capacity: plan.capacity,
  });
};

const warningsOf = (overrides: DeepPartial<Assumptions>) => {
  const assumptions = makeAssumptions(overrides);
  return planWarnings({ assumptions, pricing: planPeriod(assumptions).pricing });
};

const check = (overrides: DeepPartial<Assumptions>, id: CheckId) =>
  checksOf(overrides).find((entry) => entry.id === id);

describe('checks', () => {
  it('lists ltv_to_cac, payback_within_contract, fits_period, delivery_load in this order', () => {
    expect(checksOf({}).map((entry) => entry.id)).toEqual([
      'ltv_to_cac',
      'payback_within_contract',
      'fits_period',
      'delivery_load',
    ]);
  });

  it('adds payback_max and churn_max, in this order, only when their thresholds are set', () => {
    const ids = checksOf({ thresholds: { paybackMonthsMax: 2, churnMonthlyMax: 0.05 } }).map(
      (entry) => entry.id,
    );
    expect(ids.slice(-2)).toEqual(['payback_max', 'churn_max']);
  });

  it('omits delivery_load when there are no roles', () => {
    const ids = checksOf({ delivery: { roles: [] } }).map((entry) => entry.id);
    expect(ids).not.toContain('delivery_load');
  });

  it('fails a 2-month contract against a 2.47-month payback and passes a 3-month one', () => {
    expect(check({ contractMonths: 2 }, 'payback_within_contract')?.ok).toBe(false);
    expect(check({ contractMonths: 3 }, 'payback_within_contract')?.ok).toBe(true);
  });

  it('fails payback_max of 2 months against 2.47, passes 2.5', () => {
    const failing = check({ thresholds: { paybackMonthsMax: 2 } }, 'payback_max');
    expect(failing).toMatchObject({ ok: false, limit: 2, comparison: '<=' });
    expect(failing!.value).toBeCloseTo(2.469136, 6);
    expect(check({ thresholds: { paybackMonthsMax: 2.5 } }, 'payback_max')?.ok).toBe(true);
  });

  it('fails churn 8% against the article rule of 5%', () => {
    expect(check({ thresholds: { churnMonthlyMax: 0.05 } }, 'churn_max')).toEqual({
      id: 'churn_max',
      ok: false,
      value: 0.08,
      limit: 0.05,
      comparison: '<=',
    });
  });

  it('passes an LTV/CAC of exactly 3 even when it computes as 2.9999999999999996', () => {
    // 180 000 × 35% × 50 months = 3 150 000, against a CAC of 1 050 000.
    const ltv = check(
      { grossMargin: 0.35, churnMonthly: 0.02, sales: { cac: 1_050_000 } },
      'ltv_to_cac',
    );
    expect(ltv!.value).toBeLessThan(3);
    expect(ltv!.value).toBeCloseTo(3, 12);
    expect(ltv!.ok).toBe(true);
  });

  it('fails an LTV/CAC of 2.9 against 3', () => {
    const ltv = check({ churnMonthly: 0.08, sales: { cac: 349_137.93 } }, 'ltv_to_cac');
    expect(ltv!.value).toBeCloseTo(2.9, 6);
    expect(ltv!.ok).toBe(false);
  });
});

describe('warnings', () => {
  it('raises none for the agency', () => {
    expect(warningsOf({})).toEqual([]);
  });

  it('warns when 80 hours at 180 000 imply 11.1% margin instead of 45%', () => {
    const [warning] = warningsOf({ delivery: { hoursPerClientMonth: 80 } });
    expect(warning!.id).toBe('implied_margin_differs');
    expect(warning!.values.implied_margin).toBeCloseTo(0.1111, 4);
    expect(warning!.values.gross_margin).toBe(0.45);
    expect(warning!.values.hours_budget).toBeCloseTo(49.5, 9);
    expect(warning!.values.hours_per_client_month).toBe(80);
  });

  it('does not warn when the implied margin is within 5 points: 46.7% against 45%', () => {
    const ids = warningsOf({}).map((warning) => warning.id);
    expect(ids).not.toContain('implied_margin_differs');
  });

  it('warns of a policy minimum of 175 000 and a check of 180 000 under a floor of 290 909', () => {
    const warnings = warningsOf({ delivery: { hoursPerClientMonth: 80 } });
    expect(warnings.map((warning) => warning.id)).toEqual([
      'implied_margin_differs',
      'policy_minimum_below_binding',
      'average_check_below_minimum',
    ]);
    expect(warnings[1]!.values.minimum_check).toBe(175_000);
    expect(warnings[1]!.values.binding_minimum).toBeCloseTo(290_909.09, 2);
    expect(warnings[2]!.values.average_check).toBe(180_000);
  });

  it('does not judge a policy minimum that is not set', () => {
    const ids = warningsOf({ minimumCheck: null, delivery: { hoursPerClientMonth: 80 } }).map(
      (warning) => warning.id,
    );
    expect(ids).not.toContain('policy_minimum_below_binding');
  });
});
