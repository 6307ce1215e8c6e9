/** `funnel compare FILE`: the base plan and every scenario of the file side by side. */

import type { Command } from 'commander';

import { loadAssumptions } from '../input/assumptions.js';
import { InputError, problem } from '../model/problem.js';
import { readSource } from '../input/read.js';
import { compareToJson, renderCompareTable, type ScenarioPlan } from '../render/compare.js';
import { createFormatter, detectLang } from '../render/format.js';
import { toJsonText } from '../render/plan.js';
import { writeOut, stdoutColor } from './output.js';
import {
  gatedPlan,
  outputFormat,
  overridesFrom,
  type AddSharedOptions,
  type PlanOptions,
} from './plan.js';

export function registerCompare(program: Command, shared: AddSharedOptions): void {
  shared(
    program
      .command('compare')
      .description('the base plan and each scenario of the file side by side, with the changes')
      .argument('<file>', 'assumptions file with a `scenarios:` section'),
    // Every scenario is shown, so there is none to choose with --scenario.
    ['format', 'json', 'lang', 'set', 'color', 'debug'],
  )
    .addHelpText(
      'after',
      `
Exit codes: 0 every scenario passes its checks, 1 one fails, 2 bad input.

Examples:
  $ funnel compare examples/agency.yaml
  $ funnel compare examples/agency.yaml --set sales.reps=4 --json`,
    )
    .action(async (file: string, options: PlanOptions) => {
      process.exitCode = await runCompare(file, options);
    });
}

export async function runCompare(file: string, options: PlanOptions): Promise<number> {
  const source = await readSource(file);
  const overrides = overridesFrom(options);
  const base = loadAssumptions(source.text, source.file, { overrides });
  if (base.scenarios.length === 0) {
    throw new InputError([
      problem({
        code: 'no_scenarios',
        file: source.file,
        message: 'the file defines no scenarios to compare',
        hint: 'add e.g. scenarios: {pessimistic: {churn_monthly: 10%}}',
      }),
    ]);
  }

  // Each plan passes or fails as `funnel plan` would pass or fail it, chances included.
  const gated = { simulate: 'when_gated' } as const;
  const plans: ScenarioPlan[] = [{ name: 'base', plan: gatedPlan(base, gated).plan }];
  for (const scenario of base.scenarios) {
    const loaded = loadAssumptions(source.text, source.file, { scenario, overrides });
    plans.push({ name: scenario, plan: gatedPlan(loaded, gated).plan });
  }

  const fmt = createFormatter(detectLang(options.lang, process.env), base.assumptions.currency);
  if (outputFormat(options) === 'json') {
    writeOut(toJsonText(compareToJson(plans)));
  } else {
    const color = stdoutColor(options.color);
    writeOut(renderCompareTable(plans, fmt, color));
  }
  return plans.every((entry) => entry.plan.ok) ? 0 : 1;
}
