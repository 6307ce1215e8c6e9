/**
 * Goal seek: the value of one input at which one figure of the plan meets a
 * target, found by bracketing from the current value and then bisection.
 */
import type { Assumptions } from '../model/assumptions.js';
import { atLeast, atMost } from './compare.js';
import { getInput, isStepMetric, metricValue, resolveInput, type InputDomain } from './paths.js';
import { periodLength } from './period.js';
import { planPeriod } from './plan.js';

export { metricValue } from './paths.js';

/**
 * What meeting the target means: the figure equals it, or is at least or at most
 * it. Step figures (reps needed, hires) default to `at_most`.
 */
export type SolveDirection = 'equal' | 'at_least' | 'at_most';

export interface SolveRequest {
  assumptions: Assumptions;
  /** Input path as the user writes it: `average_check`, `funnel.meetings.conversion`. */
  input: string;
  /** Figure id: `ltv_to_cac`, `weeks_to_close`, `reps_needed`, `roles.0.load`... */
  metric: string;
  target: number;
  /** Search no lower than this; defaults to the input's domain (rates above 0). */
  low?: number;
  /** Search no higher than this; defaults to the input's domain (rates up to 1). */
  high?: number;
  direction?: SolveDirection;
}

/**
 * Why no value was found:
 * - no_bracket: no value in the searched range meets the target;
 * - not_monotonic: the figure turns back within the range and never meets the target
 *   at the values tried, so a crossing may hide between them;
 * - always_met: every value tried meets an at_least / at_most target, so there is no
 *   boundary to report;
 * - jumps_over: the figure jumps across the target at `closest` without taking it.
 */
export type SolveFailure = 'no_bracket' | 'not_monotonic' | 'always_met' | 'jumps_over';

export interface SolvePoint {
  value: number;
  metric: number;
}

export type SolveResult =
  | {
      ok: true;
      input: string;
      metric: string;
      target: number;
      direction: SolveDirection;
      /** The input value found; a whole number for reps and headcount. */
      value: number;
      metricAtValue: number;
      /** The input's value in the assumptions, the figure there, and whether it meets the target. */
      current: SolvePoint & { meets: boolean };
      /** The range searched. */
      low: number;
      high: number;
      /** Plans evaluated after the current one. */
      iterations: number;
    }
  | {
      ok: false;
      input: string;
      metric: string;
      target: number;
      direction: SolveDirection;
      reason: SolveFailure;
      current: SolvePoint & { meets: boolean };
      /** The searched value whose figure came nearest to the target. */
      closest: SolvePoint;
      /** The range searched. */
      low: number;
      high: number;
    };

const MAX_ITERATIONS = 200;
const RELATIVE_TOLERANCE = 1e-12;
/** Steps of doubling (or halving) the distance from the current value while bracketing. */
const EXPANSION_STEPS = 64;

/**
 * Finds the value x of `input` at which metric(planPeriod(assumptions with input = x))
 * meets `target`: equals it (a root, to a relative tolerance of 1e-12 in x or after
 * 200 bisections), or, with `at_least` / `at_most`, the boundary value on the side
 * that meets it. Brackets outward from the current value (doubling the distance
 * each step, within the input's domain or [low, high]), taking the crossing
 * nearest to the current value. Whole-number inputs give the whole number that
 * meets the target nearest the boundary.
 */
