import type { Icp, Role } from '../model/assumptions.js';
import type { Deal, RedFlag } from '../model/deal.js';
import { nearest } from '../text/suggest.js';

/**
 * The form names are compared in: case, surrounding spaces and runs of spaces do
 * not matter, so `--flag "No  CRM"` names the file's `no CRM`.
 */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Red flags of a deal against the ideal client profile: every flag the deal shows
 * that the file knows (kind 'flag', each once, in the deal's order), then every
 * required criterion missing from `has` (kind 'missing_requirement', in the
 * file's order). Names are given as the file spells them.
 */
export function redFlagsFound(icp: Icp, deal: Pick<Deal, 'has' | 'flags'>): RedFlag[] {
  const known = new Map(icp.redFlags.map((flag) => [normalizeName(flag), flag]));
  const shown = new Map<string, string>();
  for (const flag of deal.flags) {
    const key = normalizeName(flag);
    const spelled = known.get(key);
    if (spelled !== undefined && !shown.has(key)) shown.set(key, spelled);
  }

  const has = new Set(deal.has.map(normalizeName));
  const missing = icp.require.filter((criterion) => !has.has(normalizeName(criterion)));

  return [
    ...[...shown.values()].map((flag): RedFlag => ({ flag, kind: 'flag' })),
    ...missing.map((flag): RedFlag => ({ flag, kind: 'missing_requirement' })),
  ];
}

/** Where a name the file does not know appeared in the deal. */
export type DealNameField = 'has' | 'flags' | 'roles';

/** The file's lists a suggestion may come from. */
export type KnownNameList = 'require' | 'red_flags' | 'roles';

export interface UnknownName {
  /** The name as the deal gives it. */
  name: string;
  field: DealNameField;
  /** The closest name the file knows, as `nearest` finds it; null when none is close. */
  nearest: string | null;
  nearestIn: KnownNameList | null;
}

/**
 * Criteria in `has` and flags in `flags` the file's `icp` does not list. The
 * nearest known name is searched in both lists, preferring the field's own list
 * on a tie, so `--has "no CRM"` points at the red flag of that name.
 */
export function unknownFlags(icp: Icp, deal: Pick<Deal, 'has' | 'flags'>): UnknownName[] {
  const require = candidates(icp.require, 'require');
  const redFlags = candidates(icp.redFlags, 'red_flags');

  return [
    ...unknownIn(deal.has, 'has', 'require', [...require, ...redFlags]),
    ...unknownIn(deal.flags, 'flags', 'red_flags', [...redFlags, ...require]),
  ];
}

/** Roles the deal names that the file's `delivery.roles` does not have. */
export function unknownRoles(roles: Role[], deal: Pick<Deal, 'roles'>): UnknownName[] {
  const known = candidates(
    roles.map((role) => role.role),
    'roles',
  );
  return unknownIn(deal.roles ?? [], 'roles', 'roles', known);
}

interface Candidate {
  name: string;
  key: string;
  list: KnownNameList;
}

function candidates(names: string[], list: KnownNameList): Candidate[] {
  return names.map((name) => ({ name, key: normalizeName(name), list }));
}

/**
 * Candidates come in order of preference: the first of equally near ones wins. A name
 * too far from every candidate to be a likely typo has none.
 */
function unknownIn(
  names: string[],
  field: DealNameField,
  ownList: KnownNameList,
  known: Candidate[],
): UnknownName[] {
  const unknown: UnknownName[] = [];

  for (const name of names) {
    const key = normalizeName(name);
    if (known.some((candidate) => candidate.key === key && candidate.list === ownList)) continue;

    const found = nearest(
      key,
      known.map((candidate) => candidate.key),
    );
    const near = known.find((candidate) => candidate.key === found) ?? null;
    unknown.push({ name, field, nearest: near?.name ?? null, nearestIn: near?.list ?? null });
  }

  return unknown;
}
