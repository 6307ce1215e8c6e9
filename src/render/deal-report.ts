/**
 * Checked deals as reports: each deal a `Report` (its figures and checks)
 * with its verdict and reasons, so the markdown, CSV and GitHub formats of
 * `check-deal` read the same list of figures as those of `plan`.
 */

import { normalizeName } from '../calc/qualification.js';
import type { DealPlace } from '../input/deal.js';
import type { Assumptions } from '../model/assumptions.js';
import type { DealCheck, DealCheckId, DealReason, DealResult, Verdict } from '../model/deal.js';
import { capitalise } from '../text/case.js';
import { csvCell, csvRecords, csvText, CSV_HEADER } from './csv.js';
import {
  DEAL_LABELS,
  PIPELINE_FIGURES,
  pipelineHead,
  pipelineRow,
  reasonMessage,
  VERDICT_WORDS,
} from './deal.js';
import type { Formatter, Lang } from './format.js';
import { placeOfKey, renderGithub, type Annotation } from './github.js';
import { label } from './labels.js';
import { checksMarkdown, markdownCell, sectionMarkdown, tableOf } from './markdown.js';
import {
  checkTexts,
  figureText,
  figuresApart,
  type FigureUnit,
  type Report,
  type ReportCheck,
  type ReportSection,
} from './report.js';

/** A deal as `check-deal` checked it, and where it came from. */
export interface CheckedDeal {
  /** A file, `file#2` in a list, or `flags`. */
  origin: string;
  /** Where its fields sit in its file; absent for a deal given by flags alone. */
  place?: DealPlace;
  result: DealResult;
}

export interface DealReport extends Report {
  /** The checked deal the report is made from. */
  result: DealResult;
  /** The client's name; the origin when the deal has none; null for an unnamed deal from flags. */
  name: string | null;
  origin: string;
  verdict: Verdict;
  reasons: { id: DealReason['id']; verdict: Verdict; message: string }[];
}

const WORDS = {
  deal: { en: 'Deal', ru: 'Сделка' },
  target_gross_margin: { en: 'Target gross margin', ru: 'Целевая валовая маржа' },
  price_gap_share: { en: 'Price vs. minimum, share', ru: 'Цена против минимума, доля' },
  clients: { en: 'Clients with the deal', ru: 'Клиентов со сделкой' },
  max_load: { en: 'Load ceiling', ru: 'Потолок загрузки' },
  check_minimum_check: { en: 'Price at least the minimum', ru: 'Цена не ниже минимума' },
  check_red_flags: { en: 'Red flags', ru: 'Красные флаги' },
  pipeline: { en: 'Pipeline', ru: 'Воронка сделок' },
  deals: { en: 'deals', ru: 'сделок' },
  field: { en: 'field', ru: 'поле' },
  set_by: { en: 'set by', ru: 'задано через' },
} as const satisfies Record<string, Record<Lang, string>>;

const VERDICT_ICONS: Record<Verdict, string> = { ACCEPT: '✅', REVIEW: '⚠️', REJECT: '❌' };

const VERDICTS: Verdict[] = ['ACCEPT', 'REVIEW', 'REJECT'];

