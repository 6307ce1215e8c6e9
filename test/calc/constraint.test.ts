import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingConstraint, checkHeadroom } from '../../src/calc/constraint.js';
import { planPeriod } from '../../src/calc/plan.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import type { Relief } from '../../src/model/plan.js';
import { assumptionsArb, makeAssumptions } from '../support/assumptions.js';
import type { DeepPartial } from '../support/assumptions.js';

/** Ten account managers: room enough that delivery never binds where it is not the subject. */
const roomyDelivery = {
  roles: [
    {
      role: 'account manager',
      headcount: 10,
      clientsPerPerson: 15,
      shareOfClients: 1,
      clientHoursPerWeek: null,
    },
  ],
};

const bindingOf = (overrides: DeepPartial<Assumptions>) => {
  const assumptions = makeAssumptions(overrides);
  return { assumptions, binding: planPeriod(assumptions).binding };
};

/** The assumptions with one relief applied, by the input's key path. */
function applyRelief(assumptions: Assumptions, relief: Relief): Assumptions {
  const next = structuredClone(assumptions);
  const role = /^delivery\.roles\.(\d+)\.headcount$/.exec(relief.input);
  if (role) {
    next.delivery.roles[Number(role[1])]!.headcount = relief.to;
    return next;
  }

  switch (relief.input) {
    case 'average_check':
      next.averageCheck = relief.to;
      break;
    case 'churn_monthly':
      next.churnMonthly = relief.to;
      break;
    case 'contract_months':
      next.contractMonths = relief.to;
      break;
    case 'sales.cac':
      next.sales.cac = relief.to;
      break;
    case 'sales.reps':
      next.sales.reps = relief.to;
      break;
    case 'sales.attempts_per_rep_per_day':
      next.sales.attemptsPerRepPerDay = relief.to;
      break;
    case 'sales.meetings_per_rep_per_week':
      next.sales.meetingsPerRepPerWeek = relief.to;
      break;
    case 'delivery.hours_per_client_month':
      next.delivery.hoursPerClientMonth = relief.to;
      break;
    default:
      throw new Error(`no way to apply ${relief.input}`);
  }
  return next;
}

/**
 * Each relief alone lifts the binding constraint; for delivery, it brings its role under
 * the ceiling.
 */
function expectEachReliefToWork(assumptions: Assumptions) {
  const { binding } = planPeriod(assumptions);

  for (const relief of binding.relief) {
    const plan = planPeriod(applyRelief(assumptions, relief));
    const role = /^delivery\.roles\.(\d+)\./.exec(relief.input);
    if (role) {
      expect(plan.capacity[Number(role[1])]!.load).toBeLessThanOrEqual(
        assumptions.delivery.maxLoad * (1 + 1e-9),
      );
    } else if (binding.checkId === null) {
      expect(plan.warnings.map((warning) => warning.id)).not.toContain(
        'average_check_below_minimum',
      );
    } else {
      expect(plan.checks.find((check) => check.id === binding.checkId)?.ok).toBe(true);
    }
  }
}

describe('checkHeadroom', () => {
  it('measures a >= check above its limit as a positive share: 5.0625 against 3 is 0.6875', () => {
    const check = {
      id: 'ltv_to_cac',
      ok: true,
      value: 5.0625,
      limit: 3,
      comparison: '>=',
    } as const;
    expect(checkHeadroom(check)).toBeCloseTo(0.6875, 12);
  });

  it('measures a <= check over its limit as a negative share: 0.08 against 0.05 is -0.6', () => {
    const check = {
      id: 'churn_max',
      ok: false,
      value: 0.08,
      limit: 0.05,
      comparison: '<=',
    } as const;
    expect(checkHeadroom(check)).toBeCloseTo(-0.6, 12);
  });

  it('falls back to the plain difference against a limit of 0', () => {
    const check = { id: 'churn_max', ok: false, value: 0.02, limit: 0, comparison: '<=' } as const;
    expect(checkHeadroom(check)).toBeCloseTo(-0.02, 12);
  });
});

