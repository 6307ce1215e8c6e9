/**
 * Deals to check, from a deal file, a list file, a folder of deal files, or
 * flags alone. Flags override what a file says. Names of criteria, red flags
 * and roles must be ones the assumptions file knows.
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import * as z from 'zod/mini';

import { type DealNameField, unknownFlags, unknownRoles } from '../calc/qualification.js';
import type { Assumptions } from '../model/assumptions.js';
import type { Deal } from '../model/deal.js';
import { parseNumber, type NumberKind } from './number.js';
import { byPlace, InputError, problem, type InputProblem } from '../model/problem.js';
import { problemAt, rawAt, wrongTypeMessage } from './place.js';
import { readSource } from './read.js';
import { nearest } from '../text/suggest.js';
import { parseYaml, pathKey, type Located, type RawDocument, type RawValue } from './yaml.js';

/** Deal fields as flags give them; every one optional. */
export interface DealFlags {
  name?: string;
  check?: string;
  hours?: string;
  months?: string;
  has?: string[];
  flag?: string[];
  roles?: string;
}

export interface DealSource {
  /** Where the deal came from, for messages: a file, `file#2` in a list, or `flags`. */
  origin: string;
  deal: Deal;
  /** Where the deal's fields sit in its file; absent for a deal given by flags alone. */
  place?: DealPlace;
}

/**
 * The deals read, and whether the user asked for one deal (flags, or one deal file) rather than
 * a list (a folder, or a file that lists deals), which is a list even when it holds one.
 */
export interface LoadedDeals {
  deals: DealSource[];
  single: boolean;
}

export type DealField = (typeof FIELDS)[number];

/** Lines of a deal's fields, so a finding can point at the field that drives it. */
export interface DealPlace {
  file: string;
  /** Positions of the whole file by key path, as the YAML reader gives them. */
  positions: Map<string, Located>;
  /** The deal's path in the file: [] for a deal file, [2] for the third deal of a list. */
  prefix: (string | number)[];
  /** Red flags as the file lists them, in order: `flags.N` in the file is the N-th. */
  flags: string[];
  /** Roles as the file lists them; null when the file names none. */
  roles: string[] | null;
  /** Fields a flag gave or changed, so their value is not on the file's line. */
  fromFlags: DealField[];
}

const FIELDS = ['name', 'check', 'hours', 'months', 'has', 'flags', 'roles'] as const;

type NumberField = 'check' | 'hours' | 'months';

interface NumberFieldSpec {
  kind: NumberKind;
  example: string;
  /** Whether 0 is a value the deal may have: a client may take no delivery hours. */
  zeroAllowed: boolean;
}

const NUMBER_FIELDS: Record<NumberField, NumberFieldSpec> = {
  check: { kind: 'money', example: '150000', zeroAllowed: false },
  hours: { kind: 'quantity', example: '48', zeroAllowed: true },
  months: { kind: 'quantity', example: '6', zeroAllowed: false },
};

const dealShape = z.strictObject({
  name: z.optional(z.string()),
  check: z.optional(z.union([z.string(), z.number()])),
  hours: z.optional(z.union([z.string(), z.number()])),
  months: z.optional(z.union([z.string(), z.number()])),
  has: z.optional(z.array(z.string())),
  flags: z.optional(z.array(z.string())),
  roles: z.optional(z.array(z.string())),
});

type DealFile = z.output<typeof dealShape>;

