/**
 * The arithmetic behind one figure of a plan, as data: the assumptions it
 * reads and each step from them to the figure, every step a small expression
 * over named values. The steps evaluate with the calculators' own rules
 * (guarded division, tolerant rounding up), so the figure they reach is the
 * figure the plan shows; a test holds them to that.
 */

import type { Assumptions } from '../model/assumptions.js';
import { foldName } from '../text/suggest.js';
import { busiestIndex } from './capacity.js';
import { ceilWhole, divide } from './compare.js';
import { findItem } from './paths.js';
import { periodLength } from './period.js';
import { planPeriod } from './plan.js';

export type Expr =
  | { kind: 'ref'; name: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; op: '+' | '−' | '×' | '/'; left: Expr; right: Expr }
  | { kind: 'call'; fn: 'max' | 'min' | 'ceil'; args: Expr[] };

/** How a value reads: money, a share of one, or a plain number. */
export type Quantity = 'money' | 'share' | 'number';

export interface ExplainedInput {
  /** The key as a user writes it in `--set`: `funnel.meetings.conversion`. */
  name: string;
  /** The key path in the file, list items by index: `['funnel', 1, 'conversion']`. */
  path: (string | number)[];
  value: number;
  quantity: Quantity;
}

export interface ExplainedStep {
  name: string;
  formula: Expr;
  value: number;
  quantity: Quantity;
}

export interface Explanation {
  metric: string;
  value: number;
  quantity: Quantity;
  inputs: ExplainedInput[];
  steps: ExplainedStep[];
}

const ref = (name: string): Expr => ({ kind: 'ref', name });
const num = (value: number): Expr => ({ kind: 'number', value });
const op =
  (symbol: '+' | '−' | '×' | '/') =>
  (left: Expr, right: Expr): Expr => ({ kind: 'op', op: symbol, left, right });
