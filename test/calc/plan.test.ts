import { describe, expect, it } from 'vitest';
import { planPeriod } from '../../src/calc/plan.js';
import { makeAssumptions } from '../support/assumptions.js';

describe('the agency quarter, end to end', () => {
  const plan = planPeriod(makeAssumptions());

  it('plans a quarter of 3 months and 13 weeks', () => {
    expect(plan.period).toEqual({ name: 'quarter', months: 3, weeks: 13 });
  });

  it('turns 18 000 000 into 100 client-months and 25 new clients', () => {
    expect(plan.clientMonths).toBe(100);
    expect(plan.newClients).toBe(25);
  });

  it('needs 6 250 attempts, 125 meetings, 62.5 proposals and 25 deals', () => {
    expect(plan.funnel.map((stage) => stage.stage)).toEqual([
      'attempts',
      'meetings',
      'proposals',
      'deals',
    ]);
    expect(plan.funnel.map((stage) => stage.conversion)).toEqual([null, 0.02, 0.5, 0.4]);
    expect(plan.funnel[0]!.count).toBeCloseTo(6_250, 6);
    expect(plan.funnel[1]!.count).toBeCloseTo(125, 9);
    expect(plan.funnel[2]!.count).toBeCloseTo(62.5, 9);
    expect(plan.funnel[3]!.count).toBe(25);
  });

  it('closes in 8.33 weeks, held back by 15 meetings a week, with 4 reps enough', () => {
    expect(plan.sales.attemptsNeeded).toBeCloseTo(6_250, 6);
    expect(plan.sales.meetingsNeeded).toBeCloseTo(125, 9);
    expect(plan.sales.attemptsPerWeek).toBe(1_000);
    expect(plan.sales.meetingsPerWeek).toBe(15);
    expect(plan.sales.weeksToClose).toBeCloseTo(8.333333, 6);
    expect(plan.sales.periodWeeks).toBe(13);
    expect(plan.sales.repsNeeded).toBe(4);
    expect(plan.sales.fitsPeriod).toBe(true);
    expect(plan.sales.bottleneck).toBe('meetings');
  });

  it('earns 81 000 a client-month, LTV 1 012 500, LTV/CAC 5.0625, payback 2.47 months', () => {
    const economics = plan.unitEconomics;
    expect(economics.grossProfitPerMonth).toBe(81_000);
    expect(economics.cac).toBe(200_000);
    expect(economics.cacSource).toBe('given');
    expect(economics.lifetimeMonths).toBe(12.5);
    expect(economics.lifetimeCapped).toBe(false);
    expect(economics.ltv).toBe(1_012_500);
    expect(economics.ltvToCac).toBeCloseTo(5.0625, 9);
    expect(economics.paybackMonths).toBeCloseTo(2.469136, 6);
  });

  it('costs 96 000 a month to deliver and must charge at least 174 545.45', () => {
    const prices = plan.pricing;
    expect(prices.directCostPerMonth).toBe(96_000);
    expect(prices.minimumCheckForMargin).toBeCloseTo(174_545.45, 2);
    expect(prices.minimumCheckForCac).toBe(146_000);
    expect(prices.minimumCheck).toBeCloseTo(174_545.45, 2);
    expect(prices.bindingMinimum).toBe('margin');
    expect(prices.hoursBudgetAtAverageCheck).toBeCloseTo(49.5, 9);
    expect(prices.impliedMargin).toBeCloseTo(0.466667, 6);
  });

  it('loads every role to 77.4% at a peak of 46.41 clients, with no hires', () => {
    expect(plan.capacity.map((role) => role.role)).toEqual([
      'account manager',
      'targeting specialist',
      'context ads specialist',
    ]);
    for (const role of plan.capacity) {
      expect(role.capacity).toBe(60);
      expect(role.activeClientsByMonth[0]).toBeCloseTo(35.933333, 6);
      expect(role.activeClientsByMonth[1]).toBeCloseTo(41.392, 6);
      expect(role.activeClientsByMonth[2]).toBeCloseTo(46.413973, 6);
      expect(role.peakActiveClients).toBeCloseTo(46.413973, 6);
      expect(role.load).toBeCloseTo(0.773566, 6);
      expect(role.hiresNeeded).toBe(0);
    }
  });

  it('passes every check with no warnings', () => {
    expect(plan.checks.map((check) => [check.id, check.ok])).toEqual([
      ['ltv_to_cac', true],
      ['payback_within_contract', true],
      ['fits_period', true],
      ['delivery_load', true],
    ]);
    expect(plan.checks[0]).toMatchObject({ limit: 3, comparison: '>=' });
    expect(plan.checks[1]).toMatchObject({ limit: 4, comparison: '<=' });
    expect(plan.checks[2]).toMatchObject({ limit: 13, comparison: '<=' });
    expect(plan.checks[3]!.value).toBeCloseTo(0.773566, 6);
    expect(plan.checks[3]!.limit).toBe(0.85);
    expect(plan.warnings).toEqual([]);
    expect(plan.ok).toBe(true);
  });
});

