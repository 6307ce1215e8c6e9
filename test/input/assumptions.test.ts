import { describe, expect, it } from 'vitest';

import { getInput, listNumericInputs } from '../../src/calc/paths.js';
import { loadAssumptions, type LoadOptions } from '../../src/input/assumptions.js';
import { InputError, type InputProblem } from '../../src/model/problem.js';
import { lines } from '../support/text.js';

/** A small valid file; each case changes one thing. */
const BASE = `revenue_target: 18M
average_check: 180 000
gross_margin: 45%
contract_months: 4
churn_monthly: 8%
funnel:
  - stage: attempts
  - stage: meetings
    conversion: 2%
  - stage: deals
    conversion: 20%
sales:
  reps: 5
  attempts_per_rep_per_day: 40
  cac: 200 000
delivery:
  hourly_cost: 2 000
  hours_per_client_month: 48
`;

/** YAML text from its lines. */
function problemsOf(text: string, options: LoadOptions = {}): InputProblem[] {
  try {
    loadAssumptions(text, 'plan.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('loadAssumptions reports every problem of a file in one run', () => {
  it('reports a 0% conversion even when another key is misspelt and another is not a number', () => {
    const text = BASE.replace('average_check:', 'averageCheck:')
      .replace('conversion: 2%', 'conversion: 0%')
      .replace('reps: 5', 'reps: five')
      .replace('hourly_cost: 2 000', 'hourly_cost: 0');

    const problems = problemsOf(text);

    expect(problems.map((found) => [found.code, found.path])).toEqual([
      ['unknown_key', 'averageCheck'],
      ['division_by_zero', 'funnel.1.conversion'],
      ['bad_number', 'sales.reps'],
      ['must_be_positive', 'delivery.hourly_cost'],
    ]);
  });

  it('says a misspelt key once, with the key it meant, and not also that the key is missing', () => {
    const problems = problemsOf(BASE.replace('gross_margin:', 'Gross-Margin:'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'unknown_key',
      hint: 'did you mean "gross_margin"?',
    });
  });

  it('does not invent a missing conversion for a stage whose conversion is unreadable', () => {
    const problems = problemsOf(BASE.replace('conversion: 20%', 'conversion: half'));
    expect(problems.map((found) => found.code)).toEqual(['bad_number']);
  });

  it("lists a key the file leaves out after the file's lines and before a --set problem", () => {
    const text = BASE.replace('contract_months: 4\n', '').replace('reps: 5', 'reps: five');
    const problems = problemsOf(text, {
      overrides: [{ path: 'funnel.x', value: '1', origin: '--set funnel.x=1' }],
    });

    expect(problems.map((found) => [found.code, found.file, found.line])).toEqual([
      ['bad_number', 'plan.yaml', 12],
      ['missing_key', 'plan.yaml', null],
      ['bad_override', null, null],
    ]);
  });

  it('names a list or a mapping given where a number belongs, as a deal file does', () => {
    const messages = (reps: string) =>
      problemsOf(BASE.replace('reps: 5', `reps: ${reps}`)).map((found) => found.message);

    expect(messages('[5]')).toEqual(['sales.reps is a list, and a number is expected']);
    expect(messages('{count: 5}')).toEqual([
      'sales.reps is a mapping of keys, and a number is expected',
    ]);
  });

  it('does not call a funnel short when the funnel is not a list at all', () => {
    const text = BASE.replace(/funnel:\n(\s+-.*\n|\s+conversion.*\n)+/, 'funnel: attempts\n');
    const problems = problemsOf(text);
    expect(problems.map((found) => [found.code, found.path])).toEqual([['wrong_type', 'funnel']]);
  });
});

describe('keys named like JavaScript internals are plain unknown keys', () => {
  it('reports __proto__, constructor and prototype and pollutes nothing', () => {
    const text = `${BASE}__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nprototype: {polluted: yes}\nscenarios:\n  __proto__: {polluted: yes}\n`;

    const problems = problemsOf(text);

    expect(problems.filter((found) => found.code === 'unknown_key').map((p) => p.path)).toEqual([
      '__proto__',
      'constructor',
      'prototype',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('pollutes nothing through an override path either', () => {
    expect(() =>
      loadAssumptions(BASE, 'plan.yaml', {
        overrides: [
          { path: '__proto__.polluted', value: 'yes', origin: '--set __proto__.polluted=yes' },
          { path: 'constructor.prototype.polluted', value: 'yes', origin: '--set' },
        ],
      }),
    ).toThrow(InputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('loadAssumptions accepts the friendly forms', () => {
  it('reads shared settings through a merge key as if written out', () => {
    const merged = BASE.replace(
      'sales:\n  reps: 5\n  attempts_per_rep_per_day: 40\n  cac: 200 000\n',
      'sales:\n  <<: *shared\n  attempts_per_rep_per_day: 40\n',
    ).replace('funnel:', 'scenarios:\n  base: &shared {reps: 5, cac: 200 000}\nfunnel:');

    expect(loadAssumptions(merged, 'plan.yaml').assumptions.sales).toEqual(
      loadAssumptions(BASE, 'plan.yaml').assumptions.sales,
    );
  });

  it('reads the same plan from the file written as JSON', () => {
    const fromYaml = loadAssumptions(BASE, 'plan.yaml').assumptions;
    const json = JSON.stringify({
      revenue_target: '18M',
      average_check: 180000,
      gross_margin: '45%',
      contract_months: 4,
      churn_monthly: 0.08,
      funnel: [
        { stage: 'attempts' },
        { stage: 'meetings', conversion: '2%' },
        { stage: 'deals', conversion: 0.2 },
      ],
      sales: { reps: 5, attempts_per_rep_per_day: 40, cac: '200 000' },
      delivery: { hourly_cost: 2000, hours_per_client_month: 48 },
    });

    expect(loadAssumptions(json, 'plan.json').assumptions).toEqual(fromYaml);
  });
});

describe('overrides name list items as the rest of the tool does', () => {
  const named = BASE.replace('stage: meetings', 'stage: Meetings (ЛПР)').replace(
    'delivery:\n',
    lines(
      'delivery:',
      '  roles:',
      '    - role: Account manager',
      '      headcount: 4',
      '      clients_per_person: 15',
    ),
  );

  it('sets every input that sensitivity lists, by the path it lists', () => {
    const { assumptions } = loadAssumptions(named, 'plan.yaml');
    const items = listNumericInputs(assumptions).filter(
      (path) => path.startsWith('funnel.') || path.startsWith('delivery.roles.'),
    );
    expect(items).toEqual([
      'funnel.meetings_лпр.conversion',
      'funnel.deals.conversion',
      'delivery.roles.account_manager.headcount',
      'delivery.roles.account_manager.clients_per_person',
      'delivery.roles.account_manager.share_of_clients',
    ]);

    // Each to a value other than the one it has: share_of_clients, which the file leaves at its
    // default of 1, is set to 0.5, so a key the override adds to the item is checked too.
    const wanted = (path: string) => (path.endsWith('.share_of_clients') ? '50%' : '1');
    for (const path of items) {
      const value = wanted(path);
      const set = loadAssumptions(named, 'plan.yaml', {
        overrides: [{ path, value, origin: `--set ${path}=${value}` }],
      });
      expect(getInput(set.assumptions, path), path).toBe(value === '50%' ? 0.5 : 1);
    }
  });

  it('still finds an item by its name as written in the file', () => {
    const { assumptions } = loadAssumptions(named, 'plan.yaml', {
      overrides: [{ path: 'funnel.Meetings (ЛПР).conversion', value: '3%', origin: '--set' }],
    });
    expect(assumptions.funnel[1]).toEqual({ stage: 'Meetings (ЛПР)', conversion: 0.03 });
  });
});

describe('a key an override creates on the way to its own is placed with the override', () => {
  it('names the --set flag of foo.bar=1 as it names that of foo=1', () => {
    const messages = (path: string) =>
      problemsOf(BASE, {
        overrides: [{ path, value: '1', origin: `--set ${path}=1` }],
      }).map((found) => [found.line, found.message]);

    expect(messages('foo.bar')).toEqual([[null, 'unknown key "foo" (from --set foo.bar=1)']]);
    expect(messages('sales.foo.bar')).toEqual([
      [null, 'unknown key "foo" in sales (from --set sales.foo.bar=1)'],
    ]);
  });

  it("points at the scenario's own key for a key path that does not exist", () => {
    const text = `${BASE}scenarios:\n  odd:\n    sales:\n      foo:\n        bar: 1\n`;

    expect(
      problemsOf(text, { scenario: 'odd' }).map((found) => [found.line, found.col, found.message]),
    ).toEqual([[22, 7, 'unknown key "foo" in sales (from scenario "odd")']]);
  });
});

describe('a scenario sets lists and values as the file writes them', () => {
  const withScenarios = (body: string) =>
    `${BASE}icp:\n  require: [analytics access]\nscenarios:\n${body}`;
  // BASE has 18 lines and icp two more: a scenario's name is on line 22, its first key on 23.

  it('replaces the base funnel with the list the scenario gives', () => {
    const text = withScenarios(
      lines(
        '  short:',
        '    funnel:',
        '      - stage: attempts',
        '      - stage: deals',
        '        conversion: 1%',
      ),
    );

    const { assumptions } = loadAssumptions(text, 'plan.yaml', { scenario: 'short' });

    expect(assumptions.funnel).toEqual([
      { stage: 'attempts', conversion: null },
      { stage: 'deals', conversion: 0.01 },
    ]);
  });

  it('replaces a list named by a dotted key, keeping none of the base items', () => {
    const text = withScenarios('  strict:\n    icp.require: [budget confirmed, no debts]\n');

    const { assumptions } = loadAssumptions(text, 'plan.yaml', { scenario: 'strict' });

    expect(assumptions.icp.require).toEqual(['budget confirmed', 'no debts']);
  });

  it("reports a problem inside the scenario's list at the scenario's own line", () => {
    const text = withScenarios(
      lines(
        '  zero:',
        '    funnel:',
        '      - stage: attempts',
        '      - stage: deals',
        '        conversion: 0%',
      ),
    );

    const problems = problemsOf(text, { scenario: 'zero' });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'division_by_zero',
      path: 'funnel.1.conversion',
      line: 26,
      col: 21,
    });
    expect(problems[0]?.message).toContain('(from scenario "zero")');
  });

  it("reports a list where a number belongs at the scenario's line", () => {
    const problems = problemsOf(withScenarios('  odd:\n    churn_monthly: [1%, 2%]\n'), {
      scenario: 'odd',
    });

    expect(problems.map((found) => [found.code, found.path, found.line])).toEqual([
      ['wrong_type', 'churn_monthly', 23],
    ]);
  });

  it("reports an item the scenario's path does not find at the scenario's line", () => {
    const problems = problemsOf(withScenarios('  typo:\n    funnel.meetngs.conversion: 3%\n'), {
      scenario: 'typo',
    });

    expect(problems).toEqual([
      {
        code: 'bad_override',
        file: 'plan.yaml',
        line: 23,
        col: 5,
        path: 'scenarios.typo.funnel.meetngs.conversion',
        message: 'scenario "typo": funnel has no item "meetngs"',
        hint: 'did you mean "meetings"? Items: attempts, meetings, deals',
      },
    ]);
  });
});

describe("a range stays within its key's limits at both ends", () => {
  it('refuses working days a week that may reach 8', () => {
    const text = BASE.replace(
      '  cac: 200 000\n',
      '  cac: 200 000\n  working_days_per_week: 5..8\n',
    );

    expect(problemsOf(text).map((found) => [found.code, found.path, found.line])).toEqual([
      ['too_many_days', 'sales.working_days_per_week', 16],
    ]);
  });

  it('accepts working days a week from 5 to 7', () => {
    const text = BASE.replace(
      '  cac: 200 000\n',
      '  cac: 200 000\n  working_days_per_week: 5..7\n',
    );

    expect(loadAssumptions(text, 'plan.yaml').uncertain).toEqual([
      {
        path: 'sales.working_days_per_week',
        distribution: 'uniform',
        low: 5,
        high: 7,
        mode: null,
      },
    ]);
  });

  it('refuses monthly costs whose ranges may add up to zero, as it refuses a CAC from 0', () => {
    const costs = '  monthly_costs: {payroll: 0..900 000, tools: 0, marketing: 0}\n';
    const problems = problemsOf(BASE.replace('  cac: 200 000\n', costs));

    expect(problems.map((found) => [found.code, found.path, found.message])).toEqual([
      [
        'must_be_positive',
        'sales.monthly_costs',
        'sales.monthly_costs can add up to zero within their ranges, and LTV/CAC divides by CAC',
      ],
    ]);
  });

  it('accepts monthly costs that start at zero while another cost stays above it', () => {
    const costs = '  monthly_costs: {payroll: 0..900 000, tools: 10 000, marketing: 0}\n';
    const { assumptions } = loadAssumptions(BASE.replace('  cac: 200 000\n', costs), 'plan.yaml');

    expect(assumptions.sales.monthlyCosts).toEqual({
      payroll: 450_000,
      tools: 10_000,
      marketing: 0,
    });
  });
});
