import { OpenAPIObject } from '@nestjs/swagger';
import { describeEvents } from '../events/event-catalogue';
import { describeOperations } from './operation-descriptions';
import { nameInlineSchemas } from './inline-schemas';
import { tidySchemaRefs } from './schema-refs';
import { describeProblems } from './problem-responses';

/** What decorators cannot say about the whole document, filled in after Nest has built it. */
export function describeDocument(document: OpenAPIObject): OpenAPIObject {
  nameInlineSchemas(document);
  describeProblems(document);
  describeOperations(document);
  describeEvents(document);
  tidySchemaRefs(document);
  return document;
}
