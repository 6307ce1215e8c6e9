import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';

const AGENCY = 'examples/agency.yaml';
const agencyLines = readFileSync(join(ROOT, AGENCY), 'utf8').split('\n');

describe('funnel explain', () => {
  it('walks LTV/CAC of the agency: 81,000 × 12.5 = 1,012,500, then / 200,000 = 5.0625', () => {
    const run = runCli(['explain', 'ltv_to_cac', AGENCY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('ltv_to_cac = 5.0625');
    expect(run.stdout).toContain('  ltv_to_cac = ltv / cac\n');
    expect(run.stdout).toContain(
      'ltv = gross_profit_per_month × lifetime_months = 81,000 × 12.5 = 1,012,500',
    );
    expect(run.stdout).toContain('lifetime_months = 1 / churn_monthly = 1 / 8% = 12.5');
    expect(run.stdout).toContain('ltv_to_cac = ltv / cac = 1,012,500 / 200,000 = 5.0625');
  });

  it('names each assumption with its value and a line of the file that holds its key', () => {
    const explained = JSON.parse(runCli(['explain', 'ltv_to_cac', AGENCY, '--json']).stdout);
    expect(explained.value).toBe(5.0625);
    expect(explained.formula).toBe('ltv_to_cac = ltv / cac');
    for (const input of explained.inputs) {
      const key = input.name.split('.').at(-1);
      expect(agencyLines[input.line - 1]).toContain(`${key}:`);
    }
    const churn = explained.inputs.find(
      (input: { name: string }) => input.name === 'churn_monthly',
    );
    expect(churn).toMatchObject({ value: 0.08, quantity: 'share', col: 1, defaulted: false });
  });

  it('marks a value the file leaves out as the default and one from --set by its origin', () => {
    const run = runCli(['explain', 'account manager', AGENCY, '--json']);
    const explained = JSON.parse(run.stdout);
    const share = explained.inputs.find((input: { name: string }) =>
      input.name.endsWith('.share_of_clients'),
    );
    expect(share).toMatchObject({ value: 1, defaulted: true, line: null });

    const churn = runCli(['explain', 'ltv', AGENCY, '--set', 'churn_monthly=10%']);
    expect(churn.stdout).toMatch(/churn_monthly +10% +examples\/agency\.yaml:\d+, --set/);
    expect(churn.stdout).toContain('= 81,000 × 10 = 810,000');
  });

  it('explains a stage by its bare name and the busiest role by "load"', () => {
    const meetings = JSON.parse(runCli(['explain', 'meetings', AGENCY, '--json']).stdout);
    expect(meetings.metric).toBe('funnel.meetings');
    expect(meetings.value).toBe(125);

    const load = JSON.parse(runCli(['explain', 'load', AGENCY, '--json']).stdout);
    expect(load.metric).toMatch(/^load\./);
    expect(load.value).toBeCloseTo(0.7736, 4);
  });

  it('takes the figure ids that solve, sensitivity and the simulation print', () => {
    const metricOf = (id: string) => {
      const run = runCli(['explain', id, AGENCY, '--json']);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout).metric;
    };
    expect(metricOf('roles.account_manager.load')).toBe('load.account manager');
    expect(metricOf('roles.targeting_specialist.hires_needed')).toBe(
      'hires_needed.targeting specialist',
    );
    expect(metricOf('funnel.meetings.count')).toBe('funnel.meetings');
    expect(metricOf('attempts_needed')).toBe('funnel.attempts');
    expect(metricOf('meetings_needed')).toBe('funnel.meetings');
    expect(metricOf('hours_budget')).toBe('hours_budget_at_average_check');
    expect(metricOf('max_load')).toBe('load.account manager');
    // Items by position or any spelling of the name, as goal seek and sensitivity take them.
    expect(metricOf('roles.0.load')).toBe('load.account manager');
    expect(metricOf('funnel.MEETINGS.count')).toBe('funnel.meetings');
    expect(metricOf('roles.Targeting Specialist.hires_needed')).toBe(
      'hires_needed.targeting specialist',
    );
  });

  it('writes the headings in Russian with --lang ru', () => {
    const run = runCli(['explain', 'payback_months', AGENCY, '--lang', 'ru']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Формула:');
    expect(run.stdout).toContain('По шагам:');
    expect(run.stdout).toContain('200\u00a0000 / 81\u00a0000 = 2,4691');
  });

  it('exits 2 on an unknown metric and suggests the nearest one', () => {
    const run = runCli(['explain', 'ltv_cac', AGENCY]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('funnel cannot explain "ltv_cac"; did you mean ltv_to_cac?');
  });

  it('reports an unknown metric as JSON with --json', () => {
    const run = runCli(['explain', 'paybak', AGENCY, '--json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors[0].code).toBe('unknown_metric');
    expect(report.errors[0].message).toContain('did you mean payback_months?');
  });

  it('takes --debug, as every command that reads a file does, and explains the same', () => {
    const plain = runCli(['explain', 'ltv_to_cac', AGENCY]);
    const debug = runCli(['explain', 'ltv_to_cac', AGENCY, '--debug']);
    expect(debug.code).toBe(0);
    expect(debug.stderr).toBe('');
    expect(debug.stdout).toBe(plain.stdout);
  });

  it('applies --scenario and --set as plan does', () => {
    const args = ['explain', 'cac', AGENCY, '--json', '--scenario', 'pessimistic'];
    expect(JSON.parse(runCli(args).stdout).value).toBe(240000);
    const set = runCli([...args, '--set', 'sales.cac=250k']);
    expect(JSON.parse(set.stdout).value).toBe(250000);
  });
});
