import { describe, expect, it } from 'vitest';

import { renderPlanTable } from '../../src/render/plan.js';
import { planOf, set } from './plan-fixture.js';

/** The last line of the plan's terminal table: its verdict. */
function verdict(file: string, options: Parameters<typeof planOf>[1]): string {
  const { view, fmt } = planOf(file, options);
  return renderPlanTable(view, fmt, false).trimEnd().split('\n').at(-1)!;
}

const ONE_FAILS = [set('churn_monthly', '30%')];
const THREE_FAIL = [
  set('churn_monthly', '30%'),
  set('thresholds.churn_monthly_max', '5%'),
  set('sales.reps', '1'),
];

describe('the verdict under the plan table', () => {
  it('says "1 of 4 checks failed." when 30% churn breaks LTV/CAC', () => {
    expect(verdict('examples/agency.yaml', { overrides: ONE_FAILS })).toBe('1 of 4 checks failed.');
  });

  it('words one and three failed checks in Russian as the GitHub summary does', () => {
    expect(verdict('examples/agency.yaml', { lang: 'ru', overrides: ONE_FAILS })).toBe(
      'Не пройдено проверок: 1 из 4.',
    );
    expect(verdict('examples/agency.yaml', { lang: 'ru', overrides: THREE_FAIL })).toBe(
      'Не пройдено проверок: 3 из 5.',
    );
  });

  it('says every check passed when none fails', () => {
    expect(verdict('examples/agency.yaml', {})).toBe('All checks passed.');
  });
});
