/**
 * A report as a list of figures: the one shape the markdown, CSV and GitHub
 * formats read. A command builds its report once (the plan here; a deal the
 * same way) and every format renders it, so the formats never disagree.
 */

import type { Check, CheckGate, Warning } from '../model/plan.js';
import { roundAsShown, roundToward, roundUpCount, type Formatter, type Lang } from './format.js';
import { label, type LabelId } from './labels.js';
import type { PlanView } from './plan.js';

/** What a figure counts, so that each format can show or name its unit. */
export type FigureUnit =
  | 'money'
  | 'share'
  | 'ratio'
  | 'months'
  | 'weeks'
  | 'hours'
  | 'per_week'
  | 'per_day'
  | 'clients'
  | 'client_months'
  | 'people'
  | 'count';

export interface ReportFigure {
  /** Where the figure sits in the command's JSON, array items named: `funnel.meetings.count`. */
  key: string;
  /** The stage or role the figure belongs to; null for a figure of the whole plan. */
  item: string | null;
  /** What a person reads: the figure's name, or the column's name for an item's figure. */
  label: string;
  /** Unrounded. */
  value: number;
  unit: FigureUnit;
  /** The value rounded and formatted for people. */
  text: string;
}

export interface ReportSection {
  id: string;
  title: string;
  /** Heading of the item column (Stage, Role) when the figures belong to items. */
  itemLabel: string | null;
  figures: ReportFigure[];
}

export interface ReportCheck {
  id: string;
  label: string;
  ok: boolean;
  /** Null for a deal check without a figure: a payback that never comes, LTV/CAC without CAC. */
  value: number | null;
  limit: number;
  comparison: '>=' | '<=';
  unit: FigureUnit;
  valueText: string;
  limitText: string;
  /** The chance the check passes on, when thresholds.min_probability gates it. */
  gate: CheckGate | null;
}

export interface ReportWarning {
  id: string;
  message: string;
}

export interface Report {
  title: string;
  lang: Lang;
  currency: string;
  ok: boolean;
  sections: ReportSection[];
  checks: ReportCheck[];
  warnings: ReportWarning[];
}

/**
 * Decimals a figure of each unit shows: money to whole units and shares to a tenth of a
 * percent (as the formatter writes them), counts of things rounded up to whole ones.
 */
const DIGITS: Record<FigureUnit, number> = {
  money: 0,
  share: 1,
  ratio: 2,
  months: 2,
  weeks: 1,
  hours: 1,
  per_week: 1,
  per_day: 1,
  clients: 1,
  client_months: 1,
  people: 0,
  count: 0,
};

/**
 * Formats a figure for people by its unit; the single rounding rule of the formats. `extra`
 * decimals are for a figure that must be told apart from another (see figuresApart).
 */
export function figureText(value: number, unit: FigureUnit, fmt: Formatter, extra = 0): string {
  const digits = DIGITS[unit] + extra;
  switch (unit) {
    case 'money':
      return fmt.money(value, digits);
    case 'share':
      return fmt.percent(value, digits);
    case 'ratio':
      return fmt.decimal(value, digits);
    case 'months':
      return `${fmt.decimal(value, digits)} ${label('months', fmt.lang)}`;
    case 'weeks':
      return `${fmt.decimal(value, digits)} ${label('weeks', fmt.lang)}`;
    case 'hours':
      return `${fmt.decimal(value, digits)} ${label('hours', fmt.lang)}`;
    case 'per_week':
    case 'per_day':
    case 'clients':
    case 'client_months':
      return fmt.decimal(value, digits);
    case 'people':
      return fmt.integer(value);
    case 'count':
      return fmt.count(value);
  }
}

/**
 * Two figures, with as many more decimals as it takes (up to four) for them to read apart when
 * they differ: a price of 174 545 against a minimum of 174 545.45 reads ₽174,545 and
 * ₽174,545.45, where whole roubles showed the same figure twice. Whole counts stay whole.
 */
export function figuresApart(
  value: number,
  other: number,
  unit: FigureUnit,
  fmt: Formatter,
): [string, string] {
  // Money goes from whole units to kopecks (cents) at once, then a decimal at a time.
  const steps = unit === 'money' ? [0, 2, 3, 4] : [0, 1, 2, 3, 4];
  let texts: [string, string] = ['', ''];
  for (const extra of steps) {
    texts = [figureText(value, unit, fmt, extra), figureText(other, unit, fmt, extra)];
    if (texts[0] !== texts[1] || value === other) {
      break;
    }
  }
  return texts;
}

