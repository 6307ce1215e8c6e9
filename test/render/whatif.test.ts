import { describe, expect, it } from 'vitest';
import { inputSpecs, listMetrics } from '../../src/calc/paths.js';
import { planPeriod } from '../../src/calc/plan.js';
import { sensitivity } from '../../src/calc/sensitivity.js';
import { probabilisticChecks, simulate } from '../../src/calc/simulate.js';
import { presetRequest, solveFor } from '../../src/calc/solve.js';
import { createFormatter } from '../../src/render/format.js';
import {
  formatValue,
  inputUnit,
  renderSensitivity,
  renderSimulation,
  renderSolve,
  sensitivityJson,
  simulationJson,
  solveJson,
} from '../../src/render/whatif.js';
import { metricUnit } from '../../src/render/report.js';
import { displayWidth, stripEscapes } from '../../src/text/width.js';
import { makeAssumptions } from '../support/assumptions.js';

const en = createFormatter('en', 'RUB');
const ru = createFormatter('ru', 'RUB');
const agency = makeAssumptions();
const plain = { color: false };

describe('values by the kind of input or figure', () => {
  it('reads money, rates, whole numbers, counts and ratios', () => {
    expect(formatValue(en, 'average_check', 106_666.67)).toBe('₽106,667');
    expect(formatValue(en, 'churn_monthly', 0.135)).toBe('13.5%');
    expect(formatValue(en, 'funnel.meetings.conversion', 0.02)).toBe('2%');
    expect(formatValue(en, 'sales.reps', 4)).toBe('4');
    expect(formatValue(en, 'funnel.meetings.count', 104.2)).toBe('105');
    expect(formatValue(en, 'ltv_to_cac', 5.0625)).toBe('5.06');
    expect(formatValue(en, 'weeks_to_close', 10.4166)).toBe('10.4 weeks');
    expect(formatValue(en, 'roles.account_manager.load', 0.5)).toBe('50%');
  });

  it('knows the unit of every input goal seek and sensitivity can move, and of every figure', () => {
    const withCosts = makeAssumptions({
      sales: { cac: null, monthlyCosts: { payroll: 1, tools: 1, marketing: 1 } },
    });
    const paths = [...inputSpecs(agency), ...inputSpecs(withCosts)].map((input) => input.path);
    expect(paths.length).toBeGreaterThan(25);
    expect(paths.filter((path) => inputUnit(path) === null)).toEqual([]);
    const figures = listMetrics(planPeriod(agency));
    expect(figures.filter((id) => metricUnit(id) === null)).toEqual([]);
  });

  it('writes a figure by its unit, as the plan does: payback 2.47 months, not 2.5', () => {
    expect(formatValue(en, 'payback_months', 200_000 / 81_000)).toBe('2.47 months');
    expect(formatValue(en, 'delivery.hours_per_client_month', 47.14)).toBe('47.1 h');
    expect(formatValue(en, 'delivery.roles.0.headcount', 4)).toBe('4');
    expect(formatValue(ru, 'contract_months', 4)).toBe('4 мес.');
  });
});

describe('the tornado table', () => {
  const result = sensitivity(agency, 'ltv_to_cac');
  const text = renderSensitivity(result, en, plain);
  const lines = text.split('\n');

  it('puts churn first with the longest bar, falling as churn rises', () => {
    const churn = lines.find((line) => line.startsWith('churn_monthly'))!;
    expect(churn).toContain('7.2%');
    expect(churn).toContain('8.8%');
    expect(churn).toContain('↓ ' + '█'.repeat(24));
    const bars = lines.map((line) => (line.match(/█+/) ?? [''])[0].length).filter(Boolean);
    expect(bars).toEqual([...bars].sort((x, y) => y - x));
  });

  it('shows the average check rising, with a bar scaled to its swing', () => {
    const check = lines.find((line) => line.startsWith('average_check'))!;
    const churn = result.rows[0]!.swing;
    const own = result.rows.find((row) => row.input === 'average_check')!.swing;
    expect(check).toContain('↑ ' + '█'.repeat(Math.round((own / churn) * 24)));
  });

  it('names the inputs that do not move the figure in one line', () => {
    expect(text).toMatch(/inputs that do not move it: .*sales\.reps/);
  });

  it('has no colour codes unless asked, and has them when asked', () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(renderSensitivity(result, en, { color: true })).toMatch(/\u001b\[3[12]m/);
  });

  it('marks whole-number inputs and explains the mark', () => {
    const weeks = renderSensitivity(sensitivity(agency, 'weeks_to_close'), en, plain);
    expect(weeks).toContain('sales.reps *');
    expect(weeks).toContain('* a whole-number input, moved by at least one');
  });

  it('gives the swing as the difference of the figures shown beside it: 28 → 23 is −5', () => {
    const clients = renderSensitivity(sensitivity(agency, 'new_clients'), en, plain);
    const check = clients.split('\n').find((line) => line.startsWith('average_check'))!;
    expect(check).toMatch(/ 28 +23 +−5 +↓ /);
  });

  it('states the figure in the plan as the plan writes it', () => {
    const payback = renderSensitivity(sensitivity(agency, 'payback_months'), en, plain);
    expect(payback.split('\n')[0]).toBe(
      'Sensitivity of payback_months (2.47 months in the plan) to each input moved by ±10%',
    );
  });

  it('speaks Russian with a Russian formatter', () => {
    expect(renderSensitivity(result, ru, plain)).toContain('Чувствительность ltv_to_cac');
  });

  it('carries every row in JSON, snake_case and unrounded', () => {
    const json = sensitivityJson(result);
    expect(json.rows).toHaveLength(result.rows.length);
    expect(json.rows[0]).toMatchObject({
      input: 'churn_monthly',
      low_input: expect.closeTo(0.072, 12),
      metric_high: expect.closeTo(81_000 / 0.088 / 200_000, 9),
      variation: 'relative',
    });
  });
});

