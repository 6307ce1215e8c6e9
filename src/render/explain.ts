/**
 * `funnel explain` for people and programs: the formula of one figure, the
 * assumptions it reads with their values and lines, and each step with the
 * numbers put in. Values are shown to four decimals, so the steps can be
 * checked by hand.
 */

import type { Explanation, Expr, Quantity } from '../calc/explain.js';
import { keyPlace } from '../input/place.js';
import type { RawDocument } from '../input/yaml.js';
import { formatNumber, formatPercent, type Lang } from './format.js';

const WORDS = {
  formula: { en: 'Formula', ru: 'Формула' },
  inputs: { en: 'Assumptions used', ru: 'Допущения' },
  steps: { en: 'Step by step', ru: 'По шагам' },
  defaulted: { en: 'default', ru: 'по умолчанию' },
  line: { en: 'line', ru: 'строка' },
  money: { en: 'money in', ru: 'деньги в' },
} as const satisfies Record<string, Record<Lang, string>>;

export function quantityText(value: number, quantity: Quantity, lang: Lang): string {
  if (quantity === 'share') {
    return formatPercent(value, lang, 2);
  }
  return formatNumber(value, lang, quantity === 'money' ? 2 : 4);
}

const PRECEDENCE = { '+': 1, '−': 1, '×': 2, '/': 2 } as const;

/** An expression as text; `leaf` writes a name or number. Parentheses only where needed. */
export function exprText(expr: Expr, leaf: (expr: Expr) => string): string {
  switch (expr.kind) {
    case 'ref':
    case 'number':
      return leaf(expr);
    case 'call':
      return `${expr.fn}(${expr.args.map((arg) => exprText(arg, leaf)).join(', ')})`;
    case 'op': {
      const own = PRECEDENCE[expr.op];
      const side = (child: Expr, right: boolean) => {
        const text = exprText(child, leaf);
        if (child.kind !== 'op') {
          return text;
        }
        const theirs = PRECEDENCE[child.op];
        const associative = child.op === expr.op && (expr.op === '+' || expr.op === '×');
        const needs = theirs < own || (right && theirs === own && !associative);
        return needs ? `(${text})` : text;
      };
      return `${side(expr.left, false)} ${expr.op} ${side(expr.right, true)}`;
    }
  }
}

export interface InputPlace {
  line: number | null;
  col: number | null;
  /** Where the value came from when not from the file's line: `--set churn_monthly=12%`. */
  origin: string | null;
  defaulted: boolean;
}

export function inputPlace(document: RawDocument, path: (string | number)[]): InputPlace {
  const { line, col, origin, exact } = keyPlace(document, path);
  // A key the file leaves out takes its default; it has no place of its own.
  return exact
    ? { line, col, origin, defaulted: false }
    : { line: null, col: null, origin: null, defaulted: true };
}

/** The public JSON of `funnel explain --json`; values unrounded. */
export function explanationToJson(
  explanation: Explanation,
  document: RawDocument,
  currency: string,
  lang: Lang,
) {
  const quantities = new Map<string, Quantity>();
  const values = new Map<string, number>();
  for (const entry of [...explanation.inputs, ...explanation.steps]) {
    quantities.set(entry.name, entry.quantity);
    values.set(entry.name, entry.value);
  }
  const names = (expr: Expr) =>
    expr.kind === 'ref' ? expr.name : expr.kind === 'number' ? String(expr.value) : '';
  const numbers = (expr: Expr) =>
    expr.kind === 'ref'
      ? quantityText(values.get(expr.name) ?? 0, quantities.get(expr.name) ?? 'number', lang)
      : expr.kind === 'number'
        ? quantityText(expr.value, 'number', lang)
        : '';
  const last = explanation.steps.at(-1)!;

  return {
    metric: explanation.metric,
    value: explanation.value,
    quantity: explanation.quantity,
    currency,
    file: document.file,
    formula: `${last.name} = ${exprText(last.formula, names)}`,
    inputs: explanation.inputs.map((input) => {
      const place = inputPlace(document, input.path);
      return {
        name: input.name,
        value: input.value,
        quantity: input.quantity,
        line: place.line,
        col: place.col,
        defaulted: place.defaulted,
        origin: place.origin,
      };
    }),
    steps: explanation.steps.map((step) => ({
      name: step.name,
      value: step.value,
      quantity: step.quantity,
      formula: exprText(step.formula, names),
      substituted: exprText(step.formula, numbers),
    })),
  };
}

export type ExplanationJson = ReturnType<typeof explanationToJson>;

export function renderExplanation(json: ExplanationJson, lang: Lang): string {
  const w = (id: keyof typeof WORDS) => WORDS[id][lang];
  const lines: string[] = [];

  const money = json.inputs.some((input) => input.quantity === 'money');
  const unit = money ? `; ${w('money')} ${json.currency}` : '';
  lines.push(
    `${json.metric} = ${quantityText(json.value, json.quantity, lang)}   (${json.file}${unit})`,
  );
  lines.push('', `${w('formula')}:`, `  ${json.formula}`);

  lines.push('', `${w('inputs')}:`);
  const width = Math.max(...json.inputs.map((input) => input.name.length), 0);
  const shown = json.inputs.map((input) => quantityText(input.value, input.quantity, lang));
  const valueWidth = Math.max(...shown.map((text) => text.length), 0);
  json.inputs.forEach((input, index) => {
    const where = input.defaulted
      ? w('defaulted')
      : [
          input.line === null ? null : `${json.file}:${input.line}`,
          input.origin === null ? null : input.origin,
        ]
          .filter((part) => part !== null)
          .join(', ');
    lines.push(`  ${input.name.padEnd(width)}  ${shown[index]!.padStart(valueWidth)}  ${where}`);
  });

  lines.push('', `${w('steps')}:`);
  json.steps.forEach((step, index) => {
    const result = quantityText(step.value, step.quantity, lang);
    const same = step.substituted === result;
    const parts = [step.name, step.formula, ...(same ? [] : [step.substituted]), result];
    lines.push(`  ${index + 1}. ${parts.join(' = ')}`);
  });

  return `${lines.join('\n')}\n`;
}
