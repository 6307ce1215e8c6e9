/** `funnel plan FILE`: load, plan, render, and the exit code the checks decide. */

import { planPeriod } from '../calc/plan.js';
import { loadAssumptions, type Override } from '../input/assumptions.js';
import { InputError, problem } from '../input/problem.js';
import { readSource } from '../input/read.js';
import { createFormatter, detectLang } from '../render/format.js';
import { planToJson, renderPlanTable, toJsonText } from '../render/plan.js';
import { appendStepSummary, isReportFormat, renderPlanReport } from './formats.js';
import { decideColor, writeOut } from './output.js';

export interface CommonOptions {
  format: string;
  json?: boolean;
  lang?: string;
  set?: string[];
  scenario?: string;
  color?: boolean;
  debug?: boolean;
}

export interface PlanOptions extends CommonOptions {
  minLtvCac?: string;
  maxPayback?: string;
  maxChurn?: string;
  maxLoad?: string;
  summary?: boolean;
}

const THRESHOLD_FLAGS: [keyof PlanOptions, string, string][] = [
  ['minLtvCac', '--min-ltv-cac', 'thresholds.ltv_to_cac_min'],
  ['maxPayback', '--max-payback', 'thresholds.payback_months_max'],
  ['maxChurn', '--max-churn', 'thresholds.churn_monthly_max'],
  ['maxLoad', '--max-load', 'delivery.max_load'],
];

/** Turns `--set a.b=v` and threshold flags into overrides of the file. */
export function overridesFrom(options: PlanOptions): Override[] {
  const overrides: Override[] = [];
  for (const entry of options.set ?? []) {
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      throw new InputError([
        problem({
          code: 'bad_override',
          message: `--set ${entry}: expected KEY=VALUE`,
          hint: 'e.g. --set churn_monthly=10% or --set funnel.meetings.conversion=15%',
        }),
      ]);
    }
    overrides.push({
      path: entry.slice(0, equals).trim(),
      value: entry.slice(equals + 1).trim(),
      origin: `--set ${entry}`,
    });
  }
  for (const [option, flag, path] of THRESHOLD_FLAGS) {
    const value = options[option];
    if (typeof value === 'string') {
      overrides.push({ path, value, origin: `${flag} ${value}` });
    }
  }
  return overrides;
}

export function outputFormat(options: CommonOptions): string {
  return options.json ? 'json' : options.format;
}

export async function runPlan(file: string, options: PlanOptions): Promise<number> {
  const source = await readSource(file);
  const loaded = loadAssumptions(source.text, source.file, {
    scenario: options.scenario ?? null,
    overrides: overridesFrom(options),
  });
  const plan = planPeriod(loaded.assumptions);

  const lang = detectLang(options.lang, process.env);
  const fmt = createFormatter(lang, loaded.assumptions.currency);
  const view = { assumptions: loaded.assumptions, plan, uncertain: loaded.uncertain };

  const format = outputFormat(options);
  if (format === 'json') {
    writeOut(toJsonText(planToJson(view, fmt)));
  } else if (isReportFormat(format)) {
    writeOut(renderPlanReport(format, view, fmt, loaded.document));
  } else {
    const color = decideColor({
      flag: options.color,
      env: process.env,
      isTTY: Boolean(process.stdout.isTTY),
    });
    writeOut(renderPlanTable(view, fmt, color));
  }
  if (options.summary) {
    appendStepSummary(view, fmt, process.env);
  }
  return plan.ok ? 0 : 1;
}
