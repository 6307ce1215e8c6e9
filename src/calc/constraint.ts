import type { Assumptions } from '../model/assumptions.js';
import type { BindingConstraint, Check, ConstraintId, PlanResult, Relief } from '../model/plan.js';
import { busiestIndex } from './capacity.js';
import { atLeast, ceilWhole, divide } from './compare.js';

/** A plan as planPeriod builds it, before its binding constraint is named. */
export type PlanFigures = Omit<PlanResult, 'binding'>;

const CONSTRAINT_OF_CHECK: Record<Check['id'], ConstraintId> = {
  ltv_to_cac: 'unit_economics',
  payback_within_contract: 'unit_economics',
  fits_period: 'sales_capacity',
  delivery_load: 'delivery_capacity',
  payback_max: 'unit_economics',
  churn_max: 'unit_economics',
};

/**
 * Relative headroom of a check, negative when it fails: (value − limit) / limit for
 * `>=`, (limit − value) / limit for `<=`; the plain difference against a limit of 0.
 */
export function checkHeadroom(check: Check): number {
  const margin = check.comparison === '>=' ? check.value - check.limit : check.limit - check.value;
  const relative = margin / Math.abs(check.limit);
  // A limit of 0 (or one so small the quotient overflows) has no scale to be relative to.
  return Number.isFinite(relative) ? relative : margin;
}

function salesRelief(a: Assumptions, plan: PlanFigures): Relief[] {
  const { sales } = a;
  const weeks = plan.sales.periodWeeks;
  const relief: Relief[] = [{ input: 'sales.reps', from: sales.reps, to: plan.sales.repsNeeded }];

  const attemptsRate = divide(
    plan.sales.attemptsNeeded,
    sales.reps * sales.workingDaysPerWeek * weeks,
  );
  const attemptsFit = atLeast(sales.attemptsPerRepPerDay, attemptsRate);
  const meetingsNeeded = plan.sales.meetingsNeeded;
  const meetingsRate =
    meetingsNeeded === null || sales.meetingsPerRepPerWeek === null
      ? null
      : divide(meetingsNeeded, sales.reps * weeks);
  const meetingsFit =
    meetingsRate === null || atLeast(sales.meetingsPerRepPerWeek ?? 0, meetingsRate);

  // A faster rate alone is enough only when the other norm already fits.
  if (!attemptsFit && meetingsFit) {
    relief.push({
      input: 'sales.attempts_per_rep_per_day',
      from: sales.attemptsPerRepPerDay,
      to: attemptsRate,
    });
  }
  if (attemptsFit && !meetingsFit && meetingsRate !== null) {
    relief.push({
      input: 'sales.meetings_per_rep_per_week',
      from: sales.meetingsPerRepPerWeek ?? 0,
      to: meetingsRate,
    });
  }

  return relief;
}

function deliveryRelief(a: Assumptions, plan: PlanFigures): Relief[] {
  const busiest = busiestIndex(plan.capacity);
  const role = a.delivery.roles[busiest];
  const hires = plan.capacity[busiest]?.hiresNeeded ?? 0;
  if (role === undefined || hires === 0) return [];
  return [
    {
      input: `delivery.roles.${busiest}.headcount`,
      from: role.headcount,
      to: role.headcount + hires,
    },
  ];
}

function priceFloorRelief(a: Assumptions, plan: PlanFigures): Relief[] {
  const relief: Relief[] = [];
  const { pricing, unitEconomics } = plan;

  if (unitEconomics.cacSource === 'given') {
    relief.push({ input: 'average_check', from: a.averageCheck, to: pricing.minimumCheck });
  } else {
    // CAC from costs grows with the check (fewer, larger clients share the same spend):
    // CAC / contract months = s × check, s = CAC / (check × contract months), so the
    // CAC minimum is met at direct cost / (1 − s), and never when s ≥ 1.
    const spendShare = divide(unitEconomics.cac, a.averageCheck * a.contractMonths);
    if (spendShare < 1) {
      const forCac = pricing.directCostPerMonth / (1 - spendShare);
      const to = Math.max(pricing.minimumCheckForMargin, forCac);
      relief.push({ input: 'average_check', from: a.averageCheck, to });
    }
  }

  // The hours that bring the binding minimum down to the average check.
  const hoursForMargin = pricing.hoursBudgetAtAverageCheck;
  const hoursForCac = divide(
    a.averageCheck - divide(unitEconomics.cac, a.contractMonths),
    a.delivery.hourlyCost,
  );
  const hours = Math.min(hoursForMargin, hoursForCac);
  if (hours > 0) {
    relief.push({
      input: 'delivery.hours_per_client_month',
      from: a.delivery.hoursPerClientMonth,
      to: hours,
    });
  }

  return relief;
}

