import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiSchema,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';

@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'currency' }) field: string;
  @ApiProperty({ example: 'must be a supported ISO 4217 code' }) message: string;
}

/**
 * RFC 9457 problem details: the body of every error answer. Some carry more members (`details` of a readiness
 * check, `failures` of a clock advance): additional properties are allowed.
 */
@ApiSchema({ name: 'Problem', description: 'RFC 9457 problem details, the body of every error answer; `code` is stable.' })
export class ProblemSchema {
  @ApiProperty({ example: 'urn:billing:problem:validation_failed' }) type: string;
  @ApiProperty({ example: 'Unprocessable Content' }) title: string;
  @ApiProperty({ type: 'integer', example: 422 }) status: number;
  @ApiProperty({ example: 'The request has invalid fields.' }) detail: string;
  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable error code.' }) code: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema] }) errors?: FieldErrorSchema[];
}

export const problemContent = { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } };

/** The error answers every route may give besides auth ones: 400 malformed JSON, 422 validation. */
export function ApiProblems(...extra: ('not_found' | 'conflict')[]) {
  return applyDecorators(
    ApiExtraModels(ProblemSchema, FieldErrorSchema),
    ApiBadRequestResponse({ description: 'Malformed JSON (code `malformed_json`).', content: problemContent }),
    ApiUnprocessableEntityResponse({ description: 'Invalid fields (code `validation_failed`).', content: problemContent }),
    ...(extra.includes('not_found')
      ? [ApiNotFoundResponse({ description: 'Unknown id (code `not_found`).', content: problemContent })]
      : []),
    ...(extra.includes('conflict') ? [ApiConflictResponse({ description: 'State conflict.', content: problemContent })] : []),
  );
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The named schema of a list answer `{ data, has_more, next_cursor }` of `model` (`AccountResponse` →
 * `AccountPage`), one per model: generators then name the type after it instead of after the operation.
 */
export function pageOf(model: Type<unknown>): Type<unknown> {
  const known = pages.get(model);
  if (known) return known;
  class Page {}
  ApiSchema({
    name: `${model.name.replace(/(Response|Schema)$/, '')}Page`,
    description: `A page of ${model.name.replace(/(Response|Schema)$/, '')} items.`,
  })(Page);
  ApiProperty({ type: [model] })(Page.prototype, 'data');
  ApiProperty({ type: Boolean, description: 'Whether another page follows: pass `next_cursor` as `cursor` to get it.' })(
    Page.prototype,
    'has_more',
  );
  ApiProperty({ type: String, nullable: true, description: 'The cursor of the next page, null on the last page.' })(
    Page.prototype,
    'next_cursor',
  );
  pages.set(model, Page);
  return Page;
}

/** A list answer `{ data, has_more, next_cursor }` of `model`. */
export function ApiPage(model: Type<unknown>) {
  return applyDecorators(ApiExtraModels(model), ApiOkResponse({ type: pageOf(model) }));
}
