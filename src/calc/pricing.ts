import type { BindingMinimum, PricingResult } from '../model/plan.js';
import { divide } from './compare.js';

export interface DirectCostInput {
  /** Cost of one delivery hour, money per hour. */
  hourlyCost: number;
  /** Delivery hours one client takes a month. */
  hoursPerClientMonth: number;
}

/** Direct delivery cost per client-month = hourly cost × hours per client-month (money). */
export function directCostPerMonth(input: DirectCostInput): number {
  return input.hourlyCost * input.hoursPerClientMonth;
}

export interface MinimumCheckInput extends DirectCostInput {
  /** Gross margin the price must keep, share of one. */
  grossMargin: number;
  /** Acquisition cost to earn back, money per new client. */
  cac: number;
  /** Months the contract runs, over which CAC is earned back. */
  contractMonths: number;
}

export interface MinimumCheck {
  directCostPerMonth: number;
  /** Fee keeping the gross margin: direct cost / (1 − margin). */
  forMargin: number;
  /** Fee earning back CAC within the contract: direct cost + CAC / contract months. */
  forCac: number;
  /** The larger of the two. */
  minimum: number;
  binding: BindingMinimum;
}

/**
 * Lowest monthly fee worth taking for a client of the given hours (money a month):
 * for the margin = direct cost / (1 − gross margin);
 * for CAC = direct cost + CAC / contract months;
 * the binding minimum is the larger (the margin one on a tie).
 */
export function minimumCheck(input: MinimumCheckInput): MinimumCheck {
  const direct = directCostPerMonth(input);
  const forMargin = divide(direct, 1 - input.grossMargin);
  const forCac = direct + divide(input.cac, input.contractMonths);
  const binding = forCac > forMargin ? 'cac' : 'margin';

  return {
    directCostPerMonth: direct,
    forMargin,
    forCac,
    minimum: binding === 'cac' ? forCac : forMargin,
    binding,
  };
}

export interface HoursBudgetInput {
  /** Monthly fee, money. */
  check: number;
  grossMargin: number;
  hourlyCost: number;
}

/** Hours a month a fee pays for at the gross margin = check × (1 − margin) / hourly cost. */
export function hoursBudget(input: HoursBudgetInput): number {
  return divide(input.check * (1 - input.grossMargin), input.hourlyCost);
}

export interface ImpliedMarginInput extends DirectCostInput {
  /** Monthly fee, money. */
  check: number;
}

/** Margin a fee actually keeps at the given hours = 1 − direct cost / check (share of one). */
export function impliedMargin(input: ImpliedMarginInput): number {
  return 1 - divide(directCostPerMonth(input), input.check);
}

export interface PricingInput extends MinimumCheckInput {
  /** Monthly fee of an average client, money. */
  averageCheck: number;
}

/**
 * Pricing figures of a plan: the minimum checks for the plan's hours and CAC, and
 * the hours budget and implied margin at the average check.
 */
export function pricing(input: PricingInput): PricingResult {
  const minimum = minimumCheck(input);

  return {
    directCostPerMonth: minimum.directCostPerMonth,
    minimumCheckForMargin: minimum.forMargin,
    minimumCheckForCac: minimum.forCac,
    minimumCheck: minimum.minimum,
    bindingMinimum: minimum.binding,
    hoursBudgetAtAverageCheck: hoursBudget({ ...input, check: input.averageCheck }),
    impliedMargin: impliedMargin({ ...input, check: input.averageCheck }),
  };
}
