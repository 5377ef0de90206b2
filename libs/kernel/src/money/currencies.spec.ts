import { readFileSync } from 'node:fs';
import { CODES_WITHOUT_MINOR_UNIT, isSupportedCurrency, minorUnits, SUPPORTED_CURRENCIES, UnknownCurrencyError } from './currencies';

describe(minorUnits.name, () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['CAD', 2],
    ['AUD', 2],
    ['CHF', 2],
    ['CNY', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['PLN', 2],
    ['INR', 2],
    ['BRL', 2],
    ['MXN', 2],
    ['SGD', 2],
    ['HKD', 2],
    ['NZD', 2],
    ['KRW', 0],
    ['ZAR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['ISK', 0],
    ['CLF', 4],
  ])('prices %s in amounts with %i decimals', (code, digits) => {
    expect(minorUnits(code)).toBe(digits);
  });

  it.each(['XAU', 'XDR', 'XTS', 'XXX', 'ABC', 'usd', ''])('rejects "%s" as a currency', (code) => {
    expect(() => minorUnits(code)).toThrow(UnknownCurrencyError);
  });

  it('reports an unknown currency as a validation error with a stable code', () => {
    const error = (() => {
      try {
        minorUnits('ZZZ');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ kind: 'validation', code: 'unknown_currency', currency: 'ZZZ' });
  });
});

describe(isSupportedCurrency.name, () => {
  it.each([
    ['USD', true],
    ['KWD', true],
    ['XOF', true],
    ['XAU', false],
    ['eur', false],
    ['EURO', false],
  ])('says %s is supported: %s', (code, supported) => {
    expect(isSupportedCurrency(code)).toBe(supported);
  });
});

describe('SUPPORTED_CURRENCIES', () => {
  it('holds the currencies the platform must bill in, once each, sorted', () => {
    const required = 'USD EUR GBP JPY CAD AUD CHF CNY SEK NOK DKK PLN INR BRL MXN SGD HKD NZD KRW ZAR KWD BHD';
    expect(SUPPORTED_CURRENCIES).toEqual(expect.arrayContaining(required.split(' ')));
    expect(new Set(SUPPORTED_CURRENCIES).size).toBe(SUPPORTED_CURRENCIES.length);
    expect([...SUPPORTED_CURRENCIES].sort()).toEqual(SUPPORTED_CURRENCIES);
  });

  it('matches the minor units of the ISO 4217 list shipped with currency-codes, without "N.A." codes', () => {
    const xml = readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
    const isoMinorUnits = new Map<string, string>();
    for (const entry of xml.split('<CcyNtry>').slice(1)) {
      const code = /<Ccy>(\w+)<\/Ccy>/.exec(entry)?.[1];
      const units = /<CcyMnrUnts>([^<]+)<\/CcyMnrUnts>/.exec(entry)?.[1];
      if (code && units) isoMinorUnits.set(code, units);
    }
    const withoutMinorUnit = [...isoMinorUnits].filter(([, units]) => units === 'N.A.').map(([code]) => code);
    expect(withoutMinorUnit.sort()).toEqual([...CODES_WITHOUT_MINOR_UNIT].sort());
    const numeric = [...isoMinorUnits].filter(([, units]) => units !== 'N.A.');
    expect(SUPPORTED_CURRENCIES).toEqual(numeric.map(([code]) => code).sort());
    for (const [code, units] of numeric) expect([code, minorUnits(code)]).toEqual([code, Number(units)]);
  });
});