function unitEconomicsRelief(a: Assumptions, plan: PlanFigures, check: Check): Relief[] {
  const economics = plan.unitEconomics;
  // A CAC derived from costs scales with the check and the contract (through the count
  // of new clients), so only a given CAC makes those inputs a lever.
  const cacGiven = economics.cacSource === 'given';
  const relief: Relief[] = [];

  const checkFor = (target: number) => {
    if (cacGiven) relief.push({ input: 'average_check', from: a.averageCheck, to: target });
  };
  const cacFor = (target: number) => {
    if (cacGiven) relief.push({ input: 'sales.cac', from: economics.cac, to: target });
  };

  switch (check.id) {
    case 'ltv_to_cac': {
      const minimum = a.thresholds.ltvToCacMin;
      checkFor(divide(minimum * economics.cac, a.grossMargin * economics.lifetimeMonths));
      cacFor(divide(economics.ltv, minimum));
      const churn = divide(economics.grossProfitPerMonth, minimum * economics.cac);
      const horizon = a.ltvHorizonMonths;
      const uncappedAtThatChurn = horizon === null || atLeast(horizon, divide(1, churn));
      if (!economics.lifetimeCapped && churn > 0 && uncappedAtThatChurn) {
        relief.push({ input: 'churn_monthly', from: a.churnMonthly, to: churn });
      }
      break;
    }
    case 'payback_within_contract':
      checkFor(divide(economics.cac, a.grossMargin * a.contractMonths));
      cacFor(economics.grossProfitPerMonth * a.contractMonths);
      if (cacGiven) {
        relief.push({
          input: 'contract_months',
          from: a.contractMonths,
          to: ceilWhole(economics.paybackMonths),
        });
      }
      break;
    case 'payback_max':
      checkFor(divide(economics.cac, a.grossMargin * check.limit));
      cacFor(economics.grossProfitPerMonth * check.limit);
      break;
    case 'churn_max':
      relief.push({ input: 'churn_monthly', from: a.churnMonthly, to: check.limit });
      break;
    default:
      break;
  }

  return relief;
}

interface Candidate {
  constraint: ConstraintId;
  checkId: Check['id'] | null;
  headroom: number;
  relief: () => Relief[];
}

/**
 * What limits the plan. Candidates are the failing checks (fits_period →
 * sales_capacity, delivery_load → delivery_capacity, the LTV/CAC, payback and churn
 * checks → unit_economics) and, when the average check is below the binding minimum,
 * price_floor. The binding one is the candidate with the most negative relative
 * headroom (earlier in check order on a tie). Relief lists inputs that alone remove it:
 * - sales_capacity: reps → reps needed; or the per-rep rate of the one norm that misses,
 *   rate = needed / (reps × period weeks [× working days for attempts])
 * - delivery_capacity: headcount of the busiest role → headcount + its hires
 * - price_floor: average check → binding minimum (with CAC from costs, which grows with
 *   the check, the check where both minimums are met); or hours per client-month down
 *   to the hours the average check pays for under both minimums
 * - unit_economics (LTV/CAC): check = min × CAC / (margin × lifetime); CAC = LTV / min;
 *   churn = margin × check / (min × CAC) when the lifetime is not capped
 * - unit_economics (payback): check = CAC / (margin × months); CAC = gross profit × months;
 *   contract months = ⌈payback⌉; (churn_max): churn → its limit
 * With nothing failing the result is `none`, naming the check with the least headroom.
 */
export function bindingConstraint(a: Assumptions, plan: PlanFigures): BindingConstraint {
  const candidates: Candidate[] = plan.checks
    .filter((check) => !check.ok)
    .map((check) => ({
      constraint: CONSTRAINT_OF_CHECK[check.id],
      checkId: check.id,
      headroom: checkHeadroom(check),
      relief: () => reliefFor(a, plan, check),
    }));

  if (!atLeast(a.averageCheck, plan.pricing.minimumCheck)) {
    candidates.push({
      constraint: 'price_floor',
      checkId: null,
      headroom: divide(a.averageCheck - plan.pricing.minimumCheck, plan.pricing.minimumCheck),
      relief: () => priceFloorRelief(a, plan),
    });
  }

  const binding = lowestHeadroom(candidates);
  if (binding !== undefined) {
    return {
      constraint: binding.constraint,
      checkId: binding.checkId,
      headroom: binding.headroom,
      relief: binding.relief(),
    };
  }

  const tightest = lowestHeadroom(
    plan.checks.map((check) => ({
      constraint: 'none' as const,
      checkId: check.id,
      headroom: checkHeadroom(check),
      relief: () => [],
    })),
  );
  return {
    constraint: 'none',
    checkId: tightest?.checkId ?? null,
    headroom: tightest?.headroom ?? 0,
    relief: [],
  };
}

function reliefFor(a: Assumptions, plan: PlanFigures, check: Check): Relief[] {
  switch (CONSTRAINT_OF_CHECK[check.id]) {
    case 'sales_capacity':
      return salesRelief(a, plan);
    case 'delivery_capacity':
      return deliveryRelief(a, plan);
    default:
      return unitEconomicsRelief(a, plan, check);
  }
}

function lowestHeadroom(candidates: Candidate[]): Candidate | undefined {
  return candidates.reduce<Candidate | undefined>(
    (lowest, candidate) =>
      lowest === undefined || candidate.headroom < lowest.headroom ? candidate : lowest,
    undefined,
  );
}
