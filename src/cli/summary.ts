/**
 * `--summary`: appends the markdown report to the file GitHub Actions names in
 * GITHUB_STEP_SUMMARY.
 */

import { appendFileSync } from 'node:fs';

import type { Formatter } from '../render/format.js';
import { renderMarkdown } from '../render/markdown.js';
import type { PlanView } from '../render/plan.js';
import { planReport } from '../render/report.js';
import { writeErr } from './output.js';

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