/** One deal as a report: the figures of its JSON under the same keys, and its checks. */
export function dealReport(
  checked: CheckedDeal,
  assumptions: Assumptions,
  fmt: Formatter,
): DealReport {
  const { result, origin } = checked;
  const lang = fmt.lang;
  const words = DEAL_LABELS[lang];
  const w = (id: keyof typeof WORDS) => WORDS[id][lang];

  function section(id: string, title: string, itemLabel: string | null = null): ReportSection {
    return { id, title, itemLabel, figures: [] };
  }
  function add(
    into: ReportSection,
    key: string,
    name: string,
    value: number | null,
    unit: FigureUnit,
    item: string | null = null,
    /** A value the figure must not read as equal to unless it is: the gap's 0. */
    apartFrom: number | null = null,
  ): void {
    if (value !== null && Number.isFinite(value)) {
      const text =
        apartFrom === null
          ? figureText(value, unit, fmt)
          : figuresApart(value, apartFrom, unit, fmt)[0];
      into.figures.push({ key, item, label: capitalise(name), value, unit, text });
    }
  }

  const deal = section('deal', w('deal'));
  add(deal, 'check', words.check, result.deal.check, 'money');
  add(deal, 'hours', words.hours, result.deal.hours, 'hours');
  add(deal, 'months', words.months, result.deal.months, 'months');
  add(deal, 'direct_cost', words.directCost, result.directCost, 'money');
  add(deal, 'gross_margin', words.grossMargin, result.grossMargin, 'share');
  add(deal, 'target_gross_margin', w('target_gross_margin'), result.targetGrossMargin, 'share');
  add(deal, 'gross_profit_per_month', words.grossProfit, result.grossProfitPerMonth, 'money');

  const pricing = section('pricing', label('pricing', lang));
  add(
    pricing,
    'minimum_check_for_margin',
    words.minimumForMargin,
    result.minimumCheckForMargin,
    'money',
  );
  add(pricing, 'minimum_check_for_cac', words.minimumForCac, result.minimumCheckForCac, 'money');
  add(pricing, 'minimum_check', label('minimum_check', lang), result.minimumCheck, 'money');
  add(pricing, 'price_gap', words.priceGap, result.priceGap, 'money', null, 0);
  add(pricing, 'price_gap_share', w('price_gap_share'), result.priceGapShare, 'share');
  add(pricing, 'hours_budget', words.hoursBudget, result.hoursBudget, 'hours');

  const unit = section('unit_economics', label('unit_economics', lang));
  add(unit, 'cac', words.cac, result.cac, 'money');
  add(unit, 'payback_months', label('payback_months', lang), result.paybackMonths, 'months');
  add(unit, 'lifetime_months', label('lifetime_months', lang), result.lifetimeMonths, 'months');
  add(unit, 'ltv', words.ltv, result.ltv, 'money');
  add(unit, 'ltv_to_cac', words.ltvToCac, result.ltvToCac, 'ratio');

  const capacity = section('capacity', label('capacity', lang), label('role', lang));
  for (const role of result.capacity) {
    const key = `capacity.${role.role}`;
    add(capacity, `${key}.clients`, w('clients'), role.clients, 'clients', role.role);
    add(
      capacity,
      `${key}.capacity`,
      label('capacity_clients', lang),
      role.capacity,
      'clients',
      role.role,
    );
    add(capacity, `${key}.load`, label('load', lang), role.load, 'share', role.role);
    add(capacity, `${key}.max_load`, w('max_load'), role.maxLoad, 'share', role.role);
  }

  const name = result.deal.name ?? (origin === 'flags' ? null : origin);
  const verdict = VERDICT_WORDS[lang][result.verdict];
  return {
    title: name === null ? verdict : `${verdict}: ${name}`,
    lang,
    currency: assumptions.currency,
    ok: result.verdict !== 'REJECT',
    sections: [deal, pricing, unit, capacity].filter((entry) => entry.figures.length > 0),
    checks: dealChecks(result, fmt),
    warnings: [],
    result,
    name,
    origin,
    verdict: result.verdict,
    reasons: result.reasons.map((reason) => ({
      id: reason.id,
      verdict: reason.verdict,
      message: reasonMessage(reason, fmt),
    })),
  };
}

const DEAL_CHECK_UNITS: Record<DealCheckId, FigureUnit> = {
  minimum_check: 'money',
  payback_within_contract: 'months',
  ltv_to_cac: 'ratio',
  red_flags: 'count',
  load: 'share',
};

/**
 * The deal's checks with their labels and texts. A check without a figure (a
 * payback that never comes) shows a dash, passed or failed as the verdict reads it.
 */
