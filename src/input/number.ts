/**
 * Numbers as people write them in an assumptions file: `180000`, `180 000`,
 * `180_000`, `180k`, `18M`, `18 млн`, `180 000 ₽`, `1,5%`, `0.45`, and
 * ranges such as `1.5%..2%` or `12..15` for uncertain inputs.
 */

import { pointValue } from '../calc/random.js';
import type { Distribution } from '../model/uncertainty.js';

export type NumberKind =
  /** An amount of money: no sign, suffixes and currency signs allowed. */
  | 'money'
  /** A share of one: `45%` or `0.45`; a bare number above 1 is an error. */
  | 'rate'
  /** A plain quantity: hours, months, attempts, a ratio such as 3. */
  | 'quantity'
  /** A whole number: reps, headcount, days. */
  | 'whole';

export interface ParsedNumber {
  /** The point value the plan uses. */
  value: number;
  /** Set when the user wrote a range. */
  range: { low: number; high: number; mode: number | null; distribution: Distribution } | null;
}

export type NumberParse = { ok: true; number: ParsedNumber } | Failure;

const SUFFIXES: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  тыс: 1e3,
  т: 1e3,
  m: 1e6,
  M: 1e6,
  mln: 1e6,
  млн: 1e6,
  bn: 1e9,
  B: 1e9,
  млрд: 1e9,
};

const CURRENCY_SIGNS: Record<string, string> = {
  '₽': 'RUB',
  руб: 'RUB',
  'руб.': 'RUB',
  'р.': 'RUB',
  р: 'RUB',
  rub: 'RUB',
  RUB: 'RUB',
  $: 'USD',
  USD: 'USD',
  '€': 'EUR',
  EUR: 'EUR',
  '£': 'GBP',
  GBP: 'GBP',
  '₸': 'KZT',
  KZT: 'KZT',
};

/** The currency signs and words by their lower case: `Rub`, `РУБ.` and `usd` are read too. */
const CURRENCY_BY_SIGN = new Map(
  Object.entries(CURRENCY_SIGNS).map(([sign, code]) => [sign.toLowerCase(), code]),
);

const EXAMPLE_HINTS: Record<NumberKind, string> = {
  money: 'write an amount such as 180000, 180 000 or 180k',
  rate: 'write a share such as 45% or 0.45',
  quantity: 'write a number such as 48 or 2.5',
  whole: 'write a whole number such as 5',
};

const DISTRIBUTIONS: readonly Distribution[] = ['uniform', 'triangular', 'lognormal'];

/** Below this a positive figure is a typo, and 1 / it would overflow to Infinity. */
const SMALLEST_MEANINGFUL = 1e-9;

/** Largest integer a double holds exactly; larger money figures would silently lose units. */
const LARGEST_EXACT = Number.MAX_SAFE_INTEGER;

interface Failure {
  ok: false;
  message: string;
  hint: string | null;
}

function fail(message: string, hint: string | null = null): Failure {
  return { ok: false, message, hint };
}

/**
 * Parses one value of the given kind. `currency` is the file's currency: a
 * money value that carries another currency's sign is an error, not a
 * silent conversion.
 */
export function parseNumber(raw: string | number, kind: NumberKind, currency = 'RUB'): NumberParse {
  if (typeof raw === 'number') {
    return finish(raw, raw > 1 && kind === 'rate', kind, String(raw));
  }

  const text = raw.trim();
  if (text === '') {
    return fail('the value is empty', 'write a number or delete the key to use its default');
  }
  if (text.includes('..')) {
    return parseRange(text, kind, currency);
  }

  const single = parseSingle(text, kind, currency);
  if (!single.ok) {
    return single;
  }
  return finish(single.value, single.bareAboveOne, kind, text);
}

function finish(
  value: number,
  bareAboveOne: boolean,
  kind: NumberKind,
  written: string,
): NumberParse {
  const checked = checkKind(value, bareAboveOne, kind, written);
  if (checked) {
    return checked;
  }
  return { ok: true, number: { value, range: null } };
}

