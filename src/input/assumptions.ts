/**
 * From the text of an assumptions file to validated `Assumptions`: parse the
 * YAML, apply a scenario and `--set` overrides, validate the shape and every
 * number, then check what the shape alone cannot (a funnel stage that divides
 * by zero, CAC given twice). Every problem is collected and reported in one go.
 */

import * as z from 'zod/mini';

import type { Assumptions, FunnelStage, Period, Role } from '../model/assumptions.js';
import type { CheckId } from '../model/plan.js';
import type { UncertainInput } from '../model/uncertainty.js';
import { findItem } from '../calc/paths.js';
import { CURRENCIES } from './currencies.js';
import type { ParsedNumber } from './number.js';
import { byPlace, InputError, problem, type InputProblem } from '../model/problem.js';
import { describeRaw, problemAt, rawAt, wrongTypeMessage } from './place.js';
import {
  assumptionsSchema,
  PROBABILISTIC_CHECKS,
  type ProbabilityCheckId,
  definitionOf,
  knownKeysAt,
  schemaAt,
  type AssumptionsFile,
} from './schema.js';
import { foldName, nearest } from '../text/suggest.js';
import {
  parseYaml,
  pathKey,
  type Located,
  type RawDocument,
  type RawMap,
  type RawValue,
} from './yaml.js';

export interface Override {
  /** Key path as the user writes it: `churn_monthly`, `funnel.meetings.conversion`. */
  path: string;
  value: string;
  /** Where it came from, for messages: `--set churn_monthly=10%`. */
  origin: string;
}

/**
 * An override as it is applied. A scenario's value keeps the form the file gives it (a list
 * stays a list) and its place in the file, so what is wrong with it is shown where it is written.
 */
interface Change {
  path: string;
  value: RawValue;
  origin: string;
  /** Where the file writes the value (`scenarios.pessimistic.churn_monthly`); null for a flag. */
  from: string | null;
}

export interface LoadOptions {
  scenario?: string | null;
  overrides?: Override[];
}

export interface LoadedAssumptions {
  assumptions: Assumptions;
  uncertain: UncertainInput[];
  document: RawDocument;
  /** Names of the scenarios the file defines, in file order. */
  scenarios: string[];
}

const DEFAULT_CURRENCY = 'RUB';
const MEETING_STAGE = /meeting|встреч/i;

const EXAMPLES: Record<string, string> = {
  revenue_target: 'revenue_target: 18M',
  average_check: 'average_check: 180 000',
  gross_margin: 'gross_margin: 45%',
  contract_months: 'contract_months: 4',
  churn_monthly: 'churn_monthly: 8%',
  funnel: 'funnel: [{stage: attempts}, {stage: deals, conversion: 2%}]',
  sales: 'sales: {reps: 5, attempts_per_rep_per_day: 40, cac: 200 000}',
  delivery: 'delivery: {hourly_cost: 2 000, hours_per_client_month: 48}',
  reps: 'reps: 5',
  attempts_per_rep_per_day: 'attempts_per_rep_per_day: 40',
  hourly_cost: 'hourly_cost: 2 000',
  hours_per_client_month: 'hours_per_client_month: 48',
  stage: 'stage: meetings',
  role: 'role: account manager',
  headcount: 'headcount: 4',
  clients_per_person: 'clients_per_person: 15',
};

/** Parses, overrides and validates one assumptions file; throws InputError listing every problem. */
export function loadAssumptions(text: string, file: string, options: LoadOptions = {}) {
  const document = parseYaml(text, file);
  const scenarios = scenarioNames(document.data);
  const problems: InputProblem[] = [];

  const changes: Change[] = [];
  if (options.scenario) {
    changes.push(...scenarioChanges(document, options.scenario, scenarios, problems));
  }
  changes.push(...(options.overrides ?? []).map((override) => ({ ...override, from: null })));
  for (const change of changes) {
    applyChange(document, change, problems);
  }

  const currency = readCurrency(document, problems);
  const schema = assumptionsSchema(currency);
  const result = schema.safeParse(document.data);
  let valid: FileIn;
  if (result.success) {
    valid = result.data;
  } else {
    problems.push(...shapeProblems(result.error.issues, document, schema));
    valid = salvage(schema, document.data) as FileIn;
  }

  const built = buildAssumptions(valid, currency, document);
  problems.push(...built.problems);
  if (problems.length > 0) {
    throw new InputError(problems.sort(byPlace));
  }
  return {
    assumptions: built.assumptions,
    uncertain: built.uncertain,
    document,
    scenarios,
  } satisfies LoadedAssumptions;
}

