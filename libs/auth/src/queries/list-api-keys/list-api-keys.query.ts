import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { ApiKeyView } from '../api-key.view';

/** Live keys only: revoked keys are not listed. */
export class ListApiKeysQuery extends Query<Page<ApiKeyView>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
