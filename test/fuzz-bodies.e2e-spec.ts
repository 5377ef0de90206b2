import { startTestPlatform, TEST_BOOTSTRAP_KEY, TestPlatform } from '@billing/testing';
import fc from 'fast-check';
import request from 'supertest';

const auth = { Authorization: `Bearer ${TEST_BOOTSTRAP_KEY}` };

interface Operation {
  method: 'post' | 'patch';
  path: string;
  fields: string[];
}

/** Strings that break storage or parsing: NUL, lone surrogates, long runs, and anything else. */
const nastyString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udc00x', 'x'.repeat(5000), '', ' ', '💸', '__proto__', '1e308'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 0.1, -0, Number.MAX_SAFE_INTEGER, 1e-300);
const nested = fc.integer({ min: 20, max: 2000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    hugeNumber,
    fc.boolean(),
    fc.constant(null),
    nested,
    fc.array(tie('any'), { maxLength: 3 }),
    fc.dictionary(nastyString, tie('any'), { maxKeys: 3 }),
  ),
})).any;

/** A body for an operation: usually an object of its own fields with odd values, sometimes anything at all. */
const bodyFor = (operation: Operation) =>
  fc.oneof(
    fc.record(Object.fromEntries(operation.fields.map((field) => [field, value])), { requiredKeys: [] }),
    value,
    fc.constantFrom('{"a":1,"a":2}', '{"name":"x"', 'null', '[]', '"text"'),
  );

/** Random JSON to every POST and PATCH route of the OpenAPI document: a 4xx at worst, never a 5xx. */
describe('Every body route under random JSON', () => {
  let platform: TestPlatform;
  let operations: Operation[];

  beforeAll(async () => {
    platform = await startTestPlatform();
    const document = (await request(platform.http).get('/docs-json')).body;
    const fieldsOf = (schema: { $ref?: string; properties?: Record<string, unknown> } | undefined): string[] => {
      const resolved = schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop() as string] : schema;
      return Object.keys(resolved?.properties ?? {});
    };
    operations = Object.entries(
      document.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: never }> } }>>,
    ).flatMap(([path, methods]) =>
      (['post', 'patch'] as const)
        .filter((method) => methods[method])
        .map((method) => ({
          method,
          path: path.replace(/\{[^}]+\}/g, 'id_fuzz'),
          fields: fieldsOf(methods[method].requestBody?.content?.['application/json']?.schema),
        })),
    );
  });
  afterAll(() => platform.close());

  it('covers the routes', () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  it('never answers 5xx', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      await fc
        .assert(
          fc.asyncProperty(bodyFor(operation), async (body) => {
            const text = typeof body === 'string' && /^[[{"n]/.test(body) ? body : JSON.stringify(body);
            const call = request(platform.http);
            const response = await call[operation.method](operation.path)
              .set(auth)
              .set('Content-Type', 'application/json')
              .send(text ?? 'null');
            if (response.status >= 500)
              failures.push(`${operation.method.toUpperCase()} ${operation.path} ${response.status} ${text?.slice(0, 200)}`);
            return response.status < 500;
          }),
          { numRuns: 25 },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
