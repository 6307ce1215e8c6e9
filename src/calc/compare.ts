/**
 * Tolerant comparisons. Rates such as 0.2 or 0.08 have no exact binary form, so
 * quotients land a hair off the whole or limit value the user meant: 21 / 0.2 is
 * 105.00000000000001 and an LTV/CAC of exactly 3 may come out as 2.9999999999996.
 * Every place where a computed figure meets a limit, or is rounded up to whole
 * things, goes through these functions so that such noise never flips a verdict.
 */

/** Relative tolerance of every comparison: one part in a billion of the larger magnitude. */
export const RELATIVE_TOLERANCE = 1e-9;

function tolerance(a: number, b: number): number {
  return RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** value ≤ limit, forgiving a relative excess of up to 1e-9. */
export function atMost(value: number, limit: number): boolean {
  return value <= limit + tolerance(value, limit);
}

/** value ≥ limit, forgiving a relative shortfall of up to 1e-9. */
export function atLeast(value: number, limit: number): boolean {
  return value >= limit - tolerance(value, limit);
}

/**
 * The fewest whole things covering x: ⌈x⌉, except that x within 1e-9 (relative)
 * of a whole number is that number. 105.00000000000001 → 105; 105.3 → 106.
 */
export function ceilWhole(x: number): number {
  const nearest = Math.round(x);
  if (Math.abs(x - nearest) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(x))) {
    return nearest === 0 ? 0 : nearest;
  }
  return Math.ceil(x);
}

/**
 * numerator / denominator, or 0 when the denominator is 0 or the quotient is not
 * finite. The loader rejects zero divisors; this keeps a result JSON-safe should
 * one slip through, instead of letting NaN or Infinity reach the output.
 */
export function divide(numerator: number, denominator: number): number {
  const quotient = numerator / denominator;
  return Number.isFinite(quotient) ? quotient : 0;
}
