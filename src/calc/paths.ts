/**
 * Key paths: the names users give inputs and figures on the command line and in
 * the file (`churn_monthly`, `funnel.meetings.conversion`, `roles.0.load`), mapped
 * to the camelCase fields of `Assumptions` and `PlanResult`. List items are named
 * by index or by their name (`delivery.roles.account_manager.headcount`).
 */
import { InputError, problem } from '../model/problem.js';
import type { Assumptions, FunnelStage, Role } from '../model/assumptions.js';
import type { PlanResult } from '../model/plan.js';
import { nearest } from '../text/suggest.js';
import { busiestIndex } from './capacity.js';

/** The values an input may take: rates in (0, 1], counts above zero, whole reps. */
export interface InputDomain {
  min: number;
  /** True when `min` itself is not allowed (a rate of 0, a check of 0). */
  openMin: boolean;
  max: number;
  openMax: boolean;
  /** Whole numbers only: reps, headcount. */
  integer: boolean;
}

export interface InputSpec {
  /** Canonical path: snake_case, list items by name when names are unique. */
  path: string;
  domain: InputDomain;
  /** The domain in a given plan, for an input whose domain depends on the rest of the plan. */
  domainIn?: (a: Assumptions) => InputDomain;
  /** Threshold inputs describe policy, not the business; sensitivity skips them. */
  threshold: boolean;
  get(a: Assumptions): number | null;
  set(a: Assumptions, value: number): Assumptions;
}

const RATE: InputDomain = { min: 0, openMin: true, max: 1, openMax: false, integer: false };
const MARGIN: InputDomain = { min: 0, openMin: true, max: 1, openMax: true, integer: false };
const POSITIVE: InputDomain = {
  min: 0,
  openMin: true,
  max: Infinity,
  openMax: true,
  integer: false,
};
const NON_NEGATIVE: InputDomain = { ...POSITIVE, openMin: false };
const WHOLE: InputDomain = { min: 1, openMin: false, max: Infinity, openMax: true, integer: true };
const DAYS_PER_WEEK: InputDomain = {
  min: 0,
  openMin: true,
  max: 7,
  openMax: false,
  integer: false,
};

type Getter = (a: Assumptions) => number | null;
type Setter = (a: Assumptions, value: number) => Assumptions;

function spec(
  path: string,
  domain: InputDomain,
  get: Getter,
  set: Setter,
  threshold = false,
): InputSpec {
  return { path, domain, get, set, threshold };
}

/**
 * Churn may be 0 only in a plan whose lifetime a horizon caps; without one, 0% churn means
 * an unbounded LTV, so the domain stops just above it.
 */
function churnDomain(a: Assumptions): InputDomain {
  return a.ltvHorizonMonths === null ? RATE : { ...RATE, openMin: false };
}

/** An input's spec in this plan, with the domain the rest of the plan allows it. */
function forPlan(input: InputSpec, a: Assumptions): InputSpec {
  return input.domainIn ? { ...input, domain: input.domainIn(a) } : input;
}

/**
 * One monthly cost may be 0 while the others keep the total above it; the total is CAC's
 * numerator, and a CAC of 0 has no LTV/CAC.
 */
function costDomain(field: CostField): (a: Assumptions) => InputDomain {
  return (a) => {
    const costs = a.sales.monthlyCosts;
    const others = costs ? costs.payroll + costs.tools + costs.marketing - costs[field] : 0;
    return others > 0 ? NON_NEGATIVE : POSITIVE;
  };
}

function sales(a: Assumptions, fields: Partial<Assumptions['sales']>): Assumptions {
  return { ...a, sales: { ...a.sales, ...fields } };
}

type CostField = 'payroll' | 'tools' | 'marketing';

function monthlyCost(a: Assumptions, field: CostField, value: number) {
  // Setting one cost on a file that has none starts the others at zero.
  const costs = a.sales.monthlyCosts ?? { payroll: 0, tools: 0, marketing: 0 };
  return sales(a, { monthlyCosts: { ...costs, [field]: value } });
}

/** The keys of T that hold a number (or nothing, for an optional one). */
type NumberField<T> = { [K in keyof T]-?: T[K] extends number | null ? K : never }[keyof T];

/** An input at the top of the file: `average_check` is `averageCheck`. */
function topLevel(path: string, field: NumberField<Assumptions>, domain: InputDomain): InputSpec {
  return spec(
    path,
    domain,
    (a) => a[field],
    (a, v) => ({ ...a, [field]: v }),
  );
}

type Section = 'sales' | 'delivery' | 'thresholds';

