import { retryAfterMs, retryingFetch } from './retrying-fetch';

/** A fetch answering `statuses` in turn, recording what it was sent. */
function scripted(statuses: { status: number; retryAfter?: string }[]) {
  const sent: { method: string; key: string | null; body: string; at: number }[] = [];
  const fetcher = async (request: Request) => {
    sent.push({ method: request.method, key: request.headers.get('Idempotency-Key'), body: await request.text(), at: Date.now() });
    const { status, retryAfter } = statuses[Math.min(sent.length - 1, statuses.length - 1)];
    return new Response(JSON.stringify({ status }), { status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });
  };
  return { sent, fetcher };
}

const post = () => new Request('http://api.test/v1/accounts', { method: 'POST', body: '{"name":"Acme"}' });

describe('retryingFetch', () => {
  it('gives a POST an idempotency key and resends the same key and body after a 503', async () => {
    const { sent, fetcher } = scripted([{ status: 503, retryAfter: '0' }, { status: 201 }]);
    const response = await retryingFetch(fetcher)(post());
    expect(response.status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sent[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toMatchObject({ key: sent[0].key, body: '{"name":"Acme"}' });
  });

  it('keeps the idempotency key the caller set, and adds none to a GET', async () => {
    const { sent, fetcher } = scripted([{ status: 200 }]);
    const mine = post();
    mine.headers.set('Idempotency-Key', 'order-42');
    await retryingFetch(fetcher)(mine);
    await retryingFetch(fetcher)(new Request('http://api.test/v1/accounts'));
    expect(sent.map((request) => request.key)).toEqual(['order-42', null]);
  });

  it('waits as Retry-After says after a 429, and gives up after `retries` with the last answer', async () => {
    const { sent, fetcher } = scripted([{ status: 429, retryAfter: '1' }]);
    const response = await retryingFetch(fetcher, { retries: 1 })(new Request('http://api.test/v1/plans'));
    expect(response.status).toBe(429);
    expect(sent).toHaveLength(2);
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a client error', async () => {
    const { sent, fetcher } = scripted([{ status: 422 }]);
    expect((await retryingFetch(fetcher)(post())).status).toBe(422);
    expect(sent).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2027-01-01T00:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('Fri, 01 Jan 2027 00:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
