import { describe, expect, it } from 'vitest';

import { bindingLines, renderPlanTable } from '../../src/render/plan.js';
import { checkTexts, figuresApart, metricUnit } from '../../src/render/report.js';
import { EXAMPLE_PLANS, planOf, set } from './plan-fixture.js';

/** The last line of the plan's terminal table: its verdict. */
function verdict(file: string, options: Parameters<typeof planOf>[1]): string {
  const { view, fmt } = planOf(file, options);
  return renderPlanTable(view, fmt, false).trimEnd().split('\n').at(-1)!;
}

const ONE_FAILS = [set('churn_monthly', '30%')];
const THREE_FAIL = [
  set('churn_monthly', '30%'),
  set('thresholds.churn_monthly_max', '5%'),
  set('sales.reps', '1'),
];

describe('the verdict under the plan table', () => {
  it('says "1 of 4 checks failed." when 30% churn breaks LTV/CAC', () => {
    expect(verdict('examples/agency.yaml', { overrides: ONE_FAILS })).toBe('1 of 4 checks failed.');
  });

  it('words one and three failed checks in Russian as the GitHub summary does', () => {
    expect(verdict('examples/agency.yaml', { lang: 'ru', overrides: ONE_FAILS })).toBe(
      'Не пройдено проверок: 1 из 4.',
    );
    expect(verdict('examples/agency.yaml', { lang: 'ru', overrides: THREE_FAIL })).toBe(
      'Не пройдено проверок: 3 из 5.',
    );
  });

  it('says every check passed when none fails', () => {
    expect(verdict('examples/agency.yaml', {})).toBe('All checks passed.');
  });
});

describe('the binding constraint', () => {
  it('writes the hours that relieve the price floor as the hours budget reads: 47.1, not 47.14', () => {
    // 180 000 × 55% / 2 100 = 47.14 hours pay for the margin at the average check.
    const { plan, fmt } = planOf('examples/agency.yaml', {
      overrides: [
        set('delivery.hourly_cost', '2100'),
        set('delivery.hours_per_client_month', '80'),
      ],
    });
    const lines = bindingLines(plan, fmt).split('\n');
    expect(lines.find((line) => line.includes('delivery.hours_per_client_month'))).toMatch(
      /: 80( h)? → 47\.1( h)?$/,
    );
  });
});

describe('the relief of the binding constraint', () => {
  it('shows each value rounded to the side that still relieves it, not to the nearest', () => {
    // LTV/CAC 3.1 at 30% churn needs a check of 413 333.33, a CAC of 87 096.77 or a churn of
    // 13.06%; the nearest would be ₽413,333, ₽87,097 and 13.1%, each just short of it.
    const { plan, fmt } = planOf('examples/agency.yaml', {
      overrides: [set('churn_monthly', '30%'), set('thresholds.ltv_to_cac_min', '3.1')],
    });
    const lines = bindingLines(plan, fmt).split('\n');
    expect(lines).toContain('  → average_check: ₽180,000 → ₽413,334');
    expect(lines).toContain('  → sales.cac: ₽200,000 → ₽87,096');
    expect(lines).toContain('  → churn_monthly: 30% → 13%');
  });
});

describe('the name of the binding constraint', () => {
  /** The first line of the binding-constraint block, trimmed. */
  function head(options: Parameters<typeof planOf>[1]): string {
    const { plan, fmt } = planOf('examples/agency.yaml', options);
    return bindingLines(plan, fmt).split('\n')[0]!.trim();
  }

  it('is the heading of its section of the plan, in either language', () => {
    const overloaded = [set('delivery.roles.targeting specialist.headcount', '3')];
    expect(head({ overrides: overloaded })).toBe('Delivery capacity (Delivery load)');
    expect(head({ lang: 'ru', overrides: ONE_FAILS })).toBe('Юнит-экономика (LTV/CAC)');
  });

  it('starts with a capital letter when nothing fails, as the other names do', () => {
    expect(head({})).toMatch(/^Nothing fails; the tightest check is /);
    expect(head({ lang: 'ru' })).toMatch(/^Ничего не нарушено; ближе всего к порогу: /);
  });
});

