import { describe, expect, it } from 'vitest';
import { clientLifetime, unitEconomics } from '../../src/calc/unit-economics.js';
import type { UnitEconomicsInput } from '../../src/calc/unit-economics.js';

const agency = (overrides: Partial<UnitEconomicsInput> = {}): UnitEconomicsInput => ({
  averageCheck: 180_000,
  grossMargin: 0.45,
  churnMonthly: 0.08,
  ltvHorizonMonths: null,
  cac: 200_000,
  monthlyCosts: null,
  periodMonths: 3,
  newClients: 25,
  ...overrides,
});

describe('unit economics', () => {
  it('earns 81 000 gross profit a client-month at 180 000 and 45%', () => {
    expect(unitEconomics(agency()).grossProfitPerMonth).toBe(81_000);
  });

  it('pays back a CAC of 200 000 in 200 000 / 81 000 = 2.47 months', () => {
    expect(unitEconomics(agency()).paybackMonths).toBeCloseTo(2.469136, 6);
  });

  it('gives churn 8% a lifetime of 12.5 months, LTV 1 012 500 and LTV/CAC 5.0625', () => {
    const economics = unitEconomics(agency());
    expect(economics.lifetimeMonths).toBe(12.5);
    expect(economics.lifetimeCapped).toBe(false);
    expect(economics.ltv).toBe(1_012_500);
    expect(economics.ltvToCac).toBeCloseTo(5.0625, 9);
  });

  it('gives churn 5% an LTV of 1 620 000 and LTV/CAC 8.1', () => {
    const economics = unitEconomics(agency({ churnMonthly: 0.05 }));
    expect(economics.lifetimeMonths).toBe(20);
    expect(economics.ltv).toBeCloseTo(1_620_000, 6);
    expect(economics.ltvToCac).toBeCloseTo(8.1, 9);
  });

  it('derives CAC from monthly costs: 1 700 000 a month × 3 months / 25 clients = 204 000', () => {
    const economics = unitEconomics(
      agency({
        cac: null,
        monthlyCosts: { payroll: 1_200_000, tools: 100_000, marketing: 400_000 },
      }),
    );
    expect(economics.cacSource).toBe('monthly_costs');
    expect(economics.cac).toBe(204_000);
    expect(economics.paybackMonths).toBeCloseTo(204_000 / 81_000, 9);
  });

  it('prefers a given CAC over monthly costs', () => {
    const economics = unitEconomics(
      agency({ monthlyCosts: { payroll: 1_200_000, tools: 0, marketing: 0 } }),
    );
    expect(economics.cacSource).toBe('given');
    expect(economics.cac).toBe(200_000);
  });

  it('caps a 50-month lifetime (churn 2%) at a 24-month horizon: LTV 1 944 000', () => {
    const economics = unitEconomics(agency({ churnMonthly: 0.02, ltvHorizonMonths: 24 }));
    expect(economics.lifetimeMonths).toBe(24);
    expect(economics.lifetimeCapped).toBe(true);
    expect(economics.ltv).toBe(1_944_000);
  });

  it('leaves a 12.5-month lifetime alone under a 36-month horizon', () => {
    const economics = unitEconomics(agency({ ltvHorizonMonths: 36 }));
    expect(economics.lifetimeMonths).toBe(12.5);
    expect(economics.lifetimeCapped).toBe(false);
  });

  it('takes the horizon as the lifetime at zero churn: 36 months, LTV 2 916 000', () => {
    const economics = unitEconomics(agency({ churnMonthly: 0, ltvHorizonMonths: 36 }));
    expect(economics.lifetimeMonths).toBe(36);
    expect(economics.lifetimeCapped).toBe(true);
    expect(economics.ltv).toBe(2_916_000);
    expect(economics.ltvToCac).toBeCloseTo(14.58, 9);
  });
});

describe('client lifetime', () => {
  it('is 1 / churn: 12.5 months at 8%', () => {
    expect(clientLifetime({ churnMonthly: 0.08, ltvHorizonMonths: null })).toEqual({
      months: 12.5,
      capped: false,
    });
  });

  it('stays finite at zero churn without a horizon', () => {
    expect(clientLifetime({ churnMonthly: 0, ltvHorizonMonths: null }).months).toBe(0);
  });
});
