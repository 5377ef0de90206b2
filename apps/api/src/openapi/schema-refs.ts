import { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Node = SchemaObject | ReferenceObject;

/**
 * Nest writes a property of a named schema (a named enum) as `{ allOf: [{ $ref }] }`, with siblings or alone:
 *  - alone, it becomes the `$ref` itself (Redocly's `no-illogical-composition-keywords`: an allOf of one);
 *  - nullable, it gets the referenced schema's `type` beside it, which OpenAPI 3.0 requires of `nullable`
 *    (Redocly's `nullable-type-sibling`), so that generators read `X | null`.
 */
export function tidySchemaRefs(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const tidy = (schema: Node): Node => {
    if ('$ref' in schema) return schema;
    const lone = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
    if (lone && '$ref' in lone && Object.keys(schema).length === 1) return lone;
    const target = lone && '$ref' in lone ? schemas[lone.$ref.split('/').pop() ?? ''] : undefined;
    if (schema.nullable && !schema.type && target && !('$ref' in target)) schema.type = target.type;
    const properties = schema.properties ?? {};
    for (const [name, property] of Object.entries(properties)) properties[name] = tidy(property);
    if (schema.items) schema.items = tidy(schema.items);
    return schema;
  };
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = tidy(schema);
}
