/**
 * The report formats of `plan` and `check-deal` (markdown, csv, github), and input problems as
 * GitHub annotations. Each report is built once and drawn in the format asked for.
 */

import type { Assumptions } from '../model/assumptions.js';
import type { InputProblem } from '../model/problem.js';
import type { RawDocument } from '../input/yaml.js';
import { renderCsv } from './csv.js';
import {
  dealReport,
  renderDealsCsv,
  renderDealsGithub,
  renderDealsMarkdown,
  type CheckedDeal,
  type DealReport,
} from './deal-report.js';
import type { Formatter } from './format.js';
import { githubSummary, planAnnotations, renderGithub, workflowCommand } from './github.js';
import { renderMarkdown } from './markdown.js';
import type { PlanView } from './plan.js';
import { planReport } from './report.js';

export const REPORT_FORMATS = ['markdown', 'csv', 'github'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(format: string): format is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(format);
}

export function renderPlanReport(
  format: ReportFormat,
  view: PlanView,
  fmt: Formatter,
  document: RawDocument,
): string {
  const report = planReport(view, fmt);
  switch (format) {
    case 'markdown':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'github':
      return renderGithub(
        planAnnotations({ report, plan: view.plan, document }),
        githubSummary(report),
      );
  }
}

/** Checked deals with their reports, built once for a format and for --summary alike. */
export interface DealsReport {
  deals: CheckedDeal[];
  reports: DealReport[];
  /** One deal from flags or a deal file: no pipeline table above it. */
  single: boolean;
}

export function dealsReport(
  deals: CheckedDeal[],
  assumptions: Assumptions,
  fmt: Formatter,
  single: boolean,
): DealsReport {
  return { deals, reports: deals.map((deal) => dealReport(deal, assumptions, fmt)), single };
}

/** The checked deals in a report format. */
export function renderDealsReport(
  format: ReportFormat,
  report: DealsReport,
  fmt: Formatter,
): string {
  switch (format) {
    case 'markdown':
      return renderDealsMarkdown(report.reports, fmt, report.single);
    case 'csv':
      return renderDealsCsv(report.reports);
    case 'github':
      return renderDealsGithub(report.deals, report.reports, fmt.lang);
  }
}

/** Input problems as `::error` commands, so a broken file shows on its line in the pull request. */
export function problemCommands(problems: InputProblem[]): string {
  return problems
    .map((problem) => {
      const message = problem.hint ? `${problem.message} (${problem.hint})` : problem.message;
      const file = problem.file === null || problem.file === '-' ? null : problem.file;
      return workflowCommand({
        level: 'error',
        file,
        line: problem.line,
        col: problem.col,
        title: `funnel: ${problem.code}`,
        message,
      });
    })
    .map((line) => `${line}\n`)
    .join('');
}
