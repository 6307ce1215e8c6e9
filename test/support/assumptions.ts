import fc from 'fast-check';
import type { Assumptions } from '../../src/model/assumptions.js';
import { AGENCY_ICP } from './deal.js';

/** Every field optional, recursively; arrays are replaced whole, not merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * The agency of examples/agency.yaml, as the loader hands it to the calculators
 * (assumptions.test.ts holds the two equal).
 */
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
        {
          role: 'account manager',
          headcount: 4,
          clientsPerPerson: 15,
          shareOfClients: 1,
          clientHoursPerWeek: 25,
        },
        {
          role: 'targeting specialist',
          headcount: 6,
          clientsPerPerson: 10,
          shareOfClients: 1,
          clientHoursPerWeek: null,
        },
        {
          role: 'context ads specialist',
          headcount: 5,
          clientsPerPerson: 12,
          shareOfClients: 1,
          clientHoursPerWeek: null,
        },
      ],
    },
    thresholds: {
      ltvToCacMin: 3,
      paybackMonthsMax: null,
      churnMonthlyMax: null,
      minProbability: [],
    },
    icp: {
      require: [...AGENCY_ICP.require],
      redFlags: [...AGENCY_ICP.redFlags],
      rejectAt: AGENCY_ICP.rejectAt,
    },
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

const share = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const amount = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const funnelArb = fc
  .array(share(0.001, 1), { minLength: 0, maxLength: 5 })
  .map((conversions) => [
    { stage: 'stage0', conversion: null },
    ...conversions.map((conversion, index) => ({ stage: `stage${index + 1}`, conversion })),
  ]);

const roleArb = fc.record({
  role: fc.constantFrom('account manager', 'targeting specialist', 'curator'),
  headcount: fc.integer({ min: 1, max: 20 }),
  clientsPerPerson: fc.integer({ min: 1, max: 60 }),
  shareOfClients: share(0.01, 1),
  clientHoursPerWeek: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
});

const churnAndHorizonArb = fc.oneof(
  fc.record({ churnMonthly: share(0.001, 0.5), ltvHorizonMonths: fc.constant(null) }),
  fc.record({
    churnMonthly: fc.oneof(fc.constant(0), share(0.001, 0.5)),
    ltvHorizonMonths: fc.integer({ min: 1, max: 120 }),
  }),
);

const acquisitionArb = fc.oneof(
  fc.record({ cac: amount(1_000, 5_000_000), monthlyCosts: fc.constant(null) }),
  fc.record({
    cac: fc.constant(null),
    monthlyCosts: fc.record({
      payroll: amount(1_000, 10_000_000),
      tools: amount(0, 1_000_000),
      marketing: amount(0, 5_000_000),
    }),
  }),
);

/** Valid assumptions: every divisor positive, a horizon whenever churn is 0. */
export const assumptionsArb: fc.Arbitrary<Assumptions> = fc
  .record({
    period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
    revenueTarget: amount(10_000, 1e9),
    averageCheck: amount(1_000, 5_000_000),
    minimumCheck: fc.option(amount(1_000, 5_000_000), { nil: null }),
    grossMargin: share(0.01, 0.95),
    contractMonths: fc.integer({ min: 1, max: 36 }),
    churn: churnAndHorizonArb,
    funnel: funnelArb,
    meetingsStage: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    reps: fc.integer({ min: 1, max: 50 }),
    attemptsPerRepPerDay: amount(1, 300),
    workingDaysPerWeek: fc.integer({ min: 1, max: 7 }),
    meetingsPerRepPerWeek: fc.option(amount(0.5, 40), { nil: null }),
    acquisition: acquisitionArb,
    hourlyCost: amount(100, 20_000),
    hoursPerClientMonth: amount(1, 300),
    activeClients: amount(0, 500),
    maxLoad: share(0.1, 1),
    roles: fc.array(roleArb, { maxLength: 4 }),
    ltvToCacMin: amount(0.5, 10),
    paybackMonthsMax: fc.option(amount(0.5, 48), { nil: null }),
    churnMonthlyMax: fc.option(share(0, 0.5), { nil: null }),
  })
  .map((drawn) => {
    const stageNames = drawn.funnel.map((stage) => stage.stage);
    const meetingsStage =
      drawn.meetingsStage === null
        ? null
        : (stageNames[Math.min(drawn.meetingsStage, stageNames.length - 1)] ?? null);

    return makeAssumptions({
      period: drawn.period,
      revenueTarget: drawn.revenueTarget,
      averageCheck: drawn.averageCheck,
      minimumCheck: drawn.minimumCheck,
      grossMargin: drawn.grossMargin,
      contractMonths: drawn.contractMonths,
      churnMonthly: drawn.churn.churnMonthly,
      ltvHorizonMonths: drawn.churn.ltvHorizonMonths,
      funnel: drawn.funnel,
      sales: {
        reps: drawn.reps,
        attemptsPerRepPerDay: drawn.attemptsPerRepPerDay,
        workingDaysPerWeek: drawn.workingDaysPerWeek,
        meetingsPerRepPerWeek: drawn.meetingsPerRepPerWeek,
        attemptsStage: 'stage0',
        meetingsStage,
        cac: drawn.acquisition.cac,
        monthlyCosts: drawn.acquisition.monthlyCosts,
      },
      delivery: {
        hourlyCost: drawn.hourlyCost,
        hoursPerClientMonth: drawn.hoursPerClientMonth,
        activeClients: drawn.activeClients,
        maxLoad: drawn.maxLoad,
        roles: drawn.roles,
      },
      thresholds: {
        ltvToCacMin: drawn.ltvToCacMin,
        paybackMonthsMax: drawn.paybackMonthsMax,
        churnMonthlyMax: drawn.churnMonthlyMax,
      },
    });
  });
