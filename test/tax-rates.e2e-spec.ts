import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import request from 'supertest';

describe('Tax rates API', () => {
  let platform: TestPlatform;
  const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  const create = (body: object, headers: Record<string, string> = auth) =>
    request(platform.http).post('/v1/tax-rates').set(headers).send(body);
  const patch = (id: string, body: object, headers: Record<string, string> = auth) =>
    request(platform.http).patch(`/v1/tax-rates/${id}`).set(headers).send(body);
  const get = (path: string, headers: Record<string, string> = auth) => request(platform.http).get(path).set(headers);
  /** The fields named by a 422, once each (a field may fail several constraints). */
  const fields = (response: request.Response): string[] => [
    ...new Set<string>((response.body.errors ?? []).map((error: { field: string }) => error.field)),
  ];

  describe('create and read', () => {
    it('creates an exclusive country-wide rate with the defaults and reads it back', async () => {
      const response = await create({ name: 'TVA FR', percentage: '20.0', country: 'FR' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^txr_[0-9A-Za-z]{22}$/),
        object: 'tax_rate',
        name: 'TVA FR',
        description: null,
        percentage: '20.0',
        country: 'FR',
        region: null,
        inclusive: false,
        active: true,
        created_at: expect.any(String),
        updated_at: response.body.created_at,
      });
      expect(new Date(response.body.created_at).toISOString()).toBe(response.body.created_at);
      const read = await get(`/v1/tax-rates/${response.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(response.body);
    });

    it('creates an inclusive regional rate with a description', async () => {
      const body = { name: 'CA sales tax', percentage: '7.25', country: 'US', region: 'CA', inclusive: true, description: 'California' };
      const response = await create(body);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ ...body, active: true });
    });

    it.each([
      ['19', '19.0'],
      ['7.50', '7.5'],
      ['0', '0.0'],
      ['05.1230', '5.123'],
      ['99.9999', '99.9999'],
    ])('answers the percentage "%s" as "%s", and so does every read', async (percentage, canonical) => {
      const response = await create({ name: `Rate ${percentage}`, percentage, country: 'CA', region: `R${percentage}` });
      expect(response.status).toBe(201);
      expect(response.body.percentage).toBe(canonical);
      expect((await get(`/v1/tax-rates/${response.body.id}`)).body.percentage).toBe(canonical);
    });

    it('trims the region', async () => {
      const response = await create({ name: 'ON HST', percentage: '13', country: 'CA', region: ' ON ' });
      expect(response.status).toBe(201);
      expect(response.body.region).toBe('ON');
    });

    it('answers 404 for an unknown rate', async () => {
      const response = await get('/v1/tax-rates/txr_unknown');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'not_found', status: 404 });
    });
  });

  describe('list', () => {
    let de: { id: string };
    let at: { id: string };

    beforeAll(async () => {
      de = (await create({ name: 'VAT DE', percentage: '19', country: 'DE' })).body;
      at = (await create({ name: 'VAT AT', percentage: '20', country: 'AT' })).body;
      expect((await patch(de.id, { active: false })).status).toBe(200);
    });

    it('lists rates newest first in the list envelope, page by page', async () => {
      const first = await get('/v1/tax-rates?limit=1');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ data: [expect.objectContaining({ id: at.id })], has_more: true, next_cursor: expect.any(String) });
      const second = await get(`/v1/tax-rates?limit=1&cursor=${first.body.next_cursor}`);
      expect(second.body.data).toEqual([expect.objectContaining({ id: de.id })]);
    });

    it('filters by country', async () => {
      const response = await get('/v1/tax-rates?country=AT');
      expect(response.status).toBe(200);
      expect(response.body.data.map((rate: { id: string }) => rate.id)).toEqual([at.id]);
    });

    it('filters by active', async () => {
      const inactive = await get('/v1/tax-rates?active=false');
      expect(inactive.body.data.map((rate: { id: string }) => rate.id)).toEqual([de.id]);
      const active = await get('/v1/tax-rates?active=true&limit=100');
      expect(active.body.data.length).toBeGreaterThan(1);
      expect(active.body.data.every((rate: { active: boolean }) => rate.active)).toBe(true);
      expect((await get('/v1/tax-rates?country=DE&active=true')).body.data).toEqual([]);
    });

    it.each([
      ['a lower-case country', 'country=at', 'country'],
      ['an active that is not a boolean', 'active=yes', 'active'],
      ['a limit beyond 100', 'limit=101', 'limit'],
      ['a cursor it never gave', 'cursor=nope', 'cursor'],
    ])('answers 422 for %s', async (_case, query, field) => {
      const response = await get(`/v1/tax-rates?${query}`);
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual([field]);
    });
  });

  describe('validation', () => {
    const valid = { name: 'VAT', percentage: '21', country: 'NL' };

    it.each([
      ['no name', { name: undefined }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name'],
      ['no percentage', { percentage: undefined }, 'percentage'],
      ['a percentage as a number', { percentage: 21 }, 'percentage'],
      ['a percentage of 100', { percentage: '100' }, 'percentage'],
      ['a negative percentage', { percentage: '-1' }, 'percentage'],
      ['a percentage with 5 decimals', { percentage: '20.12345' }, 'percentage'],
      ['a percentage in exponent notation', { percentage: '2e1' }, 'percentage'],
      ['a percentage with a comma', { percentage: '20,5' }, 'percentage'],
      ['a percentage that is not a number', { percentage: 'twenty' }, 'percentage'],
      ['no country', { country: undefined }, 'country'],
      ['an unknown country', { country: 'XX' }, 'country'],
      ['a lower-case country', { country: 'nl' }, 'country'],
      ['an alpha-3 country', { country: 'NLD' }, 'country'],
      ['a blank region', { region: '  ' }, 'region'],
      ['a region of 101 characters', { region: 'x'.repeat(101) }, 'region'],
      ['a region that is not a string', { region: 5 }, 'region'],
      ['an inclusive that is not a boolean', { inclusive: 'yes' }, 'inclusive'],
      ['a description that is not a string', { description: 42 }, 'description'],
      ['a description of 1001 characters', { description: 'x'.repeat(1001) }, 'description'],
      ['an unknown field', { rate: 21 }, 'rate'],
    ])('answers 422 for %s, naming %s', async (_case, overrides, field) => {
      const response = await create({ ...valid, ...overrides });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(fields(response)).toEqual([field]);
    });

    it('names every invalid field of one request', async () => {
      const response = await create({ name: '', percentage: '120', country: 'ZZ' });
      expect(response.status).toBe(422);
      expect(fields(response).sort()).toEqual(['country', 'name', 'percentage']);
    });

    it('stores nothing for a refused request', async () => {
      await create({ ...valid, percentage: '100' });
      expect((await get('/v1/tax-rates?country=NL')).body.data).toEqual([]);
    });
  });

  describe('one active rate per place', () => {
    it('answers 409 tax_rate_exists for a second active rate of a country, naming the first', async () => {
      const first = await create({ name: 'VAT BE', percentage: '21', country: 'BE' });
      expect(first.status).toBe(201);
      const second = await create({ name: 'VAT BE again', percentage: '6', country: 'BE' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'tax_rate_exists', status: 409 });
      expect(second.body.detail).toContain(first.body.id);
    });

    it('compares regions case-insensitively, and a region is a place of its own', async () => {
      expect((await create({ name: 'NY', percentage: '4', country: 'US', region: 'NY' })).status).toBe(201);
      expect((await create({ name: 'NY again', percentage: '4', country: 'US', region: 'ny' })).status).toBe(409);
      expect((await create({ name: 'US federal', percentage: '0', country: 'US' })).status).toBe(201);
    });

    it('lets a rate replace a deactivated one, and refuses to reactivate the old one', async () => {
      const old = (await create({ name: 'VAT IE', percentage: '23', country: 'IE' })).body;
      expect((await patch(old.id, { active: false })).body.active).toBe(false);
      const replacement = await create({ name: 'VAT IE 2027', percentage: '22', country: 'IE' });
      expect(replacement.status).toBe(201);
      const reactivate = await patch(old.id, { active: true });
      expect(reactivate.status).toBe(409);
      expect(reactivate.body.code).toBe('tax_rate_exists');
      expect((await get(`/v1/tax-rates/${old.id}`)).body.active).toBe(false);
    });
  });

  describe('update', () => {
    let rate: { id: string; name: string; percentage: string; created_at: string };

    beforeAll(async () => {
      rate = (await create({ name: 'IVA ES', percentage: '21', country: 'ES', description: 'Standard' })).body;
    });

    it('renames, clears the description and deactivates', async () => {
      const response = await patch(rate.id, { name: 'IVA general', description: null, active: false });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: rate.id, name: 'IVA general', description: null, active: false, percentage: '21.0' });
      expect(response.body.updated_at >= rate.created_at).toBe(true);
      expect((await get(`/v1/tax-rates/${rate.id}`)).body).toEqual(response.body);
    });

    it.each([
      ['percentage', { percentage: '10' }],
      ['country', { country: 'PT' }],
      ['region', { region: 'CN' }],
      ['inclusive', { inclusive: true }],
    ])('refuses to change the %s (invoices refer to the rate): 422', async (field, body) => {
      const response = await patch(rate.id, body);
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual([field]);
    });

    it.each([
      ['a null name', { name: null }, 'name'],
      ['a blank name', { name: ' ' }, 'name'],
      ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name'],
      ['a null active', { active: null }, 'active'],
      ['an active that is not a boolean', { active: 'no' }, 'active'],
    ])('answers 422 for %s', async (_case, body, field) => {
      const response = await patch(rate.id, body);
      expect(response.status).toBe(422);
      expect(fields(response)).toEqual([field]);
    });

    it('answers 404 for an unknown rate', async () => {
      expect((await patch('txr_unknown', { name: 'X' })).status).toBe(404);
    });
  });

  describe('access', () => {
    it('lets a finance_viewer and a support_rep read tax rates but not create or change them', async () => {
      const { body: rate } = await create({ name: 'VAT LU', percentage: '17', country: 'LU' });
      for (const role of ['finance_viewer', 'support_rep'] as const) {
        const headers = await platform.keyFor(role);
        expect((await get('/v1/tax-rates', headers)).status).toBe(200);
        expect((await get(`/v1/tax-rates/${rate.id}`, headers)).status).toBe(200);
        const refused = await create({ name: 'VAT MT', percentage: '18', country: 'MT' }, headers);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('forbidden');
        expect((await patch(rate.id, { active: false }, headers)).status).toBe(403);
      }
      expect((await get('/v1/tax-rates?country=MT')).body.data).toEqual([]);
    });

    it('lets a billing_admin create and change tax rates', async () => {
      const headers = await platform.keyFor('billing_admin');
      const created = await create({ name: 'VAT MT', percentage: '18', country: 'MT' }, headers);
      expect(created.status).toBe(201);
      expect((await patch(created.body.id, { name: 'VAT Malta' }, headers)).status).toBe(200);
    });

    it('refuses a request without credentials', async () => {
      expect((await request(platform.http).get('/v1/tax-rates')).status).toBe(401);
      expect((await request(platform.http).post('/v1/tax-rates').send({ name: 'X', percentage: '1', country: 'PL' })).status).toBe(401);
    });
  });

  describe('events, audit and idempotency', () => {
    it('stores tax_rate.created and tax_rate.updated with the object, and audit entries', async () => {
      const { body: rate } = await create({ name: 'VAT SE', percentage: '25', country: 'SE' }, { ...auth, 'X-Request-Id': 'req-txr-1' });
      await patch(rate.id, { name: 'Moms' });
      const created = await get('/v1/events?type=tax_rate.created&limit=100');
      expect(created.body.data.find((event: { data: { object: { id: string } } }) => event.data.object.id === rate.id)).toMatchObject({
        type: 'tax_rate.created',
        data: { object: rate },
      });
      const updated = await get('/v1/events?type=tax_rate.updated');
      expect(updated.body.data[0]).toMatchObject({ data: { object: { id: rate.id, name: 'Moms', percentage: '25.0' } } });

      const log = await get(`/v1/audit-log?resource_id=${rate.id}`);
      expect(log.body.data).toEqual([
        expect.objectContaining({
          action: 'update',
          resource_type: 'tax_rate',
          before: expect.objectContaining({ name: 'VAT SE' }),
          after: expect.objectContaining({ name: 'Moms' }),
        }),
        expect.objectContaining({ action: 'create', resource_type: 'tax_rate', request_id: 'req-txr-1', before: null, after: rate }),
      ]);
    });

    it('records nothing for a patch that changes nothing', async () => {
      const { body: rate } = await create({ name: 'VAT FI', percentage: '25.5', country: 'FI' });
      const response = await patch(rate.id, { name: 'VAT FI', active: true });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(rate);
      expect((await get(`/v1/audit-log?resource_id=${rate.id}`)).body.data).toHaveLength(1);
    });

    it('replays a create sent twice with the same Idempotency-Key', async () => {
      const body = { name: 'VAT DK', percentage: '25', country: 'DK' };
      const first = await create(body, { ...auth, 'Idempotency-Key': 'txr-key-1' });
      const second = await create(body, { ...auth, 'Idempotency-Key': 'txr-key-1' });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
    });
  });

  it('describes tax rates in the OpenAPI document', async () => {
    const document = (await request(platform.http).get('/docs-json')).body;
    expect(document.paths['/v1/tax-rates'].post.operationId).toBe('createTaxRate');
    expect(document.paths['/v1/tax-rates'].get.operationId).toBe('listTaxRates');
    expect(document.paths['/v1/tax-rates/{id}'].get.operationId).toBe('getTaxRate');
    expect(document.paths['/v1/tax-rates/{id}'].patch.operationId).toBe('updateTaxRate');
    expect(Object.keys(document.components.schemas.TaxRateResponse.properties).sort()).toEqual([
      'active',
      'country',
      'created_at',
      'description',
      'id',
      'inclusive',
      'name',
      'object',
      'percentage',
      'region',
      'updated_at',
    ]);
    expect(document.components.schemas.TaxRateResponse.required).toEqual(
      expect.arrayContaining(['id', 'object', 'name', 'percentage', 'country', 'region', 'inclusive', 'active', 'created_at']),
    );
  });
});
