import { describe, expect, it } from 'vitest';
import { checkDeal } from '../../src/calc/deal.js';
import type { Deal, DealReason } from '../../src/model/deal.js';
import {
  dealToJson,
  pipelineHead,
  pipelineRow,
  reasonMessage,
  renderDealRows,
  renderDealTable,
} from '../../src/render/deal.js';
import { dealReport, renderDealsMarkdown } from '../../src/render/deal-report.js';
import { createFormatter } from '../../src/render/format.js';
import { makeAssumptions } from '../support/assumptions.js';
import { AGENCY_ICP, makeDeal } from '../support/deal.js';

const en = createFormatter('en', 'RUB');
const ru = createFormatter('ru', 'RUB');

/** Intl writes non-breaking spaces in ru-RU figures; the tests spell them as plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function check(deal: Partial<Deal>) {
  return checkDeal(makeAssumptions({ icp: AGENCY_ICP }), makeDeal(deal));
}

function message(reason: DealReason, lang: 'en' | 'ru'): string {
  return plain(reasonMessage(reason, lang === 'en' ? en : ru));
}

const belowMinimum = check({ check: 150_000, hours: 48, months: 6 }).reasons[0] as DealReason;

describe('a price a few kopecks under the minimum', () => {
  // 174 545 against a minimum of 174 545.45: whole roubles would show two equal prices.
  const result = check({ check: 174_545, hours: 48, months: 6 });

  it('writes both with kopecks in the reason, so the gap shows', () => {
    const below = result.reasons.find((reason) => reason.id === 'below_minimum_check')!;
    expect(message(below, 'en')).toBe(
      'price ₽174,545 is below the minimum ₽174,545.45 for 48 h at 45% margin',
    );
    expect(message(below, 'ru')).toBe(
      'цена 174 545 ₽ ниже минимума 174 545,45 ₽ для 48 ч при марже 45 %',
    );
  });

  it('writes the check row and the gap of the markdown report in kopecks too', () => {
    const report = dealReport(
      { origin: 'flags', result },
      makeAssumptions({ icp: AGENCY_ICP }),
      en,
    );
    expect(report.checks.find((entry) => entry.id === 'minimum_check')).toMatchObject({
      valueText: '₽174,545',
      limitText: '≥ ₽174,545.45',
    });
    const figures = report.sections.flatMap((section) => section.figures);
    expect(figures.find((figure) => figure.key === 'price_gap')?.text).toBe('-₽0.45');
  });

  it('shows the gap to the minimum in kopecks, with its sign, rather than ₽0', () => {
    expect(renderDealTable(result, en, false)).toMatch(/│ price vs\. minimum +│ +−₽0\.45 \(0%\) │/);
  });
});

describe('reasonMessage', () => {
  it('tells why 150 000 for 48 h is too cheap at 45% margin', () => {
    expect(belowMinimum.id).toBe('below_minimum_check');
    expect(message(belowMinimum, 'en')).toBe(
      'price ₽150,000 is below the minimum ₽174,545 for 48 h at 45% margin',
    );
  });

  it('says the same in Russian', () => {
    expect(message(belowMinimum, 'ru')).toBe(
      'цена 150 000 ₽ ниже минимума 174 545 ₽ для 48 ч при марже 45 %',
    );
  });

  it('names CAC and the term when the CAC minimum binds', () => {
    const [reason] = check({ check: 250_000, months: 1 }).reasons;

    expect(message(reason as DealReason, 'en')).toBe(
      'price ₽250,000 is below the minimum ₽296,000 for 48 h to earn back CAC ₽200,000 in 1 months',
    );
    expect(message(reason as DealReason, 'ru')).toBe(
      'цена 250 000 ₽ ниже минимума 296 000 ₽ для 48 ч, чтобы окупить CAC 200 000 ₽ за 1 мес.',
    );
  });

  it('lists the red flags that reject a lead, missing criteria marked', () => {
    const [reason] = check({
      has: ['analytics access', 'decision maker in the meetings'],
      flags: ['no CRM'],
    }).reasons;

    expect(message(reason as DealReason, 'en')).toBe(
      '2 red flags (no CRM; missing: budget confirmed): 2 or more reject the lead',
    );
    expect(message(reason as DealReason, 'ru')).toBe(
      '2 красных флага (no CRM; нет: budget confirmed): от 2 сделка отклоняется',
    );
  });

  it('uses the Russian plural of red flags: 5 красных флагов', () => {
    const [reason] = check({ has: [], flags: ['no CRM', 'site frozen for a year'] }).reasons;

    expect(message(reason as DealReason, 'ru')).toMatch(/^5 красных флагов \(/);
  });

  it('explains a single red flag as something to settle before quoting', () => {
    const [reason] = check({ flags: ['no CRM'] }).reasons;

    expect(message(reason as DealReason, 'en')).toBe(
      'red flag: no CRM; one can be compensated, 2 reject the lead: settle it before quoting',
    );
  });

  it('says a price under the direct cost never pays back', () => {
    const reason = check({ check: 90_000 }).reasons.find((r) => r.id === 'no_gross_profit');

    expect(message(reason as DealReason, 'en')).toBe(
      'price ₽90,000 does not cover the direct cost ₽96,000 of 48 h: ' +
        'no gross profit, CAC never pays back',
    );
  });

  it('compares payback with the contract: 3.7 months against 3', () => {
    const reason = check({ check: 150_000, months: 3 }).reasons.find(
      (r) => r.id === 'payback_beyond_contract',
    );

    expect(message(reason as DealReason, 'en')).toBe(
      'CAC ₽200,000 pays back in 3.7 months, longer than the 3-month contract',
    );
    expect(message(reason as DealReason, 'ru')).toBe(
      'CAC 200 000 ₽ окупается за 3,7 мес. — дольше контракта на 3 мес.',
    );
  });

  it('tells by how much an accepted price clears the minimum', () => {
    const [reason] = check({}).reasons;

    expect(message(reason as DealReason, 'en')).toBe(
      'price ₽220,000 is ₽45,455 (26%) above the minimum ₽174,545 for 48 h',
    );
  });

  it('says a price at the minimum is exactly the minimum', () => {
    const [reason] = check({ check: 96_000 / 0.55 }).reasons;

    expect(message(reason as DealReason, 'en')).toBe(
      'price ₽174,545 is exactly the minimum for 48 h',
    );
  });

  it('asks to pause sales when a role goes over its ceiling', () => {
    const reason: DealReason = {
      id: 'role_over_capacity',
      verdict: 'REVIEW',
      values: { role: 'account manager', load: 0.9, maxLoad: 0.85, clients: 18, capacity: 20 },
    };

    expect(message(reason, 'en')).toBe(
      'account manager load goes to 90% with this client, ' +
        'over the 85% ceiling: pause sales or hire',
    );
    expect(message(reason, 'ru')).toBe(
      'загрузка «account manager» с этим клиентом — 90 %, выше потолка 85 %: ' +
        'приостановите продажи или наймите людей',
    );
  });
});

describe('dealToJson', () => {
  it('gives the verdict, reasons with id, message and values, every figure in snake_case', () => {
    const json = dealToJson(check({ name: 'Orbit', check: 150_000, months: 3 }), en);

    expect(json.verdict).toBe('REJECT');
    expect(json.reasons[0]).toMatchObject({
      id: 'below_minimum_check',
      verdict: 'REJECT',
      message: 'price ₽150,000 is below the minimum ₽174,545 for 48 h at 45% margin',
      check: 150_000,
      gross_margin: 0.45,
      binding: 'margin',
    });
    expect(json.reasons[1]).toMatchObject({ id: 'payback_beyond_contract', months: 3 });
    expect(Object.keys(json)).toEqual([
      'name',
      'verdict',
      'reasons',
      'checks',
      'check',
      'hours',
      'months',
      'direct_cost',
      'gross_margin',
      'target_gross_margin',
      'gross_profit_per_month',
      'cac',
      'cac_source',
      'payback_months',
      'lifetime_months',
      'ltv',
      'ltv_to_cac',
      'minimum_check_for_margin',
      'minimum_check_for_cac',
      'minimum_check',
      'binding_minimum',
      'price_gap',
      'price_gap_share',
      'hours_budget',
      'red_flags',
      'capacity',
    ]);
    expect(json.capacity[0]).toEqual({
      role: 'account manager',
      clients: 31,
      capacity: 60,
      load: 31 / 60,
      max_load: 0.85,
      ok: true,
    });
  });

  it('writes a payback that never comes as null', () => {
    const json = dealToJson(check({ check: 90_000 }), en);

    expect(json.payback_months).toBeNull();
    expect(JSON.parse(JSON.stringify(json)).payback_months).toBeNull();
  });

  it('lists the checks behind the verdict with their figure, limit and result', () => {
    const result = check({ check: 90_000 });
    const json = JSON.parse(JSON.stringify(dealToJson(result, en)));

    expect(json.checks).toHaveLength(result.checks.length);
    expect(json.checks.find((entry: { id: string }) => entry.id === 'minimum_check')).toEqual({
      id: 'minimum_check',
      role: null,
      value: 90_000,
      limit: result.minimumCheck,
      comparison: '>=',
      ok: false,
    });
    expect(
      json.checks.find((entry: { id: string }) => entry.id === 'payback_within_contract'),
    ).toMatchObject({
      value: null,
      ok: false,
    });
  });

  it('lists red flags with their kind', () => {
    const json = dealToJson(check({ has: ['analytics access', 'budget confirmed'] }), en);

    expect(json.red_flags).toEqual([
      { flag: 'decision maker in the meetings', kind: 'missing_requirement' },
    ]);
  });
});

describe('renderDealTable', () => {
  const result = check({ name: 'Orbit Logistics', check: 150_000, months: 3 });

  it('starts with the verdict and ends with one line per reason, without colour', () => {
    const lines = renderDealTable(result, en, false).trimEnd().split('\n');

    expect(lines[0]).toBe('REJECT: Orbit Logistics');
    expect(lines.slice(-2)).toEqual([
      '• price ₽150,000 is below the minimum ₽174,545 for 48 h at 45% margin',
      '• CAC ₽200,000 pays back in 3.7 months, longer than the 3-month contract',
    ]);
    expect(renderDealTable(result, en, false)).not.toContain('\u001b[');
  });

  it('shows the price gap with its sign and the binding minimum', () => {
    const text = renderDealTable(result, en, false);

    expect(text).toMatch(/price vs\. minimum +│ +−₽24,545 \(−14\.1%\)/);
    expect(text).toMatch(/minimum check for the margin +│ ₽174,545 \(binding\)/);
  });

  it('lines its figures up on the right, as the plan tables do', () => {
    const rows = renderDealTable(result, en, false)
      .split('\n')
      .filter((line) => line.startsWith('│'));
    const values = rows.map((row) => row.split('│')[2] ?? '');

    expect(rows.find((row) => row.includes('contract, months'))).toMatch(/│ +3 │$/);
    expect(values.every((cell) => /^ .*\S $/.test(cell))).toBe(true);
  });

  it('colours the verdict red when asked to', () => {
    expect(renderDealTable(result, en, true)).toContain('\u001b[31mREJECT: Orbit Logistics');
  });

  it('speaks Russian', () => {
    const text = plain(renderDealTable(result, ru, false));

    expect(text.split('\n')[0]).toBe('ОТКЛОНИТЬ: Orbit Logistics');
    expect(text).toContain('• цена 150 000 ₽ ниже минимума 174 545 ₽ для 48 ч при марже 45 %');
  });
});

describe('renderDealRows', () => {
  it('prints one row per deal for a pipeline review', () => {
    const text = renderDealRows(
      [
        check({ name: 'Northwind', check: 220_000 }),
        check({ name: 'Lakeside', check: 180_000, months: 4, flags: ['no CRM'] }),
        check({ check: 80_000 }),
      ],
      en,
    );
    const rows = text.split('\n').filter((line) => line.startsWith('│'));

    expect(
      rows.map((row) =>
        row
          .split('│')
          .map((cell) => cell.trim())
          .slice(1, -1),
      ),
    ).toEqual([
      ['name', 'check', 'margin', 'payback, months', 'LTV/CAC', 'flags', 'verdict'],
      ['Northwind', '₽220,000', '56.4%', '1.61', '7.75', '0', 'ACCEPT'],
      ['Lakeside', '₽180,000', '46.7%', '2.38', '5.25', '1', 'REVIEW'],
      ['#3', '₽80,000', '-20%', 'never', '-1', '0', 'REJECT'],
    ]);
    expect(rows[3]).toMatch(/^│ #3 +│ +₽80,000 │ +-20% │ +never │ +-1 │ +0 │ REJECT +│$/);
  });
});

describe('pipelineRow', () => {
  it('gives a deal’s cells under pipelineHead, with a dash for LTV/CAC when there is no CAC', () => {
    const free = checkDeal(makeAssumptions({ icp: AGENCY_ICP, sales: { cac: 0 } }), makeDeal());

    expect(pipelineHead('ru')).toEqual([
      'название',
      'чек',
      'маржа',
      'окупаемость, мес.',
      'LTV/CAC',
      'флаги',
      'вердикт',
    ]);
    expect(pipelineRow(free, en, 'Northwind', 'ACCEPT')).toEqual([
      'Northwind',
      '₽220,000',
      '56.4%',
      '0',
      '—',
      '0',
      'ACCEPT',
    ]);
  });

  it('is the row of the markdown pipeline as of the terminal one', () => {
    const assumptions = makeAssumptions({ icp: AGENCY_ICP });
    const results = [check({ name: 'Northwind' }), check({ check: 90_000 })];
    const reports = results.map((result, index) =>
      dealReport({ origin: `deals.yaml#${index + 1}`, result }, assumptions, en),
    );
    const markdown = renderDealsMarkdown(reports, en, false);
    const cells = (row: string[]) => `| ${row.join(' | ')} |`;

    expect(markdown).toContain(
      `\n${cells(pipelineHead('en').map((word) => word[0]!.toUpperCase() + word.slice(1)))}\n`,
    );
    // The figures (check to flags) of each row, as the terminal table and the markdown show them.
    const figures = (line: string, bar: string) =>
      line
        .split(bar)
        .slice(2, -2)
        .map((cell) => cell.trim());
    const terminal = renderDealRows(results, en, false)
      .split('\n')
      .filter((line) => line.startsWith('│') && !line.includes('│ name'))
      .map((line) => figures(line, '│'));
    const rows = markdown
      .split('\n')
      .filter((line) => /^\| (Northwind|deals\.yaml#2) \|/.test(line))
      .map((line) => figures(line, '|'));
    expect(terminal).toEqual([
      ['₽220,000', '56.4%', '1.61', '7.75', '0'],
      ['₽90,000', '-6.7%', 'never', '-0.37', '0'],
    ]);
    expect(rows).toEqual(terminal);
  });
});

describe('dealReport', () => {
  it('keeps a check without a figure as a row, a dash failed as the verdict reads it', () => {
    // 90 000 for 48 hours has no gross profit: the payback never comes.
    const assumptions = makeAssumptions({ icp: AGENCY_ICP });
    const result = check({ check: 90_000 });
    const report = dealReport({ origin: 'flags', result }, assumptions, en);
    const payback = report.checks.find((entry) => entry.id === 'payback_within_contract');
    expect(payback).toMatchObject({
      value: null,
      valueText: '—',
      limitText: '≤ 6 months',
      ok: false,
    });
    expect(report.checks.map((entry) => entry.id)).toEqual(
      result.checks.map((entry) => (entry.id === 'load' ? `load.${entry.role}` : entry.id)),
    );
  });
});
