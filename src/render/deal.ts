import { Chalk } from 'chalk';
import type { DealCheck, DealReason, DealResult, RedFlag, Verdict } from '../model/deal.js';
import type { BindingMinimum, CacSource } from '../model/plan.js';
import { russianPlural, type Formatter, type Lang } from './format.js';
import { figuresApart } from './report.js';
import { createTable } from './table.js';

/** One reason for a salesperson, in the formatter's language. */
export function reasonMessage(reason: DealReason, fmt: Formatter): string {
  const ru = fmt.lang === 'ru';
  const hours = (value: number) => `${fmt.decimal(value, 1)} ${ru ? 'ч' : 'h'}`;
  const months = (value: number) => fmt.decimal(value);

  switch (reason.id) {
    case 'red_flags_reject': {
      const { count, rejectAt, flags } = reason.values;
      const list = flags.map((flag) => flagText(flag, fmt.lang)).join('; ');
      return ru
        ? `${count} ${redFlagsWordRu(count)} (${list}): от ${rejectAt} сделка отклоняется`
        : `${count} red flags (${list}): ${rejectAt} or more reject the lead`;
    }
    case 'red_flag': {
      const { rejectAt } = reason.values;
      return ru
        ? `красный флаг: ${flagText(reason.values, 'ru')} — один можно компенсировать, ` +
            `${rejectAt} — отказ; обсудите до КП`
        : `red flag: ${flagText(reason.values, 'en')}; one can be compensated, ` +
            `${rejectAt} reject the lead: settle it before quoting`;
    }
    case 'below_minimum_check': {
      const { check, minimum, binding, grossMargin, cac } = reason.values;
      // A price a few kopecks short would read as equal to the minimum in whole units.
      const [price, floor] = figuresApart(check, minimum, 'money', fmt);
      const h = hours(reason.values.hours);
      if (binding === 'margin') {
        return ru
          ? `цена ${price} ниже минимума ${floor} для ${h} при марже ${fmt.percent(grossMargin)}`
          : `price ${price} is below the minimum ${floor} for ${h} at ` +
              `${fmt.percent(grossMargin)} margin`;
      }
      return ru
        ? `цена ${price} ниже минимума ${floor} для ${h}, ` +
            `чтобы окупить CAC ${fmt.money(cac)} за ${months(reason.values.months)} мес.`
        : `price ${price} is below the minimum ${floor} for ${h} to earn back ` +
            `CAC ${fmt.money(cac)} in ${months(reason.values.months)} months`;
    }
    case 'no_gross_profit': {
      const { check, directCost } = reason.values;
      const h = hours(reason.values.hours);
      return ru
        ? `цена ${fmt.money(check)} не покрывает прямые затраты ${fmt.money(directCost)} ` +
            `на ${h}: валовой прибыли нет, CAC не окупится`
        : `price ${fmt.money(check)} does not cover the direct cost ` +
            `${fmt.money(directCost)} of ${h}: no gross profit, CAC never pays back`;
    }
    case 'payback_beyond_contract': {
      const { paybackMonths, cac } = reason.values;
      return ru
        ? `CAC ${fmt.money(cac)} окупается за ${months(paybackMonths)} мес. — ` +
            `дольше контракта на ${months(reason.values.months)} мес.`
        : `CAC ${fmt.money(cac)} pays back in ${months(paybackMonths)} months, ` +
            `longer than the ${months(reason.values.months)}-month contract`;
    }
    case 'ltv_to_cac_low': {
      const { ltvToCac, minimum, ltv, cac } = reason.values;
      const figures = `LTV ${fmt.money(ltv)}, CAC ${fmt.money(cac)}`;
      return ru
        ? `LTV/CAC ${fmt.decimal(ltvToCac)} ниже ${fmt.decimal(minimum)} (${figures})`
        : `LTV/CAC ${fmt.decimal(ltvToCac)} is under ${fmt.decimal(minimum)} (${figures})`;
    }
    case 'role_over_capacity': {
      const { role, load, maxLoad } = reason.values;
      return ru
        ? `загрузка «${role}» с этим клиентом — ${fmt.percent(load)}, выше потолка ` +
            `${fmt.percent(maxLoad)}: приостановите продажи или наймите людей`
        : `${role} load goes to ${fmt.percent(load)} with this client, over the ` +
            `${fmt.percent(maxLoad)} ceiling: pause sales or hire`;
    }
    case 'price_above_minimum': {
      const { check, minimum, gap, gapShare } = reason.values;
      const h = hours(reason.values.hours);
      if (fmt.money(check) === fmt.money(minimum)) {
        return ru
          ? `цена ${fmt.money(check)} равна минимуму для ${h}`
          : `price ${fmt.money(check)} is exactly the minimum for ${h}`;
      }
      const above = `${fmt.money(gap)} (${fmt.percent(gapShare)})`;
      return ru
        ? `цена ${fmt.money(check)} выше минимума ${fmt.money(minimum)} для ${h} на ${above}`
        : `price ${fmt.money(check)} is ${above} above the minimum ${fmt.money(minimum)} ` +
            `for ${h}`;
    }
    case 'payback_within_contract': {
      const { paybackMonths, cac } = reason.values;
      return ru
        ? `CAC ${fmt.money(cac)} окупается за ${months(paybackMonths)} мес. — ` +
            `в пределах контракта на ${months(reason.values.months)} мес.`
        : `CAC ${fmt.money(cac)} pays back in ${months(paybackMonths)} months, ` +
            `within the ${months(reason.values.months)}-month contract`;
    }
    case 'ltv_to_cac_ok': {
      const { ltvToCac, minimum } = reason.values;
      return ru
        ? `LTV/CAC ${fmt.decimal(ltvToCac)} — не ниже ${fmt.decimal(minimum)}`
        : `LTV/CAC ${fmt.decimal(ltvToCac)}, at least ${fmt.decimal(minimum)}`;
    }
    case 'no_red_flags': {
      const { required } = reason.values;
      if (required === 0) return ru ? 'красных флагов нет' : 'no red flags';
      return ru
        ? `красных флагов нет, все требования выполнены (${required})`
        : `no red flags: all ${required} requirements met`;
    }
    case 'capacity_ok': {
      const { role, load, maxLoad } = reason.values;
      return ru
        ? `мощности хватает: самая загруженная роль «${role}» — ${fmt.percent(load)} ` +
            `с этим клиентом, потолок ${fmt.percent(maxLoad)}`
        : `delivery has room: the busiest role, ${role}, is at ${fmt.percent(load)} ` +
            `with this client, ceiling ${fmt.percent(maxLoad)}`;
    }
  }
}