function readCurrency(document: RawDocument, problems: InputProblem[]): string {
  const raw = document.data.currency;
  if (raw === undefined || raw === null) {
    return DEFAULT_CURRENCY;
  }
  if (typeof raw !== 'string' || !/^[A-Za-z]{3}$/.test(raw.trim())) {
    problems.push(
      problemAt(
        document,
        ['currency'],
        'bad_currency',
        'currency must be a three-letter ISO code',
        'write e.g. currency: RUB',
      ),
    );
    return DEFAULT_CURRENCY;
  }
  const code = raw.trim().toUpperCase();
  if (!CURRENCIES.has(code)) {
    const suggestion = nearest(code, [...CURRENCIES]);
    problems.push(
      problemAt(
        document,
        ['currency'],
        'bad_currency',
        `"${raw}" is not an ISO 4217 currency code`,
        suggestion ? `did you mean ${suggestion}?` : 'write e.g. currency: RUB',
      ),
    );
    return DEFAULT_CURRENCY;
  }
  return code;
}

function scenarioNames(data: RawMap): string[] {
  const scenarios = data.scenarios;
  if (scenarios && typeof scenarios === 'object' && !Array.isArray(scenarios)) {
    return Object.keys(scenarios);
  }
  return [];
}

function scenarioChanges(
  document: RawDocument,
  name: string,
  names: string[],
  problems: InputProblem[],
): Change[] {
  const scenarios = document.data.scenarios as RawMap | undefined;
  const body = scenarios?.[name];
  if (
    !scenarios ||
    body === undefined ||
    body === null ||
    typeof body !== 'object' ||
    Array.isArray(body)
  ) {
    const suggestion = nearest(name, names);
    problems.push(
      problem({
        code: 'unknown_scenario',
        file: document.file,
        message:
          names.length === 0
            ? `the file defines no scenarios, so there is no "${name}"`
            : `the file has no scenario "${name}"`,
        hint:
          names.length === 0
            ? 'add a `scenarios:` section, or drop --scenario'
            : suggestion
              ? `did you mean "${suggestion}"? Scenarios: ${names.join(', ')}`
              : `scenarios: ${names.join(', ')}`,
      }),
    );
    return [];
  }

  // A mapping names keys to change one by one; a list or a single value replaces the key whole.
  const changes: Change[] = [];
  const walk = (value: RawValue, path: string[]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) {
        walk(child, [...path, key]);
      }
      return;
    }
    changes.push({
      path: path.join('.'),
      value,
      origin: `scenario "${name}"`,
      from: pathKey(['scenarios', name, ...path]),
    });
  };
  walk(body, []);
  return changes;
}

