import { describe, expect, it } from 'vitest';
import { atLeast, atMost, ceilWhole, divide } from '../../src/calc/compare.js';

describe('tolerant comparisons', () => {
  it('lets an LTV/CAC of 2.9999999999996 pass a minimum of 3', () => {
    expect(atLeast(2.9999999999996, 3)).toBe(true);
  });

  it('still fails an LTV/CAC of 2.99 against a minimum of 3', () => {
    expect(atLeast(2.99, 3)).toBe(false);
  });

  it('lets 13.000000000001 weeks fit a 13-week quarter but not 13.01', () => {
    expect(atMost(13.000000000001, 13)).toBe(true);
    expect(atMost(13.01, 13)).toBe(false);
  });

  it('compares zero against zero as equal', () => {
    expect(atMost(0, 0)).toBe(true);
    expect(atLeast(0, 0)).toBe(true);
  });
});

describe('rounding up to whole things', () => {
  it('gives 60 meetings for 21 deals at 35%, although 21 / 0.35 is 60.00000000000001', () => {
    expect(21 / 0.35).toBeGreaterThan(60);
    expect(ceilWhole(21 / 0.35)).toBe(60);
  });

  it('gives 105 for 21 / 0.2 and 106 for 105.3', () => {
    expect(ceilWhole(21 / 0.2)).toBe(105);
    expect(ceilWhole(105.3)).toBe(106);
  });

  it('gives 3 for 0.3 / 0.1, which is 2.9999999999999996', () => {
    expect(ceilWhole(0.3 / 0.1)).toBe(3);
  });

  it('gives 0, not -0, for a tiny negative', () => {
    expect(Object.is(ceilWhole(-1e-12), 0)).toBe(true);
  });
});

describe('guarded division', () => {
  it('divides as usual', () => {
    expect(divide(200_000, 81_000)).toBeCloseTo(2.469136, 6);
  });

  it('gives 0 instead of Infinity or NaN for a zero divisor', () => {
    expect(divide(1, 0)).toBe(0);
    expect(divide(0, 0)).toBe(0);
  });
});