describe('boundaries', () => {
  /** A month with no churn that wins 11 new clients on top of `activeClients`, on 4 × 15. */
  const elevenNewOnFourManagers = (activeClients: number) =>
    planPeriod(
      makeAssumptions({
        period: 'month',
        revenueTarget: 11 * 4 * 180_000,
        churnMonthly: 0,
        ltvHorizonMonths: 24,
        delivery: {
          activeClients,
          roles: [
            {
              role: 'account manager',
              headcount: 4,
              clientsPerPerson: 15,
              shareOfClients: 1,
              clientHoursPerWeek: null,
            },
          ],
        },
      }),
    );

  it('passes a delivery load of exactly 85%: 40 clients plus 11 new on 4 × 15', () => {
    const plan = elevenNewOnFourManagers(40);
    expect(plan.newClients).toBe(11);
    expect(plan.capacity[0]!.load).toBeCloseTo(0.85, 12);
    expect(plan.capacity[0]!.hiresNeeded).toBe(0);
    expect(plan.checks.find((check) => check.id === 'delivery_load')?.ok).toBe(true);
  });

  it('fails a delivery load of 86.7%: 41 clients plus 11 new on 4 × 15, one hire', () => {
    const plan = elevenNewOnFourManagers(41);
    expect(plan.capacity[0]!.load).toBeCloseTo(0.866667, 6);
    expect(plan.capacity[0]!.hiresNeeded).toBe(1);
    expect(plan.ok).toBe(false);
  });

  // 0.35 × 180 000 × 50 months / 1 050 000 = 3, and 1 050 000 / 63 000 = 16.67 months.
  it('passes an LTV/CAC of exactly 3, while the plan fails on a payback of 16.67 months', () => {
    const plan = planPeriod(
      makeAssumptions({ grossMargin: 0.35, churnMonthly: 0.02, sales: { cac: 1_050_000 } }),
    );
    expect(plan.unitEconomics.ltvToCac).toBeCloseTo(3, 12);
    expect(plan.checks[0]).toMatchObject({ id: 'ltv_to_cac', limit: 3 });
    expect(plan.checks[0]!.ok).toBe(true);
    const payback = plan.checks.find((check) => check.id === 'payback_within_contract');
    expect(payback?.value).toBeCloseTo(16.666667, 6);
    expect(payback?.ok).toBe(false);
    expect(plan.ok).toBe(false);
  });

  it('fits a plan of exactly 13 weeks: 39 deals need 195 meetings at 15 a week', () => {
    const plan = planPeriod(makeAssumptions({ revenueTarget: 39 * 4 * 180_000 }));
    expect(plan.sales.meetingsNeeded).toBe(195);
    expect(plan.sales.weeksToClose).toBe(13);
    expect(plan.sales.fitsPeriod).toBe(true);
    expect(plan.sales.repsNeeded).toBe(5);
    expect(plan.checks.find((check) => check.id === 'fits_period')?.ok).toBe(true);
  });

  it('does not fit 40 deals (200 meetings, 13.3 weeks) and asks for 6 reps', () => {
    const plan = planPeriod(makeAssumptions({ revenueTarget: 40 * 4 * 180_000 }));
    expect(plan.sales.weeksToClose).toBeCloseTo(13.333333, 6);
    expect(plan.sales.fitsPeriod).toBe(false);
    expect(plan.sales.repsNeeded).toBe(6);
    expect(plan.ok).toBe(false);
  });
});

