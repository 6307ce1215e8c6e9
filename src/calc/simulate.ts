/**
 * Monte Carlo over the plan: inputs written as ranges are drawn many times and
 * the whole plan is computed for every draw, giving percentiles of each figure
 * and the probability that each check passes.
 *
 * This is a hot loop. Each uncertain input is drawn into a Float64Array, and the
 * plan is computed step by step over block-long Float64Array columns, one per
 * figure: the same formulas as planPeriod, written out flat, with no object per
 * sample. Figures are summarized block by block and never stored whole, so memory
 * is 8 bytes per sample per uncertain input, not per figure: at a million samples
 * the page faults of storing every figure cost more than computing it three times.
 */
import type { Assumptions } from '../model/assumptions.js';
import type { CacSource, Check, CheckId, Comparison, PlanResult } from '../model/plan.js';
import type { UncertainInput } from '../model/uncertainty.js';
import { atLeast, atMost, ceilWhole, divide } from './compare.js';
import { domainBounds, inputSpecs, itemSegments, resolveInput, type InputSpec } from './paths.js';
import { planPeriod } from './plan.js';
import { fillSamples, pointValue, seedState, type SamplerSpec } from './random.js';

export interface SimulationOptions {
  /** Number of draws of the whole plan. */
  samples: number;
  /** The same seed gives the same result. */
  seed: number;
  /** Called now and then with the samples done so far, and once at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** Spread of one figure over the samples; percentiles interpolate between order statistics. */
export interface FigureSummary {
  /** Figure id, as in metricValue: `new_clients`, `funnel.meetings.count`, `roles.0.load`. */
  id: string;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
}

export interface CheckProbability {
  id: CheckId;
  /** Share of samples in which the check passes, in [0, 1]. */
  probability: number;
  comparison: Comparison;
  /** The limit in the plan as given (a limit may itself vary between samples). */
  limit: number;
}

export interface SimulationResult {
  samples: number;
  seed: number;
  /** The uncertain inputs, with canonical paths. */
  inputs: UncertainInput[];
  figures: FigureSummary[];
  checks: CheckProbability[];
}

/** Samples computed per block: columns of this length stay in the processor's cache. */
const BLOCK = 2048;
/** Blocks between progress reports. */
const PROGRESS_EVERY = 32;

/**
 * Draws every uncertain input `samples` times (uniform on [low, high]; triangular
 * with its mode; lognormal with low and high as the 5th and 95th percentiles) and
 * computes the plan for each draw with everything else as given. Returns P10, P50,
 * P90, mean, min and max of every figure (in the figure's units) and, for each
 * check, the share of samples that pass it. Inputs not listed keep their value.
 */
export function simulate(
  a: Assumptions,
  uncertain: UncertainInput[],
  options: SimulationOptions,
): SimulationResult {
  const samples = Math.max(1, Math.floor(options.samples));
  const model = compile(a, uncertain);
  const stats = model.figures.map(() => new FigureStats());
  const progress = options.onProgress;

  // Three passes over the same draws, kept from the first: totals and extremes,
  // then counts per bucket of value, then the values in the buckets that hold the
  // percentiles. Figures are never stored whole, only the draws.
  const state = seedState(options.seed);
  const drawn = model.draws.map(() => new Float64Array(samples));
  for (let pass = 1; pass <= 3; pass++) {
    // Every figure must prepare, so no short-circuiting `some` here.
    if (pass === 2 && !stats.map((figure) => figure.varies()).includes(true)) break;
    if (pass === 3 && !stats.map((f) => f.prepareGather(samples)).includes(true)) break;

    for (let offset = 0, block = 0; offset < samples; offset += BLOCK, block++) {
      const count = Math.min(BLOCK, samples - offset);
      model.draws.forEach((draw, d) => {
        const column = model.columns[draw.slot]!;
        if (pass === 1) {
          fillSamples(draw.sampler, state, column, count);
          drawn[d]!.set(column.subarray(0, count), offset);
        } else {
          column.set(drawn[d]!.subarray(offset, offset + count));
        }
      });
      runBlock(model, count, pass === 1);

      for (let f = 0; f < stats.length; f++) {
        const values = model.figures[f]!.values;
        if (pass === 1) stats[f]!.accumulate(values, count);
        else if (pass === 2) stats[f]!.countBuckets(values, count);
        else stats[f]!.gather(values, count);
      }

      if (progress && block % PROGRESS_EVERY === PROGRESS_EVERY - 1) {
        progress(Math.floor(((pass - 1) * samples + offset + count) / 3), samples);
      }
    }
  }
  progress?.(samples, samples);

  return {
    samples,
    seed: options.seed,
    inputs: model.draws.map((draw) => draw.input),
    figures: model.figures.map(({ id }, f) => stats[f]!.summary(id, samples)),
    checks: model.checks.map((check) => ({
      id: check.id,
      probability: check.passes / samples,
      comparison: check.comparison,
      limit: check.limit,
    })),
  };
}

export interface ProbabilisticRequirement {
  checkId: CheckId;
  /** Least share of samples that must pass, in [0, 1]. */
  minProbability: number;
}

export interface ProbabilisticCheck {
  id: CheckId;
  ok: boolean;
  probability: number;
  /** The least probability required. */
  limit: number;
}

/**
 * Checks on the chance of passing: ok when P(check passes) ≥ minProbability (a
 * tolerance of 1e-9). Throws when the simulation has no such check, e.g.
 * payback_max without thresholds.payback_months_max.
 */
export function probabilisticChecks(
  result: SimulationResult,
  requirements: ProbabilisticRequirement[],
): ProbabilisticCheck[] {
  return requirements.map(({ checkId, minProbability }) => {
    const check = result.checks.find((candidate) => candidate.id === checkId);
    if (!check) {
      throw new Error(`The plan has no check ${checkId} to require a probability of.`);
    }
    return {
      id: checkId,
      ok: atLeast(check.probability, minProbability),
      probability: check.probability,
      limit: minProbability,
    };
  });
}

/**
 * The plan as it gates: a check with a probability requirement passes on that
 * requirement (and carries it as its gate), the others on the point plan, and the
 * plan is ok when every check passes.
 */
export function gatePlan(plan: PlanResult, requirements: ProbabilisticCheck[]): PlanResult {
  if (requirements.length === 0) return plan;
  const checks = plan.checks.map((check): Check => {
    const requirement = requirements.find((entry) => entry.id === check.id);
    if (!requirement) return check;
    const gate = {
      probability: requirement.probability,
      minProbability: requirement.limit,
      pointOk: check.ok,
    };
    return { ...check, ok: requirement.ok, gate };
  });
  return { ...plan, checks, ok: checks.every((check) => check.ok) };
}

// The model, laid out for the loop.

interface Draw {
  input: UncertainInput;
  slot: number;
  sampler: SamplerSpec;
}

interface Figure {
  id: string;
  values: Float64Array;
}

interface CheckCounter {
  id: CheckId;
  comparison: Comparison;
  limit: number;
  passes: number;
}

interface Model {
  /** One block-long column per input of inputSpecs(a), in that order. */
  columns: Float64Array[];
  draws: Draw[];
  periodMonths: number;
  periodWeeks: number;