/** Sets a value in the raw tree at a user path; list items can be named by stage or role. */
function applyChange(document: RawDocument, change: Change, problems: InputProblem[]) {
  const written = change.from === null ? null : document.positions.get(change.from);
  const where = written?.key ?? written?.value;
  const refuse = (message: string, hint: string) =>
    problems.push(
      problem({
        code: 'bad_override',
        ...(change.from === null
          ? {}
          : {
              file: document.file,
              line: where?.line ?? null,
              col: where?.col ?? null,
              path: change.from,
            }),
        message: `${change.origin}: ${message}`,
        hint,
      }),
    );

  const segments = change.path.split('.').filter((segment) => segment !== '');
  if (segments.length === 0) {
    refuse(
      'the key path is empty',
      change.from === null
        ? 'write --set key=value, e.g. --set churn_monthly=10%'
        : 'name the key to change, e.g. churn_monthly: 10%',
    );
    return;
  }

  let current: RawValue = document.data;
  const realPath: (string | number)[] = [];
  // Keys the change creates on the way to its own: `foo` for `--set foo.bar=1`.
  const created: { key: string; written: string }[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;

    if (Array.isArray(current)) {
      const index = listIndex(current, segment);
      if (index === null) {
        const names = current
          .map((item) => itemName(item))
          .filter((name): name is string => name !== null);
        const suggestion = nearest(segment, names);
        refuse(
          `${pathKey(realPath)} has no item "${segment}"`,
          suggestion
            ? `did you mean "${suggestion}"? Items: ${names.join(', ')}`
            : `name an item by its position from 0 or by name: ${names.join(', ')}`,
        );
        return;
      }
      realPath.push(index);
      if (last) {
        current[index] = copyRaw(change.value);
        break;
      }
      current = current[index] as RawValue;
      continue;
    }

    if (current === null || typeof current !== 'object') {
      refuse(
        `${pathKey(realPath)} holds a single value, not keys`,
        `set ${pathKey(realPath)} itself`,
      );
      return;
    }

    const map: RawMap = current;
    realPath.push(segment);
    if (last) {
      map[segment] = copyRaw(change.value);
      break;
    }
    if (map[segment] === undefined || map[segment] === null) {
      map[segment] = Object.create(null) as RawMap;
      created.push({ key: pathKey(realPath), written: segments.slice(0, i + 1).join('.') });
    }
    current = map[segment] as RawValue;
  }

  // A flag's value has no line of its own; a scenario's is placed where the scenario writes it,
  // and a key it creates on the way where the scenario writes that key, or else the value.
  const fromFlag = (key: string): Located => {
    const previous = document.positions.get(key);
    return { value: previous?.value ?? { line: 0, col: 0 }, key: previous?.key ?? null };
  };
  const scenarioKeys = change.from?.slice(0, change.from.length - change.path.length) ?? '';
  for (const { key, written: path } of created) {
    const place =
      change.from === null
        ? fromFlag(key)
        : (document.positions.get(`${scenarioKeys}${path}`) ?? written ?? fromFlag(key));
    document.positions.set(key, { ...place, origin: change.origin });
  }

  const key = pathKey(realPath);
  if (change.from === null) {
    document.positions.set(key, { ...fromFlag(key), origin: change.origin });
    return;
  }
  movePositions(document, change.from, key, change.origin);
}

/**
 * Places a value a scenario wrote, and everything inside it, where the scenario writes it; the
 * places of what the value replaced go.
 */
function movePositions(document: RawDocument, from: string, to: string, origin: string) {
  const entries = [...document.positions];
  for (const [key] of entries) {
    if (key.startsWith(`${to}.`)) {
      document.positions.delete(key);
    }
  }
  for (const [key, place] of entries) {
    if (key === from || key.startsWith(`${from}.`)) {
      document.positions.set(`${to}${key.slice(from.length)}`, { ...place, origin });
    }
  }
}

/** A copy of a raw value, so the scenario section keeps its own. */
function copyRaw(value: RawValue): RawValue {
  if (Array.isArray(value)) {
    return value.map(copyRaw);
  }
  if (value !== null && typeof value === 'object') {
    const copy = Object.create(null) as RawMap;
    for (const [key, child] of Object.entries(value)) {
      copy[key] = copyRaw(child);
    }
    return copy;
  }
  return value;
}

/** The item a segment names, matched as every other key path matches it (`meetings_лпр`). */
function listIndex(list: RawValue[], segment: string): number | null {
  const index = findItem(
    list.map((item) => itemName(item) ?? ''),
    segment,
  );
  return index >= 0 ? index : null;
}

function itemName(item: RawValue): string | null {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const name = item.stage ?? item.role;
    return typeof name === 'string' ? name : null;
  }
  return null;
}

/**
 * What can be kept of a file whose shape check failed: every value that passes on its own,
 * with the failing ones left out. The cross-field rules then run on it, so one run reports
 * a 0% conversion even when another key is misspelt.
 */
