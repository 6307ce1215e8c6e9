import type { Assumptions } from '../model/assumptions.js';
import type {
  Deal,
  DealCheck,
  DealCheckId,
  DealReason,
  DealResult,
  DealRoleLoad,
  Verdict,
} from '../model/deal.js';
import { busiestIndex, roleLoad } from './capacity.js';
import { atLeast, atMost } from './compare.js';
import { clientsForTarget } from './funnel.js';
import { periodLength } from './period.js';
import { hoursBudget, impliedMargin, minimumCheck } from './pricing.js';
import { normalizeName, redFlagsFound } from './qualification.js';
import { planEconomicsInput, type UnitEconomicsInput, unitEconomics } from './unit-economics.js';

/**
 * Prices and qualifies one deal on the plan's assumptions.
 * - direct cost = hourly cost × hours (money a month)
 * - gross margin at this price = 1 − direct cost / check (share of one)
 * - gross profit a month = check − direct cost (money a month)
 * - CAC as in the plan (given, or monthly sales costs over the period's new clients)
 * - payback = CAC / gross profit a month (months; null when gross profit ≤ 0)
 * - LTV = gross profit a month × lifetime from churn and horizon (money); LTV/CAC
 * - minimum check for the margin = direct cost / (1 − file's gross margin);
 *   for CAC = direct cost + CAC / deal months; the binding one is the larger
 * - price gap = check − binding minimum (money a month), and its share of the minimum
 * - hours budget = check × (1 − file's gross margin) / hourly cost (hours a month)
 * - red flags = flags shown + required criteria missing
 * - load of each serving role = (active clients × share + 1) / capacity
 *
 * REJECT: red flags ≥ icp.rejectAt, check below the binding minimum, or payback
 * beyond the contract (or never). REVIEW: some red flags but fewer than rejectAt,
 * LTV/CAC under the threshold, or a role over max load. ACCEPT otherwise. Every
 * boundary is tolerant: a check exactly at the minimum, payback exactly the
 * contract and a load exactly at the ceiling pass; exactly rejectAt flags reject.
 * Each rule is also returned as a check (figure, limit, passed); the reasons and
 * the verdict are read from the checks.
 */
export function checkDeal(assumptions: Assumptions, deal: Deal): DealResult {
  const { delivery, icp, thresholds } = assumptions;

  const planned = planEconomics(assumptions);
  const economics = unitEconomics(planned);
  const prices = minimumCheck({
    hourlyCost: delivery.hourlyCost,
    hoursPerClientMonth: deal.hours,
    grossMargin: assumptions.grossMargin,
    cac: economics.cac,
    contractMonths: deal.months,
  });
  const directCost = prices.directCostPerMonth;
  const grossMargin = impliedMargin({
    check: deal.check,
    hourlyCost: delivery.hourlyCost,
    hoursPerClientMonth: deal.hours,
  });

  // The deal's own economics: the plan's formulas at this price and margin, with the plan's CAC.
  const own = unitEconomics({
    ...planned,
    averageCheck: deal.check,
    grossMargin,
    cac: economics.cac,
  });
  const paybackMonths = own.grossProfitPerMonth > 0 ? own.paybackMonths : null;
  const priceGap = deal.check - prices.minimum;

  const redFlags = redFlagsFound(icp, deal);
  const capacity = dealRoleLoads(assumptions, deal);

  const figures = {
    deal,
    directCost,
    grossMargin,
    targetGrossMargin: assumptions.grossMargin,
    grossProfitPerMonth: own.grossProfitPerMonth,
    cac: economics.cac,
    cacSource: economics.cacSource,
    paybackMonths,
    lifetimeMonths: own.lifetimeMonths,
    ltv: own.ltv,
    ltvToCac: economics.cac > 0 ? own.ltvToCac : null,
    minimumCheckForMargin: prices.forMargin,
    minimumCheckForCac: prices.forCac,
    minimumCheck: prices.minimum,
    bindingMinimum: prices.binding,
    priceGap,
    priceGapShare: prices.minimum > 0 ? priceGap / prices.minimum : null,
    hoursBudget: hoursBudget({
      check: deal.check,
      grossMargin: assumptions.grossMargin,
      hourlyCost: delivery.hourlyCost,
    }),
    redFlags,
    capacity,
  };

  const checks = dealChecks(figures, icp.rejectAt, thresholds.ltvToCacMin);
  const problems = dealProblems(figures, checks, icp.rejectAt, thresholds.ltvToCacMin);
  const verdict = verdictOf(problems);
  const reasons =
    verdict === 'ACCEPT'
      ? acceptReasons(figures, icp.require.length, thresholds.ltvToCacMin)
      : problems;

  return { ...figures, verdict, reasons, checks };
}

