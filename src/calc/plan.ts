import type { Assumptions } from '../model/assumptions.js';
import type { PlanResult } from '../model/plan.js';
import { deliveryCapacity } from './capacity.js';
import { planChecks, planWarnings } from './checks.js';
import { bindingConstraint } from './constraint.js';
import { clientsForTarget, reverseFunnel } from './funnel.js';
import { periodLength } from './period.js';
import { pricing } from './pricing.js';
import { salesThroughput } from './sales.js';
import { planEconomicsInput, unitEconomics } from './unit-economics.js';

/**
 * The plan of one period from validated assumptions: clients behind the revenue
 * target, the reverse funnel, sales throughput, unit economics, pricing, delivery
 * capacity, checks, warnings and the binding constraint. ok = every check passes.
 * Nothing is rounded.
 */
export function planPeriod(assumptions: Assumptions): PlanResult {
  const period = periodLength(assumptions.period);
  const { clientMonths, newClients } = clientsForTarget(assumptions);
  const funnel = reverseFunnel({ stages: assumptions.funnel, deals: newClients });

  const sales = salesThroughput({ funnel, sales: assumptions.sales, periodWeeks: period.weeks });
  const economics = unitEconomics(planEconomicsInput(assumptions, period.months, newClients));
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

  const figures = {
    period,
    clientMonths,
    newClients,
    clientsLostPerMonth: newClients * assumptions.churnMonthly,
    funnel,
    sales,
    unitEconomics: economics,
    pricing: prices,
    capacity,
    checks,
    warnings,
    ok: checks.every((check) => check.ok),
  };
  return { ...figures, binding: bindingConstraint(assumptions, figures) };
}