  /** Slots of the inputs the formulas read. */
  slot: Record<ScalarSlot, number>;
  stageSlots: number[];
  roleSlots: { headcount: number; clientsPerPerson: number; shareOfClients: number }[];

  /** Structure fixed for the run (the same in every sample). */
  attemptsStage: number;
  meetingsStage: number;
  hasMeetingCeiling: boolean;
  cacSource: CacSource | 'none';
  hasHorizon: boolean;
  hasPaybackMax: boolean;
  hasChurnMax: boolean;

  out: {
    newClients: Float64Array;
    stages: Float64Array[];
    attemptsPerWeek: Float64Array;
    meetingsPerWeek: Float64Array;
    weeksToClose: Float64Array;
    repsNeeded: Float64Array;
    grossProfitPerMonth: Float64Array;
    cac: Float64Array;
    lifetimeMonths: Float64Array;
    ltv: Float64Array;
    ltvToCac: Float64Array;
    paybackMonths: Float64Array;
    minimumCheck: Float64Array;
    hoursBudget: Float64Array;
    maxLoad: Float64Array;
    hiresNeeded: Float64Array;
    roleLoad: Float64Array[];
    roleHires: Float64Array[];
    /** Peak active clients of the roles that serve every client. */
    peak: Float64Array;
  };
  /** Per role: true when its share of clients is 1 in every sample. */
  everyClient: boolean[];
  peakScratch: Float64Array;
  figures: Figure[];
  checks: CheckCounter[];
}

const SCALAR_SLOTS = {
  revenueTarget: 'revenue_target',
  averageCheck: 'average_check',
  grossMargin: 'gross_margin',
  contractMonths: 'contract_months',
  churnMonthly: 'churn_monthly',
  ltvHorizonMonths: 'ltv_horizon_months',
  reps: 'sales.reps',
  attemptsPerRepPerDay: 'sales.attempts_per_rep_per_day',
  workingDaysPerWeek: 'sales.working_days_per_week',
  meetingsPerRepPerWeek: 'sales.meetings_per_rep_per_week',
  cac: 'sales.cac',
  payroll: 'sales.monthly_costs.payroll',
  tools: 'sales.monthly_costs.tools',
  marketing: 'sales.monthly_costs.marketing',
  hourlyCost: 'delivery.hourly_cost',
  hoursPerClientMonth: 'delivery.hours_per_client_month',
  activeClients: 'delivery.active_clients',
  maxLoad: 'delivery.max_load',
  ltvToCacMin: 'thresholds.ltv_to_cac_min',
  paybackMonthsMax: 'thresholds.payback_months_max',
  churnMonthlyMax: 'thresholds.churn_monthly_max',
} as const;

type ScalarSlot = keyof typeof SCALAR_SLOTS;

function compile(a: Assumptions, uncertain: UncertainInput[]): Model {
  // An input the file leaves unset (CAC from costs, say) takes its point value, so
  // every sample has the same structure as the plan with the range's point value.
  let base = a;
  for (const input of uncertain) {
    const spec = resolveInput(base, input.path);
    if (spec.get(base) === null) base = spec.set(base, pointValue(input));
  }

  const specs = inputSpecs(base);
  const slotOf = new Map(specs.map((spec, index) => [spec.path, index]));
  // A stage without a conversion passes its count through, as in reverseFunnel.
  const columns = specs.map((spec) =>
    new Float64Array(BLOCK).fill(spec.get(base) ?? (spec.path.startsWith('funnel.') ? 1 : 0)),
  );
  const draws = uncertain.map((input) => draw(base, input, slotOf));

  const slot = Object.fromEntries(
    Object.entries(SCALAR_SLOTS).map(([key, path]) => [key, slotOf.get(path)!]),
  ) as Record<ScalarSlot, number>;
  const slotAt = (path: string) => slotOf.get(resolveInput(base, path).path)!;
  const stageSlots = base.funnel.map((_, index) => slotAt(`funnel.${index}.conversion`));
  const roleSlots = base.delivery.roles.map((_, index) => ({
    headcount: slotAt(`delivery.roles.${index}.headcount`),
    clientsPerPerson: slotAt(`delivery.roles.${index}.clients_per_person`),
    shareOfClients: slotAt(`delivery.roles.${index}.share_of_clients`),
  }));

  const plan = planPeriod(base);
  const stageIndex = (name: string | null) =>
    name === null ? -1 : base.funnel.findIndex((stage) => stage.stage === name);
  const attemptsStage = Math.max(0, stageIndex(base.sales.attemptsStage));
  const meetingsStage = stageIndex(base.sales.meetingsStage);
  const column = () => new Float64Array(BLOCK);

  const out: Model['out'] = {
    newClients: column(),
    stages: base.funnel.map(column),
    attemptsPerWeek: column(),
    meetingsPerWeek: column(),
    weeksToClose: column(),
    repsNeeded: column(),
    grossProfitPerMonth: column(),
    cac: column(),
    lifetimeMonths: column(),
    ltv: column(),
    ltvToCac: column(),
    paybackMonths: column(),
    minimumCheck: column(),
    hoursBudget: column(),
    maxLoad: column(),
    hiresNeeded: column(),
    roleLoad: base.delivery.roles.map(column),
    roleHires: base.delivery.roles.map(column),
    peak: column(),
  };

  const hasMeetingCeiling = base.sales.meetingsPerRepPerWeek !== null;
  const hasRoles = base.delivery.roles.length > 0;
  const stageIds = itemSegments(base.funnel.map((stage) => stage.stage));
  const roleIds = itemSegments(base.delivery.roles.map((role) => role.role));
  const figures: Figure[] = [
    { id: 'new_clients', values: out.newClients },
    ...out.stages.map((values, index) => ({ id: `funnel.${stageIds[index]}.count`, values })),
    { id: 'attempts_per_week', values: out.attemptsPerWeek },
    ...(hasMeetingCeiling ? [{ id: 'meetings_per_week', values: out.meetingsPerWeek }] : []),
    { id: 'weeks_to_close', values: out.weeksToClose },
    { id: 'reps_needed', values: out.repsNeeded },
    { id: 'gross_profit_per_month', values: out.grossProfitPerMonth },
    { id: 'cac', values: out.cac },
    { id: 'lifetime_months', values: out.lifetimeMonths },
    { id: 'ltv', values: out.ltv },
    { id: 'ltv_to_cac', values: out.ltvToCac },
    { id: 'payback_months', values: out.paybackMonths },
    { id: 'minimum_check', values: out.minimumCheck },
    { id: 'hours_budget', values: out.hoursBudget },
    ...(hasRoles ? [{ id: 'max_load', values: out.maxLoad }] : []),
    { id: 'hires_needed', values: out.hiresNeeded },
    ...roleIds.flatMap((role, index) => [
      { id: `roles.${role}.load`, values: out.roleLoad[index]! },
      { id: `roles.${role}.hires_needed`, values: out.roleHires[index]! },
    ]),
  ];

  return {
    columns,
    draws,
    periodMonths: plan.period.months,
    periodWeeks: plan.period.weeks,
    slot,
    stageSlots,
    roleSlots,
    attemptsStage,
    meetingsStage,
    hasMeetingCeiling,
    cacSource:
      base.sales.cac !== null ? 'given' : base.sales.monthlyCosts ? 'monthly_costs' : 'none',
    hasHorizon: base.ltvHorizonMonths !== null,
    hasPaybackMax: base.thresholds.paybackMonthsMax !== null,
    hasChurnMax: base.thresholds.churnMonthlyMax !== null,
    out,
    everyClient: roleSlots.map(
      (role, r) =>
        base.delivery.roles[r]!.shareOfClients === 1 &&
        !draws.some((d) => d.slot === role.shareOfClients),
    ),
    peakScratch: column(),
    figures,
    checks: plan.checks.map((check) => ({
      id: check.id,
      comparison: check.comparison,
      limit: check.limit,
      passes: 0,
    })),
  };
}

function draw(a: Assumptions, input: UncertainInput, slotOf: Map<string, number>): Draw {
  const spec: InputSpec = resolveInput(a, input.path);
  const { domain } = spec;
  if (!(input.low <= input.high)) {
    throw new RangeError(`${input.path}: the low end of a range must not exceed the high end.`);
  }
  if (input.distribution === 'lognormal' && !(input.low > 0)) {
    throw new RangeError(`${input.path}: a lognormal range must be above zero.`);
  }

  const { min, max } = domainBounds(domain);
  return {
    input: { ...input, path: spec.path },
    slot: slotOf.get(spec.path)!,
    sampler: {
      distribution: input.distribution,
      low: input.low,
      high: input.high,
      mode: input.mode,
      integer: domain.integer,
      min: domain.integer ? Math.ceil(min) : min,
      max,
    },
  };
}

/**
 * The plan for the first `count` samples of the block, column by column: each
 * step of planPeriod is one short loop over the block's columns, which keeps every
 * loop small enough for the engine to optimize whole. Formulas and their order of
 * operations follow src/calc, so that a range of zero width reproduces planPeriod
 * to the last bit.
 */
function runBlock(m: Model, count: number, countChecks: boolean): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;