/** `written` is the value as the user wrote it, so a message never shows a rounded figure. */
function checkKind(
  value: number,
  bareAboveOne: boolean,
  kind: NumberKind,
  written: string,
): Failure | null {
  if (Number.isNaN(value)) {
    return fail(`"${written}" is not a number`, EXAMPLE_HINTS[kind]);
  }
  if (value < 0) {
    return fail(`the value ${written} is negative`, 'write zero or a positive number');
  }
  if (!Number.isFinite(value) || value > LARGEST_EXACT) {
    return fail(
      `the value ${written} is beyond 2^53 (about 9 quadrillion) and cannot be kept exact`,
      'check the number of digits',
    );
  }
  if (value > 0 && value < SMALLEST_MEANINGFUL) {
    return fail(
      `the value ${written} is too small to be a real figure (below one billionth)`,
      'write 0 if you mean none, or check the exponent',
    );
  }
  if (kind === 'rate') {
    if (bareAboveOne) {
      return fail(
        `a share was expected, and ${formatPlain(value)} reads as ${formatPlain(value * 100)}%`,
        `write ${formatPlain(value)}% for a percentage, or ${formatPlain(value / 100)} as a share`,
      );
    }
    if (value > 1) {
      return fail(
        `${formatPlain(value * 100)}% is above 100%, and this is a share of the whole`,
        'write a percentage from 0% to 100%',
      );
    }
  }
  if (kind === 'whole' && !Number.isInteger(value)) {
    return fail(`${formatPlain(value)} is not a whole number`, 'write a whole number such as 5');
  }
  return null;
}

interface Single {
  ok: true;
  value: number;
  /** A rate written without `%` that is above 1, such as `45`. */
  bareAboveOne: boolean;
  /** The digits as written, without sign, currency or multiplier: `1,5` of `1,5 млн ₽`. */
  digits: string;
  /** The multiplier as written, with any space before it: ` млн`, `M`; empty when none. */
  multiplier: string;
}

function parseSingle(text: string, kind: NumberKind, currency: string): Single | Failure {
  let body = text.replace(/[\u00a0\u202f\u2009]/g, ' ');

  if (/^[-+]?\.?(inf|nan)$/i.test(body) || /^[-+]?(infinity)$/i.test(body)) {
    return fail(`"${text}" is not a finite number`, 'write a plain number such as 180000 or 45%');
  }
  if (/^[-+]?0[xob]/i.test(body)) {
    return fail(
      `"${text}" is written in hexadecimal, octal or binary`,
      'write the number in plain decimal digits',
    );
  }

  const sign = body.startsWith('-') ? -1 : 1;
  if (body.startsWith('-') || body.startsWith('+')) {
    body = body.slice(1).trim();
  }

  let percent = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trim();
  }

  const signed = stripCurrency(body, currency);
  if (!signed.ok) {
    return signed;
  }
  body = signed.body;
  if (signed.found && kind !== 'money') {
    return fail(`"${text}" carries a currency sign, and this value is not money`);
  }

  let multiplier = 1;
  let multiplierText = '';
  const suffix = /^(.*?)\s*(k|K|тыс|т|m|M|mln|млн|bn|B|млрд)\.?$/u.exec(body);
  if (suffix && suffix[1] && /\d$/.test(suffix[1])) {
    multiplier = SUFFIXES[suffix[2] as string] ?? 1;
    multiplierText = body.slice(suffix[1].length);
    body = suffix[1];
  }
  if (multiplier !== 1 && percent) {
    return fail(`"${text}" mixes a percent sign and a multiplier`);
  }

  const digits = normaliseDigits(body, text, kind);
  if (!digits.ok) {
    return digits;
  }

  // Scaled in decimal, as written: 99.9% is 0.999 and 1.15M is 1 150 000, where dividing
  // and multiplying in binary gives 0.9990000000000001.
  const exponent = Math.round(Math.log10(multiplier)) - (percent ? 2 : 0);
  const value = sign * Number(exponent === 0 ? digits.text : shifted(digits.text, exponent));
  if (Number.isNaN(value)) {
    return fail(`"${text}" is not a number`, EXAMPLE_HINTS[kind]);
  }

  if (percent) {
    if (kind !== 'rate') {
      return fail(`"${text}" is a percentage, and this value is not a share`);
    }
    return { ok: true, value, bareAboveOne: false, digits: body, multiplier: '' };
  }
  return {
    ok: true,
    value,
    bareAboveOne: kind === 'rate' && value > 1,
    digits: body,
    multiplier: multiplierText,
  };
}