function salvage(schema: unknown, raw: unknown): unknown {
  const checked = z.safeParse(schema as z.ZodMiniType, raw);
  if (checked.success || raw === undefined || raw === null) {
    return checked.success ? checked.data : undefined;
  }

  const def = definitionOf(schema);
  if (def?.type === 'object' && typeof raw === 'object' && !Array.isArray(raw)) {
    const shape = def.shape as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const value = salvage(shape[key], (raw as Record<string, unknown>)[key]);
      if (value !== undefined) {
        kept[key] = value;
      }
    }
    return kept;
  }
  if (def?.type === 'array' && Array.isArray(raw)) {
    return raw.map((item) => salvage(def.element, item));
  }
  return undefined;
}

/**
 * Problems of the shape check. A misspelt key that is the nearest to a missing one is one
 * mistake, not two: the "did you mean" stays and "is missing" goes.
 */
function shapeProblems(
  issues: readonly z.core.$ZodIssue[],
  document: RawDocument,
  schema: z.ZodMiniType,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      problems.push(...issueProblems(issue, document, schema));
      continue;
    }
    const path = issue.path.map((segment) =>
      typeof segment === 'number' ? segment : String(segment),
    );
    const known = knownKeysAt(schema, path);
    for (const unknown of issue.keys) {
      const suggestion = nearest(unknown, known);
      if (suggestion) {
        meant.add(pathKey([...path, suggestion]));
      }
      problems.push(
        problemAt(
          document,
          [...path, unknown],
          'unknown_key',
          `unknown key "${unknown}"${path.length > 0 ? ` in ${pathKey(path)}` : ''}`,
          suggestion ? `did you mean "${suggestion}"?` : `known keys here: ${known.join(', ')}`,
          true,
        ),
      );
    }
  }
  return problems.filter((found) => !(found.code === 'missing_key' && meant.has(found.path ?? '')));
}

function issueProblems(
  issue: z.core.$ZodIssue,
  document: RawDocument,
  schema: z.ZodMiniType,
): InputProblem[] {
  const path = issue.path.map((segment) =>
    typeof segment === 'number' ? segment : String(segment),
  );
  const key = String(path[path.length - 1] ?? '');
  const raw = rawAt(document.data, path);

  const example = EXAMPLES[key];
  const emptyHint = optionalAt(schema, issue.path)
    ? 'write a value, or delete the key to use its default'
    : example
      ? `write a value, e.g. ${example}`
      : 'write a value; this key is required';
  const empty = raw === null || (typeof raw === 'string' && raw.trim() === '');

  if (issue.code === 'custom') {
    const params = (issue as { params?: { code?: string; hint?: string | null } }).params;
    return [
      problemAt(
        document,
        path,
        empty ? 'empty_value' : (params?.code ?? 'invalid_value'),
        `${pathKey(path)}: ${issue.message}`,
        empty ? emptyHint : (params?.hint ?? null),
      ),
    ];
  }

  if (raw === undefined) {
    return [
      problemAt(
        document,
        path,
        'missing_key',
        `${pathKey(path)} is missing`,
        example ? `add it, e.g. ${example}` : 'add it; see the file reference in the README',
        true,
      ),
    ];
  }

  if (issue.code === 'invalid_value' && 'values' in issue) {
    const allowed = issue.values.map(String);
    const suggestion = typeof raw === 'string' ? nearest(raw, allowed) : null;
    return [
      problemAt(
        document,
        path,
        'invalid_value',
        `${pathKey(path)} is ${describeRaw(raw)}, and must be one of ${allowed.join(', ')}`,
        suggestion ? `did you mean ${suggestion}?` : null,
      ),
    ];
  }

  return [
    problemAt(
      document,
      path,
      raw === null ? 'empty_value' : 'wrong_type',
      wrongTypeMessage(pathKey(path), issue, raw),
      raw === null ? emptyHint : example ? `write e.g. ${example}` : null,
    ),
  ];
}

/** Whether the key at `path` may be left out (it has a default or is optional). */
function optionalAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): boolean {
  const type = schemaAt(schema, path)?._zod.def.type;
  return type === 'optional' || type === 'default';
}

/**
 * The validated file, or as much of it as passed: every key may be absent and every list
 * item may be missing. Parsed numbers stay whole.
 */