  clientsAndFunnel(
    count,
    c[s.revenueTarget]!,
    c[s.averageCheck]!,
    c[s.contractMonths]!,
    m.stageSlots.map((slot) => c[slot]!),
    o.newClients,
    o.stages,
  );
  salesThroughput(m, count);
  unitEconomics(m, count);
  pricing(m, count);
  deliveryCapacity(m, count);
  if (countChecks) tallyChecks(m, count);
}

function clientsAndFunnel(
  count: number,
  revenueTarget: Float64Array,
  averageCheck: Float64Array,
  contractMonths: Float64Array,
  conversions: Float64Array[],
  newClients: Float64Array,
  stages: Float64Array[],
): void {
  for (let i = 0; i < count; i++) {
    newClients[i] = divide(divide(revenueTarget[i]!, averageCheck[i]!), contractMonths[i]!);
  }

  let next = newClients;
  for (let st = stages.length - 1; st >= 0; st--) {
    const stage = stages[st]!;
    if (st === stages.length - 1) stage.set(next.subarray(0, count));
    else {
      const conversion = conversions[st + 1]!;
      for (let i = 0; i < count; i++) stage[i] = divide(next[i]!, conversion[i]!);
    }
    next = stage;
  }
}

function salesThroughput(m: Model, count: number): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;
  const reps = c[s.reps]!;
  const perDay = c[s.attemptsPerRepPerDay]!;
  const days = c[s.workingDaysPerWeek]!;
  const attempts = o.stages[m.attemptsStage] ?? o.newClients;
  const weeks = m.periodWeeks;

  for (let i = 0; i < count; i++) {
    const perRepPerWeek = perDay[i]! * days[i]!;
    const attemptsPerWeek = reps[i]! * perRepPerWeek;
    o.attemptsPerWeek[i] = attemptsPerWeek;
    o.weeksToClose[i] = divide(attempts[i]!, attemptsPerWeek);
    o.repsNeeded[i] = Math.max(1, ceilWhole(divide(attempts[i]!, perRepPerWeek * weeks)));
  }

  if (!m.hasMeetingCeiling) return;
  const perRep = c[s.meetingsPerRepPerWeek]!;
  for (let i = 0; i < count; i++) o.meetingsPerWeek[i] = reps[i]! * perRep[i]!;

  const meetings = o.stages[m.meetingsStage];
  if (!meetings) return;
  for (let i = 0; i < count; i++) {
    const meetingsWeeks = divide(meetings[i]!, o.meetingsPerWeek[i]!);
    if (meetingsWeeks > o.weeksToClose[i]!) o.weeksToClose[i] = meetingsWeeks;
    const forMeetings = ceilWhole(divide(meetings[i]!, perRep[i]! * weeks));
    if (forMeetings > o.repsNeeded[i]!) o.repsNeeded[i] = forMeetings;
  }
}

