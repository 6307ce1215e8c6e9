import { describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';

describe('funnel compare', () => {
  it('puts the base and each scenario of the agency side by side', () => {
    const run = runCli(['compare', 'examples/agency.yaml', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.scenarios.map((entry: { name: string }) => entry.name)).toEqual([
      'base',
      'pessimistic',
      'optimistic',
    ]);
    const pessimistic = report.scenarios[1];
    expect(pessimistic.figures.cac).toBe(240000);
    expect(pessimistic.figures.ltv_to_cac).toBeCloseTo((81000 * 10) / 240000, 10);
    expect(pessimistic.changes.ltv).toBeCloseTo(810000 - 1012500, 6);
  });

  it('marks the changes in the table', () => {
    const run = runCli(['compare', 'examples/agency.yaml']);
    expect(run.stdout).toMatch(/LTV\/CAC\s+│\s+5\.06 │\s+3\.38 \(−1\.68\)/);
  });

  it("names and writes each figure as the plan's table does, in either language", () => {
    const en = runCli(['compare', 'examples/agency.yaml']).stdout;
    expect(en).toMatch(/Payback\s+│\s+2\.47 months │\s+2\.96 months \(\+0\.49 months\)/);
    expect(en).toMatch(/Minimum check \(binding\)\s+│\s+₽174,545 │/);
    const ru = runCli(['compare', 'examples/agency.yaml', '--lang', 'ru']).stdout;
    expect(ru).toMatch(/Недель на план\s+│\s+8,3 нед\. │/);
    expect(ru).toMatch(/Проверки\s+│\s+все пройдены │/);
  });

  it('exits 1 when a scenario fails a check', () => {
    const run = runCli(['compare', 'examples/agency.yaml', '--set', 'thresholds.ltv_to_cac_min=4']);
    expect(run.code).toBe(1);
  });

  it('takes no --scenario, as it shows every scenario: exit 2, and its help omits it', () => {
    const run = runCli(['compare', 'examples/agency.yaml', '--scenario', 'pessimistic']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("error: unknown option '--scenario'");
    const help = runCli(['compare', '--help']);
    expect(help.stdout).toContain('--set <path=value>');
    expect(help.stdout).not.toContain('--scenario');
  });

  it('says so when the file has no scenarios', () => {
    const run = runCli(['compare', 'examples/online-school.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the file defines no scenarios to compare');
  });
});
