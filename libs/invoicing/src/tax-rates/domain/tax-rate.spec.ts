import { ValidationFailed } from '@billing/kernel';
import { lineTax } from '../../domain/taxes';
import { canonicalPercentage, checkTaxRateInput, DefineTaxRateInput, TaxRateDefinition } from './tax-rate';

const NOW = new Date('2027-01-01T00:00:00.000Z');
const LATER = new Date('2027-02-01T00:00:00.000Z');
const valid: DefineTaxRateInput = { name: 'VAT DE', percentage: '19', country: 'DE' };

describe(canonicalPercentage.name, () => {
  it.each([
    ['20', '20.0'],
    ['20.0', '20.0'],
    ['20.0000', '20.0'],
    ['07.50', '7.5'],
    ['0', '0.0'],
    ['0.0001', '0.0001'],
    ['99.9999', '99.9999'],
  ])('writes "%s" as "%s"', (text, canonical) => {
    expect(canonicalPercentage(text)).toBe(canonical);
  });
});

describe(checkTaxRateInput.name, () => {
  it('accepts a complete rate', () => {
    expect(checkTaxRateInput({ ...valid, region: 'BY', inclusive: true, description: 'Bavaria' })).toEqual([]);
  });

  it.each<[string, Partial<DefineTaxRateInput>, string]>([
    ['a blank name', { name: ' ' }, 'name'],
    ['a percentage of 100', { percentage: '100' }, 'percentage'],
    ['a percentage of 5 decimals', { percentage: '1.00001' }, 'percentage'],
    ['a signed percentage', { percentage: '+5' }, 'percentage'],
    ['a percentage without digits after the point', { percentage: '5.' }, 'percentage'],
    ['an unknown country', { country: 'XX' }, 'country'],
    ['a lower-case country', { country: 'de' }, 'country'],
    ['a blank region', { region: '' }, 'region'],
    ['a region of 101 characters', { region: 'r'.repeat(101) }, 'region'],
    ['a description of 1001 characters', { description: 'd'.repeat(1001) }, 'description'],
  ])('refuses %s', (_case, overrides, field) => {
    expect(checkTaxRateInput({ ...valid, ...overrides }).map((error) => error.field)).toEqual([field]);
  });
});

describe(TaxRateDefinition.name, () => {
  it('defines an active exclusive rate of the whole country by default, and raises tax_rate.created', () => {
    const rate = TaxRateDefinition.define(valid, NOW);
    expect(rate.id).toMatch(/^txr_/);
    expect(rate.snapshot()).toMatchObject({ percentage: '19.0', region: null, inclusive: false, active: true, description: null });
    expect(rate.pullEvents()).toEqual([{ type: 'tax_rate.created', state: rate.snapshot(), at: NOW }]);
  });

  it('gives the tax rules the rate they compute with', () => {
    const rate = TaxRateDefinition.define({ ...valid, percentage: '20.0', region: ' BY ', inclusive: true }, NOW);
    expect(rate.toTaxRate()).toEqual({ id: rate.id, name: 'VAT DE', percentage: '20.0', country: 'DE', region: 'BY', inclusive: true });
    expect(lineTax(1200, rate.toTaxRate())).toBe(200);
  });

  it('throws one ValidationFailed naming every invalid field', () => {
    expect(() => TaxRateDefinition.define({ name: '', percentage: 'x', country: 'ZZ' }, NOW)).toThrow(ValidationFailed);
  });

  it('changes name, description and active, raising tax_rate.updated only for a change', () => {
    const rate = TaxRateDefinition.define(valid, NOW);
    rate.pullEvents();
    rate.update({ name: 'VAT DE', active: true }, LATER);
    expect(rate.pullEvents()).toEqual([]);
    expect(rate.snapshot().updatedAt).toEqual(NOW);
    rate.update({ name: 'MwSt', description: 'Standard', active: false }, LATER);
    expect(rate.snapshot()).toMatchObject({ name: 'MwSt', description: 'Standard', active: false, percentage: '19.0', updatedAt: LATER });
    expect(rate.pullEvents().map((event) => event.type)).toEqual(['tax_rate.updated']);
  });

  it('refuses a blank name in an update', () => {
    const rate = TaxRateDefinition.define(valid, NOW);
    expect(() => rate.update({ name: '' }, LATER)).toThrow(ValidationFailed);
  });
});
