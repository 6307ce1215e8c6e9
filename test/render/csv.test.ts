import { describe, expect, it } from 'vitest';

import { CSV_HEADER, csvCell, renderCsv } from '../../src/render/csv.js';
import type { Report } from '../../src/render/report.js';
import { parseCsv, records } from '../support/csv.js';
import { EXAMPLE_PLANS, jsonAt, planOf } from './plan-fixture.js';

describe('csv format', () => {
  describe.each(EXAMPLE_PLANS)('on %s', (file) => {
    const { report, json } = planOf(file);
    const csv = renderCsv(report);
    const rows = records(csv);

    it('starts with the header row and gives every row the same seven columns', () => {
      const parsed = parseCsv(csv);
      expect(parsed[0]).toEqual(CSV_HEADER);
      for (const cells of parsed) {
        expect(cells).toHaveLength(7);
      }
    });

    it('holds each figure unrounded, equal to the same key of the JSON', () => {
      const figures = rows.filter((row) => row.section !== 'checks');
      expect(figures.length).toBeGreaterThan(20);
      for (const row of figures) {
        expect(Number(row.value), row.figure).toBe(jsonAt(json, row.figure!));
      }
    });

    it('lists every numeric figure of sales, unit economics and pricing', () => {
      for (const section of ['sales', 'unit_economics', 'pricing']) {
        const numeric = Object.entries(json[section] as Record<string, unknown>)
          .filter(([, value]) => typeof value === 'number')
          .map(([key]) => `${section}.${key}`);
        const listed = rows.map((row) => row.figure);
        expect(listed).toEqual(expect.arrayContaining(numeric));
      }
    });

    it('gives each check its value, limit and verdict as the JSON does', () => {
      const checks = rows.filter((row) => row.section === 'checks');
      expect(checks).toHaveLength((json.checks as unknown[]).length);
      for (const row of checks) {
        const check = jsonAt(json, row.figure!) as { value: number; limit: number; ok: boolean };
        expect(Number(row.value)).toBe(check.value);
        expect(Number(row.limit)).toBe(check.limit);
        expect(row.passed).toBe(String(check.ok));
      }
    });

    it('names money by the currency of the file and never colours anything', () => {
      expect(rows.find((row) => row.figure === 'unit_economics.ltv')?.unit).toBe(json.currency);
      expect(csv).not.toMatch(/\u001b\[/);
      expect(csv.endsWith('\r\n')).toBe(true);
    });
  });

  it('keeps 8.333333333333334 weeks to close for the agency, not 8.3', () => {
    const rows = records(renderCsv(planOf('examples/agency.yaml').report));
    const weeks = rows.find((row) => row.figure === 'sales.weeks_to_close');
    expect(weeks?.value).toBe('8.333333333333334');
  });

  it('quotes commas, quotes and line breaks, and they read back the same', () => {
    const names = ['SEO, content', 'the "lead" manager', 'two\nlines'];
    const report: Report = {
      title: 't',
      lang: 'en',
      currency: 'USD',
      ok: true,
      sections: [
        {
          id: 'capacity',
          title: 'Capacity',
          itemLabel: 'Role',
          figures: names.map((name) => ({
            key: `capacity.${name}.load`,
            item: name,
            label: 'Load',
            value: 0.5,
            unit: 'share' as const,
            text: '50%',
          })),
        },
      ],
      checks: [],
      warnings: [],
    };
    const rows = records(renderCsv(report));
    expect(rows.map((row) => row.figure)).toEqual(names.map((name) => `capacity.${name}.load`));
    expect(csvCell('SEO, content')).toBe('"SEO, content"');
    expect(csvCell('the "lead"')).toBe('"the ""lead"""');
  });

  it('leads a cell a spreadsheet would run as a formula with an apostrophe', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+7 stage')).toBe("'+7 stage");
    expect(csvCell('meetings')).toBe('meetings');
  });
});
