import fc from 'fast-check';
import countries from 'i18n-iso-countries';
import { countries as vatCountries } from 'jsvat';
import {
  applicableRate,
  EU_MEMBER_STATES,
  isValidVatNumber,
  lineTax,
  REVERSE_CHARGE_NOTE,
  TaxableAccount,
  TaxRate,
  taxTreatment,
} from './taxes';

const rate = (percentage: string, overrides: Partial<TaxRate> = {}): TaxRate => ({
  id: 'txr_test',
  name: `VAT ${percentage} %`,
  percentage,
  country: 'DE',
  region: null,
  inclusive: false,
  ...overrides,
});

describe(lineTax.name, () => {
  describe('exclusive rates: round(amount × p / 100)', () => {
    it.each([
      ['20 % on 1000 (BILLING-RULES.md)', '20.0', 1000, 200],
      ['19 % on 1000', '19', 1000, 190],
      ['20 % on 1003 = 200.6', '20', 1003, 201],
      ['20 % on 1002 = 200.4', '20', 1002, 200],
      ['19 % on 1050 = 199.5, a tie, rounds away from zero', '19', 1050, 200],
      ['2.5 % on 20 = 0.5, a tie', '2.5', 20, 1],
      ['2.5 % on 19 = 0.475', '2.5', 19, 0],
      ['7.6875 % (four decimals) on 10000 = 768.75', '7.6875', 10000, 769],
      ['0 % on 1000', '0', 1000, 0],
      ['20 % on 0', '20', 0, 0],
      ['99.9999 % on 10000 = 9999.99', '99.9999', 10000, 10000],
      ['credit: 20 % on −1000', '20', -1000, -200],
      ['credit: 20 % on −1003 = −200.6', '20', -1003, -201],
      ['credit: 19 % on −1050 = −199.5, a tie, rounds away from zero', '19', -1050, -200],
      ['credit: 2.5 % on −20 = −0.5', '2.5', -20, -1],
      ['JPY: 10 % on ¥980', '10', 980, 98],
      ['JPY: 8 % on ¥999 = 79.92', '8', 999, 80],
      ['JPY: 10 % on ¥15 = 1.5, a tie', '10', 15, 2],
      ['KWD: 5 % on 12.345 KWD (12345 fils) = 617.25 fils', '5', 12345, 617],
      ['KWD: 5 % on 12.350 KWD = 617.5 fils, a tie', '5', 12350, 618],
      ['KWD credit: 5 % on −12.350 KWD', '5', -12350, -618],
    ])('%s → %i', (_case, percentage, amount, expected) => {
      expect(lineTax(amount, rate(percentage))).toBe(expected);
    });
  });

  describe('inclusive rates: amount − round(amount / (1 + p / 100))', () => {
    it.each([
      ['20 % in 1200 (BILLING-RULES.md)', '20.0', 1200, 200],
      ['19 % in 1190', '19', 1190, 190],
      ['19 % in 100: net 84.03', '19', 100, 16],
      ['20 % in 9: net 7.5, a tie, rounds to 8', '20', 9, 1],
      ['20 % in 3: net 2.5, a tie, rounds to 3', '20', 3, 0],
      ['7.7 % in 10770', '7.7', 10770, 770],
      ['0 % in 1000', '0', 1000, 0],
      ['20 % in 0', '20', 0, 0],
      ['credit: 20 % in −1200', '20', -1200, -200],
      ['credit: 19 % in −100', '19', -100, -16],
      ['credit: 20 % in −9: net −7.5 rounds to −8', '20', -9, -1],
      ['JPY: 10 % in ¥1100', '10', 1100, 100],
      ['JPY: 8 % in ¥1000: net 925.93', '8', 1000, 74],
      ['KWD: 15 % in 1.150 KWD (1150 fils)', '15', 1150, 150],
      ['KWD: 5 % in 12.345 KWD: net 11757.14 fils', '5', 12345, 588],
    ])('%s → %i', (_case, percentage, amount, expected) => {
      expect(lineTax(amount, rate(percentage, { inclusive: true }))).toBe(expected);
    });
  });

  it('never answers negative zero', () => {
    expect(Object.is(lineTax(-1, rate('20')), 0)).toBe(true);
    expect(Object.is(lineTax(-1, rate('20', { inclusive: true })), 0)).toBe(true);
    expect(Object.is(lineTax(-0, rate('20')), 0)).toBe(true);
    expect(Object.is(lineTax(-0, rate('20', { inclusive: true })), 0)).toBe(true);
  });

  it.each([
    ['a fractional amount', () => lineTax(10.5, rate('20'))],
    ['an unsafe amount', () => lineTax(Number.MAX_SAFE_INTEGER + 1, rate('20'))],
    ['a percentage of 100', () => lineTax(100, rate('100'))],
    ['a negative percentage', () => lineTax(100, rate('-5'))],
    ['a percentage that is not a decimal', () => lineTax(100, rate('twenty'))],
  ])('refuses %s', (_case, call) => {
    expect(call).toThrow(RangeError);
  });

  /** A percentage with up to four decimals as a whole number of 1/10000 % (0 ≤ p < 100). */
  const percentageTenThousandths = fc.integer({ min: 0, max: 999_999 });
  const asPercentage = (tenThousandths: number) => (tenThousandths / 10_000).toFixed(4);
  const amount = fc.integer({ min: -(10 ** 12), max: 10 ** 12 });

  it('charges exclusive tax within half a minor unit of amount × p / 100, and −x carries −(tax of x)', () => {
    fc.assert(
      fc.property(amount, percentageTenThousandths, (x, p) => {
        const taxRate = rate(asPercentage(p));
        const tax = lineTax(x, taxRate);
        expect(lineTax(-x, taxRate)).toBe(-tax || 0);
        // exact: |tax − x·p/10⁶| ≤ ½, i.e. |2·(tax·10⁶ − x·p)| ≤ 10⁶
        const twiceError = 2n * (BigInt(tax) * 1_000_000n - BigInt(x) * BigInt(p));
        expect(twiceError <= 1_000_000n && twiceError >= -1_000_000n).toBe(true);
      }),
    );
  });

  it('keeps inclusive tax between 0 and the amount, rounds the net once, and −x carries −(tax of x)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), percentageTenThousandths, (x, p) => {
        const taxRate = rate(asPercentage(p), { inclusive: true });
        const tax = lineTax(x, taxRate);
        expect(tax).toBeGreaterThanOrEqual(0);
        expect(tax).toBeLessThanOrEqual(x);
        expect(lineTax(-x, taxRate)).toBe(-tax || 0);
        // the net x − tax is within ½ of x / (1 + p/10⁶): |2·(net·(10⁶ + p) − x·10⁶)| ≤ 10⁶ + p
        const scale = 1_000_000n + BigInt(p);
        const twiceError = 2n * (BigInt(x - tax) * scale - BigInt(x) * 1_000_000n);
        expect(twiceError <= scale && twiceError >= -scale).toBe(true);
      }),
    );
  });
});

