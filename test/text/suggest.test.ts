import { describe, expect, it } from 'vitest';

import { editDistance, foldName, nearest, nearestByWords } from '../../src/text/suggest.js';

const TOP = ['revenue_target', 'average_check', 'gross_margin', 'contract_months', 'churn_monthly'];

describe('nearest finds the key a typo meant', () => {
  it.each([
    ['averageCheck', 'average_check'],
    ['Gross-Margin', 'gross_margin'],
    ['AVERAGE CHECK', 'average_check'],
    ['revenue_targt', 'revenue_target'],
    ['churn', 'churn_monthly'],
    ['contract', 'contract_months'],
  ])('%s → %s', (typo, key) => {
    expect(nearest(typo, TOP)).toBe(key);
  });

  it('suggests nothing for a word unlike every key', () => {
    expect(nearest('__proto__', TOP)).toBeNull();
    expect(nearest('constructor', TOP)).toBeNull();
    expect(nearest('', TOP)).toBeNull();
  });
});

describe('the pieces', () => {
  it('folds camelCase, dashes, dots and spaces to snake_case', () => {
    expect(foldName('averageCheck')).toBe('average_check');
    expect(foldName(' Gross-Margin. ')).toBe('gross_margin');
  });

  it('counts one edit per inserted, deleted or replaced character', () => {
    expect(editDistance('reps', 'resp')).toBe(2);
    expect(editDistance('cac', 'cacs')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('nearestByWords', () => {
  const METRICS = ['ltv', 'ltv_to_cac', 'payback_months', 'minimum_check', 'minimum_check_for_cac'];

  it('takes the shortest name holding every word asked', () => {
    expect(nearestByWords('ltv_cac', METRICS)).toBe('ltv_to_cac');
    expect(nearestByWords('check minimum', METRICS)).toBe('minimum_check');
  });

  it('forgives a typo in each word', () => {
    expect(nearestByWords('paybak', METRICS)).toBe('payback_months');
    expect(nearestByWords('minimun_chek', METRICS)).toBe('minimum_check');
  });

  it('falls back to the nearest spelling, and to nothing for a word unlike every name', () => {
    expect(nearestByWords('ltw', METRICS)).toBe('ltv');
    expect(nearestByWords('headcount', METRICS)).toBeNull();
  });
});