/** An input of one section: `sales.reps` is `sales.reps`; every threshold is policy. */
function inSection<S extends Section>(
  section: S,
  key: string,
  field: NumberField<Assumptions[S]>,
  domain: InputDomain,
): InputSpec {
  return spec(
    `${section}.${key}`,
    domain,
    (a) => a[section][field] as number | null,
    (a, v) => ({ ...a, [section]: { ...a[section], [field]: v } }),
    section === 'thresholds',
  );
}

/** One of the monthly costs CAC is computed from. */
function cost(field: CostField): InputSpec {
  return {
    ...spec(
      `sales.monthly_costs.${field}`,
      NON_NEGATIVE,
      (a) => a.sales.monthlyCosts?.[field] ?? null,
      (a, v) => monthlyCost(a, field, v),
    ),
    domainIn: costDomain(field),
  };
}

const SCALARS: InputSpec[] = [
  topLevel('revenue_target', 'revenueTarget', POSITIVE),
  topLevel('average_check', 'averageCheck', POSITIVE),
  topLevel('minimum_check', 'minimumCheck', POSITIVE),
  topLevel('gross_margin', 'grossMargin', MARGIN),
  topLevel('contract_months', 'contractMonths', POSITIVE),
  { ...topLevel('churn_monthly', 'churnMonthly', RATE), domainIn: churnDomain },
  topLevel('ltv_horizon_months', 'ltvHorizonMonths', POSITIVE),
  inSection('sales', 'reps', 'reps', WHOLE),
  inSection('sales', 'attempts_per_rep_per_day', 'attemptsPerRepPerDay', POSITIVE),
  inSection('sales', 'working_days_per_week', 'workingDaysPerWeek', DAYS_PER_WEEK),
  inSection('sales', 'meetings_per_rep_per_week', 'meetingsPerRepPerWeek', POSITIVE),
  inSection('sales', 'cac', 'cac', POSITIVE),
  cost('payroll'),
  cost('tools'),
  cost('marketing'),
  inSection('delivery', 'hourly_cost', 'hourlyCost', POSITIVE),
  inSection('delivery', 'hours_per_client_month', 'hoursPerClientMonth', POSITIVE),
  inSection('delivery', 'active_clients', 'activeClients', NON_NEGATIVE),
  inSection('delivery', 'max_load', 'maxLoad', RATE),
  inSection('thresholds', 'ltv_to_cac_min', 'ltvToCacMin', POSITIVE),
  inSection('thresholds', 'payback_months_max', 'paybackMonthsMax', POSITIVE),
  inSection('thresholds', 'churn_monthly_max', 'churnMonthlyMax', RATE),
];

const SCALAR_BY_PATH = new Map(SCALARS.map((input) => [input.path, input]));

type RoleField = 'headcount' | 'clientsPerPerson' | 'shareOfClients';

const ROLE_FIELDS: { key: string; field: RoleField; domain: InputDomain }[] = [
  { key: 'headcount', field: 'headcount', domain: WHOLE },
  { key: 'clients_per_person', field: 'clientsPerPerson', domain: POSITIVE },
  { key: 'share_of_clients', field: 'shareOfClients', domain: RATE },
];

/**
 * A list item's name as a path segment: lower case, runs of anything but letters
 * and digits joined by one underscore. `Account manager` → `account_manager`.
 */
export function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** Segments naming each item: its slug when all slugs are distinct and not numbers. */
export function itemSegments(names: string[]): string[] {
  const slugs = names.map(slug);
  const distinct = new Set(slugs).size === slugs.length;
  return slugs.map((name, index) =>
    distinct && name !== '' && !/^\d+$/.test(name) ? name : String(index),
  );
}

/** Index of the item a segment names (by index or by name), or -1. */
export function findItem(names: string[], segment: string): number {
  if (/^\d+$/.test(segment)) {
    const index = Number(segment);
    return index < names.length ? index : -1;
  }
  const wanted = slug(segment);
  return names.findIndex((name) => slug(name) === wanted);
}

function stageSpec(a: Assumptions, index: number, segment: string): InputSpec {
  return spec(
    `funnel.${segment}.conversion`,
    RATE,
    (b) => b.funnel[index]?.conversion ?? null,
    (b, v) => ({
      ...b,
      funnel: b.funnel.map((stage, i): FunnelStage =>
        i === index ? { ...stage, conversion: v } : stage,
      ),
    }),
  );
}

function roleSpec(index: number, segment: string, key: string, field: RoleField, d: InputDomain) {
  return spec(
    `delivery.roles.${segment}.${key}`,
    d,
    (b) => b.delivery.roles[index]?.[field] ?? null,
    (b, v) => ({
      ...b,
      delivery: {
        ...b.delivery,
        roles: b.delivery.roles.map((role, i): Role =>
          i === index ? { ...role, [field]: v } : role,
        ),
      },
    }),
  );
}

