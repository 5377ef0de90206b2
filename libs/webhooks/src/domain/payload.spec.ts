import { domainEvent } from '@billing/kernel';
import { webhookBody } from './payload';

describe(webhookBody.name, () => {
  it('is { id, type, created_at, data: { object } } with the resource as the API shows it', () => {
    const event = domainEvent(
      'webhook.test',
      'invoice',
      'inv_1',
      { id: 'inv_1', total: 1200, lines: [] },
      new Date('2027-03-01T12:00:00Z'),
    );
    expect(webhookBody(event)).toBe(
      `{"id":"${event.id}","type":"webhook.test","created_at":"2027-03-01T12:00:00.000Z","data":{"object":{"id":"inv_1","total":1200,"lines":[]}}}`,
    );
  });

  it('parses back to the payload, Unicode included', () => {
    const body = webhookBody({ id: 'evt_1', type: 'webhook.test', createdAt: new Date(0), data: { name: 'Zoë 株式会社' } });
    expect(JSON.parse(body)).toEqual({
      id: 'evt_1',
      type: 'webhook.test',
      created_at: '1970-01-01T00:00:00.000Z',
      data: { object: { name: 'Zoë 株式会社' } },
    });
  });
});
