import { Query } from '@nestjs/cqrs';
import { ApiKeyView } from '../api-key.view';

/** Revoked keys are gone for readers: neither listed nor found by id. */
export class GetApiKeyQuery extends Query<ApiKeyView> {
  constructor(readonly apiKeyId: string) {
    super();
  }
}
