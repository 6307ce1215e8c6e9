import type { Assumptions } from '../../src/model/assumptions.js';

/** Every field optional, recursively; arrays are replaced whole, not merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** The agency of examples/agency.yaml, as the loader would hand it to the calculators. */
function agency(): Assumptions {
  return {
    name: 'Digital agency, Q1',
    currency: 'RUB',
    period: 'quarter',
    revenueTarget: 18_000_000,
    averageCheck: 180_000,
    minimumCheck: 175_000,
    grossMargin: 0.45,
    contractMonths: 4,
    churnMonthly: 0.08,
    ltvHorizonMonths: null,
    funnel: [
      { stage: 'attempts', conversion: null },
      { stage: 'meetings', conversion: 0.02 },
      { stage: 'proposals', conversion: 0.5 },
      { stage: 'deals', conversion: 0.4 },
    ],
    sales: {
      reps: 5,
      attemptsPerRepPerDay: 40,
      workingDaysPerWeek: 5,
      meetingsPerRepPerWeek: 3,
      attemptsStage: 'attempts',
      meetingsStage: 'meetings',
      cac: 200_000,
      monthlyCosts: null,
    },
    delivery: {
      hourlyCost: 2_000,
      hoursPerClientMonth: 48,
      activeClients: 30,
      maxLoad: 0.85,
      roles: [
        { role: 'account manager', headcount: 4, clientsPerPerson: 15, shareOfClients: 1 },
        { role: 'targeting specialist', headcount: 6, clientsPerPerson: 10, shareOfClients: 1 },
        { role: 'context ads specialist', headcount: 5, clientsPerPerson: 12, shareOfClients: 1 },
      ],
    },
    thresholds: { ltvToCacMin: 3, paybackMonthsMax: null, churnMonthlyMax: null },
    icp: { require: [], redFlags: [], rejectAt: 2 },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;

  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = merge(base[key], value);
  }
  return merged;
}

/**
 * Valid assumptions for tests: the agency example, with overrides merged in
 * field by field (arrays such as funnel and roles are replaced whole).
 */
export function makeAssumptions(overrides: DeepPartial<Assumptions> = {}): Assumptions {
  return merge(agency(), overrides) as Assumptions;
}