/** The number figureText shows for a value; a share's in percent. */
function shownNumber(value: number, unit: FigureUnit): number {
  if (unit === 'count') {
    return roundUpCount(value);
  }
  return roundAsShown(unit === 'share' ? value * 100 : value, DIGITS[unit]);
}

/**
 * A value rounded to what its unit shows, up or down rather than to the nearest: a goal seek's
 * answer stays on the side that meets the target (CAC ≤ 1 012.5 shows ₽1,012, not ₽1,013).
 */
export function shownToward(value: number, unit: FigureUnit, toward: 'up' | 'down'): number {
  return roundToward(value, DIGITS[unit] + (unit === 'share' ? 2 : 0), toward);
}

/**
 * The change from `base` to `value` with its sign, as the difference of the two figures as
 * shown: 64 → 65 clients is +1 even when the exact counts are 63.4 and 64.6. Shares move by
 * percentage points.
 */
export function figureDelta(value: number, base: number, unit: FigureUnit, fmt: Formatter): string {
  const delta = shownNumber(value, unit) - shownNumber(base, unit);
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  const size = Math.abs(delta);
  const text =
    unit === 'share'
      ? `${fmt.decimal(size, DIGITS.share)} ${label('percentage_points', fmt.lang)}`
      : figureText(size, unit, fmt);
  return `${sign}${text}`;
}

/** Units of the figures of a plan, by the ids of calc/paths (`metricValue`). */
export const METRIC_UNITS = {
  client_months: 'client_months',
  new_clients: 'count',
  attempts_needed: 'count',
  meetings_needed: 'count',
  attempts_per_week: 'per_week',
  meetings_per_week: 'per_week',
  weeks_to_close: 'weeks',
  reps_needed: 'people',
  gross_profit_per_month: 'money',
  cac: 'money',
  lifetime_months: 'months',
  ltv: 'money',
  ltv_to_cac: 'ratio',
  payback_months: 'months',
  direct_cost_per_month: 'money',
  minimum_check_for_margin: 'money',
  minimum_check_for_cac: 'money',
  minimum_check: 'money',
  hours_budget: 'hours',
  implied_margin: 'share',
  max_load: 'share',
  hires_needed: 'people',
} as const satisfies Record<string, FigureUnit>;

const STAGE_METRIC_UNITS: Record<string, FigureUnit> = { count: 'count' };

const ROLE_METRIC_UNITS: Record<string, FigureUnit> = {
  capacity: 'clients',
  peak_active_clients: 'clients',
  load: 'share',
  hires_needed: 'people',
};

/** The unit of a figure id (`ltv_to_cac`, `funnel.meetings.count`, `roles.0.load`); null if none. */
export function metricUnit(id: string): FigureUnit | null {
  const [head, , field, ...rest] = id.trim().split('.');
  if (field === undefined) {
    return (METRIC_UNITS as Record<string, FigureUnit>)[id.trim()] ?? null;
  }
  const fields = head === 'funnel' ? STAGE_METRIC_UNITS : head === 'roles' ? ROLE_METRIC_UNITS : {};
  return rest.length === 0 ? (fields[field] ?? null) : null;
}

/**
 * A check's value and its limit with the sign of the comparison: `2.47 months`, `≤ 4 months`.
 * A check without a figure (a payback that never comes) shows a dash.
 */
export function checkTexts(
  value: number | null,
  limit: number,
  comparison: '>=' | '<=',
  unit: FigureUnit,
  fmt: Formatter,
): { value: string; limit: string } {
  const sign = comparison === '>=' ? '≥' : '≤';
  // A value just short of its limit is not written as equal to it.
  const [shown, bound] =
    value === null ? ['—', figureText(limit, unit, fmt)] : figuresApart(value, limit, unit, fmt);
  return { value: shown, limit: `${sign} ${bound}` };
}

/**
 * A plan check's value and limit as shown. A check that gates on its chance adds the
 * chance and the chance required: `2.53 (P = 53%)`, `≥ 3 (P ≥ 90%)`.
 */
