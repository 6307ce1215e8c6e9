/**
 * Scenarios side by side: the base plan and each named scenario, one column
 * each, with the change against the base where a figure moves.
 */

import { Chalk } from 'chalk';

import { metricValue } from '../calc/paths.js';
import type { PlanResult } from '../model/plan.js';
import type { Formatter } from './format.js';
import { createTable } from './table.js';

export interface ScenarioPlan {
  /** `base` for the file as written; otherwise the scenario's name. */
  name: string;
  plan: PlanResult;
}

type Kind = 'count' | 'money' | 'ratio' | 'weeks' | 'months' | 'percent' | 'integer';

interface Figure {
  id: string;
  label: { en: string; ru: string };
  kind: Kind;
  /** Whether a larger value is better, for colouring the change. */
  higherIsBetter: boolean;
  value: (plan: PlanResult) => number;
}

const FIGURES: Figure[] = [
  {
    id: 'new_clients',
    label: { en: 'New clients', ru: 'Новые клиенты' },
    kind: 'count',
    higherIsBetter: true,
    value: (plan) => plan.newClients,
  },
  {
    id: 'attempts_needed',
    label: { en: 'Attempts needed', ru: 'Нужно попыток' },
    kind: 'count',
    higherIsBetter: false,
    value: (plan) => plan.sales.attemptsNeeded,
  },
  {
    id: 'weeks_to_close',
    label: { en: 'Weeks to close', ru: 'Недель на план' },
    kind: 'weeks',
    higherIsBetter: false,
    value: (plan) => plan.sales.weeksToClose,
  },
  {
    id: 'reps_needed',
    label: { en: 'Reps needed', ru: 'Нужно менеджеров' },
    kind: 'integer',
    higherIsBetter: false,
    value: (plan) => plan.sales.repsNeeded,
  },
  {
    id: 'cac',
    label: { en: 'CAC', ru: 'CAC' },
    kind: 'money',
    higherIsBetter: false,
    value: (plan) => plan.unitEconomics.cac,
  },
  {
    id: 'ltv',
    label: { en: 'LTV', ru: 'LTV' },
    kind: 'money',
    higherIsBetter: true,
    value: (plan) => plan.unitEconomics.ltv,
  },
  {
    id: 'ltv_to_cac',
    label: { en: 'LTV/CAC', ru: 'LTV/CAC' },
    kind: 'ratio',
    higherIsBetter: true,
    value: (plan) => plan.unitEconomics.ltvToCac,
  },
  {
    id: 'payback_months',
    label: { en: 'Payback', ru: 'Окупаемость' },
    kind: 'months',
    higherIsBetter: false,
    value: (plan) => plan.unitEconomics.paybackMonths,
  },
  {
    id: 'minimum_check',
    label: { en: 'Minimum check', ru: 'Минимальный чек' },
    kind: 'money',
    higherIsBetter: false,
    value: (plan) => plan.pricing.minimumCheck,
  },
  {
    id: 'max_load',
    label: { en: 'Highest role load', ru: 'Максимальная загрузка' },
    kind: 'percent',
    higherIsBetter: false,
    value: (plan) => (plan.capacity.length > 0 ? metricValue(plan, 'max_load') : 0),
  },
  {
    id: 'hires_needed',
    label: { en: 'Hires', ru: 'Нанять' },
    kind: 'integer',
    higherIsBetter: false,
    value: (plan) => metricValue(plan, 'hires_needed'),
  },
];

function show(value: number, kind: Kind, fmt: Formatter): string {
  switch (kind) {
    case 'count':
      return fmt.count(value);
    case 'money':
      return fmt.money(value);
    case 'ratio':
      return fmt.decimal(value);
    case 'weeks':
    case 'months':
      return fmt.decimal(value, kind === 'weeks' ? 1 : 2);
    case 'percent':
      return fmt.percent(value);
    case 'integer':
      return fmt.integer(value);
  }
}

function change(value: number, base: number, kind: Kind, fmt: Formatter): string {
  const delta = value - base;
  const sign = delta > 0 ? '+' : '−';
  if (kind === 'percent') {
    return `${sign}${fmt.decimal(Math.abs(delta) * 100, 1)} pp`;
  }
  return `${sign}${show(Math.abs(delta), kind, fmt)}`;
}

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
    const row = [figure.label[fmt.lang]];
    for (const entry of plans) {
      const value = figure.value(entry.plan);
      let cell = show(value, figure.kind, fmt);
      if (base && entry !== base) {
        const baseValue = figure.value(base.plan);
        if (show(value, figure.kind, fmt) !== show(baseValue, figure.kind, fmt)) {
          const better = value > baseValue === figure.higherIsBetter;
          const text = `(${change(value, baseValue, figure.kind, fmt)})`;
          cell = `${cell} ${better ? chalk.green(text) : chalk.red(text)}`;
        }
      }
      row.push(cell);
    }
    table.push(row);
  }

  const checks = [fmt.lang === 'ru' ? 'Проверки' : 'Checks'];
  for (const entry of plans) {
    const failed = entry.plan.checks.filter((check) => !check.ok).map((check) => check.id);
    checks.push(
      failed.length === 0
        ? chalk.green(fmt.lang === 'ru' ? 'все пройдены' : 'all passed')
        : chalk.red(failed.join(', ')),
    );
  }
  table.push(checks);
  return `${table.toString()}\n`;
}
