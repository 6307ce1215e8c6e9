import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { planPeriod } from '../../src/calc/plan.js';
import { loadAssumptions } from '../../src/input/assumptions.js';
import { createFormatter } from '../../src/render/format.js';
import {
  escapeData,
  escapeProperty,
  githubSummary,
  planAnnotations,
  renderGithub,
  workflowCommand,
} from '../../src/render/github.js';
import { planReport } from '../../src/render/report.js';
import { EXAMPLE_PLANS, planOf, ROOT, set } from './plan-fixture.js';

function githubOf(fixture: ReturnType<typeof planOf>): string[] {
  const { report, plan, loaded } = fixture;
  const annotations = planAnnotations({ report, plan, document: loaded.document });
  return renderGithub(annotations, githubSummary(report)).trimEnd().split('\n');
}

function githubOfText(text: string, file: string): string[] {
  const loaded = loadAssumptions(text, file);
  const plan = planPeriod(loaded.assumptions);
  const fmt = createFormatter('en', loaded.assumptions.currency);
  const report = planReport({ assumptions: loaded.assumptions, plan, uncertain: [] }, fmt);
  const annotations = planAnnotations({ report, plan, document: loaded.document });
  return renderGithub(annotations, githubSummary(report)).trimEnd().split('\n');
}

const COMMAND = /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$/;

interface Parsed {
  level: string;
  file: string;
  line: number;
  col: number;
  message: string;
}

function parse(line: string): Parsed {
  const match = COMMAND.exec(line);
  expect(match, line).not.toBeNull();
  const [, level, file, row, col, , message] = match!;
  return { level: level!, file: file!, line: Number(row), col: Number(col), message: message! };
}

/** The text of a 1-based line of a file in the repository. */
function lineOf(file: string, line: number): string {
  return readFileSync(join(ROOT, file), 'utf8').split('\n')[line - 1] ?? '';
}

describe('github format', () => {
  it('escapes %, CR and LF in a message, and : and , too in a property', () => {
    expect(escapeData('50% of\r\nit')).toBe('50%25 of%0D%0Ait');
    expect(escapeProperty('funnel: a, b')).toBe('funnel%3A a%2C b');
  });

  it('writes file, line and col as properties and the message after ::', () => {
    const line = workflowCommand({
      level: 'error',
      file: 'plans/q1.yaml',
      line: 11,
      col: 1,
      title: 'funnel: LTV/CAC',
      message: 'LTV/CAC 1.35 fails the limit ≥ 3',
    });
    expect(line).toBe(
      '::error file=plans/q1.yaml,line=11,col=1,title=funnel%3A LTV/CAC::LTV/CAC 1.35 fails the limit ≥ 3',
    );
  });

  it('points a failed LTV/CAC at thresholds.ltv_to_cac_min when the file sets it', () => {
    const lines = githubOf(
      planOf('examples/agency.yaml', { overrides: [set('churn_monthly', '30%')] }),
    );
    expect(lines).toHaveLength(2);
    const error = parse(lines[0]!);
    expect(error.level).toBe('error');
    expect(error.file).toBe('examples/agency.yaml');
    expect(lineOf(error.file, error.line).trim()).toMatch(/^ltv_to_cac_min:/);
    expect(lineOf(error.file, error.line).indexOf('ltv_to_cac_min')).toBe(error.col - 1);
    expect(error.message).toBe(
      'LTV/CAC 1.35 fails the limit ≥ 3 (driven by thresholds.ltv_to_cac_min)',
    );
    expect(lines[1]).toBe('funnel: 1 of 4 checks failed; warnings: 0');
  });

  it('points a failed LTV/CAC at churn_monthly when the file has no threshold', () => {
    const text = readFileSync(join(ROOT, 'examples/agency.yaml'), 'utf8')
      .replace(/^thresholds:\n {2}ltv_to_cac_min: 3\n/m, '')
      .replace(/^churn_monthly: 8%/m, 'churn_monthly: 30%');
    const lines = githubOfText(text, 'plans/agency.yaml');
    const error = parse(lines[0]!);
    const churnLine = text.split('\n').findIndex((line) => line.startsWith('churn_monthly:')) + 1;
    expect(error.file).toBe('plans/agency.yaml');
    expect(error.line).toBe(churnLine);
    expect(error.col).toBe(1);
  });

  it.each([
    ['a plan that does not fit the period', 'sales.reps', '1', /^ {2}reps:/],
    ['a payback longer than the contract', 'contract_months', '2', /^contract_months:/],
    ['a churn above its limit', 'thresholds.churn_monthly_max', '5%', /^churn_monthly:/],
  ])('points %s at the assumption that drives it', (_, path, value, expected) => {
    const lines = githubOf(planOf('examples/agency.yaml', { overrides: [set(path, value)] }));
    const errors = lines.filter((line) => line.startsWith('::error')).map(parse);
    expect(errors.some((error) => expected.test(lineOf(error.file, error.line)))).toBe(true);
  });

  it('points an overloaded delivery team at the headcount of its busiest role', () => {
    const lines = githubOf(
      planOf('examples/agency.yaml', {
        overrides: [set('delivery.roles.targeting specialist.headcount', '3')],
      }),
    );
    const error = parse(lines.find((line) => line.startsWith('::error'))!);
    expect(lineOf(error.file, error.line).trim()).toMatch(/^headcount:/);
    expect(lineOf(error.file, error.line - 1)).toContain('targeting specialist');
    expect(error.message).toContain('set by --set delivery.roles.targeting specialist.headcount=3');
  });

  it('turns a plan warning into ::warning on the line of the assumption behind it', () => {
    const lines = githubOf(
      planOf('examples/agency.yaml', { overrides: [set('minimum_check', '100k')] }),
    );
    const warning = parse(lines[0]!);
    expect(warning.level).toBe('warning');
    expect(lineOf(warning.file, warning.line)).toMatch(/^minimum_check:/);
    expect(lines.at(-1)).toBe('funnel: all 4 checks passed; warnings: 1');
  });

  it('leaves the file out when the plan was read from standard input', () => {
    const text = readFileSync(join(ROOT, 'examples/agency.yaml'), 'utf8').replace(
      /^churn_monthly: 8%/m,
      'churn_monthly: 30%',
    );
    const lines = githubOfText(text, '-');
    expect(lines[0]).toMatch(/^::error title=funnel%3A LTV\/CAC::/);
  });

  describe.each(EXAMPLE_PLANS)('on %s', (file) => {
    it.each([
      ['as it is', []],
      ['with 40% churn and one rep', [set('churn_monthly', '40%'), set('sales.reps', '1')]],
    ])('puts every annotation on a line that holds the key it names, %s', (_, overrides) => {
      const lines = githubOf(planOf(file, { overrides }));
      const commands = lines.filter((line) => line.startsWith('::'));
      if (overrides.length > 0) {
        expect(commands.length).toBeGreaterThanOrEqual(2);
      }
      for (const command of commands) {
        const parsed = parse(command);
        const key = /driven by (.+?)(?:, set by .*)?\)$/
          .exec(parsed.message)![1]!
          .split('.')
          .at(-1)!;
        expect(lineOf(file, parsed.line)).toContain(`${key}:`);
      }
      expect(lines.at(-1)).toMatch(/^funnel: /);
      expect(lines).toHaveLength(commands.length + 1);
    });
  });
});
