import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeal } from '../../src/calc/deal.js';
import { redFlagsFound, unknownFlags, unknownRoles } from '../../src/calc/qualification.js';
import type { Deal, DealCheckId, DealReasonId, DealResult, Verdict } from '../../src/model/deal.js';
import { type DeepPartial, makeAssumptions } from '../support/assumptions.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import { AGENCY_ICP, makeDeal, readExampleDeal, readExampleIcp } from '../support/deal.js';

function agency(overrides: DeepPartial<Assumptions> = {}): Assumptions {
  return makeAssumptions({ icp: AGENCY_ICP, ...overrides });
}

function check(deal: Partial<Deal>, overrides: DeepPartial<Assumptions> = {}): DealResult {
  return checkDeal(agency(overrides), makeDeal(deal));
}

function reasonIds(result: DealResult): string[] {
  return result.reasons.map((reason) => reason.id);
}

describe('checkDeal figures', () => {
  it('prices 150 000 for 48 h: direct cost 96 000, margin 36%, minimum 174 545', () => {
    const result = check({ check: 150_000, hours: 48, months: 3 });

    expect(result.directCost).toBe(96_000);
    expect(result.grossMargin).toBeCloseTo(0.36, 12);
    expect(result.grossProfitPerMonth).toBeCloseTo(54_000, 6);
    expect(result.minimumCheckForMargin).toBeCloseTo(174_545.4545, 3);
    expect(result.minimumCheckForCac).toBeCloseTo(96_000 + 200_000 / 3, 6);
    expect(result.minimumCheck).toBeCloseTo(174_545.4545, 3);
    expect(result.bindingMinimum).toBe('margin');
    expect(result.priceGap).toBeCloseTo(-24_545.4545, 3);
    expect(result.priceGapShare).toBeCloseTo(-24_545.4545 / 174_545.4545, 9);
    expect(result.hoursBudget).toBeCloseTo(41.25, 9);
  });

  it('earns back CAC 200 000 at 54 000 a month in 3.70 months; LTV 675 000 over 12.5', () => {
    const result = check({ check: 150_000, hours: 48, months: 3 });

    expect(result.cac).toBe(200_000);
    expect(result.cacSource).toBe('given');
    expect(result.paybackMonths).toBeCloseTo(3.7037, 4);
    expect(result.lifetimeMonths).toBeCloseTo(12.5, 12);
    expect(result.ltv).toBeCloseTo(675_000, 6);
    expect(result.ltvToCac).toBeCloseTo(3.375, 12);
  });

  it('takes CAC from monthly costs as the plan does: 1 000 000 × 3 months / 25 clients', () => {
    const result = check(
      {},
      {
        sales: { cac: null, monthlyCosts: { payroll: 500_000, tools: 50_000, marketing: 450_000 } },
      },
    );

    expect(result.cacSource).toBe('monthly_costs');
    expect(result.cac).toBeCloseTo(120_000, 6);
    expect(result.minimumCheckForCac).toBeCloseTo(96_000 + 120_000 / 6, 6);
  });

  it('makes the CAC minimum binding on a one-month contract: 96 000 + 200 000 = 296 000', () => {
    const result = check({ check: 250_000, months: 1 });

    expect(result.minimumCheck).toBeCloseTo(296_000, 6);
    expect(result.bindingMinimum).toBe('cac');
    expect(result.verdict).toBe('REJECT');
    const reason = result.reasons.find((r) => r.id === 'below_minimum_check');
    expect(reason?.values).toMatchObject({ binding: 'cac', months: 1, cac: 200_000 });
  });
});

describe('the minimum check rule', () => {
  const minimum = 96_000 / (1 - 0.45);

  it('passes a price exactly at the minimum 174 545.45', () => {
    const result = check({ check: minimum });

    expect(reasonIds(result)).not.toContain('below_minimum_check');
    expect(result.verdict).toBe('ACCEPT');
  });

  it('rejects a price one kopeck below the minimum', () => {
    const result = check({ check: minimum - 0.01 });

    expect(result.verdict).toBe('REJECT');
    expect(reasonIds(result)).toEqual(['below_minimum_check']);
  });
});

