import fc from 'fast-check';
import { aggregate, AggregatedEvent, extractMetricValue, numericValue } from './aggregation';
import { canonicalDecimal, decimalFromNumber, formatRational } from '@billing/kernel';
import { rational } from '@billing/kernel';

const at = (iso: string) => Date.parse(iso);
const event = (id: string, iso: string, value: string | null = null, distinctValue: string | null = null): AggregatedEvent => ({
  id,
  timestamp: at(iso),
  value,
  distinctValue,
});

describe(aggregate.name, () => {
  const events = [
    event('a', '2027-03-01T10:00:00Z', '2.5', 'alice'),
    event('b', '2027-03-01T11:00:00Z', '10', 'bob'),
    event('c', '2027-03-01T09:00:00Z', '-1.25', 'alice'),
    event('d', '2027-03-01T11:00:00Z', '7', 'carol'),
  ];

  it.each([
    ['count', '4'],
    ['sum', '18.25'],
    ['max', '10'],
    // Two events at 11:00: the later id ("d") is the latest.
    ['latest', '7'],
    ['unique_count', '3'],
  ] as const)('%s → %s', (aggregation, expected) => {
    expect(aggregate(aggregation, events)).toBe(expected);
  });

  it.each(['count', 'sum', 'max', 'latest', 'unique_count'] as const)('%s of no events is 0', (aggregation) => {
    expect(aggregate(aggregation, [])).toBe('0');
  });

  it('sums decimals exactly (0.1 + 0.2 = 0.3, not 0.30000000000000004)', () => {
    expect(aggregate('sum', [event('a', '2027-01-01T00:00:00Z', '0.1'), event('b', '2027-01-01T00:00:00Z', '0.2')])).toBe('0.3');
  });

  it('max of negative values is the least negative', () => {
    expect(aggregate('max', [event('a', '2027-01-01T00:00:00Z', '-3'), event('b', '2027-01-01T00:00:00Z', '-1.5')])).toBe('-1.5');
  });

  it('does not depend on the order of the events', () => {
    const arbitraryEvent = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'A', '0', '-', '~') }),
      timestamp: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: -1000, max: 1000 }).map((cents) => formatRational(rational(cents, 100))),
      distinctValue: fc.constantFrom('x', 'y', 'z'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryEvent, { selector: (e) => e.id }), (list) => {
        const reversed = [...list].reverse();
        for (const aggregation of ['count', 'sum', 'max', 'latest', 'unique_count'] as const) {
          expect(aggregate(aggregation, reversed)).toBe(aggregate(aggregation, list));
        }
      }),
    );
  });
});

describe(extractMetricValue.name, () => {
  const metric = (aggregation: 'count' | 'sum' | 'max' | 'latest' | 'unique_count', field: string | null = null) => ({
    code: 'm',
    aggregation,
    field,
  });

  it('count needs nothing and stores nothing', () => {
    expect(extractMetricValue(metric('count'), { value: 'junk' })).toEqual({ ok: true, value: null, distinctValue: null });
  });

  it('sum without a field takes the value, as a number or a decimal string', () => {
    expect(extractMetricValue(metric('sum'), { value: 12.5 })).toEqual({ ok: true, value: '12.5', distinctValue: null });
    expect(extractMetricValue(metric('sum'), { value: '12.50' })).toEqual({ ok: true, value: '12.5', distinctValue: null });
    expect(extractMetricValue(metric('sum'), {})).toMatchObject({ ok: false, field: 'value' });
    expect(extractMetricValue(metric('sum'), { value: 'abc' })).toMatchObject({ ok: false, field: 'value' });
  });

  it.each(['sum', 'max', 'latest'] as const)('%s refuses a negative value, zero is fine', (aggregation) => {
    expect(extractMetricValue(metric(aggregation), { value: -1 })).toEqual({ ok: false, field: 'value', message: 'must not be negative' });
    expect(extractMetricValue(metric(aggregation, 'gb'), { properties: { gb: '-0.5' } })).toMatchObject({
      ok: false,
      field: 'properties.gb',
    });
    expect(extractMetricValue(metric(aggregation), { value: -0 })).toMatchObject({ ok: true, value: '0' });
  });

  it('max with a field takes properties[field] and ignores value', () => {
    expect(extractMetricValue(metric('max', 'gb'), { value: 99, properties: { gb: 3 } })).toEqual({
      ok: true,
      value: '3',
      distinctValue: null,
    });
    expect(extractMetricValue(metric('max', 'gb'), { value: 99 })).toMatchObject({ ok: false, field: 'properties.gb' });
    expect(extractMetricValue(metric('latest', 'gb'), { properties: { gb: true } })).toMatchObject({ ok: false, field: 'properties.gb' });
  });

  it('unique_count takes a string or a number from properties[field]', () => {
    expect(extractMetricValue(metric('unique_count', 'user'), { properties: { user: 'u1' } })).toEqual({
      ok: true,
      value: null,
      distinctValue: 'u1',
    });
    expect(extractMetricValue(metric('unique_count', 'user'), { properties: { user: 42 } })).toEqual({
      ok: true,
      value: null,
      distinctValue: '42',
    });
    expect(extractMetricValue(metric('unique_count', 'user'), { properties: { user: '' } })).toMatchObject({ ok: false });
    expect(extractMetricValue(metric('unique_count', 'user'), { properties: { user: { id: 1 } } })).toMatchObject({ ok: false });
    expect(extractMetricValue(metric('unique_count', 'user'), { properties: {} })).toMatchObject({ ok: false, field: 'properties.user' });
  });
});

describe(numericValue.name, () => {
  it.each([
    [1, '1'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e-7, '0.0000001'],
    [123456789012345, '123456789012345'],
    ['-0.000', '0'],
    ['007', null],
    ['1e3', null],
    [1e15, null],
    ['', null],
    [true, null],
  ])('%p → %p', (raw, expected) => {
    expect(numericValue(raw)).toBe(expected);
  });
});

describe(canonicalDecimal.name, () => {
  it.each([
    ['12.500', '12.5'],
    ['-0', '0'],
    ['0.0', '0'],
    ['1e-7', '0.0000001'],
    ['1.5e3', '1500'],
    ['+3', '3'],
    ['000.10', '0.1'],
  ])('%s → %s', (text, expected) => {
    expect(canonicalDecimal(text)).toBe(expected);
  });

  it('spells every finite double as the decimal it prints', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (value) => {
        expect(Number(decimalFromNumber(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('rounds a non-terminating rational half away from zero at the given places', () => {
    expect(formatRational(rational(2, 3), 4)).toBe('0.6667');
    expect(formatRational(rational(-2, 3), 4)).toBe('-0.6667');
    expect(formatRational(rational(1, 8), 2)).toBe('0.13');
  });
});