type DealFigures = Omit<DealResult, 'verdict' | 'reasons' | 'checks'>;

/** The unit-economics input of the period plan, so CAC and lifetime come out the same. */
function planEconomics(assumptions: Assumptions): UnitEconomicsInput {
  const period = periodLength(assumptions.period);
  const { newClients } = clientsForTarget(assumptions);
  return planEconomicsInput(assumptions, period.months, newClients);
}

/**
 * The deal is one more client for every role serving it, whatever the role's
 * share of the average client: hence the role's own clients plus one.
 */
function dealRoleLoads(assumptions: Assumptions, deal: Deal): DealRoleLoad[] {
  const { delivery } = assumptions;
  const wanted = deal.roles === null ? null : new Set(deal.roles.map(normalizeName));
  const serving = delivery.roles.filter(
    (role) => wanted === null || wanted.has(normalizeName(role.role)),
  );

  return serving.map((role) => {
    const clients = delivery.activeClients * role.shareOfClients + 1;
    const { capacity, load, withinMaxLoad } = roleLoad(role, clients, delivery.maxLoad);
    return {
      role: role.role,
      clients,
      capacity,
      load,
      maxLoad: delivery.maxLoad,
      ok: withinMaxLoad,
    };
  });
}

/**
 * The rules of the verdict, each a figure against its limit. The reasons are read
 * from these, so a check, a reason and the verdict never disagree.
 */
function dealChecks(figures: DealFigures, rejectAt: number, ltvToCacMin: number): DealCheck[] {
  const { deal, paybackMonths, ltvToCac, redFlags } = figures;

  return [
    {
      id: 'minimum_check',
      role: null,
      value: deal.check,
      limit: figures.minimumCheck,
      comparison: '>=',
      ok: atLeast(deal.check, figures.minimumCheck),
    },
    {
      id: 'payback_within_contract',
      role: null,
      value: paybackMonths,
      limit: deal.months,
      comparison: '<=',
      ok: paybackMonths !== null && atMost(paybackMonths, deal.months),
    },
    {
      id: 'ltv_to_cac',
      role: null,
      value: ltvToCac,
      limit: ltvToCacMin,
      comparison: '>=',
      ok: ltvToCac === null || atLeast(ltvToCac, ltvToCacMin),
    },
    // Fewer than reject_at flags pass (one sends the deal to review); flags are whole, so at
    // most reject_at − 1 is the same rule.
    {
      id: 'red_flags',
      role: null,
      value: redFlags.length,
      limit: rejectAt - 1,
      comparison: '<=',
      ok: atMost(redFlags.length, rejectAt - 1),
    },
    ...figures.capacity.map((load): DealCheck => ({
      id: 'load',
      role: load.role,
      value: load.load,
      limit: load.maxLoad,
      comparison: '<=',
      ok: load.ok,
    })),
  ];
}

