/**
 * What-if results as text and as JSON: the tornado table of a sensitivity run,
 * the percentiles of a simulation and the answer of a goal seek. Renderers
 * return strings; colour only when asked.
 */
import { Chalk } from 'chalk';
import type { SensitivityResult } from '../calc/sensitivity.js';
import type { ProbabilisticCheck, SimulationResult } from '../calc/simulate.js';
import type { SolveResult } from '../calc/solve.js';
import { displayWidth } from '../text/width.js';
import type { Formatter, Lang } from './format.js';
import { figureDelta, figureText, metricUnit, shownToward, type FigureUnit } from './report.js';

export interface RenderOptions {
  color: boolean;
}

const LABELS = {
  en: {
    input: 'input',
    low: 'low',
    high: 'high',
    atLow: 'at low',
    atHigh: 'at high',
    swing: 'swing',
    figure: 'figure',
    mean: 'mean',
    check: 'check',
    probability: 'probability',
    required: 'required',
    result: 'result',
    pass: 'pass',
    fail: 'FAIL',
    wholeUnit: '* a whole-number input, moved by at least one',
    noEffect: 'inputs that do not move it',
    sensitivityOf: (metric: string, base: string, step: string) =>
      `Sensitivity of ${metric} (${base} in the plan) to each input moved by ±${step}`,
    simulationOf: (samples: string, seed: number) =>
      `Monte Carlo: ${samples} samples, seed ${seed}`,
    rises: 'rises with the input',
    falls: 'falls with the input',
  },
  ru: {
    input: 'параметр',
    low: 'ниже',
    high: 'выше',
    atLow: 'при ниже',
    atHigh: 'при выше',
    swing: 'размах',
    figure: 'показатель',
    mean: 'среднее',
    check: 'проверка',
    probability: 'вероятность',
    required: 'требуется',
    result: 'итог',
    pass: 'да',
    fail: 'НЕТ',
    wholeUnit: '* целочисленный параметр, изменён минимум на единицу',
    noEffect: 'параметры, которые на него не влияют',
    sensitivityOf: (metric: string, base: string, step: string) =>
      `Чувствительность ${metric} (в плане ${base}) к изменению каждого параметра на ±${step}`,
    simulationOf: (samples: string, seed: number) =>
      `Монте-Карло: ${samples} прогонов, seed ${seed}`,
    rises: 'растёт вместе с параметром',
    falls: 'падает при росте параметра',
  },
} satisfies Record<Lang, unknown>;

// How a value of an input or a figure reads: by its unit, as the plan and its reports write it.

const INPUT_UNITS: Record<string, FigureUnit> = {
  revenue_target: 'money',
  average_check: 'money',
  minimum_check: 'money',
  gross_margin: 'share',
  contract_months: 'months',
  churn_monthly: 'share',
  ltv_horizon_months: 'months',
  'sales.reps': 'people',
  'sales.attempts_per_rep_per_day': 'per_day',
  'sales.working_days_per_week': 'per_week',
  'sales.meetings_per_rep_per_week': 'per_week',
  'sales.cac': 'money',
  'sales.monthly_costs.payroll': 'money',
  'sales.monthly_costs.tools': 'money',
  'sales.monthly_costs.marketing': 'money',
  'delivery.hourly_cost': 'money',
  'delivery.hours_per_client_month': 'hours',
  'delivery.active_clients': 'clients',
  'delivery.max_load': 'share',
  'thresholds.ltv_to_cac_min': 'ratio',
  'thresholds.payback_months_max': 'months',
  'thresholds.churn_monthly_max': 'share',
};

const ROLE_INPUT_UNITS: Record<string, FigureUnit> = {
  headcount: 'people',
  clients_per_person: 'clients',
  share_of_clients: 'share',
};

/** The unit of an input path (`churn_monthly`, `funnel.meetings.conversion`); null if none. */
export function inputUnit(path: string): FigureUnit | null {
  const segments = path.trim().toLowerCase().split('.');
  const [head, second, , field] = segments;
  if (head === 'funnel' && segments.length === 3 && segments[2] === 'conversion') {
    return 'share';
  }
  if (head === 'delivery' && second === 'roles' && segments.length === 4 && field) {
    return ROLE_INPUT_UNITS[field] ?? null;
  }
  return INPUT_UNITS[segments.join('.')] ?? null;
}

/** An input's or a figure's value as the plan writes it: `₽180,000`, `8%`, `5`, `2.47 months`. */
export function formatValue(f: Formatter, id: string, value: number): string {
  const unit = inputUnit(id) ?? metricUnit(id);
  return unit === null ? f.decimal(value, 1) : figureText(value, unit, f);
}

/**
 * The change of a figure from `at low` to `at high`, as the difference of the two as shown
 * (28 → 23 clients is −5), with its sign.
 */
