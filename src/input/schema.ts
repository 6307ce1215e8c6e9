/**
 * The shape of an assumptions file. This zod schema is the single source of
 * truth: it validates files, and `funnel schema` turns it into the JSON
 * Schema that editors use. Numbers are parsed here with the file's currency,
 * so `180 000 ₽` in a RUB file is 180000 and `$5k` is an error.
 */

import english from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';

import { parseNumber, type NumberKind, type ParsedNumber } from './number.js';

// zod/mini rather than zod's chained API: the same validation, with much less to load and build
// on every start. Each file is validated once per process: compiling zod's fast paths with
// `new Function` costs more than it saves, and code made that way is never in the start-up code
// cache. English messages are the fallback for the few issues reported in zod's own words.
z.config({ jitless: true, ...english() });

const NUMBER_HINTS: Record<NumberKind, string> = {
  money: 'Amount of money: 180000, "180 000", 180k, 18M, or a range such as 150k..200k.',
  rate: 'Share: 45% or 0.45, or a range such as 1.5%..2%.',
  quantity: 'Number: 48, 2.5, or a range such as 12..15.',
  whole: 'Whole number: 5, or a range such as 4..6.',
};

/**
 * A number field: text such as `180 000 ₽`, `45%` or `150k..200k`, or a number. Text comes first
 * because the YAML reader gives every scalar as text, and a union tries its members in order.
 */
function numberField(kind: NumberKind, currency: string) {
  return z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((raw: string | number, ctx): ParsedNumber => {
      const parsed = parseNumber(raw, kind, currency);
      if (parsed.ok) {
        return parsed.number;
      }
      ctx.issues.push({
        code: 'custom',
        message: parsed.message,
        params: { code: 'bad_number', hint: parsed.hint },
        input: raw,
      });
      return z.NEVER;
    }),
  );
}

export interface SchemaOptions {
  /**
   * Attach each key's description, for the JSON Schema that editors read. Validating needs
   * none, and each description is one more schema object to build on every run.
   */
  described?: boolean;
}

/** Checks that `thresholds.min_probability` can name, with what each key means. */
const PROBABILITY_KEYS = {
  ltv_to_cac: 'Least probability that LTV/CAC meets its minimum.',
  payback_within_contract: 'Least probability that payback fits in the contract.',
  fits_period: 'Least probability that the plan fits the period.',
  delivery_load: 'Least probability that every role stays under max_load.',
  payback_max: 'Least probability that payback meets payback_months_max.',
  churn_max: 'Least probability that churn meets churn_monthly_max.',
} as const;

export type ProbabilityCheckId = keyof typeof PROBABILITY_KEYS;

export const PROBABILISTIC_CHECKS = Object.keys(PROBABILITY_KEYS) as ProbabilityCheckId[];