export function solveFor(request: SolveRequest): SolveResult {
  const { assumptions, input, metric, target } = request;
  const spec = resolveInput(assumptions, input);
  const direction = request.direction ?? (isStepMetric(metric) ? 'at_most' : 'equal');
  const range = searchRange(spec.domain, request.low, request.high);
  const now = getInput(assumptions, input);
  // The search starts inside the range; the plan as written is reported as it is.
  const start = clamp(now, range);

  const evaluate = (x: number) => metricValue(planPeriod(spec.set(assumptions, x)), metric);
  const meets = (y: number) => meetsTarget(y, target, direction);
  // In equal mode the side is the sign of the gap; a crossing is a change of side.
  const side = (y: number) => (direction === 'equal' ? Math.sign(y - target) : meets(y) ? 0 : 1);

  const atNow = evaluate(now);
  const current = { value: now, metric: atNow, meets: meets(atNow) };
  const base = { input, metric, target, direction, current, low: range.low, high: range.high };
  if (direction === 'equal' && start === now && current.metric === target) {
    return { ok: true, ...base, value: now, metricAtValue: current.metric, iterations: 0 };
  }

  const scan = bracket(start, range, spec.domain.integer, evaluate, side);
  if (!scan.bracket) {
    const everywhere = scan.points.every((point) => meets(point.metric));
    return {
      ok: false,
      ...base,
      reason: everywhere ? 'always_met' : monotonic(scan.points) ? 'no_bracket' : 'not_monotonic',
      closest: closestPoint(scan.points, target),
    };
  }

  const found = bisect(scan.bracket, spec.domain.integer, evaluate, side, target, direction);
  if (direction === 'equal' && !spec.domain.integer && !nearlyEqual(found.metric, target)) {
    return { ok: false, ...base, reason: 'jumps_over', closest: found };
  }
  return {
    ok: true,
    ...base,
    value: found.value,
    metricAtValue: found.metric,
    iterations: scan.points.length + found.iterations,
  };
}

/** Close enough for a root: the figure moves by less than a millionth of the target. */
function nearlyEqual(y: number, target: number): boolean {
  return Math.abs(y - target) <= 1e-6 * Math.max(1, Math.abs(target));
}

function meetsTarget(y: number, target: number, direction: SolveDirection): boolean {
  if (direction === 'at_least') return atLeast(y, target);
  if (direction === 'at_most') return atMost(y, target);
  return atLeast(y, target) && atMost(y, target);
}

interface Range {
  low: number;
  high: number;
  openLow: boolean;
  openHigh: boolean;
}

/** The input's domain, narrowed to [low, high] when given (a given bound is allowed itself). */
function searchRange(domain: InputDomain, low?: number, high?: number): Range {
  const lowGiven = low !== undefined && low > domain.min;
  const highGiven = high !== undefined && high < domain.max;
  return {
    low: lowGiven ? low : domain.min,
    high: highGiven ? high : domain.max,
    openLow: lowGiven ? false : domain.openMin,
    openHigh: highGiven ? false : domain.openMax,
  };
}

function clamp(x: number, range: Range): number {
  return Math.min(range.high, Math.max(range.low, x));
}

interface Bracket {
  /** The end nearer the current value, on its side. */
  from: SolvePoint;
  /** The end across the crossing. */
  to: SolvePoint;
}

/**
 * Candidate values stepping away from x0 towards a bound: the distance doubles each
 * step (starting at 1% of x0, or 1 for whole numbers); towards a bound that is not
 * allowed itself (a rate of 0) the remaining gap halves instead, so it is never reached.
 * A bound that is allowed ends the walk.
 */
function steps(x0: number, bound: number, open: boolean, integer: boolean): number[] {
  const values: number[] = [];
  if (bound === x0) return values;
  const sign = Math.sign(bound - x0);
  const halving = open && Number.isFinite(bound);
  let distance = Math.max(Math.abs(x0) * 0.01, integer ? 1 : Number.EPSILON);

  for (let k = 0; k < EXPANSION_STEPS; k++) {
    let x = halving ? bound + (x0 - bound) / 2 ** (k + 1) : x0 + sign * distance;
    if (integer) x = sign < 0 ? Math.floor(x) : Math.ceil(x);
    if (sign * (x - bound) >= 0) {
      if (open || !Number.isFinite(bound)) break;
      if (bound !== values[values.length - 1]) values.push(bound);
      break;
    }
    if (x !== values[values.length - 1] && x !== x0) values.push(x);
    distance *= 2;
  }
  return values;
}

function bracket(
  x0: number,
  range: Range,
  integer: boolean,
  evaluate: (x: number) => number,
  side: (y: number) => number,
): { bracket: Bracket | null; points: SolvePoint[] } {
  const y0 = evaluate(x0);
  const points: SolvePoint[] = [{ value: x0, metric: y0 }];
  const walks = [
    steps(x0, range.high, range.openHigh, integer),
    steps(x0, range.low, range.openLow, integer),
  ];
  const previous = [points[0]!, points[0]!];

  // Step both ways in turn, so the crossing nearest to the current value wins.
  for (let k = 0; k < EXPANSION_STEPS + 1; k++) {
    for (const w of [0, 1]) {
      const x = walks[w]![k];
      if (x === undefined) continue;
      const point = { value: x, metric: evaluate(x) };
      points.push(point);
      if (side(point.metric) !== side(previous[w]!.metric)) {
        return { bracket: { from: previous[w]!, to: point }, points };
      }
      previous[w] = point;
    }
  }
  return { bracket: null, points };
}