function unitEconomics(m: Model, count: number): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;
  const check = c[s.averageCheck]!;
  const margin = c[s.grossMargin]!;
  const churn = c[s.churnMonthly]!;
  const horizon = c[s.ltvHorizonMonths]!;
  const hasHorizon = m.hasHorizon;

  for (let i = 0; i < count; i++) o.grossProfitPerMonth[i] = check[i]! * margin[i]!;

  if (m.cacSource === 'given') o.cac.set(c[s.cac]!.subarray(0, count));
  else if (m.cacSource === 'none') o.cac.fill(0, 0, count);
  else {
    const payroll = c[s.payroll]!;
    const tools = c[s.tools]!;
    const marketing = c[s.marketing]!;
    const months = m.periodMonths;
    for (let i = 0; i < count; i++) {
      const spend = payroll[i]! + tools[i]! + marketing[i]!;
      o.cac[i] = divide(spend * months, o.newClients[i]!);
    }
  }

  for (let i = 0; i < count; i++) {
    const rate = churn[i]!;
    let lifetime = 1 / rate;
    if (rate <= 0) lifetime = hasHorizon ? horizon[i]! : 0;
    else if (hasHorizon && horizon[i]! < lifetime) lifetime = horizon[i]!;
    const grossProfit = o.grossProfitPerMonth[i]!;
    const cac = o.cac[i]!;
    const ltv = grossProfit * lifetime;
    o.lifetimeMonths[i] = lifetime;
    o.ltv[i] = ltv;
    o.ltvToCac[i] = divide(ltv, cac);
    o.paybackMonths[i] = divide(cac, grossProfit);
  }
}