describe('binding constraint', () => {
  it('is none for the agency; its tightest check is the 77.4% delivery load (9% headroom)', () => {
    const { binding } = bindingOf({});
    expect(binding.constraint).toBe('none');
    expect(binding.checkId).toBe('delivery_load');
    // (0.85 − 0.773566) / 0.85
    expect(binding.headroom).toBeCloseTo(0.089922, 6);
    expect(binding.relief).toEqual([]);
  });

  // Headroom of delivery_load: (0.85 − 46.413973 / 60) / 0.85; of ltv_to_cac at churn 20%:
  // LTV 81 000 × 5 = 405 000, 405 000 / 200 000 = 2.025, (2.025 − 3) / 3.
  it.each([
    ['the agency', 'none', 'delivery_load', 0.089922, {}],
    ['the agency at churn 20%', 'unit_economics', 'ltv_to_cac', -0.325, { churnMonthly: 0.2 }],
  ] as const)(
    'is filled in by planPeriod: for %s, %s on %s with headroom %d',
    (_name, constraint, checkId, headroom, overrides) => {
      const assumptions = makeAssumptions(overrides);
      const plan = planPeriod(assumptions);
      expect(plan.binding).toEqual(bindingConstraint(assumptions, plan));
      expect(plan.binding.constraint).toBe(constraint);
      expect(plan.binding.checkId).toBe(checkId);
      expect(plan.binding.headroom).toBeCloseTo(headroom, 6);
    },
  );

  it('is sales capacity when 40 deals need 13.3 weeks: 6 reps or 3.08 meetings a rep', () => {
    const overrides = { revenueTarget: 40 * 4 * 180_000, delivery: roomyDelivery };
    const { binding } = bindingOf(overrides);

    expect(binding.constraint).toBe('sales_capacity');
    expect(binding.checkId).toBe('fits_period');
    // (13 − 13.333) / 13
    expect(binding.headroom).toBeCloseTo(-0.025641, 6);
    expect(binding.relief).toHaveLength(2);
    expect(binding.relief[0]).toEqual({ input: 'sales.reps', from: 5, to: 6 });
    expect(binding.relief[1]!.input).toBe('sales.meetings_per_rep_per_week');
    expect(binding.relief[1]!.from).toBe(3);
    // 200 meetings / (5 reps × 13 weeks)
    expect(binding.relief[1]!.to).toBeCloseTo(3.076923, 6);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('offers the attempt rate when attempts alone miss: 10 a day, 19.23 needed', () => {
    const overrides = { sales: { attemptsPerRepPerDay: 10 } };
    const { binding } = bindingOf(overrides);

    expect(binding.constraint).toBe('sales_capacity');
    // 6 250 / (50 × 13) = 9.6 → 10 reps
    expect(binding.relief[0]).toEqual({ input: 'sales.reps', from: 5, to: 10 });
    expect(binding.relief[1]!.input).toBe('sales.attempts_per_rep_per_day');
    expect(binding.relief[1]!.to).toBeCloseTo(19.230769, 6);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('offers only reps when both norms miss', () => {
    const { binding } = bindingOf({
      sales: { attemptsPerRepPerDay: 10, meetingsPerRepPerWeek: 1 },
    });
    expect(binding.constraint).toBe('sales_capacity');
    expect(binding.relief.map((relief) => relief.input)).toEqual(['sales.reps']);
  });

  it('is delivery capacity at zero churn: 55 clients on 4 account managers, hire a fifth', () => {
    const overrides = { churnMonthly: 0, ltvHorizonMonths: 36 };
    const { binding } = bindingOf(overrides);

    expect(binding.constraint).toBe('delivery_capacity');
    expect(binding.checkId).toBe('delivery_load');
    // (0.85 − 55/60) / 0.85
    expect(binding.headroom).toBeCloseTo(-0.078431, 6);
    expect(binding.relief).toEqual([{ input: 'delivery.roles.0.headcount', from: 4, to: 5 }]);
  });

  it('names the busiest role: 55 clients on 5 context ads specialists × 10', () => {
    const { binding } = bindingOf({
      churnMonthly: 0,
      ltvHorizonMonths: 36,
      delivery: {
        roles: [
          {
            role: 'account manager',
            headcount: 6,
            clientsPerPerson: 15,
            shareOfClients: 1,
            clientHoursPerWeek: null,
          },
          {
            role: 'context ads specialist',
            headcount: 5,
            clientsPerPerson: 10,
            shareOfClients: 1,
            clientHoursPerWeek: null,
          },
        ],
      },
    });
    // 55 / (0.85 × 10) = 6.47 people → 7
    expect(binding.relief).toEqual([{ input: 'delivery.roles.1.headcount', from: 5, to: 7 }]);
  });

  it('is the price floor when 80 hours need 290 909 and the check is 180 000', () => {
    const overrides = { delivery: { hoursPerClientMonth: 80 } };
    const { binding } = bindingOf(overrides);

    expect(binding.constraint).toBe('price_floor');
    expect(binding.checkId).toBeNull();
    // (180 000 − 290 909.09) / 290 909.09
    expect(binding.headroom).toBeCloseTo(-0.38125, 6);
    expect(binding.relief[0]!.input).toBe('average_check');
    expect(binding.relief[0]!.to).toBeCloseTo(290_909.09, 2);
    expect(binding.relief[1]).toMatchObject({ input: 'delivery.hours_per_client_month', from: 80 });
    expect(binding.relief[1]!.to).toBeCloseTo(49.5, 9);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('is unit economics at churn 20%: check 266 667, CAC 135 000 or churn 13.5%', () => {
    const overrides = { churnMonthly: 0.2 };
    const { binding } = bindingOf(overrides);

    expect(binding.constraint).toBe('unit_economics');
    expect(binding.checkId).toBe('ltv_to_cac');
    // LTV 81 000 × 5 = 405 000; 405 000 / 200 000 = 2.025; (2.025 − 3) / 3
    expect(binding.headroom).toBeCloseTo(-0.325, 9);
    expect(binding.relief.map((relief) => relief.input)).toEqual([
      'average_check',
      'sales.cac',
      'churn_monthly',
    ]);
    // 3 × 200 000 / (0.45 × 5)
    expect(binding.relief[0]!.to).toBeCloseTo(266_666.67, 2);
    expect(binding.relief[1]!.to).toBeCloseTo(135_000, 6);
    // 0.45 × 180 000 / (3 × 200 000)
    expect(binding.relief[2]).toMatchObject({ from: 0.2 });
    expect(binding.relief[2]!.to).toBeCloseTo(0.135, 9);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('offers no churn relief when a 6-month horizon caps the lifetime', () => {
    const overrides = { churnMonthly: 0.02, ltvHorizonMonths: 6 };
    const { binding } = bindingOf(overrides);

    expect(binding.checkId).toBe('ltv_to_cac');
    expect(binding.relief.map((relief) => relief.input)).toEqual(['average_check', 'sales.cac']);
    // 3 × 200 000 / (0.45 × 6)
    expect(binding.relief[0]!.to).toBeCloseTo(222_222.22, 2);
    expect(binding.relief[1]!.to).toBeCloseTo(162_000, 6);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('offers only churn when CAC comes from monthly costs, since CAC follows the check', () => {
    const overrides = {
      churnMonthly: 0.2,
      sales: {
        cac: null,
        monthlyCosts: { payroll: 1_200_000, tools: 100_000, marketing: 400_000 },
      },
    };
    const { binding } = bindingOf(overrides);

    expect(binding.checkId).toBe('ltv_to_cac');
    expect(binding.relief).toHaveLength(1);
    expect(binding.relief[0]!.input).toBe('churn_monthly');
    // 81 000 / (3 × 204 000)
    expect(binding.relief[0]!.to).toBeCloseTo(0.132353, 6);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('is unit economics when a 2-month contract cannot pay back 2.47 months', () => {
    const overrides = { contractMonths: 2, revenueTarget: 9_000_000 };
    const { binding } = bindingOf(overrides);

    expect(binding.checkId).toBe('payback_within_contract');
    expect(binding.headroom).toBeCloseTo(-0.234568, 6);
    expect(binding.relief.map((relief) => [relief.input, relief.from])).toEqual([
      ['average_check', 180_000],
      ['sales.cac', 200_000],
      ['contract_months', 2],
    ]);
    expect(binding.relief[0]!.to).toBeCloseTo(222_222.22, 2);
    expect(binding.relief[1]!.to).toBe(162_000);
    expect(binding.relief[2]!.to).toBe(3);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('is unit economics when payback exceeds a 2-month maximum', () => {
    const overrides = { thresholds: { paybackMonthsMax: 2 } };
    const { binding } = bindingOf(overrides);

    expect(binding.checkId).toBe('payback_max');
    expect(binding.relief[0]!.to).toBeCloseTo(222_222.22, 2);
    expect(binding.relief[1]!.to).toBe(162_000);
    expectEachReliefToWork(makeAssumptions(overrides));
  });

  it('asks churn of 8% to come down to a 5% maximum', () => {
    const { binding } = bindingOf({ thresholds: { churnMonthlyMax: 0.05 } });
    expect(binding.constraint).toBe('unit_economics');
    expect(binding.checkId).toBe('churn_max');
    expect(binding.headroom).toBeCloseTo(-0.6, 9);
    expect(binding.relief).toEqual([{ input: 'churn_monthly', from: 0.08, to: 0.05 }]);
  });

  it('picks the widest miss: LTV/CAC (-32.5%) over the period (-2.6%)', () => {
    const { binding } = bindingOf({
      churnMonthly: 0.2,
      revenueTarget: 40 * 4 * 180_000,
      delivery: roomyDelivery,
    });
    expect(binding.checkId).toBe('ltv_to_cac');
  });
});

describe('relief, over any valid assumptions', () => {
  it('lifts the binding constraint with any one of its changes', () => {
    fc.assert(
      fc.property(assumptionsArb, (assumptions) => {
        // Past a million reps the 1e-9 tolerance is worth a whole rep; no plan is that big.
        fc.pre(planPeriod(assumptions).sales.repsNeeded < 1e6);
        expectEachReliefToWork(assumptions);
      }),
    );
  });

  // With CAC from costs, a spend above the bookings leaves no single input to change.
  it('offers at least one change for any binding constraint when CAC is given', () => {
    fc.assert(
      fc.property(assumptionsArb, (assumptions) => {
        const { binding, unitEconomics } = planPeriod(assumptions);
        fc.pre(binding.constraint !== 'none' && unitEconomics.cacSource === 'given');
        expect(binding.relief.length).toBeGreaterThan(0);
      }),
    );
  });
});