type Salvaged<T> = T extends ParsedNumber
  ? T
  : T extends readonly (infer Item)[]
    ? (Salvaged<Item> | undefined)[]
    : T extends object
      ? { [Key in keyof T]?: Salvaged<T[Key]> }
      : T;

type FileIn = Salvaged<AssumptionsFile>;
type Path = (string | number)[];

interface Built {
  assumptions: Assumptions;
  uncertain: UncertainInput[];
  problems: InputProblem[];
}

/**
 * Cross-field rules and defaults; numbers arrive parsed, ranges become uncertain inputs. A
 * value the shape check rejected is absent here: the rules that need it stay silent, and the
 * figure stands at 0, since a file with problems is never planned.
 */
function buildAssumptions(file: FileIn, currency: string, document: RawDocument): Built {
  const problems: InputProblem[] = [];
  const uncertain: UncertainInput[] = [];
  const report: Report = (path, code, message, hint = null) =>
    problems.push(problemAt(document, path, code, message, hint));
  const written = (path: Path) => rawAt(document.data, path) !== undefined;

  const value: ValueOf = (parsed, path) => {
    if (parsed === undefined) {
      return 0;
    }
    if (parsed.range) {
      uncertain.push({
        path: pathKey(path),
        distribution: parsed.range.distribution,
        low: parsed.range.low,
        high: parsed.range.high,
        mode: parsed.range.mode,
      });
    }
    return parsed.value;
  };

  const positive: PositiveOf = (parsed, path, why) => {
    const result = value(parsed, path);
    if (parsed !== undefined && lowest(parsed) <= 0) {
      const example = EXAMPLES[String(path[path.length - 1])];
      report(
        path,
        'must_be_positive',
        `${pathKey(path)} must be above zero: ${why}`,
        example ? `write a number above zero, e.g. ${example}` : 'write a number above zero',
      );
    }
    return result;
  };

  const optional = (parsed: ParsedNumber | undefined, path: Path): number | null =>
    parsed === undefined ? null : value(parsed, path);

  const revenueTarget = positive(
    file.revenue_target,
    ['revenue_target'],
    'with no revenue there is nothing to plan',
  );
  const averageCheck = positive(
    file.average_check,
    ['average_check'],
    'client-months are revenue divided by it',
  );
  const minimumCheck = optional(file.minimum_check, ['minimum_check']);
  const grossMargin = positive(
    file.gross_margin,
    ['gross_margin'],
    'with no margin no client ever pays back CAC',
  );
  const margin = file.gross_margin;
  if (margin && highest(margin) >= 1) {
    report(
      ['gross_margin'],
      'margin_too_high',
      'gross_margin must be below 100%: the minimum check divides by (1 − margin)',
      'a service with no direct cost has no margin floor; write e.g. 95%',
    );
  }
  const contractMonths = positive(
    file.contract_months,
    ['contract_months'],
    'new clients are client-months divided by it',
  );
  const churnMonthly = value(file.churn_monthly, ['churn_monthly']);
  const ltvHorizonMonths = file.ltv_horizon_months
    ? positive(file.ltv_horizon_months, ['ltv_horizon_months'], 'it caps the lifetime')
    : null;
  const churn = file.churn_monthly;
  const churnCanBeZero = churn ? lowest(churn) <= 0 : false;
  if (churnCanBeZero && !written(['ltv_horizon_months'])) {
    report(
      ['churn_monthly'],
      'churn_without_horizon',
      'churn_monthly of 0% means clients never leave, so lifetime and LTV are unbounded',
      'add ltv_horizon_months (e.g. 24) to cap the lifetime',
    );
  }

  const funnel = buildFunnel(file, report, value, written);
  const stageNames = funnel.map((stage) => stage.stage);
  const stagesKnown = file.funnel !== undefined && funnel.every((stage) => stage.stage !== '');

  const sales = file.sales ?? {};
  const reps = positive(sales.reps, ['sales', 'reps'], 'someone has to make the attempts');
  const attemptsPerRepPerDay = positive(
    sales.attempts_per_rep_per_day,
    ['sales', 'attempts_per_rep_per_day'],
    'weeks to close divide by it',
  );
  const workingDaysPerWeek = sales.working_days_per_week
    ? positive(
        sales.working_days_per_week,
        ['sales', 'working_days_per_week'],
        'weeks to close divide by it',
      )
    : 5;
  const days = sales.working_days_per_week;
  if (days && highest(days) > 7) {
    report(
      ['sales', 'working_days_per_week'],
      'too_many_days',
      'a week has at most 7 working days',
    );
  }
  const meetingsPerRepPerWeek = sales.meetings_per_rep_per_week
    ? positive(
        sales.meetings_per_rep_per_week,
        ['sales', 'meetings_per_rep_per_week'],
        'weeks to close divide by it',
      )
    : null;

  const refer = stagesKnown ? report : () => 0;
  const attemptsStage =
    stageRef(sales.attempts_stage, ['sales', 'attempts_stage'], stageNames, refer) ??
    stageNames[0] ??
    '';
  let meetingsStage = stageRef(
    sales.meetings_stage,
    ['sales', 'meetings_stage'],
    stageNames,
    refer,
  );
  if (!written(['sales', 'meetings_stage'])) {
    meetingsStage =
      stageNames.find((name) => name !== attemptsStage && MEETING_STAGE.test(name)) ?? null;
  }
  if (
    stagesKnown &&
    meetingsPerRepPerWeek !== null &&
    meetingsStage === null &&
    !written(['sales', 'meetings_stage'])
  ) {
    report(
      ['sales', 'meetings_per_rep_per_week'],
      'no_meetings_stage',
      'a meeting ceiling is given, and no funnel stage is named like "meetings"',
      `name the stage it applies to: sales.meetings_stage: ${stageNames[1] ?? 'meetings'}`,
    );
  }
  if (
    stagesKnown &&
    meetingsStage !== null &&
    stageNames.indexOf(meetingsStage) <= stageNames.indexOf(attemptsStage)
  ) {
    report(
      ['sales', 'meetings_stage'],
      'stage_order',
      `the meetings stage "${meetingsStage}" must come after the attempts stage "${attemptsStage}"`,
    );
  }

  let cac: number | null = null;
  let monthlyCosts: Assumptions['sales']['monthlyCosts'] = null;
  if (written(['sales', 'cac']) && written(['sales', 'monthly_costs'])) {
    report(
      ['sales', 'monthly_costs'],
      'cac_twice',
      'sales gives both cac and monthly_costs, so CAC is said twice',
      'keep one: cac to state it, monthly_costs to compute it',
    );
  } else if (sales.cac) {
    cac = positive(sales.cac, ['sales', 'cac'], 'LTV/CAC divides by it');
  } else if (sales.monthly_costs) {
    const costs = sales.monthly_costs;
    monthlyCosts = {
      payroll: optional(costs.payroll, ['sales', 'monthly_costs', 'payroll']) ?? 0,
      tools: optional(costs.tools, ['sales', 'monthly_costs', 'tools']) ?? 0,
      marketing: optional(costs.marketing, ['sales', 'monthly_costs', 'marketing']) ?? 0,
    };
    const total = monthlyCosts.payroll + monthlyCosts.tools + monthlyCosts.marketing;
    const least = [costs.payroll, costs.tools, costs.marketing].reduce(
      (sum, cost) => sum + (cost ? lowest(cost) : 0),
      0,
    );
    const anyRejected = ['payroll', 'tools', 'marketing'].some(
      (key) =>
        written(['sales', 'monthly_costs', key]) && costs[key as keyof typeof costs] === undefined,
    );
    if (least <= 0 && !anyRejected) {
      report(
        ['sales', 'monthly_costs'],
        'must_be_positive',
        total <= 0
          ? 'sales.monthly_costs add up to zero, and LTV/CAC divides by CAC'
          : 'sales.monthly_costs can add up to zero within their ranges, and LTV/CAC divides by CAC',
        total <= 0
          ? 'write the real payroll, tools and marketing a month'
          : 'start a range above zero, e.g. payroll: 150 000..250 000',
      );
    }
  } else if (file.sales && !written(['sales', 'cac']) && !written(['sales', 'monthly_costs'])) {
    report(
      ['sales'],
      'missing_cac',
      'sales has neither cac nor monthly_costs, so CAC is unknown',
      'add sales.cac: 200 000, or sales.monthly_costs: {payroll, tools, marketing}',
    );
  }

  const delivery = file.delivery ?? {};
  const hourlyCost = positive(
    delivery.hourly_cost,
    ['delivery', 'hourly_cost'],
    'the hours budget divides by it',
  );
  const hoursPerClientMonth = value(delivery.hours_per_client_month, [
    'delivery',
    'hours_per_client_month',
  ]);
  const activeClients = optional(delivery.active_clients, ['delivery', 'active_clients']) ?? 0;
  const maxLoad = delivery.max_load
    ? positive(delivery.max_load, ['delivery', 'max_load'], 'hires divide by it')
    : 0.85;
  const roles = buildRoles(delivery.roles ?? [], report, positive);

  const thresholds = file.thresholds ?? {};
  const icp = file.icp ?? {};
  const rejectAt = icp.reject_at
    ? positive(icp.reject_at, ['icp', 'reject_at'], 'zero red flags would reject every lead')
    : 2;

  const assumptions: Assumptions = {
    name: file.name ?? null,
    currency,
    period: (file.period ?? 'quarter') as Period,
    revenueTarget,
    averageCheck,
    minimumCheck,
    grossMargin,
    contractMonths,
    churnMonthly,
    ltvHorizonMonths,
    funnel,
    sales: {
      reps,
      attemptsPerRepPerDay,
      workingDaysPerWeek,
      meetingsPerRepPerWeek,
      attemptsStage,
      meetingsStage,
      cac,
      monthlyCosts,
    },
    delivery: { hourlyCost, hoursPerClientMonth, activeClients, maxLoad, roles },
    thresholds: {
      ltvToCacMin: optional(thresholds.ltv_to_cac_min, ['thresholds', 'ltv_to_cac_min']) ?? 3,
      paybackMonthsMax: thresholds.payback_months_max
        ? positive(
            thresholds.payback_months_max,
            ['thresholds', 'payback_months_max'],
            'it is a limit on months',
          )
        : null,
      churnMonthlyMax: optional(thresholds.churn_monthly_max, ['thresholds', 'churn_monthly_max']),
      minProbability: probabilityRequirements(thresholds, delivery.roles?.length ?? 0, report),
    },
    icp: {
      require: texts(icp.require),
      redFlags: texts(icp.red_flags),
      rejectAt,
    },
  };
  return { assumptions, uncertain, problems };
}