function dealChecks(result: DealResult, fmt: Formatter): ReportCheck[] {
  const lang = fmt.lang;
  const name = (check: DealCheck): string => {
    switch (check.id) {
      case 'minimum_check':
        return WORDS.check_minimum_check[lang];
      case 'payback_within_contract':
        return label('check_payback_within_contract', lang);
      case 'ltv_to_cac':
        return label('check_ltv_to_cac', lang);
      case 'red_flags':
        return WORDS.check_red_flags[lang];
      case 'load':
        return `${label('load', lang)}: ${check.role}`;
    }
  };

  return result.checks.flatMap((check): ReportCheck[] => {
    const { value, limit, comparison, ok } = check;
    if ((value !== null && !Number.isFinite(value)) || !Number.isFinite(limit)) {
      return [];
    }
    const unit = DEAL_CHECK_UNITS[check.id];
    const texts = checkTexts(value, limit, comparison, unit, fmt);
    return [
      {
        id: check.id === 'load' ? `load.${check.role}` : check.id,
        label: name(check),
        ok,
        value,
        limit,
        comparison,
        unit,
        valueText: texts.value,
        limitText: texts.limit,
        gate: null,
      },
    ];
  });
}

/** The worst verdict of the deals: one REJECT makes the pipeline REJECT. */
function worstVerdict(reports: DealReport[]): Verdict {
  return reports.reduce<Verdict>(
    (worst, report) =>
      VERDICTS.indexOf(report.verdict) > VERDICTS.indexOf(worst) ? report.verdict : worst,
    'ACCEPT',
  );
}

function verdictCounts(reports: DealReport[], lang: Lang): string {
  return VERDICTS.map(
    (verdict) =>
      `${reports.filter((report) => report.verdict === verdict).length} ${VERDICT_WORDS[lang][verdict]}`,
  ).join(', ');
}

function dealMarkdown(report: DealReport, level: number): string {
  const parts: string[] = [];
  parts.push(`${'#'.repeat(level)} ${VERDICT_ICONS[report.verdict]} ${markdownCell(report.title)}`);
  if (report.origin !== 'flags' && report.origin !== report.name) {
    parts.push(`\`${report.origin.replace(/`/g, "'")}\``);
  }
  parts.push(
    report.reasons
      .map((reason) => `- ${VERDICT_ICONS[reason.verdict]} ${markdownCell(reason.message)}`)
      .join('\n'),
  );
  if (report.checks.length > 0) {
    parts.push(checksMarkdown(report.checks, report.lang, level + 1));
  }
  for (const section of report.sections) {
    parts.push(sectionMarkdown(section, report.lang, level + 1));
  }
  return parts.join('\n\n');
}

/**
 * Deals as markdown. One deal: its verdict heading, reasons, checks and figures.
 * Several: a pipeline table, one row a deal, then each deal as above.
 */
export function renderDealsMarkdown(
  reports: DealReport[],
  fmt: Formatter,
  single: boolean,
): string {
  const only = reports[0];
  if (single && only) {
    return `${dealMarkdown(only, 2)}\n`;
  }

  const lang = fmt.lang;
  const rows = reports.map((report, index) => {
    const verdict = `${VERDICT_ICONS[report.verdict]} ${VERDICT_WORDS[lang][report.verdict]}`;
    return pipelineRow(report.result, fmt, report.name ?? `#${index + 1}`, verdict);
  });
  const head = pipelineHead(lang).map((word) => capitalise(word));
  const heading =
    `## ${VERDICT_ICONS[worstVerdict(reports)]} ${WORDS.pipeline[lang]}: ` +
    `${reports.length} ${WORDS.deals[lang]} (${verdictCounts(reports, lang)})`;
  const align = head.map((_, column) => (PIPELINE_FIGURES.includes(column) ? 'right' : 'left'));
  const table = tableOf(head, align, rows);

  return `${[heading, table, ...reports.map((report) => dealMarkdown(report, 3))].join('\n\n')}\n`;
}

/** Deals as CSV: plan's columns after a `deal` column, one row per figure and check of each deal. */
export function renderDealsCsv(reports: DealReport[]): string {
  const records = reports.flatMap((report) =>
    csvRecords(report).map((record) => [csvCell(report.name ?? report.origin), ...record]),
  );
  return csvText([['deal', ...CSV_HEADER], ...records]);
}

type KeyPath = (string | number)[];

