/**
 * GitHub Actions workflow commands: one `::error` per failed check and one
 * `::warning` per warning, placed on the line of the assumption that drives
 * it, so the finding shows inline on the pull request; then a summary line.
 */

import { busiestIndex } from '../calc/capacity.js';
import { keyPlace } from '../input/place.js';
import type { RawDocument } from '../input/yaml.js';
import type { Check, PlanResult, Warning } from '../model/plan.js';
import type { Lang } from './format.js';
import { checksFailed } from './labels.js';
import type { Report } from './report.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  /** Path of the file as the workflow sees it; null when the input came from stdin. */
  file: string | null;
  line: number | null;
  col: number | null;
  title: string;
  message: string;
}

/** Escapes the message of a workflow command: `%`, CR and LF would end or corrupt it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value, where `:` and `,` separate properties as well. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file !== null) {
    properties.push(`file=${escapeProperty(annotation.file)}`);
    if (annotation.line !== null) {
      properties.push(`line=${annotation.line}`);
    }
    if (annotation.col !== null) {
      properties.push(`col=${annotation.col}`);
    }
  }
  properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/** The commands, one a line, then the summary line people read in the log. */
export function renderGithub(annotations: Annotation[], summary: string): string {
  return [...annotations.map(workflowCommand), summary].map((line) => `${line}\n`).join('');
}

type KeyPath = (string | number)[];

/**
 * The assumption that drives a check: the threshold for a threshold check, or
 * the input that moves the figure most. LTV/CAC falls with churn as fast as it
 * rises with margin or check, and churn is the figure teams argue about.
 */
export function checkDriver(check: Check, plan: PlanResult, document: RawDocument): KeyPath {
  switch (check.id) {
    case 'ltv_to_cac':
      return inFile(document, ['thresholds', 'ltv_to_cac_min'])
        ? ['thresholds', 'ltv_to_cac_min']
        : ['churn_monthly'];
    case 'payback_within_contract':
      return ['contract_months'];
    case 'fits_period':
      return ['sales', 'reps'];
    case 'delivery_load':
      return ['delivery', 'roles', Math.max(0, busiestIndex(plan.capacity)), 'headcount'];
    case 'payback_max':
      return ['thresholds', 'payback_months_max'];
    case 'churn_max':
      return ['churn_monthly'];
  }
}

export function warningDriver(warning: Warning): KeyPath {
  switch (warning.id) {
    case 'implied_margin_differs':
      return ['delivery', 'hours_per_client_month'];
    case 'policy_minimum_below_binding':
      return ['minimum_check'];
    case 'average_check_below_minimum':
      return ['average_check'];
  }
}

function inFile(document: RawDocument, path: KeyPath): boolean {
  const place = keyPlace(document, path);
  return place.exact && place.line !== null;
}

interface Place {
  file: string | null;
  line: number | null;
  col: number | null;
  origin: string | null;
}

/** Where a key sits in the file: its key's line, or the nearest enclosing key that is there. */
export function placeOfKey(
  document: Pick<RawDocument, 'file' | 'positions'>,
  path: KeyPath,
): Place {
  const file = document.file === '-' ? null : document.file.replace(/^\.\//, '');
  const { line, col, origin } = keyPlace(document, path);
  return { file, line, col, origin };
}

const WORDS = {
  fails: { en: 'fails the limit', ru: 'не проходит порог' },
  see: { en: 'driven by', ru: 'зависит от' },
  setBy: { en: 'set by', ru: 'задано через' },
  allPassed: { en: 'all {n} checks passed', ru: 'все проверки пройдены ({n})' },
  warnings: { en: 'warnings', ru: 'предупреждений' },
} as const satisfies Record<string, Record<Lang, string>>;

export interface PlanAnnotationsInput {
  report: Report;
  plan: PlanResult;
  document: RawDocument;
}

/** Annotations of a plan: failed checks as errors, warnings as warnings, each on its driver's line. */
export function planAnnotations(input: PlanAnnotationsInput): Annotation[] {
  const { report, plan, document } = input;
  const lang = report.lang;
  const annotations: Annotation[] = [];

  function annotate(level: Annotation['level'], title: string, text: string, path: KeyPath) {
    const place = placeOfKey(document, path);
    const origin = place.origin ? `, ${WORDS.setBy[lang]} ${place.origin}` : '';
    annotations.push({
      level,
      file: place.file,
      line: place.line,
      col: place.col,
      title: `funnel: ${title}`,
      message: `${text} (${WORDS.see[lang]} ${keyName(path, plan)}${origin})`,
    });
  }

  plan.checks.forEach((check, index) => {
    const shown = report.checks[index];
    if (!check.ok && shown) {
      const text = `${shown.label} ${shown.valueText} ${WORDS.fails[lang]} ${shown.limitText}`;
      annotate('error', shown.label, text, checkDriver(check, plan, document));
    }
  });

  plan.warnings.forEach((warning, index) => {
    const message = report.warnings[index]?.message ?? warning.id;
    annotate('warning', warning.id, message, warningDriver(warning));
  });

  return annotations;
}

/** A key as people write it in --set: roles by name (`delivery.roles.account manager.headcount`). */
function keyName(path: KeyPath, plan: PlanResult): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' && path[index - 1] === 'roles'
        ? (plan.capacity[segment]?.role ?? segment)
        : segment,
    )
    .join('.');
}

/** One line for the log: how many checks failed and how many warnings there are. */
export function githubSummary(report: Report): string {
  const lang = report.lang;
  const total = String(report.checks.length);
  const failed = report.checks.filter((check) => !check.ok).length;
  const verdict =
    failed === 0
      ? WORDS.allPassed[lang].replace('{n}', total)
      : checksFailed(failed, report.checks.length, lang);
  return `funnel: ${verdict}; ${WORDS.warnings[lang]}: ${report.warnings.length}`;
}
