/**
 * Scenarios side by side: the base plan and each named scenario, one column
 * each, with the change against the base where a figure moves.
 */

import { Chalk } from 'chalk';

import { listMetrics, metricValue } from '../calc/paths.js';
import type { PlanResult } from '../model/plan.js';
import type { Formatter } from './format.js';
import { label, type LabelId } from './labels.js';
import { figureDelta, figureText, METRIC_UNITS } from './report.js';
import { createTable } from './table.js';

export interface ScenarioPlan {
  /** `base` for the file as written; otherwise the scenario's name. */
  name: string;
  plan: PlanResult;
}

/** A figure of the plan: its id (a label, and a figure id of calc/paths with a known unit). */
interface Figure {
  id: LabelId & keyof typeof METRIC_UNITS;
  /** Whether a larger value is better, for colouring the change. */
  higherIsBetter: boolean;
}

const FIGURES: Figure[] = [
  { id: 'new_clients', higherIsBetter: true },
  { id: 'attempts_needed', higherIsBetter: false },
  { id: 'weeks_to_close', higherIsBetter: false },
  { id: 'reps_needed', higherIsBetter: false },
  { id: 'cac', higherIsBetter: false },
  { id: 'ltv', higherIsBetter: true },
  { id: 'ltv_to_cac', higherIsBetter: true },
  { id: 'payback_months', higherIsBetter: false },
  { id: 'minimum_check', higherIsBetter: false },
  { id: 'max_load', higherIsBetter: false },
  { id: 'hires_needed', higherIsBetter: false },
];

/** The figures of a plan by id; null for one it has not, such as the highest load without roles. */
function figuresOf(plan: PlanResult): Map<LabelId, number | null> {
  const present = new Set(listMetrics(plan));
  return new Map(
    FIGURES.map(({ id }) => [id, present.has(id) ? metricValue(plan, id) : null] as const),
  );
}

/** The change of a figure against the base; null when either plan has not the figure. */
function difference(value: number | null, base: number | null): number | null {
  return value === null || base === null ? null : value - base;
}

/** Figures of every scenario, unrounded, with the change against the base. */
export function compareToJson(plans: ScenarioPlan[]) {
  const base = plans[0] ? figuresOf(plans[0].plan) : null;
  return {
    ok: plans.every((entry) => entry.plan.ok),
    scenarios: plans.map((entry) => {
      const figures = figuresOf(entry.plan);
      return {
        name: entry.name,
        ok: entry.plan.ok,
        figures: Object.fromEntries(figures),
        changes: base
          ? Object.fromEntries(
              FIGURES.map(({ id }) => [
                id,
                difference(figures.get(id) ?? null, base.get(id) ?? null),
              ]),
            )
          : {},
        failed_checks: entry.plan.checks.filter((check) => !check.ok).map((check) => check.id),
      };
    }),
  };
}

export function renderCompareTable(plans: ScenarioPlan[], fmt: Formatter, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const columns = plans.map((entry) => figuresOf(entry.plan));
  const table = createTable({
    head: ['', ...plans.map((entry) => entry.name)],
    color,
    alignRight: plans.map((_, index) => index + 1),
  });

  /** A figure as the plan shows it, with its change when it reads differently from the base's. */
  function cell(value: number | null, base: number | null, figure: Figure): string {
    if (value === null) {
      return '—';
    }
    const unit = METRIC_UNITS[figure.id];
    const text = figureText(value, unit, fmt);
    if (base === null || text === figureText(base, unit, fmt)) {
      return text;
    }
    const better = value > base === figure.higherIsBetter;
    const change = `(${figureDelta(value, base, unit, fmt)})`;
    return `${text} ${better ? chalk.green(change) : chalk.red(change)}`;
  }

  for (const figure of FIGURES) {
    const baseValue = columns[0]?.get(figure.id) ?? null;
    table.push([
      label(figure.id, fmt.lang),
      ...columns.map((figures, index) =>
        cell(figures.get(figure.id) ?? null, index === 0 ? null : baseValue, figure),
      ),
    ]);
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