type Report = (path: Path, code: string, message: string, hint?: string | null) => void;

/** `thresholds.min_probability`, checked against the checks the plan will have. */
function probabilityRequirements(
  thresholds: NonNullable<AssumptionsFile['thresholds']>,
  roles: number,
  report: Report,
) {
  const requirements: { checkId: CheckId; minProbability: number }[] = [];
  const given = thresholds.min_probability ?? {};
  // The checks a plan has only when the file asks for them: what to write to have each.
  const missing: Partial<Record<ProbabilityCheckId, string | null>> = {
    payback_max:
      thresholds.payback_months_max === undefined ? 'set thresholds.payback_months_max' : null,
    churn_max:
      thresholds.churn_monthly_max === undefined ? 'set thresholds.churn_monthly_max' : null,
    delivery_load: roles === 0 ? 'list delivery.roles' : null,
  };
  for (const id of PROBABILISTIC_CHECKS) {
    const parsed = given[id];
    if (parsed === undefined) {
      continue;
    }
    const path = ['thresholds', 'min_probability', id];
    if (parsed.range) {
      report(
        path,
        'range_not_allowed',
        `${pathKey(path)} is a range, and a probability limit is one figure`,
        'write one share, e.g. 80%',
      );
      continue;
    }
    const hint = missing[id];
    if (hint) {
      report(
        path,
        'no_such_check',
        `the plan has no ${id} check to require a probability of`,
        hint,
      );
      continue;
    }
    requirements.push({ checkId: id, minProbability: parsed.value });
  }
  return requirements;
}
type ValueOf = (parsed: ParsedNumber | undefined, path: Path) => number;
type PositiveOf = (parsed: ParsedNumber | undefined, path: Path, why: string) => number;