/** Builds the schema for a file in the given currency (money values are checked against it). */
export function assumptionsSchema(currency = 'RUB', options: SchemaOptions = {}) {
  const described = options.described ?? false;
  const describe = <T extends z.ZodMiniType>(schema: T, description: string): T =>
    described
      ? ((schema as z.ZodMiniType).register(z.globalRegistry, { description }) as T)
      : schema;
  // Optional wrappers of shared schemas are shared too.
  const optionals = new Map<z.ZodMiniType, z.ZodMiniOptional>();
  const optional = <T extends z.ZodMiniType>(schema: T): z.ZodMiniOptional<T> => {
    let wrapped = optionals.get(schema);
    if (wrapped === undefined) {
      wrapped = z.optional(schema);
      optionals.set(schema, wrapped);
    }
    return wrapped as z.ZodMiniOptional<T>;
  };

  // One schema per kind of number, shared by every field of that kind unless each needs its
  // own description.
  const shared = new Map<NumberKind, ReturnType<typeof numberField>>();
  const number = (kind: NumberKind) => (description: string) => {
    if (described) {
      return numberField(kind, currency).register(z.globalRegistry, {
        description: `${description} ${NUMBER_HINTS[kind]}`,
      });
    }
    let field = shared.get(kind);
    if (field === undefined) {
      field = numberField(kind, currency);
      shared.set(kind, field);
    }
    return field;
  };
  const money = number('money');
  const rate = number('rate');
  const quantity = number('quantity');
  const whole = number('whole');
  const text = (description: string) => describe(z.string(), description);

  const stage = z.strictObject({
    stage: text('Name of the stage: attempts, meetings, proposals, deals, webinar, payment...'),
    conversion: optional(
      rate(
        'Conversion from the stage before. The first stage has none; every other stage needs one.',
      ),
    ),
  });

  const monthlyCosts = describe(
    z.strictObject({
      payroll: optional(money('Sales payroll a month.')),
      tools: optional(money('Sales tools a month (CRM, telephony).')),
      marketing: optional(money('Marketing spend a month.')),
    }),
    'Sales and marketing costs a month; CAC = costs of the period / new clients.',
  );

  const sales = z.strictObject({
    reps: whole('Sales reps working the funnel.'),
    attempts_per_rep_per_day: quantity('Contact attempts one rep makes a working day.'),
    working_days_per_week: optional(quantity('Working days a week. Default 5.')),
    meetings_per_rep_per_week: optional(
      quantity('Most meetings one rep can hold a week (optional ceiling).'),
    ),
    attempts_stage: optional(
      text('Funnel stage the attempt norm applies to. Default: the first stage.'),
    ),
    meetings_stage: optional(
      text('Funnel stage the meeting norm applies to. Default: the stage named like "meetings".'),
    ),
    cac: optional(money('Cost to acquire one client. Give this or monthly_costs.')),
    monthly_costs: optional(monthlyCosts),
  });

  const role = z.strictObject({
    role: text('Name of the role: account manager, targeting specialist...'),
    headcount: whole('People in the role now.'),
    clients_per_person: quantity('Clients one person serves (quota).'),
    share_of_clients: optional(rate('Share of all clients this role serves. Default 100%.')),
    client_hours_per_week: optional(
      quantity('Hours a week one person gives clients, e.g. 25 for an account manager (optional).'),
    ),
  });

  const delivery = z.strictObject({
    hourly_cost: money('Direct cost of one delivery hour.'),
    hours_per_client_month: quantity('Delivery hours one client takes a month.'),
    active_clients: optional(quantity('Clients served at the start of the period. Default 0.')),
    max_load: optional(rate('Load ceiling of the delivery team. Default 85%.')),
    roles: optional(describe(z.array(role), 'Delivery roles with their headcount and quota.')),
  });

  const probabilityShape = Object.fromEntries(
    PROBABILISTIC_CHECKS.map((id) => [id, optional(rate(PROBABILITY_KEYS[id]))]),
  ) as Record<ProbabilityCheckId, ReturnType<typeof optional<ReturnType<typeof rate>>>>;

  const thresholds = z.strictObject({
    ltv_to_cac_min: optional(quantity('Lowest acceptable LTV/CAC. Default 3.')),
    payback_months_max: optional(quantity('Longest acceptable CAC payback in months (optional).')),
    churn_monthly_max: optional(rate('Highest acceptable monthly churn (optional), e.g. 5%.')),
    min_probability: optional(
      describe(
        z.strictObject(probabilityShape),
        'When inputs are ranges: the least probability each named check must pass with, ' +
          'e.g. ltv_to_cac: 80%. Such a check gates on its probability instead of the point plan.',
      ),
    ),
  });

  const icp = z.strictObject({
    require: optional(
      describe(
        z.array(text('A criterion a good client meets.')),
        'Criteria a good client meets; a missing one counts as a red flag.',
      ),
    ),
    red_flags: optional(
      describe(
        z.array(text('A disqualifying sign.')),
        'Disqualifying signs: no CRM, debts, frozen site...',
      ),
    ),
    reject_at: optional(whole('How many red flags reject a lead. Default 2.')),
  });

  const file = z.strictObject({
    name: optional(text('Name of the plan, shown in reports.')),
    currency: optional(text('ISO 4217 code of the money in this file. Default RUB.')),
    period: optional(
      describe(
        z.enum(['month', 'quarter', 'year']),
        'Period planned: month, quarter or year. Default quarter.',
      ),
    ),
    revenue_target: money('Contract value to sign in the period (bookings).'),
    average_check: money('Monthly fee of an average client.'),
    minimum_check: optional(money('Policy: the lowest monthly fee quoted (optional).')),
    gross_margin: rate('Share of the fee left after direct delivery cost.'),
    contract_months: quantity('Months an average contract runs.'),
    churn_monthly: rate('Share of active clients lost a month.'),
    ltv_horizon_months: optional(
      quantity('Cap on client lifetime in months (optional; required when churn is 0).'),
    ),
    funnel: describe(z.array(stage), 'Funnel stages from the first attempt to the deal, in order.'),
    sales,
    delivery,
    thresholds: optional(thresholds),
    icp: optional(icp),
    scenarios: optional(
      describe(
        z.record(z.string(), z.record(z.string(), z.unknown())),
        'Named variants: each maps key paths (churn_monthly, funnel.meetings.conversion) to values.',
      ),
    ),
  });
  return described
    ? file.register(z.globalRegistry, {
        title: 'funnel assumptions',
        description: 'Assumptions of a funnel plan.',
      })
    : file;
}

export type AssumptionsFile = z.output<ReturnType<typeof assumptionsSchema>>;

type Definition = Record<string, unknown>;

/**
 * A schema's definition under its optional, nullable and default wrappers: an object, a list,
 * a number field (a pipe, kept whole). Null for what is not a zod schema.
 */
export function definitionOf(schema: unknown): Definition | null {
  let current = schema;
  for (let i = 0; i < 10; i += 1) {
    const def = (current as { _zod?: { def?: Definition } } | undefined)?._zod?.def;
    if (!def) {
      return null;
    }
    if (def.type !== 'optional' && def.type !== 'nullable' && def.type !== 'default') {
      return def;
    }
    current = def.innerType;
  }
  return null;
}

/**
 * The schema of the key or list item at `path`, as declared there (an optional key stays
 * optional); undefined where the schema declares no such key.
 */
export function schemaAt(
  schema: z.ZodMiniType,
  path: readonly PropertyKey[],
): z.ZodMiniType | undefined {
  let current: unknown = schema;
  for (const segment of path) {
    const def = definitionOf(current);
    if (def?.type === 'object') {
      current = (def.shape as Record<string, unknown>)[String(segment)];
    } else if (def?.type === 'array') {
      current = def.element;
    } else {
      return undefined;
    }
  }
  return current as z.ZodMiniType | undefined;
}

/** The keys a mapping at `path` may hold, for suggestions when a key is unknown. */
export function knownKeysAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): string[] {
  const def = definitionOf(schemaAt(schema, path));
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}
