/**
 * What issue 18 asks of the document beyond the linters, checked on the document itself so that a regression
 * names its place (the scenarios only see the operations they call):
 *  - no `default` in what a client sends (openapi-typescript makes such a field required);
 *  - PATCH bodies all-optional;
 *  - every 4xx/5xx answer of every operation is the `Problem` schema;
 *  - request and response bodies are named schemas (generators otherwise name them after the operation);
 *  - an enum of several values is written once, as a named schema, not repeated inline.
 */
type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Schema> };
}
interface Operation {
  operationId?: string;
  parameters?: Schema[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const PROBLEM = '#/components/schemas/Problem';
const refName = (schema: Schema | undefined) => (typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined);

/** Every place under `node` where `key` is a keyword (not a property's name), following each $ref once. */
function findKey(document: Document, node: unknown, key: string, path: string, seen = new Set<string>()): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => findKey(document, item, key, `${path}/${index}`, seen));
  if (!node || typeof node !== 'object') return [];
  const name = refName(node as Schema);
  if (name) {
    if (seen.has(name)) return [];
    seen.add(name);
    return findKey(document, document.components.schemas[name], key, `#/components/schemas/${name}`, seen);
  }
  const here = key in node ? [`${path}/${key}`] : [];
  return [
    ...here,
    ...Object.entries(node).flatMap(([child, value]) =>
      child === 'properties' && value && typeof value === 'object'
        ? Object.entries(value).flatMap(([property, schema]) => findKey(document, schema, key, `${path}/properties/${property}`, seen))
        : findKey(document, value, key, `${path}/${child}`, seen),
    ),
  ];
}

function enumsIn(node: unknown, path: string): { path: string; values: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => enumsIn(item, `${path}/${index}`));
  if (!node || typeof node !== 'object') return [];
  const values = (node as Schema).enum;
  const here = Array.isArray(values) && values.length > 1 ? [{ path, values: JSON.stringify([...values].sort()) }] : [];
  return [...here, ...Object.entries(node).flatMap(([key, value]) => (key === 'enum' ? [] : enumsIn(value, `${path}/${key}`)))];
}

export function documentRuleViolations(document: Document): string[] {
  const violations: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      for (const at of findKey(document, [body, operation.parameters], 'default', where))
        violations.push(`${where}: a request default (${at}) makes generated request types require the field; state it in the description`);
      if (body && !refName(body)) violations.push(`${where}: the request body is an inline schema; give it a name`);
      const bodySchema = refName(body) ? document.components.schemas[refName(body) as string] : body;
      if (method === 'patch' && Array.isArray(bodySchema?.required) && bodySchema.required.length > 0)
        violations.push(`${where}: a PATCH body requires ${bodySchema.required.join(', ')}; every field of a PATCH is optional`);
      for (const [status, response] of Object.entries(operation.responses)) {
        const schemas = Object.entries(response.content ?? {});
        if (
          /^[45]/.test(status) &&
          (schemas.length === 0 || schemas.some(([type, media]) => type !== 'application/problem+json' || media.schema?.$ref !== PROBLEM))
        )
          violations.push(`${where}: the ${status} answer is not described by the Problem schema (application/problem+json)`);
        if (/^2/.test(status))
          for (const [type, media] of schemas)
            if (type.endsWith('json') && media.schema && !refName(media.schema))
              violations.push(`${where}: the ${status} answer is an inline schema; give it a name`);
      }
    }
  }
  const enums = [...enumsIn(document.paths, '#/paths'), ...enumsIn(document.components, '#/components')];
  const inline = enums.filter((found) => !/^#\/components\/schemas\/[^/]+$/.test(found.path));
  for (const values of new Set(inline.map((found) => found.values))) {
    const places = enums.filter((found) => found.values === values);
    if (places.length > 1)
      violations.push(
        `the enum ${values} is written ${places.length} times (${places.map((found) => found.path).join(', ')}); name it (enumName)`,
      );
  }
  return violations;
}