describe(taxTreatment.name, () => {
  const DE = rate('19', { id: 'txr_de', country: 'DE' });
  const FR = rate('20', { id: 'txr_fr', country: 'FR' });
  const AT = rate('20', { id: 'txr_at', country: 'AT' });
  const GR = rate('24', { id: 'txr_gr', country: 'GR' });
  const CH = rate('8.1', { id: 'txr_ch', country: 'CH' });
  const GB = rate('20', { id: 'txr_gb', country: 'GB', inclusive: true });
  const US_CA = rate('7.25', { id: 'txr_us_ca', country: 'US', region: 'CA' });
  const US_NY = rate('4', { id: 'txr_us_ny', country: 'US', region: 'NY' });
  const US = rate('0', { id: 'txr_us', country: 'US' });
  const CA_ON = rate('13', { id: 'txr_ca_on', country: 'CA', region: 'ON' });
  const RATES = [DE, FR, AT, GR, CH, GB, US_CA, US_NY, US, CA_ON];

  const account = (overrides: Partial<TaxableAccount> = {}): TaxableAccount => ({
    country: 'DE',
    region: null,
    taxExempt: false,
    taxId: null,
    ...overrides,
  });

  describe('which rate', () => {
    it.each<[string, Partial<TaxableAccount>, TaxRate | null]>([
      ['the country’s rate', { country: 'DE' }, DE],
      ['an inclusive rate like any other', { country: 'GB' }, GB],
      ['the region’s rate over the country’s', { country: 'US', region: 'CA' }, US_CA],
      ['another region’s rate', { country: 'US', region: 'NY' }, US_NY],
      ['the region matched case-insensitively and trimmed', { country: 'US', region: ' ca ' }, US_CA],
      ['the country’s rate for a region without one', { country: 'US', region: 'TX' }, US],
      ['the country’s rate without a region', { country: 'US', region: null }, US],
      ['the country’s rate for a blank region', { country: 'US', region: '  ' }, US],
      ['the region’s rate of a country without a country-wide one', { country: 'CA', region: 'ON' }, CA_ON],
      ['nothing for another region of a country without a country-wide rate', { country: 'CA', region: 'QC' }, null],
      ['nothing for a country without a rate', { country: 'JP' }, null],
      ['nothing without a country', { country: null, region: 'CA' }, null],
      ['a business in the seller’s own country is taxed even with a VAT number', { country: 'DE', taxId: 'DE136695976' }, DE],
    ])('takes %s', (_case, overrides, expected) => {
      const treatment = taxTreatment(account(overrides), RATES, 'DE');
      expect(treatment).toEqual(expected ? { kind: 'taxed', rate: expected } : { kind: 'none' });
      expect(applicableRate(account(overrides), RATES)).toBe(expected);
    });

    it('takes nothing from an empty list', () => {
      expect(taxTreatment(account(), [], 'DE')).toEqual({ kind: 'none' });
    });

    it('breaks a tie between two rates of one place by taking the newest (ids sort in creation order)', () => {
      const older = rate('19', { id: 'txr_0Kx3A' });
      const newer = rate('7', { id: 'txr_0Kx3B' });
      expect(applicableRate(account(), [newer, older])).toBe(newer);
      expect(applicableRate(account(), [older, newer])).toBe(newer);
    });
  });

  describe('exemption', () => {
    it.each<[string, Partial<TaxableAccount>]>([
      ['in the seller’s country', { country: 'DE' }],
      ['with a rate of its region', { country: 'US', region: 'CA' }],
      ['across an EU border with a VAT number (exemption comes first)', { country: 'FR', taxId: 'FR40303265045' }],
      ['without a country', { country: null }],
    ])('exempts a tax_exempt account %s', (_case, overrides) => {
      expect(taxTreatment(account({ ...overrides, taxExempt: true }), RATES, 'DE')).toEqual({ kind: 'exempt' });
    });
  });

  describe('reverse charge', () => {
    const reverseCharge = { kind: 'reverse_charge', note: REVERSE_CHARGE_NOTE };

    it.each<[string, string | undefined, Partial<TaxableAccount>, object]>([
      ['DE seller, FR business with a French VAT number', 'DE', { country: 'FR', taxId: 'FR40303265045' }, reverseCharge],
      ['written with spaces and in lower case', 'DE', { country: 'FR', taxId: 'fr 40 303 265 045' }, reverseCharge],
      ['FR seller, AT business', 'FR', { country: 'AT', taxId: 'ATU13585627' }, reverseCharge],
      ['the prefix left out', 'FR', { country: 'AT', taxId: 'U13585627' }, reverseCharge],
      ['a Greek number with its EL prefix', 'DE', { country: 'GR', taxId: 'EL094259216' }, reverseCharge],
      ['a Greek number without prefix', 'DE', { country: 'GR', taxId: '094259216' }, reverseCharge],
      ['no rate configured for the country', 'DE', { country: 'IT', taxId: 'IT00743110157' }, reverseCharge],
      ['a valid format whose check digit is wrong (format only)', 'FR', { country: 'DE', taxId: 'DE123456789' }, reverseCharge],
      ['same country as the seller: taxed', 'FR', { country: 'FR', taxId: 'FR40303265045' }, { kind: 'taxed', rate: FR }],
      ['a seller outside the EU: taxed', 'US', { country: 'FR', taxId: 'FR40303265045' }, { kind: 'taxed', rate: FR }],
      ['a seller in the UK (no longer EU): taxed', 'GB', { country: 'FR', taxId: 'FR40303265045' }, { kind: 'taxed', rate: FR }],
      ['no SELLER_COUNTRY: taxed', undefined, { country: 'FR', taxId: 'FR40303265045' }, { kind: 'taxed', rate: FR }],
      ['an invalid VAT number: taxed', 'DE', { country: 'FR', taxId: 'FR123' }, { kind: 'taxed', rate: FR }],
      ['no tax_id: taxed', 'DE', { country: 'FR', taxId: null }, { kind: 'taxed', rate: FR }],
      ['a blank tax_id: taxed', 'DE', { country: 'FR', taxId: '  ' }, { kind: 'taxed', rate: FR }],
      ['another member state’s VAT number: taxed', 'DE', { country: 'FR', taxId: 'ATU13585627' }, { kind: 'taxed', rate: FR }],
      ['a Greek number with the ISO prefix GR: taxed', 'DE', { country: 'GR', taxId: 'GR094259216' }, { kind: 'taxed', rate: GR }],
      ['a business outside the EU (CH): taxed', 'DE', { country: 'CH', taxId: 'CHE123456788' }, { kind: 'taxed', rate: CH }],
      ['a business in the UK: taxed', 'DE', { country: 'GB', taxId: 'GB980780684' }, { kind: 'taxed', rate: GB }],
      ['a cross-border business without a rate or VAT number: none', 'DE', { country: 'IT' }, { kind: 'none' }],
    ])('%s', (_case, seller, overrides, expected) => {
      expect(taxTreatment(account(overrides), RATES, seller)).toEqual(expected);
    });

    it('cites the VAT directive in its note', () => {
      expect(REVERSE_CHARGE_NOTE).toMatch(/Reverse charge.*Art\. 196 Council Directive 2006\/112\/EC/);
    });
  });
});

