import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';

export class FieldErrorSchema {
  @ApiProperty({ example: 'currency' }) field: string;
  @ApiProperty({ example: 'must be a supported ISO 4217 code' }) message: string;
}

/** RFC 9457 problem details. */
export class ProblemSchema {
  @ApiProperty({ example: 'urn:billing:problem:validation_failed' }) type: string;
  @ApiProperty({ example: 'Unprocessable Content' }) title: string;
  @ApiProperty({ type: 'integer', example: 422 }) status: number;
  @ApiProperty({ example: 'The request has invalid fields.' }) detail: string;
  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable error code.' }) code: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema] }) errors?: FieldErrorSchema[];
}

const problemContent = { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } };

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

/** A list answer `{ data, has_more, next_cursor }` of `model`. */
export function ApiPage(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['data', 'has_more', 'next_cursor'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          has_more: { type: 'boolean' },
          next_cursor: { type: 'string', nullable: true },
        },
      },
    }),
  );
}
