/**
 * Monte Carlo over the plan: inputs written as ranges are drawn many times and
 * the whole plan is computed for every draw, giving percentiles of each figure
 * and the probability that each check passes.
 *
 * This is a hot loop. Draws go into Float64Array blocks, and the plan is computed
 * sample by sample over those columns into one block-long Float64Array per figure:
 * the same formulas as planPeriod, written out flat, with no object per sample.
 * Figures are summarized block by block, so memory stays flat however many
 * samples are asked for.
 */
import type { Assumptions } from '../model/assumptions.js';
import type { CheckId } from '../model/plan.js';
import type { UncertainInput } from '../model/uncertainty.js';
import { atLeast, atMost, ceilWhole, divide } from './compare.js';
import { inputSpecs, itemSegments, resolveInput, type InputSpec } from './paths.js';
import { planPeriod } from './plan.js';
import { fillSamples, seedState, type SamplerSpec } from './random.js';

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
  comparison: '>=' | '<=';
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

  // Three passes over the same draws (the generator is reseeded each time), so
  // memory does not grow with the samples: totals and extremes first, then counts
  // per bucket of value, then the values in the buckets that hold the percentiles.
  for (let pass = 1; pass <= 3; pass++) {
    // Every figure must prepare, so no short-circuiting `some` here.
    if (pass === 2 && !stats.map((figure) => figure.varies()).includes(true)) break;
    if (pass === 3 && !stats.map((f) => f.prepareGather(samples)).includes(true)) break;

    const state = seedState(options.seed);
    for (let offset = 0, block = 0; offset < samples; offset += BLOCK, block++) {
      const count = Math.min(BLOCK, samples - offset);
      for (const draw of model.draws) {
        fillSamples(draw.sampler, state, model.columns[draw.slot]!, count);
      }
      runBlock(model, count, pass === 1);
      for (let f = 0; f < stats.length; f++) stats[f]!.take(pass, model.figures[f]!.values, count);

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
  comparison: '>=' | '<=';
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
  cacSource: 'given' | 'monthly_costs' | 'none';
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
  };
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

/** The value an uncertain input stands for in the plan: the mode, else the median. */
export function pointValue(input: UncertainInput): number {
  if (input.low === input.high) return input.low;
  if (input.distribution === 'triangular' && input.mode !== null) return input.mode;
  if (input.distribution === 'lognormal') return Math.sqrt(input.low * input.high);
  return (input.low + input.high) / 2;
}

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

  // The smallest and largest values the input may take; open ends step inside.
  const min = domain.openMin ? domain.min + Number.EPSILON * Math.max(1, domain.min) : domain.min;
  const max = domain.openMax ? domain.max * (1 - Number.EPSILON) : domain.max;
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
 * The plan for the first `count` samples of the block: input columns in, figure
 * columns out, checks counted. Formulas and their order of operations follow
 * src/calc, so that a range of zero width reproduces planPeriod to the last bit.
 */
function runBlock(m: Model, count: number, countChecks: boolean): void {
  const c = m.columns;
  const s = m.slot;
  const revenueTarget = c[s.revenueTarget]!;
  const averageCheck = c[s.averageCheck]!;
  const grossMargin = c[s.grossMargin]!;
  const contractMonths = c[s.contractMonths]!;
  const churnMonthly = c[s.churnMonthly]!;
  const horizon = c[s.ltvHorizonMonths]!;
  const reps = c[s.reps]!;
  const attemptsPerRepPerDay = c[s.attemptsPerRepPerDay]!;
  const workingDays = c[s.workingDaysPerWeek]!;
  const meetingsPerRep = c[s.meetingsPerRepPerWeek]!;
  const cacGiven = c[s.cac]!;
  const payroll = c[s.payroll]!;
  const tools = c[s.tools]!;
  const marketing = c[s.marketing]!;
  const hourlyCost = c[s.hourlyCost]!;
  const hoursPerClient = c[s.hoursPerClientMonth]!;
  const activeClients = c[s.activeClients]!;
  const maxLoad = c[s.maxLoad]!;
  const ltvToCacMin = c[s.ltvToCacMin]!;
  const paybackMax = c[s.paybackMonthsMax]!;
  const churnMax = c[s.churnMonthlyMax]!;
  const conversions = m.stageSlots.map((slot) => c[slot]!);
  const headcounts = m.roleSlots.map((role) => c[role.headcount]!);
  const perPerson = m.roleSlots.map((role) => c[role.clientsPerPerson]!);
  const shares = m.roleSlots.map((role) => c[role.shareOfClients]!);

  const o = m.out;
  const stageCount = o.stages;
  const stages = stageCount.length;
  const roles = headcounts.length;
  const months = m.periodMonths;
  const weeks = m.periodWeeks;
  const attemptsStage = m.attemptsStage;
  const meetingsStage = m.meetingsStage;
  const meetingsBound = m.hasMeetingCeiling && meetingsStage >= 0;
  const cacSource = m.cacSource;
  const hasHorizon = m.hasHorizon;
  const counts = new Float64Array(Math.max(1, stages));

  let passLtv = 0;
  let passPayback = 0;
  let passFits = 0;
  let passLoad = 0;
  let passPaybackMax = 0;
  let passChurnMax = 0;

  for (let i = 0; i < count; i++) {
    // Clients and the reverse funnel.
    const check = averageCheck[i]!;
    const margin = grossMargin[i]!;
    const contract = contractMonths[i]!;
    const churn = churnMonthly[i]!;
    const newClients = divide(divide(revenueTarget[i]!, check), contract);
    o.newClients[i] = newClients;
    let stageValue = newClients;
    for (let st = stages - 1; st >= 0; st--) {
      counts[st] = stageValue;
      stageCount[st]![i] = stageValue;
      if (st > 0) stageValue = divide(stageValue, conversions[st]![i]!);
    }

    // Sales throughput.
    const attemptsNeeded = counts[attemptsStage]!;
    const attemptsPerRepPerWeek = attemptsPerRepPerDay[i]! * workingDays[i]!;
    const repCount = reps[i]!;
    const attemptsPerWeek = repCount * attemptsPerRepPerWeek;
    const attemptsWeeks = divide(attemptsNeeded, attemptsPerWeek);
    let weeksToClose = attemptsWeeks;
    let repsNeeded = ceilWhole(divide(attemptsNeeded, attemptsPerRepPerWeek * weeks));
    if (meetingsBound) {
      const meetingsNeeded = counts[meetingsStage]!;
      const perRep = meetingsPerRep[i]!;
      const meetingsPerWeek = repCount * perRep;
      o.meetingsPerWeek[i] = meetingsPerWeek;
      const meetingsWeeks = divide(meetingsNeeded, meetingsPerWeek);
      if (meetingsWeeks > weeksToClose) weeksToClose = meetingsWeeks;
      const forMeetings = ceilWhole(divide(meetingsNeeded, perRep * weeks));
      if (forMeetings > repsNeeded) repsNeeded = forMeetings;
    } else if (m.hasMeetingCeiling) {
      o.meetingsPerWeek[i] = repCount * meetingsPerRep[i]!;
    }
    if (repsNeeded < 1) repsNeeded = 1;
    o.attemptsPerWeek[i] = attemptsPerWeek;
    o.weeksToClose[i] = weeksToClose;
    o.repsNeeded[i] = repsNeeded;

    // Unit economics.
    const grossProfit = check * margin;
    const cac =
      cacSource === 'given'
        ? cacGiven[i]!
        : cacSource === 'monthly_costs'
          ? divide((payroll[i]! + tools[i]! + marketing[i]!) * months, newClients)
          : 0;
    let lifetime: number;
    if (churn <= 0) {
      lifetime = hasHorizon ? horizon[i]! : 0;
    } else {
      const uncapped = 1 / churn;
      lifetime = hasHorizon && horizon[i]! < uncapped ? horizon[i]! : uncapped;
    }
    const ltv = grossProfit * lifetime;
    const ltvToCac = divide(ltv, cac);
    const payback = divide(cac, grossProfit);
    o.grossProfitPerMonth[i] = grossProfit;
    o.cac[i] = cac;
    o.lifetimeMonths[i] = lifetime;
    o.ltv[i] = ltv;
    o.ltvToCac[i] = ltvToCac;
    o.paybackMonths[i] = payback;

    // Pricing.
    const hourly = hourlyCost[i]!;
    const direct = hourly * hoursPerClient[i]!;
    const forMargin = divide(direct, 1 - margin);
    const forCac = direct + divide(cac, contract);
    o.minimumCheck[i] = forCac > forMargin ? forCac : forMargin;
    o.hoursBudget[i] = divide(check * (1 - margin), hourly);

    // Delivery capacity: each role's peak of active clients over the months.
    const ceiling = maxLoad[i]!;
    let highestLoad = 0;
    let hires = 0;
    for (let r = 0; r < roles; r++) {
      const share = shares[r]![i]!;
      const inflow = divide(share * newClients, months);
      let active = activeClients[i]! * share;
      let peak = active;
      for (let month = 1; month <= months; month++) {
        active = active * (1 - churn) + inflow;
        if (active > peak) peak = active;
      }
      const people = headcounts[r]![i]!;
      const each = perPerson[r]![i]!;
      const load = divide(peak, people * each);
      const roleHires = Math.max(0, ceilWhole(divide(peak, ceiling * each) - people));
      o.roleLoad[r]![i] = load;
      o.roleHires[r]![i] = roleHires;
      if (r === 0 || load > highestLoad) highestLoad = load;
      hires += roleHires;
    }
    o.maxLoad[i] = highestLoad;
    o.hiresNeeded[i] = hires;

    // Checks, counted rather than stored.
    if (atLeast(ltvToCac, ltvToCacMin[i]!)) passLtv++;
    if (atMost(payback, contract)) passPayback++;
    if (atMost(weeksToClose, weeks)) passFits++;
    if (roles > 0 && atMost(highestLoad, ceiling)) passLoad++;
    if (atMost(payback, paybackMax[i]!)) passPaybackMax++;
    if (atMost(churn, churnMax[i]!)) passChurnMax++;
  }

  const passes: Record<CheckId, number> = {
    ltv_to_cac: passLtv,
    payback_within_contract: passPayback,
    fits_period: passFits,
    delivery_load: passLoad,
    payback_max: passPaybackMax,
    churn_max: passChurnMax,
  };
  if (countChecks) {
    for (const counter of m.checks) counter.passes += passes[counter.id];
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
  /** Per bucket: index into `gathered`, or −1 when the bucket holds no wanted rank. */
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
    return true;
  }

  /** After pass 2: finds the buckets of the wanted ranks; false when none needs gathering. */
  prepareGather(n: number): boolean {
    const counts = this.counts;
    if (!counts) return false;

    const starts = new Int32Array(BUCKETS + 2);
    for (let b = 0; b <= BUCKETS; b++) starts[b + 1] = starts[b]! + counts[b]!;
    this.wanted = new Int32Array(BUCKETS + 1).fill(-1);
    for (const rank of percentileRanks(n)) {
      let lo = 0;
      let hi = BUCKETS;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= rank) lo = mid;
        else hi = mid - 1;
      }
      if (this.wanted[lo] === -1) {
        this.wanted[lo] = this.gathered.length;
        this.gathered.push(new Float64Array(counts[lo]!));
      }
      this.ranks.push({ rank, bucket: lo, below: starts[lo]! });
    }
    this.filled = new Int32Array(this.gathered.length);
    return true;
  }

  take(pass: number, values: Float64Array, count: number): void {
    if (pass === 1) {
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
      return;
    }

    const low = this.min;
    const scale = this.scale;
    if (pass === 2) {
      const counts = this.counts;
      if (!counts) return;
      for (let i = 0; i < count; i++) counts[((values[i]! - low) * scale) | 0]!++;
      return;
    }

    const wanted = this.wanted;
    const filled = this.filled;
    if (!wanted || !filled) return;
    const gathered = this.gathered;
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

    const stats = this.ranks.map(({ rank, bucket, below }) => {
      const inside = this.gathered[this.wanted![bucket]!]!;
      return orderStatistics(inside, inside.length, [rank - below])[0]!;
    });
    const [p10, p50, p90] = interpolate(PERCENTILES, n, stats);
    return { id, mean: this.sum / n, p10: p10!, p50: p50!, p90: p90!, min, max };
  }
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
  const starts = new Int32Array(BUCKETS + 2);
  for (let b = 0; b <= BUCKETS; b++) starts[b + 1] = starts[b]! + counts[b]!;
  const wanted = new Int32Array(BUCKETS + 1).fill(-1);
  const buckets: number[] = [];
  const rankBuckets = ranks.map((rank) => {
    let lo = 0;
    let hi = BUCKETS;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    if (wanted[lo] === -1) {
      wanted[lo] = buckets.length;
      buckets.push(lo);
    }
    return lo;
  });

  // Gather the wanted buckets' values in one pass, then resolve each the same way.
  const gathered = buckets.map((b) => new Float64Array(counts[b]!));
  const filled = new Int32Array(buckets.length);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const slot = wanted[((x - min) * scale) | 0]!;
    if (slot >= 0) gathered[slot]![filled[slot]!++] = x;
  }

  return ranks.map((rank, index) => {
    const bucket = rankBuckets[index]!;
    const slot = wanted[bucket]!;
    const inside = gathered[slot]!;
    return orderStatistics(inside, inside.length, [rank - starts[bucket]!])[0]!;
  });
}