function swingText(f: Formatter, metric: string, low: number, high: number): string {
  const unit = metricUnit(metric);
  return unit === null ? f.decimal(high - low, 1) : figureDelta(high, low, unit, f);
}

/**
 * Left-aligns the first column and right-aligns the rest, two spaces apart. Widths are what the
 * terminal shows, so a coloured verdict lines up with its plain heading.
 */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, displayWidth(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => {
        const pad = ' '.repeat((widths[index] ?? 0) - displayWidth(cell));
        return index === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** Breaks a long list at spaces so that no line passes 100 columns. */
function wrap(line: string, width = 100): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `  ${word}`;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function painter(options: RenderOptions) {
  return new Chalk({ level: options.color ? 1 : 0 });
}

/** Width of the longest bar, in characters. */
const BAR_WIDTH = 24;

/**
 * The tornado table: one row per input, widest swing first, with a bar of █
 * scaled to the largest swing, and ↑ or ↓ for whether the figure rises or falls
 * as the input rises. Inputs that do not move the figure are listed by name only.
 */
export function renderSensitivity(
  result: SensitivityResult,
  f: Formatter,
  options: RenderOptions,
): string {
  const text = LABELS[f.lang];
  const paint = painter(options);
  const largest = result.rows[0]?.swing ?? 0;
  const moving = result.rows.filter((row) => row.swing > 0);
  const still = result.rows.filter((row) => row.swing === 0);

  const header = [text.input, text.low, text.high, text.atLow, text.atHigh, text.swing, ''];
  const body = moving.map((row) => {
    const length = largest > 0 ? Math.max(1, Math.round((row.swing / largest) * BAR_WIDTH)) : 0;
    const rises = row.metricHigh > row.metricLow;
    const bar = (rises ? '↑ ' : '↓ ') + '█'.repeat(length);
    return [
      row.variation === 'whole_unit' ? `${row.input} *` : row.input,
      formatValue(f, row.input, row.lowInput),
      formatValue(f, row.input, row.highInput),
      formatValue(f, result.metric, row.metricLow),
      formatValue(f, result.metric, row.metricHigh),
      swingText(f, result.metric, row.metricLow, row.metricHigh),
      rises ? paint.green(bar) : paint.red(bar),
    ];
  });

  const lines = [
    paint.bold(
      text.sensitivityOf(
        result.metric,
        formatValue(f, result.metric, result.base),
        f.percent(result.step),
      ),
    ),
    '',
    ...table([header.map((cell) => cell), ...body]).map((line, index) =>
      index === 0 ? paint.dim(line) : line,
    ),
  ];
  if (moving.some((row) => row.variation === 'whole_unit')) {
    lines.push('', paint.dim(text.wholeUnit));
  }
  if (still.length > 0) {
    lines.push('', ...wrap(`${text.noEffect}: ${still.map((row) => row.input).join(', ')}`));
  }
  return lines.join('\n') + '\n';
}

/**
 * Percentiles of every figure and the chance of each check; with requirements
 * (probabilistic checks from the thresholds) each check shows the limit and a verdict.
 */
export function renderSimulation(
  result: SimulationResult,
  f: Formatter,
  options: RenderOptions & { requirements?: ProbabilisticCheck[] },
): string {
  const text = LABELS[f.lang];
  const paint = painter(options);

  const figures = table([
    [text.figure, 'P10', 'P50', 'P90', text.mean],
    ...result.figures.map((figure) => [
      figure.id,
      formatValue(f, figure.id, figure.p10),
      formatValue(f, figure.id, figure.p50),
      formatValue(f, figure.id, figure.p90),
      formatValue(f, figure.id, figure.mean),
    ]),
  ]);

  const requirements = options.requirements ?? [];
  const checks = table([
    [text.check, text.probability, ...(requirements.length ? [text.required, text.result] : [])],
    ...result.checks.map((check) => {
      const required = requirements.find((requirement) => requirement.id === check.id);
      const verdict = required
        ? [
            `≥ ${f.percent(required.limit)}`,
            required.ok ? paint.green(text.pass) : paint.red(text.fail),
          ]
        : requirements.length
          ? ['', '']
          : [];
      return [check.id, f.percent(check.probability), ...verdict];
    }),
  ]);

  const title = text.simulationOf(f.integer(result.samples), result.seed);
  return (
    [
      paint.bold(title),
      '',
      ...figures.map((line, index) => (index === 0 ? paint.dim(line) : line)),
      '',
      ...checks.map((line, index) => (index === 0 ? paint.dim(line) : line)),
    ].join('\n') + '\n'
  );
}

const COMPARISON: Record<SolveResult['direction'], string> = {
  equal: '=',
  at_least: '≥',
  at_most: '≤',
};

/**
 * A goal seek's answer rounded toward the side that meets the target, so that the value shown
 * meets it too: past the answer when the current value misses the target, back toward the
 * current value when it meets it. An `equal` target rounds to the nearest.
 */
function answerShown(result: Extract<SolveResult, { ok: true }>): number {
  const unit = inputUnit(result.input);
  if (unit === null || result.direction === 'equal' || result.value === result.current.value) {
    return result.value;
  }
  const currentAbove = result.current.value > result.value;
  return shownToward(result.value, unit, currentAbove === result.current.meets ? 'up' : 'down');
}

/** The answer of a goal seek in a sentence or two, in the user's terms. */
export function renderSolve(result: SolveResult, f: Formatter, options: RenderOptions): string {
  const paint = painter(options);
  const input = (value: number) => formatValue(f, result.input, value);
  const metric = (value: number) => formatValue(f, result.metric, value);
  const goal = `${result.metric} ${COMPARISON[result.direction]} ${metric(result.target)}`;
  const now = `${result.input} = ${input(result.current.value)}, ${result.metric} = ${metric(result.current.metric)}`;
  const ru = f.lang === 'ru';

  if (result.ok) {
    const answer = `${result.input} = ${paint.bold(input(answerShown(result)))}`;
    return ru
      ? `${answer}: ${result.metric} = ${metric(result.metricAtValue)} (цель ${goal}).\nСейчас: ${now}.\n`
      : `${answer}: ${result.metric} = ${metric(result.metricAtValue)} (target ${goal}).\nNow: ${now}.\n`;
  }

  const span = `${input(result.low)} … ${input(result.high)}`;
  const closest = `${result.input} = ${input(result.closest.value)}, ${result.metric} = ${metric(result.closest.metric)}`;
  const reasons = {
    no_bracket: ru
      ? `Ни одно значение ${result.input} в пределах ${span} не даёт ${goal}. Ближе всего: ${closest}.`
      : `No value of ${result.input} within ${span} gives ${goal}. The nearest: ${closest}.`,
    not_monotonic: ru
      ? `${result.metric} то растёт, то падает с ${result.input}, и ни одно из проверенных значений не даёт ${goal}. Ближе всего: ${closest}; задайте --low и --high вокруг него.`
      : `${result.metric} rises and falls with ${result.input}, and no value tried gives ${goal}. The nearest: ${closest}; give --low and --high around it.`,
    always_met: ru
      ? `Любое значение ${result.input} в пределах ${span} даёт ${goal}: границы нет.`
      : `Every value of ${result.input} within ${span} gives ${goal}: there is no boundary.`,
    jumps_over: ru
      ? `${result.metric} перескакивает через ${metric(result.target)} при ${closest}: ровно этого значения нет.`
      : `${result.metric} jumps across ${metric(result.target)} at ${closest}: it never takes that value.`,
  };
  return `${paint.red(reasons[result.reason])}\n${ru ? 'Сейчас' : 'Now'}: ${now}.\n`;
}

// JSON shapes: the same figures, snake_case, unrounded.

export function sensitivityJson(result: SensitivityResult) {
  return {
    metric: result.metric,
    base: result.base,
    step: result.step,
    rows: result.rows.map((row) => ({
      input: row.input,
      base: row.base,
      low_input: row.lowInput,
      high_input: row.highInput,
      metric_low: row.metricLow,
      metric_high: row.metricHigh,
      swing: row.swing,
      variation: row.variation,
    })),
  };
}

export function simulationJson(result: SimulationResult, requirements: ProbabilisticCheck[] = []) {
  return {
    samples: result.samples,
    seed: result.seed,
    inputs: result.inputs.map((input) => ({
      path: input.path,
      distribution: input.distribution,
      low: input.low,
      high: input.high,
      mode: input.mode,
    })),
    figures: result.figures.map((figure) => ({ ...figure })),
    checks: result.checks.map((check) => ({ ...check })),
    probabilistic_checks: requirements.map((requirement) => ({
      id: requirement.id,
      ok: requirement.ok,
      probability: requirement.probability,
      min_probability: requirement.limit,
    })),
  };
}

export function solveJson(result: SolveResult) {
  const common = {
    ok: result.ok,
    input: result.input,
    metric: result.metric,
    target: result.target,
    direction: result.direction,
    current: { value: result.current.value, metric: result.current.metric },
    low: result.low,
    high: Number.isFinite(result.high) ? result.high : null,
  };
  if (result.ok) {
    return {
      ...common,
      value: result.value,
      metric_at_value: result.metricAtValue,
      iterations: result.iterations,
    };
  }
  return { ...common, reason: result.reason, closest: { ...result.closest } };
}
