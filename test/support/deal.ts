import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Icp } from '../../src/model/assumptions.js';
import type { Deal } from '../../src/model/deal.js';

/** The ideal client profile of examples/agency.yaml. */
export const AGENCY_ICP: Icp = {
  require: ['analytics access', 'decision maker in the meetings', 'budget confirmed'],
  redFlags: [
    'no CRM',
    'debts to a previous contractor',
    'site frozen for a year',
    'wants results in a month',
  ],
  rejectAt: 2,
};

/** A deal the agency would take: 220 000 a month for 48 hours over 6 months, fully qualified. */
export function makeDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    name: null,
    check: 220_000,
    hours: 48,
    months: 6,
    has: [...AGENCY_ICP.require],
    flags: [],
    roles: null,
    ...overrides,
  };
}

/** Figures as the example files write them: `220 000` is 220000. */
function amount(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value).replace(/\s/g, ''));
}

/** A deal file of examples/deals, read with the plain YAML parser. */
export function readExampleDeal(file: string): Deal {
  const data = parse(
    readFileSync(new URL(`../../examples/deals/${file}`, import.meta.url), 'utf8'),
  );
  return {
    name: data.name ?? null,
    check: amount(data.check),
    hours: amount(data.hours),
    months: amount(data.months),
    has: data.has ?? [],
    flags: data.flags ?? [],
    roles: data.roles ?? null,
  };
}

/** The `icp` section of examples/agency.yaml. */
export function readExampleIcp(): Icp {
  const text = readFileSync(new URL('../../examples/agency.yaml', import.meta.url), 'utf8');
  const { icp } = parse(text);
  return { require: icp.require, redFlags: icp.red_flags, rejectAt: icp.reject_at };
}
