import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { planPeriod } from '../../src/calc/plan.js';
import { loadAssumptions } from '../../src/input/assumptions.js';
import type { Assumptions } from '../../src/model/assumptions.js';
import { InputError } from '../../src/model/problem.js';
import { ROOT, runCliAsync, type CliRun } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const AGENCY = readFileSync(join(ROOT, 'examples', 'agency.yaml'), 'utf8');

/** Every number anywhere in a value; the walk stops at nothing, so none hides. */
function numbersIn(value: unknown, path = '', found: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') {
    found.push([path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => numbersIn(item, `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      numbersIn(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * What any input must come to: an InputError that names at least one problem, each with a
 * code and a message and a real place or none, or a plan whose every figure is finite.
 */
function checkOutcome(text: string): void {
  let loaded: ReturnType<typeof loadAssumptions>;
  try {
    loaded = loadAssumptions(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw error;
    }
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.code).toMatch(/^[a-z_]+$/);
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.message).not.toMatch(/\b(NaN|Infinity|undefined)\b/);
      for (const place of [problem.line, problem.col]) {
        expect(place === null || (Number.isInteger(place) && place > 0)).toBe(true);
      }
    }
    return;
  }

  expectFinitePlan(loaded.assumptions);
}

/** Plans the assumptions and finds every figure of them and of the plan finite. */
function expectFinitePlan(assumptions: Assumptions): void {
  const plan = planPeriod(assumptions);
  for (const [path, value] of numbersIn({ assumptions, plan })) {
    expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
  }
}

/** Edits a user might make by accident: a line lost, a character mistyped, a line pasted twice. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    char: fc.constantFrom(
      ' ',
      '\t',
      ':',
      '-',
      '#',
      '"',
      "'",
      '[',
      '{',
      '%',
      '0',
      '9',
      '&',
      '*',
      '!',
      '\n',
      'x',
      'я',
      '\u00a0',
    ),
  }),
);

function mutate(text: string, edits: Edit[]): string {
  let lines = text.split('\n');
  for (const change of edits) {
    const at = change.at % Math.max(lines.length, 1);
    if (change.kind === 'delete') {
      lines.splice(at, 1);
    } else if (change.kind === 'duplicate') {
      lines.splice(at, 0, lines[at] ?? '');
    } else {
      const joined = lines.join('\n');
      const position = change.at % Math.max(joined.length, 1);
      lines = (joined.slice(0, position) + change.char + joined.slice(position + 1)).split('\n');
    }
  }
  return lines.join('\n');
}

type Edit =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'replace'; at: number; char: string };

const mutation = fc.array(edit as fc.Arbitrary<Edit>, { minLength: 1, maxLength: 6 });

describe('any input to the loader ends in listed problems or a finite plan', () => {
  it('for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkOutcome), {
      numRuns: 1500,
    });
  }, 60_000);

  it('for any text made of YAML punctuation and numbers', () => {
    const piece = fc.constantFrom(
      'a',
      ':',
      ' ',
      '\n',
      '  ',
      '- ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '&a',
      '*a',
      '<<',
      '!!str',
      '!x',
      '#',
      '%YAML 1.1\n',
      '---\n',
      '0',
      '45%',
      '1e9',
      '.inf',
      'funnel',
      'stage',
      'reps',
      'conversion',
      '__proto__',
      '\t',
      '~',
      '|',
      '>',
    );
    const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
    fc.assert(fc.property(text, checkOutcome), { numRuns: 1500 });
  }, 60_000);

  it('for the agency example with lines deleted, duplicated or characters replaced', () => {
    fc.assert(
      fc.property(mutation, (edits) => checkOutcome(mutate(AGENCY, edits))),
      { numRuns: 600 },
    );
  }, 60_000);

  it('for the agency example with any value replaced by any text', () => {
    const keys = [
      'average_check',
      'gross_margin',
      'contract_months',
      'churn_monthly',
      'reps',
      'conversion',
      'hourly_cost',
      'headcount',
      'clients_per_person',
      'max_load',
      'cac',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string({ maxLength: 20 }), (key, value) => {
        const line = new RegExp(`^(\\s*${key}:).*$`, 'm');
        checkOutcome(AGENCY.replace(line, `$1 ${JSON.stringify(value)}`));
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});

/** A valid set of assumptions, as key-value pairs so the order of keys can be shuffled. */
const validFile = fc.record({
  revenue_target: fc.integer({ min: 1_000, max: 1_000_000_000 }),
  average_check: fc.integer({ min: 1_000, max: 10_000_000 }),
  gross_margin: fc.integer({ min: 1, max: 95 }).map((percent) => `${percent}%`),
  contract_months: fc.integer({ min: 1, max: 36 }),
  churn_monthly: fc.double({ min: 0.1, max: 60, noNaN: true }).map((rate) => `${rate}%`),
  funnel: fc
    .array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 })
    .map((rates) => [
      { stage: 'attempts' },
      ...rates.map((rate, index) => ({ stage: `stage ${index}`, conversion: `${rate}%` })),
    ]),
  sales: fc.record({
    reps: fc.integer({ min: 1, max: 100 }),
    attempts_per_rep_per_day: fc.double({ min: 0.5, max: 300, noNaN: true }),
    cac: fc.integer({ min: 1, max: 5_000_000 }),
  }),
  delivery: fc.record({
    hourly_cost: fc.integer({ min: 1, max: 50_000 }),
    hours_per_client_month: fc.oneof(
      fc.constant(0),
      fc.double({ min: 0.01, max: 500, noNaN: true }),
    ),
    roles: fc.array(
      fc.record({
        role: fc.constantFrom('account manager', 'designer', 'analyst'),
        headcount: fc.integer({ min: 1, max: 40 }),
        clients_per_person: fc.double({ min: 0.5, max: 50, noNaN: true }),
      }),
      { maxLength: 1 },
    ),
  }),
});

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(reversedKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reversedKeys(item)]),
    );
  }
  return value;
}

describe('valid assumptions', () => {
  it('plan with every figure finite', () => {
    fc.assert(
      fc.property(validFile, (file) => {
        // Loaded directly: a refusal throws here, where checkOutcome would count it as an outcome.
        expectFinitePlan(loadAssumptions(JSON.stringify(file), 'valid.yaml').assumptions);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('mean the same whatever the order of their keys', () => {
    fc.assert(
      fc.property(validFile, (file) => {
        const forward = loadAssumptions(JSON.stringify(file), 'a.yaml').assumptions;
        const backward = loadAssumptions(JSON.stringify(reversedKeys(file)), 'a.yaml').assumptions;
        expect(backward).toEqual(forward);
        expect(planPeriod(backward)).toEqual(planPeriod(forward));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

/**
 * What the CLI must do with any file: no stack trace, JSON that parses, exit 2 exactly when the
 * file is refused (the JSON lists errors), and otherwise 0 when every check passes and 1 when one
 * fails. A plan that fails a check is `ok: false` too, so `ok` alone does not tell the two apart.
 */
function checkRun(run: CliRun): void {
  expect([0, 1, 2]).toContain(run.code);
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  const report = JSON.parse(run.stdout);
  const refused = report.errors !== undefined;
  expect(run.code === 2, `exit ${run.code} with errors ${refused}`).toBe(refused);
  if (refused) {
    expect(report.ok).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
  } else {
    expect(report.unit_economics).toBeDefined();
    expect(report.ok).toBe(run.code === 0);
  }
}

describe('the built CLI, given any file', () => {
  const dir = scratchFolder('fuzz');
  let count = 0;

  async function runOn(content: Uint8Array | string): Promise<CliRun> {
    count += 1;
    const path = join(dir, `input-${count}.yaml`);
    await writeFile(path, content);
    return runCliAsync(['plan', path, '--json']);
  }

  it('exits 1, not 2, for a valid plan that fails a check: ltv_to_cac_min raised from 3 to 9', async () => {
    const agency = await readFile(join(ROOT, 'examples', 'agency.yaml'), 'utf8');
    const run = await runOn(agency.replace('ltv_to_cac_min: 3', 'ltv_to_cac_min: 9'));

    checkRun(run);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).ok).toBe(false);
  }, 30_000);

  // Each run starts a process (about a tenth of a second), so the count is kept small.
  it('exits 0, 1 or 2 for any bytes, with --json output that parses', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        checkRun(await runOn(bytes));
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('exits 0, 1 or 2 for mutations of the agency example, with --json output that parses', async () => {
    const agency = await readFile(join(ROOT, 'examples', 'agency.yaml'), 'utf8');
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        checkRun(await runOn(mutate(agency, edits)));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