/** Every input this file can name, present or not, in canonical form and file order. */
export function inputSpecs(a: Assumptions): InputSpec[] {
  const stages = itemSegments(a.funnel.map((stage) => stage.stage));
  const roles = itemSegments(a.delivery.roles.map((role) => role.role));
  const funnel = stages.map((segment, index) => stageSpec(a, index, segment));
  const delivery = roles.flatMap((segment, index) =>
    ROLE_FIELDS.map(({ key, field, domain }) => roleSpec(index, segment, key, field, domain)),
  );
  return [...SCALARS.map((input) => forPlan(input, a)), ...funnel, ...delivery];
}

function normalizePath(path: string): string[] {
  return path.trim().split('.');
}

/**
 * The input a user's path names, with its domain and accessors. Throws an
 * `InputError` (code `unknown_input`) naming the nearest known path.
 */
export function resolveInput(a: Assumptions, path: string): InputSpec {
  const segments = normalizePath(path);
  const scalar = SCALAR_BY_PATH.get(segments.map((s) => s.toLowerCase()).join('.'));
  if (scalar) {
    return forPlan(scalar, a);
  }

  const [head, second, third, fourth] = segments;
  if (segments.length === 3 && head === 'funnel' && third === 'conversion' && second) {
    const index = findItem(
      a.funnel.map((stage) => stage.stage),
      second,
    );
    if (index >= 0) {
      return stageSpec(a, index, itemSegments(a.funnel.map((s) => s.stage))[index] ?? second);
    }
  }
  if (segments.length === 4 && head === 'delivery' && second === 'roles' && third && fourth) {
    const names = a.delivery.roles.map((role) => role.role);
    const index = findItem(names, third);
    const field = ROLE_FIELDS.find((candidate) => candidate.key === fourth);
    if (index >= 0 && field) {
      const segment = itemSegments(names)[index] ?? third;
      return roleSpec(index, segment, field.key, field.field, field.domain);
    }
  }

  const known = [...inputSpecs(a).map((input) => input.path), ...indexPaths(a)];
  const suggestion = nearest(path, known);
  throw new InputError([
    problem({
      code: 'unknown_input',
      path,
      message: `there is no input called ${path}`,
      hint: suggestion ? `did you mean ${suggestion}?` : null,
    }),
  ]);
}

function indexPaths(a: Assumptions): string[] {
  const funnel = a.funnel.map((_, index) => `funnel.${index}.conversion`);
  const roles = a.delivery.roles.flatMap((_, index) =>
    ROLE_FIELDS.map(({ key }) => `delivery.roles.${index}.${key}`),
  );
  return [...funnel, ...roles];
}

/** The value of an input; throws when the path is unknown or has no value in this file. */
export function getInput(a: Assumptions, path: string): number {
  const input = resolveInput(a, path);
  const value = input.get(a);
  if (value === null) {
    throw new InputError([
      problem({
        code: 'input_not_set',
        path,
        message: `${input.path} has no value in this file`,
        hint: path.startsWith('funnel.')
          ? 'The first stage of the funnel has no conversion; name a later stage.'
          : `Set ${input.path} in the file first.`,
      }),
    ]);
  }
  return value;
}

/**
 * A copy of the assumptions with one input changed; the original is untouched.
 * Setting `sales.cac` on a file that derives CAC from monthly costs makes CAC given.
 */
export function withInput(a: Assumptions, path: string, value: number): Assumptions {
  const input = resolveInput(a, path);
  if (input.path.startsWith('funnel.') && input.get(a) === null) {
    getInput(a, path);
  }
  return input.set(a, value);
}

/**
 * Every numeric input that has a value in this file, in canonical form and file
 * order. Thresholds are policy rather than inputs to the plan and are left out.
 */
export function listNumericInputs(a: Assumptions): string[] {
  return inputSpecs(a)
    .filter((input) => !input.threshold && input.get(a) !== null)
    .map((input) => input.path);
}

/** A value moved into an input's domain: rates into (0, 1], reps to whole numbers ≥ 1. */
export function clampToDomain(domain: InputDomain, value: number): number {
  let result = domain.integer ? Math.round(value) : value;
  if (result < domain.min || (domain.openMin && result <= domain.min)) {
    result = domain.integer ? Math.ceil(domain.min + (domain.openMin ? 1 : 0)) : nextAbove(domain);
  }
  if (result > domain.max || (domain.openMax && result >= domain.max)) {
    result = domain.openMax ? nextBelow(domain) : domain.max;
  }
  return result;
}

/** The least and greatest values an input may take: an open end steps just inside. */
export function domainBounds(domain: InputDomain): { min: number; max: number } {
  return { min: nextAbove(domain), max: domain.openMax ? nextBelow(domain) : domain.max };
}

