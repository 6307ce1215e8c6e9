import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const AGENCY = 'examples/agency.yaml';
const dir = scratchFolder('formats');

describe('funnel plan --format', () => {
  it('markdown: a report with the verdict first, exit 0 when every check passes', () => {
    const run = runCli(['plan', AGENCY, '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('## ✅ Digital agency, Q1: plan for a quarter')).toBe(true);
    expect(run.stdout).toContain('| LTV/CAC | 5.06 | ≥ 3 | ✅ passed |');
  });

  it('csv: a header and figure rows with nothing else, and no colour even when forced', () => {
    const run = runCli(['plan', AGENCY, '--format', 'csv'], { env: { FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\r\n')[0]).toBe('section,figure,label,value,unit,limit,passed');
    expect(run.stdout).toContain(
      '\r\nunit_economics,unit_economics.ltv_to_cac,LTV/CAC,5.0625,ratio,,\r\n',
    );
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('github: one ::error for the failed check, the summary line, and exit 1', () => {
    const run = runCli(['plan', AGENCY, '--format', 'github', '--set', 'churn_monthly=30%']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=examples\/agency\.yaml,line=\d+,col=3,title=funnel%3A LTV\/CAC::LTV\/CAC 1\.35/,
    );
    expect(lines.at(-1)).toBe('funnel: 1 of 4 checks failed; warnings: 0');
  });

  it('github: a file that cannot be read gives ::error on the line of the problem and exit 2', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      readFileSync(join(ROOT, AGENCY), 'utf8').replace('churn_monthly: 8%', 'churn_monthly: lots'),
    );
    const run = runCli(['plan', file, '--format', 'github']);
    expect(run.code).toBe(2);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('lots')) + 1;
    expect(run.stdout).toMatch(
      new RegExp(`^::error file=[^,]+,line=${line},col=\\d+,title=funnel%3A`),
    );
  });

  it('json: --json and --format json print the same document', () => {
    const a = runCli(['plan', AGENCY, '--json']);
    const b = runCli(['plan', AGENCY, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).unit_economics.ltv_to_cac).toBe(5.0625);
  });
});

describe('funnel plan --summary', () => {
  it('appends the markdown report to $GITHUB_STEP_SUMMARY and keeps what was there', () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# Earlier step\n\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const first = runCli(['plan', AGENCY, '--format', 'github', '--summary'], { env });
    runCli(['plan', AGENCY, '--summary', '--set', 'churn_monthly=30%'], { env });

    expect(first.code).toBe(0);
    expect(first.stdout).toBe('funnel: all 4 checks passed; warnings: 0\n');
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# Earlier step\n\n## ✅ Digital agency, Q1')).toBe(true);
    expect(text).toContain('\n## ❌ Digital agency, Q1');
  });

  it('says on stderr that GITHUB_STEP_SUMMARY is not set, and goes on', () => {
    const run = runCli(['plan', AGENCY, '--summary', '--format', 'csv'], {
      env: { GITHUB_STEP_SUMMARY: undefined },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('GITHUB_STEP_SUMMARY is not set');
    expect(run.stdout.startsWith('section,figure')).toBe(true);
  });
});
