import { describe, expect, it } from 'vitest';

import { parseNumber, type NumberKind } from '../../src/input/number.js';

function valueOf(raw: string, kind: NumberKind, currency = 'RUB'): number {
  const parsed = parseNumber(raw, kind, currency);
  if (!parsed.ok) {
    throw new Error(`"${raw}" was refused: ${parsed.message}`);
  }
  return parsed.number.value;
}

function refusal(raw: string, kind: NumberKind): string {
  const parsed = parseNumber(raw, kind, 'RUB');
  if (parsed.ok) {
    throw new Error(`"${raw}" was accepted as ${parsed.number.value}`);
  }
  return parsed.message;
}

describe('parseNumber reads money as people write it', () => {
  it.each([
    ['180000', 180_000],
    ['180 000', 180_000],
    ['180\u00a0000', 180_000],
    ['180\u202f000', 180_000],
    ['180_000', 180_000],
    ['180k', 180_000],
    ['18M', 18_000_000],
    ['18 млн', 18_000_000],
    ['180 000 ₽', 180_000],
    ['180\u00a0000\u00a0₽', 180_000],
    ['1 234 567,5', 1_234_567.5],
    ['180 000 Rub', 180_000],
    ['180 000 РУБ.', 180_000],
    ['18 млн Руб', 18_000_000],
  ])('%s is %d', (raw, expected) => {
    expect(valueOf(raw, 'money')).toBe(expected);
  });

  it('reads a currency word in any case, alone and after a range, and refuses another one', () => {
    expect(valueOf('180000 usd', 'money', 'USD')).toBe(180_000);
    const range = parseNumber('15M..20M Rub', 'money', 'RUB');
    expect(range.ok && range.number.range).toMatchObject({ low: 15_000_000, high: 20_000_000 });
    expect(refusal('180000 Usd', 'money')).toBe(
      "the amount is in USD, and the file's currency is RUB",
    );
  });
});

describe('parseNumber reads shares', () => {
  it('reads 45% and 0.45 alike, and a decimal comma', () => {
    expect(valueOf('45%', 'rate')).toBeCloseTo(0.45, 12);
    expect(valueOf('0.45', 'rate')).toBeCloseTo(0.45, 12);
    expect(valueOf('1,5%', 'rate')).toBeCloseTo(0.015, 12);
  });

  it('reads a percentage or a multiplier as the decimal written, to the last digit', () => {
    // Dividing by 100 in binary gives 0.9990000000000001 and 0.14300000000000002.
    expect(valueOf('99.9%', 'rate')).toBe(0.999);
    expect(valueOf('14.3%', 'rate')).toBe(0.143);
    expect(valueOf('0,7%', 'rate')).toBe(0.007);
    expect(valueOf('1,15 млн', 'money')).toBe(1_150_000);
    expect(valueOf('4.35M', 'money')).toBe(4_350_000);
  });

  it('refuses a bare 45 in a rate and says both ways to write it', () => {
    const parsed = parseNumber('45', 'rate');
    expect(parsed).toEqual({
      ok: false,
      message: 'a share was expected, and 45 reads as 4500%',
      hint: 'write 45% for a percentage, or 0.45 as a share',
    });
  });

  it('refuses a share above 100%', () => {
    expect(refusal('145%', 'rate')).toBe('145% is above 100%, and this is a share of the whole');
  });
});

describe('parseNumber refuses what is ambiguous or not a finite number', () => {
  it.each([
    ['0x2BF20', '"0x2BF20" is written in hexadecimal, octal or binary'],
    ['0o537440', '"0o537440" is written in hexadecimal, octal or binary'],
    ['0180000', '"0180000" has a leading zero, which some tools read as octal'],
    ['012', '"012" has a leading zero, which some tools read as octal'],
    ['.inf', '".inf" is not a finite number'],
    ['-.inf', '"-.inf" is not a finite number'],
    ['.nan', '".nan" is not a finite number'],
    ['-180 000', 'the value -180 000 is negative'],
    [
      '9007199254740993',
      'the value 9007199254740993 is beyond 2^53 (about 9 quadrillion) and cannot be kept exact',
    ],
    ['1e400', 'the value 1e400 is beyond 2^53 (about 9 quadrillion) and cannot be kept exact'],
    ['', 'the value is empty'],
    ['   ', 'the value is empty'],
    ['180,000', '"180,000" is ambiguous: 180000 or 180.000'],
    ['$5k', "the amount is in USD, and the file's currency is RUB"],
  ])('%j: %s', (raw, message) => {
    expect(refusal(raw, 'money')).toBe(message);
  });

  it('never accepts a value that is not finite', () => {
    for (const raw of ['Infinity', '-Infinity', 'NaN', '1e309', '.Inf', '+.inf']) {
      expect(parseNumber(raw, 'quantity').ok).toBe(false);
    }
  });
});

describe('figures too small to be real', () => {
  it('rejects a positive value below one billionth, which would make a lifetime infinite', () => {
    const parsed = parseNumber('5e-324', 'rate');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain('too small to be a real figure');
  });

  it('still accepts zero and one billionth', () => {
    expect(parseNumber('0', 'rate').ok).toBe(true);
    expect(parseNumber('1e-9', 'rate').ok).toBe(true);
  });
});