export function planCheckTexts(check: Check, fmt: Formatter): { value: string; limit: string } {
  const texts = checkTexts(check.value, check.limit, check.comparison, CHECK_UNITS[check.id], fmt);
  if (!check.gate) return texts;
  return {
    value: `${texts.value} (P = ${fmt.percent(check.gate.probability)})`,
    limit: `${texts.limit} (P ≥ ${fmt.percent(check.gate.minProbability)})`,
  };
}

/** What each check of a plan measures. */
export const CHECK_UNITS: Record<Check['id'], FigureUnit> = {
  ltv_to_cac: 'ratio',
  payback_within_contract: 'months',
  payback_max: 'months',
  fits_period: 'weeks',
  delivery_load: 'share',
  churn_max: 'share',
};

/** A plan warning in a sentence, with its figures formatted. */
export function warningMessage(warning: Warning, fmt: Formatter): string {
  const v = warning.values;
  const ru = fmt.lang === 'ru';
  switch (warning.id) {
    case 'implied_margin_differs':
      return ru
        ? `${fmt.decimal(v.hours_per_client_month ?? 0, 1)} ч на клиента при среднем чеке дают маржу ${fmt.percent(v.implied_margin ?? 0)}, а в файле ${fmt.percent(v.gross_margin ?? 0)}; бюджет часов при этой марже — ${fmt.decimal(v.hours_budget ?? 0, 1)} ч`
        : `${fmt.decimal(v.hours_per_client_month ?? 0, 1)} h a client at the average check imply a ${fmt.percent(v.implied_margin ?? 0)} margin, and the file says ${fmt.percent(v.gross_margin ?? 0)}; the hours budget at that margin is ${fmt.decimal(v.hours_budget ?? 0, 1)} h`;
    case 'policy_minimum_below_binding':
      return ru
        ? `минимальный чек по политике ${fmt.money(v.minimum_check ?? 0)} ниже действующего минимума ${fmt.money(v.binding_minimum ?? 0)}: сделки между ними теряют маржу`
        : `the policy minimum check ${fmt.money(v.minimum_check ?? 0)} is below the binding minimum ${fmt.money(v.binding_minimum ?? 0)}: deals between the two lose margin`;
    case 'average_check_below_minimum':
      return ru
        ? `средний чек ${fmt.money(v.average_check ?? 0)} ниже минимального ${fmt.money(v.binding_minimum ?? 0)}`
        : `the average check ${fmt.money(v.average_check ?? 0)} is below the minimum check ${fmt.money(v.binding_minimum ?? 0)}`;
  }
}