function pricing(m: Model, count: number): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;
  const check = c[s.averageCheck]!;
  const margin = c[s.grossMargin]!;
  const contract = c[s.contractMonths]!;
  const hourly = c[s.hourlyCost]!;
  const hours = c[s.hoursPerClientMonth]!;

  for (let i = 0; i < count; i++) {
    const direct = hourly[i]! * hours[i]!;
    const forMargin = divide(direct, 1 - margin[i]!);
    const forCac = direct + divide(o.cac[i]!, contract[i]!);
    o.minimumCheck[i] = forCac > forMargin ? forCac : forMargin;
    o.hoursBudget[i] = divide(check[i]! * (1 - margin[i]!), hourly[i]!);
  }
}

function deliveryCapacity(m: Model, count: number): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;
  const churn = c[s.churnMonthly]!;
  const active = c[s.activeClients]!;
  const ceiling = c[s.maxLoad]!;
  const months = m.periodMonths;

  o.maxLoad.fill(0, 0, count);
  o.hiresNeeded.fill(0, 0, count);
  let everyClientPeak = false;
  m.roleSlots.forEach((role, r) => {
    // Roles serving every client (a share of 1 in every sample) share one peak.
    const share = c[role.shareOfClients]!;
    const peak = m.everyClient[r] ? o.peak : m.peakScratch;
    if (!m.everyClient[r] || !everyClientPeak) {
      peakClients(count, months, share, o.newClients, active, churn, peak);
      everyClientPeak ||= m.everyClient[r]!;
    }
    roleLoad(
      count,
      r === 0,
      peak,
      c[role.headcount]!,
      c[role.clientsPerPerson]!,
      ceiling,
      o.roleLoad[r]!,
      o.roleHires[r]!,
      o.maxLoad,
      o.hiresNeeded,
    );
  });
}