/** Decimal digits, perhaps with an exponent (`1.5`, `2e3`), times 10^by, still as text. */
function shifted(digits: string, by: number): string {
  const [, mantissa, exponent] = /^(.*?)(?:e([+-]?\d+))?$/i.exec(digits) ?? [];
  return `${mantissa}e${Number(exponent ?? 0) + by}`;
}

function stripCurrency(
  body: string,
  currency: string,
): { ok: true; body: string; found: boolean } | Failure {
  const lower = body.toLowerCase();
  for (const [sign, code] of CURRENCY_BY_SIGN) {
    const before = lower.startsWith(sign);
    const after = lower.endsWith(sign) && /[\d\sa-zа-яё]$/u.test(lower.slice(0, -sign.length));
    if (!before && !after) {
      continue;
    }
    if (/^[A-Za-zа-я.]+$/u.test(sign) && before) {
      continue;
    }
    if (code !== currency) {
      return otherCurrency(code, currency);
    }
    const rest = before ? body.slice(sign.length) : body.slice(0, -sign.length);
    return { ok: true, body: rest.trim(), found: true };
  }
  return { ok: true, body, found: false };
}

function otherCurrency(code: string, currency: string): Failure {
  return fail(
    `the amount is in ${code}, and the file's currency is ${currency}`,
    `convert it to ${currency}, or set currency: ${code} if the whole file is in ${code}`,
  );
}

/** Turns grouped digits into a plain decimal string, rejecting the ambiguous forms. */
function normaliseDigits(
  body: string,
  original: string,
  kind: NumberKind,
): { ok: true; text: string } | Failure {
  let text = body;

  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(text) || /^\d+(_\d+)+(\.\d+)?$/.test(text)) {
    text = text.replace(/[ _]/g, '');
  }
  if (/^\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    // 1.500.000: dots group thousands, as many Europeans write them.
    text = text.replace(/\./g, '');
  } else if (/^[1-9]\d{0,2}\.\d{3}$/.test(text) && (kind === 'money' || kind === 'whole')) {
    const [whole, fraction] = text.split('.') as [string, string];
    return fail(
      `"${original}" is ambiguous: ${whole}${fraction} with a dot between thousands, or ${whole}`,
      `write ${whole}${fraction} (or ${whole}) without the dot`,
    );
  }
  if (/^\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(text) || /^\d{1,3}(,\d{3})+\.\d+$/.test(text)) {
    text = text.replace(/,/g, '');
  } else if (/^\d+,\d+$/.test(text)) {
    const [whole, fraction] = text.split(',') as [string, string];
    if (fraction.length === 3 && whole !== '0') {
      return fail(
        `"${original}" is ambiguous: ${whole}${fraction} or ${whole}.${fraction}`,
        `write ${whole}${fraction} or ${whole}.${fraction}`,
      );
    }
    text = `${whole}.${fraction}`;
  }

  if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    return fail(`"${original}" is not a number`, EXAMPLE_HINTS[kind]);
  }
  if (/^0\d/.test(text)) {
    return fail(
      `"${original}" has a leading zero, which some tools read as octal`,
      `write ${text.replace(/^0+(?=\d)/, '')}`,
    );
  }
  return { ok: true, text };
}