function nextAbove(domain: InputDomain): number {
  if (!domain.openMin) {
    return domain.min;
  }
  return domain.min + Number.EPSILON * Math.max(1, Math.abs(domain.min));
}

function nextBelow(domain: InputDomain): number {
  return domain.max * (1 - Number.EPSILON);
}

// Figures of a plan.

/** Figures that only take whole values; goal seek treats them as steps. */
const STEP_FIGURES = new Set(['reps_needed', 'hires_needed']);

export function isStepMetric(id: string): boolean {
  return STEP_FIGURES.has(id) || /^roles\.[^.]+\.hires_needed$/.test(id);
}

const SCALAR_FIGURES: Record<string, (plan: PlanResult) => number | null> = {
  client_months: (p) => p.clientMonths,
  new_clients: (p) => p.newClients,
  attempts_needed: (p) => p.sales.attemptsNeeded,
  meetings_needed: (p) => p.sales.meetingsNeeded,
  attempts_per_week: (p) => p.sales.attemptsPerWeek,
  meetings_per_week: (p) => p.sales.meetingsPerWeek,
  weeks_to_close: (p) => p.sales.weeksToClose,
  reps_needed: (p) => p.sales.repsNeeded,
  gross_profit_per_month: (p) => p.unitEconomics.grossProfitPerMonth,
  cac: (p) => p.unitEconomics.cac,
  lifetime_months: (p) => p.unitEconomics.lifetimeMonths,
  ltv: (p) => p.unitEconomics.ltv,
  ltv_to_cac: (p) => p.unitEconomics.ltvToCac,
  payback_months: (p) => p.unitEconomics.paybackMonths,
  direct_cost_per_month: (p) => p.pricing.directCostPerMonth,
  minimum_check_for_margin: (p) => p.pricing.minimumCheckForMargin,
  minimum_check_for_cac: (p) => p.pricing.minimumCheckForCac,
  minimum_check: (p) => p.pricing.minimumCheck,
  hours_budget: (p) => p.pricing.hoursBudgetAtAverageCheck,
  implied_margin: (p) => p.pricing.impliedMargin,
  max_load: (p) => p.capacity[busiestIndex(p.capacity)]?.load ?? null,
  hires_needed: (p) => p.capacity.reduce((sum, role) => sum + role.hiresNeeded, 0),
};

const ROLE_FIGURES = {
  capacity: (role: PlanResult['capacity'][number]) => role.capacity,
  peak_active_clients: (role: PlanResult['capacity'][number]) => role.peakActiveClients,
  load: (role: PlanResult['capacity'][number]) => role.load,
  hires_needed: (role: PlanResult['capacity'][number]) => role.hiresNeeded,
} as const;

/**
 * Every figure id of a plan, in the order a report shows them:
 * `new_clients`, `funnel.<stage>.count`, `ltv_to_cac`, `roles.<role>.load`...
 */
export function listMetrics(plan: PlanResult): string[] {
  const scalars = Object.keys(SCALAR_FIGURES).filter((id) => SCALAR_FIGURES[id]?.(plan) != null);
  const stages = itemSegments(plan.funnel.map((stage) => stage.stage)).map(
    (segment) => `funnel.${segment}.count`,
  );
  const roles = itemSegments(plan.capacity.map((role) => role.role)).flatMap((segment) =>
    Object.keys(ROLE_FIGURES).map((field) => `roles.${segment}.${field}`),
  );
  return [...scalars, ...stages, ...roles];
}

/**
 * The value of one figure of a plan by id. Throws an `InputError` (code
 * `unknown_metric`) naming the nearest id when the plan has no such figure.
 */
export function metricValue(plan: PlanResult, id: string): number {
  const value = findMetric(plan, id.trim());
  if (value === null) {
    const suggestion = nearest(id, listMetrics(plan));
    throw new InputError([
      problem({
        code: 'unknown_metric',
        path: id,
        message: `the plan has no figure called ${id}`,
        hint: suggestion ? `did you mean ${suggestion}?` : null,
      }),
    ]);
  }
  return value;
}

function findMetric(plan: PlanResult, id: string): number | null {
  const scalar = SCALAR_FIGURES[id];
  if (scalar) {
    return scalar(plan);
  }

  const [head, item, field, ...rest] = id.split('.');
  if (!item || !field || rest.length > 0) {
    return null;
  }
  if (head === 'funnel' && field === 'count') {
    const index = findItem(
      plan.funnel.map((stage) => stage.stage),
      item,
    );
    return plan.funnel[index]?.count ?? null;
  }
  if (head === 'roles' && field in ROLE_FIGURES) {
    const index = findItem(
      plan.capacity.map((role) => role.role),
      item,
    );
    const role = plan.capacity[index];
    return role ? ROLE_FIGURES[field as keyof typeof ROLE_FIGURES](role) : null;
  }
  return null;
}