describe('the payback rule', () => {
  it('passes payback exactly the contract: 200 000 / (196 000 − 96 000) = 2 months', () => {
    const result = check({ check: 196_000, months: 2 });

    expect(result.paybackMonths).toBeCloseTo(2, 12);
    expect(reasonIds(result)).not.toContain('payback_beyond_contract');
    expect(result.verdict).toBe('ACCEPT');
  });

  it('rejects payback a hair longer than a 2-month contract', () => {
    const result = check({ check: 195_999, months: 2 });

    expect(result.verdict).toBe('REJECT');
    expect(reasonIds(result)).toContain('payback_beyond_contract');
  });

  it('never pays back below the direct cost: payback is null, not infinite', () => {
    const result = check({ check: 90_000 });

    expect(result.paybackMonths).toBeNull();
    expect(result.grossProfitPerMonth).toBeCloseTo(-6_000, 6);
    expect(result.verdict).toBe('REJECT');
    expect(reasonIds(result)).toEqual(['below_minimum_check', 'no_gross_profit']);
  });

  it('treats a price equal to the direct cost as no gross profit', () => {
    expect(check({ check: 96_000 }).paybackMonths).toBeNull();
  });
});

describe('the red flag rule', () => {
  it('puts one red flag up for review', () => {
    const result = check({ flags: ['no CRM'] });

    expect(result.verdict).toBe('REVIEW');
    expect(result.reasons).toEqual([
      { id: 'red_flag', verdict: 'REVIEW', values: { flag: 'no CRM', kind: 'flag', rejectAt: 2 } },
    ]);
  });

  it('rejects exactly two red flags', () => {
    const result = check({ flags: ['no CRM', 'site frozen for a year'] });

    expect(result.verdict).toBe('REJECT');
    expect(reasonIds(result)).toEqual(['red_flags_reject']);
  });

  it('counts a missing required criterion as a red flag', () => {
    const result = check({ has: ['analytics access', 'decision maker in the meetings'] });

    expect(result.redFlags).toEqual([{ flag: 'budget confirmed', kind: 'missing_requirement' }]);
    expect(result.verdict).toBe('REVIEW');
  });

  it('rejects one flag plus one missing criterion', () => {
    const result = check({ has: ['analytics access', 'budget confirmed'], flags: ['no CRM'] });

    expect(result.redFlags).toEqual([
      { flag: 'no CRM', kind: 'flag' },
      { flag: 'decision maker in the meetings', kind: 'missing_requirement' },
    ]);
    expect(result.verdict).toBe('REJECT');
  });

  it('follows the file when it rejects at three: two flags are only for review', () => {
    const result = check(
      { flags: ['no CRM', 'site frozen for a year'] },
      { icp: { ...AGENCY_ICP, rejectAt: 3 } },
    );

    expect(result.verdict).toBe('REVIEW');
    expect(reasonIds(result)).toEqual(['red_flag', 'red_flag']);
  });

  it('matches names regardless of case and spacing, and counts a repeated flag once', () => {
    const found = redFlagsFound(AGENCY_ICP, {
      has: ['Analytics Access', ' decision  maker in the meetings', 'BUDGET CONFIRMED'],
      flags: ['No CRM', 'no crm'],
    });

    expect(found).toEqual([{ flag: 'no CRM', kind: 'flag' }]);
  });
});

describe('the LTV/CAC rule', () => {
  it('passes LTV/CAC exactly at 3: 124 000 × 12.5 against CAC 516 666.67', () => {
    const result = check({}, { sales: { cac: (124_000 * 12.5) / 3 } });

    expect(result.ltvToCac).toBeCloseTo(3, 12);
    expect(result.verdict).toBe('ACCEPT');
  });

  it('puts LTV/CAC 2.48 up for review when churn is 25% (lifetime 4 months)', () => {
    const result = check({}, { churnMonthly: 0.25 });

    expect(result.ltvToCac).toBeCloseTo(2.48, 12);
    expect(result.verdict).toBe('REVIEW');
    expect(reasonIds(result)).toEqual(['ltv_to_cac_low']);
  });

  it('caps the lifetime at the horizon as the plan does', () => {
    const result = check({}, { churnMonthly: 0, ltvHorizonMonths: 24 });

    expect(result.lifetimeMonths).toBe(24);
    expect(result.ltv).toBeCloseTo(124_000 * 24, 6);
  });
});