describe(isValidVatNumber.name, () => {
  it.each([
    ['DE136695976', 'DE', true],
    ['DE 136.695-976', 'DE', true],
    ['136695976', 'DE', true],
    ['DE13669597', 'DE', false],
    ['NL004495445B01', 'NL', true],
    ['ESA12345674', 'ES', true],
    ['FR40303265045', 'DE', false],
    ['DE136695976', 'US', false],
    ['', 'DE', false],
    [null, 'DE', false],
    ['DE136695976', null, false],
  ])('says %s is a VAT number of %s: %s', (taxId, country, expected) => {
    expect(isValidVatNumber(taxId, country)).toBe(expected);
  });
});

describe('EU_MEMBER_STATES', () => {
  it('holds the 27 member states as ISO 3166-1 alpha-2 codes', () => {
    expect(EU_MEMBER_STATES.size).toBe(27);
    for (const code of EU_MEMBER_STATES) expect([code, countries.isValid(code) && /^[A-Z]{2}$/.test(code)]).toEqual([code, true]);
    for (const former of ['GB', 'CH', 'NO', 'IS', 'LI']) expect(EU_MEMBER_STATES.has(former)).toBe(false);
  });

  it('knows the VAT number format of every member state through jsvat', () => {
    const known = new Set(vatCountries.map((country) => country.codes[0]));
    expect([...EU_MEMBER_STATES].filter((code) => !known.has(code))).toEqual([]);
  });
});
