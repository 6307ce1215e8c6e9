import { describe, expect, it } from 'vitest';

import { markdownCell, renderMarkdown } from '../../src/render/markdown.js';
import type { FigureUnit } from '../../src/render/report.js';
import { EXAMPLE_PLANS, jsonAt, planOf, set } from './plan-fixture.js';

interface Table {
  heading: string;
  head: string[];
  rows: string[][];
}

/** Splits a pipe-table row into cells, honouring `\|` inside a cell. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const found: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i]!;
    if (char === '\\' && i + 1 < inner.length) {
      cell += inner[i + 1];
      i += 1;
    } else if (char === '|') {
      found.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  found.push(cell.trim());
  return found;
}

/** Every pipe table of a markdown text, under the `###` heading it follows. */
function tables(markdown: string): Table[] {
  const found: Table[] = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('### ')) {
      heading = line.slice(4);
    } else if (line.startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? '')) {
      const rows: string[][] = [];
      let j = i + 2;
      while (lines[j]?.startsWith('|')) {
        rows.push(cells(lines[j]!));
        j += 1;
      }
      found.push({ heading, head: cells(line), rows });
      i = j - 1;
    }
  }
  return found;
}

/** The number an English figure shows: ₽1,012,500 → 1012500; 77.4% → 0.774. */
function shownNumber(text: string): number {
  const number = Number(text.replace(/[^0-9.-]/g, ''));
  return text.includes('%') ? number / 100 : number;
}

/** How far a shown figure may be from the exact one, by the rounding rule of its unit. */
function agrees(shown: number, exact: number, unit: FigureUnit): boolean {
  const slack: Record<FigureUnit, number> = {
    money: 0.5,
    share: 0.0005,
    ratio: 0.005,
    months: 0.005,
    weeks: 0.05,
    hours: 0.05,
    per_week: 0.05,
    per_day: 0.05,
    clients: 0.05,
    client_months: 0.05,
    people: 0,
    count: 0,
  };
  if (unit === 'count') {
    return shown >= exact - 1e-6 && shown < exact + 1;
  }
  return Math.abs(shown - exact) <= slack[unit] + 1e-9;
}

describe('markdown format', () => {
  describe.each(EXAMPLE_PLANS)('on %s', (file) => {
    const { report, json } = planOf(file);
    const markdown = renderMarkdown(report);
    const parsed = tables(markdown);

    it('opens with the verdict: ✅ when every check passes, ❌ otherwise', () => {
      expect(markdown.startsWith(`## ${json.ok ? '✅' : '❌'} `)).toBe(true);
    });

    it('has one row per check, marked ✅ or ❌ as the JSON says', () => {
      const checks = parsed.find((table) => table.heading === 'Checks')!;
      const expected = json.checks as { ok: boolean }[];
      expect(checks.rows).toHaveLength(expected.length);
      checks.rows.forEach((row, index) => {
        expect(row[3]!.startsWith(expected[index]!.ok ? '✅' : '❌')).toBe(true);
      });
    });

    it('reads back into the same figures, each within the rounding of its unit', () => {
      let compared = 0;
      for (const section of report.sections) {
        const table = parsed.find((entry) => entry.heading === section.title)!;
        for (const figure of section.figures) {
          const shown =
            section.itemLabel === null
              ? table.rows.find((row) => row[0] === figure.label)?.[1]
              : table.rows.find((row) => row[0] === figure.item)?.[
                  table.head.indexOf(figure.label)
                ];
          expect(shown, figure.key).toBe(figure.text);
          const exact = jsonAt(json, figure.key) as number;
          expect(agrees(shownNumber(shown!), exact, figure.unit), figure.key).toBe(true);
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(20);
    });
  });

  it('shows the agency LTV/CAC as 5.06 and LTV as ₽1,012,500', () => {
    const parsed = tables(renderMarkdown(planOf('examples/agency.yaml').report));
    const unit = parsed.find((table) => table.heading === 'Unit economics')!;
    expect(unit.rows).toContainEqual(['LTV/CAC', '5.06']);
    expect(unit.rows).toContainEqual(['LTV', '₽1,012,500']);
  });

  it('rounds 20.8 new clients up to 21, as the terminal table and the deals stage do', () => {
    const { report } = planOf('examples/agency.yaml', {
      overrides: [set('revenue_target', '15M')],
    });
    const parsed = tables(renderMarkdown(report));
    const clients = parsed.find((table) => table.heading === 'Clients')!;
    const funnel = parsed.find((table) => table.heading === 'Funnel')!;
    expect(clients.rows).toContainEqual(['New clients', '21']);
    expect(funnel.rows).toContainEqual(['deals', '21', '40%']);
  });

  it('says how many checks failed and lists warnings when 30% churn breaks LTV/CAC', () => {
    const { report } = planOf('examples/agency.yaml', {
      overrides: [set('churn_monthly', '30%'), set('minimum_check', '100k')],
    });
    const markdown = renderMarkdown(report);
    expect(markdown.startsWith('## ❌ ')).toBe(true);
    expect(markdown).toContain('**1 of 4 checks failed.**');
    expect(markdown).toContain('| LTV/CAC | 1.35 | ≥ 3 | ❌ failed |');
    expect(markdown).toMatch(/### Warnings\n\n- ⚠️ the policy minimum check ₽100,000/);
  });

  it('says in Russian how many checks failed, in words that agree with the count', () => {
    const { report } = planOf('examples/agency.yaml', {
      lang: 'ru',
      overrides: [set('churn_monthly', '30%')],
    });
    expect(renderMarkdown(report)).toContain('**Не пройдено проверок: 1 из 4.**');
  });

  it('writes headings and labels in Russian with --lang ru', () => {
    const markdown = renderMarkdown(planOf('examples/agency.yaml', { lang: 'ru' }).report);
    expect(markdown).toContain('### Проверки');
    expect(markdown).toContain('| Проверка | Значение | Порог | Итог |');
    expect(markdown).toContain('Все проверки пройдены.');
  });

  it('escapes a pipe in a name so that it stays in its cell', () => {
    expect(markdownCell('SEO | content')).toBe('SEO \\| content');
    expect(cells(`| ${markdownCell('SEO | content')} | 60 |`)).toEqual(['SEO | content', '60']);
    expect(markdownCell('two\nlines')).toBe('two lines');
  });
});