/** The plan as a report: the figures of its public JSON, in the same order and with the same keys. */
export function planReport(view: PlanView, fmt: Formatter): Report {
  const { assumptions, plan } = view;
  const lang = fmt.lang;
  const t = (id: LabelId) => label(id, lang);

  function section(id: LabelId, itemLabel: LabelId | null = null): ReportSection {
    return { id, title: t(id), itemLabel: itemLabel ? t(itemLabel) : null, figures: [] };
  }
  function add(
    into: ReportSection,
    key: string,
    name: LabelId,
    value: number | null,
    unit: FigureUnit,
    item: string | null = null,
  ): void {
    if (value !== null) {
      into.figures.push({
        key,
        item,
        label: t(name),
        value,
        unit,
        text: figureText(value, unit, fmt),
      });
    }
  }

  const clients = section('clients');
  add(clients, 'revenue_target', 'revenue_target', assumptions.revenueTarget, 'money');
  add(clients, 'average_check', 'average_check', assumptions.averageCheck, 'money');
  add(clients, 'client_months', 'client_months', plan.clientMonths, 'client_months');
  add(clients, 'contract_months', 'contract_months', assumptions.contractMonths, 'months');
  add(clients, 'new_clients', 'new_clients', plan.newClients, 'count');
  add(
    clients,
    'clients_lost_per_month',
    'clients_lost_per_month',
    plan.clientsLostPerMonth,
    'clients',
  );

  const funnel = section('funnel', 'stage');
  for (const stage of plan.funnel) {
    const key = `funnel.${stage.stage}`;
    add(funnel, `${key}.count`, 'needed', stage.count, 'count', stage.stage);
    add(funnel, `${key}.conversion`, 'conversion', stage.conversion, 'share', stage.stage);
  }

  const sales = section('sales');
  const s = plan.sales;
  add(sales, 'sales.attempts_needed', 'attempts_needed', s.attemptsNeeded, 'count');
  add(sales, 'sales.meetings_needed', 'meetings_needed', s.meetingsNeeded, 'count');
  add(sales, 'sales.attempts_per_week', 'attempts_per_week', s.attemptsPerWeek, 'per_week');
  add(sales, 'sales.meetings_per_week', 'meetings_per_week', s.meetingsPerWeek, 'per_week');
  add(sales, 'sales.weeks_to_close', 'weeks_to_close', s.weeksToClose, 'weeks');
  add(sales, 'sales.period_weeks', 'period_weeks', s.periodWeeks, 'weeks');
  add(sales, 'sales.reps', 'reps', assumptions.sales.reps, 'people');
  add(sales, 'sales.reps_needed', 'reps_needed', s.repsNeeded, 'people');

  const unit = section('unit_economics');
  const u = plan.unitEconomics;
  const ue = (name: LabelId, value: number, figureUnit: FigureUnit) =>
    add(unit, `unit_economics.${name}`, name, value, figureUnit);
  ue('gross_profit_per_month', u.grossProfitPerMonth, 'money');
  ue('cac', u.cac, 'money');
  ue('lifetime_months', u.lifetimeMonths, 'months');
  ue('ltv', u.ltv, 'money');
  ue('ltv_to_cac', u.ltvToCac, 'ratio');
  ue('payback_months', u.paybackMonths, 'months');

  const pricing = section('pricing');
  const p = plan.pricing;
  const pr = (name: LabelId, value: number | null, figureUnit: FigureUnit) =>
    add(pricing, `pricing.${name}`, name, value, figureUnit);
  pr('direct_cost_per_month', p.directCostPerMonth, 'money');
  pr('minimum_check_for_margin', p.minimumCheckForMargin, 'money');
  pr('minimum_check_for_cac', p.minimumCheckForCac, 'money');
  pr('minimum_check', p.minimumCheck, 'money');
  pr('minimum_check_policy', assumptions.minimumCheck, 'money');
  pr('hours_budget_at_average_check', p.hoursBudgetAtAverageCheck, 'hours');
  pr('implied_margin', p.impliedMargin, 'share');

  const capacity = section('capacity', 'role');
  for (const role of plan.capacity) {
    const key = `capacity.${role.role}`;
    add(capacity, `${key}.capacity`, 'capacity_clients', role.capacity, 'clients', role.role);
    add(
      capacity,
      `${key}.peak_active_clients`,
      'peak_active_clients',
      role.peakActiveClients,
      'clients',
      role.role,
    );
    add(capacity, `${key}.load`, 'load', role.load, 'share', role.role);
    add(capacity, `${key}.hires_needed`, 'hires_needed', role.hiresNeeded, 'people', role.role);
    add(
      capacity,
      `${key}.hours_per_client_per_week`,
      'hours_per_client_per_week',
      role.hoursPerClientPerWeek,
      'hours',
      role.role,
    );
  }

  const checks = plan.checks.map((check): ReportCheck => {
    const unit = CHECK_UNITS[check.id];
    const texts = planCheckTexts(check, fmt);
    return {
      id: check.id,
      label: label(`check_${check.id}` as LabelId, lang),
      ok: check.ok,
      value: check.value,
      limit: check.limit,
      comparison: check.comparison,
      unit,
      valueText: texts.value,
      limitText: texts.limit,
      gate: check.gate ?? null,
    };
  });

  const title = assumptions.name ? `${assumptions.name}: ` : '';
  return {
    title: `${title}${t('plan_for')} ${t(plan.period.name)} (${fmt.decimal(plan.period.weeks, 1)} ${t('weeks')})`,
    lang,
    currency: assumptions.currency,
    ok: plan.ok,
    sections: [clients, funnel, sales, unit, pricing, capacity].filter(
      (entry) => entry.figures.length > 0,
    ),
    checks,
    warnings: plan.warnings.map((warning) => ({
      id: warning.id,
      message: warningMessage(warning, fmt),
    })),
  };
}