/** The highest count of a role's clients over the months: a(0) and a(1..n). */
function peakClients(
  count: number,
  months: number,
  share: Float64Array,
  newClients: Float64Array,
  active: Float64Array,
  churn: Float64Array,
  peak: Float64Array,
): void {
  for (let i = 0; i < count; i++) {
    const inflow = divide(share[i]! * newClients[i]!, months);
    const keep = 1 - churn[i]!;
    let clients = active[i]! * share[i]!;
    let highest = clients;
    for (let month = 1; month <= months; month++) {
      clients = clients * keep + inflow;
      if (clients > highest) highest = clients;
    }
    peak[i] = highest;
  }
}

function roleLoad(
  count: number,
  firstRole: boolean,
  peak: Float64Array,
  headcount: Float64Array,
  perPerson: Float64Array,
  ceiling: Float64Array,
  load: Float64Array,
  hires: Float64Array,
  maxLoad: Float64Array,
  hiresNeeded: Float64Array,
): void {
  for (let i = 0; i < count; i++) {
    const people = headcount[i]!;
    const each = perPerson[i]!;
    const roleLoad = divide(peak[i]!, people * each);
    const roleHires = Math.max(0, ceilWhole(divide(peak[i]!, ceiling[i]! * each) - people));
    load[i] = roleLoad;
    hires[i] = roleHires;
    if (firstRole || roleLoad > maxLoad[i]!) maxLoad[i] = roleLoad;
    hiresNeeded[i] = hiresNeeded[i]! + roleHires;
  }
}

function tallyChecks(m: Model, count: number): void {
  const c = m.columns;
  const s = m.slot;
  const o = m.out;
  const weeks = m.periodWeeks;
  const contract = c[s.contractMonths]!;
  const hasRoles = m.roleSlots.length > 0;

  for (const check of m.checks) {
    let passes = 0;
    if (check.id === 'ltv_to_cac') {
      const limit = c[s.ltvToCacMin]!;
      for (let i = 0; i < count; i++) if (atLeast(o.ltvToCac[i]!, limit[i]!)) passes++;
    } else if (check.id === 'payback_within_contract') {
      for (let i = 0; i < count; i++) if (atMost(o.paybackMonths[i]!, contract[i]!)) passes++;
    } else if (check.id === 'fits_period') {
      for (let i = 0; i < count; i++) if (atMost(o.weeksToClose[i]!, weeks)) passes++;
    } else if (check.id === 'delivery_load' && hasRoles) {
      const limit = c[s.maxLoad]!;
      for (let i = 0; i < count; i++) if (atMost(o.maxLoad[i]!, limit[i]!)) passes++;
    } else if (check.id === 'payback_max') {
      const limit = c[s.paybackMonthsMax]!;
      for (let i = 0; i < count; i++) if (atMost(o.paybackMonths[i]!, limit[i]!)) passes++;
    } else if (check.id === 'churn_max') {
      const churn = c[s.churnMonthly]!;
      const limit = c[s.churnMonthlyMax]!;
      for (let i = 0; i < count; i++) if (atMost(churn[i]!, limit[i]!)) passes++;
    }
    check.passes += passes;
  }
}

