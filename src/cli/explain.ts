/** `funnel explain METRIC FILE`: the formula, inputs and arithmetic behind one figure. */

import type { Command } from 'commander';

import { explainableMetrics, explainMetric, resolveMetric } from '../calc/explain.js';
import { InputError, problem } from '../model/problem.js';
import { nearestByWords } from '../text/suggest.js';
import { explanationToJson, renderExplanation } from '../render/explain.js';
import { detectLang } from '../render/format.js';
import { toJsonText } from '../render/plan.js';
import { writeOut } from './output.js';
import { loadFile, type AddSharedOptions } from './plan.js';

export interface ExplainOptions {
  json?: boolean;
  lang?: string;
  set?: string[];
  scenario?: string;
}

export async function runExplain(
  metric: string,
  file: string,
  options: ExplainOptions,
): Promise<number> {
  const loaded = await loadFile(file, options);
  const { assumptions } = loaded;

  const resolved = resolveMetric(metric, assumptions);
  const explanation = resolved === null ? null : explainMetric(assumptions, resolved);
  if (explanation === null) {
    const known = explainableMetrics(assumptions);
    const suggestion = nearestByWords(metric, known);
    throw new InputError([
      problem({
        code: 'unknown_metric',
        message: `funnel cannot explain "${metric}"${suggestion ? `; did you mean ${suggestion}?` : ''}`,
        hint: `known metrics: ${known.join(', ')}`,
      }),
    ]);
  }

  const lang = detectLang(options.lang, process.env);
  const json = explanationToJson(explanation, loaded.document, assumptions.currency, lang);
  writeOut(options.json ? toJsonText(json) : renderExplanation(json, lang));
  return 0;
}

export function registerExplain(program: Command, shared: AddSharedOptions): void {
  shared(
    program
      .command('explain')
      .description('show the formula, the assumptions and the arithmetic behind one figure')
      .argument('<metric>', 'ltv_to_cac, payback_months, minimum_check, load, a stage, a role...')
      .argument('<file>', 'assumptions file (YAML); - reads standard input'),
    ['json', 'lang', 'set', 'scenario', 'debug'],
  )
    .addHelpText(
      'after',
      `
Metrics: client_months, new_clients, funnel.<stage> (or the stage alone), attempts_per_week,
meetings_per_week, weeks_to_close, reps_needed, gross_profit_per_month, cac, lifetime_months,
ltv, ltv_to_cac, payback_months, direct_cost_per_month, minimum_check_for_margin,
minimum_check_for_cac, minimum_check, hours_budget_at_average_check, implied_margin,
capacity.<role>, peak_active_clients.<role>, load.<role> (or the role alone; load alone is
the busiest role), hires_needed.<role>.

Exit codes: 0 explained, 2 unknown metric or bad input.

Examples:
  $ funnel explain ltv_to_cac examples/agency.yaml
  $ funnel explain meetings examples/agency.yaml --lang ru
  $ funnel explain load examples/agency.yaml --json`,
    )
    .action(async (metric: string, file: string, options: ExplainOptions) => {
      process.exitCode = await runExplain(metric, file, options);
    });
}