/** Reads every deal named by `target` (file, list file or folder), or one deal from flags. */
export async function loadDeals(
  target: string | undefined,
  flags: DealFlags,
  assumptions: Assumptions,
): Promise<LoadedDeals> {
  const { files, folder } = target === undefined ? { files: [], folder: false } : dealFiles(target);
  const problems: InputProblem[] = [];
  const deals: DealSource[] = [];
  let listed = false;

  if (files.length === 0) {
    const deal = buildDeal({}, flags, assumptions, null, 'flags', problems);
    if (deal) {
      deals.push({ origin: 'flags', deal });
    }
  }
  for (const file of files) {
    const source = await readSource(file);
    const document = parseYaml(source.text, source.file, { allowList: true });
    listed ||= Array.isArray(document.data);
    const items = Array.isArray(document.data) ? document.data : [document.data];
    items.forEach((item, index) => {
      const prefix = Array.isArray(document.data) ? [index] : [];
      const origin = Array.isArray(document.data) ? `${file}#${index + 1}` : file;
      const shaped = shapeDeal(item, document, prefix, problems);
      if (shaped) {
        const deal = buildDeal(shaped, flags, assumptions, { document, prefix }, origin, problems);
        if (deal) {
          deals.push({ origin, deal, place: dealPlace(shaped, flags, document, prefix) });
        }
      }
    });
  }

  if (problems.length > 0) {
    throw new InputError(problems.sort(byPlace));
  }
  return { deals, single: !folder && !listed };
}

function dealPlace(
  file: DealFile,
  flags: DealFlags,
  document: RawDocument<RawValue>,
  prefix: (string | number)[],
): DealPlace {
  const given: [DealField, unknown][] = [
    ['name', flags.name],
    ['check', flags.check],
    ['hours', flags.hours],
    ['months', flags.months],
    ['has', flags.has],
    ['flags', flags.flag],
    ['roles', flags.roles],
  ];
  return {
    file: document.file,
    positions: document.positions,
    prefix,
    flags: file.flags ?? [],
    roles: flags.roles === undefined ? (file.roles ?? null) : null,
    fromFlags: given.filter(([, value]) => value !== undefined).map(([field]) => field),
  };
}

function dealFiles(target: string): { files: string[]; folder: boolean } {
  let isFolder = false;
  try {
    isFolder = target !== '-' && statSync(target).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    return { files: [target], folder: false };
  }

  const names = readdirSync(target)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  if (names.length === 0) {
    throw new InputError([
      problem({
        code: 'no_deals',
        file: target,
        message: `the folder "${target}" holds no .yaml deal files`,
        hint: 'name a deal file, or put deal files ending in .yaml in the folder',
      }),
    ]);
  }
  return { files: names.map((name) => join(target, name)), folder: true };
}

interface Place {
  document: RawDocument<RawValue>;
  prefix: (string | number)[];
}

/** A problem at a key of the deal, placed as in an assumptions file; a flag's has no place. */
function placed(
  place: Place | null,
  path: (string | number)[],
  code: string,
  message: string,
  hint: string | null = null,
  onKey = false,
) {
  if (!place) {
    return problem({ code, message, hint });
  }
  return problemAt(place.document, [...place.prefix, ...path], code, message, hint, onKey);
}

function shapeDeal(
  item: RawValue,
  document: RawDocument<RawValue>,
  prefix: (string | number)[],
  problems: InputProblem[],
): DealFile | null {
  const result = z.safeParse(dealShape, item);
  if (result.success) {
    return result.data;
  }
  const place = { document, prefix };
  for (const issue of result.error.issues) {
    const path = issue.path.map((segment) =>
      typeof segment === 'number' ? segment : String(segment),
    );
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = nearest(key, FIELDS);
        problems.push(
          placed(
            place,
            [...path, key],
            'unknown_key',
            `unknown key "${key}" in a deal`,
            suggestion ? `did you mean "${suggestion}"?` : `deal keys: ${FIELDS.join(', ')}`,
            true,
          ),
        );
      }
    } else {
      problems.push(wrongType(issue, path, rawAt(item, path), place));
    }
  }
  return null;
}