// Summaries.

/** Percentiles reported for every figure. */
const PERCENTILES = [0.1, 0.5, 0.9] as const;

const BUCKETS = 4096;

/** Streaming statistics of one figure over the three passes. */
class FigureStats {
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private scale = 0;
  private counts: Int32Array | null = null;
  /** Per bucket: its first value, and whether any later value differed from it. */
  private first: Float64Array | null = null;
  private mixed: Uint8Array | null = null;
  /** Per bucket: index into `gathered`, or −1 when the bucket need not be gathered. */
  private wanted: Int32Array | null = null;
  private gathered: Float64Array[] = [];
  private filled: Int32Array | null = null;
  /** Per rank: its bucket and the count of values below that bucket. */
  private ranks: { rank: number; bucket: number; below: number }[] = [];

  /** After pass 1: true when the figure takes more than one value. */
  varies(): boolean {
    if (!(this.min < this.max)) return false;
    this.scale = BUCKETS / (this.max - this.min);
    if (!Number.isFinite(this.scale)) this.scale = 0;
    this.counts = new Int32Array(BUCKETS + 1);
    this.first = new Float64Array(BUCKETS + 1);
    this.mixed = new Uint8Array(BUCKETS + 1);
    return true;
  }

  /**
   * After pass 2: finds the bucket of each wanted rank. A bucket holding one value
   * only (whole-number figures pile up so) is answered without gathering; false
   * when no bucket needs gathering.
   */
  prepareGather(n: number): boolean {
    const { counts, mixed } = this;
    if (!counts || !mixed) return false;

    const starts = bucketStarts(counts);
    this.wanted = new Int32Array(BUCKETS + 1).fill(-1);
    for (const rank of percentileRanks(n)) {
      const bucket = bucketOfRank(starts, rank);
      if (mixed[bucket] && this.wanted[bucket] === -1) {
        this.wanted[bucket] = this.gathered.length;
        this.gathered.push(new Float64Array(counts[bucket]!));
      }
      this.ranks.push({ rank, bucket, below: starts[bucket]! });
    }
    this.filled = new Int32Array(this.gathered.length);
    return this.gathered.length > 0;
  }

  /** Pass 1: total and extremes. */
  accumulate(values: Float64Array, count: number): void {
    let sum = this.sum;
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.sum = sum;
    this.min = min;
    this.max = max;
  }

  /** Pass 2: counts per bucket of value. */
  countBuckets(values: Float64Array, count: number): void {
    const { counts, first, mixed } = this;
    if (!counts || !first || !mixed) return;
    const low = this.min;
    const scale = this.scale;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      const b = ((x - low) * scale) | 0;
      if (counts[b]!++ === 0) first[b] = x;
      else if (x !== first[b]) mixed[b] = 1;
    }
  }

  /** Pass 3: the values of the buckets that hold a wanted rank. */
  gather(values: Float64Array, count: number): void {
    const { wanted, filled, gathered } = this;
    if (!wanted || !filled || gathered.length === 0) return;
    const low = this.min;
    const scale = this.scale;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      const slot = wanted[((x - low) * scale) | 0]!;
      if (slot >= 0) gathered[slot]![filled[slot]!++] = x;
    }
  }

  summary(id: string, n: number): FigureSummary {
    const { min, max } = this;
    // A figure no uncertain input reaches is the same in every sample.
    if (!(min < max) || this.ranks.length === 0) {
      return { id, mean: min, p10: min, p50: min, p90: min, min, max };
    }

    // Ranks in one gathered bucket are resolved together.
    const resolved = this.gathered.map((inside, slot) => {
      const within = this.ranks
        .filter((rank) => this.wanted![rank.bucket] === slot)
        .map(({ rank, below }) => rank - below);
      return new Map(
        orderStatistics(inside, inside.length, within).map((value, k) => [within[k]!, value]),
      );
    });
    const stats = this.ranks.map(({ rank, bucket, below }) => {
      const slot = this.wanted![bucket]!;
      return slot < 0 ? this.first![bucket]! : resolved[slot]!.get(rank - below)!;
    });
    const [p10, p50, p90] = interpolate(PERCENTILES, n, stats);
    return { id, mean: this.sum / n, p10: p10!, p50: p50!, p90: p90!, min, max };
  }
}

