/**
 * The plan as people and programs read it: a JSON document whose keys are a
 * public contract, and tables for the terminal. Renderers return strings and
 * never compute a figure the calculators did not.
 */

import { Chalk } from 'chalk';

import type { Assumptions } from '../model/assumptions.js';
import type { Check, ConstraintId, PlanResult } from '../model/plan.js';
import type { UncertainInput } from '../model/uncertainty.js';
import { capitalise } from '../text/case.js';
import type { Formatter, Lang } from './format.js';
import { checksFailed, label, type LabelId } from './labels.js';
import { figureText, planCheckTexts, shownToward, warningMessage } from './report.js';
import { createTable } from './table.js';
import { formatValue, inputUnit } from './whatif.js';

export interface PlanView {
  assumptions: Assumptions;
  plan: PlanResult;
  uncertain: UncertainInput[];
}

/** The public JSON document of `funnel plan --json`; every number unrounded. */
export function planToJson(view: PlanView, fmt: Formatter) {
  const { assumptions, plan } = view;
  return {
    ok: plan.ok,
    name: assumptions.name,
    currency: assumptions.currency,
    period: plan.period,
    revenue_target: assumptions.revenueTarget,
    average_check: assumptions.averageCheck,
    contract_months: assumptions.contractMonths,
    client_months: plan.clientMonths,
    new_clients: plan.newClients,
    clients_lost_per_month: plan.clientsLostPerMonth,
    funnel: plan.funnel.map((stage) => ({
      stage: stage.stage,
      count: stage.count,
      conversion: stage.conversion,
    })),
    sales: {
      attempts_needed: plan.sales.attemptsNeeded,
      meetings_needed: plan.sales.meetingsNeeded,
      attempts_per_week: plan.sales.attemptsPerWeek,
      meetings_per_week: plan.sales.meetingsPerWeek,
      weeks_to_close: plan.sales.weeksToClose,
      period_weeks: plan.sales.periodWeeks,
      reps: assumptions.sales.reps,
      reps_needed: plan.sales.repsNeeded,
      fits_period: plan.sales.fitsPeriod,
      bottleneck: plan.sales.bottleneck,
    },
    unit_economics: {
      gross_profit_per_month: plan.unitEconomics.grossProfitPerMonth,
      cac: plan.unitEconomics.cac,
      cac_source: plan.unitEconomics.cacSource,
      lifetime_months: plan.unitEconomics.lifetimeMonths,
      lifetime_capped: plan.unitEconomics.lifetimeCapped,
      ltv: plan.unitEconomics.ltv,
      ltv_to_cac: plan.unitEconomics.ltvToCac,
      payback_months: plan.unitEconomics.paybackMonths,
    },
    pricing: {
      direct_cost_per_month: plan.pricing.directCostPerMonth,
      minimum_check_for_margin: plan.pricing.minimumCheckForMargin,
      minimum_check_for_cac: plan.pricing.minimumCheckForCac,
      minimum_check: plan.pricing.minimumCheck,
      binding_minimum: plan.pricing.bindingMinimum,
      minimum_check_policy: assumptions.minimumCheck,
      hours_budget_at_average_check: plan.pricing.hoursBudgetAtAverageCheck,
      implied_margin: plan.pricing.impliedMargin,
    },
    capacity: plan.capacity.map((role) => ({
      role: role.role,
      capacity: role.capacity,
      active_clients_by_month: role.activeClientsByMonth,
      peak_active_clients: role.peakActiveClients,
      load: role.load,
      max_load: assumptions.delivery.maxLoad,
      hires_needed: role.hiresNeeded,
      hours_per_client_per_week: role.hoursPerClientPerWeek,
    })),
    // ok is the point plan's value against the limit; a gated check passes or fails on its gate.
    checks: plan.checks.map(({ id, ok, value, limit, comparison, gate }) => ({
      id,
      ok: gate ? gate.pointOk : ok,
      value,
      limit,
      comparison,
      gate: gate
        ? { probability: gate.probability, min_probability: gate.minProbability, ok }
        : null,
    })),
    warnings: plan.warnings.map((warning) => ({
      id: warning.id,
      message: warningMessage(warning, fmt),
      ...warning.values,
    })),
    binding: {
      constraint: plan.binding.constraint,
      check_id: plan.binding.checkId,
      headroom: plan.binding.headroom,
      relief: plan.binding.relief.map((relief) => ({ ...relief })),
    },
    uncertain_inputs: view.uncertain.map((input) => ({ ...input })),
  };
}

/** Serialises a document, refusing any figure that is not a finite number. */
export function toJsonText(document: unknown): string {
  return `${JSON.stringify(document, finiteOnly, 2)}\n`;
}

function finiteOnly(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`internal error: the figure "${key}" is ${String(value)}`);
  }
  return value;
}

interface Paint {
  bold: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  dim: (text: string) => string;
}

function paint(color: boolean): Paint {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    bold: (text) => chalk.bold(text),
    red: (text) => chalk.red(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
  };
}

