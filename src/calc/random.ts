/**
 * Seeded random numbers for simulation: xoshiro128** (Blackman and Vigna), a fast
 * 32-bit generator with a period of 2^128 − 1, seeded through splitmix32 so that
 * nearby seeds give unrelated streams. Samples are written into Float64Arrays in
 * blocks; nothing here allocates per sample.
 */
import type { Distribution, UncertainInput } from '../model/uncertainty.js';

/** The value an uncertain input stands for in the plan: the mode, else the median. */
export function pointValue(
  input: Pick<UncertainInput, 'distribution' | 'low' | 'high' | 'mode'>,
): number {
  if (input.low === input.high) return input.low;
  if (input.distribution === 'triangular' && input.mode !== null) return input.mode;
  if (input.distribution === 'lognormal') return Math.sqrt(input.low * input.high);
  return (input.low + input.high) / 2;
}

/** Generator state: four 32-bit words, never all zero. */
export type RandomState = Uint32Array;

const TWO_POW_32 = 4294967296;

/** A generator state from any integer seed; the same seed always gives the same stream. */
export function seedState(seed: number): RandomState {
  const state = new Uint32Array(4);
  let x = Math.trunc(seed) | 0;
  for (let k = 0; k < 4; k++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    state[k] = z ^ (z >>> 15);
  }
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return state;
}

/**
 * Fills out[0..count) with uniform numbers in (0, 1), never exactly 0 or 1 (the
 * midpoints of 2^32 equal cells), and advances the state.
 */
export function fillUniform(state: RandomState, out: Float64Array, count: number): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;

  for (let i = 0; i < count; i++) {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[i] = (result + 0.5) / TWO_POW_32;
  }

  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** z of the standard normal distribution at the 95th percentile. */
export const Z_95 = 1.6448536269514722;

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1): Acklam's rational
 * approximation, relative error below 1.2e-9 — far finer than sampling noise.
 */
export function inverseNormal(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return tail(q);
  }
  if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -tail(q);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

function tail(q: number): number {
  return (
    (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
      2.549732539343734) *
      q +
      4.374664141464968) *
      q +
      2.938163982698783) /
    ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q +
      3.754408661907416) *
      q +
      1)
  );
}

/** How one uncertain input is drawn. */
export interface SamplerSpec {
  distribution: Distribution;
  low: number;
  high: number;
  /** Most likely value (triangular); ignored otherwise. */
  mode: number | null;
  /** Whole numbers only: draws are rounded, and uniform gives each whole value equal odds. */
  integer: boolean;
  /** Draws are kept within [min, max] (a lognormal tail may pass a rate's 100%). */
  min: number;
  max: number;
}

/**
 * Fills out[0..count) with draws of one input, using `scratch` for uniforms.
 * - uniform: low + (high − low) × u
 * - triangular: the inverse CDF with the mode as the peak
 * - lognormal: low and high are the 5th and 95th percentiles:
 *   exp(μ + σ z) with μ = (ln low + ln high) / 2, σ = (ln high − ln low) / (2 × 1.6449),
 *   so the median is √(low × high)
 * A range with low = high gives that value exactly.
 */
export function fillSamples(
  spec: SamplerSpec,
  state: RandomState,
  out: Float64Array,
  count: number,
): void {
  const { low, high } = spec;
  if (low === high) {
    out.fill(clampTo(spec.integer ? Math.round(low) : low, spec), 0, count);
    return;
  }

  fillUniform(state, out, count);
  if (spec.distribution === 'lognormal') {
    const mu = (Math.log(low) + Math.log(high)) / 2;
    const sigma = (Math.log(high) - Math.log(low)) / (2 * Z_95);
    for (let i = 0; i < count; i++) out[i] = Math.exp(mu + sigma * inverseNormal(out[i]!));
  } else if (spec.distribution === 'triangular') {
    const mode = Math.min(high, Math.max(low, spec.mode ?? (low + high) / 2));
    const width = high - low;
    const split = (mode - low) / width;
    const left = width * (mode - low);
    const right = width * (high - mode);
    for (let i = 0; i < count; i++) {
      const u = out[i]!;
      out[i] = u < split ? low + Math.sqrt(u * left) : high - Math.sqrt((1 - u) * right);
    }
  } else {
    // Whole-number ranges widen by half a unit each side so rounding gives equal odds.
    const from = spec.integer ? low - 0.5 : low;
    const width = spec.integer ? high - low + 1 : high - low;
    for (let i = 0; i < count; i++) out[i] = from + width * out[i]!;
  }

  if (spec.integer) {
    for (let i = 0; i < count; i++) out[i] = Math.round(out[i]!);
  }
  const { min, max } = spec;
  for (let i = 0; i < count; i++) {
    const x = out[i]!;
    if (x < min) out[i] = min;
    else if (x > max) out[i] = max;
  }
}

function clampTo(x: number, spec: SamplerSpec): number {
  return Math.min(spec.max, Math.max(spec.min, x));
}
