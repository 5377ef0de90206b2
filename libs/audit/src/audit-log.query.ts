import { Page, PageRequest, paginate } from '@billing/core';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEntity } from './audit.entity';

export interface AuditLogEntryView {
  id: string;
  actor: { type: string; id: string; role: string };
  request_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string;
  before: unknown;
  after: unknown;
  created_at: string;
}

export class ListAuditLogQuery extends Query<Page<AuditLogEntryView>> {
  constructor(
    readonly filters: { resourceId?: string; actor?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListAuditLogQuery)
export class ListAuditLogHandler implements IQueryHandler<ListAuditLogQuery> {
  constructor(@InjectRepository(AuditEntity) private readonly entries: Repository<AuditEntity>) {}

  execute({ filters, page }: ListAuditLogQuery) {
    const query = this.entries.createQueryBuilder('entry');
    if (filters.resourceId) query.andWhere('entry.resourceId = :resourceId', { resourceId: filters.resourceId });
    if (filters.actor) query.andWhere('entry.actorId = :actor', { actor: filters.actor });
    return paginate(query, page, toAuditLogEntryView);
  }
}

function toAuditLogEntryView(entry: AuditEntity): AuditLogEntryView {
  return {
    id: entry.id,
    actor: { type: entry.actorType, id: entry.actorId, role: entry.actorRole },
    request_id: entry.requestId,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    before: entry.before,
    after: entry.after,
    created_at: entry.createdAt.toISOString(),
  };
}
