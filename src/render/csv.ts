/**
 * A report as CSV for a spreadsheet: a header row, then one row per figure
 * with its unrounded value, RFC 4180 quoting and CRLF line ends. Checks are
 * rows too, with their limit and verdict in the last two columns.
 */

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

export function renderCsv(report: Report): string {
  const lines: string[] = [CSV_HEADER.join(',')];
  const unitName = (unit: string) => (unit === 'money' ? report.currency : unit);

  for (const section of report.sections) {
    for (const figure of section.figures) {
      lines.push(
        [
          csvCell(section.id),
          csvCell(figure.key),
          csvCell(figure.item === null ? figure.label : `${figure.item}: ${figure.label}`),
          csvNumber(figure.value),
          csvCell(unitName(figure.unit)),
          '',
          '',
        ].join(','),
      );
    }
  }

  for (const check of report.checks) {
    lines.push(
      [
        'checks',
        csvCell(`checks.${check.id}`),
        csvCell(check.label),
        csvNumber(check.value),
        csvCell(unitName(check.unit)),
        csvNumber(check.limit),
        check.ok ? 'true' : 'false',
      ].join(','),
    );
  }

  return `${lines.join('\r\n')}\r\n`;
}
