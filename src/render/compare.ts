/**
 * Scenarios side by side: the base plan and each named scenario, one column
 * each, with the change against the base where a figure moves.
 */

import { Chalk } from 'chalk';

import { metricValue } from '../calc/paths.js';
import type { PlanResult } from '../model/plan.js';
import type { Formatter } from './format.js';
import { label, type LabelId } from './labels.js';
import { figureDelta, figureText, type FigureUnit } from './report.js';
import { createTable } from './table.js';

export interface ScenarioPlan {
  /** `base` for the file as written; otherwise the scenario's name. */
  name: string;
  plan: PlanResult;
}

interface Figure {
  id: LabelId;
  unit: FigureUnit;
  /** Whether a larger value is better, for colouring the change. */
  higherIsBetter: boolean;
  value: (plan: PlanResult) => number;
}

const FIGURES: Figure[] = [
  { id: 'new_clients', unit: 'count', higherIsBetter: true, value: (plan) => plan.newClients },
  {
    id: 'attempts_needed',
    unit: 'count',
    higherIsBetter: false,
    value: (plan) => plan.sales.attemptsNeeded,
  },
  {
    id: 'weeks_to_close',
    unit: 'weeks',
    higherIsBetter: false,
    value: (plan) => plan.sales.weeksToClose,
  },
  {
    id: 'reps_needed',
    unit: 'people',
    higherIsBetter: false,
    value: (plan) => plan.sales.repsNeeded,
  },
  { id: 'cac', unit: 'money', higherIsBetter: false, value: (plan) => plan.unitEconomics.cac },
  { id: 'ltv', unit: 'money', higherIsBetter: true, value: (plan) => plan.unitEconomics.ltv },
  {
    id: 'ltv_to_cac',
    unit: 'ratio',
    higherIsBetter: true,
    value: (plan) => plan.unitEconomics.ltvToCac,
  },
  {
    id: 'payback_months',
    unit: 'months',
    higherIsBetter: false,
    value: (plan) => plan.unitEconomics.paybackMonths,
  },
  {
    id: 'minimum_check',
    unit: 'money',
    higherIsBetter: false,
    value: (plan) => plan.pricing.minimumCheck,
  },
  {
    id: 'max_load',
    unit: 'share',
    higherIsBetter: false,
    value: (plan) => (plan.capacity.length > 0 ? metricValue(plan, 'max_load') : 0),
  },
  {
    id: 'hires_needed',
    unit: 'people',
    higherIsBetter: false,
    value: (plan) => metricValue(plan, 'hires_needed'),
  },
];

/** Figures of every scenario, unrounded, with the change against the base. */
export function compareToJson(plans: ScenarioPlan[]) {
  const base = plans[0];
  return {
    ok: plans.every((entry) => entry.plan.ok),
    scenarios: plans.map((entry) => ({
      name: entry.name,
      ok: entry.plan.ok,
      figures: Object.fromEntries(FIGURES.map((figure) => [figure.id, figure.value(entry.plan)])),
      changes: base
        ? Object.fromEntries(
            FIGURES.map((figure) => [
              figure.id,
              figure.value(entry.plan) - figure.value(base.plan),
            ]),
          )
        : {},
      failed_checks: entry.plan.checks.filter((check) => !check.ok).map((check) => check.id),
    })),
  };
}

export function renderCompareTable(plans: ScenarioPlan[], fmt: Formatter, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const base = plans[0];
  const table = createTable({
    head: ['', ...plans.map((entry) => entry.name)],
    color,
    alignRight: plans.map((_, index) => index + 1),
  });

  for (const figure of FIGURES) {
    const row = [label(figure.id, fmt.lang)];
    for (const entry of plans) {
      const value = figure.value(entry.plan);
      let cell = figureText(value, figure.unit, fmt);
      if (base && entry !== base) {
        const baseValue = figure.value(base.plan);
        if (cell !== figureText(baseValue, figure.unit, fmt)) {
          const better = value > baseValue === figure.higherIsBetter;
          const text = `(${figureDelta(value, baseValue, figure.unit, fmt)})`;
          cell = `${cell} ${better ? chalk.green(text) : chalk.red(text)}`;
        }
      }
      row.push(cell);
    }
    table.push(row);
  }

  const checks = [label('checks', fmt.lang)];
  for (const entry of plans) {
    const failed = entry.plan.checks
      .filter((check) => !check.ok)
      .map((check) => label(`check_${check.id}` as LabelId, fmt.lang));
    checks.push(
      failed.length === 0
        ? chalk.green(label('scenario_passed', fmt.lang))
        : chalk.red(failed.join(', ')),
    );
  }
  table.push(checks);
  return `${table.toString()}\n`;
}
