/**
 * The shape of an assumptions file. This zod schema is the single source of
 * truth: it validates files, and `funnel schema` turns it into the JSON
 * Schema that editors use. Numbers are parsed here with the file's currency,
 * so `180 000 ₽` in a RUB file is 180000 and `$5k` is an error.
 */

import * as z from 'zod';

import { parseNumber, type NumberKind, type ParsedNumber } from './number.js';

// Each file is validated once per process: compiling zod's fast paths with `new Function`
// costs more than it saves, and code made that way is never in the start-up code cache.
z.config({ jitless: true });

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
  return z.union([z.string(), z.number()]).transform((raw, ctx): ParsedNumber => {
    const parsed = parseNumber(raw, kind, currency);
    if (parsed.ok) {
      return parsed.number;
    }
    ctx.addIssue({
      code: 'custom',
      message: parsed.message,
      params: { code: 'bad_number', hint: parsed.hint },
      input: raw,
    });
    return z.NEVER;
  });
}

export interface SchemaOptions {
  /**
   * Attach each key's description, for the JSON Schema that editors read. Validating needs
   * none, and each description is one more schema object to build on every run.
   */
  described?: boolean;
}

/** Checks that `thresholds.min_probability` can name. */
export const PROBABILISTIC_CHECKS = [
  'ltv_to_cac',
  'payback_within_contract',
  'fits_period',
  'delivery_load',
  'payback_max',
  'churn_max',
] as const;

/** Builds the schema for a file in the given currency (money values are checked against it). */
export function assumptionsSchema(currency = 'RUB', options: SchemaOptions = {}) {
  const described = options.described ?? false;
  const describe = <T extends z.ZodType>(schema: T, description: string): T =>
    described ? schema.meta({ description }) : schema;

  // One schema per kind of number, shared by every field of that kind unless each needs its
  // own description.
  const shared = new Map<NumberKind, ReturnType<typeof numberField>>();
  const number = (kind: NumberKind) => (description: string) => {
    if (described) {
      return numberField(kind, currency).meta({
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
    conversion: rate(
      'Conversion from the stage before. The first stage has none; every other stage needs one.',
    ).optional(),
  });

  const monthlyCosts = describe(
    z.strictObject({
      payroll: money('Sales payroll a month.').optional(),
      tools: money('Sales tools a month (CRM, telephony).').optional(),
      marketing: money('Marketing spend a month.').optional(),
    }),
    'Sales and marketing costs a month; CAC = costs of the period / new clients.',
  );

  const sales = z.strictObject({
    reps: whole('Sales reps working the funnel.'),
    attempts_per_rep_per_day: quantity('Contact attempts one rep makes a working day.'),
    working_days_per_week: quantity('Working days a week. Default 5.').optional(),
    meetings_per_rep_per_week: quantity(
      'Most meetings one rep can hold a week (optional ceiling).',
    ).optional(),
    attempts_stage: text(
      'Funnel stage the attempt norm applies to. Default: the first stage.',
    ).optional(),
    meetings_stage: text(
      'Funnel stage the meeting norm applies to. Default: the stage named like "meetings".',
    ).optional(),
    cac: money('Cost to acquire one client. Give this or monthly_costs.').optional(),
    monthly_costs: monthlyCosts.optional(),
  });

  const role = z.strictObject({
    role: text('Name of the role: account manager, targeting specialist...'),
    headcount: whole('People in the role now.'),
    clients_per_person: quantity('Clients one person serves (quota).'),
    share_of_clients: rate('Share of all clients this role serves. Default 100%.').optional(),
    client_hours_per_week: quantity(
      'Hours a week one person gives clients, e.g. 25 for an account manager (optional).',
    ).optional(),
  });

  const delivery = z.strictObject({
    hourly_cost: money('Direct cost of one delivery hour.'),
    hours_per_client_month: quantity('Delivery hours one client takes a month.'),
    active_clients: quantity('Clients served at the start of the period. Default 0.').optional(),
    max_load: rate('Load ceiling of the delivery team. Default 85%.').optional(),
    roles: describe(z.array(role), 'Delivery roles with their headcount and quota.').optional(),
  });

  const thresholds = z.strictObject({
    ltv_to_cac_min: quantity('Lowest acceptable LTV/CAC. Default 3.').optional(),
    payback_months_max: quantity('Longest acceptable CAC payback in months (optional).').optional(),
    churn_monthly_max: rate('Highest acceptable monthly churn (optional), e.g. 5%.').optional(),
    min_probability: describe(
      z.strictObject({
        ltv_to_cac: rate('Least probability that LTV/CAC meets its minimum.').optional(),
        payback_within_contract: rate(
          'Least probability that payback fits in the contract.',
        ).optional(),
        fits_period: rate('Least probability that the plan fits the period.').optional(),
        delivery_load: rate('Least probability that every role stays under max_load.').optional(),
        payback_max: rate('Least probability that payback meets payback_months_max.').optional(),
        churn_max: rate('Least probability that churn meets churn_monthly_max.').optional(),
      }),
      'When inputs are ranges: the least probability each named check must pass with, ' +
        'e.g. ltv_to_cac: 80%. Such a check gates on its probability instead of the point plan.',
    ).optional(),
  });

  const icp = z.strictObject({
    require: describe(
      z.array(text('A criterion a good client meets.')),
      'Criteria a good client meets; a missing one counts as a red flag.',
    ).optional(),
    red_flags: describe(
      z.array(text('A disqualifying sign.')),
      'Disqualifying signs: no CRM, debts, frozen site...',
    ).optional(),
    reject_at: whole('How many red flags reject a lead. Default 2.').optional(),
  });

  const file = z.strictObject({
    name: text('Name of the plan, shown in reports.').optional(),
    currency: text('ISO 4217 code of the money in this file. Default RUB.').optional(),
    period: describe(
      z.enum(['month', 'quarter', 'year']),
      'Period planned: month, quarter or year. Default quarter.',
    ).optional(),
    revenue_target: money('Contract value to sign in the period (bookings).'),
    average_check: money('Monthly fee of an average client.'),
    minimum_check: money('Policy: the lowest monthly fee quoted (optional).').optional(),
    gross_margin: rate('Share of the fee left after direct delivery cost.'),
    contract_months: quantity('Months an average contract runs.'),
    churn_monthly: rate('Share of active clients lost a month.'),
    ltv_horizon_months: quantity(
      'Cap on client lifetime in months (optional; required when churn is 0).',
    ).optional(),
    funnel: describe(z.array(stage), 'Funnel stages from the first attempt to the deal, in order.'),
    sales,
    delivery,
    thresholds: thresholds.optional(),
    icp: icp.optional(),
    scenarios: describe(
      z.record(z.string(), z.record(z.string(), z.unknown())),
      'Named variants: each maps key paths (churn_monthly, funnel.meetings.conversion) to values.',
    ).optional(),
  });
  return described
    ? file.meta({ title: 'funnel assumptions', description: 'Assumptions of a funnel plan.' })
    : file;
}

export type AssumptionsFile = z.output<ReturnType<typeof assumptionsSchema>>;

/** Top-level keys, for suggestions when a key is unknown. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of [...path, null]) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) {
      return [];
    }
    if (segment === null) {
      return def.type === 'object' ? Object.keys(def.shape as object) : [];
    }
    if (def.type === 'object') {
      current = (def.shape as Record<string, unknown>)[String(segment)];
    } else if (def.type === 'array') {
      current = def.element;
    } else {
      return [];
    }
  }
  return [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i += 1) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) {
      return current;
    }
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      return current;
    }
  }
  return current;
}