describe('the capacity rule', () => {
  const team = (maxLoad: number): DeepPartial<Assumptions> => ({
    delivery: {
      activeClients: 16,
      maxLoad,
      roles: [
        {
          role: 'account manager',
          headcount: 2,
          clientsPerPerson: 10,
          shareOfClients: 1,
          clientHoursPerWeek: null,
        },
        {
          role: 'targeting specialist',
          headcount: 4,
          clientsPerPerson: 10,
          shareOfClients: 0.5,
          clientHoursPerWeek: null,
        },
      ],
    },
  });

  it('passes a load exactly at the ceiling: (16 + 1) / 20 = 85%', () => {
    const result = check({}, team(0.85));

    expect(result.capacity[0]).toMatchObject({ role: 'account manager', clients: 17, ok: true });
    expect(result.capacity[0]?.load).toBeCloseTo(0.85, 12);
    expect(result.verdict).toBe('ACCEPT');
  });

  it('puts the deal up for review when the load is just over the ceiling', () => {
    const result = check({}, team(0.8499));

    expect(result.verdict).toBe('REVIEW');
    expect(result.reasons[0]).toMatchObject({
      id: 'role_over_capacity',
      values: { role: 'account manager', clients: 17, capacity: 20, maxLoad: 0.8499 },
    });
  });

  it('adds the deal as a whole client to a role serving half the clients: (8 + 1) / 40', () => {
    const result = check({}, team(0.85));

    expect(result.capacity[1]).toMatchObject({ role: 'targeting specialist', clients: 9 });
    expect(result.capacity[1]?.load).toBeCloseTo(0.225, 12);
  });

  it('loads only the roles serving the deal', () => {
    const result = check({ roles: ['Targeting Specialist'] }, team(0.8499));

    expect(result.capacity.map((load) => load.role)).toEqual(['targeting specialist']);
    expect(result.verdict).toBe('ACCEPT');
  });
});

describe('the verdict', () => {
  it('lists what speaks for an accepted deal', () => {
    const result = check({});

    expect(result.verdict).toBe('ACCEPT');
    expect(reasonIds(result)).toEqual([
      'price_above_minimum',
      'payback_within_contract',
      'ltv_to_cac_ok',
      'no_red_flags',
      'capacity_ok',
    ]);
    expect(result.reasons.every((reason) => reason.verdict === 'ACCEPT')).toBe(true);
  });

  it('lists REJECT reasons before REVIEW ones', () => {
    const result = check({ check: 150_000, flags: ['no CRM'] }, { churnMonthly: 0.25 });

    expect(result.reasons.map((reason) => reason.verdict)).toEqual(['REJECT', 'REVIEW', 'REVIEW']);
  });

  const rank: Record<Verdict, number> = { REJECT: 0, REVIEW: 1, ACCEPT: 2 };

  it('never gets worse as the price goes up, all else equal', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1_000, max: 1_000_000, noNaN: true }),
        fc.double({ min: 0, max: 500_000, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (price, raise, flags) => {
          const deal = { check: price, flags: AGENCY_ICP.redFlags.slice(0, flags) };
          const lower = check(deal).verdict;
          const higher = check({ ...deal, check: price + raise }).verdict;
          return rank[higher] >= rank[lower];
        },
      ),
    );
  });

  it('yields only finite figures for any valid deal', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10_000_000, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (price, hours, months) => {
          const result = check({ check: price, hours, months });
          const numbers: number[] = [];
          JSON.stringify(result, (_key, value) => {
            if (typeof value === 'number') numbers.push(value);
            return value;
          });
          return numbers.every(Number.isFinite);
        },
      ),
    );
  });
});

