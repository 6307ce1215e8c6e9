import type { Assumptions } from '../model/assumptions.js';
import type { PlanResult } from '../model/plan.js';
import { deliveryCapacity } from './capacity.js';
import { planChecks, planWarnings } from './checks.js';
import { clientsForTarget, reverseFunnel } from './funnel.js';
import { periodLength } from './period.js';
import { pricing } from './pricing.js';
import { salesThroughput } from './sales.js';
import { unitEconomics } from './unit-economics.js';

/**
 * The plan of one period from validated assumptions: clients behind the revenue
 * target, the reverse funnel, sales throughput, unit economics, pricing, delivery
 * capacity, checks and warnings. ok = every check passes. Nothing is rounded.
 */
export function planPeriod(assumptions: Assumptions): PlanResult {
  const period = periodLength(assumptions.period);
  const { clientMonths, newClients } = clientsForTarget(assumptions);
  const funnel = reverseFunnel({ stages: assumptions.funnel, deals: newClients });

  const sales = salesThroughput({ funnel, sales: assumptions.sales, periodWeeks: period.weeks });
  const economics = unitEconomics({
    averageCheck: assumptions.averageCheck,
    grossMargin: assumptions.grossMargin,
    churnMonthly: assumptions.churnMonthly,
    ltvHorizonMonths: assumptions.ltvHorizonMonths,
    cac: assumptions.sales.cac,
    monthlyCosts: assumptions.sales.monthlyCosts,
    periodMonths: period.months,
    newClients,
  });
  const prices = pricing({
    averageCheck: assumptions.averageCheck,
    grossMargin: assumptions.grossMargin,
    hourlyCost: assumptions.delivery.hourlyCost,
    hoursPerClientMonth: assumptions.delivery.hoursPerClientMonth,
    cac: economics.cac,
    contractMonths: assumptions.contractMonths,
  });
  const capacity = deliveryCapacity({
    delivery: assumptions.delivery,
    newClients,
    churnMonthly: assumptions.churnMonthly,
    periodMonths: period.months,
  });

  const checks = planChecks({ assumptions, sales, unitEconomics: economics, capacity });
  const warnings = planWarnings({ assumptions, pricing: prices });

  return {
    period,
    clientMonths,
    newClients,
    funnel,
    sales,
    unitEconomics: economics,
    pricing: prices,
    capacity,
    checks,
    warnings,
    ok: checks.every((check) => check.ok),
  };
}