/** Where each bucket starts in sorted order: starts[b] values lie in the buckets below b. */
function bucketStarts(counts: Int32Array): Int32Array {
  const starts = new Int32Array(counts.length + 1);
  for (let b = 0; b < counts.length; b++) starts[b + 1] = starts[b]! + counts[b]!;
  return starts;
}

/** The bucket that holds the value of a rank (0-based) in sorted order. */
function bucketOfRank(starts: Int32Array, rank: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= rank) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The order statistics each percentile interpolates between, two per percentile. */
function percentileRanks(n: number, ps: readonly number[] = PERCENTILES): number[] {
  return ps.flatMap((p) => {
    const h = p * (n - 1);
    return [Math.floor(h), Math.min(n - 1, Math.floor(h) + 1)];
  });
}

function interpolate(ps: readonly number[], n: number, stats: number[]): number[] {
  return ps.map((p, index) => {
    const h = p * (n - 1);
    const lower = stats[2 * index]!;
    const upper = stats[2 * index + 1]!;
    return lower + (h - Math.floor(h)) * (upper - lower);
  });
}

/**
 * Percentiles of `values` by linear interpolation between order statistics (the
 * p-th is at rank p × (n − 1), as R's and NumPy's defaults). Reorders nothing:
 * values are counted into buckets by value and only the buckets holding the wanted
 * ranks are gathered and resolved, so the cost is a few passes, not a sort.
 */
export function percentiles(
  values: Float64Array,
  ps: readonly number[],
  min?: number,
  max?: number,
): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => 0);
  return interpolate(ps, n, orderStatistics(values, n, percentileRanks(n, ps), min, max));
}

/** Below this many values a typed-array sort is cheaper than another bucket pass. */
const SORT_BELOW = 8192;

/** The values at the given ranks (0-based positions in sorted order) of values[0..n). */
function orderStatistics(
  values: Float64Array,
  n: number,
  ranks: number[],
  knownMin?: number,
  knownMax?: number,
): number[] {
  if (n <= SORT_BELOW) {
    const sorted = values.slice(0, n).sort();
    return ranks.map((rank) => sorted[rank]!);
  }

  let min = knownMin ?? Infinity;
  let max = knownMax ?? -Infinity;
  if (knownMin === undefined || knownMax === undefined) {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  if (min === max) return ranks.map(() => min);
  const scale = BUCKETS / (max - min);
  if (!Number.isFinite(scale)) {
    const sorted = values.slice(0, n).sort();
    return ranks.map((rank) => sorted[rank]!);
  }

  // Count values per bucket; the top value falls in the last bucket or its own.
  const counts = new Int32Array(BUCKETS + 1);
  for (let i = 0; i < n; i++) counts[((values[i]! - min) * scale) | 0]!++;

  // The bucket of each wanted rank, and the rank within it.
  const starts = bucketStarts(counts);
  const wanted = new Int32Array(BUCKETS + 1).fill(-1);
  const buckets: number[] = [];
  const rankBuckets = ranks.map((rank) => {
    const bucket = bucketOfRank(starts, rank);
    if (wanted[bucket] === -1) {
      wanted[bucket] = buckets.length;
      buckets.push(bucket);
    }
    return bucket;
  });

  // Gather the wanted buckets' values in one pass, then resolve each the same way.
  const gathered = buckets.map((b) => new Float64Array(counts[b]!));
  const filled = new Int32Array(buckets.length);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const slot = wanted[((x - min) * scale) | 0]!;
    if (slot >= 0) gathered[slot]![filled[slot]!++] = x;
  }

  // Ranks that share a bucket are resolved in one call.
  const answers = new Array<number>(ranks.length);
  buckets.forEach((bucket, slot) => {
    const indexes = ranks.flatMap((_, index) => (rankBuckets[index] === bucket ? [index] : []));
    const inside = gathered[slot]!;
    const within = indexes.map((index) => ranks[index]! - starts[bucket]!);
    orderStatistics(inside, inside.length, within).forEach((value, k) => {
      answers[indexes[k]!] = value;
    });
  });
  return answers;
}