describe('the checks of the verdict', () => {
  function checksOf(result: DealResult) {
    return result.checks.map(({ id, role, ok }) => ({ id, role, ok }));
  }

  it('fails LTV/CAC −0.375 of a deal at 90 000 that has no gross profit', () => {
    const result = check({ check: 90_000 });

    expect(result.checks.find((entry) => entry.id === 'ltv_to_cac')).toEqual({
      id: 'ltv_to_cac',
      role: null,
      value: expect.closeTo(-0.375, 9),
      limit: 3,
      comparison: '>=',
      ok: false,
    });
    expect(checksOf(result).filter((entry) => !entry.ok)).toEqual([
      { id: 'minimum_check', role: null, ok: false },
      { id: 'payback_within_contract', role: null, ok: false },
      { id: 'ltv_to_cac', role: null, ok: false },
    ]);
  });

  it('gives a payback that never comes as a failed check without a value', () => {
    const payback = check({ check: 90_000 }).checks.find(
      (entry) => entry.id === 'payback_within_contract',
    );

    expect(payback).toEqual({
      id: 'payback_within_contract',
      role: null,
      value: null,
      limit: 6,
      comparison: '<=',
      ok: false,
    });
  });

  it('passes LTV/CAC without CAC: there is nothing to earn back', () => {
    const result = check({}, { sales: { cac: 0 } });

    expect(result.checks.find((entry) => entry.id === 'ltv_to_cac')).toMatchObject({
      value: null,
      ok: true,
    });
  });

  it.each([
    ['an accepted deal', {}, []],
    ['one red flag, which only sends it to review', { flags: ['no CRM'] }, []],
    ['two red flags', { flags: ['no CRM', 'site frozen for a year'] }, ['red_flags']],
    ['a price under the minimum', { check: 150_000 }, ['minimum_check']],
    [
      'a price that earns CAC back after a 2-month contract',
      { check: 195_999, months: 2 },
      ['minimum_check', 'payback_within_contract'],
    ],
  ])('fails the checks of %s', (_name, deal: Partial<Deal>, failed) => {
    const result = check(deal);

    expect(result.checks.filter((entry) => !entry.ok).map((entry) => entry.id)).toEqual(failed);
  });

  // The reasons that speak for a failed check; no_gross_profit also says why LTV/CAC fails.
  const SPEAKS_FOR: Record<DealCheckId, DealReasonId[]> = {
    minimum_check: ['below_minimum_check'],
    payback_within_contract: ['no_gross_profit', 'payback_beyond_contract'],
    ltv_to_cac: ['ltv_to_cac_low', 'no_gross_profit'],
    red_flags: ['red_flags_reject'],
    load: ['role_over_capacity'],
  };
  const REJECTS: DealCheckId[] = ['minimum_check', 'payback_within_contract', 'red_flags'];

  it('never lets the verdict, the reasons and the checks disagree', () => {
    const anyDeal = fc.tuple(
      fc.double({ min: 1_000, max: 600_000, noNaN: true }),
      fc.double({ min: 0, max: 150, noNaN: true }),
      fc.integer({ min: 1, max: 12 }),
      fc.subarray(AGENCY_ICP.redFlags),
      fc.subarray(AGENCY_ICP.require),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 0, max: 600_000, noNaN: true }),
      fc.double({ min: 0.3, max: 1, noNaN: true }),
    );
    // Deals near the agency's own, most of which pass, so the ACCEPT side is tried as often.
    const goodDeal = fc.tuple(
      fc.double({ min: 180_000, max: 600_000, noNaN: true }),
      fc.double({ min: 0, max: 48, noNaN: true }),
      fc.integer({ min: 6, max: 12 }),
      fc.subarray(AGENCY_ICP.redFlags, { maxLength: 1 }),
      fc.constant(AGENCY_ICP.require),
      fc.double({ min: 0.001, max: 0.08, noNaN: true }),
      fc.double({ min: 0, max: 200_000, noNaN: true }),
      fc.double({ min: 0.85, max: 1, noNaN: true }),
    );
    const verdicts = new Set<string>();
    fc.assert(
      fc.property(
        fc.oneof(anyDeal, goodDeal),
        ([price, hours, months, flags, has, churn, cac, maxLoad]) => {
          const result = check(
            { check: price, hours, months, flags, has },
            { churnMonthly: churn, sales: { cac }, delivery: { maxLoad } },
          );
          const failed = result.checks.filter((entry) => !entry.ok);
          const problems = result.reasons.filter((reason) => reason.verdict !== 'ACCEPT');

          const accepted = failed.length === 0 && result.redFlags.length === 0;
          expect(result.verdict === 'ACCEPT').toBe(accepted);
          const rejected = failed.some((entry) => REJECTS.includes(entry.id));
          expect(result.verdict === 'REJECT').toBe(rejected);

          for (const entry of failed) {
            const spoken = problems.some(
              (reason) =>
                SPEAKS_FOR[entry.id].includes(reason.id) &&
                (reason.id !== 'role_over_capacity' || reason.values.role === entry.role),
            );
            expect(spoken, entry.id).toBe(true);
          }
          for (const reason of problems) {
            if (reason.id === 'red_flag') continue;
            const broken = failed.some((entry) => SPEAKS_FOR[entry.id].includes(reason.id));
            expect(broken, reason.id).toBe(true);
          }
          verdicts.add(result.verdict);
        },
      ),
    );
    expect([...verdicts].sort()).toEqual(['ACCEPT', 'REJECT', 'REVIEW']);
  });
});