const plus = op('+');
const minus = op('−');
const times = op('×');
const over = op('/');
const call = (fn: 'max' | 'min' | 'ceil', ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

/** Evaluates an expression over named values with the calculators' rules. */
export function evaluate(expr: Expr, values: ReadonlyMap<string, number>): number {
  switch (expr.kind) {
    case 'ref':
      return values.get(expr.name) ?? 0;
    case 'number':
      return expr.value;
    case 'op': {
      const left = evaluate(expr.left, values);
      const right = evaluate(expr.right, values);
      if (expr.op === '+') return left + right;
      if (expr.op === '−') return left - right;
      if (expr.op === '×') return left * right;
      return divide(left, right);
    }
    case 'call': {
      const args = expr.args.map((arg) => evaluate(arg, values));
      if (expr.fn === 'ceil') return ceilWhole(args[0] ?? 0);
      return expr.fn === 'max' ? Math.max(...args) : Math.min(...args);
    }
  }
}

/** Collects inputs and steps in the order they are first needed, each once. */
class Derivation {
  readonly values = new Map<string, number>();
  readonly inputs: ExplainedInput[] = [];
  readonly steps: ExplainedStep[] = [];

  input(name: string, path: (string | number)[], value: number, quantity: Quantity): Expr {
    if (!this.values.has(name)) {
      this.values.set(name, value);
      this.inputs.push({ name, path, value, quantity });
    }
    return ref(name);
  }

  step(name: string, quantity: Quantity, build: () => Expr): Expr {
    if (!this.values.has(name)) {
      const formula = build();
      const value = evaluate(formula, this.values);
      this.values.set(name, value);
      this.steps.push({ name, formula, value, quantity });
    }
    return ref(name);
  }
}

/** One derivation per plan: every figure's steps, built on demand from the assumptions. */
function figures(a: Assumptions) {
  const d = new Derivation();
  const period = periodLength(a.period);
  const stageIndex = (name: string | null) => a.funnel.findIndex((stage) => stage.stage === name);

  const input = {
    revenueTarget: () => d.input('revenue_target', ['revenue_target'], a.revenueTarget, 'money'),
    averageCheck: () => d.input('average_check', ['average_check'], a.averageCheck, 'money'),
    grossMargin: () => d.input('gross_margin', ['gross_margin'], a.grossMargin, 'share'),
    contractMonths: () =>
      d.input('contract_months', ['contract_months'], a.contractMonths, 'number'),
    churn: () => d.input('churn_monthly', ['churn_monthly'], a.churnMonthly, 'share'),
    periodMonths: () => d.input('period_months', ['period'], period.months, 'number'),
    periodWeeks: () => d.input('period_weeks', ['period'], period.weeks, 'number'),
    reps: () => d.input('sales.reps', ['sales', 'reps'], a.sales.reps, 'number'),
    attemptsPerDay: () =>
      d.input(
        'sales.attempts_per_rep_per_day',
        ['sales', 'attempts_per_rep_per_day'],
        a.sales.attemptsPerRepPerDay,
        'number',
      ),
    workingDays: () =>
      d.input(
        'sales.working_days_per_week',
        ['sales', 'working_days_per_week'],
        a.sales.workingDaysPerWeek,
        'number',
      ),
    meetingsPerWeek: (value: number) =>
      d.input(
        'sales.meetings_per_rep_per_week',
        ['sales', 'meetings_per_rep_per_week'],
        value,
        'number',
      ),
    hourlyCost: () =>
      d.input('delivery.hourly_cost', ['delivery', 'hourly_cost'], a.delivery.hourlyCost, 'money'),
    hours: () =>
      d.input(
        'delivery.hours_per_client_month',
        ['delivery', 'hours_per_client_month'],
        a.delivery.hoursPerClientMonth,
        'number',
      ),
  };

  const clientMonths = () =>
    d.step('client_months', 'number', () => over(input.revenueTarget(), input.averageCheck()));
  const newClients = () =>
    d.step('new_clients', 'number', () => over(clientMonths(), input.contractMonths()));

  function stageCount(index: number): Expr {
    const stage = a.funnel[index]!;
    const last = a.funnel.length - 1;
    return d.step(`funnel.${stage.stage}`, 'number', () => {
      if (index === last) {
        return newClients();
      }
      const next = a.funnel[index + 1]!;
      const conversion = d.input(
        `funnel.${next.stage}.conversion`,
        ['funnel', index + 1, 'conversion'],
        next.conversion ?? 1,
        'share',
      );
      return over(stageCount(index + 1), conversion);
    });
  }

  const attemptsIndex = () => Math.max(0, stageIndex(a.sales.attemptsStage));
  const meetingsBound = () =>
    stageIndex(a.sales.meetingsStage) >= 0 && a.sales.meetingsPerRepPerWeek !== null;

  const attemptsPerWeek = () =>
    d.step('attempts_per_week', 'number', () =>
      times(input.reps(), times(input.attemptsPerDay(), input.workingDays())),
    );
  const meetingsPerWeek = () =>
    d.step('meetings_per_week', 'number', () =>
      times(input.reps(), input.meetingsPerWeek(a.sales.meetingsPerRepPerWeek ?? 0)),
    );

  const weeksToClose = () =>
    d.step('weeks_to_close', 'number', () => {
      const attempts = over(stageCount(attemptsIndex()), attemptsPerWeek());
      if (!meetingsBound()) {
        return attempts;
      }
      const meetings = over(stageCount(stageIndex(a.sales.meetingsStage)), meetingsPerWeek());
      return call('max', attempts, meetings);
    });

  const repsNeeded = () =>
    d.step('reps_needed', 'number', () => {
      const perRep = times(times(input.attemptsPerDay(), input.workingDays()), input.periodWeeks());
      const forAttempts = call('ceil', over(stageCount(attemptsIndex()), perRep));
      if (!meetingsBound()) {
        return call('max', num(1), forAttempts);
      }
      const perRepMeetings = times(
        input.meetingsPerWeek(a.sales.meetingsPerRepPerWeek ?? 0),
        input.periodWeeks(),
      );
      const meetings = stageCount(stageIndex(a.sales.meetingsStage));
      return call('max', num(1), forAttempts, call('ceil', over(meetings, perRepMeetings)));
    });

  const grossProfit = () =>
    d.step('gross_profit_per_month', 'money', () =>
      times(input.averageCheck(), input.grossMargin()),
    );

  const cac = () =>
    d.step('cac', 'money', () => {
      if (a.sales.cac !== null) {
        return d.input('sales.cac', ['sales', 'cac'], a.sales.cac, 'money');
      }
      const costs = a.sales.monthlyCosts;
      if (costs === null) {
        return num(0);
      }
      const cost = (key: 'payroll' | 'tools' | 'marketing') =>
        d.input(`sales.monthly_costs.${key}`, ['sales', 'monthly_costs', key], costs[key], 'money');
      const monthly = plus(plus(cost('payroll'), cost('tools')), cost('marketing'));
      return over(times(monthly, input.periodMonths()), newClients());
    });

  const lifetime = () =>
    d.step('lifetime_months', 'number', () => {
      const horizon =
        a.ltvHorizonMonths === null
          ? null
          : d.input('ltv_horizon_months', ['ltv_horizon_months'], a.ltvHorizonMonths, 'number');
      if (a.churnMonthly <= 0) {
        return horizon ?? num(0);
      }
      const uncapped = over(num(1), input.churn());
      return horizon === null ? uncapped : call('min', uncapped, horizon);
    });

  const ltv = () => d.step('ltv', 'money', () => times(grossProfit(), lifetime()));
  const directCost = () =>
    d.step('direct_cost_per_month', 'money', () => times(input.hourlyCost(), input.hours()));
  const forMargin = () =>
    d.step('minimum_check_for_margin', 'money', () =>
      over(directCost(), minus(num(1), input.grossMargin())),
    );
  const forCac = () =>
    d.step('minimum_check_for_cac', 'money', () =>
      plus(directCost(), over(cac(), input.contractMonths())),
    );

  function role(index: number) {
    const r = a.delivery.roles[index]!;
    const path = (key: string) => ['delivery', 'roles', index, key];
    const name = (key: string) => `delivery.roles.${r.role}.${key}`;
    const headcount = () => d.input(name('headcount'), path('headcount'), r.headcount, 'number');
    const perPerson = () =>
      d.input(name('clients_per_person'), path('clients_per_person'), r.clientsPerPerson, 'number');
    const share = () =>
      d.input(name('share_of_clients'), path('share_of_clients'), r.shareOfClients, 'share');

    const capacity = () =>
      d.step(`capacity.${r.role}`, 'number', () => times(headcount(), perPerson()));
    const peak = () =>
      d.step(`peak_active_clients.${r.role}`, 'number', () => {
        const inflow = d.step(`new_clients_a_month.${r.role}`, 'number', () =>
          over(times(share(), newClients()), input.periodMonths()),
        );
        const start = d.input(
          'delivery.active_clients',
          ['delivery', 'active_clients'],
          a.delivery.activeClients,
          'number',
        );
        let active = d.step(`active_clients.${r.role}.month_0`, 'number', () =>
          times(start, share()),
        );
        const months = [active];
        for (let month = 1; month <= period.months; month += 1) {
          const previous = active;
          active = d.step(`active_clients.${r.role}.month_${month}`, 'number', () =>
            plus(times(previous, minus(num(1), input.churn())), inflow),
          );
          months.push(active);
        }
        return call('max', ...months);
      });
    const load = () => d.step(`load.${r.role}`, 'share', () => over(peak(), capacity()));
    const hires = () =>
      d.step(`hires_needed.${r.role}`, 'number', () => {
        const maxLoad = d.input(
          'delivery.max_load',
          ['delivery', 'max_load'],
          a.delivery.maxLoad,
          'share',
        );
        const people = over(peak(), times(maxLoad, perPerson()));
        return call('max', num(0), call('ceil', minus(people, headcount())));
      });
    return { capacity, peak, load, hires };
  }

  const metrics = new Map<string, () => Expr>([
    ['client_months', clientMonths],
    ['new_clients', newClients],
    ['attempts_per_week', attemptsPerWeek],
    ['weeks_to_close', weeksToClose],
    ['reps_needed', repsNeeded],
    ['gross_profit_per_month', grossProfit],
    ['cac', cac],
    ['lifetime_months', lifetime],
    ['ltv', ltv],
    ['ltv_to_cac', () => d.step('ltv_to_cac', 'number', () => over(ltv(), cac()))],
    ['payback_months', () => d.step('payback_months', 'number', () => over(cac(), grossProfit()))],
    ['direct_cost_per_month', directCost],
    ['minimum_check_for_margin', forMargin],
    ['minimum_check_for_cac', forCac],
    [
      'minimum_check',
      () => d.step('minimum_check', 'money', () => call('max', forMargin(), forCac())),
    ],
    [
      'hours_budget_at_average_check',
      () =>
        d.step('hours_budget_at_average_check', 'number', () =>
          over(times(input.averageCheck(), minus(num(1), input.grossMargin())), input.hourlyCost()),
        ),
    ],
    [
      'implied_margin',
      () =>
        d.step('implied_margin', 'share', () =>
          minus(num(1), over(directCost(), input.averageCheck())),
        ),
    ],
  ]);
  if (a.sales.meetingsPerRepPerWeek !== null) {
    metrics.set('meetings_per_week', meetingsPerWeek);
  }
  a.funnel.forEach((stage, index) => metrics.set(`funnel.${stage.stage}`, () => stageCount(index)));
  a.delivery.roles.forEach((entry, index) => {
    const figure = role(index);
    metrics.set(`capacity.${entry.role}`, figure.capacity);
    metrics.set(`peak_active_clients.${entry.role}`, figure.peak);
    metrics.set(`load.${entry.role}`, figure.load);
    metrics.set(`hires_needed.${entry.role}`, figure.hires);
  });

  return { derivation: d, metrics };
}

/** Every metric `explain` knows for these assumptions (stages and roles by name). */
export function explainableMetrics(assumptions: Assumptions): string[] {
  return [...figures(assumptions).metrics.keys()];
}

/**
 * The metric a user meant: its exact name, the same name in another case or spelling
 * (`LTV-to-CAC`), the id goal seek, sensitivity and the simulation give the figure
 * (`roles.account_manager.load`, `funnel.meetings.count`, `hours_budget`), a bare stage
 * (`meetings`) or role (`account manager`, for its load), or `load` / `max_load` for the
 * busiest role. Null when none fits.
 */
export function resolveMetric(asked: string, assumptions: Assumptions): string | null {
  const metrics = explainableMetrics(assumptions);
  const folded = foldName(asked);
  const same = (name: string) => foldName(name) === folded;

  const direct = metrics.find((metric) => metric === asked) ?? metrics.find(same);
  if (direct) {
    return direct;
  }
  const figure = figureMetric(asked.trim(), assumptions);
  if (figure && metrics.includes(figure)) {
    return figure;
  }
  const stage = assumptions.funnel.find((entry) => same(entry.stage));
  if (stage) {
    return `funnel.${stage.stage}`;
  }
  const role = assumptions.delivery.roles.find((entry) => same(entry.role));
  if (role) {
    return `load.${role.role}`;
  }
  if ((folded === 'load' || folded === 'max_load') && assumptions.delivery.roles.length > 0) {
    const capacity = planPeriod(assumptions).capacity;
    return `load.${capacity[busiestIndex(capacity)]!.role}`;
  }
  return null;
}

/** The metric of a plan figure id (listMetrics in paths.ts); null for another id. */
function figureMetric(id: string, a: Assumptions): string | null {
  const FIGURES: Record<string, string | null> = {
    hours_budget: 'hours_budget_at_average_check',
    attempts_needed: `funnel.${a.sales.attemptsStage}`,
    meetings_needed: a.sales.meetingsStage === null ? null : `funnel.${a.sales.meetingsStage}`,
  };
  if (id in FIGURES) {
    return FIGURES[id] ?? null;
  }
  // Items by position or by name, as goal seek and sensitivity find them.
  const stage = /^funnel\.(.+)\.count$/.exec(id);
  if (stage) {
    const index = findItem(
      a.funnel.map((entry) => entry.stage),
      stage[1]!,
    );
    return index < 0 ? null : `funnel.${a.funnel[index]!.stage}`;
  }
  const role = /^roles\.(.+)\.(capacity|peak_active_clients|load|hires_needed)$/.exec(id);
  if (role) {
    const index = findItem(
      a.delivery.roles.map((entry) => entry.role),
      role[1]!,
    );
    return index < 0 ? null : `${role[2]}.${a.delivery.roles[index]!.role}`;
  }
  return null;
}

/**
 * The steps from the assumptions to one metric, or null when the metric is
 * not one of explainableMetrics(assumptions).
 */
export function explainMetric(assumptions: Assumptions, metric: string): Explanation | null {
  const { derivation, metrics } = figures(assumptions);
  const build = metrics.get(metric);
  if (!build) {
    return null;
  }

  build();
  const last = derivation.steps.at(-1)!;
  return {
    metric,
    value: last.value,
    quantity: last.quantity,
    inputs: derivation.inputs,
    steps: derivation.steps,
  };
}
