import { inspectJson, MAX_JSON_DEPTH } from './json-guard';

describe(inspectJson.name, () => {
  it.each([
    ['a plain object', '{"name":"Acme","address":{"city":"Łódź"},"tags":["a","b"]}'],
    ['escaped quotes and backslashes', '{"name":"say \\"hi\\" \\\\ there"}'],
    ['a surrogate pair (emoji)', '{"name":"\\ud83d\\ude00 😀"}'],
    ['the same key in different objects', '{"a":{"x":1},"b":{"x":2}}'],
    ['nesting at the limit', `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`],
  ])('lets %s through', (_case, text) => {
    expect(inspectJson(text)).toBeNull();
  });

  it.each([
    ['a NUL in a value', '{"name":"a\\u0000b"}', 'name', /NUL/],
    [
      'a NUL in a nested array item',
      '{"charges":[{"prices":[{"currency":"US"},{"currency":"\\u0000"}]}]}',
      'charges[0].prices[1].currency',
      /NUL/,
    ],
    ['a lone high surrogate', '{"address":{"city":"\\ud800"}}', 'address.city', /surrogate/],
    ['a lone low surrogate', '{"events":[{"id":"\\udc00x"}]}', 'events[0].id', /surrogate/],
    ['a NUL in a key', '{"metadata":{"a\\u0000":"b"}}', 'metadata.a\u0000', /NUL/],
    ['a duplicate key', '{"name":"a","email":"e","name":"b"}', 'name', /more than once/],
    [
      'nesting past the limit',
      `{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`,
      `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`,
      /deeper/,
    ],
  ])('refuses %s, naming the field', (_case, text, field, message) => {
    const problem = inspectJson(text);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });

  it('walks 10 000 levels of nesting without recursion', () => {
    expect(inspectJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)?.message).toMatch(/deeper/);
  });
});
