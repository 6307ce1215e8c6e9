/** `funnel plan FILE`: load, plan, render, and the exit code the checks decide. */

import type { Command } from 'commander';

import { planPeriod } from '../calc/plan.js';
import { gatePlan, probabilisticChecks, simulate } from '../calc/simulate.js';
import { loadAssumptions, type LoadedAssumptions, type Override } from '../input/assumptions.js';
import { parseNumber, type NumberKind } from '../input/number.js';
import { InputError, problem } from '../model/problem.js';
import { readSource } from '../input/read.js';
import { createFormatter, detectLang } from '../render/format.js';
import { planToJson, renderPlanTable, toJsonText } from '../render/plan.js';
import { renderSimulation, simulationJson } from '../render/whatif.js';
import { isReportFormat, renderPlanReport, REPORT_FORMATS } from '../render/formats.js';
import { appendStepSummary } from './summary.js';
import { isTerminal, stdoutColor, writeErr, writeOut } from './output.js';

/**
 * The options several commands share. Each command names those that mean something for it
 * (`compare` shows every scenario, so it takes no --scenario), and the parser rejects the rest.
 */
export const SHARED_OPTIONS = [
  'format',
  'json',
  'lang',
  'set',
  'scenario',
  'color',
  'debug',
] as const;

export type SharedOption = (typeof SHARED_OPTIONS)[number];

/** Adds the named shared options to a command; `formats` are the choices of its --format. */
export type AddSharedOptions = (
  command: Command,
  take: readonly SharedOption[],
  formats?: readonly string[],
) => Command;

/** The formats of `plan` and `check-deal`: a table, JSON and the reports. */
export const REPORT_CHOICES: readonly string[] = ['table', 'json', ...REPORT_FORMATS];

export interface CommonOptions {
  format: string;
  json?: boolean;
  lang?: string;
  set?: string[];
  scenario?: string;
  color?: boolean;
  debug?: boolean;
}

export interface PlanOptions extends CommonOptions {
  minLtvCac?: string;
  maxPayback?: string;
  maxChurn?: string;
  maxLoad?: string;
  samples?: string;
  seed?: string;
  summary?: boolean;
}

export const DEFAULT_SAMPLES = 100_000;
export const DEFAULT_SEED = 1;
const MAX_SAMPLES = 50_000_000;
/** Runs shorter than this finish before a progress bar would be read. */
const PROGRESS_FROM = 1_000_000;

const THRESHOLD_FLAGS: [keyof FileOptions, string, string][] = [
  ['minLtvCac', '--min-ltv-cac', 'thresholds.ltv_to_cac_min'],
  ['maxPayback', '--max-payback', 'thresholds.payback_months_max'],
  ['maxChurn', '--max-churn', 'thresholds.churn_monthly_max'],
  ['maxLoad', '--max-load', 'delivery.max_load'],
];

/** Gathers a repeatable flag (`--set`, `--has`, `--flag`) into a list, in the order given. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The flags that change what a file says: a scenario, `--set`, and threshold flags. */
export type FileOptions = Pick<
  PlanOptions,
  'scenario' | 'set' | 'minLtvCac' | 'maxPayback' | 'maxChurn' | 'maxLoad'
>;

/** Turns `--set a.b=v` and threshold flags into overrides of the file. */
export function overridesFrom(options: FileOptions): Override[] {
  const overrides: Override[] = [];
  for (const entry of options.set ?? []) {
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      throw new InputError([
        problem({
          code: 'bad_override',
          message: `--set ${entry}: expected KEY=VALUE`,
          hint: 'e.g. --set churn_monthly=10% or --set funnel.meetings.conversion=15%',
        }),
      ]);
    }
    overrides.push({
      path: entry.slice(0, equals).trim(),
      value: entry.slice(equals + 1).trim(),
      origin: `--set ${entry}`,
    });
  }
  for (const [option, flag, path] of THRESHOLD_FLAGS) {
    const value = options[option];
    if (typeof value === 'string') {
      overrides.push({ path, value, origin: `${flag} ${value}` });
    }
  }
  return overrides;
}

/**
 * The one format a command writes, results and errors alike: --json wins over --format, so
 * `--format github --json` writes JSON only. Without either it is the table.
 */
export function outputFormat(options: Pick<CommonOptions, 'json'> & { format?: string }): string {
  return options.json ? 'json' : (options.format ?? 'table');
}

/** Reads an assumptions file (`-` for standard input) with the command's scenario and overrides. */
export async function loadFile(file: string, options: FileOptions) {
  const source = await readSource(file);
  return loadAssumptions(source.text, source.file, {
    scenario: options.scenario ?? null,
    overrides: overridesFrom(options),
  });
}

