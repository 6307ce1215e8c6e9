/**
 * Number formatting for people. This is the one place where figures are
 * rounded: money to whole units, rates to a tenth of a percent, ratios to two
 * decimals, and counts of things to do up to the next whole thing (half a
 * meeting cannot be held).
 */

export type Lang = 'en' | 'ru';

export interface Formatter {
  lang: Lang;
  currency: string;
  money(value: number): string;
  /** A share of one shown as a percentage: 0.4567 → 45.7%. */
  percent(value: number): string;
  /** A plain figure with up to `digits` decimals: ratios, months, weeks, hours. */
  decimal(value: number, digits?: number): string;
  /** Whole things to do, rounded up: 104.2 meetings → 105. */
  count(value: number): string;
  /** An integer as it is: reps, hires, headcount. */
  integer(value: number): string;
}

const LOCALES: Record<Lang, string> = { en: 'en-US', ru: 'ru-RU' };

/** Tolerance below which a count is taken as whole: 21 / 0.2 is 105, not 106. */
const WHOLE_TOLERANCE = 1e-9;

/** Rounds a count of things up to a whole number, forgiving float noise. */
export function roundUpCount(value: number): number {
  const nearest = Math.round(value);
  if (Math.abs(value - nearest) <= WHOLE_TOLERANCE * Math.max(1, Math.abs(value))) {
    return nearest;
  }
  return Math.ceil(value);
}

export function createFormatter(lang: Lang, currency: string): Formatter {
  const locale = LOCALES[lang];
  const money = moneyFormat(locale, currency);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();

  function decimal(value: number, digits = 2): string {
    let format = decimals.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      decimals.set(digits, format);
    }
    return format.format(value);
  }

  return {
    lang,
    currency,
    money: (value) => money.format(value),
    percent: (value) => percent.format(value),
    decimal,
    count: (value) => integer.format(roundUpCount(value)),
    integer: (value) => integer.format(value),
  };
}

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    });
  } catch {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  }
}

/** Picks the language from a flag, then LC_ALL, LC_MESSAGES and LANG; English otherwise. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'ru' || flag === 'en') {
    return flag;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
