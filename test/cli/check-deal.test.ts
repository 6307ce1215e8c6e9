import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const AGENCY = ['--assumptions', 'examples/agency.yaml'];
const dir = scratchFolder('deals');

function dealJson(args: string[]) {
  const run = runCli(['check-deal', ...args, ...AGENCY, '--json']);
  return { run, result: JSON.parse(run.stdout) };
}

describe('funnel check-deal on the example deals', () => {
  it('accepts Northwind at 220 000 and exits 0', () => {
    const { run, result } = dealJson(['examples/deals/accept.yaml']);
    expect(run.code).toBe(0);
    expect(result.verdict).toBe('ACCEPT');
    expect(result.gross_profit_per_month).toBeCloseTo(124000, 6);
  });

  it('sends Lakeside with one red flag to review and exits 0', () => {
    const { run, result } = dealJson(['examples/deals/review.yaml']);
    expect(run.code).toBe(0);
    expect(result.verdict).toBe('REVIEW');
    expect(result.reasons.map((reason: { id: string }) => reason.id)).toEqual(['red_flag']);
  });

  it('rejects Orbit and exits 1', () => {
    const { run, result } = dealJson(['examples/deals/reject.yaml']);
    expect(run.code).toBe(1);
    expect(result.verdict).toBe('REJECT');
  });

  it('exits 1 on REVIEW with --strict', () => {
    const run = runCli(['check-deal', 'examples/deals/review.yaml', ...AGENCY, '--strict']);
    expect(run.code).toBe(1);
  });

  it('checks a folder of deals, one row each, and exits 1 when any is rejected', () => {
    const run = runCli(['check-deal', 'examples/deals', ...AGENCY]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Northwind Furniture.*ACCEPT/);
    expect(run.stdout).toMatch(/Orbit Logistics.*REJECT/);
    expect(run.stdout).toMatch(/Lakeside Dental.*REVIEW/);
  });

  it('checks a list file of deals and reports them under "deals" in JSON', () => {
    const file = join(dir, 'pipeline.yaml');
    const met = 'has: [analytics access, decision maker in the meetings, budget confirmed]';
    writeFileSync(
      file,
      `- {name: A, check: 200k, hours: 48, months: 6, ${met}}\n` +
        `- {name: B, check: 100k, hours: 48, months: 6, ${met}}\n`,
    );
    const { run, result } = dealJson([file]);
    expect(run.code).toBe(1);
    expect(result.deals.map((deal: { verdict: string }) => deal.verdict)).toEqual([
      'ACCEPT',
      'REJECT',
    ]);
  });
});

describe('funnel check-deal from flags', () => {
  it('says the price is below the minimum for the hours at the margin', () => {
    const run = runCli([
      'check-deal',
      ...AGENCY,
      '--check',
      '150000',
      '--hours',
      '48',
      '--months',
      '6',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'price ₽150,000 is below the minimum ₽174,545 for 48 h at 45% margin',
    );
  });

  it('lets flags override the deal file', () => {
    const { result } = dealJson(['examples/deals/reject.yaml', '--check', '250k', '--months', '6']);
    expect(result.check).toBe(250000);
    expect(result.months).toBe(6);
  });

  it('rejects a red flag the assumptions file does not know, naming the nearest', () => {
    const run = runCli([
      'check-deal',
      ...AGENCY,
      '--check',
      '200k',
      '--hours',
      '48',
      '--months',
      '6',
      '--flag',
      'no CMR',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "no CRM"?');
  });

  it('needs the assumptions file', () => {
    const run = runCli(['check-deal', '--check', '200k', '--hours', '48', '--months', '6']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('add --assumptions');
  });

  it('reports a missing term with the flag to add', () => {
    const run = runCli(['check-deal', ...AGENCY, '--check', '200k', '--hours', '48']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give --months 6');
  });
});

describe('funnel check-deal answers in the shape asked for, whatever the files are named', () => {
  it('gives one deal file with # in its name its own table and a bare JSON object', () => {
    const file = join(dir, 'north#wind.yaml');
    copyFileSync(join(ROOT, 'examples/deals/accept.yaml'), file);
    const { result } = dealJson([file]);
    expect(result.verdict).toBe('ACCEPT');
    expect(result.deals).toBeUndefined();
    const table = runCli(['check-deal', file, ...AGENCY]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ACCEPT: Northwind Furniture\n/);
    expect(table.stdout).not.toMatch(/│ name\s+│ check/);
  });

  it('lists a folder that holds one deal under "deals", as it does a folder of three', () => {
    const folder = join(dir, 'one-deal');
    mkdirSync(folder);
    copyFileSync(join(ROOT, 'examples/deals/accept.yaml'), join(folder, 'accept.yaml'));
    const { result } = dealJson([folder]);
    expect(result.deals.map((deal: { verdict: string }) => deal.verdict)).toEqual(['ACCEPT']);
    const table = runCli(['check-deal', folder, ...AGENCY]);
    expect(table.stdout).toMatch(/│ name\s+│ check/);
    expect(table.stdout).toMatch(/Northwind Furniture.*ACCEPT/);
  });

  it('lists a list file of one deal under "deals"', () => {
    const file = join(dir, 'one-item.yaml');
    const met = 'has: [analytics access, decision maker in the meetings, budget confirmed]';
    writeFileSync(file, `- {name: A, check: 200k, hours: 48, months: 6, ${met}}\n`);
    const { result } = dealJson([file]);
    expect(result.deals.map((deal: { name: string }) => deal.name)).toEqual(['A']);
  });
});
