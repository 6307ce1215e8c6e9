import { describe, expect, it } from 'vitest';
import {
  directCostPerMonth,
  hoursBudget,
  impliedMargin,
  minimumCheck,
  pricing,
} from '../../src/calc/pricing.js';

describe('pricing', () => {
  it('costs 160 000 a month to deliver 80 hours at 2 000 an hour', () => {
    expect(directCostPerMonth({ hourlyCost: 2_000, hoursPerClientMonth: 80 })).toBe(160_000);
  });

  it('needs a check of 290 909.09 to keep 45% margin on 80 hours', () => {
    const minimum = minimumCheck({
      hourlyCost: 2_000,
      hoursPerClientMonth: 80,
      grossMargin: 0.45,
      cac: 200_000,
      contractMonths: 4,
    });
    expect(minimum.forMargin).toBeCloseTo(290_909.09, 2);
    expect(minimum.forCac).toBe(210_000);
    expect(minimum.minimum).toBeCloseTo(290_909.09, 2);
    expect(minimum.binding).toBe('margin');
  });

  it('lets CAC bind when it is large against a short contract: 160 000 + 600 000 / 2', () => {
    const minimum = minimumCheck({
      hourlyCost: 2_000,
      hoursPerClientMonth: 80,
      grossMargin: 0.45,
      cac: 600_000,
      contractMonths: 2,
    });
    expect(minimum.forCac).toBe(460_000);
    expect(minimum.minimum).toBe(460_000);
    expect(minimum.binding).toBe('cac');
  });

  it('budgets 49.5 hours a month at a check of 180 000 and 45% margin', () => {
    expect(hoursBudget({ check: 180_000, grossMargin: 0.45, hourlyCost: 2_000 })).toBeCloseTo(
      49.5,
      9,
    );
  });

  it('keeps only 11.1% margin when 80 hours are sold at 180 000', () => {
    expect(
      impliedMargin({ check: 180_000, hourlyCost: 2_000, hoursPerClientMonth: 80 }),
    ).toBeCloseTo(0.1111, 4);
  });

  it('prices the agency (48 hours): binding minimum 174 545.45 for the margin', () => {
    const prices = pricing({
      averageCheck: 180_000,
      grossMargin: 0.45,
      hourlyCost: 2_000,
      hoursPerClientMonth: 48,
      cac: 200_000,
      contractMonths: 4,
    });
    expect(prices.directCostPerMonth).toBe(96_000);
    expect(prices.minimumCheckForMargin).toBeCloseTo(174_545.45, 2);
    expect(prices.minimumCheckForCac).toBe(146_000);
    expect(prices.minimumCheck).toBeCloseTo(174_545.45, 2);
    expect(prices.bindingMinimum).toBe('margin');
    expect(prices.hoursBudgetAtAverageCheck).toBeCloseTo(49.5, 9);
    expect(prices.impliedMargin).toBeCloseTo(0.466667, 6);
  });
});