/** A red flag as a salesperson reads it: its name, or what is missing. */
export function flagText(flag: RedFlag, lang: Lang): string {
  if (flag.kind === 'flag') return flag.flag;
  return lang === 'ru' ? `нет: ${flag.flag}` : `missing: ${flag.flag}`;
}

function redFlagsWordRu(count: number): string {
  const form = russianPlural(count);
  if (form === 'one') return 'красный флаг';
  if (form === 'few') return 'красных флага';
  return 'красных флагов';
}

/** A reason in JSON: its id, verdict and message, then its values in snake_case. */
export type ReasonJson = { id: string; verdict: Verdict; message: string } & Record<
  string,
  unknown
>;

/** A deal check in the JSON contract: its fields as the model names them, none added. */
type CheckJson = Pick<DealCheck, 'id' | 'role' | 'value' | 'limit' | 'comparison' | 'ok'>;

export interface DealJson {
  name: string | null;
  verdict: Verdict;
  reasons: ReasonJson[];
  checks: CheckJson[];
  check: number;
  hours: number;
  months: number;
  direct_cost: number;
  gross_margin: number;
  target_gross_margin: number;
  gross_profit_per_month: number;
  cac: number;
  cac_source: CacSource;
  /** null: there is no gross profit, so CAC never pays back. */
  payback_months: number | null;
  lifetime_months: number;
  ltv: number;
  ltv_to_cac: number | null;
  minimum_check_for_margin: number;
  minimum_check_for_cac: number;
  minimum_check: number;
  binding_minimum: BindingMinimum;
  price_gap: number;
  price_gap_share: number | null;
  hours_budget: number;
  red_flags: RedFlag[];
  capacity: {
    role: string;
    clients: number;
    capacity: number;
    load: number;
    max_load: number;
    ok: boolean;
  }[];
}

/**
 * The public JSON of one checked deal. Figures are unrounded, as computed;
 * messages are in the formatter's language.
 */
