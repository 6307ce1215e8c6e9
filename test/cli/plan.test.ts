import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';

function planJson(args: string[]) {
  const run = runCli(['plan', ...args, '--json']);
  return { run, plan: JSON.parse(run.stdout) };
}

describe('funnel plan on the agency example', () => {
  const { run, plan } = planJson(['examples/agency.yaml']);

  it('passes every check and exits 0', () => {
    expect(run.code).toBe(0);
    expect(plan.ok).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('needs 25 new clients from 100 client-months', () => {
    expect(plan.client_months).toBe(100);
    expect(plan.new_clients).toBe(25);
  });

  it('walks the funnel back from deals to attempts', () => {
    expect(plan.funnel.map((stage: { count: number }) => stage.count)).toEqual([
      6250, 125, 62.5, 25,
    ]);
  });

  it('closes in 8.3 weeks, set by the meeting ceiling, with 4 reps needed', () => {
    expect(plan.sales.weeks_to_close).toBeCloseTo(125 / 15, 10);
    expect(plan.sales.bottleneck).toBe('meetings');
    expect(plan.sales.reps_needed).toBe(4);
    expect(plan.sales.fits_period).toBe(true);
  });

  it('has LTV 1 012 500 and LTV/CAC 5.0625 at 8% churn', () => {
    expect(plan.unit_economics.gross_profit_per_month).toBe(81000);
    expect(plan.unit_economics.ltv).toBeCloseTo(1012500, 6);
    expect(plan.unit_economics.ltv_to_cac).toBeCloseTo(5.0625, 10);
    expect(plan.unit_economics.payback_months).toBeCloseTo(200000 / 81000, 10);
  });

  it('puts the binding minimum check at 174 545 for 48 hours at 45% margin', () => {
    expect(plan.pricing.direct_cost_per_month).toBe(96000);
    expect(plan.pricing.minimum_check).toBeCloseTo(96000 / 0.55, 6);
    expect(plan.pricing.binding_minimum).toBe('margin');
    expect(plan.pricing.hours_budget_at_average_check).toBeCloseTo(49.5, 10);
  });

  it('keeps every role under the 85% load ceiling', () => {
    for (const role of plan.capacity) {
      expect(role.load).toBeLessThanOrEqual(0.85);
      expect(role.hires_needed).toBe(0);
    }
  });
});

describe('funnel plan on the other examples', () => {
  it('passes the online school with CAC from monthly costs', () => {
    const { run, plan } = planJson(['examples/online-school.yaml']);
    expect(run.code).toBe(0);
    expect(plan.new_clients).toBeCloseTo(400 / 6, 10);
    expect(plan.unit_economics.cac_source).toBe('monthly_costs');
    expect(plan.unit_economics.cac).toBeCloseTo(2150000 / (400 / 6), 6);
    expect(plan.sales.meetings_per_week).toBeNull();
  });

  it('fails the high-churn agency on LTV/CAC and exits 1', () => {
    const { run, plan } = planJson(['examples/agency-high-churn.yaml']);
    expect(run.code).toBe(1);
    const failed = plan.checks.filter((check: { ok: boolean }) => !check.ok);
    expect(failed.map((check: { id: string }) => check.id)).toContain('ltv_to_cac');
  });
});

describe('funnel plan overrides', () => {
  it('fails the gate when a flag raises the LTV/CAC minimum above the plan', () => {
    const run = runCli(['plan', 'examples/agency.yaml', '--min-ltv-cac', '6']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAILED');
  });

  it('applies --set by stage name', () => {
    const { plan } = planJson(['examples/agency.yaml', '--set', 'funnel.meetings.conversion=1%']);
    expect(plan.funnel[0].count).toBeCloseTo(12500, 8);
  });

  it('applies a named scenario from the file', () => {
    const { plan } = planJson(['examples/agency.yaml', '--scenario', 'pessimistic']);
    expect(plan.unit_economics.cac).toBe(240000);
    expect(plan.unit_economics.lifetime_months).toBeCloseTo(10, 10);
  });

  it('names the nearest scenario when one is misspelt', () => {
    const run = runCli(['plan', 'examples/agency.yaml', '--scenario', 'pesimistic']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "pessimistic"?');
  });
});

describe('funnel plan in Russian', () => {
  it('prints ru-RU money and Russian labels', () => {
    const run = runCli(['plan', 'examples/agency.yaml', '--lang', 'ru']);
    expect(run.stdout).toContain('Средний чек');
    expect(run.stdout).toContain('180\u00a0000\u00a0₽');
  });
});

describe('funnel plan with bad input', () => {
  it('exits 2 and names file, line, column and key for a bare number in a rate', () => {
    const run = runCli(['plan', '-'], {
      input: 'revenue_target: 1M\naverage_check: 100k\ngross_margin: 45\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('-:3:15: error: gross_margin: a share was expected');
    expect(run.stderr).toContain('write 45% for a percentage');
  });

  it('reports the errors as one JSON document with --json', () => {
    const run = runCli(['plan', '-', '--json'], { input: 'revenue_targt: 1M\n' });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    const typo = report.errors.find((error: { code: string }) => error.code === 'unknown_key');
    expect(typo).toMatchObject({ path: 'revenue_targt', line: 1, col: 1 });
    expect(typo.hint).toBe('did you mean "revenue_target"?');
  });
});

describe('clients lost to churn', () => {
  it('says 2 of the 25 new clients must be replaced a month at 8% churn', () => {
    const plan = JSON.parse(runCli(['plan', 'examples/agency.yaml', '--json']).stdout);
    expect(plan.clients_lost_per_month).toBeCloseTo(2, 12);
  });
});

describe('hours a client gets', () => {
  it('gives an account manager with 25 client hours a week and 15 clients 1.67 hours a client', () => {
    const plan = JSON.parse(runCli(['plan', 'examples/agency.yaml', '--json']).stdout);
    const manager = plan.capacity.find((role: { role: string }) => role.role === 'account manager');
    expect(manager.hours_per_client_per_week).toBeCloseTo(25 / 15, 12);
    const targeting = plan.capacity.find(
      (role: { role: string }) => role.role === 'targeting specialist',
    );
    expect(targeting.hours_per_client_per_week).toBeNull();
  });
});

describe("the README's JSON contract", () => {
  it('names every top-level key of plan --json in its table, and simulation under ranges', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## JSON output');
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    const documented = new Set(
      [...section.matchAll(/^\| (.+?) \|/gm)].flatMap(([, cell]) =>
        [...(cell ?? '').matchAll(/`(\w+)(?:\[\])?`/g)].map(([, key]) => key),
      ),
    );

    const plan = JSON.parse(runCli(['plan', 'examples/agency.yaml', '--json']).stdout);
    const missing = Object.keys(plan).filter((key) => !documented.has(key));
    expect(missing).toEqual(['simulation']);
    expect(readme).toContain('In `--json`, `simulation` holds');
  });
});
