/**
 * `funnel solve` and `funnel sensitivity`: which value of one input meets a
 * target, and which inputs move a figure most.
 */

import type { Command } from 'commander';

import { sensitivity } from '../calc/sensitivity.js';
import {
  presetRequest,
  solveFor,
  SOLVE_PRESETS,
  type SolveDirection,
  type SolvePreset,
  type SolveRequest,
} from '../calc/solve.js';
import { InputError, problem } from '../model/problem.js';
import { nearest } from '../text/suggest.js';
import { createFormatter, detectLang } from '../render/format.js';
import { toJsonText } from '../render/plan.js';
import { renderSensitivity, renderSolve, sensitivityJson, solveJson } from '../render/whatif.js';
import { writeOut, stdoutColor } from './output.js';
import {
  flagNumber,
  loadFile,
  outputFormat,
  SHARED_OPTIONS,
  type AddSharedOptions,
  type CommonOptions,
} from './plan.js';

export interface SolveOptions extends CommonOptions {
  for?: string;
  target?: string;
  preset?: string;
  stage?: string;
  low?: string;
  high?: string;
}

export interface SensitivityOptions extends CommonOptions {
  metric: string;
  step: string;
}

export function registerWhatIf(program: Command, shared: AddSharedOptions): void {
  shared(
    program
      .command('solve')
      .description('goal seek: the value of one input that meets a target for one figure')
      .argument('<file>', 'assumptions file')
      .option('--for <input>', 'the input to vary: average_check, churn_monthly, sales.reps...')
      .option('--target <figure=value>', 'e.g. ltv_to_cac=3, weeks_to_close<=13, ltv_to_cac>=3')
      .option('--preset <name>', `a ready question: ${SOLVE_PRESETS.join(', ')}`)
      .option('--stage <stage>', 'for --preset conversion_needed: the stage (default the second)')
      .option('--low <value>', 'search no lower than this')
      .option('--high <value>', 'search no higher than this'),
    SHARED_OPTIONS,
  )
    .addHelpText(
      'after',
      `
Exit codes: 0 a value was found, 1 no value in the range meets the target, 2 bad input.

Examples:
  $ funnel solve examples/agency.yaml --for average_check --target ltv_to_cac=3
  $ funnel solve examples/agency.yaml --for churn_monthly --target "ltv_to_cac>=3"
  $ funnel solve examples/agency.yaml --preset reps_to_close
  $ funnel solve examples/agency.yaml --preset conversion_needed --stage meetings`,
    )
    .action(async (file: string, options: SolveOptions) => {
      process.exitCode = await runSolve(file, options);
    });

  shared(
    program
      .command('sensitivity')
      .description('vary each input by a step and rank the inputs by their effect on a figure')
      .argument('<file>', 'assumptions file')
      .option('--metric <figure>', 'the figure to explain', 'ltv_to_cac')
      .option('--step <share>', 'how far each input moves, up and down', '10%'),
    SHARED_OPTIONS,
  )
    .addHelpText(
      'after',
      `
Examples:
  $ funnel sensitivity examples/agency.yaml
  $ funnel sensitivity examples/agency.yaml --metric weeks_to_close --step 20%`,
    )
    .action(async (file: string, options: SensitivityOptions) => {
      process.exitCode = await runSensitivity(file, options);
    });
}

/** A rate when written with `%`, else a plain quantity, as in the file. */
function flagValue(flag: string, raw: string): number {
  return flagNumber(flag, raw, { kind: raw.includes('%') ? 'rate' : 'quantity' });
}

function usage(message: string, hint: string): InputError {
  return new InputError([problem({ code: 'usage', message, hint })]);
}

/** `ltv_to_cac=3`, `ltv_to_cac>=3` or `weeks_to_close<=13`. */
function parseTarget(text: string): { metric: string; direction: SolveDirection; value: number } {
  const match = /^\s*([\w.]+)\s*(>=|<=|=)\s*(.+)$/.exec(text);
  if (!match) {
    throw usage(`--target ${text}: expected FIGURE=VALUE`, 'e.g. --target ltv_to_cac=3');
  }
  const [, metric, operator, value] = match as unknown as [string, string, string, string];
  const direction: SolveDirection =
    operator === '>=' ? 'at_least' : operator === '<=' ? 'at_most' : 'equal';
  return { metric, direction, value: flagValue('--target', value) };
}

export async function runSolve(file: string, options: SolveOptions): Promise<number> {
  const loaded = await loadFile(file, options);
  const assumptions = loaded.assumptions;

  let request: SolveRequest;
  if (options.preset) {
    if (!(SOLVE_PRESETS as string[]).includes(options.preset)) {
      const suggestion = nearest(options.preset, SOLVE_PRESETS);
      throw usage(
        `--preset ${options.preset} is not a preset`,
        suggestion ? `did you mean ${suggestion}?` : `presets: ${SOLVE_PRESETS.join(', ')}`,
      );
    }
    request = presetRequest(assumptions, options.preset as SolvePreset, options.stage);
  } else {
    if (!options.for || !options.target) {
      throw usage(
        'solve needs --for INPUT and --target FIGURE=VALUE, or --preset NAME',
        'e.g. --for average_check --target ltv_to_cac=3',
      );
    }
    const target = parseTarget(options.target);
    request = {
      assumptions,
      input: options.for,
      metric: target.metric,
      target: target.value,
      direction: target.direction,
    };
  }
  if (options.low !== undefined) {
    request.low = flagValue('--low', options.low);
  }
  if (options.high !== undefined) {
    request.high = flagValue('--high', options.high);
  }

  const result = solveFor(request);
  const fmt = createFormatter(detectLang(options.lang, process.env), assumptions.currency);
  if (outputFormat(options) === 'json') {
    writeOut(toJsonText(solveJson(result)));
  } else {
    writeOut(renderSolve(result, fmt, { color: stdoutColor(options.color) }));
  }
  return result.ok ? 0 : 1;
}

export async function runSensitivity(file: string, options: SensitivityOptions): Promise<number> {
  const loaded = await loadFile(file, options);
  const step = flagValue('--step', options.step);
  if (step <= 0 || step >= 1) {
    throw usage(`--step ${options.step} must be between 0% and 100%`, 'e.g. --step 10%');
  }

  const result = sensitivity(loaded.assumptions, options.metric, { step });
  const fmt = createFormatter(detectLang(options.lang, process.env), loaded.assumptions.currency);
  if (outputFormat(options) === 'json') {
    writeOut(toJsonText(sensitivityJson(result)));
  } else {
    writeOut(renderSensitivity(result, fmt, { color: stdoutColor(options.color) }));
  }
  return 0;
}
