import { describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';

function json(args: string[]) {
  const run = runCli([...args, '--json']);
  return { run, result: JSON.parse(run.stdout) };
}

describe('funnel solve', () => {
  it('finds the check that gives LTV/CAC exactly 3: 3 × 200 000 × 8% / 45%', () => {
    const { run, result } = json([
      'solve',
      'examples/agency.yaml',
      '--for',
      'average_check',
      '--target',
      'ltv_to_cac=3',
    ]);
    expect(run.code).toBe(0);
    expect(result.value).toBeCloseTo((3 * 200000 * 0.08) / 0.45, 4);
  });

  it('finds the highest churn that keeps LTV/CAC at 3: 45% × 180 000 / (3 × 200 000)', () => {
    const { result } = json([
      'solve',
      'examples/agency.yaml',
      '--for',
      'churn_monthly',
      '--target',
      'ltv_to_cac>=3',
    ]);
    expect(result.value).toBeCloseTo(0.135, 9);
  });

  it('names the fewest reps that close the quarter', () => {
    const { result } = json(['solve', 'examples/agency.yaml', '--preset', 'reps_to_close']);
    expect(result.value).toBe(4);
  });

  it('exits 1 with the nearest value when no value in the range meets the target', () => {
    const run = runCli([
      'solve',
      'examples/agency.yaml',
      '--for',
      'average_check',
      '--target',
      'ltv_to_cac=1000',
      '--high',
      '1M',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('No value of average_check');
  });

  it('exits 2 and suggests the input for a misspelt one', () => {
    const run = runCli([
      'solve',
      'examples/agency.yaml',
      '--for',
      'churn',
      '--target',
      'ltv_to_cac=3',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('churn_monthly');
  });
});

describe('funnel sensitivity', () => {
  it('ranks churn, CAC, check and margin as what moves LTV/CAC, with the right signs', () => {
    const { run, result } = json(['sensitivity', 'examples/agency.yaml']);
    expect(run.code).toBe(0);
    const moving = result.rows.filter((row: { swing: number }) => row.swing > 0);
    expect(moving.map((row: { input: string }) => row.input).sort()).toEqual(
      ['average_check', 'churn_monthly', 'gross_margin', 'sales.cac'].sort(),
    );
    const churn = moving.find((row: { input: string }) => row.input === 'churn_monthly');
    expect(churn.metric_high).toBeLessThan(churn.metric_low);
  });
});

describe('funnel plan with ranges', () => {
  it('runs a seeded Monte Carlo and reports percentiles and check probabilities', () => {
    const { run, result } = json(['plan', 'examples/agency-ranges.yaml', '--samples', '20000']);
    expect(run.code).toBe(0);
    expect(result.simulation.samples).toBe(20000);
    const ltvToCac = result.simulation.figures.find((f: { id: string }) => f.id === 'ltv_to_cac');
    expect(ltvToCac.p10).toBeLessThan(ltvToCac.p50);
    expect(ltvToCac.p50).toBeLessThan(ltvToCac.p90);
    for (const check of result.simulation.checks) {
      expect(check.probability).toBeGreaterThanOrEqual(0);
      expect(check.probability).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same result for the same seed and another for another seed', () => {
    const args = ['plan', 'examples/agency-ranges.yaml', '--samples', '5000'];
    const first = json([...args, '--seed', '7']).result.simulation;
    const again = json([...args, '--seed', '7']).result.simulation;
    const other = json([...args, '--seed', '8']).result.simulation;
    expect(again).toEqual(first);
    expect(other.figures).not.toEqual(first.figures);
  });

  it('rejects a sample count that is not a whole number', () => {
    const run = runCli(['plan', 'examples/agency-ranges.yaml', '--samples', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--samples many: expected a whole number');
  });

  it("reads --samples 20k and --seed 1_000 by the file's number rules, as 20 000 and 1 000", () => {
    const args = ['plan', 'examples/agency-ranges.yaml'];
    const { run, result } = json([...args, '--samples', '20k', '--seed', '1_000']);
    expect(run.code).toBe(0);
    expect(result.simulation.samples).toBe(20000);
    const same = json([...args, '--samples', '20000', '--seed', '1000']).result;
    expect(result.simulation).toEqual(same.simulation);
  });

  it('rejects --samples 0x400 and --seed 0b11 as the file rejects hex and binary', () => {
    const samples = runCli(['plan', 'examples/agency-ranges.yaml', '--samples', '0x400']);
    expect(samples.code).toBe(2);
    expect(samples.stderr).toContain(
      'error: --samples 0x400: expected a whole number from 1 to 50000000; ' +
        '"0x400" is written in hexadecimal, octal or binary\n  e.g. --samples 100000',
    );
    const seed = runCli(['plan', 'examples/agency-ranges.yaml', '--seed', '0b11']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed 0b11: expected a whole number from 0 to 4294967295');
  });

  it('rejects a sample count out of its range or a range of counts', () => {
    for (const samples of ['0', '60M', '100..200', '2.5']) {
      const run = runCli(['plan', 'examples/agency-ranges.yaml', '--samples', samples]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--samples ${samples}: expected a whole number from 1 to`);
    }
  });
});

describe('probabilistic thresholds', () => {
  it('passes when LTV/CAC meets its minimum with at least the probability required', () => {
    const { run, result } = json(['plan', 'examples/agency-ranges.yaml', '--samples', '20000']);
    expect(run.code).toBe(0);
    const required = result.simulation.probabilistic_checks;
    expect(required.map((check: { id: string }) => check.id)).toEqual([
      'ltv_to_cac',
      'fits_period',
    ]);
    expect(required.every((check: { ok: boolean }) => check.ok)).toBe(true);
  });

  it('fails the gate on probability even when the point plan passes', () => {
    const { run, result } = json([
      'plan',
      'examples/agency-ranges.yaml',
      '--samples',
      '20000',
      '--set',
      'thresholds.ltv_to_cac_min=3.6',
      '--set',
      'thresholds.min_probability.ltv_to_cac=99%',
    ]);
    const point = result.checks.find((check: { id: string }) => check.id === 'ltv_to_cac');
    expect(point.ok).toBe(true);
    expect(run.code).toBe(1);
    expect(result.ok).toBe(false);
    expect(point.gate).toMatchObject({ min_probability: 0.99, ok: false });
  });

  describe('gate every format and compare alike', () => {
    // LTV/CAC 4.5 passes a minimum of 3.6 at the point, in too few samples for 99%.
    const strict = [
      '--set',
      'thresholds.ltv_to_cac_min=3.6',
      '--set',
      'thresholds.min_probability.ltv_to_cac=99%',
    ];
    const plan = (format: string) =>
      runCli([
        'plan',
        'examples/agency-ranges.yaml',
        '--samples',
        '20000',
        '--format',
        format,
        ...strict,
      ]);

    it('markdown: the check fails with its chance beside its figure', () => {
      const run = plan('markdown');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('**1 of 4 checks failed.**');
      expect(run.stdout).toMatch(
        /\| LTV\/CAC \| 4\.5 \(P = [\d.]+%\) \| ≥ 3\.6 \(P ≥ 99%\) \| ❌ failed \|/,
      );
    });

    it('github: an error annotation for the check, and the count in the summary line', () => {
      const run = plan('github');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^::error file=examples\/agency-ranges\.yaml,.*title=funnel%3A LTV\/CAC::/m,
      );
      expect(run.stdout).toContain('funnel: 1 of 4 checks failed');
    });

    it('csv: the chance on a row of its own, failed like the check', () => {
      const run = plan('csv');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('checks,checks.ltv_to_cac,LTV/CAC,4.5,ratio,3.6,false');
      expect(run.stdout).toMatch(
        /checks,checks\.ltv_to_cac\.probability,LTV\/CAC: chance of passing,0\.\d+,share,0\.99,false/,
      );
    });

    it('the table: FAILED with the chance, and exit 1', () => {
      const run = plan('table');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/LTV\/CAC .*4\.5 \(P = [\d.]+%\) .*≥ 3\.6 \(P ≥ 99%\) .*FAILED/);
    });

    it('compare: the base plan fails on its chance as plan fails it', () => {
      const run = runCli(['compare', 'examples/agency-ranges.yaml', '--json', ...strict]);
      expect(run.code).toBe(1);
      const base = JSON.parse(run.stdout).scenarios[0];
      expect(base).toMatchObject({ name: 'base', ok: false, failed_checks: ['ltv_to_cac'] });
    });
  });

  it('refuses a probability for a check the plan does not have', () => {
    const run = runCli([
      'plan',
      'examples/agency-ranges.yaml',
      '--set',
      'thresholds.min_probability.churn_max=50%',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set thresholds.churn_monthly_max');
  });
});

describe('formats', () => {
  it('refuses a report format that solve does not write, instead of printing a table', () => {
    const run = runCli([
      'solve',
      'examples/agency.yaml',
      '--preset',
      'reps_to_close',
      '--format',
      'csv',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'csv' is invalid");
  });
});