describe('an online school: leads → webinar → application → payment', () => {
  const plan = planPeriod(
    makeAssumptions({
      name: 'Online school, March',
      period: 'month',
      revenueTarget: 3_000_000,
      averageCheck: 30_000,
      minimumCheck: null,
      grossMargin: 0.6,
      contractMonths: 1,
      churnMonthly: 0.3,
      funnel: [
        { stage: 'leads', conversion: null },
        { stage: 'webinar', conversion: 0.4 },
        { stage: 'application', conversion: 0.1 },
        { stage: 'payment', conversion: 0.5 },
      ],
      sales: {
        reps: 2,
        attemptsPerRepPerDay: 100,
        workingDaysPerWeek: 5,
        meetingsPerRepPerWeek: null,
        attemptsStage: 'leads',
        meetingsStage: null,
        cac: 4_000,
      },
      delivery: {
        hourlyCost: 1_500,
        hoursPerClientMonth: 8,
        activeClients: 0,
        roles: [
          {
            role: 'curator',
            headcount: 3,
            clientsPerPerson: 50,
            shareOfClients: 1,
            clientHoursPerWeek: null,
          },
        ],
      },
    }),
  );

  it('needs 100 payments, 200 applications, 2 000 webinar seats and 5 000 leads', () => {
    expect(plan.newClients).toBe(100);
    expect(plan.funnel.map((stage) => [stage.stage, stage.count])).toEqual([
      ['leads', 5_000],
      ['webinar', 2_000],
      ['application', 200],
      ['payment', 100],
    ]);
  });

  it('works 5 000 leads at 1 000 a week: 5 weeks, more than the 4.33 of a month', () => {
    expect(plan.sales.attemptsNeeded).toBe(5_000);
    expect(plan.sales.meetingsNeeded).toBeNull();
    expect(plan.sales.meetingsPerWeek).toBeNull();
    expect(plan.sales.weeksToClose).toBe(5);
    expect(plan.sales.periodWeeks).toBeCloseTo(4.3333, 4);
    expect(plan.sales.fitsPeriod).toBe(false);
    expect(plan.sales.bottleneck).toBe('attempts');
    // 5 000 / (500 × 13/3) = 2.31 reps → 3.
    expect(plan.sales.repsNeeded).toBe(3);
  });

  it('earns 18 000 a student-month and 60 000 over 3.33 months: LTV/CAC 15', () => {
    expect(plan.unitEconomics.grossProfitPerMonth).toBe(18_000);
    expect(plan.unitEconomics.ltv).toBeCloseTo(60_000, 6);
    expect(plan.unitEconomics.ltvToCac).toBeCloseTo(15, 9);
    expect(plan.unitEconomics.paybackMonths).toBeCloseTo(0.2222, 4);
  });

  it('loads 3 curators × 50 with 100 students to 66.7%', () => {
    expect(plan.capacity[0]!.activeClientsByMonth).toEqual([100]);
    expect(plan.capacity[0]!.load).toBeCloseTo(0.666667, 6);
  });

  it('fails only fits_period', () => {
    expect(plan.checks.filter((check) => !check.ok).map((check) => check.id)).toEqual([
      'fits_period',
    ]);
  });
});

describe('CAC, horizon and churn variants', () => {
  it('derives CAC 204 000 from 1 700 000 of monthly costs over 3 months and 25 clients', () => {
    const plan = planPeriod(
      makeAssumptions({
        sales: {
          cac: null,
          monthlyCosts: { payroll: 1_200_000, tools: 100_000, marketing: 400_000 },
        },
      }),
    );
    expect(plan.unitEconomics.cacSource).toBe('monthly_costs');
    expect(plan.unitEconomics.cac).toBe(204_000);
    expect(plan.unitEconomics.ltvToCac).toBeCloseTo(1_012_500 / 204_000, 9);
    // The CAC minimum uses the derived CAC: 96 000 + 204 000 / 4.
    expect(plan.pricing.minimumCheckForCac).toBe(147_000);
  });

  it('caps a 50-month lifetime at a 24-month horizon', () => {
    const plan = planPeriod(makeAssumptions({ churnMonthly: 0.02, ltvHorizonMonths: 24 }));
    expect(plan.unitEconomics.lifetimeMonths).toBe(24);
    expect(plan.unitEconomics.lifetimeCapped).toBe(true);
    expect(plan.unitEconomics.ltv).toBe(1_944_000);
    expect(plan.unitEconomics.ltvToCac).toBeCloseTo(9.72, 9);
  });

  it('plans zero churn on a 36-month horizon: LTV 2 916 000, clients only grow', () => {
    const plan = planPeriod(makeAssumptions({ churnMonthly: 0, ltvHorizonMonths: 36 }));
    expect(plan.unitEconomics.lifetimeMonths).toBe(36);
    expect(plan.unitEconomics.ltv).toBe(2_916_000);
    expect(plan.capacity[0]!.activeClientsByMonth[2]).toBeCloseTo(55, 9);
    expect(plan.capacity[0]!.load).toBeCloseTo(0.916667, 6);
    expect(plan.capacity[0]!.hiresNeeded).toBe(1);
    expect(plan.ok).toBe(false);
  });
});
