import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { loadAssumptions } from '../../src/input/assumptions.js';
import { makeAssumptions } from './assumptions.js';

describe('the assumptions fixture', () => {
  it('is examples/agency.yaml exactly as the loader hands it to the calculators', () => {
    const text = readFileSync(new URL('../../examples/agency.yaml', import.meta.url), 'utf8');
    const loaded = loadAssumptions(text, 'examples/agency.yaml');

    expect(makeAssumptions()).toStrictEqual(loaded.assumptions);
  });

  it('is a fresh copy each time, so a test that changes it changes no other', () => {
    const changed = makeAssumptions();
    changed.icp.require.push('a signed brief');
    changed.delivery.roles[0]!.headcount = 9;

    expect(makeAssumptions().icp.require).toHaveLength(3);
    expect(makeAssumptions().delivery.roles[0]!.headcount).toBe(4);
  });
});
