/**
 * One deal priced and qualified before a proposal is sent, and the result of
 * checking it. Every figure is unrounded; renderers round. The field names are
 * the public JSON contract (in snake_case there).
 */

import type { BindingMinimum, CacSource, Comparison } from './plan.js';

/**
 * A validated deal. The input layer guarantees check > 0, hours ≥ 0 and
 * months > 0, all finite.
 */
export interface Deal {
  /** Client name as the user wrote it; null when not given. */
  name: string | null;
  /** Monthly fee quoted, money a month. */
  check: number;
  /** Delivery hours the client takes a month. */
  hours: number;
  /** Contract term, months. */
  months: number;
  /** ICP criteria the client meets, as named in the file's `icp.require`. */
  has: string[];
  /** Red flags seen, as named in the file's `icp.red_flags`. */
  flags: string[];
  /** Roles serving the client; null when every role does. */
  roles: string[] | null;
}

export type Verdict = 'ACCEPT' | 'REVIEW' | 'REJECT';

/** A flag the client shows, or a required criterion it lacks: both count against it. */
export type RedFlagKind = 'flag' | 'missing_requirement';

export interface RedFlag {
  /** The name as the assumptions file spells it. */
  flag: string;
  kind: RedFlagKind;
}

/** Load of one role serving the deal, with the deal added to its clients. */
export interface DealRoleLoad {
  role: string;
  /** Clients of this role with the deal: active clients × share of clients + 1. */
  clients: number;
  capacity: number;
  /** clients / capacity, share of one. */
  load: number;
  maxLoad: number;
  /** load ≤ max load, tolerant. */
  ok: boolean;
}

/**
 * Why the verdict is what it is. Each reason carries the verdict it argues for:
 * REJECT and REVIEW reasons are problems; ACCEPT reasons are the positive
 * findings listed when there is no problem.
 */
export type DealReason =
  | {
      id: 'red_flags_reject';
      verdict: 'REJECT';
      values: { count: number; rejectAt: number; flags: RedFlag[] };
    }
  | { id: 'red_flag'; verdict: 'REVIEW'; values: RedFlag & { rejectAt: number } }
  | {
      id: 'below_minimum_check';
      verdict: 'REJECT';
      values: {
        check: number;
        minimum: number;
        binding: BindingMinimum;
        hours: number;
        grossMargin: number;
        cac: number;
        months: number;
      };
    }
  | {
      id: 'no_gross_profit';
      verdict: 'REJECT';
      values: { check: number; directCost: number; hours: number };
    }
  | {
      id: 'payback_beyond_contract';
      verdict: 'REJECT';
      values: { paybackMonths: number; months: number; cac: number };
    }
  | {
      id: 'ltv_to_cac_low';
      verdict: 'REVIEW';
      values: { ltvToCac: number; minimum: number; ltv: number; cac: number };
    }
  | {
      id: 'role_over_capacity';
      verdict: 'REVIEW';
      values: { role: string; load: number; maxLoad: number; clients: number; capacity: number };
    }
  | {
      id: 'price_above_minimum';
      verdict: 'ACCEPT';
      values: {
        check: number;
        minimum: number;
        gap: number;
        gapShare: number;
        binding: BindingMinimum;
        hours: number;
      };
    }
  | {
      id: 'payback_within_contract';
      verdict: 'ACCEPT';
      values: { paybackMonths: number; months: number; cac: number };
    }
  | { id: 'ltv_to_cac_ok'; verdict: 'ACCEPT'; values: { ltvToCac: number; minimum: number } }
  | { id: 'no_red_flags'; verdict: 'ACCEPT'; values: { required: number } }
  | {
      id: 'capacity_ok';
      verdict: 'ACCEPT';
      values: { role: string; load: number; maxLoad: number };
    };

export type DealReasonId = DealReason['id'];

/** The rules of the verdict that compare a figure of the deal with a limit. */
export type DealCheckId =
  'minimum_check' | 'payback_within_contract' | 'ltv_to_cac' | 'red_flags' | 'load';

/**
 * One rule of the verdict as a figure against its limit. A failed check has a
 * reason that says so, and a passed one never has; a price without gross profit
 * fails both payback and LTV/CAC under one reason, no_gross_profit.
 */
export interface DealCheck {
  id: DealCheckId;
  /** The role a `load` check measures; null for the other checks. */
  role: string | null;
  /**
   * The deal's figure; null when it has none: no payback without gross profit, no
   * LTV/CAC without CAC.
   */
  value: number | null;
  limit: number;
  comparison: Comparison;
  /**
   * The value against the limit, tolerant at the boundary. A payback that never
   * comes fails; an LTV/CAC without CAC passes.
   */
  ok: boolean;
}

export interface DealResult {
  deal: Deal;
  verdict: Verdict;
  /** Problems first (REJECT, then REVIEW); for ACCEPT, the positive findings. */
  reasons: DealReason[];
  /** Every rule of the verdict with its figure and limit; the loads last, one a role. */
  checks: DealCheck[];
  /** hourly cost × hours, money a month. */
  directCost: number;
  /** Margin the price keeps: 1 − direct cost / check, share of one. */
  grossMargin: number;
  /** The file's gross margin the minimum check is priced for. */
  targetGrossMargin: number;
  /** check − direct cost, money a month. */
  grossProfitPerMonth: number;
  cac: number;
  cacSource: CacSource;
  /** CAC / gross profit a month; null when there is no gross profit (never pays back). */
  paybackMonths: number | null;
  /** Months a client stays, from churn and the horizon, as in the plan. */
  lifetimeMonths: number;
  /** gross profit a month × lifetime, money. */
  ltv: number;
  /** LTV / CAC; null when CAC is 0 (nothing to earn back). */
  ltvToCac: number | null;
  minimumCheckForMargin: number;
  minimumCheckForCac: number;
  /** The binding minimum: the larger of the two. */
  minimumCheck: number;
  bindingMinimum: BindingMinimum;
  /** check − minimum check, money a month; negative below the minimum. */
  priceGap: number;
  /** priceGap / minimum check; null when the minimum is 0. */
  priceGapShare: number | null;
  /** Hours a month the check pays for at the file's margin. */
  hoursBudget: number;
  redFlags: RedFlag[];
  capacity: DealRoleLoad[];
}
