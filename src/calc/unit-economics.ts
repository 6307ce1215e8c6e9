import type { Assumptions, MonthlyCosts } from '../model/assumptions.js';
import type { UnitEconomicsResult } from '../model/plan.js';
import { divide } from './compare.js';

export interface UnitEconomicsInput {
  /** Monthly fee of an average client, money per client-month. */
  averageCheck: number;
  /** Share of the fee left after direct delivery cost. */
  grossMargin: number;
  /** Share of active clients lost per month. */
  churnMonthly: number;
  /** Months a lifetime is capped at; required when churn is 0. */
  ltvHorizonMonths: number | null;
  /** CAC given directly, money per new client; null to derive it from monthly costs. */
  cac: number | null;
  /** Sales and marketing spend per month, used when cac is null. */
  monthlyCosts: MonthlyCosts | null;
  /** Months in the period. */
  periodMonths: number;
  /** New clients signed in the period. */
  newClients: number;
}

/** The unit-economics input of a period plan: the same CAC and lifetime wherever they are used. */
export function planEconomicsInput(
  assumptions: Assumptions,
  periodMonths: number,
  newClients: number,
): UnitEconomicsInput {
  return {
    averageCheck: assumptions.averageCheck,
    grossMargin: assumptions.grossMargin,
    churnMonthly: assumptions.churnMonthly,
    ltvHorizonMonths: assumptions.ltvHorizonMonths,
    cac: assumptions.sales.cac,
    monthlyCosts: assumptions.sales.monthlyCosts,
    periodMonths,
    newClients,
  };
}

export interface LifetimeInput {
  churnMonthly: number;
  ltvHorizonMonths: number | null;
}

export interface Lifetime {
  /** Months an average client stays. */
  months: number;
  /** True when the horizon cut the lifetime short (always so with zero churn). */
  capped: boolean;
}

/**
 * Client lifetime, months: 1 / churn, capped by the horizon when the horizon is
 * shorter. Zero churn has no finite lifetime, so the horizon is the lifetime
 * (the loader demands a horizon then; without one the lifetime is 0).
 */
export function clientLifetime(input: LifetimeInput): Lifetime {
  const horizon = input.ltvHorizonMonths;
  if (input.churnMonthly <= 0) return { months: horizon ?? 0, capped: true };

  const uncapped = 1 / input.churnMonthly;
  if (horizon !== null && horizon < uncapped) return { months: horizon, capped: true };
  return { months: uncapped, capped: false };
}

/**
 * Unit economics of an average client.
 * - gross profit per client-month = average check × gross margin (money a month)
 * - CAC = sales.cac when given, else (payroll + tools + marketing) × period months
 *   / new clients of the period (money per new client)
 * - lifetime: see clientLifetime (months)
 * - LTV = gross profit per client-month × lifetime (money)
 * - LTV/CAC (ratio); payback = CAC / gross profit per client-month (months)
 */
export function unitEconomics(input: UnitEconomicsInput): UnitEconomicsResult {
  const grossProfitPerMonth = input.averageCheck * input.grossMargin;

  const cacSource = input.cac === null && input.monthlyCosts !== null ? 'monthly_costs' : 'given';
  const cac =
    input.cac ??
    (input.monthlyCosts === null ? 0 : acquisitionCostFromSpend(input.monthlyCosts, input));

  const lifetime = clientLifetime(input);
  const ltv = grossProfitPerMonth * lifetime.months;

  return {
    grossProfitPerMonth,
    cac,
    cacSource,
    lifetimeMonths: lifetime.months,
    lifetimeCapped: lifetime.capped,
    ltv,
    ltvToCac: divide(ltv, cac),
    paybackMonths: divide(cac, grossProfitPerMonth),
  };
}

function acquisitionCostFromSpend(
  costs: MonthlyCosts,
  period: { periodMonths: number; newClients: number },
): number {
  const monthlySpend = costs.payroll + costs.tools + costs.marketing;
  return divide(monthlySpend * period.periodMonths, period.newClients);
}
