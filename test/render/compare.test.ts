import { describe, expect, it } from 'vitest';

import { planPeriod } from '../../src/calc/plan.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import { compareToJson, renderCompareTable, type ScenarioPlan } from '../../src/render/compare.js';
import { createFormatter } from '../../src/render/format.js';
import { type DeepPartial, makeAssumptions } from '../support/assumptions.js';

const en = createFormatter('en', 'RUB');
const ru = createFormatter('ru', 'RUB');

function scenario(name: string, overrides: DeepPartial<Assumptions>): ScenarioPlan {
  return { name, plan: planPeriod(makeAssumptions(overrides)) };
}

/** The cells of the row whose first cell starts with `name`, trimmed, without the borders. */
function row(table: string, name: string): string[] {
  const line = table.split('\n').find((text) => text.startsWith(`│ ${name}`))!;
  return line
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('changes against the base', () => {
  // 45 648 000 / 180 000 / 4 = 63.4 new clients; 46 512 000 gives 64.6.
  const plans = [
    scenario('base', { revenueTarget: 45_648_000, sales: { cac: 100.4 } }),
    scenario('more', { revenueTarget: 46_512_000, sales: { cac: 100.6 } }),
  ];

  it('are the difference of the counts as shown: 64 → 65 is +1, not +2', () => {
    expect(row(renderCompareTable(plans, en, false), 'New clients')).toEqual([
      'New clients',
      '64',
      '65 (+1)',
    ]);
  });

  it('are the difference of the money as shown: ₽100 → ₽101 is +₽1, not +₽0', () => {
    expect(row(renderCompareTable(plans, en, false), 'CAC')).toEqual(['CAC', '₽100', '₽101 (+₽1)']);
  });

  it('move shares by percentage points, named in the language of the table', () => {
    const loads = [scenario('base', {}), scenario('churn', { churnMonthly: 0.06 })];
    expect(row(renderCompareTable(loads, en, false), 'Highest role load')).toEqual([
      'Highest role load',
      '77.4%',
      '80.7% (+3.3 pp)',
    ]);
    expect(row(renderCompareTable(loads, ru, false), 'Максимальная загрузка')).toEqual([
      'Максимальная загрузка',
      '77,4\u00a0%',
      '80,7\u00a0% (+3,3 п. п.)',
    ]);
  });
});

describe('the checks row', () => {
  const plans = [
    scenario('base', {}),
    scenario('dear', { churnMonthly: 0.3, sales: { cac: 400_000 } }),
  ];

  it('names the failed checks as the plan table does, in either language', () => {
    expect(row(renderCompareTable(plans, en, false), 'Checks')).toEqual([
      'Checks',
      'all passed',
      'LTV/CAC, Payback within the contract',
    ]);
    expect(row(renderCompareTable(plans, ru, false), 'Проверки')).toEqual([
      'Проверки',
      'все пройдены',
      'LTV/CAC, Окупаемость в пределах контракта',
    ]);
  });
});

describe('a plan without delivery roles', () => {
  const plans = [
    scenario('base', { delivery: { roles: [] } }),
    scenario('staffed', {}),
    scenario('lean', { delivery: { roles: [] }, churnMonthly: 0.06 }),
  ];

  it('has no highest load: "—" in the table and null in JSON, with no change', () => {
    expect(row(renderCompareTable(plans, en, false), 'Highest role load')).toEqual([
      'Highest role load',
      '—',
      '77.4%',
      '—',
    ]);
    const json = compareToJson(plans);
    expect(json.scenarios.map((entry) => entry.figures.max_load)).toEqual([
      null,
      expect.closeTo(0.774, 3),
      null,
    ]);
    expect(json.scenarios.map((entry) => entry.changes.max_load)).toEqual([null, null, null]);
  });

  it('reads every other figure as the plan has it', () => {
    const json = compareToJson(plans);
    expect(json.scenarios[2]!.figures).toMatchObject({
      new_clients: 25,
      ltv: expect.closeTo(81_000 / 0.06, 6),
      hires_needed: 0,
    });
    expect(json.scenarios[2]!.changes.ltv).toBeCloseTo(81_000 / 0.06 - 81_000 / 0.08, 6);
  });
});