/** The field of the deal behind a reason, as a path inside the deal; null for the deal itself. */
function reasonField(
  reason: DealReason,
  place: DealPlace,
): { path: KeyPath | null; flag: string | null } {
  const fromFlags = (field: DealPlace['fromFlags'][number]) => place.fromFlags.includes(field);
  const field = (name: 'check' | 'hours' | 'months') => ({
    path: fromFlags(name) ? null : [name],
    flag: fromFlags(name) ? `--${name}` : null,
  });
  const flagItem = (flag: string) => {
    const index = place.flags.findIndex(
      (written) => normalizeName(written) === normalizeName(flag),
    );
    return index >= 0 ? { path: ['flags', index], flag: null } : { path: null, flag: '--flag' };
  };

  switch (reason.id) {
    case 'below_minimum_check':
    case 'no_gross_profit':
    case 'ltv_to_cac_low':
      return field('check');
    case 'payback_beyond_contract':
      return field('months');
    case 'red_flag':
      return reason.values.kind === 'flag'
        ? flagItem(reason.values.flag)
        : { path: ['has'], flag: null };
    case 'red_flags_reject': {
      const written = reason.values.flags.find(
        (flag) =>
          flag.kind === 'flag' &&
          place.flags.some((name) => normalizeName(name) === normalizeName(flag.flag)),
      );
      if (written) {
        return flagItem(written.flag);
      }
      return reason.values.flags.some((flag) => flag.kind === 'missing_requirement')
        ? { path: ['has'], flag: null }
        : { path: null, flag: '--flag' };
    }
    case 'role_over_capacity': {
      const index = (place.roles ?? []).findIndex(
        (role) => normalizeName(role) === normalizeName(reason.values.role),
      );
      return index >= 0 ? { path: ['roles', index], flag: null } : { path: null, flag: null };
    }
    default:
      return { path: null, flag: null };
  }
}

/** Where the deal starts: its list item, or the first key of a deal file. */
function dealStart(place: DealPlace): { line: number | null; col: number | null } {
  const item = place.positions.get(place.prefix.join('.'));
  if (item && place.prefix.length > 0) {
    return item.value;
  }
  let first: { line: number; col: number } | null = null;
  for (const [key, located] of place.positions) {
    const where = located.key ?? located.value;
    if (key !== '' && !key.includes('.') && (first === null || where.line < first.line)) {
      first = where;
    }
  }
  return first ?? { line: null, col: null };
}

/**
 * One `::error` per REJECT reason and one `::warning` per REVIEW reason, on the
 * line of the deal field that drives it; a deal from flags has no line to show.
 */
export function dealAnnotations(checked: CheckedDeal[], reports: DealReport[]): Annotation[] {
  const annotations: Annotation[] = [];

  checked.forEach(({ place, result }, index) => {
    const report = reports[index] as DealReport;
    const lang = report.lang;
    result.reasons.forEach((reason, reasonIndex) => {
      if (reason.verdict === 'ACCEPT') {
        return;
      }
      const level = reason.verdict === 'REJECT' ? 'error' : 'warning';
      const title = `funnel: ${report.title}`;
      const message = report.reasons[reasonIndex]?.message ?? reason.id;
      if (!place) {
        annotations.push({ level, file: null, line: null, col: null, title, message });
        return;
      }

      const driver = reasonField(reason, place);
      const located = driver.path ? placeOfKey(place, [...place.prefix, ...driver.path]) : null;
      const where = located && located.line !== null ? located : dealStart(place);
      const file = placeOfKey(place, []).file;
      const note = driver.flag
        ? ` (${WORDS.set_by[lang]} ${driver.flag})`
        : driver.path
          ? ` (${WORDS.field[lang]} ${driver.path[0]})`
          : '';
      annotations.push({
        level,
        file,
        line: where.line,
        col: where.col,
        title,
        message: `${message}${note}`,
      });
    });
  });

  return annotations;
}

/** The commands, then one line for the log: how many deals got each verdict. */
export function renderDealsGithub(checked: CheckedDeal[], reports: DealReport[], lang: Lang) {
  const count = reports.length;
  // Russian puts the count after the word, so only English needs the singular.
  const noun = count === 1 && lang === 'en' ? DEAL_LABELS.en.deal : WORDS.deals[lang];
  const summary =
    lang === 'en'
      ? `funnel: ${count} ${noun} checked: ${verdictCounts(reports, lang)}`
      : `funnel: проверено ${noun}: ${count} — ${verdictCounts(reports, lang)}`;
  return renderGithub(dealAnnotations(checked, reports), summary);
}