describe('the percentiles table', () => {
  const result = simulate(
    agency,
    [{ path: 'churn_monthly', distribution: 'uniform', low: 0.1, high: 0.16, mode: null }],
    {
      samples: 20_000,
      seed: 1,
    },
  );
  const requirements = probabilisticChecks(result, [
    { checkId: 'ltv_to_cac', minProbability: 0.8 },
  ]);

  it('lists every figure with P10, P50, P90 and the mean', () => {
    const text = renderSimulation(result, en, plain);
    expect(text).toContain('Monte Carlo: 20,000 samples, seed 1');
    const ltv = text.split('\n').find((line) => line.startsWith('ltv_to_cac'))!;
    const p50 = result.figures.find((figure) => figure.id === 'ltv_to_cac')!.p50;
    expect(ltv).toContain(en.decimal(p50, 2));
  });

  it('shows the chance of each check and, with a requirement, the verdict', () => {
    const text = renderSimulation(result, en, { ...plain, requirements });
    const line = text.split('\n').find((candidate) => candidate.includes('≥ 80%'))!;
    expect(line.startsWith('ltv_to_cac ')).toBe(true);
    expect(line).toMatch(/5\d(\.\d)?%\s+≥ 80%\s+FAIL/);
  });

  it('lines the coloured verdicts up with their heading', () => {
    const text = renderSimulation(result, en, { color: true, requirements });
    const lines = stripEscapes(text).split('\n');
    const heading = lines.find((line) => line.startsWith('check'))!;
    const verdict = lines.find((line) => line.includes('≥ 80%'))!;
    expect(heading.endsWith('result')).toBe(true);
    expect(verdict.endsWith('FAIL')).toBe(true);
    expect(displayWidth(verdict)).toBe(displayWidth(heading));
  });

  it('carries the figures, checks and verdicts in JSON', () => {
    const json = simulationJson(result, requirements);
    expect(json.samples).toBe(20_000);
    expect(json.inputs[0]).toEqual({
      path: 'churn_monthly',
      distribution: 'uniform',
      low: 0.1,
      high: 0.16,
      mode: null,
    });
    expect(json.probabilistic_checks).toEqual([
      {
        id: 'ltv_to_cac',
        ok: false,
        probability: requirements[0]!.probability,
        min_probability: 0.8,
      },
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('goal seek lines', () => {
  it('states the value found, the figure there and the plan now', () => {
    const text = renderSolve(solveFor(presetRequest(agency, 'highest_churn')), en, plain);
    expect(text).toBe(
      'churn_monthly = 13.5%: ltv_to_cac = 3 (target ltv_to_cac ≥ 3).\n' +
        'Now: churn_monthly = 8%, ltv_to_cac = 5.06.\n',
    );
  });

  it('rounds the answer toward the side that meets the target: CAC ≤ 1 012.5 shows ₽1,012', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'sales.cac',
      metric: 'ltv_to_cac',
      target: 1000,
      direction: 'at_least',
    });
    expect(renderSolve(result, en, plain).split('\n')[0]).toBe(
      'sales.cac = ₽1,012: ltv_to_cac = 1,000 (target ltv_to_cac ≥ 1,000).',
    );
  });

  it('rounds up when the values below the answer miss the target: a check ≥ 106 667.2', () => {
    // 3 × 200 001 × 8% / 45% = 106 667.2; ₽106,667 would leave LTV/CAC under 3.
    const dearer = makeAssumptions({ sales: { cac: 200_001 } });
    const text = renderSolve(solveFor(presetRequest(dearer, 'minimum_check')), en, plain);
    expect(text.split('\n')[0]).toBe(
      'average_check = ₽106,668: ltv_to_cac = 3 (target ltv_to_cac ≥ 3).',
    );
  });

  it('explains a target no value reaches, with the nearest point', () => {
    const result = solveFor({
      assumptions: agency,
      input: 'churn_monthly',
      metric: 'ltv_to_cac',
      target: 0.1,
    });
    expect(renderSolve(result, en, plain)).toContain(
      'No value of churn_monthly within 0% … 100% gives ltv_to_cac = 0.1. ' +
        'The nearest: churn_monthly = 100%, ltv_to_cac = 0.41.',
    );
    expect(solveJson(result)).toMatchObject({
      ok: false,
      reason: 'no_bracket',
      closest: { value: 1 },
      low: 0,
      high: 1,
    });
  });

  it('writes an unbounded range as null in JSON', () => {
    const json = solveJson(solveFor(presetRequest(agency, 'minimum_check')));
    expect(json).toMatchObject({ ok: true, high: null, value: expect.closeTo(106_666.67, 1) });
  });
});