/** The plan as tables for a terminal. */
export function renderPlanTable(view: PlanView, fmt: Formatter, color: boolean): string {
  const { assumptions, plan } = view;
  const lang = fmt.lang;
  const p = paint(color);
  const t = (id: LabelId) => label(id, lang);
  const sections: string[] = [];

  const title = assumptions.name ? `${assumptions.name}: ` : '';
  sections.push(
    p.bold(
      `${title}${t('plan_for')} ${t(plan.period.name)} (${fmt.decimal(plan.period.weeks, 1)} ${t('weeks')})`,
    ),
  );

  const clients = createTable({ color, alignRight: [1] });
  clients.push([t('revenue_target'), fmt.money(assumptions.revenueTarget)]);
  clients.push([t('average_check'), fmt.money(assumptions.averageCheck)]);
  clients.push([t('client_months'), figureText(plan.clientMonths, 'client_months', fmt)]);
  clients.push([t('contract_months'), figureText(assumptions.contractMonths, 'months', fmt)]);
  clients.push([t('new_clients'), figureText(plan.newClients, 'count', fmt)]);
  clients.push([t('clients_lost_per_month'), figureText(plan.clientsLostPerMonth, 'clients', fmt)]);
  sections.push(`${p.bold(t('clients'))}\n${clients.toString()}`);

  const funnel = createTable({
    head: [t('stage'), t('conversion'), t('needed'), t('per_week')],
    color,
    alignRight: [1, 2, 3],
  });
  for (const stage of plan.funnel) {
    funnel.push([
      stage.stage,
      stage.conversion === null ? '' : fmt.percent(stage.conversion),
      fmt.count(stage.count),
      fmt.count(stage.count / plan.period.weeks),
    ]);
  }
  sections.push(`${p.bold(t('funnel'))}\n${funnel.toString()}`);

  const sales = createTable({ color, alignRight: [1] });
  sales.push([t('attempts_per_week'), figureText(plan.sales.attemptsPerWeek, 'per_week', fmt)]);
  if (plan.sales.meetingsPerWeek !== null) {
    sales.push([t('meetings_per_week'), figureText(plan.sales.meetingsPerWeek, 'per_week', fmt)]);
  }
  const weeks = `${fmt.decimal(plan.sales.weeksToClose, 1)} ${t('of')} ${fmt.decimal(plan.period.weeks, 1)}`;
  sales.push([t('weeks_to_close'), plan.sales.fitsPeriod ? weeks : p.red(weeks)]);
  sales.push([t('bottleneck'), t(`bottleneck_${plan.sales.bottleneck}`)]);
  sales.push([t('reps'), fmt.integer(assumptions.sales.reps)]);
  const reps = fmt.integer(plan.sales.repsNeeded);
  sales.push([
    t('reps_needed'),
    plan.sales.repsNeeded > assumptions.sales.reps ? p.red(reps) : reps,
  ]);
  sections.push(`${p.bold(t('sales'))}\n${sales.toString()}`);

  const economics = plan.unitEconomics;
  const unit = createTable({ color, alignRight: [1] });
  unit.push([t('gross_profit_per_month'), fmt.money(economics.grossProfitPerMonth)]);
  unit.push([t('cac'), fmt.money(economics.cac)]);
  const capped = economics.lifetimeCapped ? ` (${t('capped')})` : '';
  unit.push([
    t('lifetime_months'),
    `${figureText(economics.lifetimeMonths, 'months', fmt)}${capped}`,
  ]);
  unit.push([t('ltv'), fmt.money(economics.ltv)]);
  unit.push([t('ltv_to_cac'), figureText(economics.ltvToCac, 'ratio', fmt)]);
  unit.push([t('payback_months'), figureText(economics.paybackMonths, 'months', fmt)]);
  sections.push(`${p.bold(t('unit_economics'))}\n${unit.toString()}`);

  const prices = plan.pricing;
  const pricing = createTable({ color, alignRight: [1] });
  pricing.push([t('direct_cost_per_month'), fmt.money(prices.directCostPerMonth)]);
  pricing.push([t('minimum_check_for_margin'), fmt.money(prices.minimumCheckForMargin)]);
  pricing.push([t('minimum_check_for_cac'), fmt.money(prices.minimumCheckForCac)]);
  pricing.push([t('minimum_check'), p.bold(fmt.money(prices.minimumCheck))]);
  if (assumptions.minimumCheck !== null) {
    pricing.push([t('minimum_check_policy'), fmt.money(assumptions.minimumCheck)]);
  }
  pricing.push([
    t('hours_budget_at_average_check'),
    figureText(prices.hoursBudgetAtAverageCheck, 'hours', fmt),
  ]);
  sections.push(`${p.bold(t('pricing'))}\n${pricing.toString()}`);

  if (plan.capacity.length > 0) {
    const hours = plan.capacity.some((role) => role.hoursPerClientPerWeek !== null);
    const capacity = createTable({
      head: [
        t('role'),
        t('capacity_clients'),
        t('peak_active_clients'),
        t('load'),
        t('hires_needed'),
        ...(hours ? [t('hours_per_client_per_week')] : []),
      ],
      color,
      alignRight: [1, 2, 3, 4, 5],
    });
    for (const role of plan.capacity) {
      const load = fmt.percent(role.load);
      const perClient = role.hoursPerClientPerWeek;
      capacity.push([
        role.role,
        figureText(role.capacity, 'clients', fmt),
        figureText(role.peakActiveClients, 'clients', fmt),
        role.hiresNeeded > 0 ? p.red(load) : load,
        fmt.integer(role.hiresNeeded),
        ...(hours ? [perClient === null ? '' : figureText(perClient, 'hours', fmt)] : []),
      ]);
    }
    sections.push(`${p.bold(t('capacity'))}\n${capacity.toString()}`);
  }

  sections.push(`${p.bold(t('checks'))}\n${renderChecks(plan.checks, fmt, color)}`);

  if (plan.warnings.length > 0) {
    const lines = plan.warnings.map(
      (warning) => `${p.yellow('!')} ${warningMessage(warning, fmt)}`,
    );
    sections.push(`${p.bold(t('warnings'))}\n${lines.join('\n')}`);
  }

  sections.push(`${p.bold(t('binding'))}\n${bindingLines(plan, fmt)}`);

  if (view.uncertain.length > 0) {
    const lines = view.uncertain.map((input) => {
      const show = (value: number) => formatValue(fmt, input.path, value);
      const mode = input.mode === null ? '' : `, ${show(input.mode)}`;
      return `  ${input.path}: ${input.distribution} ${show(input.low)}..${show(input.high)}${mode}`;
    });
    sections.push(`${p.bold(t('uncertain'))}\n${lines.join('\n')}`);
  }

  const failed = plan.checks.filter((check) => !check.ok).length;
  const verdict = `${capitalise(checksFailed(failed, plan.checks.length, lang))}.`;
  sections.push(failed === 0 ? p.green(t('all_passed')) : p.red(verdict));
  return `${sections.join('\n\n')}\n`;
}

