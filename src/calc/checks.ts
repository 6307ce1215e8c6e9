import type { Assumptions } from '../model/assumptions.js';
import type {
  Check,
  PricingResult,
  RoleCapacity,
  SalesResult,
  UnitEconomicsResult,
  Warning,
} from '../model/plan.js';
import { busiestIndex } from './capacity.js';
import { atLeast, atMost } from './compare.js';

/** Largest gap between the implied and the stated gross margin not worth a warning. */
export const IMPLIED_MARGIN_TOLERANCE = 0.05;

export interface ChecksInput {
  assumptions: Assumptions;
  sales: SalesResult;
  unitEconomics: UnitEconomicsResult;
  capacity: RoleCapacity[];
}

function atLeastCheck(id: Check['id'], value: number, limit: number): Check {
  return { id, ok: atLeast(value, limit), value, limit, comparison: '>=' };
}

function atMostCheck(id: Check['id'], value: number, limit: number): Check {
  return { id, ok: atMost(value, limit), value, limit, comparison: '<=' };
}

/**
 * The pass/fail checks of a plan, in this order (each tolerant to 1e-9 relative):
 * - ltv_to_cac: LTV/CAC ≥ thresholds.ltvToCacMin
 * - payback_within_contract: payback months ≤ contract months
 * - fits_period: weeks to close ≤ period weeks
 * - delivery_load: highest role load ≤ max load (only when roles are given)
 * - payback_max: payback months ≤ thresholds.paybackMonthsMax (only when set)
 * - churn_max: monthly churn ≤ thresholds.churnMonthlyMax (only when set)
 */
export function planChecks(input: ChecksInput): Check[] {
  const { assumptions, sales, unitEconomics, capacity } = input;
  const { thresholds } = assumptions;

  const checks = [
    atLeastCheck('ltv_to_cac', unitEconomics.ltvToCac, thresholds.ltvToCacMin),
    atMostCheck('payback_within_contract', unitEconomics.paybackMonths, assumptions.contractMonths),
    atMostCheck('fits_period', sales.weeksToClose, sales.periodWeeks),
  ];

  const busiest = capacity[busiestIndex(capacity)];
  if (busiest !== undefined) {
    checks.push(atMostCheck('delivery_load', busiest.load, assumptions.delivery.maxLoad));
  }
  if (thresholds.paybackMonthsMax !== null) {
    checks.push(
      atMostCheck('payback_max', unitEconomics.paybackMonths, thresholds.paybackMonthsMax),
    );
  }
  if (thresholds.churnMonthlyMax !== null) {
    checks.push(atMostCheck('churn_max', assumptions.churnMonthly, thresholds.churnMonthlyMax));
  }

  return checks;
}

export interface WarningsInput {
  assumptions: Assumptions;
  pricing: PricingResult;
}

/**
 * Advisory findings that do not fail the plan, in this order:
 * - implied_margin_differs: |implied margin at the average check − gross margin| > 0.05
 * - policy_minimum_below_binding: minimum check set and below the binding minimum
 * - average_check_below_minimum: average check below the binding minimum
 */
export function planWarnings(input: WarningsInput): Warning[] {
  const { assumptions, pricing } = input;
  const warnings: Warning[] = [];

  const marginGap = Math.abs(pricing.impliedMargin - assumptions.grossMargin);
  if (!atMost(marginGap, IMPLIED_MARGIN_TOLERANCE)) {
    warnings.push({
      id: 'implied_margin_differs',
      values: {
        implied_margin: pricing.impliedMargin,
        gross_margin: assumptions.grossMargin,
        hours_budget: pricing.hoursBudgetAtAverageCheck,
        hours_per_client_month: assumptions.delivery.hoursPerClientMonth,
      },
    });
  }

  const policyMinimum = assumptions.minimumCheck;
  if (policyMinimum !== null && !atLeast(policyMinimum, pricing.minimumCheck)) {
    warnings.push({
      id: 'policy_minimum_below_binding',
      values: { minimum_check: policyMinimum, binding_minimum: pricing.minimumCheck },
    });
  }

  if (!atLeast(assumptions.averageCheck, pricing.minimumCheck)) {
    warnings.push({
      id: 'average_check_below_minimum',
      values: { average_check: assumptions.averageCheck, binding_minimum: pricing.minimumCheck },
    });
  }

  return warnings;
}
