import { describe, expect, it } from 'vitest';

import { assumptionsSchema, knownKeysAt, schemaAt } from '../../src/input/schema.js';

const schema = assumptionsSchema();

/** The zod type declared at a key path, or null where the schema declares none. */
function typeAt(path: (string | number)[]) {
  return schemaAt(schema, path)?._zod.def.type ?? null;
}

describe('schemaAt finds the schema a key path is checked by', () => {
  it('keeps an optional key optional, and a required one required', () => {
    expect(typeAt(['sales', 'cac'])).toBe('optional');
    expect(typeAt(['sales', 'reps'])).toBe('pipe');
  });

  it('walks into a list by any item, and into an optional section', () => {
    expect(typeAt(['funnel', 3, 'conversion'])).toBe('optional');
    expect(typeAt(['funnel', 0, 'stage'])).toBe('string');
    expect(typeAt(['delivery', 'roles', 1, 'headcount'])).toBe('pipe');
    expect(typeAt(['thresholds', 'min_probability', 'churn_max'])).toBe('optional');
  });

  it('finds nothing under a key the schema does not declare, or under a single value', () => {
    expect(typeAt(['sales', 'cca'])).toBeNull();
    expect(typeAt(['churn_monthly', 'low'])).toBeNull();
  });
});

describe('knownKeysAt lists the keys a mapping may hold, by the same walk', () => {
  it('lists the keys of a list item and of an optional section', () => {
    expect(knownKeysAt(schema, ['delivery', 'roles', 0])).toEqual([
      'role',
      'headcount',
      'clients_per_person',
      'share_of_clients',
      'client_hours_per_week',
    ]);
    expect(knownKeysAt(schema, ['icp'])).toEqual(['require', 'red_flags', 'reject_at']);
  });

  it('lists none for a list or a single value', () => {
    expect(knownKeysAt(schema, ['funnel'])).toEqual([]);
    expect(knownKeysAt(schema, ['churn_monthly'])).toEqual([]);
  });
});
