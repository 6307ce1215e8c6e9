/**
 * The result of planning one period. Every figure is unrounded; renderers
 * round. Field names are the public JSON contract (in snake_case there).
 */

import type { Period } from './assumptions.js';

export interface StageCount {
  stage: string;
  /** Exact (fractional) count of this stage needed in the period. */
  count: number;
  /** Conversion from the stage before; null for the first stage. */
  conversion: number | null;
}

export interface SalesResult {
  attemptsNeeded: number;
  meetingsNeeded: number | null;
  attemptsPerWeek: number;
  /** null when no meeting ceiling is given. */
  meetingsPerWeek: number | null;
  weeksToClose: number;
  periodWeeks: number;
  repsNeeded: number;
  fitsPeriod: boolean;
  /** Which norm sets the weeks to close. */
  bottleneck: 'attempts' | 'meetings';
}

/** Where CAC comes from: given in the file, or its monthly costs over the new clients. */
export type CacSource = 'given' | 'monthly_costs';

/** Which minimum check binds: the one that keeps the margin, or the one that earns back CAC. */
export type BindingMinimum = 'margin' | 'cac';

/** How a figure must stand against its limit to pass. */
export type Comparison = '>=' | '<=';

/** Length of a planning period in calendar months and in weeks. */
export interface PeriodLength {
  name: Period;
  months: number;
  weeks: number;
}

export interface UnitEconomicsResult {
  grossProfitPerMonth: number;
  cac: number;
  cacSource: CacSource;
  lifetimeMonths: number;
  /** True when ltv_horizon_months cut the lifetime short. */
  lifetimeCapped: boolean;
  ltv: number;
  ltvToCac: number;
  paybackMonths: number;
}

export interface PricingResult {
  directCostPerMonth: number;
  minimumCheckForMargin: number;
  minimumCheckForCac: number;
  minimumCheck: number;
  bindingMinimum: BindingMinimum;
  hoursBudgetAtAverageCheck: number;
  /** Margin the hours per client imply at the average check. */
  impliedMargin: number;
}

export interface RoleCapacity {
  role: string;
  capacity: number;
  /** Clients of this role at the end of each month of the period. */
  activeClientsByMonth: number[];
  peakActiveClients: number;
  load: number;
  hiresNeeded: number;
  /** Hours a week each client of one person gets at the quota: client hours / clients per person. */
  hoursPerClientPerWeek: number | null;
}

export type CheckId =
  | 'ltv_to_cac'
  | 'payback_within_contract'
  | 'fits_period'
  | 'delivery_load'
  | 'payback_max'
  | 'churn_max';

export interface Check {
  id: CheckId;
  /** Whether the check passes: the point plan's value against the limit, or its gate. */
  ok: boolean;
  value: number;
  limit: number;
  /** How value relates to limit when the check passes. */
  comparison: Comparison;
  /** Present when thresholds.min_probability makes the check pass on its chance instead. */
  gate?: CheckGate;
}

/** A check that passes when enough simulated plans pass it, whatever the point plan does. */
export interface CheckGate {
  /** Share of the simulated plans in which the check passes. */
  probability: number;
  minProbability: number;
  /** Whether the point plan passes the check: its value against the limit. */
  pointOk: boolean;
}

export type WarningId =
  'implied_margin_differs' | 'policy_minimum_below_binding' | 'average_check_below_minimum';

export interface Warning {
  id: WarningId;
  values: Record<string, number>;
}

export type ConstraintId =
  'sales_capacity' | 'delivery_capacity' | 'price_floor' | 'unit_economics' | 'none';

/** One change of one input that, on its own, removes the binding constraint. */
export interface Relief {
  /** Key path of the input as the file spells it: `sales.reps`, `delivery.roles.0.headcount`. */
  input: string;
  from: number;
  to: number;
}

/** What limits the plan, or with `none` the check closest to failing. */
export interface BindingConstraint {
  constraint: ConstraintId;
  /** The check behind it; null for price_floor, which is a warning rather than a check. */
  checkId: CheckId | null;
  /** Relative headroom: (limit − value) / limit for `<=`, (value − limit) / limit for `>=`. */
  headroom: number;
  /** Alternatives, each enough on its own; empty with `none` or when no input alone helps. */
  relief: Relief[];
}

export interface PlanResult {
  period: PeriodLength;
  clientMonths: number;
  newClients: number;
  /** Of the new clients, how many churn a month and must be replaced: new clients × churn. */
  clientsLostPerMonth: number;
  funnel: StageCount[];
  sales: SalesResult;
  unitEconomics: UnitEconomicsResult;
  pricing: PricingResult;
  capacity: RoleCapacity[];
  checks: Check[];
  warnings: Warning[];
  binding: BindingConstraint;
  ok: boolean;
}
