import { describe, expect, it } from 'vitest';
import {
  busiestIndex,
  deliveryCapacity,
  hoursPerClient,
  roleLoads,
} from '../../src/calc/capacity.js';
import type { Role } from '../../src/model/assumptions.js';
import { makeAssumptions } from '../support/assumptions.js';

const accountManagers: Role = {
  role: 'account manager',
  headcount: 4,
  clientsPerPerson: 15,
  shareOfClients: 1,
  clientHoursPerWeek: null,
};

describe('delivery capacity over the period', () => {
  it('grows the agency from 30 to 46.41 clients over a quarter: load 77.4%, no hires', () => {
    const [manager] = deliveryCapacity({
      delivery: makeAssumptions().delivery,
      newClients: 25,
      churnMonthly: 0.08,
      periodMonths: 3,
    });

    expect(manager!.capacity).toBe(60);
    // 30 × 0.92 + 25/3 = 35.93; 35.93 × 0.92 + 25/3 = 41.39; 41.39 × 0.92 + 25/3 = 46.41
    expect(manager!.activeClientsByMonth).toHaveLength(3);
    expect(manager!.activeClientsByMonth[0]).toBeCloseTo(35.933333, 6);
    expect(manager!.activeClientsByMonth[1]).toBeCloseTo(41.392, 6);
    expect(manager!.activeClientsByMonth[2]).toBeCloseTo(46.413973, 6);
    expect(manager!.peakActiveClients).toBeCloseTo(46.413973, 6);
    expect(manager!.load).toBeCloseTo(0.773566, 6);
    expect(manager!.hiresNeeded).toBe(0);
  });

  it('replaces about 2 clients a month out of 25 at 8% churn', () => {
    const [manager] = deliveryCapacity({
      delivery: { ...makeAssumptions().delivery, activeClients: 25, roles: [accountManagers] },
      newClients: 0,
      churnMonthly: 0.08,
      periodMonths: 1,
    });
    expect(25 - manager!.activeClientsByMonth[0]!).toBeCloseTo(2, 9);
  });

  it('takes the starting clients as the peak when churn outruns new clients', () => {
    const [manager] = deliveryCapacity({
      delivery: { ...makeAssumptions().delivery, activeClients: 50, roles: [accountManagers] },
      newClients: 3,
      churnMonthly: 0.1,
      periodMonths: 3,
    });
    expect(manager!.activeClientsByMonth[2]).toBeLessThan(50);
    expect(manager!.peakActiveClients).toBe(50);
  });

  it('serves only its share: a role on half the clients starts at 15 of 30', () => {
    const [half] = deliveryCapacity({
      delivery: {
        ...makeAssumptions().delivery,
        roles: [{ ...accountManagers, shareOfClients: 0.5 }],
      },
      newClients: 0,
      churnMonthly: 0,
      periodMonths: 3,
    });
    expect(half!.activeClientsByMonth).toEqual([15, 15, 15]);
    expect(half!.load).toBe(0.25);
  });

  it('grows linearly at zero churn: 30 + 25/3 each month', () => {
    const [manager] = deliveryCapacity({
      delivery: { ...makeAssumptions().delivery, roles: [accountManagers] },
      newClients: 25,
      churnMonthly: 0,
      periodMonths: 3,
    });
    expect(manager!.activeClientsByMonth[0]).toBeCloseTo(38.3333, 4);
    expect(manager!.activeClientsByMonth[2]).toBeCloseTo(55, 9);
    // 55 / (0.85 × 15) = 4.31 people, so one more than the 4.
    expect(manager!.hiresNeeded).toBe(1);
  });
});

describe('role loads at a given number of clients', () => {
  it('passes a load of exactly 85%: 51 clients on 4 × 15', () => {
    const [load] = roleLoads({ roles: [accountManagers], activeClients: 51, maxLoad: 0.85 });
    expect(load!.load).toBeCloseTo(0.85, 12);
    expect(load!.withinMaxLoad).toBe(true);
    expect(load!.hiresNeeded).toBe(0);
  });

  it('asks for 2 hires when 70 clients land on 4 × 15 (70 / 12.75 = 5.49 people)', () => {
    const [load] = roleLoads({ roles: [accountManagers], activeClients: 70, maxLoad: 0.85 });
    expect(load!.load).toBeCloseTo(1.166667, 6);
    expect(load!.withinMaxLoad).toBe(false);
    expect(load!.hiresNeeded).toBe(2);
  });

  it('gives each role its own load', () => {
    const loads = roleLoads({
      roles: makeAssumptions().delivery.roles,
      activeClients: 48,
      maxLoad: 0.85,
    });
    expect(loads.map((role) => role.capacity)).toEqual([60, 60, 60]);
    expect(loads.map((role) => role.load)).toEqual([0.8, 0.8, 0.8]);
  });
});

describe('hours per client', () => {
  it('gives an account manager with 25 client hours and 15 clients 1.67 hours each', () => {
    expect(hoursPerClient({ hoursPerWeek: 25, clients: 15 })).toBeCloseTo(1.6667, 4);
  });
});

describe('busiestIndex', () => {
  it('points at the most loaded role, the first of equals, and at none when there are none', () => {
    expect(busiestIndex([{ load: 0.5 }, { load: 0.9 }, { load: 0.7 }])).toBe(1);
    expect(busiestIndex([{ load: 0.8 }, { load: 0.8 }])).toBe(0);
    expect(busiestIndex([])).toBe(-1);
  });
});
