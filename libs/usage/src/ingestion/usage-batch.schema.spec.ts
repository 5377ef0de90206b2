import { checkBatchShape, MAX_EVENTS_PER_BATCH } from './usage-batch.schema';

const valid = (overrides: Record<string, unknown> = {}) => ({
  id: 'evt-1',
  subscription_id: 'sub_1',
  metric_code: 'api_calls',
  timestamp: '2027-03-01T12:00:00Z',
  ...overrides,
});

const fieldsOf = (body: unknown) => {
  const shape = checkBatchShape(body);
  return shape.ok ? [] : shape.errors.map((error) => error.field);
};

describe(checkBatchShape.name, () => {
  it('accepts a batch of well-formed events', () => {
    const shape = checkBatchShape({
      events: [
        valid(),
        valid({
          id: 'evt-2',
          subscription_id: undefined,
          account_id: 'acct_1',
          value: 12.5,
          properties: { region: 'eu', nested: { a: [1] } },
        }),
        valid({ id: 'evt-3', value: '-0.25', timestamp: '2027-03-01T12:00:00.123+02:00' }),
      ].map((event) => JSON.parse(JSON.stringify(event))),
    });
    expect(shape.ok).toBe(true);
  });

  it('accepts 1000 events and refuses 1001, naming `events`', () => {
    const events = (count: number) => Array.from({ length: count }, (_, index) => valid({ id: `evt-${index}` }));
    expect(checkBatchShape({ events: events(MAX_EVENTS_PER_BATCH) }).ok).toBe(true);
    expect(checkBatchShape({ events: events(MAX_EVENTS_PER_BATCH + 1) })).toEqual({
      ok: false,
      errors: [{ field: 'events', message: 'must list at most 1000 events' }],
    });
  });

  it('refuses an empty batch and a body that is not { events: [...] }', () => {
    expect(fieldsOf({ events: [] })).toEqual(['events']);
    expect(fieldsOf(undefined)).toEqual(['events']);
    expect(fieldsOf([valid()])).toEqual(['events']);
    expect(fieldsOf({ events: valid() })).toEqual(['events']);
    expect(fieldsOf({ events: [valid()], extra: 1 })).toEqual(['extra']);
  });

  it('names every failing field of every failing event', () => {
    const body = {
      events: [
        valid(),
        valid({ id: 'evt-2', metric_code: 'API Calls' }),
        valid({ id: '', timestamp: '2027-03-01 12:00' }),
        valid({ id: 'evt-4', timestamp: '2027-03-01T12:00:00' }),
        valid({ id: 'evt-5', value: 'twelve' }),
        valid({ id: 'evt-6', value: '1e3' }),
        valid({ id: 'evt-7', subscription_id: undefined }),
        valid({ id: 'evt-8', account_id: 'acct_1' }),
        valid({ id: 'evt-9', colour: 'red' }),
        valid({ id: 'evt 10' }),
        'not an event',
        valid({ id: 'evt-12', metric_code: undefined, properties: 'x' }),
        valid({ id: 'evt-13', value: null }),
      ].map((event) => JSON.parse(JSON.stringify(event))),
    };
    expect(checkBatchShape(body)).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { field: 'events[1].metric_code', message: expect.stringMatching(/metric code/) },
        { field: 'events[2].id', message: expect.stringMatching(/visible ASCII/) },
        { field: 'events[2].timestamp', message: expect.stringMatching(/RFC 3339/) },
        { field: 'events[3].timestamp', message: expect.stringMatching(/RFC 3339/) },
        { field: 'events[4].value', message: expect.stringMatching(/number or a decimal string/) },
        { field: 'events[5].value', message: expect.any(String) },
        { field: 'events[6].subscription_id', message: 'is required (or give account_id)' },
        { field: 'events[7].subscription_id', message: 'give subscription_id or account_id, not both' },
        { field: 'events[8].colour', message: 'is not a field of this object' },
        { field: 'events[9].id', message: expect.any(String) },
        { field: 'events[10]', message: 'must be an object' },
        { field: 'events[11].metric_code', message: 'is required' },
        { field: 'events[11].properties', message: expect.any(String) },
        { field: 'events[12].value', message: expect.any(String) },
      ]),
    });
    expect(fieldsOf(body)).toHaveLength(14);
    expect(fieldsOf(body).some((field) => field.startsWith('events[0]'))).toBe(false);
  });

  it('lists one error per field, at most 1000', () => {
    const events = Array.from({ length: 1000 }, (_, index) => ({ id: `evt-${index}`, timestamp: 'yesterday', metric_code: 'X' }));
    const shape = checkBatchShape({ events });
    expect(shape.ok).toBe(false);
    if (!shape.ok) {
      expect(shape.errors).toHaveLength(1000);
      expect(new Set(shape.errors.map((error) => error.field)).size).toBe(1000);
    }
  });
});
