import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  createFormatter,
  formatMoney,
  formatNumber,
  formatPercent,
  russianPlural,
} from '../../src/render/format.js';

const LOCALE = { en: 'en-US', ru: 'ru-RU' } as const;
/** Intl writes "-0" for a negative figure that rounds to zero; this formatter writes "0". */
function roundsToNegativeZero(value: number, digits: number): boolean {
  return (value < 0 || Object.is(value, -0)) && !/[1-9]/.test(formatNumber(-value, 'en', digits));
}

const figures = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
);

describe('hand-written formatting agrees with Intl (CLDR) for en and ru', () => {
  for (const lang of ['en', 'ru'] as const) {
    it(`writes plain figures as ${LOCALE[lang]} does, up to 0, 1, 2 and 4 decimals`, () => {
      fc.assert(
        fc.property(figures, fc.constantFrom(0, 1, 2, 4), (value, digits) => {
          fc.pre(!roundsToNegativeZero(value, digits));
          const intl = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits });
          expect(formatNumber(value, lang, digits)).toBe(intl.format(value));
        }),
        { numRuns: 2000 },
      );
    });

    it(`writes percentages as ${LOCALE[lang]} does`, () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 5, noNaN: true }), (value) => {
          const intl = new Intl.NumberFormat(LOCALE[lang], {
            style: 'percent',
            maximumFractionDigits: 1,
          });
          expect(formatPercent(value, lang)).toBe(intl.format(value));
        }),
        { numRuns: 1000 },
      );
    });

    for (const currency of ['RUB', 'USD', 'EUR']) {
      it(`writes ${currency} amounts as ${LOCALE[lang]} does`, () => {
        fc.assert(
          fc.property(figures, (value) => {
            fc.pre(!roundsToNegativeZero(value, 0));
            const intl = new Intl.NumberFormat(LOCALE[lang], {
              style: 'currency',
              currency,
              currencyDisplay: 'narrowSymbol',
              maximumFractionDigits: 0,
              minimumFractionDigits: 0,
            });
            expect(formatMoney(value, lang, currency)).toBe(intl.format(value));
          }),
          { numRuns: 1000 },
        );
      });
    }
  }

  it('picks the Russian plural form as Intl.PluralRules does', () => {
    const rules = new Intl.PluralRules('ru');
    for (let count = 0; count <= 250; count += 1) {
      expect(russianPlural(count)).toBe(rules.select(count));
    }
  });
});

describe('the formatter', () => {
  it('writes the article figures in Russian', () => {
    const fmt = createFormatter('ru', 'RUB');
    expect(fmt.money(18_000_000)).toBe('18\u00a0000\u00a0000\u00a0₽');
    expect(fmt.percent(0.45)).toBe('45\u00a0%');
    expect(fmt.decimal(5.0625)).toBe('5,06');
  });

  it('writes a negative figure that rounds to zero as 0, not -0', () => {
    expect(formatNumber(-0.001, 'en', 2)).toBe('0');
    expect(formatMoney(-0.4, 'en', 'USD')).toBe('$0');
  });

  it('rounds half away from zero on the figure as written: 1.005 → 1.01', () => {
    expect(formatNumber(1.005, 'en', 2)).toBe('1.01');
    expect(formatNumber(2.5, 'en', 0)).toBe('3');
  });

  it('rounds counts of things to do up, forgiving float noise', () => {
    const fmt = createFormatter('en', 'RUB');
    expect(fmt.count(21 / 0.35)).toBe('60');
    expect(fmt.count(104.2)).toBe('105');
  });
});