/** The least value a number may take: the lower bound of a range, or the figure itself. */
function lowest(parsed: ParsedNumber): number {
  return parsed.range ? parsed.range.low : parsed.value;
}

/** The greatest value a number may take: the upper bound of a range, or the figure itself. */
function highest(parsed: ParsedNumber): number {
  return parsed.range ? parsed.range.high : parsed.value;
}

function texts(list: (string | undefined)[] | undefined): string[] {
  return (list ?? []).filter((item): item is string => item !== undefined);
}

function buildFunnel(
  file: FileIn,
  report: Report,
  value: ValueOf,
  written: (path: Path) => boolean,
): FunnelStage[] {
  const stages = file.funnel ?? [];
  if (file.funnel !== undefined && stages.length < 2) {
    report(
      ['funnel'],
      'short_funnel',
      'the funnel needs at least two stages: where it starts and the deal',
      'e.g. attempts, then deals with a conversion',
    );
  }

  const seen = new Set<string>();
  return stages.map((stage, index) => {
    const path = ['funnel', index];
    const name = stage?.stage ?? '';
    const folded = foldName(name);
    if (name !== '' && seen.has(folded)) {
      report(
        [...path, 'stage'],
        'duplicate_stage',
        `the stage "${name}" appears twice`,
        'give each stage its own name',
      );
    }
    seen.add(folded);

    if (index === 0) {
      if (stage?.conversion) {
        report(
          [...path, 'conversion'],
          'first_stage_conversion',
          `the first stage "${name}" has no stage before it, so it has no conversion`,
          'move the conversion to the next stage, or delete it',
        );
      }
      return { stage: name, conversion: null };
    }
    if (!stage?.conversion) {
      if (stage && !written([...path, 'conversion'])) {
        report(
          path,
          'missing_conversion',
          `the stage "${name}" has no conversion from the stage before`,
          'add e.g. conversion: 20%',
        );
      }
      return { stage: name, conversion: 1 };
    }
    const conversion = value(stage.conversion, [...path, 'conversion']);
    if (lowest(stage.conversion) <= 0) {
      report(
        [...path, 'conversion'],
        'division_by_zero',
        `a 0% conversion into "${name}" means it never happens, and the stage before would need to be infinite`,
        'write the real conversion, e.g. 2%',
      );
    }
    return { stage: name, conversion };
  });
}