function parseRange(text: string, kind: NumberKind, currency: string): NumberParse {
  const words = text.split(/\s+/);
  let distribution: Distribution | null = null;
  let currencyWord = false;
  const tail: string[] = [];
  // A distribution and a currency may follow the whole range, in either order. A currency there
  // is unambiguous, since a file has one; a multiplier there belongs to the last bound only.
  while (words.length > 1) {
    const word = words[words.length - 1] as string;
    const code = CURRENCY_BY_SIGN.get(word.toLowerCase());
    if (
      distribution === null &&
      (DISTRIBUTIONS as readonly string[]).includes(word.toLowerCase())
    ) {
      distribution = word.toLowerCase() as Distribution;
    } else if (!currencyWord && code !== undefined) {
      if (kind !== 'money') {
        return fail(`"${text}" carries a currency sign, and this value is not money`);
      }
      if (code !== currency) {
        return otherCurrency(code, currency);
      }
      currencyWord = true;
    } else {
      break;
    }
    tail.unshift(words.pop() as string);
  }

  const last = words[words.length - 1] ?? '';
  if (/^[a-z]+$/i.test(last) && SUFFIXES[last] === undefined) {
    return fail(
      `"${last.toLowerCase()}" is not a distribution`,
      `write one of ${DISTRIBUTIONS.join(', ')} after the range, or nothing for uniform`,
    );
  }

  const parts = words.join(' ').split('..');
  if (parts.length !== 2 && parts.length !== 3) {
    return fail(
      `"${text}" is not a range`,
      'write LOW..HIGH (uniform), LOW..MODE..HIGH (triangular), or add "lognormal"',
    );
  }

  const bounds: Single[] = [];
  for (const part of parts) {
    const single = parseSingle(part.trim(), kind, currency);
    if (!single.ok) {
      return single;
    }
    bounds.push(single);
  }
  const unscaled = oneBoundScaled(bounds, text, tail);
  if (unscaled) {
    return unscaled;
  }

  const values: number[] = [];
  for (const [index, single] of bounds.entries()) {
    const part = parts[index] as string;
    const checked = checkKind(single.value, single.bareAboveOne, kind, part.trim());
    if (checked) {
      return checked;
    }
    values.push(single.value);
  }

  const low = values[0] as number;
  const high = values[values.length - 1] as number;
  const mode = values.length === 3 ? (values[1] as number) : null;
  if (low > high) {
    return fail(`the range ${text} runs from high to low`, 'write the lower bound first');
  }
  if (mode !== null && (mode < low || mode > high)) {
    return fail(`the most likely value in ${text} is outside the range`);
  }
  if (mode !== null && distribution && distribution !== 'triangular') {
    return fail(`a range with three points is triangular, not ${distribution}`);
  }

  const chosen: Distribution = mode !== null ? 'triangular' : (distribution ?? 'uniform');
  if (chosen === 'lognormal' && low <= 0) {
    return fail('a lognormal range needs a lower bound above zero');
  }

  // Reps and headcount are whole in the plan as in every draw of the simulation: 4..5 reps
  // plan with 5, not 4.5, and goal seek and sensitivity step them by whole people.
  const median = pointValue({ distribution: chosen, low, high, mode });
  const point = kind === 'whole' ? Math.round(median) : median;
  return {
    ok: true,
    number: {
      value: point,
      range: {
        low,
        high,
        mode: chosen === 'triangular' ? (mode ?? (low + high) / 2) : null,
        distribution: chosen,
      },
    },
  };
}

/**
 * `15..20M` reads as 15 to 20 million, and whether 15 million was meant cannot be known, so a
 * multiplier on some bounds only is refused. A bound of 0 is the same with any multiplier.
 */
function oneBoundScaled(bounds: Single[], text: string, tail: string[]): Failure | null {
  const scaled = bounds.find((bound) => bound.multiplier !== '');
  const bare = bounds.some((bound) => bound.multiplier === '' && bound.value !== 0);
  if (!scaled || !bare) {
    return null;
  }

  const example = [
    bounds.map((bound) => bound.digits + (bound.multiplier || scaled.multiplier)).join('..'),
    ...tail,
  ].join(' ');
  return fail(
    `the range ${text} has a multiplier on one bound only`,
    `write the multiplier on both bounds: ${example}`,
  );
}

function formatPlain(value: number): string {
  return String(Number(value.toPrecision(12)));
}