export function dealToJson(result: DealResult, fmt: Formatter): DealJson {
  return {
    name: result.deal.name,
    verdict: result.verdict,
    reasons: result.reasons.map((reason) => ({
      id: reason.id,
      verdict: reason.verdict,
      message: reasonMessage(reason, fmt),
      ...snakeKeys(reason.values),
    })),
    // Copied field by field: the JSON contract is these six, whatever else a check gains.
    checks: result.checks.map(({ id, role, value, limit, comparison, ok }) => ({
      id,
      role,
      value,
      limit,
      comparison,
      ok,
    })),
    check: result.deal.check,
    hours: result.deal.hours,
    months: result.deal.months,
    direct_cost: result.directCost,
    gross_margin: result.grossMargin,
    target_gross_margin: result.targetGrossMargin,
    gross_profit_per_month: result.grossProfitPerMonth,
    cac: result.cac,
    cac_source: result.cacSource,
    payback_months: result.paybackMonths,
    lifetime_months: result.lifetimeMonths,
    ltv: result.ltv,
    ltv_to_cac: result.ltvToCac,
    minimum_check_for_margin: result.minimumCheckForMargin,
    minimum_check_for_cac: result.minimumCheckForCac,
    minimum_check: result.minimumCheck,
    binding_minimum: result.bindingMinimum,
    price_gap: result.priceGap,
    price_gap_share: result.priceGapShare,
    hours_budget: result.hoursBudget,
    red_flags: result.redFlags.map(({ flag, kind }) => ({ flag, kind })),
    capacity: result.capacity.map((role) => ({
      role: role.role,
      clients: role.clients,
      capacity: role.capacity,
      load: role.load,
      max_load: role.maxLoad,
      ok: role.ok,
    })),
  };
}

function snakeKeys(values: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      value,
    ]),
  );
}

export const VERDICT_WORDS: Record<Lang, Record<Verdict, string>> = {
  en: { ACCEPT: 'ACCEPT', REVIEW: 'REVIEW', REJECT: 'REJECT' },
  ru: { ACCEPT: 'ПРИНЯТЬ', REVIEW: 'ОБСУДИТЬ', REJECT: 'ОТКЛОНИТЬ' },
};

/** Words of the deal table and the pipeline rows, shared with the report formats. */
export const DEAL_LABELS = {
  en: {
    deal: 'deal',
    check: 'check',
    hours: 'hours a month',
    months: 'contract, months',
    directCost: 'direct cost',
    grossMargin: 'gross margin at this price',
    grossProfit: 'gross profit a month',
    minimumForMargin: 'minimum check for the margin',
    minimumForCac: 'minimum check for CAC',
    priceGap: 'price vs. minimum',
    hoursBudget: 'hours budget at this price',
    cac: 'CAC',
    payback: 'payback, months',
    never: 'never',
    ltv: 'LTV',
    ltvToCac: 'LTV/CAC',
    redFlags: 'red flags',
    none: 'none',
    load: (role: string) => `load: ${role}`,
    binding: 'binding',
    name: 'name',
    margin: 'margin',
    flags: 'flags',
    verdict: 'verdict',
  },
  ru: {
    deal: 'сделка',
    check: 'чек',
    hours: 'часов в месяц',
    months: 'контракт, мес.',
    directCost: 'прямые затраты',
    grossMargin: 'валовая маржа при этой цене',
    grossProfit: 'валовая прибыль в месяц',
    minimumForMargin: 'минимальный чек по марже',
    minimumForCac: 'минимальный чек по CAC',
    priceGap: 'цена против минимума',
    hoursBudget: 'бюджет часов при этой цене',
    cac: 'CAC',
    payback: 'окупаемость, мес.',
    never: 'никогда',
    ltv: 'LTV',
    ltvToCac: 'LTV/CAC',
    redFlags: 'красные флаги',
    none: 'нет',
    load: (role: string) => `загрузка: ${role}`,
    binding: 'определяет',
    name: 'название',
    margin: 'маржа',
    flags: 'флаги',
    verdict: 'вердикт',
  },
} as const;

function painter(color: boolean) {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return (verdict: Verdict, text: string): string => {
    if (verdict === 'ACCEPT') return chalk.green(text);
    if (verdict === 'REVIEW') return chalk.yellow(text);
    return chalk.red(text);
  };
}

export function paybackText(result: DealResult, fmt: Formatter): string {
  if (result.paybackMonths === null) return DEAL_LABELS[fmt.lang].never;
  return fmt.decimal(result.paybackMonths);
}

/** A figure with its sign in front, none when it rounds to zero: +₽45,455, −24 545 ₽. */
function signed(value: number, format: (magnitude: number) => string): string {
  const text = format(Math.abs(value));
  if (text === format(0)) return text;
  return value < 0 ? `−${text}` : `+${text}`;
}

/**
 * One deal for a person: the verdict line (coloured when color is true), a table
 * of its figures, then one line per reason.
 */