describe('the texts of a check', () => {
  it('write the value and the limit in the unit, with ≥ or ≤ before the limit', () => {
    const fmt = planOf('examples/agency.yaml').fmt;
    expect(checkTexts(200_000 / 81_000, 4, '<=', 'months', fmt)).toEqual({
      value: '2.47 months',
      limit: '≤ 4 months',
    });
    expect(checkTexts(5.0625, 3, '>=', 'ratio', fmt)).toEqual({ value: '5.06', limit: '≥ 3' });
  });

  it('write a value just short of its limit with the decimals that show it is short', () => {
    const fmt = planOf('examples/agency.yaml').fmt;
    expect(checkTexts(5.0625, 5.0626, '>=', 'ratio', fmt)).toEqual({
      value: '5.0625',
      limit: '≥ 5.0626',
    });
    expect(checkTexts(174_545, 174_545.4545, '>=', 'money', fmt)).toEqual({
      value: '₽174,545',
      limit: '≥ ₽174,545.45',
    });
    expect(checkTexts(0.85, 0.85, '<=', 'share', fmt)).toEqual({ value: '85%', limit: '≤ 85%' });
  });
});

describe('figuresApart', () => {
  const fmt = planOf('examples/agency.yaml').fmt;

  it('adds kopecks to money at once, then a decimal at a time, up to four', () => {
    expect(figuresApart(-0.4545, 0, 'money', fmt)).toEqual(['-₽0.45', '₽0']);
    expect(figuresApart(174_545.449, 174_545.4545, 'money', fmt)).toEqual([
      '₽174,545.449',
      '₽174,545.455',
    ]);
    expect(figuresApart(1, 1 + 1e-9, 'ratio', fmt)).toEqual(['1', '1']);
  });

  it('keeps the plain texts of figures that read apart already, or are equal', () => {
    expect(figuresApart(180_000, 174_545.45, 'money', fmt)).toEqual(['₽180,000', '₽174,545']);
    expect(figuresApart(0.45, 0.45, 'share', fmt)).toEqual(['45%', '45%']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the plan table and the report formats', () => {
  // Churn 9%: a lifetime of 11.11 months, which one decimal showed as 11.1 in the table only.
  it('show every figure they share in the same text, in either language', () => {
    for (const lang of ['en', 'ru'] as const) {
      for (const file of EXAMPLE_PLANS) {
        const { view, fmt, report } = planOf(file, {
          lang,
          overrides: [set('churn_monthly', '9%')],
        });
        const table = renderPlanTable(view, fmt, false);
        const rows = table.split('\n');
        const shared = report.sections
          .flatMap((section) => section.figures)
          .filter((figure) => figure.item === null)
          .flatMap((figure) => {
            const row = rows.find((line) => line.startsWith(`│ ${figure.label} `));
            return row ? [{ figure, row }] : [];
          });
        // The table's figures of the whole plan: clients, sales, unit economics and pricing.
        expect(shared.length, file).toBeGreaterThanOrEqual(12);
        // The number as shown; the table may write a unit another way ("8.3 of 13" weeks).
        for (const { figure, row } of shared) {
          const [number = figure.text] = figure.text.split(' ');
          expect(row, `${file} ${figure.key}`).toMatch(new RegExp(`[ │]${escape(number)}[ │]`));
        }
      }
    }
  });
});

describe('the report formats', () => {
  it('give each figure the unit its id has everywhere else (compare, goal seek, sensitivity)', () => {
    const { report } = planOf('examples/agency.yaml');
    const figures = report.sections.flatMap((section) => section.figures);
    const known = figures.flatMap((figure) => {
      const field = figure.key.split('.').at(-1)!;
      const id =
        figure.item === null
          ? field
          : `${figure.key.startsWith('funnel') ? 'funnel' : 'roles'}.x.${field}`;
      const unit = metricUnit(id);
      return unit === null ? [] : [{ key: figure.key, unit, shown: figure.unit }];
    });
    expect(known.length).toBeGreaterThan(20);
    for (const { key, unit, shown } of known) {
      expect(shown, key).toBe(unit);
    }
  });

  it('carry the figures the plan table shows: contract, clients lost to churn, hours a client', () => {
    const { report, json } = planOf('examples/agency.yaml');
    const figures = report.sections.flatMap((section) => section.figures);
    const valueOf = (key: string) => figures.find((figure) => figure.key === key)?.value;
    expect(valueOf('contract_months')).toBe(4);
    expect(valueOf('clients_lost_per_month')).toBe(json.clients_lost_per_month);
    // 25 client hours a week over 15 clients per account manager.
    expect(valueOf('capacity.account manager.hours_per_client_per_week')).toBeCloseTo(25 / 15, 12);
  });
});
