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
  /** Money in whole units, or with up to `digits` decimals (kopecks, cents) where they matter. */
  money(value: number, digits?: number): string;
  /** A share of one shown as a percentage: 0.4567 → 45.7%; more `digits` where they matter. */
  percent(value: number, digits?: number): string;
  /** A plain figure with up to `digits` decimals: ratios, months, weeks, hours. */
  decimal(value: number, digits?: number): string;
  /** Whole things to do, rounded up: 104.2 meetings → 105. */
  count(value: number): string;
  /** An integer as it is: reps, hires, headcount. */
  integer(value: number): string;
}

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

/**
 * `value` to `digits` decimals, rounded up or down rather than to the nearest; a value within
 * float noise of such a figure is that figure (0.135 stays 13.5%, rounded either way).
 */
export function roundToward(value: number, digits: number, toward: 'up' | 'down'): number {
  const scale = 10 ** digits;
  const scaled = value * scale;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) <= WHOLE_TOLERANCE * Math.max(1, Math.abs(scaled))) {
    return nearest / scale;
  }
  return (toward === 'up' ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
}

/**
 * Written by hand rather than with Intl: the first Intl formatter loads ICU's
 * locale data, which costs more than the rest of a plan's start-up. The rules
 * follow CLDR for en and ru: en groups with commas and puts the currency sign
 * first (₽180,000); ru groups with no-break spaces, uses a decimal comma and
 * puts the sign after the figure (180 000 ₽), and spaces the percent sign.
 */
const NBSP = '\u00a0';

const SYMBOLS: Record<string, string> = {
  RUB: '₽',
  USD: '$',
  EUR: '€',
  GBP: '£',
  KZT: '₸',
  UAH: '₴',
  BYN: 'Br',
  CNY: '¥',
  JPY: '¥',
  INR: '₹',
  TRY: '₺',
  GEL: '₾',
  AMD: '֏',
  ILS: '₪',
  KRW: '₩',
  VND: '₫',
  NGN: '₦',
  PHP: '₱',
};

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  ru: { group: NBSP, decimal: ',' },
};

/**
 * Rounds half away from zero on the shortest decimal that reads back as the
 * value, as people and spreadsheets round what they see: 1.005 → 1.01, where
 * toFixed, working on the binary value 1.00499..., gives 1.00.
 */
function roundDecimal(value: number, digits: number): string {
  const text = String(value);
  if (text.includes('e')) {
    return value.toFixed(digits);
  }
  const [whole = '0', fraction = ''] = text.split('.');
  if (fraction.length <= digits) {
    return digits === 0 ? whole : `${whole}.${fraction.padEnd(digits, '0')}`;
  }
  let scaled = BigInt(`${whole}${fraction.slice(0, digits)}`);
  if ((fraction[digits] ?? '0') >= '5') {
    scaled += 1n;
  }
  const padded = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** The number a figure with `digits` decimals shows: `value` rounded as formatNumber rounds it. */
export function roundAsShown(value: number, digits: number): number {
  const rounded = Number(roundDecimal(Math.abs(value), digits));
  return value < 0 ? -rounded : rounded;
}

/** A figure with at most `digits` decimals, trailing zeros dropped, grouped by thousands. */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  const { group, decimal } = SEPARATORS[lang];
  const fixed = roundDecimal(Math.abs(value), digits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${trimmed ? `${decimal}${trimmed}` : ''}`;
}

/** A share of one as a percentage with at most `digits` decimals: 0.4567 → 45.7%. */
export function formatPercent(value: number, lang: Lang, digits = 1): string {
  const figure = formatNumber(value * 100, lang, digits);
  return lang === 'ru' ? `${figure}${NBSP}%` : `${figure}%`;
}

export function formatMoney(value: number, lang: Lang, currency: string, digits = 0): string {
  const figure = formatNumber(value, lang, digits);
  const symbol = SYMBOLS[currency];
  if (lang === 'ru') {
    return `${figure}${NBSP}${symbol ?? currency}`;
  }
  const unsigned = figure.replace(/^-/, '');
  const sign = figure.startsWith('-') ? '-' : '';
  return symbol ? `${sign}${symbol}${unsigned}` : `${sign}${currency}${NBSP}${unsigned}`;
}

/** The plural form Russian needs after a count: 1 флаг, 2 флага, 5 флагов. */
export function russianPlural(count: number): 'one' | 'few' | 'many' {
  const whole = Math.abs(Math.trunc(count));
  if (!Number.isInteger(count)) {
    return 'few';
  }
  const lastTwo = whole % 100;
  const last = whole % 10;
  if (last === 1 && lastTwo !== 11) {
    return 'one';
  }
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) {
    return 'few';
  }
  return 'many';
}

export function createFormatter(lang: Lang, currency: string): Formatter {
  return {
    lang,
    currency,
    money: (value, digits) => formatMoney(value, lang, currency, digits),
    percent: (value, digits) => formatPercent(value, lang, digits ?? 1),
    decimal: (value, digits = 2) => formatNumber(value, lang, digits),
    count: (value) => formatNumber(roundUpCount(value), lang, 0),
    integer: (value) => formatNumber(value, lang, 0),
  };
}

/** Picks the language from a flag, then LC_ALL, LC_MESSAGES and LANG; English otherwise. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'ru' || flag === 'en') {
    return flag;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
