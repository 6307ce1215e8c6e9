/**
 * A report as GitHub-flavoured markdown, for a pull-request comment or the
 * job summary: the verdict first, then the checks, warnings and figures as
 * pipe tables. Figures are rounded as in the terminal tables.
 */

import { capitalise } from '../text/case.js';
import type { Lang } from './format.js';
import { checksFailed, label } from './labels.js';
import type { Report, ReportCheck, ReportFigure, ReportSection } from './report.js';

/** Words only the markdown uses; the rest are the labels of every format. */
const WORDS = {
  result: { en: 'Result', ru: 'Итог' },
  figure: { en: 'Figure', ru: 'Показатель' },
  failed: { en: 'failed', ru: 'не пройдена' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A table cell: pipes escaped and line breaks flattened, so a name cannot break the table. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

function row(cells: string[]): string {
  return `| ${cells.map(markdownCell).join(' | ')} |`;
}

export function tableOf(head: string[], align: ('left' | 'right' | 'center')[], rows: string[][]) {
  const rule = align.map((side) =>
    side === 'right' ? '---:' : side === 'center' ? ':---:' : '---',
  );
  return [row(head), `| ${rule.join(' | ')} |`, ...rows.map(row)].join('\n');
}

/** Figures of items (stages, roles) become one row per item and one column per figure. */
function itemTable(section: ReportSection): string {
  const columns: string[] = [];
  const items = new Map<string, Map<string, ReportFigure>>();
  for (const figure of section.figures) {
    if (!columns.includes(figure.label)) {
      columns.push(figure.label);
    }
    const item = figure.item ?? '';
    const cells = items.get(item) ?? new Map<string, ReportFigure>();
    cells.set(figure.label, figure);
    items.set(item, cells);
  }
  const rows = [...items].map(([item, cells]) => [
    item,
    ...columns.map((column) => cells.get(column)?.text ?? ''),
  ]);
  return tableOf(
    [section.itemLabel ?? '', ...columns],
    ['left', ...columns.map(() => 'right' as const)],
    rows,
  );
}

function figureTable(section: ReportSection, lang: Lang): string {
  return tableOf(
    [WORDS.figure[lang], label('value', lang)],
    ['left', 'right'],
    section.figures.map((figure) => [figure.label, figure.text]),
  );
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${text}`;
}

/** The checks as a table under a heading of the given level: value, limit and result each. */
export function checksMarkdown(checks: ReportCheck[], lang: Lang, level: number): string {
  const w = (id: keyof typeof WORDS) => WORDS[id][lang];
  const rows = checks.map((check) => [
    check.label,
    check.valueText,
    check.limitText,
    check.ok ? `✅ ${label('passed', lang)}` : `❌ ${w('failed')}`,
  ]);
  return `${heading(level, label('checks', lang))}\n\n${tableOf(
    [label('check', lang), label('value', lang), label('limit', lang), w('result')],
    ['left', 'right', 'right', 'left'],
    rows,
  )}`;
}

/** A section of figures as a table under a heading of the given level. */
export function sectionMarkdown(section: ReportSection, lang: Lang, level: number): string {
  const body = section.itemLabel === null ? figureTable(section, lang) : itemTable(section);
  return `${heading(level, markdownCell(section.title))}\n\n${body}`;
}

/** The whole report as markdown, ending with a newline. */
export function renderMarkdown(report: Report): string {
  const lang = report.lang;
  const failed = report.checks.filter((check) => !check.ok).length;
  const parts: string[] = [];

  parts.push(`## ${report.ok ? '✅' : '❌'} ${markdownCell(report.title)}`);
  parts.push(
    failed === 0
      ? label('all_passed', lang)
      : `**${capitalise(checksFailed(failed, report.checks.length, lang))}.**`,
  );

  if (report.checks.length > 0) {
    parts.push(checksMarkdown(report.checks, lang, 3));
  }

  if (report.warnings.length > 0) {
    const lines = report.warnings.map((warning) => `- ⚠️ ${markdownCell(warning.message)}`);
    parts.push(`### ${label('warnings', lang)}\n\n${lines.join('\n')}`);
  }

  for (const section of report.sections) {
    parts.push(sectionMarkdown(section, lang, 3));
  }

  return `${parts.join('\n\n')}\n`;
}