function bisect(
  initial: Bracket,
  integer: boolean,
  evaluate: (x: number) => number,
  side: (y: number) => number,
  target: number,
  direction: SolveDirection,
): { value: number; metric: number; iterations: number } {
  let { from, to } = initial;
  let iterations = 0;

  while (iterations < MAX_ITERATIONS) {
    const gap = Math.abs(to.value - from.value);
    const scale = Math.max(Math.abs(to.value), Math.abs(from.value));
    if (integer ? gap <= 1 : gap <= RELATIVE_TOLERANCE * scale) break;

    let x = (from.value + to.value) / 2;
    if (integer) x = Math.floor(x);
    if (x === from.value || x === to.value) break;

    iterations++;
    const point = { value: x, metric: evaluate(x) };
    if (point.metric === target && direction === 'equal') {
      return { ...point, iterations };
    }
    if (side(point.metric) === side(from.metric)) from = point;
    else to = point;
  }

  // The end that meets the target; in equal mode the one nearer to it.
  const ends = [from, to];
  const meeting = ends.filter((end) => meetsTarget(end.metric, target, direction));
  const pool = direction === 'equal' || meeting.length === 0 ? ends : meeting;
  const best = pool.reduce((a, b) =>
    Math.abs(b.metric - target) < Math.abs(a.metric - target) ? b : a,
  );
  return { value: best.value, metric: best.metric, iterations };
}

function monotonic(points: SolvePoint[]): boolean {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  let rising = false;
  let falling = false;
  for (let i = 1; i < sorted.length; i++) {
    const change = sorted[i]!.metric - sorted[i - 1]!.metric;
    if (change > 0) rising = true;
    if (change < 0) falling = true;
  }
  return !(rising && falling);
}

function closestPoint(points: SolvePoint[], target: number): SolvePoint {
  return points.reduce((a, b) =>
    Math.abs(b.metric - target) < Math.abs(a.metric - target) ? b : a,
  );
}

// Presets.

export type SolvePreset = 'minimum_check' | 'reps_to_close' | 'highest_churn' | 'conversion_needed';

export const SOLVE_PRESETS: SolvePreset[] = [
  'minimum_check',
  'reps_to_close',
  'highest_churn',
  'conversion_needed',
];

/**
 * The request behind a named question:
 * - minimum_check: the lowest average check with LTV/CAC ≥ thresholds.ltv_to_cac_min
 * - reps_to_close: the fewest whole reps with weeks to close ≤ the period's weeks
 * - highest_churn: the highest monthly churn with LTV/CAC ≥ thresholds.ltv_to_cac_min
 * - conversion_needed: the conversion of `stage` (default: the second stage) that lets
 *   the current team close in the period (weeks to close ≤ period weeks)
 */
export function presetRequest(a: Assumptions, preset: SolvePreset, stage?: string): SolveRequest {
  const ltvToCac = a.thresholds.ltvToCacMin;
  const periodWeeks = periodLength(a.period).weeks;

  switch (preset) {
    case 'minimum_check':
      return req(a, 'average_check', 'ltv_to_cac', ltvToCac, 'at_least');
    case 'highest_churn':
      return req(a, 'churn_monthly', 'ltv_to_cac', ltvToCac, 'at_least');
    case 'reps_to_close':
      return req(a, 'sales.reps', 'weeks_to_close', periodWeeks, 'at_most');
    case 'conversion_needed': {
      const path = `funnel.${stage ?? '1'}.conversion`;
      return req(a, path, 'weeks_to_close', periodWeeks, 'at_most');
    }
  }
}

function req(
  assumptions: Assumptions,
  input: string,
  metric: string,
  target: number,
  direction: SolveDirection,
): SolveRequest {
  return { assumptions, input, metric, target, direction };
}