/** Names of the constraints that have no section of their own in the plan. */
const CONSTRAINT_NAMES = {
  sales_capacity: { en: 'Sales capacity', ru: 'Пропускная способность продаж' },
  price_floor: { en: 'Price floor', ru: 'Минимальный чек' },
} as const satisfies Record<string, Record<Lang, string>>;

function constraintName(constraint: Exclude<ConstraintId, 'none'>, lang: Lang): string {
  switch (constraint) {
    case 'delivery_capacity':
      return label('capacity', lang);
    case 'unit_economics':
      return label('unit_economics', lang);
    default:
      return CONSTRAINT_NAMES[constraint][lang];
  }
}

/** Names what limits the plan and each single change that would relieve it. */
export function bindingLines(plan: PlanResult, fmt: Formatter): string {
  const ru = fmt.lang === 'ru';
  const { binding } = plan;
  const check = binding.checkId ? label(`check_${binding.checkId}` as LabelId, fmt.lang) : null;
  const headroom = fmt.percent(Math.abs(binding.headroom));
  const head =
    binding.constraint === 'none'
      ? ru
        ? `Ничего не нарушено; ближе всего к порогу: ${check ?? '—'} (запас ${headroom})`
        : `Nothing fails; the tightest check is ${check ?? '—'} (${headroom} headroom)`
      : `${constraintName(binding.constraint, fmt.lang)}${check ? ` (${check})` : ''}`;
  const lines = [`  ${head}`];
  for (const relief of binding.relief) {
    // `to` is just enough, so it is shown rounded away from `from`: still enough as shown.
    const unit = inputUnit(relief.input);
    const enough =
      unit === null
        ? relief.to
        : shownToward(relief.to, unit, relief.to > relief.from ? 'up' : 'down');
    const from = formatValue(fmt, relief.input, relief.from);
    const to = formatValue(fmt, relief.input, enough);
    lines.push(`  → ${relief.input}: ${from} → ${to}`);
  }
  if (binding.constraint !== 'none' && binding.relief.length > 0) {
    lines.push(
      ru
        ? '  (любое одно из изменений снимает ограничение)'
        : '  (any one of these changes relieves it)',
    );
  }
  return lines.join('\n');
}

export function renderChecks(checks: Check[], fmt: Formatter, color: boolean): string {
  const p = paint(color);
  const lang = fmt.lang;
  const rows = createTable({
    head: [label('check', lang), label('value', lang), label('limit', lang), ''],
    color,
    alignRight: [1, 2],
  });
  for (const check of checks) {
    const { value, limit } = planCheckTexts(check, fmt);
    rows.push([
      label(`check_${check.id}` as LabelId, lang),
      value,
      limit,
      check.ok ? p.green(label('passed', lang)) : p.red(label('failed', lang)),
    ]);
  }
  return rows.toString();
}
