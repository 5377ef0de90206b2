import { checkMetricInput, DefineMetricInput, Metric } from './metric';

describe(checkMetricInput.name, () => {
  const base = { code: 'api_calls', name: 'API calls' };

  it.each<DefineMetricInput>([
    { ...base, aggregation: 'count' },
    { ...base, aggregation: 'count', field: null },
    { ...base, aggregation: 'sum' },
    { ...base, aggregation: 'sum', field: 'bytes' },
    { ...base, aggregation: 'max', field: 'seats' },
    { ...base, aggregation: 'latest' },
    { ...base, aggregation: 'unique_count', field: 'user_id' },
    { ...base, code: 'a.b-c_9', aggregation: 'count' },
  ])('accepts %j', (input) => {
    expect(checkMetricInput(input).list).toEqual([]);
  });

  it.each<[string, DefineMetricInput, string[]]>([
    ['count with a field', { ...base, aggregation: 'count', field: 'bytes' }, ['field']],
    ['unique_count without a field', { ...base, aggregation: 'unique_count' }, ['field']],
    ['an unknown aggregation', { ...base, aggregation: 'avg' as never }, ['aggregation']],
    ['an upper-case code', { ...base, code: 'API', aggregation: 'count' }, ['code']],
    ['a code with a space', { ...base, code: 'a b', aggregation: 'count' }, ['code']],
    ['a code of 101 characters', { ...base, code: 'a'.repeat(101), aggregation: 'count' }, ['code']],
    ['an empty code', { ...base, code: '', aggregation: 'count' }, ['code']],
    ['a blank name', { ...base, name: '  ', aggregation: 'count' }, ['name']],
    ['an empty field', { ...base, aggregation: 'sum', field: '' }, ['field']],
    ['a field of 101 characters', { ...base, aggregation: 'sum', field: 'f'.repeat(101) }, ['field']],
  ])('refuses %s', (_, input, fields) => {
    expect(checkMetricInput(input).list.map((error) => error.field)).toEqual(fields);
  });
});

describe(Metric.name, () => {
  it('defines a metric with a bm_ id and raises metric.created with its state, once', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const metric = Metric.define({ code: 'storage', name: 'Storage', aggregation: 'max' }, now);
    expect(metric.id).toMatch(/^bm_/);
    expect(metric.snapshot()).toEqual({ id: metric.id, code: 'storage', name: 'Storage', aggregation: 'max', field: null, createdAt: now });
    expect(metric.pullEvents()).toEqual([{ type: 'metric.created', state: metric.snapshot(), at: now }]);
    expect(metric.pullEvents()).toEqual([]);
  });

  it('throws a 422 naming the field', () => {
    expect(() => Metric.define({ code: 'x', name: 'X', aggregation: 'count', field: 'y' }, new Date())).toThrow(
      expect.objectContaining({ code: 'validation_failed', errors: [{ field: 'field', message: expect.any(String) }] }),
    );
  });
});