/** Every rule the deal breaks, REJECT ones first: one reason a failed check. */
function dealProblems(
  figures: DealFigures,
  checks: DealCheck[],
  rejectAt: number,
  ltvToCacMin: number,
): DealReason[] {
  const { deal, redFlags } = figures;
  const failed = (id: DealCheckId) => checks.some((check) => check.id === id && !check.ok);
  const reject: DealReason[] = [];
  const review: DealReason[] = [];

  if (failed('red_flags')) {
    reject.push({
      id: 'red_flags_reject',
      verdict: 'REJECT',
      values: { count: redFlags.length, rejectAt, flags: redFlags },
    });
  } else {
    for (const flag of redFlags) {
      review.push({ id: 'red_flag', verdict: 'REVIEW', values: { ...flag, rejectAt } });
    }
  }

  if (failed('minimum_check')) {
    reject.push({
      id: 'below_minimum_check',
      verdict: 'REJECT',
      values: {
        check: deal.check,
        minimum: figures.minimumCheck,
        binding: figures.bindingMinimum,
        hours: deal.hours,
        grossMargin: figures.targetGrossMargin,
        cac: figures.cac,
        months: deal.months,
      },
    });
  }

  if (failed('payback_within_contract')) {
    reject.push(
      figures.paybackMonths === null
        ? {
            id: 'no_gross_profit',
            verdict: 'REJECT',
            values: { check: deal.check, directCost: figures.directCost, hours: deal.hours },
          }
        : {
            id: 'payback_beyond_contract',
            verdict: 'REJECT',
            values: { paybackMonths: figures.paybackMonths, months: deal.months, cac: figures.cac },
          },
    );
  }

  // Without gross profit the LTV is negative; no_gross_profit already says all there is.
  if (failed('ltv_to_cac') && figures.paybackMonths !== null && figures.ltvToCac !== null) {
    review.push({
      id: 'ltv_to_cac_low',
      verdict: 'REVIEW',
      values: {
        ltvToCac: figures.ltvToCac,
        minimum: ltvToCacMin,
        ltv: figures.ltv,
        cac: figures.cac,
      },
    });
  }

  for (const role of figures.capacity.filter((load) => !load.ok)) {
    review.push({
      id: 'role_over_capacity',
      verdict: 'REVIEW',
      values: {
        role: role.role,
        load: role.load,
        maxLoad: role.maxLoad,
        clients: role.clients,
        capacity: role.capacity,
      },
    });
  }

  return [...reject, ...review];
}

function verdictOf(problems: DealReason[]): Verdict {
  if (problems.some((reason) => reason.verdict === 'REJECT')) return 'REJECT';
  if (problems.some((reason) => reason.verdict === 'REVIEW')) return 'REVIEW';
  return 'ACCEPT';
}

/** What speaks for a deal that breaks no rule. */
function acceptReasons(figures: DealFigures, required: number, ltvToCacMin: number): DealReason[] {
  const { deal } = figures;
  const reasons: DealReason[] = [
    {
      id: 'price_above_minimum',
      verdict: 'ACCEPT',
      values: {
        check: deal.check,
        minimum: figures.minimumCheck,
        gap: figures.priceGap,
        gapShare: figures.priceGapShare ?? 0,
        binding: figures.bindingMinimum,
        hours: deal.hours,
      },
    },
  ];

  if (figures.paybackMonths !== null) {
    reasons.push({
      id: 'payback_within_contract',
      verdict: 'ACCEPT',
      values: { paybackMonths: figures.paybackMonths, months: deal.months, cac: figures.cac },
    });
  }

  if (figures.ltvToCac !== null) {
    reasons.push({
      id: 'ltv_to_cac_ok',
      verdict: 'ACCEPT',
      values: { ltvToCac: figures.ltvToCac, minimum: ltvToCacMin },
    });
  }

  reasons.push({ id: 'no_red_flags', verdict: 'ACCEPT', values: { required } });

  const busiest = figures.capacity[busiestIndex(figures.capacity)];
  if (busiest !== undefined) {
    reasons.push({
      id: 'capacity_ok',
      verdict: 'ACCEPT',
      values: { role: busiest.role, load: busiest.load, maxLoad: busiest.maxLoad },
    });
  }

  return reasons;
}