/** A value of the wrong type, said as in the assumptions file: what is there, what is expected. */
function wrongType(
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  raw: RawValue | undefined,
  place: Place,
): InputProblem {
  const key = path.length > 0 ? pathKey(path) : 'the deal';
  const field = NUMBER_FIELDS[String(path[0]) as NumberField] as NumberFieldSpec | undefined;
  return placed(
    place,
    path,
    raw === null ? 'empty_value' : 'wrong_type',
    wrongTypeMessage(key, issue, raw),
    field && path.length === 1
      ? `write e.g. ${path[0]}: ${field.example}`
      : 'see examples/deals/ for the shape of a deal',
  );
}

function buildDeal(
  file: DealFile,
  flags: DealFlags,
  assumptions: Assumptions,
  place: Place | null,
  origin: string,
  problems: InputProblem[],
): Deal | null {
  const before = problems.length;
  const fromFlag = (key: NumberField) => flags[key] !== undefined;

  function number(key: NumberField): number {
    const { kind, example, zeroAllowed } = NUMBER_FIELDS[key];
    const raw = flags[key] ?? file[key];
    const where = fromFlag(key) ? null : place;
    const named = fromFlag(key) ? `--${key}` : key;
    if (raw === undefined) {
      problems.push(
        placed(
          where,
          [key],
          'missing_key',
          `the deal (${origin}) has no ${key}`,
          `give --${key} ${example} or write ${key}: ${example} in the deal file`,
        ),
      );
      return 0;
    }
    const parsed = parseNumber(raw, kind, assumptions.currency);
    if (!parsed.ok) {
      problems.push(placed(where, [key], 'bad_number', `${named}: ${parsed.message}`, parsed.hint));
      return 0;
    }
    if (parsed.number.range) {
      problems.push(
        placed(
          where,
          [key],
          'bad_number',
          `${named}: a deal is priced at one figure, not a range`,
          `write one value, e.g. ${example}`,
        ),
      );
      return 0;
    }
    if (!zeroAllowed && parsed.number.value <= 0) {
      problems.push(
        placed(where, [key], 'must_be_positive', `${named} must be above zero`, `e.g. ${example}`),
      );
    }
    return parsed.number.value;
  }

  const check = number('check');
  const hours = number('hours');
  const months = number('months');
  const has = [...(file.has ?? []), ...(flags.has ?? [])];
  const redFlags = [...(file.flags ?? []), ...(flags.flag ?? [])];
  const roles =
    flags.roles !== undefined
      ? flags.roles
          .split(',')
          .map((role) => role.trim())
          .filter((role) => role !== '')
      : (file.roles ?? null);

  // A name the file wrote is placed at its item (`flags.1`); one a flag gave has no line.
  const written: Record<DealNameField, string[]> = {
    has: file.has ?? [],
    flags: file.flags ?? [],
    roles: flags.roles === undefined ? (file.roles ?? []) : [],
  };
  for (const unknown of [
    ...unknownFlags(assumptions.icp, { has, flags: redFlags }),
    ...unknownRoles(assumptions.delivery.roles, { roles }),
  ]) {
    const known =
      unknown.field === 'roles'
        ? assumptions.delivery.roles.map((role) => role.role)
        : [...assumptions.icp.require, ...assumptions.icp.redFlags];
    const listed =
      known.length > 0
        ? `known: ${known.map((name) => `"${name}"`).join(', ')}`
        : 'the assumptions file lists none; add them under icp';
    const message =
      `the deal (${origin}) names "${unknown.name}" in ${unknown.field}, ` +
      'and the assumptions file does not know it';
    const hint = unknown.nearest ? `did you mean "${unknown.nearest}"?` : listed;
    const index = written[unknown.field].indexOf(unknown.name);
    problems.push(
      place && index >= 0
        ? placed(place, [unknown.field, index], 'unknown_name', message, hint)
        : problem({ code: 'unknown_name', file: place?.document.file ?? null, message, hint }),
    );
  }

  if (problems.length > before) {
    return null;
  }
  return {
    name: flags.name ?? file.name ?? null,
    check,
    hours,
    months,
    has,
    flags: redFlags,
    roles,
  };
}