function stageRef(
  name: string | undefined,
  path: Path,
  stages: string[],
  report: Report,
): string | null {
  if (name === undefined) {
    return null;
  }
  const match = stages.find((stage) => foldName(stage) === foldName(name));
  if (!match) {
    const suggestion = nearest(name, stages);
    report(
      path,
      'unknown_stage',
      `no funnel stage is named "${name}"`,
      suggestion ? `did you mean "${suggestion}"?` : `stages: ${stages.join(', ')}`,
    );
    return null;
  }
  return match;
}

function buildRoles(
  roles: NonNullable<NonNullable<FileIn['delivery']>['roles']>,
  report: Report,
  positive: PositiveOf,
): Role[] {
  const seen = new Set<string>();
  return roles.map((role, index) => {
    const path = ['delivery', 'roles', index];
    const name = role?.role ?? '';
    const folded = foldName(name);
    if (name !== '' && seen.has(folded)) {
      report(
        [...path, 'role'],
        'duplicate_role',
        `the role "${name}" appears twice`,
        'list each role once with its whole headcount',
      );
    }
    seen.add(folded);
    return {
      role: name,
      headcount: positive(
        role?.headcount,
        [...path, 'headcount'],
        'capacity is headcount times quota',
      ),
      clientsPerPerson: positive(
        role?.clients_per_person,
        [...path, 'clients_per_person'],
        'load divides by it',
      ),
      shareOfClients: role?.share_of_clients
        ? positive(
            role.share_of_clients,
            [...path, 'share_of_clients'],
            'a role that serves no client has no load',
          )
        : 1,
      clientHoursPerWeek: role?.client_hours_per_week
        ? positive(
            role.client_hours_per_week,
            [...path, 'client_hours_per_week'],
            'hours per client divide it among the clients',
          )
        : null,
    };
  });
}
