import { DomainError, ValidationFailed } from '@billing/kernel';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { unstorableText } from './json-guard';

/**
 * Path parameters and query filters reach SQL as text, so they get the checks bodies get: a path id that
 * could not be stored (NUL, an unpaired surrogate) names nothing that exists (404), a filter that could not
 * be stored is 422 naming it. Bodies are checked as they are parsed (json-body.ts).
 */
@Injectable()
export class TextInputsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' && typeof value === 'string' && unstorableText(value)) {
      throw new DomainError('not_found', 'not_found', 'Nothing exists with this id.');
    }
    if (metadata.type === 'query' && typeof value === 'object' && value !== null) {
      for (const [field, item] of Object.entries(value)) {
        const problem = [item]
          .flat()
          .map((text) => (typeof text === 'string' ? unstorableText(text) : null))
          .find(Boolean);
        if (problem) throw new ValidationFailed([{ field, message: problem }]);
      }
    }
    return value;
  }
}
