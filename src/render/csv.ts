/**
 * A report as CSV for a spreadsheet: a header row, then one row per figure
 * with its unrounded value, RFC 4180 quoting and CRLF line ends. Checks are
 * rows too, with their limit and verdict in the last two columns.
 */

import { label } from './labels.js';
import type { Report } from './report.js';

export const CSV_HEADER = ['section', 'figure', 'label', 'value', 'unit', 'limit', 'passed'];

/**
 * A text cell: quoted when it holds a quote, comma or line break (RFC 4180),
 * and led by an apostrophe when a spreadsheet would run it as a formula.
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number as JavaScript writes it back exactly: 8.333333333333334, never rounded. */
function csvNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/**
 * The rows of a report, each a list of cells ready to join: figures, then
 * checks with their limit and verdict. The columns are CSV_HEADER's.
 */
export function csvRecords(report: Report): string[][] {
  const records: string[][] = [];
  const unitName = (unit: string) => (unit === 'money' ? report.currency : unit);

  for (const section of report.sections) {
    for (const figure of section.figures) {
      records.push([
        csvCell(section.id),
        csvCell(figure.key),
        csvCell(figure.item === null ? figure.label : `${figure.item}: ${figure.label}`),
        csvNumber(figure.value),
        csvCell(unitName(figure.unit)),
        '',
        '',
      ]);
    }
  }

  for (const check of report.checks) {
    const passed = check.ok ? 'true' : 'false';
    records.push([
      'checks',
      csvCell(`checks.${check.id}`),
      csvCell(check.label),
      check.value === null ? '' : csvNumber(check.value),
      csvCell(unitName(check.unit)),
      csvNumber(check.limit),
      passed,
    ]);
    // A check that gates on its chance passes or fails on this row, the one above its figure.
    if (check.gate) {
      records.push([
        'checks',
        csvCell(`checks.${check.id}.probability`),
        csvCell(`${check.label}: ${label('chance_of_passing', report.lang)}`),
        csvNumber(check.gate.probability),
        'share',
        csvNumber(check.gate.minProbability),
        passed,
      ]);
    }
  }

  return records;
}

/** Rows of cells as CSV text: commas between cells, CRLF after every row. */
export function csvText(records: string[][]): string {
  return records.map((record) => `${record.join(',')}\r\n`).join('');
}

export function renderCsv(report: Report): string {
  return csvText([CSV_HEADER, ...csvRecords(report)]);
}
