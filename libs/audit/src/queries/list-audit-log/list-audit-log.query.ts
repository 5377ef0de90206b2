import { Page, PageRequest } from '@billing/core';
import { Query } from '@nestjs/cqrs';
import { AuditLogEntryView } from '../audit-log-entry.view';

export class ListAuditLogQuery extends Query<Page<AuditLogEntryView>> {
  constructor(
    readonly filters: { resourceId?: string; actor?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}