export function renderDealTable(result: DealResult, fmt: Formatter, color: boolean): string {
  const labels = DEAL_LABELS[fmt.lang];
  const paint = painter(color);
  const binding = `(${labels.binding})`;

  const verdict = VERDICT_WORDS[fmt.lang][result.verdict];
  const title = result.deal.name === null ? verdict : `${verdict}: ${result.deal.name}`;

  const table = createTable({ color, alignRight: [1] });
  const gapShare =
    result.priceGapShare === null ? '' : ` (${signed(result.priceGapShare, fmt.percent)})`;
  const rows: [string, string][] = [
    [labels.check, fmt.money(result.deal.check)],
    [labels.hours, fmt.decimal(result.deal.hours, 1)],
    [labels.months, fmt.decimal(result.deal.months)],
    [labels.directCost, fmt.money(result.directCost)],
    [labels.grossMargin, fmt.percent(result.grossMargin)],
    [labels.grossProfit, fmt.money(result.grossProfitPerMonth)],
    [
      labels.minimumForMargin,
      fmt.money(result.minimumCheckForMargin) +
        (result.bindingMinimum === 'margin' ? ` ${binding}` : ''),
    ],
    [
      labels.minimumForCac,
      fmt.money(result.minimumCheckForCac) + (result.bindingMinimum === 'cac' ? ` ${binding}` : ''),
    ],
    // A gap of kopecks shows them, rather than a ₽0 that hides which side of the minimum it is.
    [
      labels.priceGap,
      signed(result.priceGap, (gap) => figuresApart(gap, 0, 'money', fmt)[0]) + gapShare,
    ],
    [labels.hoursBudget, fmt.decimal(result.hoursBudget, 1)],
    [labels.cac, fmt.money(result.cac)],
    [labels.payback, paybackText(result, fmt)],
    [labels.ltv, fmt.money(result.ltv)],
    [labels.ltvToCac, ltvToCacText(result, fmt)],
    [
      labels.redFlags,
      result.redFlags.length === 0
        ? labels.none
        : result.redFlags.map((flag) => flagText(flag, fmt.lang)).join('\n'),
    ],
    ...result.capacity.map((role): [string, string] => [
      labels.load(role.role),
      `${fmt.percent(role.load)} / ${fmt.percent(role.maxLoad)}`,
    ]),
  ];
  rows.forEach((row) => table.push(row));

  const reasons = result.reasons.map(
    (reason) => `${paint(reason.verdict, '•')} ${reasonMessage(reason, fmt)}`,
  );

  return [paint(result.verdict, title), table.toString(), ...reasons].join('\n') + '\n';
}

/** LTV/CAC as a figure; a dash when there is no CAC to earn back. */
export function ltvToCacText(result: DealResult, fmt: Formatter): string {
  return result.ltvToCac === null ? '—' : fmt.decimal(result.ltvToCac);
}

/** The columns of a pipeline row that hold figures: check to flags. */
export const PIPELINE_FIGURES = [1, 2, 3, 4, 5];

/** The headings of a pipeline row: name, check, margin, payback, LTV/CAC, flags, verdict. */
export function pipelineHead(lang: Lang): string[] {
  const labels = DEAL_LABELS[lang];
  return [
    labels.name,
    labels.check,
    labels.margin,
    labels.payback,
    labels.ltvToCac,
    labels.flags,
    labels.verdict,
  ];
}

/**
 * One deal as a pipeline row under `pipelineHead`. The name and the verdict are
 * given as each format writes them (a number for an unnamed deal, a colour or an icon).
 */
export function pipelineRow(
  result: DealResult,
  fmt: Formatter,
  name: string,
  verdict: string,
): string[] {
  return [
    name,
    fmt.money(result.deal.check),
    fmt.percent(result.grossMargin),
    paybackText(result, fmt),
    ltvToCacText(result, fmt),
    fmt.integer(result.redFlags.length),
    verdict,
  ];
}

/**
 * Many deals, one row each, for a pipeline review: name, check, margin at the
 * price, payback, LTV/CAC, red flags and verdict.
 */
export function renderDealRows(results: DealResult[], fmt: Formatter, color = false): string {
  const paint = painter(color);
  const table = createTable({ color, alignRight: PIPELINE_FIGURES, head: pipelineHead(fmt.lang) });

  results.forEach((result, index) => {
    const verdict = paint(result.verdict, VERDICT_WORDS[fmt.lang][result.verdict]);
    table.push(pipelineRow(result, fmt, result.deal.name ?? `#${index + 1}`, verdict));
  });

  return table.toString() + '\n';
}