describe('the example deals against examples/agency.yaml', () => {
  const assumptions = makeAssumptions({ icp: readExampleIcp() });

  it('reads the same ICP the tests use', () => {
    expect(readExampleIcp()).toEqual(AGENCY_ICP);
  });

  it.each([
    ['accept.yaml', 'ACCEPT'],
    ['review.yaml', 'REVIEW'],
    ['reject.yaml', 'REJECT'],
  ])('%s is a %s', (file, verdict) => {
    expect(checkDeal(assumptions, readExampleDeal(file)).verdict).toBe(verdict);
  });

  it('rejects Orbit Logistics for two red flags, the price and the payback', () => {
    const result = checkDeal(assumptions, readExampleDeal('reject.yaml'));

    expect(reasonIds(result)).toEqual([
      'red_flags_reject',
      'below_minimum_check',
      'payback_beyond_contract',
    ]);
  });
});

describe('unknownFlags', () => {
  it('knows the file’s names in any case', () => {
    expect(unknownFlags(AGENCY_ICP, { has: ['Analytics Access'], flags: ['NO crm'] })).toEqual([]);
  });

  it('points a misspelt criterion and flag at the nearest known ones', () => {
    const unknown = unknownFlags(AGENCY_ICP, {
      has: ['analitycs access'],
      flags: ['site frozen for a yaer', 'no crm system'],
    });

    expect(unknown).toEqual([
      { name: 'analitycs access', field: 'has', nearest: 'analytics access', nearestIn: 'require' },
      {
        name: 'site frozen for a yaer',
        field: 'flags',
        nearest: 'site frozen for a year',
        nearestIn: 'red_flags',
      },
      { name: 'no crm system', field: 'flags', nearest: null, nearestIn: null },
    ]);
  });

  it('suggests the flag a shortened name begins, and nothing for a name near none', () => {
    expect(
      unknownFlags(AGENCY_ICP, { has: [], flags: ['site frozen', 'wants a discount'] }),
    ).toEqual([
      {
        name: 'site frozen',
        field: 'flags',
        nearest: 'site frozen for a year',
        nearestIn: 'red_flags',
      },
      { name: 'wants a discount', field: 'flags', nearest: null, nearestIn: null },
    ]);
  });

  it('points a red flag given as a criterion at the red flag list', () => {
    expect(unknownFlags(AGENCY_ICP, { has: ['no CRM'], flags: [] })).toEqual([
      { name: 'no CRM', field: 'has', nearest: 'no CRM', nearestIn: 'red_flags' },
    ]);
  });

  it('has nothing to suggest when the file lists no criteria', () => {
    const empty = { require: [], redFlags: [], rejectAt: 2 };

    expect(unknownFlags(empty, { has: [], flags: ['no CRM'] })).toEqual([
      { name: 'no CRM', field: 'flags', nearest: null, nearestIn: null },
    ]);
  });

  it('finds unknown roles with the nearest role', () => {
    expect(unknownRoles(agency().delivery.roles, { roles: ['acount manager'] })).toEqual([
      { name: 'acount manager', field: 'roles', nearest: 'account manager', nearestIn: 'roles' },
    ]);
  });
});
