import { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * A nullable property of a named schema comes out of Nest as `{ nullable: true, allOf: [{ $ref }] }`, which
 * OpenAPI 3.0 only allows beside a `type` (Redocly's `nullable-type-sibling`): the referenced schema's type is
 * copied next to it, so that generators read `X | null`.
 */
export function typeNullableRefs(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const visit = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema || '$ref' in schema) return;
    const target =
      schema.allOf?.length === 1 && '$ref' in schema.allOf[0] ? schemas[schema.allOf[0].$ref.split('/').pop() ?? ''] : undefined;
    if (schema.nullable && !schema.type && target && !('$ref' in target)) schema.type = target.type;
    Object.values(schema.properties ?? {}).forEach(visit);
    if (schema.items) visit(schema.items);
  };
  Object.values(schemas).forEach(visit);
}
