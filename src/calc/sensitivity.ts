/**
 * One-at-a-time sensitivity: how far one figure of the plan moves when each input
 * is moved down and up by a step, the others held at their values.
 */
import type { Assumptions } from '../model/assumptions.js';
import { clampToDomain, listNumericInputs, metricValue, resolveInput } from './paths.js';
import { planPeriod } from './plan.js';

export interface SensitivityOptions {
  /** Relative step, a share of each input's value; 0.1 moves it by ±10%. */
  step?: number;
  /** Input paths to vary; every numeric input of the file by default. */
  inputs?: string[];
}

export interface SensitivityRow {
  /** Canonical input path. */
  input: string;
  /** The input's value in the assumptions. */
  base: number;
  lowInput: number;
  highInput: number;
  metricLow: number;
  metricHigh: number;
  /** |metricHigh − metricLow|: the width of the bar. */
  swing: number;
  /**
   * relative: moved by ±step of its value (clamped into its domain, e.g. a rate to 1);
   * whole_unit: a whole-number input (reps, headcount) moved by at least one.
   */
  variation: 'relative' | 'whole_unit';
}

export interface SensitivityResult {
  metric: string;
  /** The figure in the plan as given. */
  base: number;
  step: number;
  /** Widest swing first; inputs that do not move the figure last, in file order. */
  rows: SensitivityRow[];
}

/**
 * For each input x: low = x × (1 − step), high = x × (1 + step), clamped into the
 * input's domain (rates within (0, 1]); whole-number inputs move by
 * max(1, round(x × step)) and stay at or above their minimum. The figure is
 * computed at both (all else at its value) and rows are ranked by
 * swing = |metric(high) − metric(low)|, in the figure's own units.
 */
export function sensitivity(
  a: Assumptions,
  metric: string,
  options: SensitivityOptions = {},
): SensitivityResult {
  const step = options.step ?? 0.1;
  const paths = options.inputs ?? listNumericInputs(a);
  const base = metricValue(planPeriod(a), metric);

  const rows = paths.map((path): SensitivityRow => {
    const input = resolveInput(a, path);
    const value = input.get(a) ?? 0;
    const { domain } = input;

    const delta = domain.integer ? Math.max(1, Math.round(value * step)) : value * step;
    const lowInput = clampToDomain(domain, value - delta);
    const highInput = clampToDomain(domain, value + delta);
    const metricLow = metricValue(planPeriod(input.set(a, lowInput)), metric);
    const metricHigh = metricValue(planPeriod(input.set(a, highInput)), metric);

    return {
      input: input.path,
      base: value,
      lowInput,
      highInput,
      metricLow,
      metricHigh,
      swing: Math.abs(metricHigh - metricLow),
      variation: domain.integer ? 'whole_unit' : 'relative',
    };
  });

  // Array.prototype.sort is stable, so equal swings keep file order.
  rows.sort((x, y) => y.swing - x.swing);
  return { metric, base, step, rows };
}
