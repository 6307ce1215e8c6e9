import { describe, expect, it } from 'vitest';
import { clientsForTarget, reverseFunnel } from '../../src/calc/funnel.js';
import { makeAssumptions } from '../support/assumptions.js';

describe('clients behind a revenue target', () => {
  it('turns 18 000 000 at a check of 180 000 into 100 client-months and 25 new clients', () => {
    const clients = clientsForTarget({
      revenueTarget: 18_000_000,
      averageCheck: 180_000,
      contractMonths: 4,
    });
    expect(clients.clientMonths).toBe(100);
    expect(clients.newClients).toBe(25);
  });

  it('keeps a fractional count of new clients: 100 client-months on 3-month contracts', () => {
    const clients = clientsForTarget({
      revenueTarget: 18_000_000,
      averageCheck: 180_000,
      contractMonths: 3,
    });
    expect(clients.newClients).toBeCloseTo(33.3333, 4);
  });
});

describe('reverse funnel', () => {
  it('needs 105 meetings for 21 deals at 20% meeting-to-deal conversion', () => {
    const counts = reverseFunnel({
      stages: [
        { stage: 'meetings', conversion: null },
        { stage: 'deals', conversion: 0.2 },
      ],
      deals: 21,
    });
    expect(counts[0]).toEqual({ stage: 'meetings', count: 105, conversion: null });
    expect(counts[1]).toEqual({ stage: 'deals', count: 21, conversion: 0.2 });
  });

  it('needs 200 attempts for 3 meetings at 1.5% and for 4 meetings at 2%', () => {
    const attemptsFor = (meetings: number, conversion: number) =>
      reverseFunnel({
        stages: [
          { stage: 'attempts', conversion: null },
          { stage: 'meetings', conversion },
        ],
        deals: meetings,
      })[0]!.count;

    expect(attemptsFor(3, 0.015)).toBeCloseTo(200, 9);
    expect(attemptsFor(4, 0.02)).toBeCloseTo(200, 9);
  });

  it('walks deals ← proposals ← meetings ← attempts: 25 → 62.5 → 125 → 6 250', () => {
    const counts = reverseFunnel({ stages: makeAssumptions().funnel, deals: 25 });
    expect(counts.map((entry) => entry.stage)).toEqual([
      'attempts',
      'meetings',
      'proposals',
      'deals',
    ]);
    expect(counts[3]!.count).toBe(25);
    expect(counts[2]!.count).toBeCloseTo(62.5, 9);
    expect(counts[1]!.count).toBeCloseTo(125, 9);
    expect(counts[0]!.count).toBeCloseTo(6_250, 6);
  });

  it('keeps the stage names and conversions of a school funnel in file order', () => {
    const counts = reverseFunnel({
      stages: [
        { stage: 'leads', conversion: null },
        { stage: 'webinar', conversion: 0.4 },
        { stage: 'application', conversion: 0.1 },
        { stage: 'payment', conversion: 0.5 },
      ],
      deals: 100,
    });
    expect(counts.map((entry) => [entry.stage, entry.conversion])).toEqual([
      ['leads', null],
      ['webinar', 0.4],
      ['application', 0.1],
      ['payment', 0.5],
    ]);
    expect(counts.map((entry) => entry.count)).toEqual([5_000, 2_000, 200, 100]);
  });

  it('gives a one-stage funnel the deals themselves', () => {
    const counts = reverseFunnel({ stages: [{ stage: 'deals', conversion: null }], deals: 7 });
    expect(counts).toEqual([{ stage: 'deals', count: 7, conversion: null }]);
  });
});