/**
 * The plan of a loaded file as it gates. A file with ranges is simulated (or any file, when
 * samples are asked for), and a check with a thresholds.min_probability passes on its chance.
 * `simulate: 'when_gated'` simulates only a file whose ranges meet such a requirement, for a
 * command that shows the verdict but not the simulation.
 */
export function gatedPlan(
  loaded: Pick<LoadedAssumptions, 'assumptions' | 'uncertain'>,
  options: Pick<PlanOptions, 'samples' | 'seed'> & { simulate?: 'when_ranges' | 'when_gated' },
) {
  const { assumptions, uncertain } = loaded;
  const point = planPeriod(assumptions);
  const required = assumptions.thresholds.minProbability ?? [];
  const wanted =
    options.simulate === 'when_gated'
      ? uncertain.length > 0 && required.length > 0
      : uncertain.length > 0 || options.samples !== undefined;
  const simulation = wanted
    ? simulate(assumptions, uncertain, {
        samples: wholeFlag('--samples', options.samples, DEFAULT_SAMPLES, 1, MAX_SAMPLES),
        seed: wholeFlag('--seed', options.seed, DEFAULT_SEED, 0, 2 ** 32 - 1),
        onProgress: progressBar(),
      })
    : null;
  const requirements = simulation ? probabilisticChecks(simulation, required) : [];
  return { plan: gatePlan(point, requirements), simulation, requirements };
}

export async function runPlan(file: string, options: PlanOptions): Promise<number> {
  const loaded = await loadFile(file, options);
  const { plan, simulation, requirements } = gatedPlan(loaded, options);

  const lang = detectLang(options.lang, process.env);
  const fmt = createFormatter(lang, loaded.assumptions.currency);
  const view = { assumptions: loaded.assumptions, plan, uncertain: loaded.uncertain };

  const format = outputFormat(options);
  if (format === 'json') {
    const document = {
      ...planToJson(view, fmt),
      simulation: simulation ? simulationJson(simulation, requirements) : null,
    };
    writeOut(toJsonText(document));
  } else if (isReportFormat(format)) {
    writeOut(renderPlanReport(format, view, fmt, loaded.document));
  } else {
    const color = stdoutColor(options.color);
    writeOut(renderPlanTable(view, fmt, color));
    if (simulation) {
      writeOut(`\n${renderSimulation(simulation, fmt, { color, requirements })}`);
    }
  }
  if (options.summary) {
    appendStepSummary(view, fmt, process.env);
  }
  return plan.ok ? 0 : 1;
}

/** What a flag's number must be: its kind, and for a bounded flag the whole range. */
export interface FlagNumberRule {
  kind: NumberKind;
  bounds?: { min: number; max: number; example: number };
}

/**
 * A number given to a flag, read by the same rules as a number in the file (`200k`, `10%`,
 * `1 000`; no hex, no range). A bounded flag states its range and an example when it is missed.
 */
export function flagNumber(flag: string, raw: string, rule: FlagNumberRule): number {
  const { bounds } = rule;
  const parsed = parseNumber(raw, rule.kind);
  let reason: string | null = null;
  if (!parsed.ok) {
    reason = parsed.message;
  } else if (parsed.number.range) {
    reason = 'a range is not a single value';
  } else if (!bounds || (parsed.number.value >= bounds.min && parsed.number.value <= bounds.max)) {
    return parsed.number.value;
  }

  if (bounds) {
    const what = rule.kind === 'whole' ? 'a whole number' : 'a number';
    const expected = `expected ${what} from ${bounds.min} to ${bounds.max}`;
    throw new InputError([
      problem({
        code: 'bad_flag_value',
        message: `${flag} ${raw}: ${expected}${reason ? `; ${reason}` : ''}`,
        hint: `e.g. ${flag} ${bounds.example}`,
      }),
    ]);
  }
  throw new InputError([
    problem({
      code: 'bad_flag_value',
      message: `${flag} ${raw}: ${reason}`,
      hint: parsed.ok ? 'write one value' : parsed.hint,
    }),
  ]);
}

/** A whole-number flag from min to max, or its default when it is not given. */
function wholeFlag(
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  return raw === undefined
    ? fallback
    : flagNumber(flag, raw, { kind: 'whole', bounds: { min, max, example: fallback } });
}

/** A bar on stderr for simulations long enough to need one, and only on a terminal. */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!isTerminal(2)) {
    return undefined;
  }
  const width = 30;
  return (done, total) => {
    if (total < PROGRESS_FROM) {
      return;
    }
    const filled = Math.round((done / total) * width);
    const percent = Math.floor((done / total) * 100);
    writeErr(`\rsimulating ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`);
    if (done >= total) {
      writeErr('\r\x1b[K');
    }
  };
}
