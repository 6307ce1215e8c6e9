import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPeriod } from '../../src/calc/plan.js';
import { assumptionsArb } from '../support/assumptions.js';

function nonFiniteFigures(value: unknown, path = 'plan'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => nonFiniteFigures(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteFigures(item, `${path}.${key}`));
  }
  return [];
}

describe('laws of the plan', () => {
  it('never produces NaN or Infinity in any figure', () => {
    fc.assert(
      fc.property(assumptionsArb, (assumptions) => {
        expect(nonFiniteFigures(planPeriod(assumptions))).toEqual([]);
      }),
    );
  });

  it('never needs more attempts when a conversion is raised', () => {
    fc.assert(
      fc.property(
        assumptionsArb.filter((assumptions) => assumptions.funnel.length > 1),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (assumptions, pick, lift) => {
          const index = 1 + (pick % (assumptions.funnel.length - 1));
          const before = assumptions.funnel[index]!.conversion!;
          const raised = before + (1 - before) * lift;
          const funnel = assumptions.funnel.map((stage, at) =>
            at === index ? { ...stage, conversion: raised } : stage,
          );

          const attemptsBefore = planPeriod(assumptions).sales.attemptsNeeded;
          const attemptsAfter = planPeriod({ ...assumptions, funnel }).sales.attemptsNeeded;
          expect(attemptsAfter).toBeLessThanOrEqual(attemptsBefore);
        },
      ),
    );
  });

  it('never raises LTV when churn is raised', () => {
    fc.assert(
      fc.property(
        assumptionsArb,
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (assumptions, extra) => {
          const churnMonthly = assumptions.churnMonthly + extra;
          const ltvBefore = planPeriod(assumptions).unitEconomics.ltv;
          const ltvAfter = planPeriod({ ...assumptions, churnMonthly }).unitEconomics.ltv;
          expect(ltvAfter).toBeLessThanOrEqual(ltvBefore);
        },
      ),
    );
  });

  it('never lowers the implied margin when the average check is raised', () => {
    fc.assert(
      fc.property(
        assumptionsArb,
        fc.double({ min: 0, max: 5_000_000, noNaN: true }),
        (assumptions, extra) => {
          const averageCheck = assumptions.averageCheck + extra;
          const marginBefore = planPeriod(assumptions).pricing.impliedMargin;
          const marginAfter = planPeriod({ ...assumptions, averageCheck }).pricing.impliedMargin;
          expect(marginAfter).toBeGreaterThanOrEqual(marginBefore);
        },
      ),
    );
  });

  it('never lowers attempts per week when reps are added', () => {
    fc.assert(
      fc.property(assumptionsArb, fc.integer({ min: 1, max: 50 }), (assumptions, extra) => {
        const sales = { ...assumptions.sales, reps: assumptions.sales.reps + extra };
        const perWeekBefore = planPeriod(assumptions).sales.attemptsPerWeek;
        const perWeekAfter = planPeriod({ ...assumptions, sales }).sales.attemptsPerWeek;
        expect(perWeekAfter).toBeGreaterThanOrEqual(perWeekBefore);
      }),
    );
  });

  it('lets the reps it asks for close the plan within the period', () => {
    fc.assert(
      fc.property(assumptionsArb, (assumptions) => {
        const reps = planPeriod(assumptions).sales.repsNeeded;
        const sales = { ...assumptions.sales, reps };
        expect(planPeriod({ ...assumptions, sales }).sales.fitsPeriod).toBe(true);
      }),
    );
  });

  it('asks for the fewest reps: one fewer does not fit the period', () => {
    fc.assert(
      fc.property(assumptionsArb, (assumptions) => {
        const reps = planPeriod(assumptions).sales.repsNeeded;
        // Past a million reps the 1e-9 tolerance is worth a whole rep; no plan is that big.
        fc.pre(reps > 1 && reps < 1e6);
        const sales = { ...assumptions.sales, reps: reps - 1 };
        expect(planPeriod({ ...assumptions, sales }).sales.fitsPeriod).toBe(false);
      }),
    );
  });
});
