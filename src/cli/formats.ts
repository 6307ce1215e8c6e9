/**
 * The report formats of `plan` and `check-deal` (markdown, csv, github) and
 * `--summary`, which appends the markdown report to the file GitHub Actions
 * names in GITHUB_STEP_SUMMARY.
 */

import { appendFileSync } from 'node:fs';

import type { RawDocument } from '../input/yaml.js';
import type { Assumptions } from '../model/assumptions.js';
import {
  dealReport,
  renderDealsCsv,
  renderDealsGithub,
  renderDealsMarkdown,
  type CheckedDeal,
} from '../render/deal-report.js';
import type { Formatter } from '../render/format.js';
import { renderCsv } from '../render/csv.js';
import { githubSummary, planAnnotations, renderGithub, workflowCommand } from '../render/github.js';
import type { InputProblem } from '../model/problem.js';
import { renderMarkdown } from '../render/markdown.js';
import type { PlanView } from '../render/plan.js';
import { planReport } from '../render/report.js';
import { writeErr } from './output.js';

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

export interface DealsReportInput {
  deals: CheckedDeal[];
  assumptions: Assumptions;
  /** One deal from flags or a deal file: no pipeline table above it. */
  single: boolean;
}

/** The checked deals in a report format. */
export function renderDealsReport(
  format: ReportFormat,
  input: DealsReportInput,
  fmt: Formatter,
): string {
  const reports = input.deals.map((deal) => dealReport(deal, input.assumptions, fmt));
  switch (format) {
    case 'markdown':
      return dealsMarkdown(input, fmt);
    case 'csv':
      return renderDealsCsv(reports);
    case 'github':
      return renderDealsGithub(input.deals, reports, fmt.lang);
  }
}

/** The checked deals as markdown: the report of --format markdown and of --summary. */
export function dealsMarkdown(input: DealsReportInput, fmt: Formatter): string {
  const reports = input.deals.map((deal) => dealReport(deal, input.assumptions, fmt));
  return renderDealsMarkdown(
    reports,
    input.deals.map((deal) => deal.result),
    fmt,
    input.single,
  );
}

/** Appends the plan's markdown report to $GITHUB_STEP_SUMMARY. */
export function appendStepSummary(view: PlanView, fmt: Formatter, env: NodeJS.ProcessEnv): void {
  appendSummaryMarkdown(renderMarkdown(planReport(view, fmt)), env);
}

/**
 * Appends markdown to $GITHUB_STEP_SUMMARY (never overwrites: other steps
 * write there too). Without the variable it says so and goes on.
 */
export function appendSummaryMarkdown(markdown: string, env: NodeJS.ProcessEnv): void {
  const target = env.GITHUB_STEP_SUMMARY;
  if (!target) {
    writeErr('funnel: --summary: GITHUB_STEP_SUMMARY is not set, so no summary was written\n');
    return;
  }
  try {
    appendFileSync(target, markdown);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    writeErr(`funnel: --summary: cannot append to ${target}: ${reason}\n`);
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