describe('dots between thousands', () => {
  it('rejects 180.000 as money: 180 000 written the European way, or 180', () => {
    const parsed = parseNumber('180.000', 'money');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toBe(
      '"180.000" is ambiguous: 180000 with a dot between thousands, or 180',
    );
  });

  it('reads 1.500.000 as one and a half million', () => {
    expect(valueOf('1.500.000', 'money')).toBe(1_500_000);
  });

  it('still reads 0.450 as a share and 2.5 as a plain figure', () => {
    expect(valueOf('0.450', 'rate')).toBe(0.45);
    expect(valueOf('2.5', 'quantity')).toBe(2.5);
  });
});

describe('a multiplier in a range', () => {
  it.each([
    ['15..20M', 'write the multiplier on both bounds: 15M..20M'],
    ['150..200 тыс', 'write the multiplier on both bounds: 150 тыс..200 тыс'],
    ['1,5..2 млн', 'write the multiplier on both bounds: 1,5 млн..2 млн'],
    ['15M..20', 'write the multiplier on both bounds: 15M..20M'],
    ['15..17M..20M', 'write the multiplier on both bounds: 15M..17M..20M'],
    ['15..20M triangular', 'write the multiplier on both bounds: 15M..20M triangular'],
  ])('refuses %s, where one bound lacks it, and shows it on both', (raw, hint) => {
    expect(parseNumber(raw, 'money')).toEqual({
      ok: false,
      message: `the range ${raw} has a multiplier on one bound only`,
      hint,
    });
  });

  it('reads 15M..20M, 500k..1.5M and 0..20M as written', () => {
    const rangeOf = (raw: string) => {
      const parsed = parseNumber(raw, 'money');
      return parsed.ok ? [parsed.number.range?.low, parsed.number.range?.high] : parsed.message;
    };
    expect(rangeOf('15M..20M')).toEqual([15_000_000, 20_000_000]);
    expect(rangeOf('500k..1.5M')).toEqual([500_000, 1_500_000]);
    expect(rangeOf('0..20M')).toEqual([0, 20_000_000]);
  });
});

describe('a currency or multiplier written after a whole range', () => {
  it.each([
    ['150k..200k rub', 'uniform'],
    ['150k..200k RUB', 'uniform'],
    ['150k..200k ₽', 'uniform'],
    ['150k..200k руб triangular', 'triangular'],
    ['150k..200k triangular rub', 'triangular'],
  ])('reads %s in a RUB file as 150 000 to 200 000', (raw, distribution) => {
    const parsed = parseNumber(raw, 'money', 'RUB');
    expect(parsed.ok ? parsed.number.range : parsed.message).toEqual({
      low: 150_000,
      high: 200_000,
      mode: distribution === 'triangular' ? 175_000 : null,
      distribution,
    });
  });

  it('refuses another currency after the range as it does after one amount', () => {
    for (const raw of ['15M..20M USD', '15M..20M usd']) {
      expect(parseNumber(raw, 'money', 'RUB')).toEqual({
        ok: false,
        message: "the amount is in USD, and the file's currency is RUB",
        hint: 'convert it to RUB, or set currency: USD if the whole file is in USD',
      });
    }
  });

  it('refuses a currency after a range that is not money', () => {
    expect(refusal('4..5 rub', 'whole')).toBe(
      '"4..5 rub" carries a currency sign, and this value is not money',
    );
  });

  it.each([
    ['15..20 млн', 'write the multiplier on both bounds: 15 млн..20 млн'],
    ['150..200 k', 'write the multiplier on both bounds: 150 k..200 k'],
    ['15..20 mln rub', 'write the multiplier on both bounds: 15 mln..20 mln rub'],
  ])('asks for the multiplier of %s on both bounds', (raw, hint) => {
    expect(parseNumber(raw, 'money')).toEqual({
      ok: false,
      message: `the range ${raw} has a multiplier on one bound only`,
      hint,
    });
  });

  it('still calls a word that is neither a distribution, nor a currency, nor a multiplier', () => {
    expect(parseNumber('1..2 pareto', 'quantity')).toEqual({
      ok: false,
      message: '"pareto" is not a distribution',
      hint: 'write one of uniform, triangular, lognormal after the range, or nothing for uniform',
    });
  });
});

describe('a range of a whole number', () => {
  it('refuses 4.5..6 reps as it refuses 4.5 reps', () => {
    expect(parseNumber('4.5..6', 'whole')).toEqual(parseNumber('4.5', 'whole'));
    expect(refusal('4.5..6', 'whole')).toBe('4.5 is not a whole number');
    expect(refusal('4..4.5..6', 'whole')).toBe('4.5 is not a whole number');
  });

  it.each([
    ['4..5', 5],
    ['4..6', 5],
    ['4..5 triangular', 5],
    ['4..6..9', 6],
    ['4..5 lognormal', 4],
  ])('plans %s with %d, a whole number, and keeps the range as written', (raw, point) => {
    const parsed = parseNumber(raw, 'whole');
    expect(parsed.ok ? parsed.number.value : parsed.message).toBe(point);
    expect(parsed.ok ? parsed.number.range?.low : parsed.message).toBe(4);
  });

  it('still plans a quantity range with the midpoint', () => {
    expect(valueOf('4..5', 'quantity')).toBe(4.5);
  });
});
